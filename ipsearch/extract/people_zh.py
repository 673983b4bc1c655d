"""Chinese person names in Chinese text, Simplified and Traditional, that no lexicon lists.

News writes an official's name beside an office title, in either order ("局长申长雨",
"于智勇局長", "黃福來先生"), or right before a speech verb at the start of a clause
("毛静秋出席", "李强表示"). A name is a common surname (one character or two: 欧阳, 司马)
and one or two given characters. The rules here take a candidate only when it sits between
two boundaries (a title, a speech verb, a connector, punctuation, the end of an office's
name) and none of its given characters is one that names never use but office and place
words always do (局, 省, 国, 副 ...): a title next to an office word ("合作司司长",
"江苏省省长", "韩国大使") never yields a person.

Japanese and Korean officials written in Han characters follow the same shapes; those whose
surname is also a common Chinese surname are found (李仁实, 金永民), the others are left to
the lexicon.
"""

from __future__ import annotations

import re
import unicodedata

from ..han import HAN

#: Common Chinese surnames, Simplified and Traditional (Korean Kim/Park/Lee/Choi are 金/朴/李/崔).
#: Characters that are surnames but far more often a word of their own right after a title
#: (应 "应邀", 时 "时间", 安 "安排", 常 "常务", 于 "于今日") are left out on purpose.
SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖田董袁潘蒋蔣蔡余杜叶葉程"
    "苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱丘江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵"
    "全习習万萬钱錢严嚴覃武戴莫孔汤湯申甘柴聂聶褚易乔喬关關滕文游洪邢郦酈施梅盛毕畢伊苗柯翁詹涂纪紀连連傅鲁魯倪温溫阮邬鄔单單解仇"
    "车車牛葛左康殷齐齊辛管庞龐戚祝凌霍虞柳包鲍鮑俞祁尚章岳穆舒缪繆骆駱季卓蒲费費宁寧闻聞焦巫隋邝鄺麦麥冼伍简簡饶饒钮鈕杭姬朴"
    "寿壽裴晏蓝藍闵閔冉屠迟遲阎閻臧庄莊甄鞠"
    # Korean surnames: 樸 is how Traditional script writes Park (朴), 裵 Bae, 禹 Woo, 玄 Hyun, 卞 Byun
    "樸裵禹玄卞"
)
#: Surnames that are mostly a word of their own (于 "at", 应 "应邀"): taken only before a title,
#: after the end of an office's name or punctuation ("山东省知识产权局于智勇局长").
WEAK_SURNAMES = frozenset("于於应應安时時常向")
#: Common Japanese surnames as Chinese and Japanese texts write them (日本特许厅长官滨野幸一, 中岛诚);
#: a Japanese given name has one to three characters (坂田奈津子).
JAPANESE_SURNAMES = frozenset(
    """佐藤 铃木 鈴木 高桥 高橋 田中 渡边 渡邊 渡辺 伊藤 山本 中村 小林 加藤 吉田 山田 佐佐木 佐々木 山口 松本 井上 木村
    清水 山崎 池田 桥本 橋本 阿部 石川 山下 中岛 中島 石井 小川 前田 冈田 岡田 长谷川 長谷川 藤田 后藤 後藤 近藤
    村上 远藤 遠藤 青木 坂本 斋藤 齋藤 斉藤 福田 太田 西村 藤井 金子 冈本 岡本 藤原 中野 三浦 原田 中川 松田 竹内
    小野 田村 中山 和田 石田 森田 上田 内田 柴田 酒井 宫崎 宮崎 横山 高木 安藤 宫本 宮本 大野 小岛 小島 谷口
    今井 工藤 高田 增田 増田 丸山 杉山 村田 大塚 新井 小山 平野 藤本 河野 上野 野口 武田 松井 岩崎 菅原 木下 久保
    佐野 野村 松尾 市川 菊地 杉本 古川 大西 岛田 島田 水野 樱井 櫻井 桜井 高野 渡部 吉川 山内 西田 饭田 飯田 菅野
    松永 滨野 濱野 浜野 坂田 星野 井户 井戸 细野 細野 岩井 小松 北村 安田 川口 平田 浅野 荒木 冈村 岡村 片山 本田
    须藤 須藤 宫田 宮田 小池 植田 奥村 松村 黑田 黒田 宗像 嶋田 三宅 宫川 宮川 冈部 岡部 堀 大泽 大澤 小泉 安倍
    岸田 菅 石破 野田 鸠山 鳩山 福岛 福島 石原 森本""".split()
)
TWO_CHAR_SURNAMES = frozenset(
    "欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 夏侯 皇甫 令狐 慕容 宇文 长孙 長孫 尉迟 尉遲 公孙 公孫 端木 司徒 司空 澹台 澹臺".split()
)

# Office titles, Simplified and Traditional, with the modifiers written in front of them; two may
# stand together ("常务副局长", "高级政务部长"), and the pair is one title, never "a name" 常务.
_TITLE_MODIFIER = "(?:副|政务|政務|常务|常務|首席|原|前|代理|高级|高級|执行|執行|现任|現任|首任|名誉|名譽|资深|資深){0,2}"
_TITLE_WORDS = (
    "[厅廳局部署]长官|[厅廳局部署]長官|秘书长|秘書長|董事长|董事長|理事长|理事長|检察长|檢察長|执行长|執行長|总经理|總經理|总干事|總幹事|"
    "[局厅廳处處司部院校会會关關署庭次社团團组組科课課队隊市省县縣区區州镇鎮行馆館]长|[局厅廳处處司部院校会會关關署庭次社团團组組科課队隊市省县縣区區州镇鎮行館]長|"
    "主任|主席|总统|總統|总理|總理|首相|大使|公使|参赞|參贊|总领事|總領事|领事|領事|总裁|總裁|总监|總監|经理|經理|"
    "董事|理事|代表|议员|議員|委员|委員|知事|长官|長官|教授|博士|先生|女士|研究员|研究員|书记|書記|"
    "法官|大律师|大律師|律师|律師|太平绅士|太平紳士|主管|专员|專員|审查员|審查員|顾问|顧問|院士|关长|關長|助理|代办|代辦"
)
TITLE = f"{_TITLE_MODIFIER}(?:{_TITLE_WORDS})"
_TITLE_RE = re.compile(TITLE)
#: Words of two characters or more that end a name when they follow it: what a named official
#: does in a news report (speaks, meets, holds a meeting, takes questions, leads a delegation,
#: shares, thanks) and the time words written right after a name ("蒂姆·摩斯举行视频会议",
#: "丘應樺接受採訪", "郝某某分享了"). Read by the dotted foreign names of :mod:`.people` too.
NAME_VERBS = (
    "表示|指出|强调|強調|认为|認為|作为|作為|介绍|介紹|致辞|致辭|致詞|出席|会见|會見|会晤|會晤|会谈|會談|主持|发表|發表|率领|率領|率团|率團|"
    "应邀|應邀|邀请|邀請|会面|會面|今日|昨日|今天|日前|近日|见证|見證|签署|簽署|偕同|陪同|参加|參加|参观|參觀|访问|訪問|宣布|宣佈|透露|希望|提出|回应|回應|一行|分别|分別|共同|前往|"
    "举行|舉行|进行|進行|接受|援引|分享|抵达|抵達|带领|帶領|担任|擔任|出任|回顾|回顧|感谢|感謝|欢迎|歡迎|祝贺|祝賀|表达|表達|期待|"
    "赞赏|讚賞|赞扬|讚揚|通报|通報|听取|聽取|谈到|談到|提到|称赞|稱讚|亲自|親自|专程|專程|随后|隨後|首先|此次|此前|一同|先后|先後"
)
# ... and the one-character verbs and connectors, which only a Chinese name's end is tested against
# (a transliterated name holds some of them: 于, 万).
_VERBS = NAME_VERBS + "|说|說|称|稱|在|和|与|與|及|等|的|也|亦|均|都|将|將|已|曾|同|向|对|對|为|為|就|于|於|则|則|还|還|再|又|率|致|昨|今"
_SPEECH = re.compile(
    "表示|指出|强调|強調|认为|認為|作为|作為|介绍|介紹|致辞|致辭|致詞|出席|会见|會見|主持|发表|發表|率领|率領|率团|率團|应邀|應邀|说|說"
)
_AFTER_NAME = re.compile(rf"(?:[^{HAN}]|{TITLE}|{_VERBS})")
# A name's given characters are never these: office, place, time and function characters.
_NOT_GIVEN = frozenset(
    "省市县縣区區局部厅廳司处處院会會委府馆館署组組校团團等们們年月日届屆期号號副总總席和与與及或在对對为為是的了都将將已"
    "被把从從至到说說称稱表示指出率一二三四五六七八九十百千万萬亿億多各每该該本其此这這那位名人"
    "地者们們要单單短职職命括经經于於级級"  # 高兴地, 向记者, 简要, 简单, 任职, 任命, 包括, 曾经, 关于, 高级
)
#: The words of the trade that stand before a job title ("专利律师", "商标代理人") and that a given
#: name never is.
_FIELD_WORDS = frozenset("专利 專利 商标 商標 产权 產權 版权 版權 知产 知產 法律 技术 技術 审查 審查 代理".split())
# What may stand right before a name written ahead of its title: the end of an office's name,
# a connector, or a title (a name that follows a title and precedes another one).
_BEFORE_NAME = frozenset("局司部院会會处處厅廳署所校团團社室心组組庭关關府馆館行会和与與及由、为為是见見")


def _is_name(candidate: str, *, weak: bool = False) -> bool:
    """``candidate`` is a surname and one or two given characters none of which is an office word
    (``weak``: the surname may be one of :data:`WEAK_SURNAMES`)."""
    if len(candidate) >= 3 and candidate[:2] in JAPANESE_SURNAMES:
        given = candidate[2:]
        # numerals end many Japanese given names (幸一, 敏三)
        return 1 <= len(given) <= 3 and all(
            (ch in "一二三四五六七八九十" or ch not in _NOT_GIVEN) and re.match(f"[{HAN}]", ch) for ch in given
        )
    if len(candidate) >= 3 and candidate[:2] in TWO_CHAR_SURNAMES:
        given = candidate[2:]
    elif len(candidate) == 4 and candidate[0] in SURNAMES and candidate[1] in SURNAMES:
        # a Hong Kong married woman's name: her husband's surname, then her own (林鄭月娥, 陳方安生)
        given = candidate[2:]
    elif candidate[0] in SURNAMES or weak and candidate[0] in WEAK_SURNAMES:
        given = candidate[1:]
    else:
        return False
    if given[-1:] in ("国", "國"):  # 韩国, 美國; 国 inside a given name is common (李国栋)
        return False
    if _TITLE_RE.fullmatch(given):  # "刘主任", "王局长": a surname and a title address someone unnamed
        return False
    if given in _FIELD_WORDS:  # "华孙专利律师": a firm's name and a trade, no person 孙专利
        return False
    if len(given) == 2 and given[0] == "月" and given[1] not in _MONTH_AFTER:
        given = given[1]  # 月 opens many women's given names (月娥, 月华); "月底" is a date
    return 1 <= len(given) <= 2 and all(ch not in _NOT_GIVEN and re.match(f"[{HAN}]", ch) for ch in given)


def is_han_name(candidate: str) -> bool:
    """``candidate`` has the shape of a Chinese, Japanese or Korean name written in Han characters
    (a surname, then one or two given characters none of which is an office or function word)."""
    return _is_name(candidate)


#: What follows 月 in a date word ("月底", "月份", "月中"), never in a given name that opens with 月.
_MONTH_AFTER = frozenset("日份底初中末内內间間度")

_DOTS = re.compile(r"\s?[·・•‧.．]")


def _ends_name(text: str, pos: int) -> bool:
    """A boundary follows ``pos``; a dot does not end a name (伊娃·舍维尔 is one name)."""
    if pos >= len(text):
        return True
    return _AFTER_NAME.match(text, pos) is not None and _DOTS.match(text, pos) is None


def _after_title(text: str, pos: int) -> str | None:
    """The name that starts at ``pos`` right after a title ("局长|王美花("), shortest that fits."""
    while pos < len(text) and text[pos] in " \u3000" and pos < len(text) - 1:
        pos += 1  # "董事長  劉江彬"
    for length in (2, 3, 4, 5):
        candidate = text[pos : pos + length]
        if len(candidate) == length and _is_name(candidate) and _ends_name(text, pos + length):
            return candidate
    return None


_NAME_VERB_RE = re.compile(NAME_VERBS)
#: What marks the clause before a title as Japanese, or as Korean: the country named.
_JAPANESE_CLAUSE = re.compile("日本|日方|特許庁")
_KOREAN_CLAUSE = re.compile("韩国|韓國|韩方|韓方|大韩|大韓")
#: Korean surnames that are common words in Chinese (权 "right", 成 "become", 南 "south"): read as
#: a surname only after the title of a body the clause names as Korean (韩国特许厅厅长成允模).
KOREAN_SURNAMES = frozenset("权權成南河慎秋表奇延琴玉")
_CLAUSE_END = re.compile(f"[^{HAN}A-Za-z0-9]")


def _clause_names(pattern: re.Pattern[str], text: str, start: int) -> bool:
    """The clause that ends at ``start`` (back to the last punctuation) matches ``pattern``."""
    clause = text[max(0, start - 40) : start]
    cut = None
    for cut in _CLAUSE_END.finditer(clause):
        pass
    return pattern.search(clause, cut.end() if cut else 0) is not None


def _korean_after_title(text: str, start: int, end: int) -> str | None:
    """A Korean name (a surname and two given characters) right after the title of a Korean
    body, whose surname is one of :data:`KOREAN_SURNAMES`."""
    candidate = text[end : end + 3]
    if (
        len(candidate) == 3
        and candidate[0] in KOREAN_SURNAMES
        and _ends_name(text, end + 3)
        and all(ch not in _NOT_GIVEN and re.match(f"[{HAN}]", ch) for ch in candidate[1:])
        and _NAME_VERB_RE.search(candidate) is None
        and _clause_names(_KOREAN_CLAUSE, text, start)
    ):
        return candidate
    return None


def _japanese_after_title(text: str, start: int, end: int) -> str | None:
    """A four-character name right after a title of a Japanese office whose surname no list holds
    ("日本……研修館館長大熊雄志、"): Japanese names are mostly two and two characters, so in a
    clause that names Japan four bounded characters that are neither a verb nor an office word
    are taken."""
    if not _clause_names(_JAPANESE_CLAUSE, text, start):
        return None
    candidate = text[end : end + 4]
    if (
        len(candidate) < 4
        or not _ends_name(text, end + 4)
        or _AFTER_NAME.match(candidate) is not None
        or _NAME_VERB_RE.search(candidate) is not None
        or any(ch in _NOT_GIVEN or not re.match(f"[{HAN}]", ch) for ch in candidate[:2])
        # numerals and 和 end or start many Japanese given names (幸一, 和夫)
        or any(ch in _NOT_GIVEN and ch not in "一二三四五六七八九十和" or not re.match(f"[{HAN}]", ch) for ch in candidate[2:])
    ):
        return None
    return candidate


def _before(text: str, end: int) -> str | None:
    """The name that ends at ``end`` right before a title or a speech verb ("於智勇|局長")."""
    found = None
    for length in (2, 3, 4, 5):
        start = end - length
        if start < 0:
            break
        candidate = text[start:end]
        left = text[start - 1] if start > 0 else "\n"
        office_end = not re.match(f"[{HAN}]", left) or left in _BEFORE_NAME
        bounded = office_end or _title_ends_before(text, start)
        if not _is_name(candidate, weak=office_end):  # not "局长|应邀出席"
            continue
        if candidate[:2] in TWO_CHAR_SURNAMES and _inside_title(text, start):
            continue  # "局長孫東教授": 長孫 is a surname, but this 長 ends 局長
        if bounded:
            found = candidate  # the longest that a boundary precedes
        elif found is None and length == 3 and text[start + 1] not in SURNAMES and left not in _TRANSLIT_CHARS:
            # "以色列李雅萍大使": no boundary, but 李 is the only surname in reach
            found = candidate
    return found


#: Characters of transliterated foreign names (希克玛杜罗佐达): a name does not start inside one.
_TRANSLIT_CHARS = frozenset("阿埃艾安奥巴贝本比波伯布查达德迪蒂杜多厄恩法菲弗福盖格古哈海汉赫霍基吉加杰卡凯柯科克库拉莱兰劳勒雷里利"
                            "卢鲁伦罗洛迈曼米莫穆纳娜内尼涅努诺帕佩皮普齐奇切萨塞桑瑟莎沙舍什斯索塔泰坦特提图托瓦娃维温沃乌西希辛亚"
                            "雅耶伊尤扎泽兹佐娅济姆夫尔玛")


def _title_ends_before(text: str, start: int) -> bool:
    return any(m.end() == start for m in _TITLE_RE.finditer(text, max(0, start - 6), start))


def _inside_title(text: str, pos: int) -> bool:
    """The character at ``pos`` is the last of a title ("局長|孫東": 長)."""
    return any(m.start() < pos < m.end() for m in _TITLE_RE.finditer(text, max(0, pos - 6), pos + 1))


#: A title word that these follow names a body or a meeting, not someone's office: "律师事务所"
#: (a law firm: "华孙专利律师事务所" holds no person 孙专利), "代表处", "局长会议".
_BODY_AFTER_TITLE = re.compile("事务所|事務所|协会|協會|学会|學會|会议|會議|[处處]")


def titles(text: str) -> list[re.Match[str]]:
    """Every office title in ``text``: found once, read by :func:`han_names` and by the rule for
    Latin-letter names beside a Chinese title (not a title word that begins a body's name)."""
    return [m for m in _TITLE_RE.finditer(text) if _BODY_AFTER_TITLE.match(text, m.end()) is None]


def han_names(text: str, found_titles: list[re.Match[str]] | None = None) -> list[str]:
    """Chinese person names in ``text`` that stand beside a title or before a speech verb
    (``found_titles``: :func:`titles` of ``text``, when the caller has them)."""
    out: dict[str, None] = {}
    for m in titles(text) if found_titles is None else found_titles:
        name = (
            _after_title(text, m.end())
            or _japanese_after_title(text, m.start(), m.end())
            or _korean_after_title(text, m.start(), m.end())
        )
        if name:
            out[name] = None
        name = _before(text, m.start())
        if name:
            out[name] = None
    for m in _SPEECH.finditer(text):
        name = _before(text, m.start())
        if name is None:
            continue
        start = m.start() - len(name)
        left = text[start - 1] if start > 0 else "\n"
        # at a clause's start only: "会上，李强表示" but not "国务院总理李强表示" (the title found it)
        if not re.match(f"[{HAN}]", left) or left in "和与與及、" or _title_ends_before(text, start):
            out[name] = None
    return list(out)


# A foreign name transliterated into Chinese keeps the consonants of the original in order
# (施密茨 shi-mi-ci / Schmitz, 德马尔提 de-ma-er-ti / Demarty, 鲁兹 lu-zi / Lutz): both sides are read
# as a skeleton of consonant classes, voiced and voiceless together, r as l (Chinese has no r
# between vowels: 罗, 里, 尔), the hisses and affricates as one class.
_LATIN_CONSONANTS = (
    ("sch", "s"), ("tsch", "z"), ("ch", "k"), ("sh", "s"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("gh", "g"),
    ("tz", "z"), ("ts", "z"), ("x", "ks"), ("qu", "k"), ("q", "k"), ("w", "f"), ("v", "f"), ("j", "z"),
    ("b", "p"), ("d", "t"), ("g", "k"), ("r", "l"), ("c", "k"),
)
_PINYIN_INITIALS = (
    ("zh", "z"), ("ch", "z"), ("sh", "s"), ("x", "s"), ("q", "z"), ("j", "z"), ("c", "z"), ("w", "f"),
    ("b", "p"), ("d", "t"), ("g", "k"), ("r", "l"), ("h", "k"),
)
_SKELETON_CLASSES = frozenset("pfkltzsmnh")


def _latin_skeleton(word: str) -> str:
    word = "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if ch.isascii() and ch.isalpha())
    # c before e, i, y sounds s (Lucie, Vincent)
    word = re.sub(r"c(?=[eiy])", "s", word)
    out = []
    i = 0
    while i < len(word):
        for latin, cls in _LATIN_CONSONANTS:
            if word.startswith(latin, i):
                out.append(cls)
                i += len(latin)
                break
        else:
            if word[i] in _SKELETON_CLASSES:
                out.append("k" if word[i] == "h" and i > 0 else word[i])
            i += 1
    skeleton = "".join(ch for ch in out if ch != "h")
    return re.sub(r"(.)\1+", r"\1", skeleton)


def _pinyin_skeleton(syllables: list[str]) -> str:
    out = []
    for syllable in syllables:
        if syllable == "er":
            out.append("l")  # 尔: a final r
            continue
        for initial, cls in _PINYIN_INITIALS:
            if syllable.startswith(initial):
                out.append(cls)
                break
        else:
            if syllable[0] in _SKELETON_CLASSES:
                out.append(syllable[0])
        if syllable.endswith("n") and len(syllable) > 1:
            out.append("n")  # 甘 gan, 森 sen: the n is the original's
    skeleton = "".join(out)
    return re.sub(r"(.)\1+", r"\1", skeleton)


def sounds_alike(han: str, latin: str) -> bool:
    """``han`` (a transliterated name or surname in Chinese, no dot) reads like the Latin word
    ``latin``: their consonant skeletons are the same (施密茨 and Schmitz; not 施密茨 and Smith).
    Three characters at least: two (鲁兹, 摩斯) hold too few consonants to tell two people apart."""
    from pypinyin import lazy_pinyin  # ~1 s to import: only for a page naming someone in both scripts

    return len(han) >= 3 and _pinyin_skeleton(lazy_pinyin(han)) == _latin_skeleton(latin)

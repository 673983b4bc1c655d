"""People: names the lexicon knows, and names that titles, honorifics and speech verbs announce.

"Minister of Justice Marat Beketayev", "Ms. Rakhat Kerimbaeva, Director of", "Grigoriy Ivliev said",
"国际合作司司长王培章". Words the lexicon holds for offices, countries and places never belong to a
name (:func:`not_name_words`, built once per lexicon by :class:`~ipsearch.extract.Extractor`).
"""

from __future__ import annotations

import re
from collections import deque
from itertools import chain

from ..han import HAN
from ..lexicon import Lexicon, Mention, fold_key
from ..people_keys import SURNAME_FIRST, han_pinyin, name_key
from .matching import HAN_CHAR, alternation, anchored_finditer
from .people_zh import NAME_VERBS as _ZH_NAME_VERBS
from .people_zh import TITLE as _ZH_TITLE
from .people_zh import han_names, is_han_name, sounds_alike, titles


_HONORIFIC = r"(?:Mr|Ms|Mrs|Miss|Madam|Dr|Prof|Professor|H\.\s?E|His\s+Excellency|Her\s+Excellency|Sir|Dame|Shri|Smt|Datuk|Dato|Mme|Madame|Mister)\.?"
_TITLE_CORE = (
    r"(?:Commissioner|Director(?:\s*-\s*|\s+)General|Minister[\s-]Counsell?or|Councill?or|Controller|Member|Charg[ée]\s+d['’]Affaires|Director|Head|President|Chairman|Chairwoman|Chairperson|Chair|Minister|"
    r"Secretary(?:\s*-\s*|\s+)General|Secretary|Ambassador|Representative|Counsellor|Counselor|Administrator|Governor|Premier|"
    r"Prime\s+Minister|Chancellor|Mayor|Judge|Senator|Liaison|Envoy|Consul(?:\s*-\s*|\s+)General|Consul|Spokesman|Spokeswoman|"
    r"Spokesperson|CEO|Founder|Manager|Rector|Registrar|Examiner|Attorney|Undersecretary|Officer|Advisor|Adviser|"
    r"Commander|King|Queen|Prince|Princess|Sheikh|Emir|Speaker|Attach[ée]|Counterpart|Executive(?:\s+Officer)?|"
    # plurals before two names: "Prime Ministers Narendra Modi and ...", "Senators A B and C D"
    r"Ministers|Presidents|Commissioners|Ambassadors|Senators|Governors)"
)
_TITLE = (
    r"(?:(?:Deputy|Vice|Acting|Former|Assistant|Executive|Associate|Chief|First|Senior|Permanent|Under|Principal|General|Managing)[\s-]+){0,2}"
    + _TITLE_CORE
)
_UP = "A-Z\u00c0-\u00de\u0100-\u017f"
_LOW = "a-z\u00df-\u00ff\u0100-\u017f"
# A name's words: capitalised words, initials ("A.", "A.N.", "A M Fachir"), a surname in capitals
# before a given name ("MATSUNAGA Akira"), and the particles of Malay, Dutch, German, Portuguese names.
# A word may be glued ("TianLiPu", "AlMarri", "McDonald"), and a surname in capitals may follow a
# given name ("Namjil CHINBAT", "M. Zeki DURAK").
_NAME_WORD = (
    rf"(?:[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+){{0,2}}(?:[-'’][{_UP}{_LOW}][{_LOW}]+)?|(?:[A-Z]\.){{1,3}}|[A-Z](?=\s+[A-Z])|"
    rf"[A-Z]{{2,}}(?=\s+[A-Z][a-z])|(?<=[{_LOW}] )[{_UP}]{{3,}}\b(?![-'’.])|"
    rf"\b(?:bin|binti|bint|ibn|arap|van|von|de|da|dos|das|do|del|der|den|di|du|al|el|le|la)(?=\s+(?:[a-z]{{1,3}}\s+)?[A-Z])|"
    # "Hafez al-Assad", "Fadhil al-Chalabi": the article glued to an Arabic surname
    rf"\b(?:al|el|ad|as|ash|at|az)-[{_UP}][{_LOW}]+)"
)
_CAP_RUN = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*"
# Pattern 1 takes the title and everything capitalised after it ("Minister of Justice Marat
# Beketayev", "President of the Eurasian Patent Office Saule Tlevlessova") and keeps the tail
# that is a name; the others keep the run next to the title, honorific or speech verb.
# The office may hold French, Spanish or Portuguese words ("Organisation Africaine de la Propriété
# Intellectuelle") and a note in parentheses ("Office (KIPO) Kim Tae Man", "(Indecopi in Spanish), Julián").
_QUALIFIED_RUN = (
    r"(?P<run>(?:\s+(?:of|for|to|at|in|on|the|and|de|la|du|des|del|di|van|von|der|den|da|dos|bin|binti|bint|ibn|arap)\b"
    r"|\s+(?:al|el)-[A-Z][\w.'’&-]*|\s+d['’]Affaires\b|\s+[A-Z][\w.'’&-]*"
    r"|\s*\([^()\n]{1,40}\))+)"
)
# ", Deputy Minister of Justice", ", chief executive of IPOS", ", EU commissioner for agriculture"
# ("Dean" opens no name before it: "Dean Witter Reynolds" is a broker)
_COMMA_TITLE = rf",\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z]{{2,8}}(?:['’]s)?\s+|[A-Z][a-z]+\s+)?(?i:{_TITLE}|dean|expert|specialist|consultant|coordinator|economist|analyst|lawyer|professor|lecturer|researcher)\b"
_SPEECH = (
    r"\s+(?:said|says|noted|notes|stressed|stresses|pointed\s+out|points\s+out|remarked|remarks|added|stated|"
    r"emphasized|emphasised|expressed|hoped|introduced|welcomed|thanked|told|explained|highlighted|underlined|"
    r"announced|commented|observed)\b"
)
# "Ľuboš Knoth (President of the Industrial Property Office), Josef ...": the title in parentheses
_PAREN_TITLE = rf"\s*\((?:the\s+)?(?:(?i:{_TITLE})|DD?G)\b"  # "(DG of the Brunei office)"
_AFTER_NAME = f"{_COMMA_TITLE}|{_SPEECH}|{_PAREN_TITLE}"
#: (pattern, keep the run's tail, anchor, reach): every match holds an anchor match starting at
#: most ``reach`` characters after the match starts, so the pattern is tried only near anchors.
# Titles are capitalised before a name in most styles, but agencies and newspapers write
# "KIPO commissioner Soowon Lee", "chief executive Adam Williams": either case opens the run,
# whose capitalised words must still make a name.
#: The letters a title can start with, in either case: a lookahead on them spares the engine the
#: case-insensitive alternation at every word (it was a third of extraction's CPU on Reuters).
_TITLE_INITIALS = "".join(sorted({c for w in re.findall(r"[A-Za-z]+", _TITLE) for c in (w[0].upper(), w[0].lower())}))
_TITLE_RUN = re.compile(rf"(?=[{_TITLE_INITIALS}])\b(?i:{_TITLE}){_QUALIFIED_RUN}")
# "Abdulaziz Alswailem (left), chief executive officer", "Louis Tan (Acme Foods, Singapore), Board
# Member": a short note in parentheses may stand between the name and its title or verb.
# The lookahead (the first letters a name word can have: a capital or a particle's) and the
# possessive run in the anchor below change no match; they spare the engine most positions.
_AFTER_RUN = re.compile(rf"(?=[{_UP}bvdal])(?P<run>{_CAP_RUN})(?:\s*\([^()\n]{{1,40}}\))?(?:{_AFTER_NAME})")
#: The first word of each title (a trie: the anchor below tries one branch per letter, not sixty
#: words, at each word start).
_TITLE_HEADS = alternation(sorted({
    (w[:-1] if optional else w).lower()  # "Councill?or": "council"
    for w, optional in re.findall(r"(?:^\(\?:|\|)([A-Za-z]+)([?*]?)", _TITLE_CORE)
}))
_PERSON_PATTERNS: list[tuple[re.Pattern[str], bool, re.Pattern[str], int]] = [
    # "Prof. Dr. M. Zeki DURAK": honorifics stack
    (re.compile(rf"\b{_HONORIFIC}(?:\s+{_HONORIFIC})*\s+(?P<run>{_CAP_RUN})"), False, re.compile(_HONORIFIC), 0),
    # A title's core starts a word (after the run's \b or a qualifier's space or hyphen).
    (_TITLE_RUN, True, re.compile(rf"(?=[{_TITLE_INITIALS}])\b{_TITLE_HEADS.pattern}", re.IGNORECASE), 40),
    # "Elvira Azimova, Deputy Minister of Justice" / "Grigoriy Ivliev said": one pass for both.
    # Anchored on the run's last word and what follows it: "Ivliev said", ", Deputy Minister".
    (
        _AFTER_RUN,
        True,
        re.compile(rf"[{_UP}][{_UP}{_LOW}'’-]*+\.?{_SPEECH}|{_COMMA_TITLE}|\((?:the\s+)?(?:(?i:{_TITLE})|DD?G)\b"),
        100,
    ),
]
# "represented by Kerstin Vogel of ...", "chaired by Anna Berg, ...": the name right after the verb
# ("led by" and "managed by" name banks in an offering as often as people).
# "represented at the Annual Meeting by Ana Ruiz of ...": a short phrase may stand between verb and "by".
# "met with Elvira Azimova" (the name may end the text or its line).
_BY_NAME = re.compile(
    rf"(?=[rhcapmt])\b(?:(?:represented|headed|chaired|accompanied|presided\s+over)(?:\s+(?:at|in)\s[^.;,\n]{{1,50}}?)?\s+by"
    rf"|(?:met|meeting|talks)\s+with)\s+"
    rf"(?P<run>{_CAP_RUN})(?=\s+of\b|\s*[,.;(]|\s+(?:and|who|on|at|in)\b|[ \t]*\n|\s*$)"
)
# "The delegation included A, B and C" / "Participants: A (Office X); B; and C": a list of names.
_LIST_HEAD = re.compile(
    r"\b(?:delegation|delegates|participants|attendees|speakers|guests|panell?ists|members|representatives)\b"
    r"[^.:;\n]{0,40}?\b(?:included|including|comprised|comprising|consisted\s+of|were|are)\b:?\s*|"
    r"\b(?:Participants|Speakers|Attendees|Delegation|Delegates)\s*:\s*"
)
_LIST_ITEM_SEP = re.compile(r"\s*(?:;|,)\s*(?:and\s+)?|\s+and\s+")


def _listed_names(text: str, not_name: frozenset[str]) -> list[str]:
    """Names in a list that a delegation or participants word opens, item by item; the list
    ends at the first item that holds no name."""
    out: list[str] = []
    for head in _LIST_HEAD.finditer(text):
        rest = text[head.end() : head.end() + 600].split("\n", 1)[0]
        rest = re.sub(r"\([^)]*\)", "", rest)  # "Louis Chan (Procter & Gamble, Singapore)"
        for item in _LIST_ITEM_SEP.split(rest.split(".", 1)[0] if ". " in rest else rest):
            m = re.match(rf"\s*(?P<run>{_CAP_RUN})", item)
            name = _name_from_run(m.group("run"), not_name, from_end=True) if m else None
            if not name:
                break
            out.append(name)
    return out


_NOT_NAME = frozenset(
    """the of and for in on at to a an this that these those his her its their our it he she they we i
    state national federal international world global general republic kingdom people people's
    intellectual property patent patents office offices trademark trademarks department ministry justice agency
    administration bureau service services center centre institute organization organisation council committee
    commission court bank fund union association federation academy university college school authority
    government cabinet parliament congress assembly board secretariat group forum summit seminar conference
    meeting meetings heads head delegation embassy consulate mission liaison cooperation co-operation
    exchange exchanges examination law legal policy planning protection enforcement affairs public relations
    municipality municipal province provincial prefecture county officials analysts sources executives
    treasury budget drugs food fisheries forestry husbandry mines mining works task force
    security customs tax taxation statistics labour labor transport tourism environment resources water housing
    sports media press economic economy development trade finance commerce foreign education science technology
    industry industrial agriculture culture health defense defence interior energy innovation information
    registration rights division section unit team parties party side sides both two three first second third
    chinese russian european eurasian asian african american japanese korean mongolian kazakh english french german
    europe asia africa america central eastern western northern southern east west north south new
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    commissioner director president chairman minister secretary ambassador representative vice deputy
    mr ms mrs dr prof professor madam sir excellency his her
    ip ipr wipo memorandum understanding agreement protocol statement declaration belt road silk
    also however meanwhile during after before while when since according recently currently today yesterday
    leads led attends attended attending meets met visits visited signs signed holds held delivers addresses calls
    says said urges receives received hosts hosted chairs inspects congratulates talks joins opens launches presides
    speaks meeting attend visit sign hold
    leading heading attending visiting signing holding receiving hosting chairing inspecting delivering
    addressing welcoming launching opening joining presiding speaking representing witnessing
    program programme programs programmes training course courses workshop workshops project projects
    initiative initiatives institution institutions academic network platform
    terms shops stores lines enterprises mine elect emeritus week weeks day days month months year years""".split()
)
# Company suffixes and business words: "Huawei Technologies Co Ltd said", "Mobil Corp said" name a
# company, and a run that ends in one of these holds no person.
_COMPANY = frozenset(
    """co corp corporation inc incorporated ltd limited plc llc llp lp gmbh ag sa nv bv spa ab oy kk
    company companies holding holdings group industries technologies technology systems partners brothers
    bros motors airlines airways petroleum oil chemical chemicals pharmaceuticals pharma electric electronics
    energy steel securities capital investment investments insurance trust bancorp financial foods reit
    banque banco banca societe société""".split()
)
# Titles, ranks and forms of address written before a name ("Governor Cuomo", "Baroness Neville
# Rolfe", "Adv Rory Voller"), capitalised function words that open a sentence or clause ("... Rea
# As ..."), and byline words ("... Source"): none of them is part of the name next to them.
_BESIDE_NAME = frozenset(
    """governor baroness baron lord lady countess duke duchess adv advocate hon honourable honorable
    rev reverend gen general col colonel capt captain lt sgt admiral justice chief senator sen rep
    commissioner director registrar premier chancellor mayor ambassador consul envoy secretary spokesman
    spokeswoman spokesperson chairman chairwoman chair president minister undersecretary administrator
    shri smt datuk dato mme madame mister executive commander rear-admiral vice-admiral speaker
    chargé charge d'affaires d’affaires attaché attache counterpart under-secretary vice-minister vice-president
    justices ministers commissioners directors presidents governors senators ambassadors secretaries
    as but with by from if so then thus yet nor or because although though where which who whom whose
    under over into onto upon about between among against through without within
    source sources photo photos reporter reporters editor editing writer correspondent staff news xinhua
    reuters investor investors crown sheikh sheikha emir king queen prince princess assistant
    secretary-general director-general manager officer treasurer""".split()
)


def not_name_words(lexicon: Lexicon) -> frozenset[str]:
    """Lower-cased words that can never be part of a person's name: :data:`_NOT_NAME` and the words
    of the lexicon's office, organization, country and place names, less the words of its people.

    Walks every lexicon entry, so :class:`~ipsearch.extract.Extractor` builds it once per lexicon
    and keeps it with that lexicon (a cache keyed by ``id(lexicon)`` handed a new lexicon that
    reused a freed id the old one's words).
    """
    words: set[str] = set(_NOT_NAME) | _BESIDE_NAME
    people_words: set[str] = set()
    for kind, entries in lexicon.entries.items():
        for entry in entries:
            for form in entry.forms:
                if HAN_CHAR.search(form) or kind == "places" and " " in form:
                    continue  # "Saint Paul", "Ann Arbor", "Long Beach": their words are names too
                # "Türkiye" too; a letter alone ("P.R. China") is an initial in a name ("Unnat P Pandit")
                for w in re.findall(r"[^\W\d_][\w'’-]+", form):
                    (people_words if kind == "people" else words).add(w.lower())
    # "Hong Kong" is a place, while "Tan Kong Hwee" and "Hong Lei" are names: a name word of a
    # two-word place is no name only beside its partner (the pair is kept, space and all)
    pairs = {
        form.lower()
        for kind in ("countries", "places")
        for entry in lexicon.entries.get(kind, ())
        for form in entry.forms
        if form.isascii() and len(form.split()) == 2 and _ALSO_NAMES & set(form.lower().split())
    }
    # "Jordan", "Chad", "Georgia" are countries and first names alike; "Ignacio de Medrano": the
    # particles of office names ("Institut National de la Propriété") are name words too.
    return frozenset(
        (words - people_words - _ALSO_NAMES - _PARTICLES - {w.casefold() for w in lexicon.ambiguous}) | pairs
    )


# Words of many-word country and place names that are common personal names too ("Tan Yih San",
# "Jan Martin", "Pierre Vincent"): San Marino and Saint Lucia do not make them office words.
# "Tan Kong Hwee", "Mark Powell": Hong Kong and trade mark offices lend their words to no name.
# "Kim Tae Man": the Isle of Man lends no word either.
_ALSO_NAMES = frozenset("san martin jan pierre helena lucia vincent marino salvador marshall cook nam hong kong mark man".split())


def _glued(text: str, pos: int) -> bool:
    """A match starting inside a word or right after a hyphen or dot ("Sino-Kazakh", "U.S.")."""
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_.-")


_CONNECTORS = frozenset({"of", "for", "to", "at", "in", "on", "the", "and"})


_POSSESSIVE = re.compile(rf"[{_LOW}]['’]s?$")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_BLANK_LINE = re.compile(r"\n\s*\n")
_LINE = re.compile(r"\n")


def _wrapped(text: str) -> bool:
    """Whether the text's lines are wrapped at a fixed width (no line longer than 100 characters),
    as in wire copy and e-mail, rather than one paragraph a line."""
    return all(len(line) <= 100 for line in text.split("\n"))
_SPACES = re.compile(r"\s+")


def _name_from_run(run: str, not_name: frozenset[str], *, from_end: bool) -> str | None:
    """The person's name inside a capitalised run: its tail (after a title) or head (before one)."""
    words = run.split()
    if any(_company_word(w) for w in words[-2:] if from_end):
        return None  # "Huawei Technologies Co Ltd said": a company speaks
    # "Mikhail Mishustin's": the possessive ends the name
    words = [_POSSESSIVE_END.sub("", w) if _POSSESSIVE.search(w) else w for w in words]
    if not all(w[1:].islower() for w in words):  # (most runs hold no glued word: spare the calls)
        words = [part for w in words for part in _unglued(w)]
    if from_end and words and (_ROMAN.fullmatch(words[-1]) and len(words[-1]) > 1 or words[-1] in ("Jr.", "Jr", "Sr.")):
        words.pop()  # "Walter Hayes III", "John Smith Jr.": a generation
    if from_end and words and words[-1].endswith(")") and "(" in run:
        # "President David Lossignol (Novartis, Switzerland)": the note after the name
        while words and not words[-1].startswith("("):
            words.pop()
        if words and words[-1].strip("()").isupper():
            return None  # "... de la Propriété Intellectuelle (OAPI)": a body and its acronym
        words = words[:-1]
    while from_end and words and words[-1] in _CONNECTORS:
        words.pop()
    picked: list[str] = []
    # "A.N.", "P.", and a capital alone beside another initial ("A M Fachir"); "A" alone is the article
    dotted = [bool(_INITIALS.fullmatch(w)) and w not in _PLACE_ABBREVIATIONS for w in words]
    letter = [len(w) == 1 and w.isupper() for w in words]
    initial = [
        dotted[k] or letter[k] and any(0 <= j < len(words) and (dotted[j] or letter[j]) for j in (k - 1, k + 1))
        for k in range(len(words))
    ]
    order = range(len(words) - 1, -1, -1) if from_end else range(len(words))
    for i, k in enumerate(order):
        w = words[k]
        low = w.lower()
        if low.rstrip(",.") in _COMPANY or "." in low and low.replace(".", "") in _DOTTED_COMPANY:
            if from_end and len(picked) >= 2 and k > 0 and words[k - 1] in _CONNECTORS:
                break  # "Minister of Science and Technology Nguyen Manh Hung": the office's word
            return None  # "Huawei Technologies Co", "N.V. Bekaert S.A."
        if initial[k]:
            picked.append(w)
            continue
        if not from_end and i == 0 and len(w) > 1 and w.isalpha() and w.isupper() and low not in not_name:
            picked.append(w.title())  # "MATSUNAGA Akira": a surname in capitals, given name after
            continue
        plain = w[1:].islower()
        if "(" in w or ")" in w or not plain and _glued_company(w):
            break  # "Office (KIPO) Kim Tae Man": a note in parentheses is no part of a name
        if not plain and _caps_surname(words, k, from_end=from_end, first=i == 0, not_name=not_name):
            picked.append(w.title())  # "Namjil CHINBAT", "M. Zeki DURAK": the surname in capitals
            continue
        if w in _MONTH_SURNAMES and k > 0 and words[k - 1][:1].isupper() and words[k - 1].lower() not in not_name:
            picked.append(w)  # "Theresa May": a month after a given name is a surname
            continue
        if low.strip("’'") in not_name or w.isupper() and len(w) > 1 or w in _PLACE_ABBREVIATIONS:
            break
        beside = order[i + 1] if i + 1 < len(order) else None
        if beside is not None and f"{words[min(k, beside)]} {words[max(k, beside)]}".lower() in not_name:
            break  # "... of Hong Kong Ronald Li": a place's two words
        if w.endswith(".") and len(w) > 2:  # a sentence ends here ("... Rights. Shen Changyu said")
            if not from_end:
                picked.append(w.rstrip("."))
            break
        picked.append(w)
    if from_end:
        picked.reverse()
    while picked and picked[0].islower():
        picked.pop(0)
    while picked and picked[-1].islower():
        picked.pop()
    # "Mohammed bin Abdul Aziz Al Shehhi": particles after the first word make a name no longer
    particles = sum(w.lower() in _PARTICLES for w in picked[1:])
    if not 2 <= len(picked) <= 4 + particles or picked[-1].endswith(".") or len(picked[-1]) == 1:
        return None
    if len(picked) == 2 and len(picked[0]) == 1:
        return None  # "E D and F Man": a capital alone and one word make no name
    return " ".join(picked)


#: Particles of Arabic, Dutch, German, Spanish, Portuguese, French and Italian names ("bin", "Al",
#: "van der", "dos"): a name holding them has more words than others.
_PARTICLES = frozenset("bin binti bint ibn arap al el van von de da dos das do del der den di du le la".split())
_CAMEL = re.compile(rf"[{_UP}][{_LOW}]+")


def _company_word(word: str) -> bool:
    """A company suffix or business word, dotted or not ("Co.", "N.V.", "S.A.", "Holdings")."""
    low = word.lower().rstrip(",")
    return low.rstrip(".") in _COMPANY or low.replace(".", "") in _DOTTED_COMPANY


#: Company forms written with dots ("N.V.", "S.p.A."); "K.K." is as often a person's initials.
_DOTTED_COMPANY = frozenset("nv sa ag bv spa sarl srl plc".split())


_ROMAN = re.compile(r"[IVX]+")
#: Months that are surnames too ("Theresa May", "Juan April").
_MONTH_SURNAMES = frozenset({"May", "June", "April", "August"})
_VOWEL = re.compile(r"[AEIOUY]")
#: How a surname glued to its particle begins ("McDonald", "MacInnis", "AlMarri", "DeVito", "LeRoy");
#: other glued words name companies ("BancGroup", "BioScience").
_GLUED_PREFIX = re.compile(r"(?:Mc|Mac|Al|El|Abu|De|Di|Da|Du|La|Le|Van|Fitz)[A-Z][a-z]+$")
_TWO_WORDS = re.compile(r"[A-Z][a-z]+[A-Z][a-z]{3,}")  # "BancGroup", not "VillaseAor" (a lost "ñ")


def _unglued(word: str) -> list[str]:
    """A glued romanised Chinese name split after its surname ("TianLiPu" -> "Tian", "Lipu"); other
    glued words stay as written ("AlMarri", "McDonald")."""
    if word[:1].isupper() and not word[1:].islower() and word.isalpha():
        parts = _CAMEL.findall(word)
        if (
            2 <= len(parts) <= 3
            and "".join(parts) == word
            and parts[0].lower() in SURNAME_FIRST
            and all(len(p) <= 6 for p in parts)
        ):
            return [parts[0], "".join(parts[1:]).capitalize()]
    return [word]


def _glued_company(word: str) -> bool:
    """A word glued from two capitalised words that is no particle and surname ("BancGroup")."""
    return bool(_TWO_WORDS.fullmatch(word)) and not _GLUED_PREFIX.match(word)


def _caps_surname(words: list[str], k: int, *, from_end: bool, first: bool, not_name: frozenset[str]) -> bool:
    """Whether ``words[k]``, in capitals, is a surname written after the given name: the run's
    last word, right after a capitalised word that is not all capitals ("Namjil CHINBAT")."""
    w = words[k]
    if not (len(w) >= 3 and w.isalpha() and w.isupper()) or w.lower() in not_name or _ROMAN.fullmatch(w):
        return False  # "T. Boone Pickens III": a generation, no surname
    if not _VOWEL.search(w) or w.lower() in _COMPANY:
        return False  # "Radio DZRH", "Travelers REIT": call signs and business words
    if from_end and not first or not from_end and k != len(words) - 1:
        return False
    return k > 0 and words[k - 1][:1].isupper() and not words[k - 1].isupper() and words[k - 1].lower() not in not_name


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
#: Dotted abbreviations of places and bodies, never a person's initials ("U.S. officials said").
#: "H.E." (His or Her Excellency) is a form of address.
_PLACE_ABBREVIATIONS = frozenset("U.S. U.K. U.N. E.U. N.Y. D.C. U.A.E. P.R. H.K. S.A. H.E.".split())


# Titles before a transliterated or dotted foreign name (局长伊娃·舍维尔).
_ZH_TITLES = (
    "副局长|副局長|局长|局長|副部长|副部長|部长|部長|副司长|副司長|司长|司長|副主任|主任|副总干事|副總幹事|总干事|總幹事|副主席|主席|"
    "总统|總統|总理|總理|大使|处长|處長|院长|院長|会长|會長|秘书长|秘書長|署长|署長|厅长|廳長|市长|市長|省长|省長|党组书记|黨組書記|书记|書記|"
    "副司長|參贊|参赞|教授|博士|代办|代辦|区长|區長|县长|縣長"
)

# Foreign names in Chinese are transliterated with a small set of characters (阿济莫娃, 伊夫利耶夫).
_TRANSLIT = "约蒙玛阿埃艾安奥巴贝本比波伯布查达德迪蒂杜多厄恩法菲弗福盖格古哈海汉赫胡霍基吉加杰金卡凯柯科克库拉莱兰劳勒雷里利林卢鲁伦罗洛马迈曼梅米莫穆纳娜内尼涅努诺帕佩皮普齐奇乔切萨塞桑瑟莎沙舍什斯松苏索塔泰坦特提图托瓦娃万维温沃乌西希谢辛亚雅耶伊尤于扎泽兹佐娅济姆夫娃尔嘎"
_ZH_FOREIGN = re.compile(rf"(?:{_ZH_TITLES})(?P<name>[{_TRANSLIT}]{{3,7}})(?=一行|等|会|會|在|表示|出席|共同|代表|的|，|,|、|。|和|与|與)")


# A foreign name written in Chinese joins given name and surname with a middle dot (阿里舍尔·卡里莫夫).
# The Han run before the dot may carry a title or a verb (局长伊娃·舍维尔): the name starts after the
# last title or function character, and at least half its characters must be transliteration
# characters, so that "北京·香港" and "合作·创新" stay slogans and place pairs.
_DOT = "·・•‧"
# "丽萨 · 乔根森" (spaced), "馬爾科.阿萊曼" (a full stop between two Han runs)
_DOT_MARK = rf"(?: ?[{_DOT}] ?|(?<=[{HAN}])[.．](?=[{HAN}]))"
_DOT_ANCHOR = re.compile(_DOT_MARK)
# A double-barrelled surname keeps its dash (康內莉亞·魯道夫—舍費爾).
_ZH_DOTTED = re.compile(
    rf"(?P<head>[{HAN}]{{1,10}})(?P<tail>(?:{_DOT_MARK}[{HAN}]{{1,6}}?(?:[-‐—－][{HAN}]{{1,6}}?)?)+)"
    # the verbs that follow an official's name (举行, 表示, 会见 ...), a connector, a title or
    # courtesy title after the name (蒂姆·莫斯局长, 先生, 女士)
    rf"(?={_ZH_NAME_VERBS}|{_ZH_TITLE}|等|会|會|在|说|說|和|与|與|以及|及|先生|女士|夫人|博士|教授|阁下|閣下|"
    rf"对|對|率|就|也|向|则|則|还|還|将|將|已|曾|为|為|的|[^{HAN}]|$)"
)
_ZH_NAME_START = re.compile(
    rf"(?:{_ZH_TITLE}|{_ZH_TITLES}|委员|委員|代表|会见|會見|欢迎|歡迎|感谢|感謝|邀请|邀請|与|與|和|及|的|同|向|对|對|由|为|為|是|在|、|副)"
)
_ZH_TITLE_ONLY = re.compile(rf"{_ZH_TITLE}|{_ZH_TITLES}")
_TRANSLIT_ALL = _TRANSLIT + "爾羅蘭維薩達貝納諾瑪麗亞朗莉琳丽茨彼得施密默蒙德"


def _zh_dotted(text: str) -> list[str]:
    out: list[str] = []
    # tried only where a dot follows a Han character: the pattern opens with a run of Han
    # characters, which the engine would otherwise try at every position of the text
    end = 0
    for dot in _DOT_ANCHOR.finditer(text):
        start = dot.start()
        while start > max(end, dot.start() - 10) and HAN_CHAR.match(text, start - 1):
            start -= 1
        m = _ZH_DOTTED.match(text, start) if start < dot.start() else None
        if m is None:
            continue
        end = m.end()
        head = m.group("head")
        cut = None
        for cut in _ZH_NAME_START.finditer(head):
            pass
        head = head[cut.end() if cut else 0:][-6:]
        name = head + m.group("tail")
        name = re.sub(_DOT_MARK, "·", name)
        letters = [ch for ch in name if ch != "·"]
        # right after a title (副部长洪潘·因塔拉) a third of transliteration characters will do
        share = 3 if cut and _ZH_TITLE_ONLY.fullmatch(cut.group(0)) else 2
        if head and share * sum(ch in _TRANSLIT_ALL for ch in letters) >= len(letters):
            out.append(name)
    return out


# A name in Latin letters beside a Chinese title: "局長Rowel Barba在", "Joerg Sosna 先生".
_LATIN_AFTER_ZH_TITLE = re.compile(rf" ?(?P<run>{_CAP_RUN})(?= ?[{HAN}，,、(（;；]| ?$)")
_LATIN_BEFORE_ZH_TITLE = re.compile(rf"(?<![{_UP}{_LOW}.])(?P<run>{_CAP_RUN}) ?$")


# ... with the surname in capitals after the given name, as French and WIPO pages write it
# ("局長 Jean-Claude COMBALDIEU", "总干事 Daren TANG"), up to the end of the line.
_LATIN_CAPS_AFTER_ZH_TITLE = re.compile(
    rf" ?(?P<given>[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?(?: [{_UP}][{_LOW}]+)?) (?P<family>[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?)"
    rf"(?=\s?[{HAN}，,、(（;；]|\s*$)"
)


# A name in Chinese with its Latin form in brackets, after its title or before it:
# "司长德马尔提(Jean-Luc Demarty)就", "辦事處游瑪雅（Maya Yaron）代表".
_LATIN_IN_BRACKETS_AFTER_ZH_TITLE = re.compile(rf"(?P<zh>[{HAN}]{{2,6}}?(?:{_DOT_MARK}[{HAN}]{{1,6}}?)*) ?[(（](?P<run>{_CAP_RUN})[)）]")
_LATIN_IN_BRACKETS_BEFORE_ZH_TITLE = re.compile(rf"(?P<zh>[{HAN}]{{2,6}}) ?[(（](?P<run>{_CAP_RUN})[)）] ?$")


def _zh_name_shape(han: str) -> bool:
    """``han`` reads as a person's name: a Chinese name's shape, or mostly transliteration characters."""
    return is_han_name(han) or 2 * sum(ch in _TRANSLIT_ALL for ch in han) >= len(han) >= 2


def _latin_in_brackets(text: str, found_titles: list[re.Match[str]], not_name: frozenset[str]) -> dict[str, str]:
    """The Latin form of each name written in Chinese beside a title and given in brackets, by the
    Han characters before the brackets (which end with the Chinese form: one person, named once)."""
    out: dict[str, str] = {}
    for t in found_titles:
        window = text[t.end() : t.end() + 16]
        if "(" in window or "（" in window:
            after = _LATIN_IN_BRACKETS_AFTER_ZH_TITLE.match(text, t.end())
            if after and _zh_name_shape(re.sub(_DOT_MARK, "", after.group("zh"))):
                name = _name_from_run(after.group("run"), not_name, from_end=False)
                if name:  # the Chinese form as _zh_dotted writes it (弗雷迪·哈里斯)
                    out[re.sub(_DOT_MARK, "·", after.group("zh"))] = name
        if text[max(0, t.start() - 2) : t.start()].rstrip(" ")[-1:] in (")", "）"):
            before = _LATIN_IN_BRACKETS_BEFORE_ZH_TITLE.search(text[max(0, t.start() - 80) : t.start()])
            if before and any(_zh_name_shape(before.group("zh")[-n:]) for n in (2, 3, 4, 5)):
                name = _name_from_run(before.group("run"), not_name, from_end=False)
                if name:
                    out[before.group("zh")] = name
    return out


def _latin_beside_zh_titles(text: str, found_titles: list[re.Match[str]], not_name: frozenset[str]) -> list[str]:
    out = []
    for t in found_titles:
        after = _LATIN_AFTER_ZH_TITLE.match(text, t.end())
        if after:
            out.append(_name_from_run(after.group("run"), not_name, from_end=False))
        elif (caps := _LATIN_CAPS_AFTER_ZH_TITLE.match(text, t.end())) and caps.group("family").lower() not in not_name:
            out.append(f"{caps.group('given')} {caps.group('family').title()}")
        left = text[max(0, t.start() - 2) : t.start()].rstrip(" ")[-1:]
        if left.isascii() and left.isalpha():
            before = _LATIN_BEFORE_ZH_TITLE.search(text[max(0, t.start() - 80) : t.start()])
            if before:
                out.append(_name_from_run(before.group("run"), not_name, from_end=True))
    return [name for name in out if name]


_NOT_PEOPLE_KINDS = ("countries", "places", "offices", "organizations")

# "From left Kathrine Lunde, Norway, Per Ekholm, Sweden and Sune Dahl, Denmark" (a caption),
# "Jane Doe (Kenya), John Roe (Ghana)" (a list of participants): each name followed by its country.
_RUN_BEFORE = re.compile(rf"(?<![{_UP}{_LOW}.'’-])(?P<run>{_CAP_RUN})$")
_AFTER_COUNTRY = re.compile(r"\s*(?:[,.;]|and\b|$)")


def _names_with_countries(text: str, lexicon: Lexicon, mentions: list[Mention], not_name: frozenset[str]) -> list[str]:
    """Names each followed by a country, after a comma or in parentheses, where two or more such
    pairs follow each other (one alone is as often a city and its country, or a company's unit:
    "Goldman Sachs (Japan) Corp"). A name the lexicon knows as a place is none ("Buenos Aires, Argentina")."""
    pairs: list[tuple[int, int, str, bool]] = []  # (name starts, country ends, name, in parentheses)
    for m in mentions:
        if m.entry.kind != "countries" or m.adjective or m.start < 3:
            continue
        before = text[m.start - 2 : m.start]
        paren = before.endswith("(")
        if paren:
            after = text[m.end : m.end + 16]
            if after[:1] != ")" or after[1:].split(None, 1)[:1] and after[1:].split(None, 1)[0].lower().strip(",.") in _COMPANY:
                continue  # "Goldman Sachs (Japan) Corp": a company's unit
            cut = m.start - 1 - (text[m.start - 2] == " ")
        elif before == ", " and _AFTER_COUNTRY.match(text, m.end):
            cut = m.start - 2
        else:
            continue
        found = _RUN_BEFORE.search(text, max(0, cut - 60), cut)
        name = _name_from_run(found.group("run"), not_name, from_end=True) if found else None
        if name and found and not any(lexicon.canonical(kind, name) for kind in _NOT_PEOPLE_KINDS):
            pairs.append((found.end() - len(name), m.end + paren, name, paren))
    out = []
    for i, (start, end, name, paren) in enumerate(pairs):
        chained = (
            i + 1 < len(pairs) and pairs[i + 1][0] - end <= 6 or i > 0 and start - pairs[i - 1][1] <= 6
        )
        if chained:
            out.append(name)
    return out


def _zh_people(text: str, lexicon: Lexicon, found_titles: list[re.Match[str]]) -> list[str]:
    out: list[str] = []
    dotted = _zh_dotted(text)
    for name in dotted:
        # the lexicon may hold the Chinese name by its surname alone (高锐 for 弗朗西斯·高锐)
        out.append(lexicon.canonical("people", name) or lexicon.canonical("people", name.rsplit("·", 1)[1]) or name)
    for m in _ZH_FOREIGN.finditer(text):
        out.append(lexicon.canonical("people", m.group("name")) or m.group("name"))
    for name in han_names(text, found_titles):
        if any(name in whole for whole in dotted):
            continue  # "乔根森表示" after "丽萨 · 乔根森": the surname of a dotted name
        if any(lexicon.canonical(kind, name) for kind in _NOT_PEOPLE_KINDS):
            continue  # "，文莱表示": a country speaks
        out.append(lexicon.canonical("people", name) or name)
    return out


#: Royal titles open brands and places as often as names ("Prince Albert", "King Edward"): they
#: never announce a one-word name.
_ROYAL = frozenset("king queen prince princess".split())


def _opens_surname(text: str, m: re.Match[str]) -> bool:
    """Whether the title or honorific of ``m`` may announce a one-word name: it is capitalised,
    royal titles aside, and no state's abbreviation ("Meridian, Miss. Terms were")."""
    head = text[m.start() : m.start("run")]
    return head[:1].isupper() and not head.startswith("Miss.") and head.split()[-1].lower() not in _ROYAL


def _head_name(run: str, not_name: frozenset[str]) -> str | None:
    """The name right after a title when what follows it is no more of a name: a sentence's end,
    a connector or a verb ("Zhou Minghe Leading a Delegation", "Brian Mulroney. Clark said",
    "Caspar Weinberger on Sunday"), never a body's word ("manager Morgan Stanley International")."""
    name = _name_from_run(run, not_name, from_end=False)
    if name is None:
        return None
    words = run.split()
    n = len(name.split())
    if n < len(words) and not (words[n - 1].endswith(".") or words[n] in _CONNECTORS or words[n].endswith("ing")):
        return None
    return name


def _title_name(run: str, not_name: frozenset[str]) -> str | None:
    """"Commissioner Ho-won Kim of the Korean ...": the name right after the title, before "of"
    (only then: "Examiner Training Course for ASEAN Offices" is a headline)."""
    head = run.split(" of ", 1)[0]
    return _name_from_run(head, not_name, from_end=False) if head != run else None


#: A name set off by commas after a title and its office: ", Freddy Harris," / ", TONG Daochi and".
_APPOSITION = re.compile(rf",\s+(?P<run>{_CAP_RUN})(?=\s*[,.;(]|\s+(?:who|said|says)\b|\s+and\s+[a-z])")
_GLUED_COMMA = re.compile(rf",(?P<run>{_CAP_RUN})")
_SINGLE_NAME = re.compile(rf"[{_UP}][{_LOW}]{{2,}}(?:-[{_UP}][{_LOW}]+)?")
_OF_PHRASE = re.compile(r"(?:^|\s)(?:of|for|in|at|to)\s")


def extract_people(text: str, lexicon: Lexicon, mentions: list[Mention], not_name: frozenset[str]) -> list[str]:
    """Known people from the lexicon, and names that titles and honorifics announce.

    ``mentions``: the lexicon's names in ``text``; ``not_name``: :func:`not_name_words` of ``lexicon``.
    """
    names: dict[str, None] = {}
    wrapped: bool | None = None  # whether lines are wrapped at a fixed width (found when first needed)
    for mention in mentions:
        if mention.entry.kind == "people":
            names[mention.entry.name] = None
    for pattern, from_end, anchor, reach in _PERSON_PATTERNS:
        runs: deque[tuple[str, int, bool, bool]] = deque(
            # (the run, where the match ends, whether its title is plural: "Ministers", whether the
            # title or honorific is capitalised)
            (m.group("run"), m.end(), text[m.start("run") - 1 : m.start("run")] == "s", _opens_surname(text, m))
            for m in anchored_finditer(pattern, anchor, text, reach) if not _glued(text, m.start())
        )
        while runs:
            whole, end, plural, capital = runs.popleft()
            # a name never spans a blank line, nor a line break in a text whose lines are paragraphs
            # ("Deputy Commissioner Futoshi Yasuda\nAt the margins ..."); a text wrapped at a fixed
            # width breaks lines inside names ("Secretary of State\nGeorge Shultz said")
            if "\n" in whole.strip() and wrapped is None:
                wrapped = _wrapped(text)
            lines = [p for p in (_BLANK_LINE if wrapped in (None, True) else _LINE).split(whole) if p.strip()] or [""]
            run = _SPACES.sub(" ", lines[-1] if pattern is _AFTER_RUN else lines[0]).strip()
            name = None
            if from_end and " and " in run:
                # "Director X Y and CAS Vice President Z W": the name after this title, then look again;
                # "Minister of Industry and Handicraft of Cambodia Cham Prasidh": no name before
                # "and", so the name ends the whole run
                first, rest = run.split(" and ", 1)
                name = _title_name(first, not_name) if pattern is _TITLE_RUN else None
                name = name or _name_from_run(first, not_name, from_end=True)
                more = [(m.group("run"), -1, False, False) for m in pattern.finditer(rest)]
                runs += more
                if name and plural and pattern is _TITLE_RUN and not more:
                    # "Prime Ministers Arun Mehtal and Jonas Berglin": one title, two names
                    second = _name_from_run(rest, not_name, from_end=False)
                    if second:
                        names[lexicon.canonical("people", second) or second] = None
                if name is None and not more:
                    # an office word must stand between "and" and the name ("National Gay and
                    # Lesbian Task Force" is no one)
                    name = _name_from_run(f"and {rest}", not_name, from_end=True)
                    if name and len(name.split()) >= len(rest.split()):
                        name = None
                    run = ""
            if name is None and pattern is _TITLE_RUN and run:
                name = _title_name(run, not_name)
            name = name or (_name_from_run(run, not_name, from_end=from_end) if run else None)
            if name is None and pattern is _TITLE_RUN and run and run.split(" ", 1)[0] not in _CONNECTORS:
                # "Commissioner Zhou Minghe Leading a Delegation" (a headline's verb), "Prime Minister
                # Brian Mulroney. Clark said" (the next sentence): the name right after the title,
                # unless a company word shows the run names a company ("manager Orion Royal Bank Ltd")
                name = _head_name(run, not_name)
            if name is None and pattern is _TITLE_RUN and end >= 0 and _OF_PHRASE.search(run):
                # "the Director-General of Intellectual Property, Freddy Harris, said": a title
                # and its office, then the name set off by commas
                after = _APPOSITION.match(text, end)
                name = _name_from_run(after.group("run"), not_name, from_end=False) if after else None
            if name is None and capital and pattern is not _AFTER_RUN and _SINGLE_NAME.fullmatch(run):
                # "President Campinos held", "Mr. Erdenesuren highly appreciated": a surname alone
                # (or a one-word name) right after a capitalised title or an honorific
                low = run.lower()
                name = run if low not in not_name and low not in _COMPANY and text[end : end + 1] != ")" else None
                glued = _GLUED_COMMA.match(text, end) if name else None
                if glued:  # "Mr. Kwun,Kui Wou, Director": a comma without a space inside the name
                    name = _name_from_run(f"{run} {glued.group('run')}", not_name, from_end=False)
            if name:
                names[lexicon.canonical("people", name) or name] = None
    if "(" in text or ", " in text:
        for name in _names_with_countries(text, lexicon, mentions, not_name):
            names[lexicon.canonical("people", name) or name] = None
    for m in _BY_NAME.finditer(text):
        name = _name_from_run(m.group("run"), not_name, from_end=False)
        if name:
            names[lexicon.canonical("people", name) or name] = None
    if "elegat" in text or "articipant" in text or "peaker" in text or "ttendee" in text or "anel" in text:
        for name in _listed_names(text, not_name):
            names[lexicon.canonical("people", name) or name] = None
    if not text.isascii() and HAN_CHAR.search(text):
        found_titles = titles(text)
        bracketed = _latin_in_brackets(text, found_titles, not_name)
        for name in _zh_people(text, lexicon, found_titles):
            if not any(han.endswith(name) for han in bracketed):  # "鲁兹(Raimund Lutz)": one person
                names[name] = None
        for name in bracketed.values():
            names[lexicon.canonical("people", name) or name] = None
        for name in _latin_beside_zh_titles(text, found_titles, not_name):
            names[lexicon.canonical("people", name) or name] = None
    # "Hong Kong said", "San Marino noted": a place or body the lexicon knows is nobody
    dated = [_dated(n, text) for n in names if not any(lexicon.canonical(kind, n) for kind in _NOT_PEOPLE_KINDS)]
    found = [n for n in dated if n]
    return without_parts(_one_spelling(_one_per_person(found)))


def _dated(name: str, text: str) -> str | None:
    """``name`` less a month that a day follows ("President Reagan April 24" is Reagan; "Theresa
    May in Delhi" is May)."""
    last = name.rsplit(" ", 1)[-1]
    if last not in _MONTH_SURNAMES or not re.search(re.escape(name) + r"\s+\d", text):
        return name
    rest = name[: -len(last)].strip()
    return rest if _SINGLE_NAME.fullmatch(rest) or " " in rest else None


def _one_spelling(names: list[str]) -> list[str]:
    """``names`` less a second spelling of one found before: printed without its accents
    ("Erlingsdottir" beside "Erlingsdóttir", the accented one kept) or with two letters swapped
    ("Saule Tlevelssova" after "Saule Tlevlessova": the same given name, the surname's letters the same)."""
    if len(names) < 2:
        return names
    kept: dict[tuple[str, str], str] = {}
    for name in names:
        words = fold_key(name).split()
        key = (words[0], "".join(sorted("".join(words[1:])))) if len(words) > 1 else (words[0], "")
        if key not in kept or sum(not c.isascii() for c in name) > sum(not c.isascii() for c in kept[key]):
            kept[key] = name
    chosen = set(kept.values())
    return [name for name in names if name in chosen]


def _one_per_person(names: list[str]) -> list[str]:
    """``names`` less a Chinese name whose pinyin is a name found too: a bilingual page names
    刘华 and Liu Hua, one person; and less a transliterated surname that sounds like the surname
    of a name found in Latin letters (施密茨 and Günther Schmitz)."""
    latin = {name_key(n) for n in names if n.isascii()}
    surnames = [n.split()[-1] for n in names if " " in n and not HAN_CHAR.search(n)]
    if not surnames or all(n.isascii() for n in names):
        return names
    return [
        n for n in names
        if not HAN_CHAR.search(n)
        or not ((py := han_pinyin(n)) is not None and name_key(f"{py[0]} {py[1]}") in latin or _transliterates(n, surnames))
    ]


def _transliterates(han: str, surnames: list[str]) -> bool:
    """``han`` (a name in Chinese, dotted or not) is mostly transliteration characters and its
    surname sounds like one of ``surnames`` (Latin letters)."""
    last = han.rsplit("·", 1)[-1]
    if 2 * sum(ch in _TRANSLIT_ALL for ch in last) < len(last):
        return False
    return any(sounds_alike(last, surname) for surname in surnames)


def without_parts(names: list[str]) -> list[str]:
    """``names`` less each one whose words all belong to a longer name found too ("Shen" beside
    "Shen Changyu"). Candidates come from a word index: comparing every pair of names took
    most of a minute for a large file full of names."""
    words = [name.split() for name in names]
    having: dict[str, set[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            having.setdefault(w, set()).add(i)
    kept = []
    for name, ws in zip(names, words):
        sets = sorted((having[w] for w in set(ws)), key=len)
        longer = set.intersection(*sets) if sets else set()
        if not any(len(words[j]) > len(ws) for j in longer):
            kept.append(name)
    return kept


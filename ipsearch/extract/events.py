"""Event types: meeting, visit, MoU signing, seminar or conference, training, statement (else other).

A type counts when the headline or lead names it in a sentence about what happened (not a plan),
or the body returns to it three times. The next paragraphs weigh less: they decide only when the
headline and lead name no event at all ("At the ceremony, the plan was signed" in the third
paragraph of an article headed by the opening of a centre).
"""

from __future__ import annotations

import re

from .. import fields
from .matching import HAN_CHAR, alternation

#: How news names each kind of event: per type, its phrasings in the order they are tried, each a
#: row of (trigger words, what must follow one of them). A trigger is a literal word that starts the
#: phrasing; all triggers together make one literal alternation that scans at C speed, and a type's
#: full pattern is tried only where a trigger stands. Matched on lower-cased text; English triggers
#: only at word starts (checked on the match: cheaper than a leading \b). The order of the types is
#: the order of :attr:`Document.event_types`.
EVENT_PHRASES: dict[str, tuple[tuple[str, str], ...]] = {
    "mou_signing": (
        # of understanding, of (bilateral) cooperation, on cooperation: the MoU and the MoC alike
        ("memorand", r"(?:um|a|ums)\s+(?:of|on)\s+(?:[a-z-]+\s+){0,2}?(?:understanding|co-?operation)"),
        ("mou", r"s?\b"),
        # the documents of cooperation: agreements, plans and roadmaps, PPH programmes, licences, treaties
        (
            "sign",
            r"(?:s|ed|ing)?\b(?!\s+up\b)[^.\n]{0,80}?\b(?:agreement|protocol|memorand|mou\b|accord|arrangement"
            r"|road\s*map|plans?\b|program(?:me)?s?\b|cross[\s-]*licen|contract|treaty|letter\s+of\s+intent)",
        ),
        ("agreement protocol memorandum accord arrangement roadmap plan", r"[^.\n]{0,90}?\bsigned\b"),
        ("adopt approv endors", r"\w*\b[^.\n]{0,40}?\b(?:road\s*map|work\s+plan|action\s+plan)"),
        ("cross", r"[\s-]*licen[cs]"),
        # "Conclusion of Memorandum of Cooperation", "concluded an agreement"
        ("conclu", r"(?:sion|ded|des|de)\b[^.\n]{0,60}?\b(?:agreement|protocol|memorand|mou\b|accord|arrangement|treaty)"),
        # a PPH is an agreement between offices: its launch or start is one ("launched a PPH pilot")
        ("launch start", r"(?:s|es|ed|ing)?\b[^.\n]{0,60}?\b(?:pph\b|patent\s+prosecution\s+highway)"),
        (
            "签署 签订 簽署 簽訂",
            r"[^。，,]{0,20}?(?:协议|協議|协定|協定|备忘录|備忘錄|议定书|議定書|合作文件|谅解|諒解|合同|宣言"
            r"|路线图|路線圖|工作计划|工作計劃|行动计划|行動計劃|意向书|意向書|交叉许可|交叉許可)",
        ),
        ("通过 通過 批准 核准", r"[^。，,]{0,20}?(?:路线图|路線圖|工作计划|工作計劃|行动计划|行動計劃)"),
        ("启动 啟動 啓動 实施 實施", r"[^。，,]{0,20}?(?:专利审查高速路|專利審查高速公路|專利審查高速路|pph)"),
        ("备忘录 備忘錄 签约 簽約 交叉许可 交叉許可", ""),
    ),
    "visit": (
        ("visit", r"(?:s|ed|ing)?\b"),
        ("courtesy", r"\s+call"),
        ("访问 訪問 拜会 拜會 拜访 拜訪 到访 到訪 来访 來訪 出访 出訪 访华 訪華 考察 调研 調研 交流团 交流團", ""),
    ),
    "meeting": (
        ("meeting", r"s?\b"),
        ("talks met meets summit", r"\b"),
        ("round", r"\s*table"),
        ("consultation", r"s?\b"),
        ("dialog", r"(?:ue)?s?\b"),
        ("会谈 會談 会见 會見 会晤 會晤 会议 會議 座谈 座談 磋商 峰会 峰會 对话 對話", ""),
    ),
    "seminar_or_conference": (
        ("seminar conference forum", r"s?\b"),
        ("symposi", r"(?:um|a)\b"),
        ("colloquium expo exhibition", r"\b"),
        ("研讨会 研討會 论坛 論壇 大会 大會 博览会 博覽會 交流会 交流會", ""),
    ),
    "training": (
        ("training", r"\s+(?:course|program|session|workshop|class|activit)"),
        ("workshop trainee", r"s?\b"),
        ("train", r"(?:s|ed)?\s+\d*\s*(?:examiners|officials|staff)"),
        ("summer", r"\s+school"),
        ("培训班 培訓班 研修班 讲习班 講習班 培训课程 培訓課程 培训活动 培訓活動", ""),
    ),
    "statement": (
        ("joint", r"\s+statement"),
        ("declaration", r"\b"),
        ("communiqu", r"[eé]"),
        ("issued", r"\s+a\s+statement"),
        ("statement", r"\s+(?:issued|released)"),
        ("联合声明 聯合聲明 宣言 声明 聲明 公报 公報", ""),
    ),
}
#: Every type extraction can give; "other" when no phrasing counts. Declared once, with the labels
#: people read, in the field registry; the phrasings above are keyed by it (a test keeps them in step).
EVENT_TYPES: tuple[str, ...] = tuple(t.key for t in fields.EVENT_TYPES)


def _phrasing(triggers: str, rest: str) -> str:
    words = [re.escape(w) for w in triggers.split()]
    return (words[0] if len(words) == 1 else "(?:" + "|".join(words) + ")") + rest


_EVENT_MATCHERS = [
    (name, re.compile("|".join(_phrasing(*row) for row in rows))) for name, rows in EVENT_PHRASES.items()
]
_TRIGGER_WORDS = list(dict.fromkeys(w for rows in EVENT_PHRASES.values() for words, _ in rows for w in words.split()))
_EVENT_TRIGGER = alternation([w for w in _TRIGGER_WORDS if w.isascii()])
# At word starts only ("revisited" holds no visit): a leading non-letter is a cheaper test than \b.
_EVENT_TRIGGER_WORD = re.compile(f"[^a-z](?:{_EVENT_TRIGGER.pattern})")
_EVENT_TRIGGER_ZH = alternation([w for w in _TRIGGER_WORDS if not w.isascii()])


def _event_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    lowered = text.lower()
    starts = [m.start() + 1 for m in _EVENT_TRIGGER_WORD.finditer(lowered)]
    if _EVENT_TRIGGER.match(lowered):
        starts.insert(0, 0)
    if not text.isascii() and HAN_CHAR.search(text):
        starts = sorted(starts + [m.start() for m in _EVENT_TRIGGER_ZH.finditer(lowered)])
    free = 0
    for start in starts:
        if start < free or start and lowered[start - 1].isascii() and lowered[start - 1].isalpha():
            continue  # inside a word ("revisited") or inside the last match ("training workshop")
        for name, pattern in _EVENT_MATCHERS:
            m = pattern.match(lowered, start)
            if m:
                counts[name] = counts.get(name, 0) + 1
                free = max(free, m.end())
    return counts


# Sentences about plans ("will organise joint seminars", "将继续加强培训") name no event that happened.
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")
# Matched on lower-cased text: case-insensitive matching is several times slower in Python's re.
# "plan" as a verb only: a signed "work plan" or "Plan for Promoting Cooperation" is a document.
_FUTURE_WORDS = r"(?:will|would|shall|plan(?:s|ning)?\s+to|planned|willing|hope[sd]?|expects?|next\s+year)\b"
_FUTURE_ZH = "将|將|拟|擬|计划|計劃|希望|愿|願"
_FUTURE = re.compile(rf"(?<![a-z]){_FUTURE_WORDS}|{_FUTURE_ZH}")
_FUTURE_AT_WORD = re.compile(rf"[^a-z]{_FUTURE_WORDS}")  # a leading non-letter: cheaper than a lookbehind
_FUTURE_AT_START = re.compile(_FUTURE_WORDS)
_FUTURE_ZH_RE = re.compile(_FUTURE_ZH)


def _past_sentences(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters
        return " ".join(s for s in _SENTENCE.findall(text) if not _FUTURE.search(s.lower()))
    future = [m.start() + 1 for m in _FUTURE_AT_WORD.finditer(lowered)]
    if _FUTURE_AT_START.match(lowered):
        future.append(0)
    if not lowered.isascii():
        future += [m.start() for m in _FUTURE_ZH_RE.finditer(lowered)]
    if not future:
        return " ".join(_SENTENCE.findall(text))
    kept = []
    for m in _SENTENCE.finditer(text):
        if not any(m.start() <= f < m.end() for f in future):
            kept.append(m.group(0))
    return " ".join(kept)


#: How much text after the lead :func:`extract_event_types` reads as "the next paragraphs".
AFTER_LEAD_CHARS = 1500


def extract_event_types(title: str, lead: str, body: str, after_lead: str = "") -> tuple[str, ...]:
    """An event type counts when the headline or lead names it, or the body returns to it (three times):
    a passing mention of future training in a joint statement does not make it a training event.

    ``after_lead`` (the paragraphs that follow the lead) weighs less: what its sentences about the
    past name counts only when nothing above does, so that a ceremony whose signing is told in
    the third paragraph is not "other", while an article whose lead says what happened does not
    gain every kind of event its later paragraphs recall.
    """
    named = _event_counts(title + "\n" + _past_sentences(lead))
    in_body = _event_counts(body)
    found = [name for name in EVENT_PHRASES if named.get(name) or in_body.get(name, 0) >= 3]
    if not found and after_lead:
        later = _event_counts(_past_sentences(after_lead))
        found = [name for name in EVENT_PHRASES if later.get(name)]
    return tuple(found) or ("other",)


"""Event types: one table of phrasings and triggers; plans are not events."""

from __future__ import annotations

import pytest

from ipsearch.extract import Document
from ipsearch.extract.events import EVENT_PHRASES, EVENT_TYPES, extract_event_types

from .conftest import CENTRAL_ASIA, KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA
from .extracting import docs  # noqa: F401 (docs: a fixture)


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        ("CNIPA and KIPO Hold Heads Meeting", "The two commissioners met in Kobe.", "meeting"),
        ("WIPO Director General Visits Mongolia", "He paid an official visit to Ulaanbaatar.", "visit"),
        ("EAPO and Kyrgyzpatent Sign Memorandum of Understanding", "The memorandum was signed in Bishkek.", "mou_signing"),
        ("BRICS IP Forum Opens in New Delhi", "Officials gathered for the forum.", "seminar_or_conference"),
        ("EPO Runs Examiner Training Course", "A two-week training course for 24 examiners ended.", "training"),
        ("USPTO and EPO Issue Joint Statement", "The offices released a joint statement.", "statement"),
        ("CNIPA Releases Patent Statistics", "Applicants filed more patents.", "other"),
        ("中韩知识产权局局长会谈在首尔举行", "双方举行会谈。", "meeting"),
        ("申长雨会见来访的代表团", "来访的代表团一行。", "visit"),
        ("两局签署合作谅解备忘录", "双方签署了谅解备忘录。", "mou_signing"),
        ("中蒙俄知识产权研讨会举行", "研讨会在乌兰巴托举行。", "seminar_or_conference"),
        ("專利審查員培訓班在杭州開班", "培訓班為期兩週。", "training"),
        ("兩局發表聯合聲明", "雙方發表聯合聲明。", "statement"),
    ],
)
def test_each_event_type(title: str, lead: str, expected: str) -> None:
    assert expected in extract_event_types(title, lead, lead)


def test_plans_and_minutes_are_not_events() -> None:
    lead = "The parties will organise joint seminars. After the meeting, the two sides signed the meeting minutes."
    assert extract_event_types("Heads Meeting Held", lead, lead) == ("meeting",)
    assert "training" not in extract_event_types("双方会谈", "双方将加强人员培训等领域合作。", "")


def test_event_types(docs: dict[str, Document]) -> None:
    assert "mou_signing" in docs[KAZAKHSTAN_VISIT].event_types
    assert "visit" in docs[KAZAKHSTAN_VISIT].event_types
    assert "statement" in docs[CENTRAL_ASIA].event_types
    assert "seminar_or_conference" in docs[MONGOLIA_RUSSIA].event_types
    assert "meeting" in docs[KIPO_MEETING].event_types


def test_event_triggers_and_types_come_from_one_table() -> None:
    # every phrasing is found through its own trigger words: each row alone names its type
    samples = {
        "mou_signing": ["memorandum of understanding", "mous", "signed an agreement", "the protocol was signed",
                        "签署合作协议", "签约"],
        "visit": ["visited", "courtesy call", "到访"],
        "meeting": ["meetings", "talks", "round table", "consultations", "会谈"],
        "seminar_or_conference": ["forums", "symposium", "expo", "论坛"],
        "training": ["training course", "workshops", "trained 30 examiners", "summer school", "培訓班"],
        "statement": ["joint statement", "declaration", "communiqué", "issued a statement", "statement issued", "公報"],
    }
    assert list(samples) == list(EVENT_PHRASES) and EVENT_TYPES == (*EVENT_PHRASES, "other")
    for kind, phrases in samples.items():
        assert len(phrases) == len(EVENT_PHRASES[kind])
        for phrase in phrases:
            assert kind in extract_event_types(f"Office news: {phrase}.", "", ""), phrase

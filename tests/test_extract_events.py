"""Event types: one table of phrasings and triggers; plans are not events."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipsearch.extract import Document
from ipsearch.extract.events import EVENT_PHRASES, EVENT_TYPES, extract_event_types

from .conftest import CENTRAL_ASIA, KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA
from .extracting import docs  # noqa: F401 (docs: a fixture)
from .extracting import extract_text


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


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        ("Offices Review Ten Years of Cooperation", "The heads of office adopted a roadmap for 2024-2026.", "mou_signing"),
        ("Two Offices Deepen Ties", "The offices signed a work plan on examiner exchanges.", "mou_signing"),
        ("Pharma Firms Settle Dispute", "The two companies entered into a cross-licence covering 200 patents.",
         "mou_signing"),
        ("Patent Firms Settle", "They agreed a cross-licensing deal.", "mou_signing"),
        ("SIPO Expands PPH", "SIPO signed PPH pilot programmes with three more offices.", "mou_signing"),
        ("EU and China Hold IP Dialogue", "The 12th round of the dialogue took place in Brussels.", "meeting"),
        ("中欧知识产权对话在布鲁塞尔举行", "双方回顾了合作成果。", "meeting"),
        ("中歐知識產權對話舉行", "雙方回顧了合作成果。", "meeting"),
        ("两局通过2024年合作路线图", "双方回顾了合作成果。", "mou_signing"),
        ("兩局簽署交叉許可協議", "雙方回顧了合作成果。", "mou_signing"),
        ("经科局访国家知识产权局", "代表团赴北京拜访国家知识产权局。", "visit"),
        ("海關組織廣州交流團", "交流團一行參觀了多個單位。", "visit"),
        # a memorandum of cooperation is a memorandum of understanding by another name
        ("Memorandum of Bilateral Cooperation Between Two Offices", "The text covers examiner exchanges.", "mou_signing"),
        ("Memoranda on Cooperation Enter into Force", "Both texts now apply.", "mou_signing"),
        ("Conclusion of an Arrangement on Industrial Property", "The offices will share search results.", "mou_signing"),
        ("Offices Launch PPH Pilot", "Applicants may request accelerated examination from May.", "mou_signing"),
        ("两局启动专利审查高速路试点", "申请人可请求加快审查。", "mou_signing"),
    ],
)
def test_more_kinds_of_cooperation(title: str, lead: str, expected: str) -> None:
    assert expected in extract_event_types(title, lead, lead)


def test_a_pph_only_reviewed_or_a_conclusion_drawn_is_no_signing() -> None:
    assert "mou_signing" not in extract_event_types(
        "Heads of Office Hold Talks", "The two sides reviewed the bilateral Patent Prosecution Highway and concluded the talks.", "")


def test_signed_up_is_no_signing() -> None:
    assert extract_event_types("Examiners Sign Up", "Forty examiners signed up for the new programme.", "") == ("other",)


def test_the_paragraphs_after_the_lead_decide_only_when_the_lead_names_no_event() -> None:
    title = "International IP Cooperation Centre Opens in Beijing"
    lead = "The centre opened on 23 April.\n\nOfficials of both offices spoke at the ceremony."
    after = "At the ceremony, the two offices signed a cooperation agreement. They will hold a seminar next year."
    body = "\n\n".join([title, lead, after])
    assert extract_event_types(title, lead, body, after) == ("mou_signing",)  # the seminar is a plan
    assert extract_event_types(title, lead, body) == ("other",)  # not read without them
    # a lead that names its event keeps just that: the later paragraph's signing is a recollection
    met = "The two commissioners met in Geneva."
    assert extract_event_types("Heads Meet", met, "\n\n".join(["Heads Meet", met, after]), after) == ("meeting",)


def test_a_signing_told_after_the_lead_is_found_in_a_whole_article(tmp_path: Path) -> None:
    text = (
        "International IP Cooperation Centre Opens in Beijing\n\n"
        "BEIJING, 23 April 2024 -- An international IP cooperation centre opened in Beijing on Tuesday.\n\n"
        "The deputy mayor and the deputy commissioner spoke at the opening.\n\n"
        "At the ceremony, the Plan for Promoting Cooperation between the two offices (2024-2026) was signed "
        "by the heads of both.\n"
    )
    assert extract_text(tmp_path, text).event_types == ("mou_signing",)


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
                        "adopted a roadmap", "a cross-licence", "concluded an agreement", "launched a PPH pilot",
                        "签署合作协议", "通过了工作计划", "启动专利审查高速路试点", "签约"],
        "visit": ["visited", "courtesy call", "到访"],
        "meeting": ["meetings", "talks", "round table", "consultations", "a strategic dialogue", "会谈"],
        "seminar_or_conference": ["forums", "symposium", "expo", "论坛"],
        "training": ["training course", "workshops", "trained 30 examiners", "summer school", "培訓班"],
        "statement": ["joint statement", "declaration", "communiqué", "issued a statement", "statement issued", "公報"],
    }
    assert list(samples) == list(EVENT_PHRASES) and EVENT_TYPES == (*EVENT_PHRASES, "other")
    for kind, phrases in samples.items():
        assert len(phrases) == len(EVENT_PHRASES[kind])
        for phrase in phrases:
            assert kind in extract_event_types(f"Office news: {phrase}.", "", ""), phrase

"""Language: en, zh or mixed."""

from __future__ import annotations

from ipsearch.extract.language import detect_language


def test_language_detection() -> None:
    assert detect_language("The delegation visited Kazakhstan.") == "en"
    assert detect_language("国家知识产权局局长申长雨会见哈萨克斯坦司法部副部长") == "zh"
    assert detect_language("CNIPA and KIPO held talks in Kobe. 国家知识产权局与韩国知识产权局举行局长会谈，双方签署了会谈纪要。") == "mixed"


def test_every_language_detected_is_in_the_field_vocabulary() -> None:
    from ipsearch.fields import BY_NAME

    keys = {t.key for t in BY_NAME["language"].terms}
    samples = ("The delegation visited Kazakhstan.", "国家知识产权局局长申长雨会见哈萨克斯坦司法部副部长",
               "CNIPA and KIPO held talks in Kobe. 国家知识产权局与韩国知识产权局举行局长会谈，双方签署了会谈纪要。", "")
    assert {detect_language(s) for s in samples} == keys

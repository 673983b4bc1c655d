"""Organizations: known offices and organizations, and names read from head nouns."""

from __future__ import annotations

from ipsearch.extract.organizations import pattern_orgs
from ipsearch.lexicon import default_lexicon


def test_an_office_name_across_a_known_name_is_not_taken_among_thousands_of_names() -> None:
    filler = "Talks were held in Geneva. " * 3000
    text = filler + "Bonds, the Federal Reserve Bank of New York said."
    at, fed = text.index("New York"), text.index("Federal")
    lexicon = default_lexicon()
    assert pattern_orgs(text, lexicon, [], set()) == ["Federal Reserve Bank of New York"]
    geneva = [(i, i + 6) for i in range(17, len(filler), 27)]  # the known names before it, in any order
    for known in ((at, at + 8), (at + 4, at + 8), (fed - 5, fed + 7)):  # inside it, or across its start
        for spans in (geneva + [known], [known] + geneva[::-1]):
            assert pattern_orgs(text, lexicon, spans, set()) == []

"""User text, filters and dates -> a Whoosh query.

People type natural language and paste sentences; some type Whoosh syntax. Plain
words are OR-ed (every-word AND finds nothing for long natural queries) and BM25F
ranks documents that match more of them higher. Quotes, parentheses, AND/OR/NOT,
wildcards and ``field:`` prefixes keep their meaning when used deliberately
(balanced, on a real field); punctuation that only looks like syntax is read as
words. Queries that parse to nothing searchable are reported, never silently run.

Each ranking choice below was measured on BEIR SciFact (nDCG@10, 300 test claims;
``bench/relevance.py``) and checked on its 809 training claims so the test set
does not pick the values alone; README "Relevance" has the table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import (
    AndGroup,
    FieldsPlugin,
    GroupPlugin,
    MultifieldParser,
    OperatorsPlugin,
    OrGroup,
    PhrasePlugin,
    RangePlugin,
    WhitespacePlugin,
    WildcardPlugin,
)

from .analysis import HAN, facet_key, fold_han
from .errors import QueryError, UsageError
from .lexicon import KINDS, Entry, active_lexicon, fold_key, may_name
from .fields import FACET_FIELDS, FILTER_FIELDS, TEXT_FIELDS
from .translate import Expansion

#: Per-field weights. The body holds the headline too, so the title field only adds a
#: small bonus: title 0.25 scored 0.699 on SciFact test (0.701 train) against 0.687
#: (0.695) without a title field, 0.692 (0.691) at 0.5, 0.668 (0.667) at 1.0, and 0.595
#: (0.582) for the former title 3 / entities 1.5. Entity names (every alias, both
#: scripts) carry cross-language queries; they do not move SciFact (no entities) and
#: 0.25-0.5 ranked the judged news and bilingual sets best (nDCG@10 0.997 and 0.996;
#: 1.0: 0.988, 0.996; no phrase bonus: 0.987, 0.993; former weights: 0.966, 0.984).
FIELD_BOOSTS = {"body": 1.0, "title": 0.25, "entities": 0.5}

#: Weight of a known multi-word entity name matched as a phrase (see :func:`entity_phrases`).
ENTITY_PHRASE_BOOST = 1.0

_OPERATOR = re.compile(r"(?<!\S)(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?!\S)")
_COLON = re.compile(r"(?P<name>\w*):")
_WILD_RUN = re.compile(r"[^\s()\"]*[*?][^\s()\"]*")
_FIELD_PREFIX = re.compile(r"^(?P<name>\w+):")
#: ``title:(...)``: parentheses that scope a group of words to one field.
_FIELD_GROUP = re.compile(r"(?:^|(?<=[\s(]))\w+:\(")
#: A field name left with nothing, or an empty group, as its value.
_EMPTY_FIELD = re.compile(r'(?P<name>\w+):(?:\(\)|"")?\)*')
_HAN_FORM = re.compile(f"[{HAN}]+$")
#: Chinese is written without spaces; one pasted or typed inside a quoted phrase ("知识 产权")
#: would break the character pairs the phrase is matched by, so it is dropped.
_QUOTED = re.compile(r'"[^"]*"')
_HAN_GAP = re.compile(rf"(?<=[{HAN}])\s+(?=[{HAN}])")
#: A question mark that ends a word (or stands alone) ends a question; it is no wildcard.
_QUESTION_MARK = re.compile(r"\?+(?=\s|$)")


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    query: wq.Query  # ``wq.Every()`` when the text is empty
    plain: bool = False  # plain words (see :func:`words_query`), no query syntax
    translations: tuple[Expansion, ...] = ()  # words added in the other language (see :func:`translated`)

    @property
    def is_match_all(self) -> bool:
        return isinstance(self.query, wq.Every)


def parse(text: str, schema: Schema, canonical: Callable[[str, str], str] | None = None,
          operator: str = "or", *, translate_into: Iterable[str] = (),
          holds: Callable[[str], bool] | None = None) -> ParsedQuery:
    """Parse user text; raise :class:`QueryError` when it holds nothing searchable.

    ``canonical(field, value)`` maps a facet value typed in the query (``countries:韓國``,
    ``organizations:SIPO``) to its indexed name, as ``--filter`` does, so both match the same.
    Search-box conventions: ``+word`` must match, ``-word`` must not; ``operator="and"``
    makes every word required.

    ``translate_into`` (``"en"``, ``"zh"``) adds the plain words' translations into those
    languages at a lower weight (:func:`translated`); ``holds`` tells whether the index has
    a body term, so that translations it never contains are skipped for the next candidate.
    """
    if operator not in OPERATORS:
        raise QueryError(f"unknown operator {operator!r}; use one of: {', '.join(OPERATORS)}")
    typed = _clean(text or "")
    text = _clean(check_query(_QUESTION_MARK.sub(" ", text or "")))
    if not text:
        if typed and typed != "*":  # "?" or '"' alone: nothing to search, and not the ask to list all
            raise QueryError(f"query {shown(typed)!r} has no searchable words; search '*' to list everything")
        return ParsedQuery("", wq.Every())
    masked = _QUOTED.sub(lambda m: "\0" * len(m.group(0)), text) if text.count('"') % 2 == 0 else text
    marked = [m for m in _MARKED.finditer(text) if "\0" not in masked[m.start(): m.start() + 1]]
    if marked or operator == "and":
        return _parse_required(text, marked, schema, canonical, operator)
    return _parse_text(text, schema, canonical, translate_into=translate_into, holds=holds)


#: How query words combine when nothing says otherwise: "or" ranks documents matching more
#: words higher (the default; see the module docstring), "and" requires every word.
OPERATORS = ("or", "and")
#: ``+word``/``-word`` (or a quoted phrase) at the start of a query word: required, excluded.
_MARKED = re.compile(r'(?:(?<=[\s(])|^)([+-])("[^"]+"|[^\s"()+-][^\s"()]*)')


def _parse_required(text: str, marked: list[re.Match[str]], schema: Schema,
                    canonical: Callable[[str, str], str] | None, operator: str) -> ParsedQuery:
    """Words marked ``+`` (or all words, for ``operator="and"``) must match, ``-`` ones must not;
    the score is that of the words searched (required and optional), as without marks."""
    pieces, at = [], 0
    for m in marked:
        pieces.append(text[at : m.start()])
        at = m.end()
    rest = " ".join((" ".join(pieces) + " " + text[at:]).split())
    required = [m.group(2) for m in marked if m.group(1) == "+"]
    excluded = [m.group(2) for m in marked if m.group(1) == "-"]
    if operator == "and" and rest:
        required += _QUOTED.findall(rest) + _QUOTED.sub(" ", rest).split() if not has_syntax(rest) else []
    searched = " ".join([rest, *(m.group(2) for m in marked if m.group(1) == "+")]).strip()
    musts = [q for q in (_part(word, schema, canonical) for word in required) if q is not None]
    nots = [q for q in (_part(word, schema, canonical) for word in excluded) if q is not None]
    if searched:
        try:
            q = _parse_text(searched, schema, canonical, and_group=operator == "and").query
        except QueryError:
            if not nots:
                raise QueryError(f"query {shown(text)!r} has no searchable words") from None
            q = wq.Every()
    elif nots:
        q = wq.Every()
    else:
        raise QueryError(f"query {shown(text)!r} has no searchable words")
    if musts:
        q = wq.Require(q, musts[0] if len(musts) == 1 else wq.And(musts))
    if nots:
        q = wq.AndNot(q, nots[0] if len(nots) == 1 else wq.Or(nots))
    return ParsedQuery(text, q, False)


def _part(word: str, schema: Schema, canonical: Callable[[str, str], str] | None) -> wq.Query | None:
    """One marked word or phrase as a query, or None when it is only stop words."""
    try:
        return _parse_text(word, schema, canonical).query
    except QueryError:
        return None


def _parse_text(text: str, schema: Schema, canonical: Callable[[str, str], str] | None,
                and_group: bool = False, translate_into: Iterable[str] = (),
                holds: Callable[[str], bool] | None = None) -> ParsedQuery:
    words = _QUOTED.sub(lambda m: _HAN_GAP.sub("", m.group(0)), neutralize(text))  # phrases: the quotes left
    if not words:
        raise QueryError(f"query {shown(text)!r} has no searchable words")
    _check_field_values(words)
    plain = not has_syntax(words)
    q = words_query(words, schema) if plain else _parse_syntax(words, schema, and_group)
    if canonical is not None and not plain:
        q = _canonical_values(q, canonical)
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)) or not list(q.leaves()):
        raise QueryError(f"query {shown(text)!r} has no searchable words")
    added: tuple[Expansion, ...] = ()
    if plain and translate_into and "body" in schema:
        q, added = translated(q, words, schema, translate_into, holds)
    return ParsedQuery(text, q, plain, added)


def translated(
    q: wq.Query, text: str, schema: Schema, into: Iterable[str], holds: Callable[[str], bool] | None = None
) -> tuple[wq.Query, tuple[Expansion, ...]]:
    """``q`` OR the translations of ``text`` (:func:`ipsearch.translate.expand`) on the body field.

    A translation of several words (a Chinese word is several character pairs) is a phrase,
    so "专利审查高速路" adds "patent prosecution highway", not three loose words. Its boost
    spreads the translation weight over its terms, scaled by what the typed terms it stands
    for weigh (their number, less for a long Chinese word: :func:`han_run_scale`): an added
    form never counts for more than ``weight`` times what was typed.
    """
    from .translate import expand  # the dictionaries load only when a query asks

    field = schema["body"]

    def usable(form: str) -> bool:
        words = list(field.process_text(form, mode="query"))
        return bool(words) and (holds is None or all(holds(w) for w in words))

    groups: dict[tuple[str, str], list[wq.Query]] = {}
    seen: set[tuple[str, ...]] = set()
    added: list[Expansion] = []
    for expansion in expand(text, frozenset(into), keep=usable):
        words, slop = _words_and_slop(expansion.target, field)
        if tuple(words) in seen:  # China-US and China-U.S. are one set of terms
            continue
        seen.add(tuple(words))
        stands_for = expansion.head or expansion.source
        source = list(field.process_text(stands_for, mode="query"))  # the typed terms it stands for
        typed = max(1, len(source)) * _typed_scale(text, stands_for, field)  # what those terms weigh
        boost = expansion.weight * typed / len(words)
        if expansion.origin == "lexicon":  # see NAME_TERM_CAP
            boost = min(boost, expansion.weight * NAME_TERM_CAP)
        if len(words) == 1:
            clause: wq.Query = wq.Term("body", words[0], boost=boost)
        else:  # English: one more word of slop, so "China-Russia" also finds "China and Russia"
            clause = wq.Phrase("body", words, slop=slop + (expansion.language == "en"), boost=boost)
        groups.setdefault((expansion.source, expansion.language), []).append(clause)
        added.append(expansion)
    # the forms of one typed word are alternatives: an article scores by the best one it holds
    clauses = [forms[0] if len(forms) == 1 else wq.DisjunctionMax(forms) for forms in groups.values()]
    if not clauses:
        return q, ()
    parts = list(q.subqueries) if isinstance(q, wq.Or) else [q]
    combined = wq.Or(parts + clauses)
    combined.matcher_type = wq.Or.ARRAY_MATCHER
    return combined, tuple(added)


#: Most a term of a name's translation weighs, in translation weights (``weight`` times one
#: typed word). A name's other-language form is often one rare word (德国专利商标局 -> DPMA):
#: spread over it, the weight of the typed name's six character pairs made an English article
#: that says DPMA outrank the Chinese articles that say 德国专利商标局. On the dev set
#: (bench/devset.py) 1.0 kept zh nDCG at 0.921 (uncapped: 0.887) and cross at 0.811 (0.821);
#: 0.75: cross 0.804, 1.25: 0.812.
NAME_TERM_CAP = 1.0


def words_query(text: str, schema: Schema) -> wq.Query:
    """Plain words: one flat OR of every analysed word in every text field, weighted.

    A word repeated in the query counts again (SciFact test 0.699 vs 0.696 folded,
    train 0.701 vs 0.705: a wash, so Lucene's behaviour is kept). The flat OR is
    scored by Whoosh's array union, four times faster here than its binary tree of
    unions on SciFact's 20-word claims, with identical scores; search it with
    ``optimize=False`` (block-quality skipping only adds work to an array union).
    The character pairs of one typed Chinese word share its weight (:func:`han_run_scale`).
    """
    clauses: list[wq.Query] = []
    segments = [s for s in _HAN_SPLIT.split(text) if s]
    for name, boost in FIELD_BOOSTS.items():
        if name not in schema:
            continue
        for segment in segments:
            words = list(schema[name].process_text(segment, mode="query"))
            scale = han_run_scale(len(words)) if _HAN_FORM.match(segment) else 1.0
            for word in words:
                clauses.append(wq.Term(name, word, boost=boost * scale))
    if clauses and "entities" in schema:
        clauses += entity_phrases(text, schema) + abbreviated_country_names(text, schema) + region_countries(text, schema)
    if not clauses:
        return wq.NullQuery
    if len(clauses) == 1:
        return clauses[0]
    q = wq.Or(clauses)
    q.matcher_type = wq.Or.ARRAY_MATCHER
    return q


#: How a typed Chinese word of n character pairs weighs: n ** HAN_RUN_POWER terms, not n.
#: Its pairs are one word's evidence, not n independent words: at full weight a long
#: name (世界知识产权组织, seven pairs) outweighs every other word typed with it, and an
#: article that names WIPO outranks one about WIPO, Hong Kong and a memorandum. 0.5 on the
#: dev set (bench/devset.py, nDCG@10): zh 0.939 -> 0.946, cross 0.805 -> 0.832, en unchanged;
#: 1.0 is the former behaviour; 0.7: 0.942 / 0.818; 0.4: 0.944 / 0.834; 0.0: 0.934 / 0.837.
#: English words are one term each and keep weight 1 (SciFact does not move).
HAN_RUN_POWER = 0.5
#: Splits text into runs of Han characters and the rest (the captured runs are kept).
_HAN_SPLIT = re.compile(f"([{HAN}]+)")


def han_run_scale(pairs: int) -> float:
    """Weight of each of the ``pairs`` query terms of one typed Chinese word (1.0 for one pair)."""
    return pairs ** HAN_RUN_POWER / pairs if pairs > 1 else 1.0


def _typed_scale(text: str, source: str, field: Any) -> float:
    """:func:`han_run_scale` of the typed Chinese word that ``source`` (a translated word) is part of."""
    if not _HAN_SPLIT.search(source):
        return 1.0
    for run in _HAN_SPLIT.findall(fold_han(text)):
        if source in run:
            return han_run_scale(len(list(field.process_text(run, mode="query"))))
    return 1.0


def entity_phrases(text: str, schema: Schema) -> list[wq.Query]:
    """A phrase on the entity-name field for each multi-word name the lexicon knows in ``text``.

    "Korean Intellectual Property Office" shares three of its four words with every
    office; the phrase rewards the documents that name KIPO (in any script) over
    those that merely say "intellectual property office".
    """
    if not may_name(text):
        return []
    lexicon = active_lexicon()
    field = schema["entities"]
    phrases: dict[tuple[str, ...], wq.Query] = {}
    for kind in KINDS:
        for mention in lexicon.find(text, kind):
            words, slop = _words_and_slop(mention.surface, field)
            if len(words) > 1 and tuple(words) not in phrases:
                phrases[tuple(words)] = wq.Phrase("entities", words, slop=slop, boost=ENTITY_PHRASE_BOOST)
    return list(phrases.values())


#: Weight of a country named by a one-character abbreviation ("中俄": China and Russia) on the
#: entity-name field, where every article naming the country in any script holds its name.
#: 2.0: about what the typed full name 俄罗斯 weighs (its character pairs in body and entities);
#: on the dev set 0.5 / 1.0 / 2.0 gave zh nDCG 0.903 / 0.903 / 0.913 (0.901 without), never losing a query.
ABBREVIATED_COUNTRY_BOOST = 2.0


def abbreviated_countries_query(text: str) -> list[str]:
    """The countries a Chinese query names by abbreviation (中俄, 中韩, 台韩): see extract/countries.py."""
    if not re.search(f"[{HAN}]", text):
        return []
    from .extract.countries import abbreviated_countries  # only a Chinese query needs it

    return abbreviated_countries(text)


def abbreviated_country_names(text: str, schema: Schema) -> list[wq.Query]:
    """The entity-name clauses for the countries in "中俄知识产权合作": 中俄 is one bigram no
    article about China and Russia needs to contain (it may say 俄罗斯和中国), but each
    country's name is in the entity field of every article that names it, in any script."""
    clauses: list[wq.Query] = []
    for country in abbreviated_countries_query(text):
        words, slop = _words_and_slop(country, schema["entities"])
        if len(words) == 1:
            clauses.append(wq.Term("entities", words[0], boost=ABBREVIATED_COUNTRY_BOOST))
        elif words:
            clauses.append(wq.Phrase("entities", words, slop=slop, boost=ABBREVIATED_COUNTRY_BOOST))
    return clauses


#: Weight of the best member country of a region the query names ("中亚": an article on China and
#: Tajikistan is about China and Central Asia). One country stands for the region, so the best
#: member counts once; on the dev set this took zh nDCG 0.913 -> 0.939 and cross 0.805 -> 0.808.
REGION_MEMBER_BOOST = 1.0


def region_countries(text: str, schema: Schema) -> list[wq.Query]:
    """One clause per region ``text`` names: its member countries' names on the entity field,
    alternatives of which an article scores by the best it holds."""
    if not may_name(text):
        return []
    from .regions import region_members

    clauses: list[wq.Query] = []
    for members in region_members(text):
        names: list[wq.Query] = []
        for country in members:
            words, slop = _words_and_slop(country, schema["entities"])
            if len(words) == 1:
                names.append(wq.Term("entities", words[0], boost=REGION_MEMBER_BOOST))
            elif words:
                names.append(wq.Phrase("entities", words, slop=slop, boost=REGION_MEMBER_BOOST))
        if names:
            clauses.append(wq.DisjunctionMax(names))
    return clauses


#: A Chinese name form is highlighted by its character pairs only when it is this short:
#: the pairs of 哈萨克斯坦 are the name, those of 韩国知识产权局 (知识, 产权) are in every article.
HIGHLIGHT_HAN_FORM = 5


def name_highlight_terms(text: str, schema: Schema, lower_case_names: bool = False) -> frozenset[str]:
    """Indexed terms of every form of each name the lexicon knows in ``text``, for snippets.

    A query for 哈萨克斯坦 finds English articles through the entity-name field, where
    every alias is indexed; their snippets should mark "Kazakhstan". Only forms whose
    terms are the name itself: one-word Latin forms (every word of a person's or place's),
    and Han forms of at most
    :data:`HIGHLIGHT_HAN_FORM` characters. ``lower_case_names`` also looks up the words
    of a query typed all in lower case ("kazakhstan", "new york"; "us" names no country,
    as only "US" does): worth loading the name tables only where some articles are Chinese.
    """
    if "body" not in schema:
        return frozenset()
    if may_name(text):
        entries = [mention.entry for mention in active_lexicon().scan(text)]  # every kind, one pass
    elif lower_case_names:
        entries = _lower_case_names(text)
    else:
        return frozenset()
    field = schema["body"]
    terms: set[str] = set()
    for entry in entries:
        for form in entry.forms:
            words = _FORM_TERMS.get(form)
            if words is None:
                words = _FORM_TERMS[form] = tuple(field.process_text(form, mode="query"))
            han = bool(_HAN_FORM.match(form))
            whole = len(words) == 1 or entry.kind in _WORDS_ARE_NAME
            if (han and len(form) <= HIGHLIGHT_HAN_FORM) or (not han and whole):
                terms.update(words)
    return frozenset(terms)


#: Kinds whose every word is the name ("Shen", "Changyu"; "Inner", "Mongolia"), as :func:`mark_names`
#: marks them; an office's or organization's words ("Intellectual", "Property") are in every article.
_WORDS_ARE_NAME = frozenset({"people", "places"})


def _lower_case_names(text: str) -> list[Entry]:
    """Entries named by runs of one to three words of ``text``, ignoring case, except forms
    written in capitals (US, ROK), which in lower case are ordinary words."""
    lexicon = active_lexicon()
    words = [w for w in (w.strip(_EDGE_PUNCTUATION) for w in text.split()) if w]
    found: list[Entry] = []
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            key = fold_key(phrase)
            for entry in lexicon.lookup(phrase):
                if entry.name and any(fold_key(f) == key and not f.isupper() for f in entry.forms):
                    found.append(entry)
    return found


_EDGE_PUNCTUATION = "\"'“”‘’()[]{},;:!?."

#: name form -> its query terms: a country has a dozen forms, analysed once per process.
_FORM_TERMS: dict[str, tuple[str, ...]] = {}


def _words_and_slop(text: str, field: Any) -> tuple[list[str], int]:
    """Analysed words of ``text`` and the phrase slop that spans its dropped stop words."""
    words: list[str] = []
    positions: list[int] = []
    for token in field.analyzer(text, mode="query", positions=True):
        words.append(token.text)
        positions.append(token.pos)
    gaps = [b - a for a, b in zip(positions, positions[1:])]
    return words, max([1, *gaps])


def _parse_syntax(text: str, schema: Schema, and_group: bool = False) -> wq.Query:
    parser = MultifieldParser(
        [name for name in FIELD_BOOSTS if name in schema],
        schema,
        fieldboosts=FIELD_BOOSTS,
        group=AndGroup if and_group else OrGroup,
        plugins=[
            WhitespacePlugin(),
            FieldsPlugin(),
            WildcardPlugin(),
            PhrasePlugin(),
            RangePlugin(),
            GroupPlugin(),
            OperatorsPlugin(),
        ],
    )
    try:
        q = parser.parse(text)
    except Exception as exc:  # the parser rarely raises, but field conversions can
        raise QueryError(f"cannot parse query {shown(text)!r}: {shown(str(exc))}") from exc
    return _repair(q, text, schema).normalize()


def _repair(q: wq.Query, text: str, schema: Schema) -> wq.Query:
    """Fix two parser habits: stop-word gaps inside phrases, and NOT inside an OR.

    The index keeps a position for each dropped stop word, so ``"memorandum of
    understanding"`` needs a slop that spans it or it finds nothing. Under OR
    grouping ``seminar NOT Russia`` parses as ``seminar OR (NOT russia)``, which
    matches every document without Russia; it is meant as ``seminar ANDNOT russia``.
    """
    if isinstance(q, wq.Phrase):
        ranges = [r for r in (q.char_ranges or []) if r[0] is not None]
        if len(ranges) > 1 and q.fieldname in schema:
            _, slop = _words_and_slop(text[ranges[0][0] : ranges[-1][1]], schema[q.fieldname])
            if slop > q.slop:
                q = q.copy()
                q.slop = slop
        return q
    if q.is_leaf():
        return q
    q = q.apply(lambda sub: _repair(sub, text, schema))
    if isinstance(q, wq.Or):
        negative = [sub.query for sub in q.subqueries if isinstance(sub, wq.Not)]
        positive = [sub for sub in q.subqueries if not isinstance(sub, wq.Not)]
        if negative and positive:
            keep = positive[0] if len(positive) == 1 else wq.Or(positive, boost=q.boost)
            drop = negative[0] if len(negative) == 1 else wq.Or(negative)
            return wq.AndNot(keep, drop)
    return q


def _canonical_values(q: wq.Query, canonical: Callable[[str, str], str]) -> wq.Query:
    """Facet values in ``q`` as :func:`filter_query` reads them: any known alias becomes its name."""
    if isinstance(q, wq.Term) and q.fieldname in FILTER_FIELDS and isinstance(q.text, str):
        key = facet_key(canonical(q.fieldname, q.text))
        if key != q.text:
            q = q.copy()
            q.text = key
        return q
    if q.is_leaf():
        return q
    return q.apply(lambda sub: _canonical_values(sub, canonical))


def has_syntax(text: str) -> bool:
    """Whether (neutralized) text still asks for phrases, groups, operators, wildcards or fields."""
    return bool(
        any(c in text for c in '"()*?')
        or _OPERATOR.search(text)
        or any(_FIELD_PREFIX.match(tok) for tok in text.split())
    )


def neutralize(text: str) -> str:
    """Turn punctuation that only looks like query syntax into plain word separators.

    ``IL-1: a review (2019)`` is a search for those words: a colon makes a field
    query only after a real field name (``title:``, ``countries:``) and before a
    value; quotes and parentheses count only when balanced (parentheses only with an
    operator to group, or right after a field name: ``title:(visit delegation)``); ``*`` and ``?`` are wildcards only inside or after a word of
    two or more letters (``IL-1*`` is the words IL and 1). Shapes that look meant as
    syntax but cannot work (``colour:red``, ``*stan``) are refused earlier, by
    :func:`check_query`, with a message.
    """
    text = _COLON.sub(lambda m: _colon(m, text), text)
    if text.count('"') % 2:
        text = text.replace('"', " ")
    text = text.replace('""', " ")
    if not _balanced(text) or not (_OPERATOR.search(text) or _FIELD_GROUP.search(text)):
        text = text.replace("(", " ").replace(")", " ")
    text = _WILD_RUN.sub(_wildcard, text)
    return " ".join(text.split())


def _check_field_values(text: str) -> None:
    """Refuse a field name whose value neutralizing took away: ``title:(``, ``title:""``.

    Run as words, such a query would search for the field's name (``titl``) and
    find nothing, or the wrong thing, without a word of warning.
    """
    for token in text.split():
        m = _EMPTY_FIELD.fullmatch(token)
        if m and m["name"] in QUERY_FIELDS:
            raise QueryError(_needs_value(m["name"]))


def _needs_value(name: str) -> str:
    return f"'{name}:' needs a value right after the colon, e.g. {name}:kazakhstan"


def _colon(m: re.Match[str], text: str) -> str:
    start, end = m.span()
    name = m["name"]
    at_start = start == 0 or text[start - 1].isspace() or text[start - 1] in '("'
    has_value = end < len(text) and not text[end].isspace() and text[end] != ":"
    if name in QUERY_FIELDS and at_start and has_value:
        return m.group(0)
    return f"{name} "


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _wildcard(m: re.Match[str]) -> str:
    token = m.group(0)
    prefix_match = _FIELD_PREFIX.match(token)
    prefix = prefix_match.group(0) if prefix_match else ""
    word = token[len(prefix):].lstrip("*?").rstrip("?")
    first = min((i for i in (word.find("*"), word.find("?")) if i >= 0), default=-1)
    if first < 0:
        return prefix + word
    stem, rest = word[:first], word[first:]
    if len(stem) >= 2 and all(c.isalnum() for c in stem) and all(c.isalnum() or c in "*?" for c in rest):
        return prefix + word
    return prefix + re.sub(r"[*?]", " ", word)


def _clean(text: str) -> str:
    """Drop control characters and collapse whitespace."""
    text = "".join(c if c.isprintable() or c in "\t\n" else " " for c in text or "")
    return " ".join(text.split())


def split_filters(items: Iterable[str]) -> dict[str, list[str]]:
    """``FIELD=VALUE`` strings (the CLI's ``--filter``, the web page's ``filter=``) as
    values by field, in order; a malformed one raises UsageError naming it."""
    filters: dict[str, list[str]] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UsageError(f"{item!r} is not FIELD=VALUE")
        filters.setdefault(name.strip(), []).append(value.strip())
    return filters


def filter_query(
    filters: Mapping[str, Iterable[str]] | None,
    since: str | None,
    until: str | None,
    canonical: Callable[[str, str], str] | None = None,
) -> wq.Query | None:
    """Facet filters (values of one field OR-ed, fields AND-ed) and a date range, as one query."""
    parts: list[wq.Query] = []
    for name, values in (filters or {}).items():
        if isinstance(values, str):  # one value, not a list of letters
            values = [values]
        if name not in FILTER_FIELDS:
            raise QueryError(f"unknown filter field {name!r}; use one of: {', '.join(FILTER_FIELDS)}")
        values = [v for v in values if v is not None and str(v).strip()]
        if not values:
            raise QueryError(f"filter {name}= needs a value")
        terms: list[wq.Query] = []
        for value in values:
            value = str(value)
            if canonical is not None:
                value = canonical(name, value)
            terms.append(wq.Term(name, facet_key(value)))
        parts.append(terms[0] if len(terms) == 1 else wq.Or(terms))
    lo = parse_date(since, end=False, label="--since") if since else None
    hi = parse_date(until, end=True, label="--until") if until else None
    if lo is not None and hi is not None and lo > hi:
        raise QueryError(f"--since {since} is after --until {until}")
    if lo is not None:
        parts.append(wq.NumericRange("date_end", lo, None))
    if hi is not None:
        parts.append(wq.NumericRange("date_start", 1, hi))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


_DATE_ARG = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")


def parse_date(value: str, *, end: bool, label: str = "date") -> int:
    """``2019``, ``2019-12`` or ``2019-12-03`` -> yyyymmdd; a partial date covers its whole span."""
    m = _DATE_ARG.match(value.strip())
    if not m:
        raise QueryError(f"{label} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    y = int(m["y"])
    mon = int(m["m"]) if m["m"] else (12 if end else 1)
    day = int(m["d"]) if m["d"] else None
    try:
        if day is None:
            first = dt.date(y, mon, 1)
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            date = last if end else first
        else:
            date = dt.date(y, mon, day)
    except ValueError as exc:
        raise QueryError(f"{label} {value!r} is not a valid date: {exc}") from exc
    return date.year * 10000 + date.month * 100 + date.day


# ---------------------------------------------------------------- shapes refused before parsing
# Whoosh's parser accepts almost anything and quietly serves some shapes badly (a leading
# wildcard scans the whole lexicon, an unknown field becomes words, a broken range matches
# nothing). These are refused with a message that says what to type instead; everything
# else runs as the words it contains.

#: Longer queries are refused: a pasted article (~5,000 characters) runs in well under a second.
MAX_QUERY_CHARS = 10_000
#: Field names a query may use.
QUERY_FIELDS = (*TEXT_FIELDS, *FACET_FIELDS, "id")

_PHRASE = re.compile(r'"[^"]*"')
_FIELD = re.compile(r"(?<![\w.:/\\])([A-Za-z][A-Za-z0-9_]*):(?!//)(\S?)")
_LEADING_WILDCARD = re.compile(r"(?:^|(?<=[\s(:]))([*?][^\s()]*)")
#: One letter and a wildcard (``s*``): as costly as a leading wildcard, and refused alike.
_SHORT_WILDCARD = re.compile(r"(?:^|(?<=[\s(:]))([^\W_][*?][^\s()]*)")
#: Deeper nesting is refused: nobody types it, and the parser recurses once per level.
MAX_DEPTH = 20
#: Indexed words the wildcards of one query may expand to, in all.
MAX_EXPANDED_WORDS = 2_000
_RANGE = re.compile(r"(\w+):[\[{]([^\[\]{}]*)[\]}]")
_BROKEN_RANGE = re.compile(r"(\w+):([\[{<>]\S*)")


def check_query(text: str) -> str:
    """``text`` ready to parse (``*`` alone means everything); raise :class:`QueryError` for
    shapes the parser would accept but serve badly."""
    text = text or ""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    cleaned = _clean(text)
    if not cleaned:
        if text.strip():
            raise QueryError("the query has no searchable words (only control or invisible characters)")
        return ""
    if cleaned == "*":
        return ""
    outside = _PHRASE.sub('""', cleaned)  # a phrase is words, whatever it holds
    fields = ", ".join(QUERY_FIELDS)
    for m in _FIELD.finditer(outside):
        name, after = m.group(1), m.group(2)
        if name in QUERY_FIELDS:
            if not after:
                raise QueryError(_needs_value(name))
        elif after:  # "Note: ..." is prose; "colour:red" is a field
            if name.startswith("date"):
                raise QueryError(f"'{name}:' cannot be searched; filter dates with --since and --until")
            hint = f"field names are lower case: {name.lower()}:" if name.lower() in QUERY_FIELDS else f"use one of: {fields}"
            raise QueryError(f"unknown field '{name}' in the query; {hint} (or put the words in quotes)")
    for m in _RANGE.finditer(outside):
        if not re.search(r"(?:^|\s)TO(?:\s|$)", m.group(2)):
            raise QueryError(f"'{m.group(0)}' is not a range; write {m.group(1)}:[FROM TO UNTIL], e.g. year:[2019 TO 2021]")
    broken = _BROKEN_RANGE.search(_RANGE.sub(" ", outside))
    if broken:
        raise QueryError(
            f"'{broken.group(0)}' is not a complete range; write {broken.group(1)}:[FROM TO UNTIL], "
            "e.g. year:[2019 TO 2021] (dates: --since and --until)"
        )
    wild = _LEADING_WILDCARD.search(outside)
    short = _SHORT_WILDCARD.search(outside)
    if wild or short:
        what = f"'{shown(wild.group(1))}' starts with a wildcard" if wild else \
            f"'{shown(short.group(1))}' has one letter before its wildcard"  # type: ignore[union-attr]
        raise QueryError(
            f"{what}, which would scan every indexed word; "
            "put two or more letters before it (kaz*), or search '*' alone to list everything"
        )
    depth = _depth(outside)
    if depth > MAX_DEPTH:
        raise QueryError(f"the query nests parentheses {depth} deep; the limit is {MAX_DEPTH}")
    return cleaned


def _depth(text: str) -> int:
    depth = deepest = 0
    for c in text:
        if c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")":
            depth = max(0, depth - 1)
    return deepest


def shown(text: str, limit: int = 60) -> str:
    """``text`` cut for an error message: a message is one line, whatever was pasted."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_expansion(q: wq.Query, reader: Any) -> None:
    """Refuse wildcards that expand to more than :data:`MAX_EXPANDED_WORDS` indexed words in
    all: each one is a posting list to walk (676 two-letter prefixes took 20 s on Reuters)."""
    total = 0
    for leaf in q.leaves():
        if not isinstance(leaf, (wq.Prefix, wq.Wildcard)):
            continue
        for _ in leaf.expanded_terms(reader):
            total += 1
            if total > MAX_EXPANDED_WORDS:
                raise QueryError(
                    f"the wildcards in the query match more than {MAX_EXPANDED_WORDS:,} indexed words, which would "
                    "scan too much of the index; put more letters before each wildcard"
                )

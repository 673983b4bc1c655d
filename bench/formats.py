"""Does one article give the same metadata as .txt, .html and .md? (issue #13 item 6)

Every dev-set text (default ``/work/devset/texts``, outside the repository) is written three
times into a temporary folder: as it is (``.txt``); as a saved web page (``.html``: doctype,
a ``<title>`` with the site name after the headline, ``og:title``, a menu, a breadcrumb,
scripts and styles that name countries, share buttons, a sidebar, a footer with a copyright
and a later "last updated" date, the headline in ``<h1>``, the lines of each paragraph
joined by ``<br>``); and as Markdown (front matter with the title, a ``#`` heading, the
paragraphs with hard breaks, emphasis on the last paragraph's first word). The three
are indexed through the public library (``build_index``, ``SearchIndex.get``) and an
article counts as the same when title, date, people, organizations, countries and
language are equal in all three.

Run: ``python bench/formats.py [--texts DIR] [--errors]``
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ipsearch  # noqa: E402

TEXTS = Path("/work/devset/texts")
FIELDS = ("title", "date", "people", "organizations", "countries", "language")

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title_text} | {site}</title>
<meta property="og:title" content="{title_attr}">
<meta property="og:site_name" content="{site}">
<style>.menu li {{ display: inline }} /* Japan Germany */</style>
<script>var markets = ["Kazakhstan", "Brazil", "India"]; function go(c) {{ return c; }}</script>
</head>
<body>
<header class="site-header"><a class="logo" href="/"><h1>{site}</h1></a>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/asia">Asia: Japan, Korea</a></li>
<li><a href="/europe">Europe: Germany, France</a></li><li><a href="/about">About us</a></li></ul></nav></header>
<div class="wrap">
<ul class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul>
<main>
<article>
<h1 class="headline">{title_text}</h1>
<div class="share-tools"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Print</a></div>
{body}
</article>
</main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="#">India and Canada talk trademarks</a></li></ul></aside>
</div>
<footer class="site-footer"><p>&copy; 2025 {site}. All rights reserved. Last updated 3 March 2025.</p>
<p>Offices in Geneva, Switzerland</p></footer>
<script>go("Kazakhstan");</script>
</body>
</html>
"""


def paragraphs(text: str) -> tuple[str, list[list[str]]]:
    """The headline and the rest as paragraphs (lists of lines), as a .txt reader sees them."""
    blocks = [[line.strip() for line in block.split("\n") if line.strip()] for block in re.split(r"\n\s*\n", text)]
    blocks = [b for b in blocks if b]
    first = blocks[0]
    rest = ([first[1:]] if len(first) > 1 else []) + blocks[1:]
    return first[0], rest


def as_html(text: str, lang: str) -> str:
    title, rest = paragraphs(text)
    body = "\n".join("<p>" + "<br>\n".join(html.escape(line, quote=False) for line in block) + "</p>"
                     for block in rest)
    return _PAGE.format(lang=lang, title_text=html.escape(title, quote=False), title_attr=html.escape(title),
                        site="IP Cooperation News", body=body)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#<>|])")


def _md_escape(line: str) -> str:
    line = _MD_SPECIAL.sub(r"\\\1", line)
    return re.sub(r"^(\d+)\. ", r"\1\\. ", re.sub(r"^([-+]) ", r"\\\1 ", line))


def as_markdown(text: str) -> str:
    title, rest = paragraphs(text)
    out = ["---", "title: '" + title.replace("'", "''") + "'", "layout: post", "---", "", f"# {_md_escape(title)}", ""]
    for i, block in enumerate(rest):
        lines = [_md_escape(line) for line in block]
        if i == len(rest) - 1 and len(lines) == 1 and len(lines[0]) > 40:
            words = lines[0].split(" ")
            lines[0] = f"**{words[0]}** " + " ".join(words[1:])  # emphasis on the last paragraph's first word
        out.append("  \n".join(lines))
        out.append("")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, default=TEXTS, help="folder of <id>.txt articles (outside the repo)")
    ap.add_argument("--errors", action="store_true", help="list every field that differs")
    args = ap.parse_args(argv)
    texts = sorted(args.texts.glob("*.txt"))
    if not texts:
        print(f"no .txt files in {args.texts}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        corpus.mkdir()
        for path in texts:
            text = path.read_text(encoding="utf-8")
            lang = "zh" if path.stem.startswith("zh") else "en"
            (corpus / f"{path.stem}.txt").write_text(text, encoding="utf-8")
            (corpus / f"{path.stem}.html").write_text(as_html(text, lang), encoding="utf-8")
            (corpus / f"{path.stem}.md").write_text(as_markdown(text), encoding="utf-8")
        report = ipsearch.build_index(corpus, index)
        same = 0
        by_field = dict.fromkeys(FIELDS, 0)
        with ipsearch.open_index(index) as ix:
            for path in texts:
                hits = [ix.get(f"{path.stem}{ext}") for ext in (".txt", ".html", ".md")]
                differs = [f for f in FIELDS if len({repr(getattr(h, f)) for h in hits}) > 1]
                for f in differs:
                    by_field[f] += 1
                    if args.errors:
                        print(f"{path.stem} {f}: " + " | ".join(f"{ext} {getattr(h, f)!r}"
                                                               for ext, h in zip(("txt", "html", "md"), hits)))
                same += not differs
    print(f"articles: {len(texts)} (indexed {report.documents} files, skipped {len(report.skipped)})")
    print(f"same metadata in .txt, .html and .md: {same}/{len(texts)}")
    print("articles differing, per field: " + ", ".join(f"{f} {n}" for f, n in by_field.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The variants benchmark (benchmarks/variants.py): its shapes of a licence
text are deterministic and do what they say, a small run scores, and
nothing to measure is said, not a traceback.

The sample text below is written for these tests; the licence run on is the
installed reference data's MIT text.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

from licenselens.ingest import decode_bytes, from_text
from licenselens.normalize import tokenize

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"

SAMPLE_TEXT = """\
Example Public License
v. 2.1, May 2031

Copyright (C) 2031 Example Org

Permission is granted to use the "Work" provided that:

1. redistributions keep this notice; and
2. the author's name -- as given -- is kept.

THE WORK IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
"""


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("variants_benchmark", BENCH / "variants.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    yield module
    del sys.modules["variants_benchmark"]


@pytest.fixture(scope="module")
def sample(bench):
    return bench.Case("Example-2.1", "licence", SAMPLE_TEXT, "Example Public License 2.1")


def _variant(bench, name):
    return next(v for v in bench.VARIANTS if v.name == name)


def test_every_variant_is_the_same_each_time_and_changes_the_text_when_it_applies(bench, sample) -> None:
    for variant in bench.VARIANTS:
        first, again = bench.vary(variant, sample), bench.vary(variant, sample)
        assert first == again, variant.name
        if variant.name != "as-is" and first is not None:
            assert first != SAMPLE_TEXT, variant.name


def test_the_title_goes_or_comes_and_the_copyright_line_is_replaced(bench, sample) -> None:
    untitled = bench.vary(_variant(bench, "no-title"), sample)
    assert untitled.startswith("Copyright (C) 2031 Example Org")
    assert bench.vary(_variant(bench, "title-added"), sample) is None  # it has a title
    titled = bench.vary(_variant(bench, "title-added"), bench.Case("X", "licence", untitled, "Example Licence"))
    assert titled.startswith("Example Licence\n\nCopyright")
    replaced = bench.vary(_variant(bench, "copyright"), sample)
    assert bench.COPYRIGHT_LINE in replaced and "Example Org" not in replaced
    added = bench.vary(_variant(bench, "copyright"), bench.Case("X", "licence", "Title\n\nUse it freely.\n"))
    assert added == f"Title\n\n{bench.COPYRIGHT_LINE}\n\nUse it freely.\n"  # under the title


def test_numbering_restyles_list_items_but_not_a_version(bench, sample) -> None:
    renumbered = bench.vary(_variant(bench, "numbering"), sample)
    assert "(a) redistributions" in renumbered and "(b) the author" in renumbered
    assert "v. 2.1, May 2031" in renumbered


def test_markdown_and_html_drop_the_numbers_and_keep_the_words(bench, sample) -> None:
    markdown = bench.vary(_variant(bench, "markdown"), sample)
    assert markdown.startswith("# Example Public License")
    assert "1." not in markdown and ("- redistributions" in markdown or "* redistributions" in markdown)
    page = bench.vary(_variant(bench, "html"), sample)
    assert "<title>Example Public License v. 2.1, May 2031</title>" in page
    assert "<li>redistributions keep this notice; and</li>" in page and "&quot;Work&quot;" in page
    document = from_text(page)
    assert document.kind == "html"
    words = tokenize(document.match_text).words
    assert words[:4] == ["example", "public", "license", "v"]
    assert words[words.index("redistributions") - 1] == "that"  # no "1" between


def test_quotes_change_by_pairs_and_dashes_change(bench, sample) -> None:
    varied = bench.vary(_variant(bench, "quotes-dashes"), sample)
    assert '"' not in varied and "--" not in varied and "author\u2019s" in varied
    for opening, closing in (("\u201c", "\u201d"), ("``", "''")):
        assert varied.count(opening) == varied.count(closing)


def test_encoded_variants_decode_to_the_text_and_latin_1_needs_non_ascii(bench, sample) -> None:
    for name in ("utf-8-bom", "utf-16-le", "utf-16-be"):
        assert decode_bytes(bench.vary(_variant(bench, name), sample))[0] == SAMPLE_TEXT
    assert bench.vary(_variant(bench, "latin-1"), sample) is None
    accented = bench.Case("X", "licence", "Licence accordée sans garantie.\n")
    assert bench.vary(_variant(bench, "latin-1"), accented) == "Licence accordée sans garantie.\n".encode("latin-1")


def test_outcomes_are_strict_found_unknown_or_wrong(bench) -> None:
    def never(got: str) -> bool:
        return False

    assert bench.score("MIT", "MIT", ["MIT"], never) == "strict"
    assert bench.score("MIT", "MIT AND ISC", ["MIT", "ISC"], never) == "found"
    assert bench.score("MIT", None, [], never) == "unknown"
    assert bench.score("MIT", "ISC", ["ISC"], never) == "wrong"
    assert bench.score("MIT", "X11", ["X11"], lambda got: got == "X11") == "strict"


def test_an_id_is_equivalent_only_when_the_text_is_as_close_to_its_reference(bench, licence_index) -> None:
    from licenselens.reference import licence_text

    equivalence = bench.Equivalence(licence_index)
    json_text = bench.Equivalence.grams(licence_text(licence_index.license("JSON").key))
    assert equivalence("JSON", "JSON", json_text)
    assert not equivalence("JSON", "MIT", json_text)  # MIT lacks JSON's "Good, not Evil" sentence
    assert equivalence("MIT", "JSON", json_text)  # a text that is JSON's word for word may be read as JSON


def test_a_small_run_scores_and_writes_json(bench, tmp_path, capsys) -> None:
    out = tmp_path / "variants.json"
    assert bench.main(["--id", "MIT", "--variant", "as-is", "--variant", "html", "--json", str(out)]) == 0
    report = capsys.readouterr().out
    assert "| as-is | 1 | 100.0% (1) |" in report and "| html | 1 |" in report
    records = json.loads(out.read_text(encoding="utf-8"))["identifications"]
    assert {(r["variant"], r["id"], r["outcome"]) for r in records} >= {("as-is", "MIT", "strict")}


def test_nothing_to_measure_is_said_and_exits_0(bench, capsys) -> None:
    assert bench.main(["--id", "No-Such-Licence-Id"]) == 0
    captured = capsys.readouterr()
    assert "nothing to measure" in captured.err and captured.out == ""


def test_variants_are_seeded_per_case(bench) -> None:
    case = bench.Case("A", "licence", 'One "two" three.\n\nFour "five" six "seven".\n')
    other = bench.Case("B", "licence", case.text)
    shape = _variant(bench, "quotes-dashes")
    assert bench.vary(shape, case) == shape.make(case, random.Random(f"quotes-dashes:{case.id}"))
    assert bench.vary(shape, other) == shape.make(other, random.Random("quotes-dashes:B"))

"""Catalogues of licences, and the work identification spares on long lists of names.

A catalogue (an SPDX table in some language, a licence picker) names many
licences without being under any of them: its names are dropped from the
report.  Such files hold thousands of verbatim hits, so identification is
settled on them as cheaply as the answer allows - but the answer is the one
the long way gives: the names' checks stop once the file is known to be a
catalogue, and a rule's key/value separators are read only for a hit that
could count.

The tables below are built here from the installed SPDX ids and names.
"""

from __future__ import annotations

import importlib

import pytest
from conftest import read_licence_text

from licenselens import identify
from licenselens.ingest import from_text
from licenselens.matchers import kgram, separators
from licenselens.normalize import tokenize
from licenselens.reference import load

identify_module = importlib.import_module("licenselens.identify")


def _spdx_table(count: int) -> str:
    """A Haskell-like table of ``count`` SPDX ids with their names (one every few of the list)."""
    ref = load()
    ids = [i for i in sorted(ref.licenses)
           if ref.licenses[i].name and not ref.licenses[i].is_exception and not i.startswith("LicenseRef")]
    step = max(1, len(ids) // count)
    rows = [f"    | {i.replace('-', '_').replace('.', '_')} -- ^ @{i}@, {ref.licenses[i].name}\n"
            for i in ids[::step][:count]]
    return "data LicenseId\n" + "".join(rows)


TABLE = _spdx_table(50)


def test_a_table_of_spdx_ids_and_names_reports_no_licence():
    result = identify(TABLE, "LicenseId.hs")
    assert result.expression is None
    assert result.licenses == []


def test_a_licence_text_beside_a_catalogue_is_still_its_licence():
    result = identify(TABLE + "\n" + read_licence_text("mit"), "LICENSE")
    assert result.expression == "MIT"
    assert [(m.id, m.matcher) for m in result.licenses] == [("MIT", "exact")]


def test_an_spdx_tag_above_a_catalogue_is_still_declared():
    assert identify("SPDX-License-Identifier: Apache-2.0\n" + TABLE, "LicenseId.hs").expression == "Apache-2.0"


def test_once_a_file_is_a_catalogue_its_later_names_are_not_checked_one_by_one(monkeypatch):
    checked = []
    code_argument = identify_module._code_argument
    monkeypatch.setattr(identify_module, "_code_argument", lambda *args: checked.append(args) or code_argument(*args))
    assert identify(TABLE).expression is None
    # the names up to the tenth licence (and their parts) are checked; the forty after are not
    assert len(checked) < 2 * identify_module.CATALOGUE_MIN_LICENSES


def test_a_list_too_short_for_a_catalogue_keeps_its_names():
    assert identify(_spdx_table(2), "README").expression is not None


# --------------------------------------------------------------------------- separators, asked late

TEXTS = [
    TABLE,
    "license: MIT\nLicense (GPL\nlicense = \"Python\"\n\nversion 2\n",
    "Licensed under the Apache License, Version 2.0.\nlicense: BSD\n" + read_licence_text("mit"),
    "GNU Lesser General Public License (LGPL)\nLicense: LGPL\n" + read_licence_text("bsd-new"),
    "The MIT License\n\n" + read_licence_text("mit") + "\nExpat\n",
]


def _fixed_hits(text: str):
    document = from_text(text)
    tokens = tokenize(document.match_text)
    ref = load()
    ids = ref.ids(tokens.words)
    hits = kgram.short_rules(ref, ids) + kgram.exact_rules(ref, ids)
    return ref, ids, hits, lambda hit: separators.agrees(ref, hit, document.match_text, tokens)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("turned_down", [0, 1, 2])
def test_a_hit_turned_down_only_when_it_would_count_is_as_if_it_had_never_been_found(text, turned_down):
    ref, ids, hits, agrees = _fixed_hits(text)

    def admit(hit) -> bool:  # the separators' verdict, and some hits turned down besides
        return agrees(hit) and (hit.qstart + hit.rule) % 3 != turned_down

    kept = [h for h in hits if admit(h)]
    short, exact = [h for h in hits if h.length < 5], [h for h in hits if h.length >= 5]
    assert identify_module.verbatim_only(ref, [], exact, short, ids, admit) == identify_module.verbatim_only(
        ref, [], [h for h in exact if admit(h)], [h for h in short if admit(h)], ids)
    asked = identify_module.choose(hits, kgram.Candidates(ref, ids), len(ids), admit=admit)
    assert asked == identify_module.choose(kept, kgram.Candidates(ref, ids), len(ids))


def test_a_catalogue_reads_the_separators_of_fewer_rules_than_it_has_verbatim_hits(monkeypatch):
    ref, _, hits, _ = _fixed_hits(TABLE)
    asked = set()
    agrees = separators.agrees
    monkeypatch.setattr(separators, "agrees", lambda ref, hit, *rest: asked.add(hit) or agrees(ref, hit, *rest))
    identify(TABLE)
    assert asked and len(asked) < len(hits)

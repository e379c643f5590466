"""The benchmarks that check identification against other labellers
(benchmarks/debian_copyright.py, benchmarks/package_licenses.py): they read
their labels right, score them, and never fail with a traceback.

The copyright files and package trees below are written for these tests; the
licence text is the installed reference data's.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from conftest import read_licence_text

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def debian():
    yield _load("debian_copyright")
    del sys.modules["debian_copyright_benchmark"]


@pytest.fixture(scope="module")
def packages():
    yield _load("package_licenses")
    del sys.modules["package_licenses_benchmark"]


DEP5 = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: quux

Files: *
Copyright: 2031 Ada Example
License: GPL-2+

License: GPL-2+
 This program is free software; you can redistribute it and/or modify
 it under the terms of the GNU General Public License as published by
 the Free Software Foundation; either version 2 of the License, or
 (at your option) any later version.
 .
 On Debian systems, the complete text of the GNU General Public License
 version 2 can be found in /usr/share/common-licenses/GPL-2.
"""


def test_a_dep5_licence_paragraph_keeps_its_text_and_blank_lines(debian) -> None:
    parsed = debian.parse_dep5(DEP5)
    texts = [p.fields["license"] for p in parsed.paragraphs if "license" in p.fields and len(p.fields["license"]) > 1]
    assert texts[0][0] == "GPL-2+"
    assert "" in texts[0]  # " ." is a blank line of the text
    assert texts[0][-1].endswith("/usr/share/common-licenses/GPL-2.")


def test_debian_short_names_map_to_spdx_and_vague_ones_to_nothing(debian, licence_index) -> None:
    known = debian.known_ids()
    assert debian.map_label("GPL-2+", known).expression == "GPL-2.0-or-later"
    assert debian.map_label("Expat", known).expression == "MIT"
    assert debian.map_label("public-domain", known) is None


def test_the_debian_check_scores_a_doc_tree_and_says_so_when_there_is_none(debian, tmp_path, capsys) -> None:
    (tmp_path / "doc" / "quux").mkdir(parents=True)
    (tmp_path / "doc" / "quux" / "copyright").write_text(DEP5, encoding="utf-8")
    out = tmp_path / "cases.json"
    assert debian.main(["--doc-root", str(tmp_path / "doc"), "--no-common-licenses", "--json", str(out)]) == 0
    cases = json.loads(out.read_text(encoding="utf-8"))["cases"]
    assert [(c["label"], c["strict"]) for c in cases] == [("GPL-2+", True)]
    (tmp_path / "empty").mkdir()
    assert debian.main(["--doc-root", str(tmp_path / "empty"), "--no-common-licenses"]) == 0
    assert "nothing to measure" in capsys.readouterr().err
    unwritable = tmp_path / "missing" / "cases.json"
    assert debian.main(["--doc-root", str(tmp_path / "doc"), "--no-common-licenses", "--json", str(unwritable)]) == 1
    assert "error: cannot write" in capsys.readouterr().err


def test_the_package_check_scores_a_package_and_counts_a_broken_manifest(packages, tmp_path, capsys) -> None:
    modules = tmp_path / "node_modules"
    (modules / "quux").mkdir(parents=True)
    (modules / "quux" / "package.json").write_text('{"name": "quux", "version": "1.0.0", "license": "MIT"}',
                                                   encoding="utf-8")
    (modules / "quux" / "LICENSE").write_text(read_licence_text("mit"), encoding="utf-8")
    (modules / "broken").mkdir()
    (modules / "broken" / "package.json").write_text("{not json", encoding="utf-8")
    (modules / "broken" / "LICENSE").write_text(read_licence_text("mit"), encoding="utf-8")
    (tmp_path / "site-packages").mkdir()
    out = tmp_path / "cases.json"
    assert packages.main(["--npm-root", str(modules), "--root", str(tmp_path / "site-packages"),
                          "--json", str(out)]) == 0
    cases = json.loads(out.read_text(encoding="utf-8"))["cases"]
    assert [(c["package"], c["strict"]) for c in cases] == [("quux", True)]
    assert "broken" in capsys.readouterr().err
    assert packages.main(["--npm-root", str(modules), "--root", str(tmp_path / "site-packages"),
                          "--json", str(tmp_path / "missing" / "cases.json")]) == 1
    assert "error: cannot write" in capsys.readouterr().err


def test_the_package_check_times_each_distinct_licence_text_once(packages, tmp_path, capsys) -> None:
    modules = tmp_path / "node_modules"
    # two packages shipping the same MIT text (declared differently: two cases, one text)
    for name, declared in (("quux", "MIT"), ("corge", "MIT OR Apache-2.0")):
        (modules / name).mkdir(parents=True)
        (modules / name / "package.json").write_text(
            f'{{"name": "{name}", "version": "1.0.0", "license": "{declared}"}}', encoding="utf-8")
        (modules / name / "LICENSE").write_text(read_licence_text("mit"), encoding="utf-8")
    (modules / "grault").mkdir()
    (modules / "grault" / "package.json").write_text('{"name": "grault", "version": "1.0.0", "license": "ISC"}',
                                                     encoding="utf-8")
    (modules / "grault" / "LICENSE").write_text(read_licence_text("isc"), encoding="utf-8")
    (tmp_path / "site-packages").mkdir()
    out = tmp_path / "cases.json"
    assert packages.main(["--npm-root", str(modules), "--root", str(tmp_path / "site-packages"),
                          "--text-timing", "--json", str(out)]) == 0
    timing = json.loads(out.read_text(encoding="utf-8"))["text_timing"]
    assert timing["files"] == 2 and timing["passes"] == 3 and timing["median_ms"] > 0
    assert "2 distinct licence files x 3 passes" in capsys.readouterr().out

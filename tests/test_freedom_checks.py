"""Specification of benchmarks/closed_freedoms.py: restrictive licences must not read as open."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from licenselens.reference import LicenseInfo

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def closed():
    spec = importlib.util.spec_from_file_location("closed_freedoms_benchmark", BENCH / "closed_freedoms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _info(key: str, category: str) -> LicenseInfo:
    return LicenseInfo(id=f"LicenseRef-scancode-{key}", name=key, key=key, category=category,
                       osi_approved=False, fsf_libre=False, deprecated=False, is_exception=False)


def _reference(monkeypatch, *infos: LicenseInfo) -> None:
    import licenselens.reference as reference

    fake = SimpleNamespace(licenses={info.id: info for info in infos})
    monkeypatch.setattr(reference, "load", lambda *a, **k: fake)


def test_the_check_counts_only_restrictive_categories_and_lists_what_reads_open(closed, monkeypatch, tmp_path,
                                                                                capsys):
    _reference(monkeypatch, _info("n8n-ee-2022", "Commercial"), _info("mit", "Permissive"))
    out = tmp_path / "closed.json"
    assert closed.main(["--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| all | | 1 | 0 (0 %) |" in printed  # n8n forbids sharing: not OSAID-compatible
    assert "Read as OSAID-compatible: none" in printed
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert list(rows) == ["LicenseRef-scancode-n8n-ee-2022"]
    assert rows["LicenseRef-scancode-n8n-ee-2022"]["share"] == "not-granted"


def test_the_check_says_so_when_the_data_has_no_restrictive_licence(closed, monkeypatch, capsys):
    _reference(monkeypatch, _info("mit", "Permissive"))
    assert closed.main([]) == 0
    assert "no licence of the categories" in capsys.readouterr().out


def test_an_unwritable_json_path_is_a_one_line_error(closed, monkeypatch, tmp_path, capsys):
    _reference(monkeypatch, _info("n8n-ee-2022", "Commercial"))
    assert closed.main(["--json", str(tmp_path / "missing" / "closed.json")]) == 1
    assert "cannot write" in capsys.readouterr().err

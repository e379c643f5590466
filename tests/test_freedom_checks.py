"""Specification of benchmarks/closed_freedoms.py and osi_freedoms.py: restrictive licences must not
read as open, open-source licences must."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from licenselens.reference import LicenseInfo

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def closed():
    return _load("closed_freedoms")


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


@pytest.fixture(scope="module")
def osi():
    return _load("osi_freedoms")


def _osi_approved(key: str) -> LicenseInfo:
    return LicenseInfo(id=key.upper(), name=key, key=key, category="Permissive",
                       osi_approved=True, fsf_libre=True, deprecated=False, is_exception=False)


def test_the_osi_check_reads_only_osi_approved_texts_and_counts_the_open_ones(osi, monkeypatch, tmp_path, capsys):
    _reference(monkeypatch, _osi_approved("mit"), _info("n8n-ee-2022", "Commercial"))
    out = tmp_path / "osi.json"
    assert osi.main(["--json", str(out)]) == 0
    assert "| all | 1 | 0 (0 %) | 1 (100 %) | 1 (100 %) | 1 (100 %) | 1 (100 %) |" in capsys.readouterr().out
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert list(rows) == ["MIT"] and rows["MIT"]["use"] == "granted" and rows["MIT"]["seen"] is True
    assert rows["MIT"]["restrictions"] == [] and "attribution" in rows["MIT"]["conditions"]


def test_the_osi_check_reports_an_unwritable_json_path_in_one_line(osi, monkeypatch, tmp_path, capsys):
    _reference(monkeypatch, _osi_approved("mit"))
    assert osi.main(["--json", str(tmp_path / "missing" / "osi.json")]) == 1
    assert "error: cannot write" in capsys.readouterr().err


def test_a_licence_family_is_its_key_without_the_version(osi):
    assert [osi.family(k) for k in ("mpl-1.1", "cern-ohl-s-2.0", "gpl-2.0-plus", "mit")] == [
        "mpl", "cern-ohl-s", "gpl", "mit"]

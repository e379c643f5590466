"""`licenselens scan`: what a repository lets you do, per component, with evidence and a CI policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from licenselens import scan as scan_module
from licenselens.cli import cli
from licenselens.reference import licence_text
from licenselens.scan import check_policy, scan


def write(root: Path, relpath: str, text: str) -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def code_repo(tmp_path: Path) -> Path:
    """A small MIT project: licence text, package metadata and SPDX headers agree."""
    write(tmp_path, "LICENSE", licence_text("mit"))
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nversion = "1.0"\nlicense = "MIT"\n')
    write(tmp_path, "src/demo/__init__.py", "# SPDX-License-Identifier: MIT\n\nVALUE = 1\n")
    write(tmp_path, "src/demo/util.py", "# SPDX-License-Identifier: MIT\n\ndef f():\n    return 2\n")
    write(tmp_path, "src/demo/plain.py", "def g():\n    return 3\n")
    return tmp_path


@pytest.fixture
def model_repo(tmp_path: Path) -> Path:
    """A model whose card says apache-2.0 while its model licence restricts use: a conflict."""
    write(tmp_path, "README.md", "---\nlicense: apache-2.0\npipeline_tag: text-generation\n---\n# Demo model\n")
    write(tmp_path, "LICENSE-MODEL", licence_text("bigscience-open-rail-m"))
    (tmp_path / "model.safetensors").write_bytes(b"\x00\x01weights\x00" * 64)
    return tmp_path


def test_a_consistent_mit_project_is_osi_and_osaid_compatible_without_conflicts(code_repo):
    report = scan(code_repo, jobs=1)
    code = report.components["code"]
    assert code.expression == "MIT"
    assert code.osi_approved and code.osaid_compatible
    assert not report.conflicts and not report.restricted_use
    kinds = {r.path: r.found.kind for r in report.files}
    assert kinds == {"LICENSE": "licence", "pyproject.toml": "package-metadata",
                     "src/demo/__init__.py": "source-header", "src/demo/util.py": "source-header"}
    assert check_policy(report, ["not-osi", "not-osaid", "restricted-use", "unknown", "conflict"]) == []


def test_a_model_card_declaring_apache_beside_a_restrictive_model_licence_is_a_conflict(model_repo):
    report = scan(model_repo, jobs=1)
    model = report.components["model"]
    assert model.freedoms["use"].status == "restricted"
    assert model.restrictions > 5
    assert not model.osaid_compatible and report.restricted_use
    assert any(c.component == "model" and set(c.paths) == {"README.md", "LICENSE-MODEL"} for c in report.conflicts)
    violations = check_policy(report, ["restricted-use", "conflict", "not-osaid"])
    assert [v.split(":")[0] for v in violations] == ["restricted-use", "conflict", "not-osaid"]
    assert all("\n" not in v for v in violations)


def test_a_notice_that_only_names_a_licence_takes_its_freedoms_from_that_licence_text(tmp_path):
    write(tmp_path, "NOTICE", "Copyright 2026 Example Corp.\n\nLicensed under the Apache License, Version 2.0.\n")
    report = scan(tmp_path, jobs=1)
    [notice] = report.files
    assert notice.report.expression == "Apache-2.0"
    use = notice.freedoms["use"]
    assert use.status in ("granted", "conditional")
    evidence = [e for v in notice.freedoms.values() for e in v.evidence]
    assert evidence and all(e.reference == "Apache-2.0" and e.path is None for e in evidence)


def test_identical_licence_files_are_analysed_once(tmp_path, monkeypatch):
    for folder in ("a", "b", "c"):
        write(tmp_path, f"{folder}/LICENSE", licence_text("mit"))
    calls = []
    original = scan_module._analyse
    monkeypatch.setattr(scan_module, "_analyse", lambda task: calls.append(task.path) or original(task))
    report = scan(tmp_path, jobs=1)
    assert len(calls) == 1
    assert [r.path for r in report.files] == ["a/LICENSE", "b/LICENSE", "c/LICENSE"]
    assert all(r.report.path == r.path for r in report.files)


def test_per_file_results_keep_the_identify_and_analyze_contract_and_add_lines(model_repo):
    data = scan(model_repo, jobs=1).to_dict()
    assert set(data) == {"licenselens", "root", "summary", "results"}
    licence = next(r for r in data["results"] if r["path"] == "LICENSE-MODEL")
    for key in ("path", "expression", "licenses", "osi_approved", "unknown", "errors", "artifacts", "rail_name",
                "restrictions", "conditions", "freedoms", "osaid_compatible", "kind", "components", "declared",
                "sha256"):
        assert key in licence
    text = (model_repo / "LICENSE-MODEL").read_text(encoding="utf-8")
    for restriction in licence["restrictions"]:
        assert text.count("\n", 0, restriction["start"]) + 1 == restriction["line"]
    card = next(r for r in data["results"] if r["path"] == "README.md")
    assert card["kind"] == "model-card"
    assert card["declared"][0]["value"] == "apache-2.0" and card["expression"] == "Apache-2.0"
    assert card["licenses"][0]["line"] == 2


def test_parallel_and_serial_scans_agree(model_repo, code_repo):
    write(model_repo, "src/x.py", "# SPDX-License-Identifier: Apache-2.0\n")
    for i in range(10):
        write(model_repo, f"pkg{i}/NOTICE", f"Part {i}. Licensed under the MIT License.\n")
    serial = scan(model_repo, jobs=1).to_dict()
    parallel = scan(model_repo, jobs=2).to_dict()
    assert serial == parallel


def test_a_file_that_vanishes_before_it_is_read_is_an_error_not_a_crash(tmp_path, monkeypatch):
    write(tmp_path, "LICENSE", licence_text("mit"))
    discovered = scan_module.discover(tmp_path)
    (tmp_path / "LICENSE").unlink()
    report = scan_module.analyse(discovered, jobs=1)
    [result] = report.files
    assert result.report.errors == ["vanished during the scan"]
    assert report.error_count == 1


def test_a_binary_licence_file_is_reported_and_the_scan_goes_on(code_repo):
    (code_repo / "LICENSE.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02\x03" * 100)
    report = scan(code_repo, jobs=1)
    pdf = next(r for r in report.files if r.path == "LICENSE.pdf")
    assert pdf.report.errors
    assert report.components["code"].expression == "MIT"


def test_cli_fail_on_exits_1_with_a_one_line_reason(model_repo):
    result = CliRunner().invoke(cli, ["scan", "--jobs", "1", "--fail-on", "restricted-use", str(model_repo)])
    assert result.exit_code == 1
    assert "policy violated: restricted-use: model" in result.stderr
    assert "OSAID-compatible terms: no" in result.stdout


def test_cli_passes_a_clean_project_and_rejects_unknown_rules(code_repo):
    ok = CliRunner().invoke(cli, ["scan", "-j", "1", "--fail-on", "not-osi,not-osaid,conflict", str(code_repo)])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(cli, ["scan", "--fail-on", "green", str(code_repo)])
    assert bad.exit_code == 2 and "green" in bad.stderr


def test_cli_json_has_a_summary_and_per_file_results(code_repo):
    result = CliRunner().invoke(cli, ["scan", "-j", "1", "--format", "json", str(code_repo)])
    data = json.loads(result.stdout)
    assert data["summary"]["components"]["code"]["expression"] == "MIT"
    assert data["summary"]["licence_files"] == len(data["results"]) == 4


def test_cli_writes_the_report_atomically_and_never_overwrites_without_force(code_repo, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("keep me", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["scan", "-j", "1", "--format", "json", "-o", str(out), str(code_repo)])
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = CliRunner().invoke(cli, ["scan", "-j", "1", "--format", "json", "-o", str(out), "--force",
                                      str(code_repo)])
    assert forced.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["osi_approved"] is True


def test_cli_strict_turns_unreadable_files_into_exit_1(code_repo):
    (code_repo / "COPYING").write_bytes(bytes(range(256)) * 4)
    relaxed = CliRunner().invoke(cli, ["scan", "-j", "1", str(code_repo)])
    strict = CliRunner().invoke(cli, ["scan", "-j", "1", "--strict", str(code_repo)])
    assert relaxed.exit_code == 0
    assert strict.exit_code == 1 and "--strict" in strict.stderr


def test_cli_missing_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["scan", str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_a_model_repository_without_code_has_no_code_component(tmp_path):
    write(tmp_path, "LICENSE", licence_text("llama-2-license-2023"))
    write(tmp_path, "README.md", "---\nlicense: llama2\npipeline_tag: text-generation\n---\n# A model\n")
    (tmp_path / "model.safetensors").write_bytes(b"\x00" * 64)
    report = scan(tmp_path, jobs=1)
    assert list(report.components) == ["model"]
    model = report.components["model"]
    assert model.freedoms["use"].status == "restricted"
    assert "user-threshold" in model.conditions and "no-improving-other-models" in model.conditions
    assert not report.conflicts


def test_source_headers_without_a_licence_file_beside_them_are_one_conflict_per_id(code_repo):
    write(code_repo, "src/demo/gpl.py", "# SPDX-License-Identifier: GPL-2.0-only OR GPL-2.0-only\n")
    write(code_repo, "src/demo/gpl2.py", "# SPDX-License-Identifier: GPL-2.0-only\n")
    report = scan(code_repo, jobs=1)
    [conflict] = report.conflicts
    assert conflict.paths == ("src/demo/gpl.py", "src/demo/gpl2.py")
    assert conflict.message.startswith("2 source files declare GPL-2.0-only")


def test_cli_shows_progress_only_when_asked_or_on_a_terminal(code_repo):
    piped = CliRunner().invoke(cli, ["scan", "-j", "1", str(code_repo)])
    shown = CliRunner().invoke(cli, ["scan", "-j", "1", "--progress", str(code_repo)])
    assert "Analysing" not in piped.stderr
    assert "Analysing 4 licence-bearing files" in shown.stderr
    assert shown.stdout == piped.stdout


def test_package_metadata_pointing_at_its_licence_file_declares_no_unknown_licence(tmp_path):
    write(tmp_path, "LICENSE", licence_text("mit"))
    write(tmp_path, "pyproject.toml",
          '[project]\nname = "demo"\nversion = "1.0"\nlicense = "MIT"\nlicense-files = ["LICENSE"]\n')
    write(tmp_path, "web/package.json", '{"name": "web", "license": "SEE LICENSE IN ../LICENSE"}')
    report = scan(tmp_path, jobs=1)
    code = report.components["code"]
    assert code.declared == ["MIT"]  # "LICENSE" is a file name, not an id
    assert code.osi_approved and not report.unknown_files
    assert check_policy(report, ["unknown"]) == []


def test_package_metadata_pointing_at_a_missing_licence_file_says_so(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\nlicense = "MIT"\nlicense-files = ["LEGAL.txt"]\n')
    report = scan(tmp_path, jobs=1)
    (metadata,) = report.files
    assert any("LEGAL.txt" in e and "not in the scanned tree" in e for e in metadata.found.errors)
    assert not metadata.report.unknown

"""Specification of ``licenselens generate``: the wizard, the scripted mode, and how it writes.

Exit codes: 0 written; 1 not written (the output exists without --force, it
cannot be written, or the summary was not confirmed); 2 usage errors (a
missing or invalid answer with --no-input).  Prompts and messages go to stderr;
with ``-o -`` stdout holds the licence and nothing else.
"""

from __future__ import annotations

import datetime
import json
import os

import pytest
from click.testing import CliRunner

import licenselens
from licenselens.cli import cli

SCRIPTED = ["generate", "--no-input", "--type", "open", "--artifacts", "M", "--baseline",
            "--licensor", "Orchard Labs", "--product", "Kestrel-7", "--no-verify"]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(runner, *args, input=None):
    return runner.invoke(cli, list(args), input=input)


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def assert_clean_failure(result, code):
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output + result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("licenselens:")


# --------------------------------------------------------------------------- scripted


def test_scripted_mode_writes_the_licence_and_its_manifest_beside_it(runner, workdir):
    result = run(runner, *SCRIPTED[:-1])
    assert result.exit_code == 0, result.stderr
    licence = (workdir / "LICENSE.md").read_text(encoding="utf-8")
    manifest = json.loads((workdir / "LICENSE.manifest.json").read_text(encoding="utf-8"))
    assert licence.startswith("# OpenRAIL-M Licence")
    assert manifest["name"] == "OpenRAIL-M" and manifest["format"] == "markdown" and manifest["file"] == "LICENSE.md"
    assert manifest["sha256"]["markdown"] == licenselens.generate(
        licenselens.RailSpec.from_dict(manifest["spec"])).manifest["sha256"]["markdown"]
    assert "verified: licenselens reads it back as OpenRAIL-M" in result.stderr
    assert licenselens.identify_file(workdir / "LICENSE.md").expression == "LicenseRef-licenselens-OpenRAIL-M"


def test_every_answer_has_a_flag(runner, workdir):
    (workdir / "terms.txt").write_text("This Licence is governed by the laws of Ruritania.\n", encoding="utf-8")
    (workdir / "meta").mkdir()
    result = run(runner, "generate", "--no-input", "--type", "plain", "--artifacts", "DS", "--restriction", "weapons",
                 "--restriction", "malicious-code", "--restriction", "covert-monitoring",
                 "--custom-restriction", "Do not use it to rank job applicants.", "--licensor", "Tanager Lab",
                 "--product", "Tanager", "--year", "2024", "--contact", "legal@tanager.example",
                 "--extra-terms", "terms.txt", "--allow-redistribution", "--format", "text", "-o", "COPYING",
                 "--manifest", "meta/rail.json", "--no-verify")
    assert result.exit_code == 0, result.stderr
    text = (workdir / "COPYING").read_text(encoding="utf-8")
    spec = json.loads((workdir / "meta" / "rail.json").read_text(encoding="utf-8"))["spec"]
    assert text.startswith("RAIL-DS Licence\n")
    assert "Copyright (c) 2024 Tanager Lab" in text and "laws of Ruritania" in text
    assert spec["allow_redistribution"] is True and spec["allow_derivatives"] is False
    assert spec["restrictions"] == ["covert-monitoring", "weapons", "malicious-code"]
    assert spec["custom_restrictions"] == ["Do not use it to rank job applicants."]


def test_dash_writes_only_the_licence_to_stdout_and_no_manifest(runner, workdir):
    result = run(runner, *SCRIPTED, "--format", "text", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == licenselens.generate(licenselens.RailSpec(
        artifacts="M", licensor="Orchard Labs", product="Kestrel-7")).text
    assert list(workdir.iterdir()) == []


def test_the_model_card_snippet_is_printed_on_request(runner, workdir):
    result = run(runner, *SCRIPTED, "--model-card", "-o", "MODEL_LICENSE.md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "license: other\nlicense_name: licenselens-openrail-m\nlicense_link: MODEL_LICENSE.md\n"


@pytest.mark.parametrize("args,message", [
    (["--no-input", "--artifacts", "M"], "--no-input needs --licensor, --product"),
    (["--no-input", "--artifacts", "M", "--licensor", "A", "--product", "B"], "--no-input needs restrictions"),
    (SCRIPTED[1:] + ["--restriction", "weapon"], "did you mean 'weapons'?"),
    (SCRIPTED[1:] + ["--year", "99"], "bad year '99'"),
    (SCRIPTED[1:] + ["--artifacts", "MX"], "unknown artifact 'X'"),
    (SCRIPTED[1:] + ["--extra-terms", "missing.txt"], "cannot read the extra terms from missing.txt"),
])
def test_a_missing_or_invalid_scripted_answer_is_a_usage_error(runner, workdir, args, message):
    result = run(runner, "generate", *args)
    assert_clean_failure(result, 2)
    assert message in result.stderr
    assert list(workdir.iterdir()) == []


def test_an_existing_licence_is_not_overwritten_without_force(runner, workdir):
    (workdir / "LICENSE.md").write_text("mine\n", encoding="utf-8")
    result = run(runner, *SCRIPTED)
    assert_clean_failure(result, 1)
    assert "LICENSE.md: already exists (use --force to overwrite)" in result.stderr
    assert (workdir / "LICENSE.md").read_text(encoding="utf-8") == "mine\n"
    assert not (workdir / "LICENSE.manifest.json").exists()
    assert run(runner, *SCRIPTED, "--force").exit_code == 0
    assert (workdir / "LICENSE.md").read_text(encoding="utf-8").startswith("# OpenRAIL-M Licence")


def test_a_failed_write_leaves_no_partial_file(runner, workdir, monkeypatch):
    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    result = run(runner, *SCRIPTED)
    assert_clean_failure(result, 1)
    assert "No space left on device" in result.stderr
    assert list(workdir.iterdir()) == []


def test_list_restrictions_shows_the_catalogue_by_domain_with_the_baseline_marked(runner):
    result = run(runner, "generate", "--list-restrictions")
    assert result.exit_code == 0
    assert "Law and crime:\n  * unlawful-use (illegal-activity)\n    criminal-assistance" in result.stdout


def test_help_explains_the_command_with_examples(runner):
    result = run(runner, "generate", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "licenselens generate --no-input" in result.stdout
    assert "Exit status" in result.stdout


# --------------------------------------------------------------------------- wizard


def test_the_wizard_asks_again_after_each_wrong_answer_and_writes_after_confirmation(runner, workdir):
    this_year = str(datetime.date.today().year)
    result = run(runner, "generate", input=answers(
        "research",           # licence type
        "XYZ", "am",          # artifacts: wrong, then right
        "Tanager",            # product
        "Tanager Lab",        # licensor
        "20x5", "",           # year: wrong, then the default (this year)
        "",                   # contact: none
        "nothing-here.txt", "",  # extra terms: missing file, then none
        "baseline, 99", "baseline, -1, weapons",  # restrictions: out of range, then a selection
        "Do not use it to rank job applicants.", "",  # own restrictions
        "text",               # format
        "",                   # output: the default, LICENSE
        "y",                  # confirm
    ))
    assert result.exit_code == 0, result.stderr
    asked = result.stderr
    assert "Error: unknown artifact 'X'" in asked
    assert "Error: bad year '20x5'" in asked and asked.count("Copyright year") == 2
    assert "Error: cannot read the extra terms from nothing-here.txt" in asked
    assert "Error: 99: numbers go from 1 to 35" in asked
    assert "[x]  1. unlawful-use (illegal-activity)" in asked and "[ ]  2. criminal-assistance" in asked
    assert "read as: discrimination" in asked
    assert "Licence:      ResearchRAIL-AM" in asked and f"Tanager Lab ({this_year})" in asked
    report = licenselens.analyze_file(workdir / "LICENSE")
    assert report.rail_name == "ResearchRAIL-AM"
    spec = json.loads((workdir / "LICENSE.manifest.json").read_text(encoding="utf-8"))["spec"]
    assert "unlawful-use" not in spec["restrictions"] and "weapons" in spec["restrictions"]
    assert "military-weapons" in {r.category for r in report.restrictions}


def test_the_wizard_writes_nothing_when_the_summary_is_not_confirmed(runner, workdir):
    result = run(runner, "generate", "--type", "open", "--artifacts", "M", "--product", "Kestrel-7",
                 "--licensor", "Orchard Labs", "--year", "2025", "--contact", "", "--extra-terms", "",
                 input=answers("", "", "markdown", "", "n"))
    assert_clean_failure(result, 1)
    assert "Write the licence?" in result.stderr and "nothing written" in result.stderr
    assert list(workdir.iterdir()) == []


def test_the_wizard_asks_for_more_restrictions_when_they_make_no_rail(runner, workdir):
    result = run(runner, "generate", "--type", "open", "--artifacts", "M", "--product", "Kestrel-7",
                 "--licensor", "Orchard Labs", "--year", "2025", "--contact", "", "--extra-terms", "",
                 "--no-verify", input=answers("1", "", "baseline", "markdown", "", "y"))
    assert result.exit_code == 0, result.stderr
    assert "Error: a RAIL licence restricts uses in at least 3 behavioural categories" in result.stderr
    assert result.stderr.count("Restrictions [baseline]:") == 2


def test_the_wizard_asks_plain_licence_options_and_before_overwriting(runner, workdir):
    (workdir / "LICENSE.md").write_text("mine\n", encoding="utf-8")
    result = run(runner, "generate", "--type", "plain", "--artifacts", "DM", "--baseline", "--product", "Corpus",
                 "--licensor", "Orchard Labs", "--year", "2025", "--contact", "", "--extra-terms", "", "--no-verify",
                 input=answers("y", "n", "", "markdown", "", "n", "OTHER.md", "y"))
    assert result.exit_code == 0, result.stderr
    assert "Allow licensees to modify it" in result.stderr and "LICENSE.md already exists. Overwrite?" in result.stderr
    assert (workdir / "LICENSE.md").read_text(encoding="utf-8") == "mine\n"
    assert "Derivatives:  allowed; redistribution: not allowed" in result.stderr
    assert licenselens.analyze_file(workdir / "OTHER.md").rail_name == "RAIL-DM"


def test_with_dash_the_wizard_keeps_its_questions_off_stdout(runner, workdir):
    result = run(runner, "generate", "--type", "open", "--artifacts", "M", "--baseline", "--product", "Kestrel-7",
                 "--licensor", "Orchard Labs", "--year", "2025", "--contact", "", "--extra-terms", "",
                 "--format", "markdown", "-o", "-", "--no-verify", input=answers("", "y"))
    assert result.exit_code == 0, result.stderr
    assert "Write the licence?" in result.stderr
    # CliRunner echoes the typed answers to stdout; after them comes the licence and nothing else
    assert result.stdout.endswith(licenselens.generate(licenselens.RailSpec(
        artifacts="M", licensor="Orchard Labs", product="Kestrel-7", year=2025)).markdown)
    assert "Write the licence?" not in result.stdout


def test_a_manifest_regenerates_its_licence_byte_for_byte(runner, workdir):
    assert run(runner, *SCRIPTED, "--format", "text", "-o", "COPYING").exit_code == 0
    result = run(runner, "generate", "--from-manifest", "COPYING.manifest.json", "-o", "-", "--no-verify")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (workdir / "COPYING").read_text(encoding="utf-8")
    assert result.stderr == ""


def test_a_file_that_is_no_manifest_is_a_usage_error(runner, workdir):
    (workdir / "LICENSE.md").write_text("# not json\n", encoding="utf-8")
    result = run(runner, "generate", "--from-manifest", "LICENSE.md", "-o", "-")
    assert_clean_failure(result, 2)
    assert "cannot read the manifest LICENSE.md" in result.stderr


def test_overwriting_agreed_in_the_wizard_replaces_the_licence_and_its_manifest(runner, workdir):
    (workdir / "LICENSE.md").write_text("mine\n", encoding="utf-8")
    (workdir / "LICENSE.manifest.json").write_text("{}\n", encoding="utf-8")
    result = run(runner, "generate", "--type", "open", "--artifacts", "M", "--baseline", "--product", "Kestrel-7",
                 "--licensor", "Orchard Labs", "--year", "2025", "--contact", "", "--extra-terms", "", "--no-verify",
                 input=answers("", "markdown", "", "y", "y"))
    assert result.exit_code == 0, result.stderr
    assert "LICENSE.md and LICENSE.manifest.json already exist. Overwrite?" in result.stderr
    assert (workdir / "LICENSE.md").read_text(encoding="utf-8").startswith("# OpenRAIL-M Licence")
    assert json.loads((workdir / "LICENSE.manifest.json").read_text(encoding="utf-8"))["name"] == "OpenRAIL-M"

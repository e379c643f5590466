"""Specification of the clause analysis on whole licences (texts read from the
installed reference data, never pasted) and of `licenselens analyze`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from licenselens.analysis import analyze, analyze_file
from licenselens.cli import cli
from licenselens.reference import licence_text


@pytest.fixture(scope="module")
def reports():
    cache = {}

    def get(key):
        if key not in cache:
            cache[key] = analyze(licence_text(key), key)
        return cache[key]

    return get


def statuses(report):
    return {name: f.status for name, f in report.freedoms.items()}


def test_mit_grants_everything_under_attribution_and_is_osaid_compatible(reports):
    report = reports("mit")
    assert report.restrictions == []
    assert "attribution" in {c.id for c in report.conditions}
    assert statuses(report)["use"] == "granted"
    assert statuses(report)["share"] == "conditional"
    assert report.osaid_compatible
    assert report.rail_name is None


def test_apache_and_gpl3_have_only_osd_conditions(reports):
    for key, needed in (("apache-2.0", {"attribution", "patent-retaliation"}), ("gpl-3.0", {"copyleft"})):
        report = reports(key)
        assert report.restrictions == [], key
        assert needed <= {c.id for c in report.conditions}, key
        assert report.osaid_compatible, key


def test_openrail_m_is_named_and_restricts_use_and_sharing(reports):
    report = reports("bigscience-open-rail-m")
    assert report.rail_name == "OpenRAIL-M"
    assert report.artifacts == ["model"]
    categories = {r.category for r in report.restrictions}
    assert {"discrimination", "medical", "minors", "privacy"} <= categories
    assert "restrictions-flow-down" in {c.id for c in report.conditions}
    assert statuses(report)["use"] == "restricted"
    assert statuses(report)["share"] == "restricted"
    assert not report.osaid_compatible


def test_every_finding_quotes_its_clause_at_its_span(reports):
    text = licence_text("bigscience-open-rail-m")
    report = reports("bigscience-open-rail-m")
    for finding in [*report.restrictions, *report.conditions]:
        assert " ".join(text[finding.start : finding.end].split()) == finding.text
    for freedom in report.freedoms.values():
        for evidence in freedom.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)


def test_a_700_million_user_threshold_keeps_its_value(reports):
    report = reports("llama-2-license-2023")
    thresholds = [c for c in report.conditions if c.id == "user-threshold"]
    assert thresholds and (thresholds[0].value, thresholds[0].unit) == (700_000_000, "users")
    assert thresholds[0].to_dict()["unit"] == "users"
    assert statuses(report)["use"] == "restricted"


def test_a_revenue_limit_keeps_its_amount_and_currency():
    text = ("Model Licence\n\n1. You may use, copy and modify the Model for any purpose.\n\n"
            "2. If your annual revenue, counted with your affiliates, exceeds US $1,000,000, you may not "
            "use the Model commercially until you have signed an enterprise agreement with us.\n")
    report = analyze(text)
    [threshold] = [c for c in report.conditions if c.id == "user-threshold"]
    assert (threshold.value, threshold.unit) == (1_000_000, "USD")
    assert text[threshold.start:threshold.end].startswith("If your annual revenue")
    assert statuses(report)["use"] == "restricted"


def test_a_research_only_licence_restricts_use(reports):
    report = reports("java-research-1.5")
    assert "non-commercial" in {c.id for c in report.conditions}
    assert statuses(report)["use"] == "restricted"
    assert not report.osaid_compatible


def test_an_unseen_text_is_still_analysed(reports):
    own = ("The Provider grants you a licence to use, copy and share the Weights. "
           "You must not use the Weights to build weapons or to track people without their consent. "
           "Anyone you share the Weights with must accept these same limits.")
    report = analyze(own)
    assert report.expression is None or report.licenses == [] or report.expression
    assert report.restrictions, "restrictions are read from the text, not looked up"
    assert statuses(report)["use"] == "restricted"


def test_what_an_open_licence_says_about_law_fitness_versions_and_the_licensor_limits_no_freedom():
    own = ("The Steward hereby grants you a licence to use, copy, modify and distribute the Toolkit.\n\n"
           "You acknowledge that the Toolkit is not designed for use in running power stations.\n\n"
           "You should not suggest that the Steward endorses your product.\n\n"
           "The Steward may revise this licence; a revised licence applies to copies downloaded after it is "
           "published.\n\n"
           "Recipients are not required to pass on a copy of this licence.\n\n"
           "This licence is governed by the law of the country where the Steward has its seat.")
    report = analyze(own)
    assert report.restrictions == [] and report.conditions == []
    assert set(statuses(report).values()) == {"granted"}


def test_an_item_spelling_out_a_grant_to_serve_third_parties_withholds_no_hosting():
    # OLFL-1.3 grants the right "to use it ... also to provide services to third
    # parties," in a list the grant sentence runs through: a right, not a limit
    report = analyze(licence_text("olfl-1.3"))
    assert "no-hosting" not in {c.id for c in report.conditions}
    assert statuses(report)["use"] in {"granted", "conditional"}


def test_json_adds_the_analysis_keys_to_the_identify_contract(tmp_path):
    path = tmp_path / "LICENSE"
    path.write_text(licence_text("mit"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["results"][0]
    for key in ("path", "expression", "licenses", "osi_approved", "unknown", "errors",
                "artifacts", "rail_name", "restrictions", "conditions", "freedoms", "osaid_compatible"):
        assert key in data
    assert set(data["freedoms"]) == {"use", "study", "modify", "share"}
    assert {"status", "evidence"} <= set(data["freedoms"]["use"])


def test_text_output_shows_restrictions_and_the_freedoms_table(tmp_path):
    path = tmp_path / "LICENSE"
    path.write_text(licence_text("bigscience-open-rail-m"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "RAIL licence: OpenRAIL-M" in result.stdout
    assert "restrictions (" in result.stdout and "freedoms:" in result.stdout
    assert "OSAID-compatible terms: no" in result.stdout


def test_bad_input_is_a_clear_error_not_a_traceback(tmp_path):
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["analyze", str(empty)])
    assert result.exit_code == 1
    assert "empty" in result.stderr and "Traceback" not in result.output
    assert analyze_file(tmp_path / "missing").errors

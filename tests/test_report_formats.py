"""Specification of the HTML and SARIF scan reports (``licenselens.formats.html_format`` /
``sarif_format``).

Both render the dict ``ScanReport.to_dict()`` returns (the JSON scan format).  The
scans below are written out by hand so the reports are specified on their own:
a clean MIT code repository, and a model repository with an OpenRAIL licence, a
model card that declares Apache-2.0 beside it (a conflict), a file of licence
text nobody recognises, a dataset card naming no known licence and a file that
could not be read.

The HTML report is one self-contained page: nothing is fetched, every clause
is shown and escaped.  The SARIF log is checked against a hand-written subset
of the SARIF 2.1.0 schema's required properties (no network, no vendored
schema): one result per restriction, limiting condition, unknown text (or file
naming no known licence), non-OSI licence, conflict and file error, at its
lines, with its rule defined.
"""

from __future__ import annotations

import copy
import html.parser
import json
import re
from pathlib import Path

import pytest

from licenselens.corpus import load_taxonomy
from licenselens.formats import html_format, sarif_format

ROOT = Path(__file__).resolve().parents[1]
SCRIPT_CLAUSE = 'You will not use the Model to run <script>alert("pwned")</script> in browsers & "friends".'


def _freedom(status, *evidence):
    return {"status": status, "evidence": list(evidence)}


def _mit_licence_match(line=1, end_line=21):
    return {
        "id": "MIT", "name": "MIT License", "osi_approved": True, "fsf_libre": True,
        "deprecated": False, "category": "Permissive", "is_exception": False, "score": 100.0,
        "start": 0, "end": 1070, "expression": "MIT", "matcher": "exact", "rule": "mit",
        "line": line, "end_line": end_line,
    }


@pytest.fixture
def mit_repo():
    """A code repository under MIT: a LICENSE and an SPDX header, nothing to report."""
    attribution = {"path": "LICENSE", "text": "The above copyright notice shall be included.",
                   "start": 500, "end": 560, "line": 12}
    grant = {"path": "LICENSE", "text": "to deal in the Software without restriction",
             "start": 200, "end": 260, "line": 5}
    # src/app.py only names MIT: its evidence comes from the licence's reference text
    named = {"path": None, "reference": "MIT", "text": "Permission is hereby granted, free of charge",
             "start": 30, "end": 80}
    return {
        "licenselens": "0.1.0",
        "root": "mit-repo",
        "summary": {
            "files_seen": 12, "licence_files": 2, "errors": 0, "expression": "MIT",
            "osi_approved": True, "osaid_compatible": True, "restricted_use": False, "unknown": 0,
            "components": {
                "code": {
                    "expression": "MIT", "declared": ["MIT"], "osi_approved": True,
                    "osaid_compatible": True, "rail_name": None, "restrictions": 0,
                    "conditions": ["attribution"],
                    "freedoms": {"use": _freedom("granted", grant, named), "study": _freedom("granted"),
                                 "modify": _freedom("granted", grant),
                                 "share": _freedom("conditional", attribution)},
                    "files": ["LICENSE", "src/app.py"],
                }
            },
            "conflicts": [],
            "violations": [],
        },
        "results": [
            {
                "path": "LICENSE", "expression": "MIT", "licenses": [_mit_licence_match()],
                "osi_approved": True, "unknown": [], "errors": [], "artifacts": ["source"],
                "rail_name": None, "restrictions": [],
                "conditions": [{"id": "attribution", "text": attribution["text"], "start": 500,
                                "end": 560, "score": 0.9, "value": None, "line": 12, "end_line": 12}],
                "freedoms": {"use": _freedom("granted"), "study": _freedom("granted"),
                             "modify": _freedom("granted"), "share": _freedom("conditional")},
                "osaid_compatible": True, "kind": "licence", "components": ["code"],
                "declared": [], "sha256": "a" * 64,
            },
            {
                "path": "src/app.py", "expression": "MIT",
                "licenses": [dict(_mit_licence_match(line=1, end_line=1), matcher="spdx-id")],
                "osi_approved": True, "unknown": [], "errors": [], "artifacts": [], "rail_name": None,
                "restrictions": [], "conditions": [], "freedoms": {}, "osaid_compatible": None,
                "kind": "source-header", "components": ["code"],
                "declared": [{"value": "MIT", "expression": "MIT",
                              "source": "SPDX-License-Identifier", "line": 1, "link": None}],
                "sha256": "b" * 64,
            },
        ],
    }


RESTRICTIONS = [
    {"category": "medical", "text": "You will not use the Model to give medical advice or\ninterpret medical results.",
     "start": 4100, "end": 4190, "score": 0.93, "line": 120, "end_line": 121},
    {"category": "military-weapons", "text": "You will not use the Model for any military purpose or weapons.",
     "start": 4200, "end": 4262, "score": 0.88, "line": 123, "end_line": 123},
    {"category": "malware-security", "text": SCRIPT_CLAUSE,
     "start": 4300, "end": 4390, "score": 0.71, "line": 125, "end_line": 126},
]
CONDITIONS = [
    {"id": "restrictions-flow-down", "text": "You must include these use restrictions in any agreement governing use of a derivative.",
     "start": 3000, "end": 3090, "score": 0.9, "value": None, "line": 80, "end_line": 81},
    {"id": "user-threshold", "text": "If your service has more than 700 million monthly active users you need a separate licence.",
     "start": 3100, "end": 3190, "score": 0.8, "value": 700000000, "line": 90, "end_line": 90},
    {"id": "attribution", "text": "You must give recipients a copy of this Licence.",
     "start": 3200, "end": 3250, "score": 0.85, "value": None, "line": 95, "end_line": 95},
]


@pytest.fixture
def model_repo():
    """A model repository: OpenRAIL licence, an Apache-2.0 model card (a conflict), unknown
    licence text, a dataset card naming no known licence, and a file that could not be read."""
    use_evidence = [{"path": "LICENSE-MODEL", "text": r["text"], "start": r["start"], "end": r["end"],
                     "line": r["line"]} for r in RESTRICTIONS]
    flow = {"path": "LICENSE-MODEL", "text": CONDITIONS[0]["text"], "start": 3000, "end": 3090, "line": 80}
    rail_match = {
        "id": "LicenseRef-scancode-bigscience-openrail-m", "name": "BigScience OpenRAIL-M",
        "osi_approved": False, "fsf_libre": False, "deprecated": False, "category": "Free Restricted",
        "is_exception": False, "score": 99.1, "start": 0, "end": 12000,
        "expression": "LicenseRef-scancode-bigscience-openrail-m", "matcher": "exact",
        "rule": "bigscience-openrail-m", "line": 1, "end_line": 240,
    }
    return {
        "licenselens": "0.1.0",
        "root": "model-repo",
        "summary": {
            "files_seen": 40, "licence_files": 4, "errors": 1,
            "expression": "Apache-2.0 AND LicenseRef-scancode-bigscience-openrail-m",
            "osi_approved": False, "osaid_compatible": False, "restricted_use": True, "unknown": 2,
            "components": {
                "model": {
                    "expression": "LicenseRef-scancode-bigscience-openrail-m",
                    "declared": ["Apache-2.0"], "osi_approved": False, "osaid_compatible": False,
                    "rail_name": "OpenRAIL-M", "restrictions": 3,
                    "conditions": ["restrictions-flow-down", "user-threshold", "attribution"],
                    "freedoms": {"use": _freedom("restricted", *use_evidence),
                                 "study": _freedom("granted"),
                                 "modify": _freedom("restricted", use_evidence[0]),
                                 "share": _freedom("restricted", flow)},
                    "files": ["LICENSE-MODEL", "README.md"],
                },
                "data": {
                    "expression": None, "declared": [], "osi_approved": False,
                    "osaid_compatible": False, "rail_name": None, "restrictions": 0, "conditions": [],
                    "freedoms": {"use": _freedom("unknown"), "study": _freedom("unknown"),
                                 "modify": _freedom("unknown"), "share": _freedom("not-granted")},
                    "files": ["DATA_TERMS.txt"],
                },
            },
            "conflicts": [{"component": "model",
                           "message": "README.md declares Apache-2.0 but LICENSE-MODEL restricts use",
                           "paths": ["README.md", "LICENSE-MODEL"]}],
            "violations": ["restricted-use: LICENSE-MODEL restricts use (3 restrictions)"],
        },
        "results": [
            {
                "path": "LICENSE-MODEL", "expression": rail_match["expression"], "licenses": [rail_match],
                "osi_approved": False, "unknown": [], "errors": [], "artifacts": ["model"],
                "rail_name": "OpenRAIL-M", "restrictions": copy.deepcopy(RESTRICTIONS),
                "conditions": copy.deepcopy(CONDITIONS),
                "freedoms": {"use": _freedom("restricted", {"text": RESTRICTIONS[0]["text"], "start": 4100, "end": 4190}),
                             "study": _freedom("granted"), "modify": _freedom("restricted"),
                             "share": _freedom("restricted")},
                "osaid_compatible": False, "kind": "licence", "components": ["model"],
                "declared": [], "sha256": "c" * 64,
            },
            {
                "path": "README.md", "expression": "Apache-2.0",
                "licenses": [{"id": "Apache-2.0", "name": "Apache License 2.0", "osi_approved": True,
                              "fsf_libre": True, "deprecated": False, "category": "Permissive",
                              "is_exception": False, "score": 100.0, "start": 13, "end": 23,
                              "expression": "Apache-2.0", "matcher": "spdx-id", "rule": "apache-2.0",
                              "line": 3, "end_line": 3}],
                "osi_approved": True, "unknown": [], "errors": [], "artifacts": [], "rail_name": None,
                "restrictions": [], "conditions": [], "freedoms": {}, "osaid_compatible": None,
                "kind": "model-card", "components": ["model"],
                "declared": [{"value": "apache-2.0", "expression": "Apache-2.0",
                              "source": "front matter: license", "line": 3,
                              "link": "https://example.org/licence?a=1&b=<2>"}],
                "sha256": "d" * 64,
            },
            {
                "path": "DATA_TERMS.txt", "expression": None, "licenses": [], "osi_approved": False,
                "unknown": [{"start": 0, "end": 400, "line": 1, "end_line": 9,
                             "closest": [{"id": "CC-BY-NC-4.0", "name": "Creative Commons Attribution Non Commercial 4.0",
                                          "similarity": 0.41}]}],
                "errors": [], "artifacts": ["data"], "rail_name": None, "restrictions": [],
                "conditions": [], "freedoms": {"use": _freedom("unknown"), "study": _freedom("unknown"),
                                               "modify": _freedom("unknown"), "share": _freedom("not-granted")},
                "osaid_compatible": False, "kind": "licence", "components": ["data"], "declared": [],
                "sha256": "e" * 64,
            },
            {
                # a dataset card whose licence is "other": it names no licence anybody knows
                "path": "data/README.md", "expression": None, "licenses": [], "osi_approved": False,
                "unknown": [], "errors": [], "artifacts": [], "rail_name": None, "restrictions": [],
                "conditions": [], "freedoms": {}, "osaid_compatible": None, "kind": "dataset-card",
                "components": ["data"],
                "declared": [{"value": "other", "expression": None, "source": "front matter: license",
                              "line": 2, "link": None}],
                "sha256": "f" * 64,
            },
            {
                # a read error: the scan keeps only the path and why
                "path": "weights/NOTICE", "errors": ["permission denied"],
            },
        ],
    }


# --------------------------------------------------------------------------- HTML


class _Page(html.parser.HTMLParser):
    """Collects what a self-containment check needs: tags with attributes, text, nesting."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.marked: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self._table_caption = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)
        self._in_caption = tag == "caption"

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        self.text.append(data)
        if "mark" in self.stack:
            self.marked.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _flat(text: str) -> str:
    return " ".join(text.split())


def _matrix_rows(page: str) -> dict[str, list[str]]:
    """Component -> the four cell statuses, read from the matrix table's class names."""
    matrix = re.search(r'<table class="matrix">.*?</table>', page, re.S).group(0)
    rows = {}
    for row in re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", matrix, re.S):
        rows[row[0]] = re.findall(r'<td class="cell s-([a-z-]+)"', row[1])
    return rows


@pytest.mark.parametrize("repo", ["mit_repo", "model_repo"])
def test_html_is_one_document_that_loads_nothing_from_outside(repo, request):
    page = html_format.render_scan(request.getfixturevalue(repo))
    parsed = _parse(page)

    assert page.lstrip().lower().startswith("<!doctype html>")
    assert [t for t, _ in parsed.tags].count("html") == 1
    for tag, attrs in parsed.tags:
        assert not (tag == "link" and "stylesheet" in (attrs.get("rel") or "")), attrs
        assert not (tag == "script" and attrs.get("src")), attrs
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "javascript:")), (tag, attrs)
    assert "@import" not in page and "url(" not in page
    assert any(tag == "style" for tag, _ in parsed.tags), "the CSS is inline"


def test_html_forbids_network_access_through_its_content_security_policy(mit_repo):
    parsed = _parse(html_format.render_scan(mit_repo))
    policies = [a["content"] for t, a in parsed.tags
                if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    assert policies and "default-src 'none'" in policies[0]


def test_html_escapes_clause_text_so_a_licence_cannot_inject_markup(model_repo):
    page = html_format.render_scan(model_repo)
    parsed = _parse(page)

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page
    # the only script is the page's own inline one
    assert sum(1 for t, _ in parsed.tags if t == "script") == 1
    # the untrusted link of the model card is shown as text, never followed
    assert "https://example.org" not in " ".join(a.get("href", "") for _, a in parsed.tags)
    assert "https://example.org/licence?a=1&b=<2>" in "".join(parsed.text)


def test_html_shows_every_restriction_highlighted_with_its_category_and_file_line(model_repo):
    page = html_format.render_scan(model_repo)
    parsed = _parse(page)
    marked = [_flat(t) for t in parsed.marked]
    text = _flat("".join(parsed.text))

    for r in RESTRICTIONS:
        assert _flat(r["text"]) in marked
        assert r["category"] in text
    assert "LICENSE-MODEL:120\u2013121" in text
    assert "LICENSE-MODEL:123" in text


def test_html_quotes_a_clause_once_with_every_category_it_falls_under(model_repo):
    restrictions = model_repo["results"][0]["restrictions"]
    restrictions.insert(2, dict(restrictions[1], category="violence-harm", score=0.5))
    page = html_format.render_scan(model_repo)
    marked = [_flat(t) for t in _parse(page).marked]

    assert marked.count(_flat(RESTRICTIONS[1]["text"])) == 1
    item = re.search(r'<li class="finding">(?:(?!</li>).)*military purpose(?:(?!</li>).)*</li>', page, re.S).group(0)
    assert ">military-weapons<" in item and ">violence-harm<" in item
    assert "(4 in 3 clauses)" in page


def test_html_starts_with_the_summary_verdicts_before_the_details(model_repo):
    text = _flat("".join(_parse(html_format.render_scan(model_repo)).text))

    for label in ("OSI-approved", "OSAID-compatible terms", "Restricted use",
                  "Unknown licence texts", "Conflicts", "Policy violations"):
        assert label in text
    assert text.index("Restricted use") < text.index("The four freedoms") < text.index(RESTRICTIONS[0]["category"] + " LICENSE-MODEL")
    assert model_repo["summary"]["violations"][0] in text
    assert model_repo["summary"]["conflicts"][0]["message"] in text


def test_html_has_a_four_freedoms_row_per_component_with_a_legend(model_repo, mit_repo):
    assert _matrix_rows(html_format.render_scan(model_repo)) == {
        "model": ["restricted", "granted", "restricted", "restricted"],
        "data": ["unknown", "unknown", "unknown", "not-granted"],
    }
    page = html_format.render_scan(mit_repo)
    assert _matrix_rows(page) == {"code": ["granted", "granted", "granted", "conditional"]}
    legend = re.search(r'<dl class="legend".*?</dl>', page, re.S).group(0)
    for status in html_format.STATUSES:
        assert f"s-{status}" in legend


def test_html_matrix_cells_carry_the_clauses_that_decided_them(model_repo):
    page = html_format.render_scan(model_repo)
    matrix = re.search(r'<table class="matrix">.*?</table>', page, re.S).group(0)
    cells = re.findall(r'<td class="cell s-[a-z-]+"(.*?)</td>', matrix, re.S)
    use_cell = cells[0]
    # expandable without JavaScript, and summarised on hover
    assert "<details>" in use_cell and 'title="' in use_cell
    for r in RESTRICTIONS:
        assert f"LICENSE-MODEL:{r['line']}" in use_cell
    assert "<details>" not in cells[1], "a freedom with no evidence has nothing to expand"


def test_html_says_when_evidence_comes_from_a_named_licence_s_reference_text(mit_repo):
    page = html_format.render_scan(mit_repo)
    matrix = re.search(r'<table class="matrix">.*?</table>', page, re.S).group(0)
    assert "reference text of MIT" in matrix and "LICENSE:5" in matrix


def test_html_lists_each_file_with_its_facts_conditions_unknown_text_and_errors(model_repo):
    text = _flat("".join(_parse(html_format.render_scan(model_repo)).text))

    for result in model_repo["results"]:
        assert result["path"] in text
    assert "OpenRAIL-M" in text
    assert "model-card" in text and "front matter: license" in text
    assert "user-threshold" in text and "700,000,000" in text
    assert "CC-BY-NC-4.0 41%" in text and "DATA_TERMS.txt:1\u20139" in text
    assert "permission denied" in text
    assert "LicenseRef-scancode-bigscience-openrail-m" in text
    assert "names no licence that licenselens knows" in text


def test_html_reports_a_clean_repository_without_alarms(mit_repo):
    page = html_format.render_scan(mit_repo)
    text = _flat("".join(_parse(page).text))

    assert "No conflicts" in text
    assert 'class="verdict bad"' not in page
    assert "<mark>" not in page


def test_html_renders_a_scan_that_found_nothing():
    text = _flat("".join(_parse(html_format.render_scan({"licenselens": "0.1.0", "root": "empty"})).text))
    assert "no licence found" in text and "No licence-bearing file was found." in text


# --------------------------------------------------------------------------- SARIF

# Required properties of the SARIF 2.1.0 objects the report uses, from the
# standard's schema (written out here: the tests never touch the network).
REQUIRED = {
    "log": {"version", "runs"},
    "run": {"tool"},
    "tool": {"driver"},
    "driver": {"name"},
    "rule": {"id"},
    "result": {"message"},
    "message": {"text"},  # one of text or id; the report always writes text
    "artifactLocation": set(),
    "region": {"startLine"},
}
LEVELS = {"none", "note", "warning", "error"}


def _is_int_at_least(value, minimum):
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def assert_valid_sarif(log: dict) -> None:
    """Structural validation against the parts of the SARIF 2.1.0 schema the report uses."""
    assert REQUIRED["log"] <= log.keys() and log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    assert REQUIRED["run"] <= run.keys()
    driver = run["tool"]["driver"]
    assert REQUIRED["driver"] <= driver.keys() and driver["name"] == "licenselens"
    assert re.match(r"^https?://", driver["informationUri"])
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids)), "rule ids are unique"
    for rule in driver["rules"]:
        assert REQUIRED["rule"] <= rule.keys()
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)
        assert rule["defaultConfiguration"]["level"] in LEVELS
    for base in run.get("originalUriBaseIds", {}).values():
        assert base["uri"].endswith("/") and re.match(r"^[a-z]+:", base["uri"])
    for result in run["results"]:
        assert REQUIRED["result"] <= result.keys() and result["message"]["text"].strip()
        assert result["level"] in LEVELS
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"] and all(isinstance(v, str) for v in result["partialFingerprints"].values())
        for location in result["locations"] + result.get("relatedLocations", []):
            physical = location["physicalLocation"]
            artifact = physical["artifactLocation"]
            assert not artifact["uri"].startswith("/") and artifact["uriBaseId"] in run["originalUriBaseIds"]
            if "region" in physical:
                region = physical["region"]
                assert REQUIRED["region"] <= region.keys() and _is_int_at_least(region["startLine"], 1)
                if "endLine" in region:
                    assert _is_int_at_least(region["endLine"], region["startLine"])


def _sarif(data):
    text = sarif_format.render_scan(data)
    return json.loads(text)


def _results_by_rule(log):
    by_rule: dict[str, list[dict]] = {}
    for result in log["runs"][0]["results"]:
        by_rule.setdefault(result["ruleId"], []).append(result)
    return by_rule


def _region(result):
    region = result["locations"][0]["physicalLocation"].get("region", {})
    return region.get("startLine"), region.get("endLine")


def _uri(result):
    return result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


@pytest.mark.parametrize("repo", ["mit_repo", "model_repo"])
def test_sarif_is_a_structurally_valid_2_1_0_log(repo, request):
    assert_valid_sarif(_sarif(request.getfixturevalue(repo)))


def test_sarif_clean_mit_repository_raises_no_alert(mit_repo):
    log = _sarif(mit_repo)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["version"] == "0.1.0"


def test_sarif_has_one_warning_per_restriction_at_its_lines(model_repo):
    by_rule = _results_by_rule(_sarif(model_repo))

    for r in RESTRICTIONS:
        [result] = by_rule[r["category"]]
        assert result["level"] == "warning"
        assert _uri(result) == "LICENSE-MODEL"
        assert _region(result) == (r["line"], r["end_line"])
        assert r["category"] in result["message"]["text"]


def test_sarif_reports_limiting_conditions_but_not_open_source_ones(model_repo):
    by_rule = _results_by_rule(_sarif(model_repo))

    [threshold] = by_rule["user-threshold"]
    assert threshold["level"] == "warning" and _region(threshold) == (90, 90)
    assert threshold["properties"]["value"] == 700000000 and "700,000,000" in threshold["message"]["text"]
    assert len(by_rule["restrictions-flow-down"]) == 1
    assert "attribution" not in by_rule


def test_sarif_reports_unknown_text_not_osi_licences_conflicts_and_file_errors(model_repo):
    by_rule = _results_by_rule(_sarif(model_repo))

    unknown, unnamed = by_rule["unknown-licence"]
    assert unknown["level"] == "warning" and _uri(unknown) == "DATA_TERMS.txt" and _region(unknown) == (1, 9)
    assert "CC-BY-NC-4.0" in unknown["message"]["text"]
    # a card that names no known licence is as unknown, pointed at its declaration
    assert unnamed["level"] == "warning" and _uri(unnamed) == "data/README.md" and _region(unnamed) == (2, None)
    assert "'other'" in unnamed["message"]["text"]

    [not_osi] = by_rule["not-osi"]
    assert not_osi["level"] == "note" and _region(not_osi) == (1, 240)

    [conflict] = by_rule["conflict"]
    assert conflict["level"] == "error"
    assert _uri(conflict) == "README.md" and _region(conflict) == (3, None)  # where the card declares it
    assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in conflict["relatedLocations"]] == ["LICENSE-MODEL"]

    [error] = by_rule["file-error"]
    assert error["level"] == "note" and _uri(error) == "weights/NOTICE" and _region(error) == (None, None)
    assert "permission denied" in error["message"]["text"]

    expected = len(RESTRICTIONS) + 2 + 2 + 1 + 1 + 1  # + 2 limiting conditions, 2 unknown, not-osi, conflict, error
    assert len(_sarif(model_repo)["runs"][0]["results"]) == expected


def test_sarif_paths_are_relative_to_the_scanned_root(model_repo, tmp_path):
    model_repo["root"] = str(tmp_path)
    run = _sarif(model_repo)["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.as_uri() + "/"
    assert {_uri(r) for r in run["results"]} == {"LICENSE-MODEL", "DATA_TERMS.txt", "README.md", "data/README.md",
                                                 "weights/NOTICE"}


def test_sarif_fingerprints_survive_moved_lines_but_tell_findings_apart(model_repo):
    before = [r["partialFingerprints"] for r in _sarif(model_repo)["runs"][0]["results"]]
    for r in model_repo["results"][0]["restrictions"]:
        r["line"] += 40
        r["end_line"] += 40
        r["start"] += 999
    after = [r["partialFingerprints"] for r in _sarif(model_repo)["runs"][0]["results"]]

    assert before == after
    assert len({json.dumps(f, sort_keys=True) for f in before}) == len(before)


def test_sarif_keeps_a_clause_repeated_in_one_file_as_two_findings(model_repo):
    restrictions = model_repo["results"][0]["restrictions"]
    restrictions.append(dict(restrictions[0], line=200, end_line=201))
    medical = _results_by_rule(_sarif(model_repo))["medical"]

    assert [_region(r) for r in medical] == [(120, 121), (200, 201)]
    assert medical[0]["partialFingerprints"] != medical[1]["partialFingerprints"]


def test_sarif_uris_escape_characters_that_are_not_allowed_in_a_uri(model_repo):
    model_repo["results"][0]["path"] = "weights v2/LICENSE#MODEL"
    by_rule = _results_by_rule(_sarif(model_repo))
    assert _uri(by_rule["medical"][0]) == "weights%20v2/LICENSE%23MODEL"


def test_sarif_defines_a_rule_for_every_category_and_condition_of_the_taxonomy():
    taxonomy = load_taxonomy(ROOT / "corpus" / "taxonomy.yaml")
    rules = {r["id"]: r for r in _sarif({"licenselens": "0.1.0", "root": "."})["runs"][0]["tool"]["driver"]["rules"]}

    assert set(taxonomy.labels) | {"unknown-licence", "not-osi", "conflict", "file-error"} == set(rules)
    assert set(taxonomy.osd_compatible) == sarif_format.OSD_COMPATIBLE_CONDITIONS


def test_sarif_defines_a_rule_for_a_label_the_catalogue_does_not_know_yet(model_repo):
    model_repo["results"][0]["restrictions"][0]["category"] = "brand-new-category"
    log = _sarif(model_repo)

    assert_valid_sarif(log)
    assert "brand-new-category" in _results_by_rule(log)


# --------------------------------------------------------------------------- end to end


def test_the_demo_model_repository_scans_into_both_reports():
    """examples/model-repo (the README screenshot): a real scan renders without loss."""
    from licenselens.scan import scan

    data = scan(ROOT / "examples" / "model-repo", jobs=1).to_dict()
    restrictions = [(result["path"], r) for result in data["results"] for r in result.get("restrictions") or []]
    assert len(restrictions) >= 10, "the demo licence restricts at least ten uses"

    marked = {_flat(t) for t in _parse(html_format.render_scan(data)).marked}
    assert {_flat(r["text"]) for _, r in restrictions} <= marked

    log = _sarif(data)
    assert_valid_sarif(log)
    located = {(_uri(res), _region(res)[0], res["ruleId"]) for res in log["runs"][0]["results"]}
    assert {(path, r["line"], r["category"]) for path, r in restrictions} <= located

#!/usr/bin/env python3
"""Clause-analysis benchmark: restrictions, conditions, artifacts and freedoms on unseen licences.

Not a test: it measures.  Two protocols, both on corpus/ (--corpus to change;
a missing corpus or missing reference texts are reported on stderr and the
script exits 0):

1. Leave one licence out (LOLO) over the AI licences: the annotated documents
   (corpus/annotated/<key>.yaml) whose kind is rail-licence,
   acceptable-use-policy, research-licence, community-licence, data-licence or
   terms-of-service.  For each one a model is trained on the corpus without
   that licence, then
   (a) its annotated clauses (the annotation spans and labels) are classified
       by that model, each with the context analyze() gives it (whether the
       segmentation of the licence makes it a list item, its section heading
       and an item's lead-in): clause-level scores;
   (b) the whole pipeline runs on its real text,
       analyze_document(ingest.from_text(licence_text(key), key), model=...),
       and the Report is compared with the annotation: artifacts (set
       equality), the restriction-category set (categories over the annotated
       clauses vs {r.category for r in report.restrictions}), the four freedom
       statuses (all four equal) and rail_name.
2. Held-out split of the rest: one deterministic split by family
   (licenselens.corpus.split_by_group, --test-share, --seed) of every other
   document (written/ and the annotated ordinary licences); the model is
   trained on everything else, AI licences included; clause-level scores on
   the held-out clauses, and (b) for the held-out annotated licences.

What "without that licence" means (--guard):
  family     drop the licence's family (licenselens.train._family: versions of
             one licence together, e.g. responsible-ai-source-1.0 and -1.1);
  documents  also drop every document sharing at least --overlap of its word
             8-grams with the test licence, in either direction (the CC-BY
             4.0 family, the OpenRAIL-M texts, c-uda/o-uda ... which
             _family does not join);
  sentences  (default) also drop every remaining training clause of at
             least three words whose normalised text occurs verbatim in the
             test licence (shared boilerplate such as Apache-2.0 sections in
             the RAIL licences), so no sentence of the test licence is trained on.

Training: one fit per test licence, without fit()'s internal cross-validation:
the shipped configuration (TrainConfig) and the shipped per-label thresholds and fallback floor
(load_default().thresholds; they were tuned on out-of-fold predictions over the
whole corpus, a mild optimism).  --solver dual (default) fits the same L2
logistic regressions with liblinear's dual solver, about 8x faster on these
wide TF-IDF matrices and equal to the shipped (primal) solution within solver
tolerance; --solver primal uses licenselens.train._fit_arrays unchanged.  The
concept votes for short clauses (licenselens.concepts.ConceptVotes) are counted
over the same training clauses.

Timing: licenselens.analyze() with the shipped model, warm (after one call
that loads the index and the model), median of --timing-runs runs on one
licence of about 30 KB (--timing-key, default huggingface-tos-20220915,
29,471 bytes), and the median over the AI licences of each one's median of
--timing-runs-each runs.

Output: Markdown on stdout (per-licence table, mismatches, summary with the
issue's targets, per-label table); --json OUT writes every number and every
prediction that differed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_CORPUS = REPO_ROOT / "corpus"
AI_KINDS = ("rail-licence", "acceptable-use-policy", "research-licence", "community-licence", "data-licence",
            "terms-of-service")
FREEDOMS = ("use", "study", "modify", "share")
DEFAULT_TIMING_KEY = "huggingface-tos-20220915"
GUARDS = ("family", "documents", "sentences")
#: The issue's targets: (summary key, threshold, ">=" or "<=").
TARGETS = {
    "restriction_f1": (0.90, ">="),
    "category_macro_f1": (0.85, ">="),
    "freedoms_exact": (0.90, ">="),
    "analyze_30kb_ms": (100.0, "<="),
}
SHINGLE = 8
MIN_SENTENCE_WORDS = 3


class SkipBenchmark(Exception):
    """The data the benchmark needs is not there: say so and exit 0."""


# --------------------------------------------------------------------------- corpus and guards


def norm(text: str) -> str:
    """Lower-cased words joined by one space: the unit the leak guards compare."""
    return " ".join(re.findall(r"\w+", text.lower()))


def shingles(text: str) -> set[tuple[str, ...]]:
    words = norm(text).split()
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def doc_of(example) -> str:
    """The document a clause comes from: ``written/<file>`` or ``annotated/<file>``."""
    return example.source.split("#", 1)[0]


def key_of(doc: str) -> str | None:
    return doc[len("annotated/"):-len(".yaml")] if doc.startswith("annotated/") else None


class Corpus:
    """The corpus as the benchmark sees it: examples, documents, annotations, families."""

    def __init__(self, root: Path):
        import yaml

        from licenselens.corpus import load_corpus, load_taxonomy
        from licenselens.errors import LicenselensError
        from licenselens.reference import licence_text
        from licenselens.train import _family

        if not (root / "taxonomy.yaml").is_file() or not (root / "annotated").is_dir():
            raise SkipBenchmark(f"no corpus at {root} (needs taxonomy.yaml and annotated/; see --corpus)")
        self.root = root
        self.taxonomy = load_taxonomy(root / "taxonomy.yaml")
        self.warnings: list[str] = []
        self.examples = load_corpus(root, self.warnings)
        self.labels = list(self.taxonomy.labels)
        self.categories = frozenset(self.taxonomy.categories)
        self.annotations: dict[str, dict[str, Any]] = {}
        self.texts: dict[str, str] = {}
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for path in sorted((root / "annotated").glob("*.yaml")):
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
            if not isinstance(doc, dict) or not doc.get("key"):
                continue
            try:
                self.texts[path.stem] = licence_text(str(doc["key"]))
            except LicenselensError:
                continue  # load_corpus already warned and skipped it
            self.annotations[path.stem] = doc
        self.docs: dict[str, list[int]] = {}
        for i, e in enumerate(self.examples):
            self.docs.setdefault(doc_of(e), []).append(i)
        self.family = {d: _family(self.examples[idx[0]].group) for d, idx in self.docs.items()}
        self.doc_text = {
            d: self.texts[key_of(d)] if key_of(d) in self.texts else "\n".join(self.examples[i].text for i in idx)
            for d, idx in self.docs.items()
        }
        self.doc_norm = {d: " " + norm(t) + " " for d, t in self.doc_text.items()}
        self.doc_shingles = {d: shingles(t) for d, t in self.doc_text.items()}
        self.clause_norm = [norm(e.text) for e in self.examples]
        self.ai_keys = sorted(
            k for k, a in self.annotations.items()
            if a.get("kind") in AI_KINDS and f"annotated/{k}.yaml" in self.docs
        )
        if not self.ai_keys:
            raise SkipBenchmark(f"no annotated AI licence ({', '.join(AI_KINDS)}) could be read under {root}")

    def contexts(self, indices: list[int]) -> tuple[list[bool | None], list[str | None], list[str | None]]:
        """For each example, whether analyze() sees it as a list item, the
        heading it sits under and the lead-in of an item, from the
        segmentation of its licence text (the context analyze() gives the
        classifier).  Written examples have no document layout: (None, None,
        None), the classifier judges by the text."""
        from licenselens.clauses import lead_in, segment

        segments: dict[str, list] = {}
        items: list[bool | None] = []
        sections: list[str | None] = []
        lead_ins: list[str | None] = []
        for i in indices:
            source = self.examples[i].source
            doc, _, number = source.partition("#")
            stem = key_of(doc)
            if stem not in self.annotations or not number.isdigit():
                items.append(None)
                sections.append(None)
                lead_ins.append(None)
                continue
            if stem not in segments:
                segments[stem] = segment(self.texts[stem])
            found = segments[stem]
            span = self.annotations[stem]["clauses"][int(number)]
            # the first segment overlapping the annotated span (an annotation
            # may include a list marker the segment leaves out)
            clause = next((c for c in found if c.start < span["end"] and span["start"] < c.end), None)
            items.append(clause.kind == "item" if clause else None)
            sections.append(clause.section if clause else None)
            lead_ins.append(lead_in(found, clause) if clause else None)
        return items, sections, lead_ins

    def containment(self, a: str, b: str) -> float:
        sa = self.doc_shingles[a]
        return len(sa & self.doc_shingles[b]) / len(sa) if sa else 0.0

    def training_set(self, test_docs: list[str], guard: str, overlap: float) -> dict[str, Any]:
        """Indices of the training clauses without ``test_docs``, under ``guard``."""
        families = {self.family[d] for d in test_docs}
        out_docs = {d for d in self.docs if self.family[d] in families}
        near: set[str] = set()
        if guard in ("documents", "sentences"):
            for d in self.docs:
                if d in out_docs:
                    continue
                if any(max(self.containment(t, d), self.containment(d, t)) >= overlap for t in test_docs):
                    near.add(d)
        kept_docs = [d for d in sorted(self.docs) if d not in out_docs and d not in near]
        train_idx: list[int] = []
        dropped = 0
        test_texts = [self.doc_norm[t] for t in test_docs]
        for d in kept_docs:
            for i in self.docs[d]:
                c = self.clause_norm[i]
                if (guard == "sentences" and c.count(" ") + 1 >= MIN_SENTENCE_WORDS
                        and any(f" {c} " in t for t in test_texts)):
                    dropped += 1
                    continue
                train_idx.append(i)
        return {
            "train_idx": train_idx,
            "held_out_docs": sorted(out_docs),
            "near_duplicate_docs": sorted(near),
            "dropped_clauses": dropped,
        }


# --------------------------------------------------------------------------- training and scoring (workers)

_STATE: dict[str, Any] = {}


def _init_worker(corpus_root: str, repo_root: str) -> None:
    if repo_root not in sys.path:
        sys.path.insert(1, repo_root)
    from licenselens.classify import load_default
    from licenselens.corpus import load_corpus, load_taxonomy
    from licenselens.train import corpus_lexicon

    root = Path(corpus_root)
    _STATE["examples"] = load_corpus(root, [])
    _STATE["lexicon"] = corpus_lexicon(root)
    _STATE["taxonomy"] = load_taxonomy(root / "taxonomy.yaml")
    _STATE["shipped"] = load_default()


def fit_arrays(texts: list[str], y, config, solver: str):
    """licenselens.train._fit_arrays with liblinear's primal (as shipped) or dual solver."""
    from licenselens.train import _fit_arrays

    return _fit_arrays(texts, y, config, dual=solver == "dual")


def report_summary(report, categories: frozenset[str]) -> dict[str, Any]:
    return {
        "artifacts": sorted(report.artifacts),
        "categories": sorted({r.category for r in report.restrictions if r.category in categories}),
        "conditions": sorted({c.id for c in report.conditions}),
        "freedoms": {f: report.freedoms[f].status if f in report.freedoms else None for f in FREEDOMS},
        "rail_name": report.rail_name,
        "errors": list(report.errors),
    }


def run_task(task: dict[str, Any]) -> dict[str, Any]:
    """Train without the task's test documents, classify its clauses, analyse its licences."""
    from licenselens.classify import RESTRICTION
    from licenselens.train import TrainConfig, _build, _targets, concept_votes

    examples, taxonomy, shipped = _STATE["examples"], _STATE["taxonomy"], _STATE["shipped"]
    labels = list(taxonomy.labels)
    train = [examples[i] for i in task["train_idx"]]
    y = _targets(train, labels, frozenset(taxonomy.categories))
    started = time.perf_counter()
    arrays = fit_arrays([e.text for e in train], y, TrainConfig(), task["solver"])
    fit_seconds = time.perf_counter() - started
    model = _build(arrays, heads=labels + [RESTRICTION], categories=taxonomy.categories,
                   thresholds=shipped.thresholds, fallback_min=shipped.fallback_min, info={"benchmark": task["name"]})
    # the concept votes, counted over the same training clauses (without the test documents)
    model.concept_votes = concept_votes(train, taxonomy.categories, _STATE["lexicon"], TrainConfig())
    return {**apply_model(model, task, examples), "train_clauses": len(train), "fit_seconds": round(fit_seconds, 1)}


def apply_model(model, task: dict[str, Any], examples) -> dict[str, Any]:
    """The model's labels for the task's test clauses and the Report summary of its licences."""
    from licenselens import ingest
    from licenselens.analysis import analyze_document
    from licenselens.reference import licence_text

    test_texts = [examples[i].text for i in task["test_idx"]]
    predicted = [[label for label, _ in chosen]
                 for chosen in model.predict(test_texts, task["test_items"], task["test_sections"],
                                                task["test_lead_ins"])] \
        if test_texts else []
    reports = {}
    for key in task["analyze_keys"]:
        started_one = time.perf_counter()
        report = analyze_document(ingest.from_text(licence_text(key), key), model=model)
        reports[key] = {**report_summary(report, model.categories),
                        "ms": round((time.perf_counter() - started_one) * 1000, 1)}
    return {"name": task["name"], "predicted": predicted, "reports": reports}


# --------------------------------------------------------------------------- metrics


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall, F1 (None where undefined: nothing predicted / nothing to find)."""
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    if p is None or r is None:
        f = None if (p is None and r is None) else 0.0
    else:
        f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": _round(p), "recall": _round(r), "f1": _round(f), "tp": tp, "fp": fp, "fn": fn}


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def clause_scores(gold: list[frozenset[str]], pred: list[list[str]], labels: list[str],
                  categories: frozenset[str], min_support: int) -> dict[str, Any]:
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        gi, pi = bool(g & categories), bool(set(p) & categories)
        tp += gi and pi
        fp += pi and not gi
        fn += gi and not pi
    per_label = {}
    for label in labels:
        ltp = sum(1 for g, p in zip(gold, pred) if label in g and label in p)
        lfp = sum(1 for g, p in zip(gold, pred) if label not in g and label in p)
        lfn = sum(1 for g, p in zip(gold, pred) if label in g and label not in p)
        per_label[label] = {**prf(ltp, lfp, lfn), "support": ltp + lfn}

    def macro(kind_is_category: bool) -> dict[str, Any]:
        chosen = [lab for lab in labels if (lab in categories) == kind_is_category
                  and per_label[lab]["support"] >= min_support]
        f1s = [per_label[lab]["f1"] or 0.0 for lab in chosen]
        return {"f1": round(statistics.fmean(f1s), 4) if f1s else None, "labels": chosen}

    return {
        "clauses": len(gold),
        "restriction": prf(tp, fp, fn),
        "category_macro": macro(True),
        "condition_macro": macro(False),
        "per_label": per_label,
    }


def licence_checks(annotation: dict[str, Any], gold_categories: set[str], got: dict[str, Any]) -> dict[str, Any]:
    want_freedoms = {f: (annotation.get("freedoms") or {}).get(f) for f in FREEDOMS}
    return {
        "artifacts_ok": set(annotation.get("artifacts") or []) == set(got["artifacts"]),
        "categories_ok": gold_categories == set(got["categories"]),
        "freedoms_ok": want_freedoms == got["freedoms"],
        "rail_ok": annotation.get("rail_name") == got["rail_name"],
        "expected": {
            "artifacts": sorted(annotation.get("artifacts") or []),
            "categories": sorted(gold_categories),
            "freedoms": want_freedoms,
            "rail_name": annotation.get("rail_name"),
        },
        "missing_categories": sorted(gold_categories - set(got["categories"])),
        "extra_categories": sorted(set(got["categories"]) - gold_categories),
        "freedom_diffs": {f: [want_freedoms[f], got["freedoms"][f]] for f in FREEDOMS
                          if want_freedoms[f] != got["freedoms"][f]},
    }


def licence_level(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)

    def share(flag: str) -> float | None:
        return round(sum(r[flag] for r in rows) / n, 4) if n else None

    tp = sum(len(set(r["expected"]["categories"]) & set(r["got"]["categories"])) for r in rows)
    fp = sum(len(r["extra_categories"]) for r in rows)
    fn = sum(len(r["missing_categories"]) for r in rows)
    per_freedom = {f: round(sum(r["expected"]["freedoms"][f] == r["got"]["freedoms"][f] for r in rows) / n, 4)
                   if n else None for f in FREEDOMS}
    return {
        "licences": n,
        "artifacts_exact": share("artifacts_ok"),
        "categories_exact": share("categories_ok"),
        "freedoms_exact": share("freedoms_ok"),
        "rail_exact": share("rail_ok"),
        "category_set_micro": prf(tp, fp, fn),
        "per_freedom": per_freedom,
    }


# --------------------------------------------------------------------------- timing


def time_analyze(corpus: Corpus, key: str, runs: int, runs_each: int) -> dict[str, Any]:
    import licenselens

    if key not in corpus.texts:
        raise SkipBenchmark(f"--timing-key {key}: no annotated licence text of that key")
    text = corpus.texts[key]
    started = time.perf_counter()
    licenselens.analyze(text, key)  # loads the identification index and the shipped model
    first_ms = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        licenselens.analyze(text, key)
        times.append((time.perf_counter() - t) * 1000)
    per_licence = {}
    for k in corpus.ai_keys:
        each = []
        for _ in range(runs_each):
            t = time.perf_counter()
            licenselens.analyze(corpus.texts[k], k)
            each.append((time.perf_counter() - t) * 1000)
        per_licence[k] = {"bytes": len(corpus.texts[k].encode("utf-8")), "median_ms": round(statistics.median(each), 1)}
    medians = [v["median_ms"] for v in per_licence.values()]
    slowest = max(per_licence, key=lambda k: per_licence[k]["median_ms"])
    return {
        "key": key,
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "first_call_ms": round(first_ms, 1),
        "runs": runs,
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "ai_licences": {
            "runs_each": runs_each,
            "median_of_medians_ms": round(statistics.median(medians), 1),
            "max_median_ms": per_licence[slowest]["median_ms"],
            "slowest": slowest,
            "per_licence": per_licence,
        },
        "loadavg_before": [round(v, 2) for v in os.getloadavg()],
    }


# --------------------------------------------------------------------------- output


def fmt(v: float | None, digits: int = 3) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


def per_licence_table(rows: list[dict[str, Any]], split: bool = False) -> list[str]:
    lines = [
        ("| licence | kind | clauses | restr. | P | R | F1 | artifacts | categories | freedoms | rail | "
         "held out (family + near-dup.) | dropped clauses |"),
        "|---|---|---:|---:|---:|---:|---:|:---:|:---:|:---:|:---:|---:|---:|",
    ]
    for r in rows:
        c = r["clause"]["restriction"]
        lines.append(
            f"| `{r['key']}` | {r['kind']} | {r['clause']['clauses']} | {c['tp'] + c['fn']} | {fmt(c['precision'])} | "
            f"{fmt(c['recall'])} | {fmt(c['f1'])} | {mark(r['artifacts_ok'])} | {mark(r['categories_ok'])} | "
            f"{mark(r['freedoms_ok'])} | {mark(r['rail_ok'])} | "
            + ("(split) | (split) |" if split else
               f"{len(r['guard']['held_out_docs'])} + {len(r['guard']['near_duplicate_docs'])} | "
               f"{r['guard']['dropped_clauses']} |")
        )
    return lines


def mismatch_lines(rows: list[dict[str, Any]]) -> list[str]:
    lines = []
    for r in rows:
        bits = []
        if not r["artifacts_ok"]:
            bits.append(f"artifacts {r['expected']['artifacts']} -> {r['got']['artifacts']}")
        if r["missing_categories"]:
            bits.append("missed " + ", ".join(r["missing_categories"]))
        if r["extra_categories"]:
            bits.append("extra " + ", ".join(r["extra_categories"]))
        if r["freedom_diffs"]:
            bits.append("freedoms " + ", ".join(f"{f} {a}->{b}" for f, (a, b) in r["freedom_diffs"].items()))
        if not r["rail_ok"]:
            bits.append(f"rail {r['expected']['rail_name']} -> {r['got']['rail_name']}")
        if r["got"].get("errors"):
            bits.append("errors: " + "; ".join(r["got"]["errors"]))
        if bits:
            lines.append(f"- `{r['key']}`: " + "; ".join(bits))
    return lines


def met(key: str, value: float | None) -> str:
    if value is None:
        return "-"
    threshold, op = TARGETS[key]
    ok = value >= threshold if op == ">=" else value <= threshold
    return "yes" if ok else "**no**"


def summary_table(summary: dict[str, Any]) -> list[str]:
    parts = [summary.get("lolo"), summary.get("split"), summary.get("shipped")]
    timing = summary.get("timing")

    def prf_cell(p: dict[str, Any]) -> str:
        return f"{fmt(p['precision'])} / {fmt(p['recall'])} / **{fmt(p['f1'])}**"

    def macro_cell(m: dict[str, Any]) -> str:
        return f"{fmt(m['f1'])} ({len(m['labels'])} labels)"

    def share_cell(name: str):
        def cell(part: dict[str, Any]) -> str:
            lic = part["licence"]
            v = lic[name]
            return "-" if v is None else f"{v:.3f} ({round(v * lic['licences'])}/{lic['licences']})"
        return cell

    # (metric, cell of a part, value for the target or None, target key or None)
    metrics = [
        ("clause: restriction detection P / R / F1", lambda p: prf_cell(p["clause"]["restriction"]),
         lambda p: p["clause"]["restriction"]["f1"], "restriction_f1"),
        ("clause: category macro-F1", lambda p: macro_cell(p["clause"]["category_macro"]),
         lambda p: p["clause"]["category_macro"]["f1"], "category_macro_f1"),
        ("clause: condition macro-F1", lambda p: macro_cell(p["clause"]["condition_macro"]), None, None),
        ("clauses scored", lambda p: str(p["clause"]["clauses"]), None, None),
        ("licence: artifacts exact", share_cell("artifacts_exact"), None, None),
        ("licence: restriction-category set exact", share_cell("categories_exact"), None, None),
        ("licence: category set, micro P / R / F1", lambda p: prf_cell(p["licence"]["category_set_micro"]), None, None),
        ("licence: four freedoms exact", share_cell("freedoms_exact"),
         lambda p: p["licence"]["freedoms_exact"], "freedoms_exact"),
        ("licence: each freedom right (use / study / modify / share)",
         lambda p: " / ".join(fmt(p["licence"]["per_freedom"][f], 2) for f in FREEDOMS), None, None),
        ("licence: rail_name exact", share_cell("rail_exact"), None, None),
    ]
    lines = [("| metric | LOLO, AI licences | held-out split | target | met (LOLO / split) | "
              "shipped model, in-sample (AI licences) |"),
             "|---|---:|---:|---:|:---:|---:|"]
    for name, cell, value, target in metrics:
        cells = [cell(p) if p else "-" for p in parts]
        if target:
            threshold, op = TARGETS[target]
            goal = f"{op} {threshold:g}"
            ok = " / ".join(met(target, value(p)) if p else "-" for p in parts[:2])
        else:
            goal = ok = "-"
        lines.append(f"| {name} | {cells[0]} | {cells[1]} | {goal} | {ok} | {cells[2]} |")
    if timing:
        threshold, op = TARGETS["analyze_30kb_ms"]
        lines.append(f"| analyze() warm, `{timing['key']}` ({timing['bytes']:,} bytes), median of {timing['runs']} | "
                     f"- | - | {op} {threshold:g} ms | {met('analyze_30kb_ms', timing['median_ms'])} | "
                     f"{timing['median_ms']:.1f} ms |")
        ai = timing["ai_licences"]
        lines.append(f"| analyze() warm, median over the {len(ai['per_licence'])} AI licences (max: `{ai['slowest']}`) | "
                     f"- | - | - | - | {ai['median_of_medians_ms']:.1f} ms (max {ai['max_median_ms']:.1f}) |")
    return lines


def per_label_table(summary: dict[str, Any], labels: list[str], categories: frozenset[str]) -> list[str]:
    lolo = summary["lolo"]["clause"]["per_label"]
    split = (summary.get("split") or {}).get("clause", {}).get("per_label", {})
    lines = ["| label | type | LOLO support | P | R | F1 | split support | P | R | F1 |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label in labels:
        a, b = lolo[label], split.get(label)
        if not a["support"] and not a["fp"] and not (b and (b["support"] or b["fp"])):
            continue
        kind = "category" if label in categories else "condition"
        right = (f"{b['support']} | {fmt(b['precision'])} | {fmt(b['recall'])} | {fmt(b['f1'])}" if b
                 else "- | - | - | -")
        lines.append(f"| {label} | {kind} | {a['support']} | {fmt(a['precision'])} | {fmt(a['recall'])} | "
                     f"{fmt(a['f1'])} | {right} |")
    return lines


# --------------------------------------------------------------------------- the run


def _contexts(corpus: Corpus, indices: list[int]) -> dict[str, list]:
    items, sections, lead_ins = corpus.contexts(indices)
    return {"test_items": items, "test_sections": sections, "test_lead_ins": lead_ins}


def build_tasks(corpus: Corpus, args: argparse.Namespace) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from licenselens.train import _family_examples

    tasks = []
    for key in corpus.ai_keys[: args.limit]:
        doc = f"annotated/{key}.yaml"
        guard = corpus.training_set([doc], args.guard, args.overlap)
        tasks.append({"name": key, "kind": "lolo", "keys": [key], "test_idx": corpus.docs[doc],
                      **_contexts(corpus, corpus.docs[doc]),
                      "analyze_keys": [key], "solver": args.solver, **guard})
    split_info: dict[str, Any] = {}
    if not args.no_split:
        from licenselens.corpus import split_by_group

        ai_docs = {f"annotated/{k}.yaml" for k in corpus.ai_keys}
        rest = [i for i, e in enumerate(corpus.examples) if doc_of(e) not in ai_docs]
        fam = _family_examples([corpus.examples[i] for i in rest])
        _, test = split_by_group(fam, args.test_share, args.seed)
        test_docs = sorted({doc_of(e) for e in test})
        guard = corpus.training_set(test_docs, args.guard, args.overlap)
        test_idx = [i for d in test_docs for i in corpus.docs[d]]
        keys = [key_of(d) for d in test_docs if key_of(d) in corpus.annotations]
        tasks.append({"name": "split", "kind": "split", "keys": keys, "test_idx": test_idx,
                      **_contexts(corpus, test_idx),
                      "analyze_keys": keys, "solver": args.solver, **guard})
        split_info = {"test_docs": test_docs, "rest_docs": len({doc_of(corpus.examples[i]) for i in rest})}
    return tasks, split_info


def score_part(corpus: Corpus, tasks: list[dict[str, Any]], results: dict[str, dict[str, Any]],
               min_support: int) -> dict[str, Any]:
    gold_all: list[frozenset[str]] = []
    pred_all: list[list[str]] = []
    rows = []
    errors = []
    for task in tasks:
        res = results[task["name"]]
        position = {i: p for p, i in enumerate(task["test_idx"])}
        gold = [corpus.examples[i].labels for i in task["test_idx"]]
        gold_all += gold
        pred_all += res["predicted"]
        for i, g, p in zip(task["test_idx"], gold, res["predicted"]):
            if set(g) != set(p):
                e = corpus.examples[i]
                errors.append({"source": e.source, "gold": sorted(g), "predicted": sorted(p),
                               "missed": sorted(set(g) - set(p)), "extra": sorted(set(p) - set(g)),
                               "text": e.text[:200]})
        for key in task["keys"]:
            idx = corpus.docs[f"annotated/{key}.yaml"]
            k_gold = [corpus.examples[i].labels for i in idx]
            k_pred = [res["predicted"][position[i]] for i in idx]
            gold_categories = {lab for g in k_gold for lab in g if lab in corpus.categories}
            got = res["reports"][key]
            annotation = corpus.annotations[key]
            rows.append({
                "key": key,
                "kind": annotation.get("kind"),
                "clause": clause_scores(k_gold, k_pred, corpus.labels, corpus.categories, min_support),
                **licence_checks(annotation, gold_categories, got),
                "got": got,
                "guard": {name: task.get(name) for name in ("held_out_docs", "near_duplicate_docs", "dropped_clauses")},
                "train_clauses": res.get("train_clauses"),
                "fit_seconds": res.get("fit_seconds"),
            })
    clause = clause_scores(gold_all, pred_all, corpus.labels, corpus.categories, min_support)
    return {"clause": clause, "licence": licence_level(rows), "rows": rows, "clause_errors": errors}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks/clauses.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="corpus folder with taxonomy.yaml, written/ and annotated/ (default: %(default)s)")
    parser.add_argument("--limit", type=positive_int, help="only the first N AI licences (in key order)")
    parser.add_argument("--jobs", type=positive_int, default=1,
                        help="worker processes for the per-licence fits (default: 1)")
    parser.add_argument("--solver", choices=("dual", "primal"), default="dual",
                        help="liblinear dual (fast, default) or primal (train._fit_arrays as shipped)")
    parser.add_argument("--guard", choices=GUARDS, default="sentences",
                        help="what is kept out of training besides the test licence (default: %(default)s)")
    parser.add_argument("--overlap", type=float, default=0.5,
                        help="word 8-gram containment that makes a document a near-duplicate (default: %(default)s)")
    parser.add_argument("--test-share", type=float, default=0.25,
                        help="share of the non-AI documents held out, per stratum (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the held-out split (default: %(default)s)")
    parser.add_argument("--no-split", action="store_true", help="skip the held-out split of the non-AI documents")
    parser.add_argument("--no-shipped", action="store_true",
                        help="skip the in-sample reference column (the shipped model on the same AI licences)")
    parser.add_argument("--min-support", type=positive_int, default=3,
                        help="labels enter a macro-F1 with at least this many positive clauses in the scored "
                             "set (default: %(default)s)")
    parser.add_argument("--timing-key", default=DEFAULT_TIMING_KEY,
                        help="annotated licence timed for the 30 KB target (default: %(default)s)")
    parser.add_argument("--timing-runs", type=positive_int, default=20,
                        help="warm analyze() runs on --timing-key (default: %(default)s)")
    parser.add_argument("--timing-runs-each", type=positive_int, default=5,
                        help="warm analyze() runs on each AI licence (default: %(default)s)")
    parser.add_argument("--no-timing", action="store_true", help="skip the analyze() timing")
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write every number as JSON")
    args = parser.parse_args(argv)
    if not 0.0 < args.test_share < 1.0:
        parser.error("--test-share must be between 0 and 1")
    if not 0.0 < args.overlap <= 1.0:
        parser.error("--overlap must be in (0, 1]")
    return args


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def kinds_present(corpus: Corpus) -> dict[str, int]:
    counts = {kind: 0 for kind in AI_KINDS}
    for key in corpus.ai_keys:
        counts[corpus.annotations[key]["kind"]] += 1
    return counts


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    wall_started = time.perf_counter()
    if str(REPO_ROOT) not in sys.path:  # benchmark the working tree's licenselens
        sys.path.insert(1, str(REPO_ROOT))
    try:
        import sklearn  # noqa: F401  (training needs it)

        from licenselens.classify import RESTRICTION, load_default
    except ImportError as exc:
        log(f"cannot import licenselens or scikit-learn ({exc}); activate the project's venv")
        return 1
    corpus_root = args.corpus.resolve()
    try:
        corpus = Corpus(corpus_root)
        shipped = load_default()
        if list(shipped.heads) != corpus.labels + [RESTRICTION]:
            log("the shipped model's heads do not match corpus/taxonomy.yaml; retrain it (licenselens train)")
            return 1
        log(f"{len(corpus.examples)} clauses in {len(corpus.docs)} documents; "
            f"{len(corpus.ai_keys)} AI licences: {', '.join(corpus.ai_keys)}")
        timing = None
        if not args.no_timing:
            log("timing analyze() with the shipped model ...")
            timing = time_analyze(corpus, args.timing_key, args.timing_runs, args.timing_runs_each)
            log(f"  {timing['key']}: median {timing['median_ms']} ms (first call {timing['first_call_ms']} ms)")
    except SkipBenchmark as exc:
        log(f"clause benchmark skipped: {exc}")
        return 0

    tasks, split_info = build_tasks(corpus, args)
    log(f"{len(tasks)} models to fit ({args.solver} solver, guard {args.guard}, jobs {args.jobs})")
    results: dict[str, dict[str, Any]] = {}
    payload = [{k: t[k] for k in ("name", "train_idx", "test_idx", "test_items", "test_sections", "test_lead_ins",
                                  "analyze_keys",
                                  "solver")} for t in tasks]
    fits_started = time.perf_counter()
    if args.jobs == 1:
        _init_worker(str(corpus_root), str(REPO_ROOT))
        done = map(run_task, payload)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=args.jobs, mp_context=get_context("spawn"),
                                   initializer=_init_worker, initargs=(str(corpus_root), str(REPO_ROOT)))
        done = pool.map(run_task, payload)
    try:
        for n, res in enumerate(done, 1):
            results[res["name"]] = res
            log(f"  [{n}/{len(tasks)}] {res['name']}: {res['train_clauses']} training clauses, "
                f"fit {res['fit_seconds']} s, {time.perf_counter() - fits_started:.0f} s elapsed")
    finally:
        if pool is not None:
            pool.shutdown()
    fits_seconds = time.perf_counter() - fits_started

    lolo_tasks = [t for t in tasks if t["kind"] == "lolo"]
    split_tasks = [t for t in tasks if t["kind"] == "split"]
    summary: dict[str, Any] = {"lolo": score_part(corpus, lolo_tasks, results, args.min_support)}
    if split_tasks:
        summary["split"] = score_part(corpus, split_tasks, results, args.min_support)
        st = split_tasks[0]
        summary["split"]["protocol"] = {
            **split_info, "train_clauses": len(st["train_idx"]), "test_clauses": len(st["test_idx"]),
            "near_duplicate_docs": st["near_duplicate_docs"], "dropped_clauses": st["dropped_clauses"],
            "test_share": args.test_share, "seed": args.seed,
        }
    if not args.no_shipped:
        shipped_task = {"name": "shipped", "keys": [t["keys"][0] for t in lolo_tasks],
                        "test_idx": [i for t in lolo_tasks for i in t["test_idx"]],
                        "test_items": [x for t in lolo_tasks for x in t["test_items"]],
                        "test_sections": [x for t in lolo_tasks for x in t["test_sections"]],
                        "test_lead_ins": [x for t in lolo_tasks for x in t["test_lead_ins"]],
                        "analyze_keys": [t["keys"][0] for t in lolo_tasks]}
        results["shipped"] = apply_model(shipped, shipped_task, corpus.examples)
        summary["shipped"] = score_part(corpus, [shipped_task], results, args.min_support)
    summary["timing"] = timing
    wall = time.perf_counter() - wall_started

    out = ["## Leave one AI licence out", ""]
    out += per_licence_table(summary["lolo"]["rows"])
    mismatches = mismatch_lines(summary["lolo"]["rows"])
    if mismatches:
        out += ["", "Mismatches (expected -> got):", ""] + mismatches
    if split_tasks:
        sp = summary["split"]["protocol"]
        out += ["", "## Held-out split of the other documents", "",
                f"{len(sp['test_docs'])} of {sp['rest_docs']} non-AI documents held out "
                f"(split_by_group by family, test share {args.test_share}, seed {args.seed}): "
                f"{sp['test_clauses']} clauses; trained on {sp['train_clauses']} clauses "
                f"({len(sp['near_duplicate_docs'])} near-duplicate documents and {sp['dropped_clauses']} "
                "shared sentences left out). Held-out documents: "
                + ", ".join(f"`{d.split('/', 1)[1].removesuffix('.yaml')}`" for d in sp["test_docs"]) + ".", ""]
        out += per_licence_table(summary["split"]["rows"], split=True)
        mismatches = mismatch_lines(summary["split"]["rows"])
        if mismatches:
            out += ["", "Mismatches (expected -> got):", ""] + mismatches
    out += ["", "## Summary", ""] + summary_table(summary)
    out += ["", "## Per label (clause level)", ""] + per_label_table(summary, corpus.labels, corpus.categories)
    fit_times = [r["fit_seconds"] for r in results.values() if "fit_seconds" in r]
    out += ["", "Notes:",
            f"- AI licences: annotated documents of kind {', '.join(AI_KINDS)}; kinds present: "
            + ", ".join(f"{kind} {n}" for kind, n in kinds_present(corpus).items())
            + f"; {len(lolo_tasks)} of {len(corpus.ai_keys)} run" + (f" (--limit {args.limit})" if args.limit else "")
            + ": " + ", ".join(corpus.ai_keys[: len(lolo_tasks)]) + ".",
            (f"- guard `{args.guard}` (overlap {args.overlap}); solver `{args.solver}`; shipped thresholds; "
             f"macro-F1 over labels with at least {args.min_support} positive clauses in the scored set."),
            (f"- {len(tasks)} fits: median {statistics.median(fit_times):.1f} s, total {sum(fit_times):.0f} s; "
             f"fitting and analysing took {fits_seconds:.0f} s wall with --jobs {args.jobs}; whole run {wall:.0f} s; "
             f"load average at the end {', '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs."),
            ]
    if timing:
        out.append(f"- timing: first call (index and model load) {timing['first_call_ms']:.0f} ms; "
                   f"warm min / median / max {timing['min_ms']} / {timing['median_ms']} / {timing['max_ms']} ms on "
                   f"`{timing['key']}` ({timing['chars']:,} characters); load average before "
                   f"{', '.join(map(str, timing['loadavg_before']))}.")
    if corpus.warnings:
        out.append(f"- {len(corpus.warnings)} corpus warning(s) while loading; the first: {corpus.warnings[0]}")
    print("\n".join(out))

    if args.json:
        meta = {
            "corpus": str(corpus_root), "ai_kinds": list(AI_KINDS), "ai_keys": corpus.ai_keys,
            "limit": args.limit, "jobs": args.jobs, "solver": args.solver, "guard": args.guard,
            "overlap": args.overlap, "min_support": args.min_support, "fits": len(tasks),
            "fit_seconds": {name: r["fit_seconds"] for name, r in results.items() if "fit_seconds" in r},
            "fits_wall_seconds": round(fits_seconds, 1), "wall_seconds": round(wall, 1),
            "python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "corpus_warnings": corpus.warnings,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, **summary}, indent=1, sort_keys=True) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # stdout piped into `head`
        sys.stderr.close()
        sys.exit(0)

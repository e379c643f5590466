"""The concept lexicon: cue words the corpus never used still reach the
category their concept taught.

Why it exists: the n-gram blocks know only the words the training clauses
used; a terse acceptable-use bullet ("bioweapons", "doxxing") in wording
the corpus never had reads as nothing.  A lexicon maps cue words to
concepts; training counts which categories the corpus's short clauses
mentioning each concept carry, and a short clause the n-grams leave
without a category takes the one its concepts vote for.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from licenselens.classify import RESTRICTION, ClauseClassifier, FeatureBlock, ModelError
from licenselens.concepts import ConceptMatcher, ConceptVotes
from licenselens.corpus import CorpusError, load_lexicon
from licenselens.train import TrainConfig, train
from test_classify import _tiny_corpus

LEXICON = """\
# a test lexicon
concepts:
  arms:
    about: "weapons and the armed forces"
    cues: [weapon, warfare, military, munition*, bioweapon, "nerve agent"]
  care:
    about: "medicine and health care"
    cues: [medical, clinical, patient, diagnos*, treatment, surgeon]
"""

CUES = (("arms", ("bioweapon", "munition*", "nerve agent", "weapon")), ("care", ("diagnos*", "medical")))


@pytest.mark.parametrize("text, concepts", [
    ("weapons and a Weapon", ["arms", "arms"]),          # inflection, any case
    ("munitions, munitionary", ["arms", "arms"]),        # a starred cue continues its word
    ("a nerve-agent or nerve\nagents", ["arms", "arms"]),  # hyphen or any space between the words
    ("weaponry", []),                                    # no star: only simple inflections
    ("the diagnosis is medical", ["care", "care"]),      # each concept once per mention
    ("submunition", []),                                 # a cue starts a word
    ("", []),
])
def test_a_cue_matches_its_word_its_inflections_and_nothing_inside_other_words(text: str,
                                                                                concepts: list[str]) -> None:
    assert sorted(ConceptMatcher(CUES).terms(text.lower())) == concepts


@pytest.mark.parametrize("cue, matches, misses", [
    ("abuse", ["abuses", "abused", "abusing", "abuser"], ["abus", "abusive"]),
    ("bully", ["bullies", "bullied", "bullying"], ["bull", "bulls"]),
    ("kidnap", ["kidnaps", "kidnapped", "kidnapping", "kidnapper"], ["kid"]),
])
def test_the_inflections_of_a_cue_word(cue: str, matches: list[str], misses: list[str]) -> None:
    cues = (("c", (cue,)),)
    for word in matches:
        assert ConceptMatcher(cues).terms(word) == ["c"], word
    for word in misses:
        assert ConceptMatcher(cues).terms(word) == [], word


def test_the_lexicon_file_is_read_sorted(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert [name for name, _ in lexicon] == ["arms", "care"]
    assert lexicon[0][1] == tuple(sorted(lexicon[0][1]))


@pytest.mark.parametrize("body", [
    "concepts:\n  arms:\n    cues: [Weapon]\n",           # upper case never matches lower-cased text
    "concepts:\n  arms:\n    cues: ['war  fare']\n",      # two spaces
    "concepts:\n  arms:\n    cues: ['*war']\n",           # a star only ends a cue
    "concepts:\n  Arms:\n    cues: [war]\n",              # concept names are lower-case
    "concepts:\n  arms:\n    cues: []\n",                 # a concept without cues
    "concepts: [war]\n",                                  # not the layout
])
def test_a_malformed_lexicon_is_a_corpus_error(tmp_path: Path, body: str) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CorpusError):
        load_lexicon(path)


def test_a_model_file_with_malformed_cues_is_a_model_error(tmp_path: Path) -> None:
    model = _tiny_model(_votes())
    model.to_disk(tmp_path)
    meta = json.loads((tmp_path / "classifier.json").read_text(encoding="utf-8"))
    meta["concept_votes"]["cues"]["arms"] = ["War"]
    (tmp_path / "classifier.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError):
        ClauseClassifier.from_disk(tmp_path)


@pytest.fixture(scope="module")
def with_lexicon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("lexicon")
    corpus = _tiny_corpus(base / "corpus")
    (corpus / "lexicon.yaml").write_text(LEXICON, encoding="utf-8")
    out = base / "model"
    train(corpus, out, config=TrainConfig(folds=3))
    return out


def test_a_corpus_lexicon_becomes_concept_votes_that_round_trip(with_lexicon: Path, tmp_path: Path) -> None:
    model = ClauseClassifier.from_disk(with_lexicon)
    assert [b.kind for b in model.blocks] == ["word", "char_wb"]  # the n-gram model is untouched
    assert model.concept_votes is not None and model.info["lexicon"]["concepts"] == 2
    model.to_disk(tmp_path)
    again = ClauseClassifier.from_disk(tmp_path)
    texts = ["• bioweapons", "• nerve agents", "A surgeon's work."]
    assert again.predict(texts) == model.predict(texts)


def test_a_cue_the_corpus_never_used_reaches_its_concepts_category(with_lexicon: Path) -> None:
    model = ClauseClassifier.from_disk(with_lexicon)
    # "nerve agent" and "bioweapon" are in no training clause: only the lexicon
    # says they are about arms, which the corpus's short clauses "Weapons
    # development is prohibited." and "No use in warfare ..." tie to military-weapons
    unseen = model.predict(["• nerve agents", "• bioweapons", "• oranges"])
    assert [[label for label, _ in labels] for labels in unseen] == [["military-weapons"], ["military-weapons"], []]


# --------------------------------------------------------------------------- votes for short clauses

VOTE_LEXICON = (("arms", ("bioweapon", "nerve agent", "warfare", "weapon")),
                ("study", ("research", "teaching")))
VOTE_TEXTS = [
    ("• weapons", {"military-weapons"}),
    ("- warfare", {"military-weapons"}),
    ("* weapon design", {"military-weapons"}),
    ("• teaching", set()),
    ("• research", set()),
    ("• research on warfare", set()),
    ("You must not use the model to design weapons, whatever the customer asks of you.", {"medical"}),
]


def _votes(**kwargs: float) -> ConceptVotes:
    return ConceptVotes.fit([t for t, _ in VOTE_TEXTS], [labels for _, labels in VOTE_TEXTS],
                            ["medical", "military-weapons"], VOTE_LEXICON, fit_words=6, max_words=6, **kwargs)


def test_a_concept_votes_for_the_category_short_training_clauses_mentioning_it_carry() -> None:
    # arms: 4 short clauses mention it, 3 carry military-weapons; smoothing 1: 3 / (4 + 1)
    assert _votes().vote("• nerve agents") == ("military-weapons", 0.6)
    # the long clause taught nothing: its concepts compete with its many other words
    assert _votes().counts[0].tolist() == [0, 3]


def test_a_concept_short_clauses_mention_without_restricting_votes_for_nothing() -> None:
    assert _votes().vote("• research") is None
    # pooled: arms 3 of 4, study 0 of 3 -> 3 / (7 + 1)
    assert _votes().vote("• weapons research") is None


def test_only_a_short_clause_gets_a_vote() -> None:
    assert _votes().vote("You shall not apply this model in any way to the development of bioweapons.") is None
    assert _votes().vote("• oranges") is None  # no concept
    assert _votes(min_share=0.7).vote("• bioweapons") is None  # below the share a vote needs


def _tiny_model(votes: ConceptVotes | None) -> ClauseClassifier:
    """Two words, each certain of its category: "clinical" (medical), "warfare" (military-weapons)."""
    return ClauseClassifier(
        heads=["medical", "military-weapons", RESTRICTION], categories=["medical", "military-weapons"],
        blocks=[FeatureBlock("word", (1, 1), 0, 2)], vocabulary=["clinical", "warfare"],
        idf=np.ones(2), coef=np.array([[4.0, 0.0, 2.0], [0.0, 4.0, 2.0]]), intercept=np.full(3, -2.0),
        thresholds=[0.5, 0.5, 0.5], concept_votes=votes)


def test_votes_only_speak_where_no_category_passes_and_round_trip(tmp_path: Path) -> None:
    model = _tiny_model(_votes())
    texts = ["• bioweapons", "• clinical bioweapons", "• oranges",
             "You shall not apply this model in any way to the development of bioweapons."]
    expected = [["military-weapons"], ["medical"], [], []]
    assert [[label for label, _ in chosen] for chosen in model.predict(texts)] == expected
    assert model.predict(texts[:1])[0][0][1] == 0.5  # at the threshold: the weakest reading reported
    model.to_disk(tmp_path)
    again = ClauseClassifier.from_disk(tmp_path)
    assert [[label for label, _ in chosen] for chosen in again.predict(texts)] == expected


def test_without_votes_an_unseen_bare_item_gets_nothing() -> None:
    assert _tiny_model(None).predict(["• bioweapons"]) == [[]]


def test_an_item_under_a_lead_in_that_bans_nothing_gets_no_vote() -> None:
    model = _tiny_model(_votes())
    items = ["• bioweapons", "• bioweapons"]
    chosen = model.predict(items, [True, True], None, ["You must not use the model for:", "We are happy to host:"])
    assert [[label for label, _ in labels] for labels in chosen] == [["military-weapons"], []]

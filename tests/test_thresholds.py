"""The number a threshold clause states is read with what it counts: users, or money."""

from __future__ import annotations

import pytest

from licenselens.thresholds import USERS, Threshold, extract_threshold, extract_user_threshold


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("more than 700 million monthly active users in the preceding calendar month", 700_000_000),
        ("had 700,000,000 monthly active users", 700_000_000),
        ("services above 100M MAU need a licence", 100_000_000),
        ("one hundred million users or more", 100_000_000),
        ("seven hundred million monthly active users", 700_000_000),
        ("the monthly active users of the products is greater than 700 million", 700_000_000),
        ("250 million or more monthly active users", 250_000_000),
        ("up to 2,500 named users", 2_500),
        ("1.5 billion registered users", 1_500_000_000),
        ("Teams with more than 50 members must upgrade", 50),
        ("limited to 500,000 copies and an audience of 1 million viewers", 1_000_000),
        ("3.1 If you have more than 20 million weekly active users", 20_000_000),
        ("more than 1 billion model requests per month", None),
        ("You must stop within 30 days.", None),
        ("Section 2. Grant of rights.", None),
    ],
)
def test_a_user_count_is_a_number_of_people_accounts_or_seats(text: str, value: int | None) -> None:
    assert extract_user_threshold(text) == value
    assert extract_threshold(text) == (Threshold(value, USERS) if value is not None else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("If your annual revenue (with your affiliates) exceeds US $1,000,000, you need an enterprise licence.",
         Threshold(1_000_000, "USD")),
        ("companies with more than USD 10 million in annual revenue", Threshold(10_000_000, "USD")),
        ("annual revenues of U.S. $1,000,000 or more", Threshold(1_000_000, "USD")),
        ("less than $1M in annual recurring revenue", Threshold(1_000_000, "USD")),
        ("an annual turnover above \u20ac5m", Threshold(5_000_000, "EUR")),
        ("a gross revenue above 10 million euros in the last financial year", Threshold(10_000_000, "EUR")),
        ("gross sales of USD 5 million or more in any year", Threshold(5_000_000, "USD")),
        ("organisations that have raised more than GBP 2 million in funding", Threshold(2_000_000, "GBP")),
    ],
)
def test_a_revenue_limit_keeps_its_currency(text: str, expected: Threshold) -> None:
    assert extract_threshold(text) == expected
    assert extract_user_threshold(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "You must pay a fee of $500 per year for each seat.",
        "Our total liability shall not exceed USD 100.",
        "The licence costs 20 euros, whatever your revenue; the fee is due on signature.",
    ],
)
def test_an_amount_that_is_no_size_of_a_business_is_no_threshold(text: str) -> None:
    assert extract_threshold(text) is None


def test_the_first_threshold_in_the_text_is_the_one_reported() -> None:
    text = "Organisations with over 100 employees or an annual revenue above GBP 2 million must buy a licence."
    assert extract_threshold(text) == Threshold(100, USERS)
    assert extract_threshold("Revenue above $1M, or over 1,000 seats, needs a licence.") == Threshold(1_000_000, "USD")


def test_every_threshold_the_corpus_annotates_is_read_with_its_unit() -> None:
    """The rules against the corpus: each user-threshold clause with a number, and none without."""
    from pathlib import Path

    from licenselens.corpus import load_corpus

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    clauses = [e for e in load_corpus(corpus, []) if "user-threshold" in e.labels]
    assert sum(e.value is not None for e in clauses) >= 20
    wrong = [(e.source, e.value, e.unit, extract_threshold(e.text)) for e in clauses
             if extract_threshold(e.text) != (Threshold(e.value, e.unit) if e.value is not None else None)]
    assert wrong == []

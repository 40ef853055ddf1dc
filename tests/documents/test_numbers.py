"""Swedish number, amount and date parsing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverka.documents.extraction.numbers import (
    find_amounts,
    find_dates,
    find_extensions,
    find_periods,
    format_int,
    parse_amount,
    parse_count,
    parse_date,
    parse_int,
)


@given(st.integers(min_value=0, max_value=10**12))
def test_format_and_parse_round_trip(n):
    assert parse_int(format_int(n)) == n


@given(st.integers(min_value=0, max_value=10**11), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_amount_with_any_group_separator(n, sep):
    text = f"uppgår till {format_int(n).replace(' ', sep)} kronor per år."
    amounts = find_amounts(text)
    assert [a.value for a in amounts] == [n]
    assert amounts[0].per_year


@given(st.integers(min_value=1000, max_value=10**9))
def test_amount_split_over_line_break_is_joined_by_the_paragraph(n):
    # the memo text joins wrapped lines with a space, so "118 \n440" becomes "118 440"
    from samverka.documents.extraction.text import parse_document

    formatted = format_int(n)
    head, _, tail = formatted.rpartition(" ")
    doc = parse_document(f"ett värde om minst {head} \n{tail} kronor per år.")
    assert [a.value for a in find_amounts(doc.paragraphs()[0].text)] == [n]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 368 800 kronor", 2368800),
        ("118 440 kronor", 118440),
        ("214 976 kr", 214976),
        ("339 200 kr/ år", 339200),
        ("1,1 miljoner", 1100000),
        ("1,1 miljoner kronor", 1100000),
        ("cirka 3,7 miljoner kronor per år", 3700000),
        ("2,5 mnkr", 2500000),
        ("450 tkr", 450000),
        ("<b>664 800 kr</b>", 664800),
    ],
)
def test_parse_amount(text, value):
    assert parse_amount(text) == value


def test_amount_qualifiers():
    (a,) = find_amounts("cirka 3,7 miljoner kronor per år")
    assert a.approximate and a.per_year and not a.minimum
    (b,) = find_amounts("till ett värde om minst 592 200 kronor")
    assert b.minimum and b.value == 592200


def test_numbers_without_currency_are_not_amounts():
    assert find_amounts("Under 2018 gick 24 personer, 40 heltidsplatser, lag (1976:580)") == []
    with pytest.raises(ValueError):
        parse_amount("40 heltidsplatser")


def test_a_year_before_an_amount_is_not_part_of_it():
    assert [a.value for a in find_amounts("år 2021 664 800 kr")] == [664800]


@pytest.mark.parametrize(("word", "n"), [("tio", 10), ("två", 2), ("tre", 3), ("40", 40)])
def test_parse_count(word, n):
    assert parse_count(word) == n
    assert parse_count("många") is None


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("1 januari 2021", "2021-01-01", "day"),
        ("från och med 1 januari 2021", "2021-01-01", "day"),
        ("2024-01-01", "2024-01-01", "day"),
        ("juni 2018", "2018-06-01", "month"),
        ("i december 2017", "2017-12-01", "month"),
        ("Dec 2020", "2020-12-01", "month"),
    ],
)
def test_parse_date(text, iso, precision):
    d = parse_date(text)
    assert d.first_day().isoformat() == iso
    assert d.precision == precision


def test_month_precision_end_is_last_day():
    assert parse_date("Juli 2021").last_day() == dt.date(2021, 7, 31)
    assert parse_date("februari 2024").last_day() == dt.date(2024, 2, 29)


def test_invalid_dates_are_ignored():
    assert find_dates("2023-13-45 och 31 februari 2021") == []


def test_period_with_end():
    (p,) = find_periods("för perioden 2024-01-01 till och med 2025-12-31 med möjlighet")
    assert p.start.first_day() == dt.date(2024, 1, 1)
    assert p.end.last_day() == dt.date(2025, 12, 31)


def test_period_from_only():
    (p,) = find_periods("med Internationella Kvinnoföreningen från och med 1 januari 2021 antas.")
    assert p.start.first_day() == dt.date(2021, 1, 1) and p.end is None


def test_period_relative_to_new_year():
    (p,) = find_periods("Avtalet gäller i tre år från och med årsskiftet.")
    assert p.start is None and p.duration_years == 3 and p.relative_start == "årsskiftet"


@pytest.mark.parametrize(
    ("text", "count", "years"),
    [
        ("med möjlighet till förlängning om 2 gånger 2 år", 2, 2),
        ("möjlighet till förlängning om två gånger ett år", 2, 1),
        ("förlängning med ett år", 1, 1),
    ],
)
def test_extensions(text, count, years):
    (e,) = find_extensions(text)
    assert (e.count, e.years) == (count, years)

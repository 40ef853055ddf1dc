"""Every figure the seeds give, read from each seed as .txt, as DOCX and as PDF."""

from __future__ import annotations

from functools import cache

import pytest

from samverka.documents.extraction import extract_bytes
from samverka.documents.extraction.loaders import load_bytes

from .converters import seed_text, txt_to_docx, txt_to_pdf

FORMS = ("txt", "docx", "pdf")


@cache
def memo_bytes(seed: str, form: str) -> bytes:
    text = seed_text(seed)
    if form == "txt":
        return text.encode("utf-8")
    return txt_to_docx(text) if form == "docx" else txt_to_pdf(text)


@cache
def extracted(seed: str, form: str) -> dict:
    result = extract_bytes(memo_bytes(seed, form), name=f"{seed}.{form}")
    assert result["format"] == form
    return result


def field(seed: str, form: str, name: str):
    return extracted(seed, form)["fields"].get(name)


def value(seed: str, form: str, name: str):
    f = field(seed, form, name)
    assert f is not None, f"{name} missing"
    return f["value"]


def contributions(seed: str, form: str) -> dict[str, tuple[int, bool]]:
    return {
        c["value"]["party"]: (c["value"]["amount"], c["value"]["minimum"])
        for c in field(seed, form, "party_contributions")
    }


def party_names(seed: str, form: str) -> list[str]:
    return [p["value"]["name"] for p in field(seed, form, "parties")]


# (seed, field, expected value) for plain fields
SCALARS = [
    ("000", "total_yearly_value", 2368800),
    ("000", "committee_contribution", 1658160),
    ("000", "places", 40),
    ("000", "period_start", "2024-01-01"),
    ("000", "period_end", "2025-12-31"),
    ("000", "extension", {"count": 2, "years": 2}),
    ("000", "committee", "Arbetsmarknadsnämnden"),
    ("000", "memo_date", "2023-08-29"),
    ("000", "registry_number", None),  # the memo has no Dnr: nothing is guessed
    ("001", "total_yearly_value", 6528600),
    ("001", "committee_contribution", 1710000),
    ("001", "registry_number", "AN 2023-165"),
    ("001", "memo_date", "2023-08-30"),
    ("001", "period_start", "2024-01-01"),
    ("001", "period_end", "2025-12-31"),
    ("001", "extension", {"count": 2, "years": 2}),
    ("001", "committee", "Arbetsmarknadsnämnden"),
    ("001", "case_officer", "Tora von Eckardstein"),
    ("002", "total_yearly_value", 2080500),
    ("002", "committee_contribution", 1100000),
    ("002", "partnership_name", "Hoppfull framtid"),
    ("002", "individual_agreements", {"year": 2018, "persons": 24, "cost": 214976}),
    ("002", "referred_under_partnership", {"year": 2018, "count": 14}),
    ("002", "memo_type", "revision"),
    ("002", "municipal_goals", ["Mål 8, Hög egenförsörjningsgrad"]),
    ("002", "signatories", ["Anne Hallberg", "Helena Paulsson"]),
    ("003", "memo_type", "information"),
    ("003", "total_yearly_value", None),
    ("004", "total_yearly_value", 664800),
    ("004", "committee_contribution", 339200),
    ("004", "period_start", "2021-01-01"),
    ("004", "period_end", None),
    ("004", "capacity", 60),
    ("004", "yearly_indexation_percent", 2.0),
    ("004", "first_agreement_since", "2018-06-01"),
    ("004", "signatories", ["Anders Jolby"]),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("seed", "name", "expected"), SCALARS, ids=lambda v: str(v)[:20])
def test_scalar_field(seed, name, expected, form):
    assert value(seed, form, name) == expected


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000", ["Studieförbundet Bilda Sydöst", "Erikshjälpen Linköping"]),
        ("001", ["Östergötlands Stadsmission"]),
        ("002", ["Linköpings Stadsmission"]),
        ("003", []),
        ("004", ["Internationella Kvinnoföreningen i Linköping"]),
    ],
)
def test_parties(seed, expected, form):
    assert party_names(seed, form) == expected


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        # "minst 592 200 kronor respektive 118 440 kronor": both minimums, paired in order
        (
            "000",
            {
                "Studieförbundet Bilda Sydöst": (592200, True),
                "Erikshjälpen Linköping": (118440, True),
            },
        ),
        ("001", {"Östergötlands Stadsmission": (4818600, True)}),
        ("002", {}),
        # "IKFs del av partnerskapet uppgår till 325 600 kr/ år"
        ("004", {"Internationella Kvinnoföreningen i Linköping": (325600, False)}),
    ],
)
def test_party_contributions(seed, expected, form):
    assert contributions(seed, form) == expected


@pytest.mark.parametrize("form", FORMS)
def test_seed_000_amount_split_over_line_break(form):
    # "118 \n440 kronor" in the source; the passage quotes the joined sentence
    c = field("000", form, "party_contributions")[1]
    assert "118 440 kronor" in c["passage"]
    assert 0 < c["confidence"] <= 1


@pytest.mark.parametrize("form", FORMS)
def test_seed_000_every_field_has_passage_and_confidence(form):
    for name in ("total_yearly_value", "committee_contribution", "period_start", "places"):
        f = field("000", form, name)
        assert f["passage"] and 0.5 <= f["confidence"] <= 1, name
    assert "2 368 800 kronor" in field("000", form, "total_yearly_value")["passage"]


@pytest.mark.parametrize("form", FORMS)
def test_seed_000_contributions_add_up(form):
    checks = {c["check"]: c["ok"] for c in extracted("000", form)["checks"]}
    assert checks == {"contributions_sum_to_total": True}


@pytest.mark.parametrize("form", FORMS)
def test_seed_000_administration_spellings_kept_as_candidates(form):
    # signature "Integration- och …", prose "Integrations- och …": keep both, pick none
    f = field("000", form, "administration")
    assert f["value"] is None and f["conflict"] is True
    assert {c["value"] for c in f["candidates"]} == {
        "Integration- och arbetsmarknadsförvaltningen",
        "Integrations- och arbetsmarknadsförvaltningen",
    }


@pytest.mark.parametrize("form", FORMS)
def test_seed_004_budget_table(form):
    lines = [b["value"]["amount"] for b in field("004", form, "budget_lines")]
    assert lines == [212000, 212000, 127200, 63600, 50000]
    assert field("004", form, "budget_lines")[0]["value"]["hours_per_year"] == 800
    checks = {c["check"]: c["ok"] for c in extracted("004", form)["checks"]}
    assert checks["budget_lines_sum_to_total"] is True


@pytest.mark.parametrize("form", FORMS)
def test_seed_004_follow_up_meetings(form):
    follow = field("004", form, "follow_up")[0]["value"]
    assert follow["dialogue_meetings_per_year_min"] == 2


@pytest.mark.parametrize("form", FORMS)
def test_seed_004_referral_and_distribution(form):
    assert [r["value"] for r in field("004", form, "referral_routes")] == [
        "avdelningen för försörjningsinsatser"
    ]
    assert value("004", form, "distribution")[0] == (
        "Ordförande för Internationella Kvinnoföreningen i Linköping"
    )


@pytest.mark.parametrize("form", FORMS)
def test_seed_003_portfolio_table(form):
    rows = [r["value"] for r in field("003", form, "portfolio_partnerships")]
    assert [r["name"] for r in rows] == [
        "Hoppfull framtid",
        "Kompletterande språkträning",
        "Bromodellen – Vägen till anställningsbarhet",
        "Inkludering på lika villkor",
        "Språkvänner",
    ]
    assert [r["yearly_value"] for r in rows] == [2080500, 897626, 1791200, 454000, 1077600]
    assert [r["committee_cost"] for r in rows] == [1100000, 590000, 1150000, 230000, 600000]
    assert rows[3]["referral"] == ["Team utreda", "Eget initiativ"]
    totals = value("003", form, "portfolio_totals")
    assert totals == {
        "partnerships": 5,
        "total_yearly_value": 6300926,
        "total_committee_cost": 3670000,
    }
    checks = {c["check"]: c["ok"] for c in extracted("003", form)["checks"]}
    assert checks["partnership_count_matches_table"] is True


@pytest.mark.parametrize("form", FORMS)
def test_seed_003_other_collaborations_and_end_date_conflict(form):
    others = field("003", form, "other_collaborations")
    by_name = {o["value"]["name"]: o for o in others}
    assert list(by_name) == ["Arena Ryds Herrgård", "Drivbänk", "Linkstep", "Återbruket"]
    assert by_name["Drivbänk"]["value"]["end"] == "2021-07-31"
    assert by_name["Linkstep"]["value"]["end"] == "2020-12-31"
    assert by_name["Linkstep"]["value"]["committee_cost_amounts"] == [1600000, 2500000]
    assert by_name["Återbruket"]["value"]["end"] == "2022-06-30"
    # the text says "till december 2020", the table "Juli 2021": both are kept
    arena = by_name["Arena Ryds Herrgård"]
    assert arena["value"]["end"] is None and arena["conflict"] is True
    assert {(c["source"], c["value"]) for c in arena["end_candidates"]} == {
        ("tabell", "2021-07-31"),
        ("text", "2020-12-31"),
    }
    assert len(extracted("003", form)["warnings"]) == 1


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_converted_text_keeps_swedish_letters(seed, form):
    text, fmt = load_bytes(memo_bytes(seed, form))
    assert fmt == form
    assert "å" in text and "ä" in text and "ö" in text
    assert "Beslutet skickas till" in text


def test_docx_table_rows_are_tab_separated():
    text, _ = load_bytes(memo_bytes("003", "docx"))
    assert "Hoppfull framtid\tLinköpings Stadsmission\t25 st." in text


def test_pdf_table_rows_are_rebuilt_with_tabs():
    text, _ = load_bytes(memo_bytes("003", "pdf"))
    assert "2 080 500 kr\t1 100 000 kr" in text

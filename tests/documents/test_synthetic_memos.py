"""Small made-up memos for phrasings the seeds do not contain."""

from __future__ import annotations

from samverka.documents.extraction import extract_text

HEAD = """Idéburet offentligt partnerskap med Föreningen Exempel

Förslag till arbetsmarknadsnämndens beslut
1. Arbetsmarknadsnämnden uppdrar åt förvaltningsdirektören att teckna överenskommelse med
Föreningen Exempel enligt bilaga.

Beslutsunderlag:
Tjänsteskrivelse – Idéburet offentligt partnerskap med Föreningen Exempel, 2023-09-15

Bakgrund
"""


def fields(body: str) -> dict:
    return extract_text(HEAD + body)["fields"]


def test_word_numbers_and_relative_period():
    f = fields(
        "Föreningen erbjuder tio platser. Överenskommelsen gäller i tre år från och med "
        "årsskiftet med möjlighet till förlängning om två gånger ett år.\n"
    )
    assert f["places"]["value"] == 10
    assert f["period_years"]["value"] == 3
    assert f["period_start"]["value"] == "2024-01-01"  # the new year after the memo date
    assert f["period_end"]["value"] == "2026-12-31"
    assert f["period_start"]["confidence"] < 0.9  # derived from the memo date
    assert f["extension"]["value"] == {"count": 2, "years": 1}


def test_approximate_total_in_millions():
    f = fields(
        "\nEkonomiska konsekvenser\nDet totala värdet beräknas till cirka 3,7 miljoner kronor "
        "per år varav arbetsmarknadsnämndens insats är 1,1 miljoner kronor per år.\n"
    )
    total = f["total_yearly_value"]
    assert total["value"] == 3_700_000 and total["approximate"] is True
    assert f["committee_contribution"]["value"] == 1_100_000


def test_disagreeing_passages_keep_both_values():
    f = fields(
        "\nEkonomiska konsekvenser\nDet totala värdet uppgår till 2 000 000 kronor per år.\n"
        "Resurser\tKr\nLokaler\t500 000 kr\nTotalt\t1 900 000 kr\n"
    )
    total = f["total_yearly_value"]
    assert total["value"] is None and total["conflict"] is True
    assert sorted(c["value"] for c in total["candidates"]) == [1_900_000, 2_000_000]
    assert all(c["passage"] for c in total["candidates"])


def test_agreeing_passages_give_one_value():
    f = fields(
        "\nEkonomiska konsekvenser\nDet totala värdet uppgår till 500 000 kronor per år.\n"
        "Resurser\tKr\nLokaler\t500 000 kr\nTotalt\t500 000 kr\n"
    )
    assert f["total_yearly_value"]["value"] == 500_000


def test_missing_fields_are_null_with_zero_confidence():
    f = fields("Föreningen har lång erfarenhet.\n")
    for name in ("registry_number", "total_yearly_value", "period_start", "places", "capacity"):
        assert f[name] == {"value": None, "passage": None, "confidence": 0.0}, name


def test_registry_number_variants():
    f = fields("Dnr: KS 2019-1234\n")
    assert f["registry_number"]["value"] == "KS 2019-1234"

"""Confirming an imported memo (seed 001) writes the register once, with sources; bad input and
unresolved conflicts save nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.audit.models import AuditEvent
from samverka.budgets.models import Budget, BudgetLine
from samverka.organisations.models import Organisation
from samverka.partnerships.models import AgreementVersion, Decision, Partnership, Party
from samverka.provenance.models import Claim, SourceDocument
from tests.factories import MunicipalityFactory, Role, make_user

from .converters import seed_text, txt_to_docx

URL = "/dokument/importera/"
IAF = "Integrations- och arbetsmarknadsförvaltningen"
MODELS = [Partnership, Party, Organisation, AgreementVersion, Budget, BudgetLine, Decision,
          Claim, SourceDocument]

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    """Olga, officer in a municipality whose register is still empty."""
    municipality = MunicipalityFactory(name="Exempelkommun", code="0599")
    client.force_login(make_user("olga", Role.OFFICER, municipality))
    client.municipality = municipality
    return client


def _review(client, text: str, name="seed001.docx"):
    response = client.post(URL, {"memo": SimpleUploadedFile(name, txt_to_docx(text))})
    assert response.status_code == 200
    return response


def _post_data(response, **changes) -> dict:
    form, parties = response.context["import_form"], response.context["parties"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    rows = list(parties.initial or [])
    data.update({"parter-TOTAL_FORMS": len(rows), "parter-INITIAL_FORMS": len(rows),
                 "parter-MIN_NUM_FORMS": 0, "parter-MAX_NUM_FORMS": 10, "confirm": "1"})
    for i, row in enumerate(rows):
        data[f"parter-{i}-name"] = row["name"]
        data[f"parter-{i}-amount"] = row["amount"] or ""
        if row["at_least"]:
            data[f"parter-{i}-at_least"] = "on"
    data.update(changes)
    return data


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_review_proposes_seed_001_and_flags_the_conflicting_administration(officer_client):
    response = _review(officer_client, seed_text("001"))
    form = response.context["import_form"]
    assert form.initial["registry_number"] == "AN 2023-165"
    assert form.initial["total"] == 6528600 and form.initial["committee_amount"] == 1710000
    assert "administration" not in form.initial  # the memo spells it two ways
    assert form.fields["administration"].required
    html = response.content.decode()
    assert "Tjänsteskrivelsen anger olika värden" in html and "Bekräfta och spara" in html


def test_confirm_creates_the_register_with_sources_and_twice_changes_nothing(officer_client):
    response = _review(officer_client, seed_text("001"))
    data = _post_data(response, partnership_name="IOP Östergötlands Stadsmission",
                      administration=IAF)
    before = AuditEvent.objects.count()
    confirmed = officer_client.post(URL, data)
    assert confirmed.status_code == 302

    partnership = Partnership.objects.get(name="IOP Östergötlands Stadsmission")
    assert partnership.municipality == officer_client.municipality
    assert partnership.committee.name == "Arbetsmarknadsnämnden"
    assert partnership.administration.name == IAF
    assert partnership.target_group.startswith("individer i Arena Arbetsmarknad")
    version = partnership.versions.get()
    assert (version.start, version.end) == (dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    assert (version.extension_count, version.extension_years) == (2, 2)
    budget = version.budgets.get()
    assert budget.first_year == 2024
    lines = {line.party.organisation.name: line for line in budget.lines.all()}
    assert lines["Arbetsmarknadsnämnden"].lump_sum == 1710000
    assert lines["Östergötlands Stadsmission"].lump_sum == 4818600
    assert lines["Östergötlands Stadsmission"].at_least
    assert sum(line.lump_sum for line in lines.values()) == 6528600
    decision = partnership.decisions.get()
    assert decision.registry_number == "AN 2023-165" and decision.version == version
    assert decision.signatories == "Mikaela Schullström"
    assert decision.distribution == "Östergötlands Stadsmission"
    assert decision.date == dt.date(2023, 8, 30)
    total = Claim.objects.get(field="total", object_id=budget.pk)
    assert total.value == "6 528 600" and "6 528 600 kronor per år" in total.passage
    assert total.source.registry_number == "AN 2023-165"
    assert Claim.objects.filter(field="start", object_id=version.pk).get().value == "2024-01-01"
    assert AuditEvent.objects.count() > before

    counts = _counts()
    again = officer_client.post(URL, _post_data(_review(officer_client, seed_text("001")),
                                                partnership_name="IOP Östergötlands Stadsmission",
                                                administration=IAF))
    assert again.status_code == 302
    assert _counts() == counts


def test_the_conflict_must_be_resolved_by_the_officer(officer_client):
    response = _review(officer_client, seed_text("001"))
    refused = officer_client.post(URL, _post_data(response))
    assert refused.status_code == 400
    assert 'id="id_administration_error"' in refused.content.decode()
    assert not Partnership.objects.exists()


@pytest.mark.parametrize("changes, field, message", [
    ({"total": "6000000"}, "total", "blir tillsammans 6 528 600 kr, men totalen är 6 000 000"),
    ({"period_end": "2023-12-31"}, "period_end", "Slutdatum kan inte ligga före startdatum"),
    ({"committee_amount": "mycket"}, "committee_amount", "heltal"),
    ({"points": "  "}, "points", ""),
])
def test_bad_input_saves_nothing_and_says_why_on_the_field(officer_client, changes, field,
                                                           message):
    response = _review(officer_client, seed_text("001"))
    before = _counts()
    refused = officer_client.post(URL, _post_data(response, administration=IAF, **changes))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert _counts() == before


def test_a_failure_half_way_rolls_everything_back(officer_client, monkeypatch):
    from samverka.documents import actions

    def broken(*args, **kwargs):
        raise RuntimeError("audit store down")

    response = _review(officer_client, seed_text("001"))
    before = _counts()
    monkeypatch.setattr(actions, "genitive", broken)  # fails after partnership and parties
    with pytest.raises(RuntimeError):
        officer_client.post(URL, _post_data(response, administration=IAF))
    assert _counts() == before

"""Issue 15, guided creation: each step's validation (Swedish message on the field, nothing saved),
what each step saves through the register's actions, and the checklist of what is missing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.audit.models import AuditEvent
from samverka.budgets.models import Budget, BudgetLine
from samverka.organisations.models import Organisation
from samverka.partnerships import guided
from samverka.partnerships.models import (
    AgreementVersion,
    CriterionAssessment,
    Decision,
    Partnership,
    Party,
)
from tests.factories import OrganisationFactory


def _errors(response, field, form="form"):
    return [str(error) for error in response.context[form].errors.get(field, [])]


@pytest.fixture
def officer(client, reg):
    client.force_login(reg.users["officer"])
    return client


def _start(reg, **overrides):
    data = {"organisation": "", "new_name": "Föreningen Ny Start", "new_org_number": "",
            "name": "IOP Ny Start", "form": "iop", "committee": reg.committee.pk,
            "purpose": "Arbetsträning", "target_group": "Vuxna med försörjningsstöd",
            "places": "12"}
    data.update(overrides)
    return data


# --- Step 1: organisation and partnership ---------------------------------------------------

def test_start_offers_the_committee_by_default_and_only_municipal_bodies(officer, reg):
    company = OrganisationFactory(municipality=reg.town, name="Konsult AB", kind="company")
    form = officer.get(reverse("guided_new")).context["form"]
    assert form["committee"].value() == reg.committee.pk
    assert list(form.fields["committee"].queryset) == [reg.committee]
    assert company not in form.fields["organisation"].queryset


def test_start_needs_an_organisation(officer, reg):
    response = officer.post(reverse("guided_new"), _start(reg, new_name=""))
    assert response.status_code == 400
    assert "Välj en organisation i listan" in _errors(response, "organisation")[0]
    assert not Partnership.objects.filter(name="IOP Ny Start").exists()


def test_start_refuses_both_a_listed_and_a_new_organisation(officer, reg):
    response = officer.post(reverse("guided_new"), _start(reg, organisation=reg.mission.pk))
    assert "inte båda" in _errors(response, "new_name")[0]
    assert not Partnership.objects.filter(name="IOP Ny Start").exists()


def test_start_refuses_a_new_organisation_that_exists(officer, reg):
    response = officer.post(reverse("guided_new"), _start(reg, new_name="stadsmissionen"))
    assert "Stadsmissionen finns redan" in _errors(response, "new_name")[0]
    assert Organisation.objects.filter(name__iexact="stadsmissionen").count() == 1


def test_start_refuses_a_wrong_org_number(officer, reg):
    response = officer.post(reverse("guided_new"), _start(reg, new_org_number="802002-4513"))
    assert "Kontrollsiffran stämmer inte" in _errors(response, "new_org_number")[0]
    assert not Organisation.objects.filter(name="Föreningen Ny Start").exists()


def test_start_refuses_a_company_as_committee(officer, reg):
    response = officer.post(reverse("guided_new"), _start(reg, committee=reg.mission.pk))
    assert _errors(response, "committee") == ["Välj en nämnd i kommunen."]
    assert not Partnership.objects.filter(name="IOP Ny Start").exists()


def test_start_refuses_a_name_in_use_and_implausible_places(officer, reg):
    response = officer.post(reverse("guided_new"),
                            _start(reg, name="arbetsträning", places="0"))
    assert "redan ett partnerskap" in _errors(response, "name")[0]
    assert _errors(response, "places") == ["Ange ett antal mellan 1 och 10 000."]


def test_start_creates_the_partnership_with_the_committee_as_party(officer, reg):
    response = officer.post(reverse("guided_new"), _start(reg, new_org_number="8020024512"))
    partnership = Partnership.objects.get(name="IOP Ny Start")
    assert response["Location"] == reverse("guided_parties", args=[partnership.pk])
    roles = {(p.organisation.name, p.role) for p in partnership.parties.all()}
    assert roles == {("Socialnämnden", "committee"), ("Föreningen Ny Start", "partner")}
    assert Organisation.objects.get(name="Föreningen Ny Start").org_number == "802002-4512"
    assert partnership.responsible_officer == reg.users["officer"]
    actions = set(AuditEvent.objects.filter(user=reg.users["officer"])
                  .values_list("action", flat=True))
    assert {"organisation.create", "partnership.create", "party.create",
            "partnership.update"} <= actions


def test_start_is_for_officers_only(client, reg):
    client.force_login(reg.users["committee"])
    assert client.get(reverse("guided_new")).status_code == 403
    client.force_login(reg.users["outsider"])
    assert client.get(reverse("guided_parties", args=[reg.partnership.pk])).status_code == 404


# --- Step 2: parties ---------------------------------------------------------------------------

def test_a_company_cannot_be_the_idea_based_party(officer, reg):
    company = OrganisationFactory(municipality=reg.town, name="Konsult AB", kind="company")
    url = reverse("guided_parties", args=[reg.partnership.pk])
    response = officer.post(url, {"organisation": company.pk, "role": "partner",
                                  "new_kind": "civil_society"})
    assert "idéburen organisation" in _errors(response, "role")[0]
    assert not Party.objects.filter(organisation=company).exists()


def test_parties_step_adds_a_new_co_party(officer, reg):
    url = reverse("guided_parties", args=[reg.partnership.pk])
    response = officer.post(url, {"new_name": "Erikshjälpen", "new_kind": "civil_society",
                                  "role": "co_party"})
    assert response.status_code == 302
    party = Party.objects.get(partnership=reg.partnership, organisation__name="Erikshjälpen")
    assert party.role == "co_party"
    page = officer.get(url)
    assert reg.mission not in page.context["form"].fields["organisation"].queryset


# --- Step 3: agreement ---------------------------------------------------------------------------

@pytest.fixture
def fresh(officer, reg):
    """A partnership made by step 1 (no agreement yet)."""
    officer.post(reverse("guided_new"), _start(reg))
    return Partnership.objects.get(name="IOP Ny Start")


def _agreement(**overrides):
    data = {"title": "Överenskommelse", "start": "2027-01-01", "end": "2028-12-31",
            "extension_count": "2", "extension_years": "2", "extension_decision_due": ""}
    data.update(overrides)
    return data


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"start": ""}, "start", "Ange när överenskommelsen börjar."),
    ({"end": "2026-12-31"}, "end", "Slutdatum kan inte ligga före startdatum."),
    ({"end": "2040-12-31"}, "end", "En period på mer än 10 år är inte rimlig"),
    ({"extension_count": "0"}, "extension_count", "Ange hur många förlängningar"),
    ({"extension_count": "1", "extension_years": "0"}, "extension_years",
     "Ange hur många år varje förlängning omfattar."),
    ({"extension_count": "9"}, "extension_count", "Ange ett heltal mellan 0 och 5."),
    ({"extension_decision_due": "2029-06-30"}, "extension_decision_due",
     "före periodens slut (2028-12-31)"),
])
def test_agreement_step_validation(officer, fresh, overrides, field, message):
    response = officer.post(reverse("guided_agreement", args=[fresh.pk]), _agreement(**overrides))
    assert response.status_code == 400
    assert message in " ".join(_errors(response, field))
    assert not AgreementVersion.objects.filter(partnership=fresh).exists()


def test_agreement_step_saves_the_original_agreement_as_a_draft(officer, fresh):
    response = officer.post(reverse("guided_agreement", args=[fresh.pk]), _agreement())
    assert response["Location"] == reverse("guided_budget", args=[fresh.pk])
    version = AgreementVersion.objects.get(partnership=fresh)
    assert (version.number, version.kind, version.status) == (1, "original", "draft")
    assert version.latest_possible_end == dt.date(2032, 12, 31)
    again = officer.get(reverse("guided_agreement", args=[fresh.pk])).context["form"]
    assert again.instance.pk == version.pk  # the step edits the same agreement, not a new one


def test_budget_step_before_the_agreement_goes_back_to_it(officer, fresh):
    response = officer.get(reverse("guided_budget", args=[fresh.pk]))
    assert response["Location"] == reverse("guided_agreement", args=[fresh.pk])


# --- Step 4: budget ----------------------------------------------------------------------

@pytest.fixture
def agreed(officer, fresh):
    officer.post(reverse("guided_agreement", args=[fresh.pk]), _agreement())
    return fresh


def _budget(partnership, lines, **overrides):
    committee = Party.objects.get(partnership=partnership, role="committee")
    partner = Party.objects.get(partnership=partnership, role="partner")
    parties = {"committee": committee.pk, "partner": partner.pk}
    data = {"budget-first_year": "2027", "budget-indexation_percent": "2",
            "lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "1000"}
    for index, line in enumerate(lines):
        line = dict(line)
        line["party"] = parties[line["party"]]
        data.update({f"lines-{index}-{key}": value for key, value in line.items()})
    data.update(overrides)
    return data


IKF_2021 = [  # seed 004: 339 200 kr from the committee, 325 600 kr from IKF
    {"party": "committee", "kind": "other", "description": "Nämndens bidrag",
     "lump_sum": "339200"},
    {"party": "partner", "kind": "staff", "description": "Handledare", "in_kind": "on",
     "hours_per_week": "20", "weeks_per_year": "40", "hourly_rate": "265"},
    {"party": "partner", "kind": "volunteers", "description": "Ideella", "in_kind": "on",
     "hours_per_week": "6", "weeks_per_year": "40", "hourly_rate": "265"},
    {"party": "partner", "kind": "premises", "description": "Lokaler", "lump_sum": "50000"},
]


@pytest.mark.parametrize("typed", ["2,5", "2.5", " 2,50 "])
def test_indexation_is_read_with_a_comma_or_a_point(officer, agreed, typed):
    url = reverse("guided_budget", args=[agreed.pk])
    response = officer.post(url, _budget(agreed, IKF_2021, **{
        "budget-indexation_percent": typed}))
    assert response.status_code == 302
    assert Budget.objects.get(version__partnership=agreed).indexation_percent == Decimal("2.5")


def test_the_running_total_shows_shares_and_the_benchmark(officer, agreed):
    url = reverse("guided_budget", args=[agreed.pk])
    response = officer.post(url, _budget(agreed, IKF_2021))
    assert response["Location"].endswith("#running-total")
    page = officer.get(url)
    total = page.context["total"]
    assert total.statement.total == 664_800  # seed 004
    assert total.statement.municipality_total == 339_200
    assert total.statement.partner_total == 325_600
    assert [(p.name, p.share) for p in total.parties] == [
        ("Socialnämnden", Decimal("51.0")), ("Föreningen Ny Start", Decimal("49.0"))]
    text = page.content.decode()
    assert "664\u00a0800\u00a0kr" in text and "51,0\u00a0%" in text
    assert "riktmärke cirka 50" in text
    assert len(page.context["formset"].forms) == len(IKF_2021) + 2  # room for more lines


def test_budget_takes_as_many_lines_as_sent(officer, agreed):
    lines = [{"party": "partner", "kind": "other", "description": f"Post {n}",
              "lump_sum": str(1000 * n)} for n in range(1, 13)]
    officer.post(reverse("guided_budget", args=[agreed.pk]), _budget(agreed, lines))
    assert BudgetLine.objects.filter(budget__version__partnership=agreed).count() == 12


@pytest.mark.parametrize(("line", "field", "message"), [
    ({"lump_sum": ""}, "lump_sum", "Ange ett belopp, eller timmar per vecka"),
    ({"lump_sum": "", "hours_per_week": "20"}, "weeks_per_year",
     "Fyll i timmar per vecka, veckor per år och timpris tillsammans."),
    ({"lump_sum": "", "hours_per_week": "80", "weeks_per_year": "40", "hourly_rate": "265"},
     "hours_per_week", "Ange ett värde mellan 0 och 60 timmar."),
    ({"lump_sum": "12,5"}, "lump_sum", "Ange ett heltal"),
    ({"description": ""}, "description", "Beskriv posten."),
])
def test_budget_line_validation(officer, agreed, line, field, message):
    row = {"party": "partner", "kind": "other", "description": "Post", "lump_sum": "1000"}
    row.update(line)
    response = officer.post(reverse("guided_budget", args=[agreed.pk]), _budget(agreed, [row]))
    assert response.status_code == 400
    errors = response.context["formset"].forms[0].errors.get(field, [])
    assert message in " ".join(errors)
    assert not Budget.objects.filter(version__partnership=agreed).exists()


def test_budget_needs_a_line_and_a_year_within_the_period(officer, agreed):
    url = reverse("guided_budget", args=[agreed.pk])
    response = officer.post(url, _budget(agreed, []))
    assert "Lägg till minst en budgetrad." in response.context["formset"].non_form_errors()
    response = officer.post(url, _budget(agreed, IKF_2021, **{"budget-first_year": "2031"}))
    assert "inom överenskommelsens period (2027–2028)" in _errors(response, "first_year")[0]
    assert not Budget.objects.filter(version__partnership=agreed).exists()


# --- Step 5: criteria ----------------------------------------------------------------------

def _criteria(statuses, motivation="Motiverat."):
    data = {"criteria-TOTAL_FORMS": "8", "criteria-INITIAL_FORMS": "0",
            "criteria-MIN_NUM_FORMS": "8", "criteria-MAX_NUM_FORMS": "8"}
    for index, status in enumerate(statuses):
        data.update({f"criteria-{index}-criterion": str(index + 1),
                     f"criteria-{index}-status": status,
                     f"criteria-{index}-motivation": motivation if status != "unclear" else ""})
    return data


def test_an_assessment_needs_its_motivation(officer, agreed):
    url = reverse("guided_criteria", args=[agreed.pk])
    response = officer.post(url, _criteria(["met"] * 8, motivation=""))
    assert response.status_code == 400
    errors = response.context["formset"].forms[0].errors["motivation"]
    assert errors == ["Skriv en kort motivering till bedömningen."]
    assert not CriterionAssessment.objects.filter(version__partnership=agreed).exists()


def test_unclear_criteria_are_saved_and_listed_as_missing(officer, agreed):
    url = reverse("guided_criteria", args=[agreed.pk])
    response = officer.post(url, _criteria(["met"] * 5 + ["unclear"] * 3))
    assert response["Location"] == reverse("guided_decision", args=[agreed.pk])
    item = next(i for i in guided.checklist(agreed).items if i.step == "criteria")
    assert not item.done and item.detail == "5 av 8 bedömda"


# --- Step 6: decision ----------------------------------------------------------------------

def _decision(reg, **overrides):
    data = {"body": reg.committee.pk, "title": "IOP Ny Start", "points": "Att ingå IOP",
            "date": "2026-11-20", "registry_number": "AN 2026-321"}
    data.update(overrides)
    return data


@pytest.fixture
def no_future(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 12, 1))


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"date": ""}, "date", "Ange beslutets datum."),
    ({"date": "2027-01-15"}, "date", "kan inte ligga i framtiden"),
    ({"registry_number": ""}, "registry_number", "Ange diarienumret"),
    ({"body": "mission"}, "body", "företag och föreningar fattar inte kommunens beslut"),
])
def test_decision_step_validation(officer, reg, agreed, no_future, overrides, field, message):
    if overrides.get("body") == "mission":
        overrides = {"body": reg.mission.pk}
    response = officer.post(reverse("guided_decision", args=[agreed.pk]),
                            _decision(reg, **overrides))
    assert response.status_code == 400
    assert message in " ".join(_errors(response, field))
    assert not Decision.objects.filter(partnership=agreed).exists()


def test_a_registry_number_of_another_partnership_is_refused(officer, reg, agreed, no_future):
    reg.decision.registry_number = "AN 2023-165"
    reg.decision.save()
    response = officer.post(reverse("guided_decision", args=[agreed.pk]),
                            _decision(reg, registry_number="an  2023-165"))
    assert "hör redan till Arbetsträning" in _errors(response, "registry_number")[0]


def test_the_decision_completes_the_registration(officer, reg, agreed, no_future):
    officer.post(reverse("guided_budget", args=[agreed.pk]), _budget(agreed, IKF_2021))
    officer.post(reverse("guided_criteria", args=[agreed.pk]), _criteria(["met"] * 8))
    missing = guided.checklist(agreed).missing
    assert [item.step for item in missing] == ["decision"]
    assert missing[0].url == reverse("guided_decision", args=[agreed.pk])
    response = officer.post(reverse("guided_decision", args=[agreed.pk]), _decision(reg))
    assert response["Location"] == reverse("partnership_detail", args=[agreed.pk])
    version = AgreementVersion.objects.get(partnership=agreed)
    assert version.status == "decided"
    decision = Decision.objects.get(partnership=agreed)
    assert (decision.version, decision.registry_number) == (version, "AN 2026-321")
    assert guided.checklist(agreed).complete
    assert AuditEvent.objects.filter(action="version.update", object_id=str(version.pk)).exists()


def test_a_half_done_registration_is_kept_and_its_checklist_links_to_the_steps(officer, fresh):
    labels = {item.label: item for item in guided.checklist(fresh).missing}
    assert set(labels) == {"Överenskommelse med period", "Budgetrad för nämndens bidrag",
                           "Budgetrad för de idéburna parternas bidrag",
                           "Alla åtta IOP-kriterier bedömda",
                           "Beslut med datum och diarienummer"}
    assert labels["Överenskommelse med period"].url == reverse("guided_agreement",
                                                               args=[fresh.pk])
    page = officer.get(reverse("partnership_detail", args=[fresh.pk])).content.decode()
    assert reverse("guided_overview", args=[fresh.pk]) in page
    assert "5 punkter saknas" in page
    start = officer.get(reverse("guided_new")).content.decode()
    assert reverse("guided_overview", args=[fresh.pk]) in start


def test_the_committee_party_is_added_when_the_committee_changes(officer, reg, fresh):
    other = OrganisationFactory(municipality=reg.town, name="Kulturnämnden", kind="municipal")
    url = reverse("guided_start", args=[fresh.pk])
    form = officer.get(url).context["form"]
    response = officer.post(url, {
        "name": fresh.name, "form": "iop", "committee": other.pk, "purpose": "x",
        "target_group": "y", "places": "", "lock_version": form["lock_version"].value()})
    assert response.status_code == 302
    assert Party.objects.filter(partnership=fresh, organisation=other).exists()




def test_a_step_saved_by_someone_else_meanwhile_is_a_conflict(officer, agreed):
    url = reverse("guided_agreement", args=[agreed.pk])
    read = officer.get(url).context["form"]["lock_version"].value()
    assert officer.post(url, _agreement(lock_version=read, title="Först"))["Location"]
    response = officer.post(url, _agreement(lock_version=read, title="Sedan"))
    assert response.status_code == 409
    assert "Någon annan sparade ändringar" in " ".join(response.context["form"].non_field_errors())
    assert AgreementVersion.objects.get(partnership=agreed).title == "Först"

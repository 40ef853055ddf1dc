"""Every register write goes through an action that asks the policy: roles that may not change
the register are refused and nothing is written. A form saved after someone else's save gets a
Swedish conflict page (409) showing what differs; the first change is kept and the user's input
stays in the form."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samverka.audit.models import AuditEvent
from samverka.budgets.models import Budget, BudgetLine
from samverka.organisations.models import Organisation
from samverka.partnerships import actions, forms
from samverka.partnerships.models import (
    AgreementVersion,
    CriterionAssessment,
    Decision,
    Partnership,
    Party,
)

from .formdata import form_data, formset_data

REFUSED = ["committee", "case_worker", "partner_staff", "outsider"]
MODELS = [Organisation, Partnership, Party, AgreementVersion, Decision, CriterionAssessment,
          Budget, BudgetLine, AuditEvent]


def snapshot():
    """Everything a register write could change."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def _scoped(form_class, reg, instance):
    return form_class(instance=instance, municipality=reg.town)


def organisation_new(reg):
    data = form_data(_scoped(forms.OrganisationForm, reg, Organisation(municipality=reg.town)))
    data.update(name="Ny förening", kind="civil_society")
    return reverse("organisation_create"), data


def organisation_change(reg):
    data = form_data(_scoped(forms.OrganisationForm, reg, reg.mission))
    data["name"] = "Stadsmissionen omdöpt"
    return reverse("organisation_edit", args=[reg.mission.pk]), data


def partnership_new(reg):
    instance = Partnership(municipality=reg.town)
    data = form_data(_scoped(forms.PartnershipForm, reg, instance))
    data.update(name="Nytt partnerskap", form="iop", committee=reg.committee.pk)
    return reverse("partnership_create"), data


def partnership_change(reg):
    data = form_data(_scoped(forms.PartnershipForm, reg, reg.partnership))
    data["purpose"] = "Obehörigt syfte"
    return reverse("partnership_edit", args=[reg.partnership.pk]), data


def party_new(reg):
    other = Organisation.objects.create(municipality=reg.town, name="IKF", kind="civil_society")
    party = Party(partnership=reg.partnership)
    data = form_data(_scoped(forms.PartyForm, reg, party))
    data.update(organisation=other.pk, role="co_party")
    return reverse("party_create", args=[reg.partnership.pk]), data


def party_change(reg):
    data = form_data(_scoped(forms.PartyForm, reg, reg.party))
    data["role"] = "co_party"
    return reverse("party_edit", args=[reg.partnership.pk, reg.party.pk]), data


def version_new(reg):
    version = AgreementVersion(partnership=reg.partnership, number=2)
    data = form_data(_scoped(forms.VersionForm, reg, version))
    data.update(kind="revision", status="draft")
    return reverse("version_create", args=[reg.partnership.pk]), data


def version_change(reg):
    data = form_data(_scoped(forms.VersionForm, reg, reg.version))
    data["title"] = "Obehörig rubrik"
    return reverse("version_edit", args=[reg.partnership.pk, reg.version.pk]), data


def decision_new(reg):
    decision = Decision(partnership=reg.partnership, body=reg.committee)
    data = form_data(_scoped(forms.DecisionForm, reg, decision))
    data.update(title="Nytt beslut", points="Att besluta")
    return reverse("decision_create", args=[reg.partnership.pk]), data


def decision_change(reg):
    data = form_data(_scoped(forms.DecisionForm, reg, reg.decision))
    data["title"] = "Obehörigt beslut"
    return reverse("decision_edit", args=[reg.partnership.pk, reg.decision.pk]), data


def criteria_change(reg):
    data = criteria_data(reg)
    data["criteria-0-status"] = "not_met"
    return reverse("criteria_edit", args=[reg.partnership.pk, reg.version.pk]), data


def criteria_data(reg):
    missing = [n for n in range(1, 9) if n != 1]
    formset = forms.CriterionFormSet(
        instance=reg.version, initial=[{"criterion": n, "status": "unclear"} for n in missing])
    formset.extra = len(missing)
    return formset_data(formset)


def budget_data(reg, budget):
    data = form_data(forms.BudgetForm(instance=budget, prefix="budget"))
    data.update(formset_data(forms.BudgetLineFormSet(instance=budget, prefix="lines")))
    return data


def budget_new(reg):
    data = budget_data(reg, Budget(version=reg.version))
    data.update({"budget-first_year": "2025", "lines-0-party": reg.party.pk,
                 "lines-0-kind": "staff", "lines-0-description": "Ny rad",
                 "lines-0-lump_sum": "5000"})
    return reverse("budget_create", args=[reg.partnership.pk, reg.version.pk]), data


def budget_change(reg):
    data = budget_data(reg, reg.budget)
    data["budget-indexation_percent"] = "9"
    data["lines-0-lump_sum"] = "1"
    return reverse("budget_edit", args=[reg.partnership.pk, reg.version.pk, reg.budget.pk]), data


WRITES = [organisation_new, organisation_change, partnership_new, partnership_change, party_new,
          party_change, version_new, version_change, decision_new, decision_change,
          criteria_change, budget_new, budget_change]


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.__name__)
def test_the_officer_may_make_each_write_with_its_audit_row(reg, client, write):
    url, data = write(reg)
    client.force_login(reg.users["officer"])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.latest("pk")
    assert event.user == reg.users["officer"]
    assert event.action.endswith((".create", ".update"))


# Another municipality's officer may create organisations in their own municipality.
REFUSALS = [(write, role) for write in WRITES for role in REFUSED
            if (write, role) != (organisation_new, "outsider")]


@pytest.mark.parametrize(("write", "role"), REFUSALS,
                         ids=[f"{write.__name__}-{role}" for write, role in REFUSALS])
def test_roles_that_may_not_change_the_register_are_refused(reg, client, write, role):
    url, data = write(reg)
    client.force_login(reg.users[role])  # signing in writes its own audit row
    before = snapshot()
    response = client.post(url, data)
    if role == "outsider" and write is partnership_new:
        # Created in the officer's own municipality, where Testkommun's committee is no choice.
        assert response.status_code == 400
        assert "committee" in response.context["form"].errors
    else:
        assert response.status_code in (403, 404)
    assert snapshot() == before


# The actions themselves ask the policy: a view that forgot to would still write nothing.

def _valid(form):
    assert form.is_valid(), form.errors
    return form


ACTION_CALLS = {
    "organisation": lambda reg: (actions.save_organisation, _valid(forms.OrganisationForm(
        organisation_change(reg)[1], instance=reg.mission, municipality=reg.town))),
    "partnership": lambda reg: (actions.save_partnership, _valid(forms.PartnershipForm(
        partnership_change(reg)[1], instance=reg.partnership, municipality=reg.town))),
    "party": lambda reg: (actions.save_party, _valid(forms.PartyForm(
        party_change(reg)[1], instance=reg.party, municipality=reg.town))),
    "version": lambda reg: (actions.save_agreement_version, _valid(forms.VersionForm(
        version_change(reg)[1], instance=reg.version, municipality=reg.town))),
    "decision": lambda reg: (actions.save_decision, _valid(forms.DecisionForm(
        decision_change(reg)[1], instance=reg.decision, municipality=reg.town))),
}


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("name", sorted(ACTION_CALLS))
def test_each_action_checks_the_policy_itself(reg, role, name):
    action, form = ACTION_CALLS[name](reg)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        action(reg.users[role], form, 1)
    assert snapshot() == before


@pytest.mark.parametrize("role", REFUSED)
def test_budget_and_criteria_actions_check_the_policy_itself(reg, role):
    before = snapshot()
    form = _valid(forms.BudgetForm(budget_change(reg)[1], instance=reg.budget, prefix="budget"))
    formset = forms.BudgetLineFormSet(budget_change(reg)[1], instance=reg.budget, prefix="lines")
    assert formset.is_valid()
    with pytest.raises(PermissionDenied):
        actions.save_budget(reg.users[role], form, formset, 1)
    criteria = forms.CriterionFormSet(criteria_change(reg)[1], instance=reg.version)
    assert criteria.is_valid()
    with pytest.raises(PermissionDenied):
        actions.save_criteria(reg.users[role], reg.version, criteria)
    assert snapshot() == before


def test_the_audit_row_records_each_changed_field_before_and_after(reg, client):
    url, data = partnership_change(reg)
    data.update(purpose="Nytt syfte", places="12")
    client.force_login(reg.users["officer"])
    assert client.post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="partnership.update")
    assert event.user == reg.users["officer"]
    assert event.object_id == str(reg.partnership.pk)
    fields = {name: value for name, value in event.changes.items() if not name.startswith("_")}
    assert fields == {"purpose": {"before": "Gammalt syfte", "after": "Nytt syfte"},
                      "places": {"before": 10, "after": 12}}


# --- Stale forms --------------------------------------------------------------------------------

def _conflict_table(html: str) -> str:
    match = re.search(r'<section class="warning" aria-labelledby="conflict-heading">.*?</section>',
                      html, re.S)
    assert match, "no conflict table"
    return match.group(0)


def test_a_stale_partnership_form_gets_the_conflict_page(reg, client):
    url, olle = partnership_change(reg)
    _url, alice = partnership_change(reg)  # both read version 1
    olle["purpose"], alice["purpose"] = "Olles syfte", "Alices syfte"
    client.force_login(reg.users["officer"])
    assert client.post(url, olle).status_code == 302
    client.force_login(reg.users["admin"])
    response = client.post(url, alice)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan sparade ändringar medan du redigerade" in html
    table = _conflict_table(html)
    assert "Syfte" in table and "Alices syfte" in table and "Olles syfte" in table
    assert "purpose" not in table
    form = response.context["form"]
    assert form.data["purpose"] == "Alices syfte"  # nothing the user typed is lost
    reg.partnership.refresh_from_db()
    assert (reg.partnership.purpose, reg.partnership.lock_version) == ("Olles syfte", 2)
    # Saving again from the conflict page replaces the saved change knowingly.
    assert client.post(url, form.data).status_code == 302
    reg.partnership.refresh_from_db()
    assert reg.partnership.purpose == "Alices syfte"


def test_a_stale_budget_form_gets_the_conflict_page(reg, client):
    url, olle = budget_change(reg)
    _url, alice = budget_change(reg)
    olle.update({"budget-indexation_percent": "3", "lines-0-lump_sum": "120000"})
    alice.update({"budget-indexation_percent": "2", "budget-note": "Alices kommentar",
                  "lines-0-lump_sum": "90000"})
    client.force_login(reg.users["officer"])
    assert client.post(url, olle).status_code == 302
    client.force_login(reg.users["admin"])
    response = client.post(url, alice)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan sparade ändringar medan du redigerade" in html
    table = _conflict_table(html)
    assert "Årlig uppräkning (%)" in table and "Kommentar" in table
    assert "Budgetrad ”Handledare”: Belopp (kr)" in table
    assert "120000" in table and "90000" in table
    assert "indexation_percent" not in table and "lump_sum" not in table
    assert response.context["form"].data["budget-note"] == "Alices kommentar"
    reg.budget.refresh_from_db()
    reg.line.refresh_from_db()
    assert (reg.budget.indexation_percent, reg.budget.note) == (3, "")
    assert reg.line.lump_sum == 120_000
    assert AuditEvent.objects.filter(action="budget.update").count() == 1
    assert client.post(url, response.context["form"].data).status_code == 302  # knowingly
    reg.line.refresh_from_db()
    assert reg.line.lump_sum == 90_000


def test_a_stale_criteria_form_gets_the_conflict_page(reg, client):
    url, olle = criteria_change(reg)
    _url, alice = criteria_change(reg)
    alice.update({"criteria-0-status": "met", "criteria-0-motivation": "Alices motivering"})
    client.force_login(reg.users["officer"])
    assert client.post(url, olle).status_code == 302
    client.force_login(reg.users["admin"])
    response = client.post(url, alice)
    assert response.status_code == 409
    table = _conflict_table(response.content.decode())
    assert "Kriterium 1: Bedömning" in table and "Kriterium 1: Motivering" in table
    assert "Uppfyllt" in table and "Inte uppfyllt" in table and "Alices motivering" in table
    reg.criterion.refresh_from_db()
    assert (reg.criterion.status, reg.criterion.motivation) == ("not_met", "")
    formset = response.context["formset"]
    assert formset.data["criteria-0-motivation"] == "Alices motivering"  # nothing lost
    assert client.post(url, formset.data).status_code == 302  # saving again replaces knowingly
    reg.criterion.refresh_from_db()
    assert (reg.criterion.status, reg.criterion.motivation) == ("met", "Alices motivering")


@pytest.mark.parametrize("write", [organisation_change, party_change, version_change,
                                   decision_change], ids=lambda write: write.__name__)
def test_every_edit_form_is_locked(reg, client, write):
    url, data = write(reg)
    client.force_login(reg.users["officer"])
    assert client.post(url, data).status_code == 302
    before = snapshot()
    response = client.post(url, data)  # the same form again: now stale
    assert response.status_code == 409
    assert "Någon annan sparade ändringar" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("version", [None, "abc", "-1"])
def test_a_form_without_its_version_is_refused_with_a_swedish_message(reg, client, version):
    url, data = partnership_change(reg)
    del data["lock_version"]
    if version is not None:
        data["lock_version"] = version
    client.force_login(reg.users["officer"])
    response = client.post(url, data)
    assert response.status_code in (400, 409)
    html = response.content.decode()
    assert "Ladda om sidan" in html or "Någon annan sparade" in html
    assert "lock_version" not in re.sub(r"<input[^>]*>", "", html)  # no code name shown
    reg.partnership.refresh_from_db()
    assert reg.partnership.purpose == "Gammalt syfte"

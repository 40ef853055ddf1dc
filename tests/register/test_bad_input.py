"""Bad input is refused with a Swedish message on the field, and nothing is saved."""

from django.urls import reverse

from samverka.audit.models import AuditEvent
from samverka.budgets.models import Budget, BudgetLine
from samverka.organisations.models import Organisation
from samverka.partnerships.models import AgreementVersion, Partnership


def _errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def test_invalid_org_number(client, officer):
    client.force_login(officer)
    response = client.post(reverse("organisation_create"), {
        "name": "Föreningen Felnummer", "kind": "civil_society", "org_number": "802002-4513",
        "idea_register": "unknown"})
    assert response.status_code == 400
    assert "Kontrollsiffran stämmer inte" in _errors(response, "org_number")[0]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Organisation.objects.filter(name="Föreningen Felnummer").exists()


def test_valid_org_number_is_saved_normalised_with_an_audit_row(client, officer):
    client.force_login(officer)
    client.post(reverse("organisation_create"), {
        "name": "Föreningen Rätt", "kind": "civil_society", "org_number": "8020024512",
        "idea_register": "yes"})
    organisation = Organisation.objects.get(name="Föreningen Rätt")
    assert organisation.org_number == "802002-4512"
    assert AuditEvent.objects.filter(action="organisation.create", user=officer).count() == 1


def _version_post(**overrides):
    data = {"number": 9, "kind": "revision", "title": "Test", "start": "2024-01-01",
            "end": "2025-12-31", "period_note": "", "extension_count": 2, "extension_years": 2,
            "extensions_used": 0, "extension_decision_due": "", "status": "draft",
            "change_summary": ""}
    return {**data, **overrides}


def test_end_before_start(client, officer):
    client.force_login(officer)
    hoppfull = Partnership.objects.get(name="Hoppfull framtid")
    response = client.post(reverse("version_create", args=[hoppfull.pk]),
                           _version_post(start="2025-01-01", end="2024-12-31"))
    assert response.status_code == 400
    assert _errors(response, "end") == ["Slutdatum kan inte ligga före startdatum."]
    assert not AgreementVersion.objects.filter(partnership=hoppfull, number=9).exists()


def test_more_extensions_used_than_allowed(client, officer):
    client.force_login(officer)
    hoppfull = Partnership.objects.get(name="Hoppfull framtid")
    response = client.post(reverse("version_create", args=[hoppfull.pk]),
                           _version_post(extensions_used=3))
    assert response.status_code == 400
    assert "Fler förlängningar" in _errors(response, "extensions_used")[0]
    assert not AgreementVersion.objects.filter(partnership=hoppfull, number=9).exists()


def _budget_post(party_pk, **line):
    data = {
        "budget-first_year": 2026, "budget-last_year": "", "budget-indexation_percent": "2",
        "budget-note": "",
        "lines-TOTAL_FORMS": 1, "lines-INITIAL_FORMS": 0, "lines-MIN_NUM_FORMS": 0,
        "lines-MAX_NUM_FORMS": 1000,
        "lines-0-party": party_pk, "lines-0-kind": "staff", "lines-0-description": "Handledare",
    }
    return {**data, **{f"lines-0-{key}": value for key, value in line.items()}}


def _ikf():
    ikf = Partnership.objects.get(name="Inkludering på lika villkor")
    return ikf, ikf.latest_version, ikf.parties.get(role="committee")


def test_negative_amount(client, officer):
    client.force_login(officer)
    ikf, version, party = _ikf()
    response = client.post(reverse("budget_create", args=[ikf.pk, version.pk]),
                           _budget_post(party.pk, lump_sum="-5000"))
    assert response.status_code == 400
    line_errors = response.context["formset"].forms[0].errors
    assert "lump_sum" in line_errors
    assert "mellan 0 och" in line_errors["lump_sum"][0]
    assert not Budget.objects.filter(version=version, first_year=2026).exists()


def test_both_hours_and_lump_sum(client, officer):
    client.force_login(officer)
    ikf, version, party = _ikf()
    response = client.post(reverse("budget_create", args=[ikf.pk, version.pk]), _budget_post(
        party.pk, lump_sum="50000", hours_per_week="20", weeks_per_year="40", hourly_rate="265"))
    assert response.status_code == 400
    errors = response.context["formset"].forms[0].errors["lump_sum"]
    assert errors == ["Ange antingen timmar × veckor × timpris eller ett klumpbelopp, inte båda."]
    assert not Budget.objects.filter(version=version, first_year=2026).exists()
    assert not BudgetLine.objects.filter(description="Handledare", budget__first_year=2026)


def test_a_valid_budget_is_saved_with_its_lines(client, officer):
    client.force_login(officer)
    ikf, version, party = _ikf()
    response = client.post(reverse("budget_create", args=[ikf.pk, version.pk]), _budget_post(
        party.pk, hours_per_week="20", weeks_per_year="40", hourly_rate="265"))
    assert response.status_code == 302
    budget = Budget.objects.get(version=version, first_year=2026)
    assert budget.lines.get().base_amount == 212_000

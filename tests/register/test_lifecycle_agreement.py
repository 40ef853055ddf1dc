"""Issue 15: extending an agreement by one option and terminating it, through the web form and
the action, with the decision recorded, the audit row, policy refusals and bad input."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverka.audit.models import AuditEvent
from samverka.organisations.models import Organisation
from samverka.partnerships import lifecycle
from samverka.partnerships.models import AgreementVersion, Decision


@pytest.fixture
def extendable(reg):
    version = reg.version
    AgreementVersion.objects.filter(pk=version.pk).update(
        extension_count=2, extension_years=2, extension_decision_due=dt.date(2025, 6, 30))
    version.refresh_from_db()
    return version


def _extend_post(version, **changes):
    return {"lock_version": version.lock_version, "decision_date": "2025-05-20",
            "body": version.partnership.committee_id, "registry_number": "SN 2025-12",
            **changes}


def test_officer_extends_by_one_option_with_the_decision_and_audit_row(client, reg, extendable):
    client.force_login(reg.users["officer"])
    url = reverse("version_extend", args=[reg.partnership.pk, extendable.pk])
    page = client.get(url).content.decode()
    assert "2027-12-31" in page and "Avbryt" in page
    response = client.post(url, _extend_post(extendable), follow=True)
    assert "Förlängningen är registrerad: överenskommelsen gäller till och med 2027-12-31." \
        in response.content.decode()
    extendable.refresh_from_db()
    assert extendable.extensions_used == 1 and extendable.current_end == dt.date(2027, 12, 31)
    assert extendable.extension_decision_due == dt.date(2027, 6, 30)
    decision = Decision.objects.get(registry_number="SN 2025-12")
    assert decision.version == extendable and decision.date == dt.date(2025, 5, 20)
    event = AuditEvent.objects.get(action="version.extend", object_id=str(extendable.pk))
    assert event.changes["extensions_used"] == {"before": 0, "after": 1}
    assert event.changes["new_end"] == "2027-12-31"
    assert event.user == reg.users["officer"]


def test_extension_refused_when_no_option_remains(client, reg, extendable):
    AgreementVersion.objects.filter(pk=extendable.pk).update(extensions_used=2)
    extendable.refresh_from_db()
    decisions = Decision.objects.count()
    client.force_login(reg.users["officer"])
    response = client.post(reverse("version_extend", args=[reg.partnership.pk, extendable.pk]),
                           _extend_post(extendable))
    assert response.status_code == 400
    assert "inga förlängningar kvar" in response.content.decode()
    extendable.refresh_from_db()
    assert extendable.extensions_used == 2 and Decision.objects.count() == decisions
    assert not AuditEvent.objects.filter(action="version.extend").exists()


def test_extension_by_a_company_as_decision_body_is_refused_on_the_field(client, reg,
                                                                         extendable):
    company = Organisation.objects.create(municipality=reg.town, name="Konsult AB",
                                          kind=Organisation.Kind.COMPANY)
    client.force_login(reg.users["officer"])
    response = client.post(reverse("version_extend", args=[reg.partnership.pk, extendable.pk]),
                           _extend_post(extendable, body=company.pk))
    assert response.status_code == 400 and "body" in response.context["form"].errors
    assert AgreementVersion.objects.get(pk=extendable.pk).extensions_used == 0
    with pytest.raises(ValidationError) as error:
        lifecycle.extend_agreement(reg.users["officer"], extendable, extendable.lock_version,
                                   lifecycle.DecisionInput(dt.date(2025, 5, 1), company))
    assert "kommunalt organ" in error.value.message_dict["body"][0]


def test_stale_extension_form_is_a_conflict_and_saves_nothing(client, reg, extendable):
    client.force_login(reg.users["officer"])
    response = client.post(reverse("version_extend", args=[reg.partnership.pk, extendable.pk]),
                           _extend_post(extendable, lock_version=extendable.lock_version - 1))
    assert response.status_code == 409
    assert AgreementVersion.objects.get(pk=extendable.pk).extensions_used == 0


@pytest.mark.parametrize(("who", "status"), [("committee", 403), ("partner_staff", 403),
                                             ("case_worker", 403), ("outsider", 404)])
def test_extension_refused_by_policy(client, reg, extendable, who, status):
    client.force_login(reg.users[who])
    url = reverse("version_extend", args=[reg.partnership.pk, extendable.pk])
    assert client.get(url).status_code == status
    assert client.post(url, _extend_post(extendable)).status_code == status
    with pytest.raises(PermissionDenied):
        lifecycle.extend_agreement(reg.users[who], extendable, extendable.lock_version,
                                   lifecycle.DecisionInput(dt.date(2025, 5, 1), reg.committee))
    assert AgreementVersion.objects.get(pk=extendable.pk).extensions_used == 0


def test_version_form_no_longer_edits_extensions_used(client, reg, extendable):
    client.force_login(reg.users["officer"])
    url = reverse("version_edit", args=[reg.partnership.pk, extendable.pk])
    data = {"number": 1, "kind": "original", "title": "", "start": "2024-01-01",
            "end": "2025-12-31", "period_note": "", "extension_count": 2,
            "extension_years": 2, "extensions_used": 2, "extension_decision_due": "",
            "status": "active", "change_summary": "", "lock_version": extendable.lock_version}
    client.post(url, data)
    assert AgreementVersion.objects.get(pk=extendable.pk).extensions_used == 0


def test_follow_up_page_links_to_where_the_extension_is_registered(client, reg, extendable):
    client.force_login(reg.users["officer"])
    page = client.get(reverse("followup:partnership", args=[reg.partnership.pk]))
    assert reverse("version_extend", args=[reg.partnership.pk, extendable.pk]) \
        in page.content.decode()


# --- Terminating -------------------------------------------------------------------------------

def _terminate_post(version, **changes):
    return {"lock_version": version.lock_version, "terminated_on": "2025-06-30",
            "reason": "Föreningen upphör med verksamheten", "decision_date": "2025-03-15",
            "body": version.partnership.committee_id, "registry_number": "SN 2025-3",
            **changes}


def test_officer_terminates_with_date_reason_decision_and_audit(client, reg):
    client.force_login(reg.users["officer"])
    url = reverse("version_terminate", args=[reg.partnership.pk, reg.version.pk])
    response = client.post(url, _terminate_post(reg.version), follow=True)
    assert "Uppsägningen är registrerad: överenskommelsen upphör 2025-06-30." \
        in response.content.decode()
    reg.version.refresh_from_db()
    assert reg.version.status == "terminated" and reg.version.current_end == dt.date(2025, 6, 30)
    assert Decision.objects.filter(registry_number="SN 2025-3", version=reg.version).exists()
    event = AuditEvent.objects.get(action="version.terminate")
    assert event.changes["status"] == {"before": "active", "after": "terminated"}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"reason": " "}, "reason", "Ange skälet till uppsägningen."),
    ({"terminated_on": "2023-01-01"}, "terminated_on", "före sin start"),
    ({"terminated_on": "2030-01-01"}, "terminated_on", "löper redan ut 2025-12-31"),
])
def test_bad_termination_is_refused_on_the_field(client, reg, changes, field, message):
    client.force_login(reg.users["officer"])
    decisions = Decision.objects.count()
    response = client.post(reverse("version_terminate", args=[reg.partnership.pk,
                                                              reg.version.pk]),
                           _terminate_post(reg.version, **changes))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert AgreementVersion.objects.get(pk=reg.version.pk).status == "active"
    assert Decision.objects.count() == decisions


@pytest.mark.parametrize(("who", "status"), [("committee", 403), ("partner_staff", 403),
                                             ("outsider", 404)])
def test_termination_refused_by_policy(client, reg, who, status):
    client.force_login(reg.users[who])
    url = reverse("version_terminate", args=[reg.partnership.pk, reg.version.pk])
    assert client.post(url, _terminate_post(reg.version)).status_code == status
    assert AgreementVersion.objects.get(pk=reg.version.pk).status == "active"


# --- Decision body ------------------------------------------------------------------------------

def test_decision_form_offers_only_municipal_bodies(client, reg):
    company = Organisation.objects.create(municipality=reg.town, name="Konsult AB",
                                          kind=Organisation.Kind.COMPANY)
    client.force_login(reg.users["officer"])
    url = reverse("decision_create", args=[reg.partnership.pk])
    choices = [str(org) for org in client.get(url).context["form"].fields["body"].queryset]
    assert choices == ["Socialnämnden"]
    before = Decision.objects.count()
    response = client.post(url, {"body": reg.mission.pk, "title": "Beslut", "points": "Att",
                                 "version": "", "date": ""})
    assert response.status_code == 400
    assert "kommunalt organ" in " ".join(response.context["form"].errors["body"])
    response = client.post(url, {"body": company.pk, "title": "Beslut", "points": "Att"})
    assert "body" in response.context["form"].errors
    assert Decision.objects.count() == before

"""A partnership's reminders go to its responsible officer and deputy, by e-mail and on their
start page (one source); to every officer only when none is named. Naming them is an action
with a policy check, an audit row and Swedish messages."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from samverka.accounts.models import Profile
from samverka.audit.models import AuditEvent
from samverka.partnerships.models import Partnership
from tests.followup import helpers

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 17)


@pytest.fixture
def town(django_user_model, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    muni = helpers.municipality()
    # Both agreements end within six months of DAY: each has an "ending" reminder.
    kafe = helpers.partnership(muni, "Café Framtid", start=dt.date(2024, 1, 1),
                               end=dt.date(2026, 9, 30), status="decided")
    garden = helpers.partnership(muni, "Trädgården", start=dt.date(2024, 1, 1),
                                 end=dt.date(2026, 10, 31), status="decided")
    users = {}
    for name, role in (("hanna", "officer"), ("otto", "officer"), ("olga", "officer"),
                       ("nils", "committee"), ("pia", "partner_staff")):
        user = django_user_model.objects.create_user(name, email=f"{name}@example.se",
                                                     password="x", first_name=name.title())
        Profile.objects.create(user=user, municipality=muni, role=role)
        users[name] = user
    kafe.responsible_officer, kafe.deputy_officer = users["otto"], users["olga"]
    kafe.save()
    return {"kafe": kafe, "garden": garden, **users}


def _mails():
    return {message.to[0]: message.body for message in mail.outbox}


def test_reminders_go_to_the_responsible_officer_and_deputy(town):
    call_command("remind", "--date", DAY.isoformat(), verbosity=0)
    mails = _mails()
    assert set(mails) == {"hanna@example.se", "otto@example.se", "olga@example.se"}
    assert "Café Framtid" not in mails["hanna@example.se"]  # otto's and olga's
    assert "Trädgården" in mails["hanna@example.se"]  # nobody named: every officer
    for who in ("otto", "olga"):
        assert "Café Framtid" in mails[f"{who}@example.se"]
        assert "Trädgården" in mails[f"{who}@example.se"]


def test_the_start_page_shows_the_same_reminders(town, client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: DAY)
    client.force_login(town["hanna"])
    hanna = client.get("/").content.decode()
    client.force_login(town["otto"])
    otto = client.get("/").content.decode()
    assert "Trädgården" in hanna and "Café Framtid" not in hanna
    assert "Café Framtid" in otto and "Trädgården" in otto
    detail = reverse("partnership_detail", args=[town["kafe"].pk])
    assert f'href="{detail}"' in otto  # the item links to where the agreement is handled


def _post(client, user, partnership, **data):
    client.force_login(user)
    partnership.refresh_from_db()
    return client.post(reverse("responsible_edit", args=[partnership.pk]),
                       {"lock_version": partnership.lock_version, **data})


def test_an_officer_names_the_responsible_officer_with_an_audit_row(town, client):
    garden = town["garden"]
    response = _post(client, town["hanna"], garden, responsible_officer=town["hanna"].pk,
                     deputy_officer=town["otto"].pk)
    assert response.status_code == 302
    garden.refresh_from_db()
    assert (garden.responsible_officer, garden.deputy_officer) == (town["hanna"], town["otto"])
    event = AuditEvent.objects.get(action="partnership.update", object_id=str(garden.pk))
    assert event.changes["responsible_officer"]["before"] is None
    assert event.changes["responsible_officer"]["after"] == "hanna"
    page = client.get(reverse("partnership_detail", args=[garden.pk])).content.decode()
    assert "Ansvarig handläggare" in page and "Hanna" in page and "Ersättare:" in page


def test_only_an_officer_may_be_responsible_and_not_as_both(town, client):
    garden = town["garden"]
    response = _post(client, town["hanna"], garden, responsible_officer=town["pia"].pk)
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    response = _post(client, town["hanna"], garden, responsible_officer=town["otto"].pk,
                     deputy_officer=town["otto"].pk)
    assert response.status_code == 400
    assert "Ersättaren ska vara en annan person" in response.content.decode()
    garden.refresh_from_db()
    assert garden.responsible_officer is None and garden.deputy_officer is None


def test_the_committee_may_not_name_anyone(town, client):
    response = _post(client, town["nils"], town["garden"], responsible_officer=town["nils"].pk)
    assert response.status_code == 403
    assert Partnership.objects.get(pk=town["garden"].pk).responsible_officer is None

"""Repeated wrong passwords lock the account; every attempt, success and logout is audited."""

import pytest
from django.urls import reverse

from samverka.accounts import login as login_events
from samverka.audit.models import AuditEvent

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_then_fails(client, users):
    officer = users["officer"]
    for number in range(30):
        attempt(client, officer.username, f"fel-losenord-{number}")
    response = attempt(client, officer.username, PASSWORD)
    assert response.status_code == 429
    assert logged_in_user_id(client) is None
    text = response.content.decode()
    assert "Inloggningen är spärrad" in text
    assert "30 minuter" in text
    assert PASSWORD not in text


def test_attempts_and_the_lockout_are_audited_without_passwords(client, users):
    officer = users["officer"]
    for number in range(30):
        attempt(client, officer.username, f"fel-losenord-{number}")
    attempt(client, officer.username, PASSWORD)
    failed = AuditEvent.objects.filter(action=login_events.LOGIN_FAILED, object_id=str(officer.pk))
    assert failed.count() == 31  # 30 wrong passwords and the right one refused during lockout
    assert AuditEvent.objects.filter(action=login_events.LOGIN_LOCKED_OUT,
                                     object_id=str(officer.pk)).exists()
    assert not AuditEvent.objects.filter(action=login_events.LOGIN_SUCCEEDED).exists()
    event = failed.first()
    assert event.user_id is None  # the actor is unknown: only the targeted account is named
    assert event.changes["ip"] == "127.0.0.1"
    assert event.municipality_id == officer.profile.municipality_id
    stored = " ".join(str(row.changes) for row in AuditEvent.objects.all())
    assert "fel-losenord" not in stored and PASSWORD not in stored


def test_lockout_after_the_configured_limit_not_before(client, users, settings):
    officer = users["officer"]
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, officer.username, f"fel-{number}")
    response = attempt(client, officer.username, PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(officer.pk)


def test_lockout_holds_for_that_username_only(client, users):
    for number in range(10):
        attempt(client, users["officer"].username, f"fel-{number}")
    response = attempt(client, users["committee"].username, PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(users["committee"].pk)


def test_unknown_username_is_audited_without_the_typed_text(client, users):
    attempt(client, "Kaffe-i-Kisa-2025-typed-as-username", "x")
    event = AuditEvent.objects.get(action=login_events.LOGIN_FAILED)
    assert event.object_id == ""
    assert event.changes == {"ip": "127.0.0.1", "unknown_username": True}


def test_successful_login_and_logout_are_audited(client, users):
    officer = users["committee"]
    assert attempt(client, officer.username, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    actions = list(AuditEvent.objects.filter(user=officer).order_by("at", "pk")
                   .values_list("action", flat=True))
    assert actions == [login_events.LOGIN_SUCCEEDED, login_events.LOGOUT]

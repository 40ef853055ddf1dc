"""A session ends after SESSION_IDLE_MINUTES without a request; each request renews it."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def later(minutes):
    moment = timezone.now() + timedelta(minutes=minutes)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def portfolio(client):
    return client.get(reverse("portfolio"))


def test_idle_timeout_defaults_to_thirty_minutes_not_two_weeks():
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_an_idle_session_expires(client, users):
    client.force_login(users["committee"])
    assert portfolio(client).status_code == 200
    with later(31):
        response = portfolio(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_activity_keeps_the_session_alive(client, users):
    client.force_login(users["committee"])
    with later(25):
        assert portfolio(client).status_code == 200
    with later(50):  # 25 minutes after the last request, 50 after login
        assert portfolio(client).status_code == 200
    with later(81):
        assert portfolio(client).status_code == 302


def test_the_session_cookie_expires_with_the_idle_timeout(client, users):
    client.force_login(users["committee"])
    response = portfolio(client)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60

"""Administrators and partnership officers need a TOTP code after the password; others do not."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverka.accounts import login as login_events
from samverka.audit.models import AuditEvent

from .conftest import PASSWORD, current_code, log_in_verified

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def log_in(client, user, next_url=""):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": user.username, "password": PASSWORD, "next": next_url})


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)


@pytest.mark.parametrize("role", ["admin", "officer"])
def test_password_alone_reaches_no_page(client, users, require_2fa, role):
    user = users[role]
    enrolled(user)
    log_in(client, user)
    for url in [reverse("portfolio"), reverse("participants:list"), reverse("organisations"),
                reverse("followup:dashboard"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("otp_verify")), url


def test_administrator_gets_in_with_the_code(client, users, require_2fa):
    admin = users["admin"]
    device = enrolled(admin)
    response = log_in(client, admin, next_url=reverse("organisations"))
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("otp_verify"))
    assert "Engångskod" in response.content.decode()
    response = client.post(reverse("otp_verify"),
                           {"token": current_code(device), "next": reverse("organisations")})
    assert response.status_code == 302 and response["Location"] == reverse("organisations")
    assert client.get(reverse("portfolio")).status_code == 200
    assert AuditEvent.objects.filter(user=admin, action=login_events.OTP_VERIFIED).exists()


def test_a_wrong_code_is_refused_with_a_swedish_message_and_audited(client, users, require_2fa):
    admin = users["admin"]
    device = enrolled(admin)
    log_in(client, admin)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("otp_verify"), {"token": wrong})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    assert client.get(reverse("portfolio")).status_code == 302
    assert AuditEvent.objects.filter(user=admin, action=login_events.OTP_FAILED).count() == 1
    response = client.post(reverse("otp_verify"), {"token": "12ab"})
    assert "Engångskoden är sex siffror" in response.content.decode()


def test_an_officer_without_a_device_enrols_first(client, users, require_2fa):
    officer = users["officer"]
    log_in(client, officer)
    response = client.get(reverse("portfolio"))
    assert response["Location"].startswith(reverse("otp_enrol"))
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "QR-kod för autentiseringsappen" in page
    secret = re.search(r'<code class="otp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert secret.replace(" ", "") in device.config_url
    assert client.get(reverse("otp_enrol")).content.decode().count(secret) == 1  # same secret
    response = client.post(reverse("otp_enrol"), {"token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("portfolio")).status_code == 200
    assert AuditEvent.objects.filter(user=officer, action=login_events.OTP_ENROLLED).exists()


def test_enrolment_is_closed_once_a_device_is_confirmed(client, users, require_2fa):
    officer = users["officer"]
    enrolled(officer)
    log_in(client, officer)
    response = client.get(reverse("otp_enrol"))
    assert response["Location"] == reverse("otp_verify")
    assert not TOTPDevice.objects.filter(user=officer, confirmed=False).exists()


@pytest.mark.parametrize("role", ["case_worker", "partner_staff", "committee"])
def test_other_roles_need_no_second_factor(client, users, require_2fa, role):
    log_in(client, users[role])
    assert client.get(reverse("portfolio")).status_code == 200


def test_a_verified_session_helper_for_other_tests(client, users, require_2fa):
    log_in_verified(client, users["admin"])
    assert client.get(reverse("portfolio")).status_code == 200


def test_the_code_pages_send_anonymous_users_to_login(client):
    response = client.get(reverse("otp_verify"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_second_factor_is_required_by_default_when_debug_is_off():
    env = {key: value for key, value in os.environ.items()
           if key not in {"SAMVERKA_REQUIRE_2FA", "DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = "samverka.settings"
    code = "from django.conf import settings; print(settings.SAMVERKA_REQUIRE_2FA)"
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True", result.stderr
    env["DEBUG"] = "1"
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr

"""Municipal sign-in over OpenID Connect, end to end against a provider running in the test."""

import http.client
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from samverka.accounts.models import Profile, Role
from samverka.audit.models import AuditEvent

from .conftest import CASE_WORKERS, OFFICERS, OTHER_OFFICERS, make_rules
from .oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider

SUBJECT = "3f1c-officer-anna"


@pytest.fixture(scope="module")
def provider():
    running = Provider().start()
    yield running
    running.stop()


@pytest.fixture
def oidc(settings, provider, municipality, other_municipality, unit):
    discovery = provider.discovery()
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    make_rules("oidc", "groups", municipality, other_municipality, unit)
    return provider


def follow_provider(url: str) -> str:
    """Open the provider's authorize URL (it approves at once) and return where it sends us."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", f"{parts.path}?{parts.query}")
    response = connection.getresponse()
    assert response.status == 302
    location = response.getheader("Location")
    connection.close()
    return location


def sign_in(client, provider, groups, subject=SUBJECT):
    provider.claims = {"sub": subject, "given_name": "Anna", "family_name": "Berg",
                       "email": "anna.berg@example.org", "groups": groups}
    start = client.get(reverse("sso:oidc_login"))
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer)
    callback = urlsplit(follow_provider(start["Location"]))
    assert callback.path == reverse("sso:oidc_callback")
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_user(client):
    return client.get(reverse("portfolio")).wsgi_request.user


def test_login_page_offers_the_provider(client, oidc):
    response = client.get(reverse("login"))
    assert reverse("sso:oidc_login") in response.content.decode()


def test_first_sign_in_creates_user_with_mapped_role(client, oidc, municipality):
    response = sign_in(client, oidc, [OFFICERS, "alla-anstallda"])
    assert response.status_code == 302 and response["Location"] == reverse("start")
    user = get_user_model().objects.get(username=f"oidc:{SUBJECT}")
    assert (user.first_name, user.last_name) == ("Anna", "Berg")
    assert not user.has_usable_password()
    assert (user.profile.role, user.profile.municipality) == (Role.OFFICER, municipality)
    # An officer needs a second factor, but the identity provider did it: no code page.
    page = client.get(reverse("portfolio"))
    assert page.status_code == 200 and page.wsgi_request.user == user
    assert AuditEvent.objects.filter(action="user.create_sso", object_id=str(user.profile.pk))


def test_role_follows_the_groups_on_each_sign_in(client, oidc, unit):
    sign_in(client, oidc, [OFFICERS])
    client.post(reverse("logout"))
    response = sign_in(client, oidc, [CASE_WORKERS])
    assert response.status_code == 302
    profile = Profile.objects.get(user__username=f"oidc:{SUBJECT}")
    assert (profile.role, profile.referring_unit) == (Role.CASE_WORKER, unit)
    assert AuditEvent.objects.filter(action="user.update_sso", object_id=str(profile.pk))


def test_user_without_mapped_group_is_refused(client, oidc):
    response = sign_in(client, oidc, ["alla-anstallda"])
    assert response.status_code == 403
    assert "ingen inloggningsregel i Samverka ger dig en roll" in response.content.decode()
    assert not get_user_model().objects.filter(username=f"oidc:{SUBJECT}").exists()
    assert not signed_in_user(client).is_authenticated
    refusal = AuditEvent.objects.get(action="login_refused")
    assert refusal.changes["provider"] == "oidc" and refusal.changes["reason"] == "no_rule"


def test_user_of_another_municipality_is_refused(client, oidc, municipality):
    sign_in(client, oidc, [OFFICERS])
    client.post(reverse("logout"))
    response = sign_in(client, oidc, [OTHER_OFFICERS])
    assert response.status_code == 403
    assert "hör till en annan kommun" in response.content.decode()
    profile = Profile.objects.get(user__username=f"oidc:{SUBJECT}")
    assert (profile.municipality, profile.role) == (municipality, Role.OFFICER)
    assert not signed_in_user(client).is_authenticated
    refusal = AuditEvent.objects.get(action="login_refused")
    assert refusal.changes["reason"] == "other_municipality"


def test_new_user_of_another_municipality_gets_that_municipality(client, oidc,
                                                                 other_municipality):
    sign_in(client, oidc, [OTHER_OFFICERS], subject="norrkoping-bo")
    profile = Profile.objects.get(user__username="oidc:norrkoping-bo")
    assert profile.municipality == other_municipality


def test_sign_out_ends_the_session(client, oidc):
    sign_in(client, oidc, [OFFICERS])
    assert signed_in_user(client).is_authenticated
    client.post(reverse("logout"))
    response = client.get(reverse("portfolio"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    logout = AuditEvent.objects.get(action="logout")
    assert logout.changes["provider"] == "oidc"


def test_every_sign_in_is_in_the_audit(client, oidc):
    for _ in range(2):
        sign_in(client, oidc, [OFFICERS])
        client.post(reverse("logout"))
    user = get_user_model().objects.get(username=f"oidc:{SUBJECT}")
    logins = AuditEvent.objects.filter(action="login_succeeded", user=user)
    assert [event.changes["provider"] for event in logins] == ["oidc", "oidc"]
    assert not AuditEvent.objects.filter(action="login_failed").exists()


def test_the_highest_matching_role_wins(client, oidc):
    sign_in(client, oidc, [CASE_WORKERS, OFFICERS])
    assert Profile.objects.get(user__username=f"oidc:{SUBJECT}").role == Role.OFFICER


def test_a_deactivated_account_is_refused(client, oidc):
    sign_in(client, oidc, [OFFICERS])
    client.post(reverse("logout"))
    get_user_model().objects.filter(username=f"oidc:{SUBJECT}").update(is_active=False)
    response = sign_in(client, oidc, [OFFICERS])
    assert response.status_code == 403 and "inaktiverat" in response.content.decode()
    assert not signed_in_user(client).is_authenticated


def test_a_password_session_still_needs_the_code(client, municipality):
    from tests.factories import make_user

    client.force_login(make_user("local-officer", Role.OFFICER, municipality))
    response = client.get(reverse("portfolio"))
    assert response.status_code == 302 and "/login/" in response["Location"]

"""Municipal sign-in over SAML2, end to end against pysaml2's IdP running in the test."""

import base64

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from samverka.accounts.models import Profile, Role
from samverka.audit.models import AuditEvent

from .conftest import CASE_WORKERS, OFFICERS, OTHER_OFFICERS, make_rules
from .saml_idp import IDP_SSO_URL, IdentityProvider

SUBJECT = "a7d2e0-persistent-anna"
GROUP_ATTRIBUTE = "eduPersonEntitlement"


@pytest.fixture(scope="module")
def identity_provider(tmp_path_factory):
    return IdentityProvider(tmp_path_factory.mktemp("saml2"))


@pytest.fixture
def saml2(settings, identity_provider, municipality, other_municipality, unit):
    settings.SAML2_ENABLED = True
    settings.SAML_CONFIG = identity_provider.sp_settings
    sessions = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:sessions + 1], settings.SAML2_SESSION_MIDDLEWARE,
                           *settings.MIDDLEWARE[sessions + 1:]]
    make_rules("saml2", GROUP_ATTRIBUTE, municipality, other_municipality, unit)
    return identity_provider


def sign_in(client, idp, groups, subject=SUBJECT):
    start = client.get(reverse("sso:saml2_login"))
    assert start.status_code == 302 and start["Location"].startswith(IDP_SSO_URL)
    attributes = {"givenName": ["Anna"], "sn": ["Berg"], "mail": ["anna.berg@example.org"],
                  GROUP_ATTRIBUTE: groups}
    return client.post(reverse("sso:saml2_acs"), idp.answer(start["Location"], subject,
                                                             attributes))


def signed_in_user(client):
    return client.get(reverse("portfolio")).wsgi_request.user


def test_login_page_offers_the_provider(client, saml2):
    assert reverse("sso:saml2_login") in client.get(reverse("login")).content.decode()


def test_first_sign_in_creates_user_with_mapped_role(client, saml2, municipality):
    response = sign_in(client, saml2, [OFFICERS, "alla-anstallda"])
    assert response.status_code == 302
    user = get_user_model().objects.get(username=f"saml2:{SUBJECT}")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Berg",
                                                             "anna.berg@example.org")
    assert (user.profile.role, user.profile.municipality) == (Role.OFFICER, municipality)
    page = client.get(reverse("portfolio"))  # no local second factor after the IdP's
    assert page.status_code == 200 and page.wsgi_request.user == user


def test_role_follows_the_attributes_on_each_sign_in(client, saml2, unit):
    sign_in(client, saml2, [OFFICERS])
    client.post(reverse("logout"))
    sign_in(client, saml2, [CASE_WORKERS])
    profile = Profile.objects.get(user__username=f"saml2:{SUBJECT}")
    assert (profile.role, profile.referring_unit) == (Role.CASE_WORKER, unit)


def test_user_without_mapped_group_is_refused(client, saml2):
    response = sign_in(client, saml2, ["alla-anstallda"])
    assert response.status_code == 403
    assert "ingen inloggningsregel i Samverka ger dig en roll" in response.content.decode()
    assert not get_user_model().objects.filter(username=f"saml2:{SUBJECT}").exists()
    assert not signed_in_user(client).is_authenticated
    refusal = AuditEvent.objects.get(action="login_refused")
    assert refusal.changes["provider"] == "saml2" and refusal.changes["reason"] == "no_rule"


def test_user_of_another_municipality_is_refused(client, saml2, municipality):
    sign_in(client, saml2, [OFFICERS])
    client.post(reverse("logout"))
    response = sign_in(client, saml2, [OTHER_OFFICERS])
    assert response.status_code == 403
    assert "hör till en annan kommun" in response.content.decode()
    profile = Profile.objects.get(user__username=f"saml2:{SUBJECT}")
    assert (profile.municipality, profile.role) == (municipality, Role.OFFICER)
    assert not signed_in_user(client).is_authenticated


def test_forged_response_is_refused(client, saml2):
    start = client.get(reverse("sso:saml2_login"))
    answer = saml2.answer(start["Location"], SUBJECT, {GROUP_ATTRIBUTE: ["alla-anstallda"]})
    xml = base64.b64decode(answer["SAMLResponse"]).decode()
    answer["SAMLResponse"] = base64.b64encode(
        xml.replace("alla-anstallda", OFFICERS).encode()).decode()
    response = client.post(reverse("sso:saml2_acs"), answer)
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username=f"saml2:{SUBJECT}").exists()


def test_sign_out_ends_the_session(client, saml2):
    sign_in(client, saml2, [OFFICERS])
    assert signed_in_user(client).is_authenticated
    client.post(reverse("logout"))
    response = client.get(reverse("portfolio"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert AuditEvent.objects.get(action="logout").changes["provider"] == "saml2"


def test_every_sign_in_is_in_the_audit(client, saml2):
    for _ in range(2):
        sign_in(client, saml2, [OFFICERS])
        client.post(reverse("logout"))
    user = get_user_model().objects.get(username=f"saml2:{SUBJECT}")
    logins = AuditEvent.objects.filter(action="login_succeeded", user=user)
    assert [event.changes["provider"] for event in logins] == ["saml2", "saml2"]

"""Local passwords can be switched off: the password form hides and every password login (the
login page and Django's admin) is refused, while the configured municipal sign-in is offered."""

from django.urls import reverse

from samverka.audit.models import AuditEvent
from tests.factories import Role, make_user


def committee_member(municipality):
    user = make_user("ledamot", Role.COMMITTEE, municipality)
    user.set_password("Kaffe-i-Kisa-2025")
    user.save()
    return user


def test_password_login_works_by_default(client, municipality):
    committee_member(municipality)
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' in page and reverse("sso:oidc_login") not in page
    response = client.post(reverse("login"), {"username": "ledamot",
                                              "password": "Kaffe-i-Kisa-2025"})
    assert response.status_code == 302


def test_switched_off_the_form_hides_and_buttons_show(client, settings, municipality):
    settings.LOCAL_LOGIN_ENABLED = False
    settings.OIDC_ENABLED = True
    settings.SAML2_ENABLED = True
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' not in page
    assert reverse("sso:oidc_login") in page and reverse("sso:saml2_login") in page
    assert settings.OIDC_BUTTON_LABEL in page and settings.SAML2_BUTTON_LABEL in page


def test_switched_off_a_password_post_is_refused_in_swedish(client, settings, municipality):
    committee_member(municipality)
    settings.LOCAL_LOGIN_ENABLED = False
    response = client.post(reverse("login"), {"username": "ledamot",
                                              "password": "Kaffe-i-Kisa-2025"})
    assert response.status_code == 403
    assert "Inloggning med lösenord är avstängd" in response.content.decode()
    assert not client.get(reverse("portfolio")).wsgi_request.user.is_authenticated
    assert not AuditEvent.objects.filter(action="login_succeeded").exists()


def test_switched_off_the_admin_login_refuses_passwords_too(client, settings, municipality):
    user = committee_member(municipality)
    user.is_staff = user.is_superuser = True
    user.save()
    settings.LOCAL_LOGIN_ENABLED = False
    client.post("/admin/login/", {"username": "ledamot", "password": "Kaffe-i-Kisa-2025",
                                  "next": "/admin/"})
    assert not client.get(reverse("portfolio")).wsgi_request.user.is_authenticated


def test_providers_are_closed_unless_switched_on(client, db):
    for name in ("sso:oidc_login", "sso:oidc_callback", "sso:saml2_login", "sso:saml2_acs",
                 "sso:saml2_metadata"):
        assert client.get(reverse(name)).status_code == 404

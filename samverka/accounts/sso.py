"""Municipal sign-in through the municipality's identity provider (OIDC or SAML2).

A user is created on first sign-in. Role, municipality and organisation or referring unit come
from the sign-in rules an administrator keeps in the app (SignInRule): the claims or attributes
the identity provider sends are matched against them on every sign-in, so a changed group changes
the role. Claims that match no rule, or rules of another municipality than the user's, refuse the
sign-in: nothing is created or changed, and the refusal is in the audit trail.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from djangosaml2.backends import Saml2Backend as LibrarySaml2Backend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from samverka.audit.actions import record

from .login import SSO_SESSION_KEY, record_login_event
from .models import Profile, Role, SignInProvider, SignInRule

SESSION_KEY = SSO_SESSION_KEY
OIDC_BACKEND = "samverka.accounts.sso.OidcBackend"
SAML2_BACKEND = "samverka.accounts.sso.Saml2Backend"
BACKEND_PROVIDERS = {OIDC_BACKEND: SignInProvider.OIDC, SAML2_BACKEND: SignInProvider.SAML2}
LOGIN_REFUSED = "login_refused"

# Claims (OIDC) and attributes (SAML2) holding the user's name and e-mail.
NAME_CLAIMS = {
    SignInProvider.OIDC: ("given_name", "family_name", "email"),
    SignInProvider.SAML2: ("givenName", "sn", "mail"),
}
# When several rules of one municipality match, the first role in this order wins.
ROLE_ORDER = list(Role.values)

NO_RULE = "no_rule"
OTHER_MUNICIPALITY = "other_municipality"
SEVERAL_MUNICIPALITIES = "several_municipalities"
INACTIVE = "inactive"
NO_SUBJECT = "no_subject"
REFUSAL_MESSAGES = {
    NO_RULE: _("Kommunens identitetstjänst känner dig, men ingen inloggningsregel i Samverka ger "
               "dig en roll. Be Samverkas administratör i din kommun att lägga till din grupp."),
    OTHER_MUNICIPALITY: _("Ditt konto i Samverka hör till en annan kommun än den som "
                          "inloggningsreglerna anger för dig. Inget har ändrats; kontakta "
                          "Samverkas administratör."),
    SEVERAL_MUNICIPALITIES: _("Dina grupper ger dig roller i flera kommuner. Samverka kan inte "
                              "välja åt dig; kontakta Samverkas administratör."),
    INACTIVE: _("Ditt konto i Samverka är inaktiverat. Kontakta Samverkas administratör."),
    NO_SUBJECT: _("Identitetstjänsten skickade ingen identitet. Försök igen eller kontakta "
                  "Samverkas administratör."),
}


class SignInRefused(Exception):
    def __init__(self, reason: str, account=None):
        super().__init__(reason)
        self.reason = reason
        self.account = account


def enabled_providers() -> list[str]:
    providers = []
    if settings.OIDC_ENABLED:
        providers.append(SignInProvider.OIDC)
    if settings.SAML2_ENABLED:
        providers.append(SignInProvider.SAML2)
    return providers


def provider_of_session(request) -> str | None:
    """The provider this session signed in through, or None for a local password."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    provider = session.get(SESSION_KEY)
    if provider and BACKEND_PROVIDERS.get(session.get(BACKEND_SESSION_KEY)) == provider:
        return provider
    return None


def claim_values(claims: dict, name: str) -> set[str]:
    value = claims.get(name)
    if value is None:
        return set()
    if isinstance(value, list | tuple | set):
        return {str(item) for item in value}
    return {str(value)}


def matching_rule(provider: str, claims: dict) -> SignInRule:
    rules = [rule for rule in SignInRule.objects.filter(provider=provider).order_by("pk")
             if rule.value in claim_values(claims, rule.claim)]
    if not rules:
        raise SignInRefused(NO_RULE)
    if len({rule.municipality_id for rule in rules}) > 1:
        raise SignInRefused(SEVERAL_MUNICIPALITIES)
    return min(rules, key=lambda rule: ROLE_ORDER.index(rule.role))


def username_for(provider: str, subject: str) -> str:
    name = f"{provider}:{subject}"
    if len(name) <= 150:
        return name
    return f"{provider}:sha256:{hashlib.sha256(subject.encode()).hexdigest()}"


def first_value(claims: dict, name: str) -> str:
    value = claims.get(name) or ""
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value)[:150]


def account_values(provider: str, claims: dict, rule: SignInRule) -> tuple[dict, dict]:
    first, last, email = NAME_CLAIMS[provider]
    user_values = {"first_name": first_value(claims, first), "last_name": first_value(claims, last),
                   "email": first_value(claims, email)[:254]}
    profile_values = {"role": rule.role, "organisation_id": rule.organisation_id,
                      "referring_unit_id": rule.referring_unit_id}
    return user_values, profile_values


def provision(provider: str, subject: str | None, claims: dict):
    """The user for SUBJECT at PROVIDER, created or brought up to date from the rules."""
    if not subject:
        raise SignInRefused(NO_SUBJECT)
    rule = matching_rule(provider, claims)
    user_values, profile_values = account_values(provider, claims, rule)
    User = get_user_model()
    username = username_for(provider, subject)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is None:
            return _create(username, rule, user_values, profile_values, provider)
        profile = Profile.objects.filter(user=user).first()
        if profile is not None and profile.municipality_id != rule.municipality_id:
            raise SignInRefused(OTHER_MUNICIPALITY, user)
        if not user.is_active:
            raise SignInRefused(INACTIVE, user)
        _update(user, profile, rule, user_values, profile_values, provider)
    return user


def _create(username, rule, user_values, profile_values, provider):
    user = get_user_model()(username=username, **user_values)
    user.set_unusable_password()
    user.save()
    profile = Profile.objects.create(user=user, municipality_id=rule.municipality_id,
                                     **profile_values)
    record(None, "user.create_sso", profile, {"provider": provider, "rule": rule.pk,
                                              **profile_values})
    return user


def _update(user, profile, rule, user_values, profile_values, provider):
    if profile is None:
        profile = Profile(user=user, municipality_id=rule.municipality_id)
    changed = {name: f"{getattr(profile, name)} → {value}"
               for name, value in profile_values.items() if getattr(profile, name) != value}
    for name, value in profile_values.items():
        setattr(profile, name, value)
    profile.save()
    if any(getattr(user, name) != value for name, value in user_values.items()):
        for name, value in user_values.items():
            setattr(user, name, value)
        user.save()
    if changed:
        record(None, "user.update_sso", profile, {"provider": provider, "rule": rule.pk,
                                                  **changed})


def sign_in(request, provider: str, subject: str | None, claims: dict):
    """The user to log in, or None with the refusal noted on REQUEST and in the audit."""
    try:
        return provision(provider, subject, claims)
    except SignInRefused as refusal:
        if request is not None:
            request.sso_refusal = refusal.reason
        record_login_event(LOGIN_REFUSED, request, refusal.account, acting=False,
                           provider=provider, reason=refusal.reason)
        return None


class OidcBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow; the user comes from the sign-in rules."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED or "password" in kwargs or "session_info" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**self.get_userinfo(access_token, id_token, payload), **payload}
        return sign_in(self.request, SignInProvider.OIDC, payload.get("sub"), claims)


class Saml2Backend(LibrarySaml2Backend):
    """djangosaml2's verified assertion; the user comes from the sign-in rules."""

    def authenticate(self, request, session_info=None, **kwargs):
        if not settings.SAML2_ENABLED or not session_info:
            return None
        name_id = session_info.get("name_id")
        subject = getattr(name_id, "text", None) or None
        return sign_in(request, SignInProvider.SAML2, subject, session_info.get("ava") or {})


class LocalLoginSwitch:
    """Stops every password login (the login page, Django's admin) while LOCAL_LOGIN_ENABLED is
    off; sits before ModelBackend, which still answers permission checks. No get_user: sessions
    are never of this backend (and force_login passes it by)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is not None and not settings.LOCAL_LOGIN_ENABLED:
            raise PermissionDenied
        return None

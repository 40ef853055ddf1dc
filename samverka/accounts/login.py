"""Login events in the audit trail: successes, failures, lockouts, logouts and second factors.

No password ever reaches the audit. A failed attempt names the account only when it exists, so a
password typed into the username field is never stored.
"""

from django.conf import settings
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.dispatch import receiver

from samverka.audit.models import AuditEvent

from .policy import profile_of

LOGIN_SUCCEEDED = "login_succeeded"
LOGIN_FAILED = "login_failed"
LOGIN_LOCKED_OUT = "login_locked_out"
LOGOUT = "logout"
OTP_ENROLLED = "otp_enrolled"
OTP_VERIFIED = "otp_verified"
OTP_FAILED = "otp_failed"
SSO_SESSION_KEY = "samverka_sso_provider"  # the same as accounts.sso.SESSION_KEY


def client_ip(request) -> str | None:
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)


def account_named(username) -> object | None:
    """The user called USERNAME, or None; never raises on odd input."""
    if not isinstance(username, str) or not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def record_login_event(action: str, request, account, *, acting: bool, **details) -> AuditEvent:
    """Append a login audit row about ACCOUNT (a user or None); ACTING: the account acted itself."""
    profile = profile_of(account) if account is not None else None
    changes = {"ip": client_ip(request), **details}
    with transaction.atomic():
        return AuditEvent.objects.create(
            user=account if acting else None,
            role=profile.role if profile else "",
            municipality_id=profile.municipality_id if profile else None,
            action=action,
            object_type="auth.user",
            object_id=str(account.pk) if account is not None else "",
            changes=changes,
        )


@receiver(user_logged_in, dispatch_uid="samverka_audit_login")
def audit_login(sender, request, user, **kwargs):
    provider = sso_provider_of(user)
    if provider is None:
        record_login_event(LOGIN_SUCCEEDED, request, user, acting=True)
        return
    # Municipal sign-in: the session remembers the provider (no local second factor needed).
    if request is not None:
        request.session[SSO_SESSION_KEY] = provider
    record_login_event(LOGIN_SUCCEEDED, request, user, acting=True, provider=provider)


def sso_provider_of(user) -> str | None:
    """The identity provider USER was just authenticated by, or None for a local password."""
    from .sso import BACKEND_PROVIDERS

    return BACKEND_PROVIDERS.get(getattr(user, "backend", None))


@receiver(user_login_failed, dispatch_uid="samverka_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    if "username" not in credentials:
        return  # municipal sign-in: refusals are audited by accounts/sso.py with their reason
    account = account_named(credentials.get("username"))
    details = {} if account is not None else {"unknown_username": True}
    record_login_event(LOGIN_FAILED, request, account, acting=False, **details)


@receiver(user_logged_out, dispatch_uid="samverka_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is None:
        return
    from .sso import provider_of_session

    provider = provider_of_session(request)
    details = {"provider": provider} if provider else {}
    record_login_event(LOGOUT, request, user, acting=True, **details)


def audit_locked_out(sender, request, username, ip_address, **kwargs):
    account = account_named(username)
    details = {} if account is not None else {"unknown_username": True}
    record_login_event(LOGIN_LOCKED_OUT, request, account, acting=False, **details)


def connect_signals() -> None:
    """Connect the receivers that need other apps (axes) to be loaded."""
    from axes.signals import user_locked_out

    user_locked_out.connect(audit_locked_out, dispatch_uid="samverka_audit_locked_out")


def lockout_response(request, original_response=None, credentials=None):
    """The Swedish lockout page (AXES_LOCKOUT_CALLABLE), with the cool-off in whole minutes."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "registration/lockout.html", context,
                  status=settings.AXES_HTTP_RESPONSE_CODE)

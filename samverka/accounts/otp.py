"""Second factor (TOTP) for administrators and partnership officers.

After the password, a user who needs a second factor reaches no page but the one-time code page
(or, without a confirmed device, the enrolment page) until a code is verified in this session.
SAMVERKA_REQUIRE_2FA turns the requirement on; it is on unless DEBUG is.
"""

from base64 import b32decode, b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role
from .policy import role_of

SECOND_FACTOR_ROLES = {Role.ADMIN, Role.OFFICER}
VERIFY_URL_NAME = "otp_verify"
ENROL_URL_NAME = "otp_enrol"
# Pages an authenticated user may reach before the second factor.
OPEN_VIEWS = {"login", "logout", "set_language", VERIFY_URL_NAME, ENROL_URL_NAME}

# The demo's administrators and officers share this published TOTP secret (like their published
# passwords); `samverka demo_engangskod` shows the current code. Never used for other accounts.
DEMO_TOTP_SECRET = "SAMVERKADEMOSAMVERKADEMOSAMVERKA"
DEMO_DEVICE_NAME = "Demo"


def needs_second_factor(user) -> bool:
    """Whether USER must verify a one-time code before using the application."""
    if not settings.SAMVERKA_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or role_of(user) in SECOND_FACTOR_ROLES


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def second_factor_url(request) -> str:
    """The page to go to for the second factor, returning to the requested page afterwards."""
    name = VERIFY_URL_NAME if confirmed_device(request.user) else ENROL_URL_NAME
    next_path = request.get_full_path() if request.method == "GET" else request.path
    return f"{reverse(name)}?{urlencode({'next': next_path})}"


class RequireSecondFactorMiddleware:
    """Send users who need a second factor and have not verified one to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        user = request.user
        if (needs_second_factor(user) and not user.is_verified()
                and not signed_in_elsewhere(request)):
            return redirect(second_factor_url(request))
        return None


def signed_in_elsewhere(request) -> bool:
    """Signed in through the municipality's identity provider, which does the second factor."""
    from .sso import provider_of_session

    return provider_of_session(request) is not None


def secret_text(device: TOTPDevice) -> str:
    """The device's secret as base32 in groups of four, for typing into an authenticator app."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def demo_key_hex() -> str:
    return b32decode(DEMO_TOTP_SECRET).hex()


def enrol_demo_device(user) -> TOTPDevice:
    """Give a demo USER a confirmed TOTP device with the published demo secret (idempotent)."""
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name=DEMO_DEVICE_NAME, defaults={"key": demo_key_hex(), "confirmed": True},
    )
    return device

import pytest
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import MunicipalityFactory, Role, make_user

PASSWORD = "Kaffe-i-Kisa-2025"


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Linköpings kommun", code="0580")


@pytest.fixture
def users(municipality):
    """One user per role, all with PASSWORD."""
    made = {}
    for role in Role:
        user = make_user(f"user-{role.value}", role, municipality)
        user.set_password(PASSWORD)
        user.save()
        made[role.value] = user
    return made


@pytest.fixture
def require_2fa(settings):
    settings.SAMVERKA_REQUIRE_2FA = True


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def log_in_verified(client, user):
    """Log USER in on CLIENT with a verified second factor (for tests beyond the login flow)."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    request = type("Request", (), {"session": client.session, "user": user})()
    otp_login(request, device)
    request.session.save()
    return client

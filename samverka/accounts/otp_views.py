"""The one-time code page and the enrolment page of the second factor."""

import re

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .login import OTP_ENROLLED, OTP_FAILED, OTP_VERIFIED, record_login_event
from .otp import confirmed_device, needs_second_factor, secret_text


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Engångskod"),
        max_length=20,
        help_text=gettext_lazy("Sex siffror från autentiseringsappen i din telefon."),
        error_messages={"required": gettext_lazy("Skriv engångskoden.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not re.fullmatch(r"\d{6}", token):
            raise forms.ValidationError(_("Engångskoden är sex siffror."))
        return token


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def check_token(request, form, device) -> bool:
    """Verify the form's code against DEVICE; on failure put a Swedish error on the field."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        form.add_error("token", _("För många felaktiga koder. Vänta en stund och försök igen."))
        return False
    if device.verify_token(form.cleaned_data["token"]):
        return True
    record_login_event(OTP_FAILED, request, request.user, acting=True)
    form.add_error("token", _("Koden stämmer inte. Kontrollera att telefonens klocka går rätt "
                              "och skriv den kod som visas just nu."))
    return False


@never_cache
@login_required
def verify(request):
    if not needs_second_factor(request.user) or request.user.is_verified():
        return redirect(next_url(request))
    device = confirmed_device(request.user)
    if device is None:
        return redirect("otp_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and check_token(request, form, device):
        otp_login(request, device)
        record_login_event(OTP_VERIFIED, request, request.user, acting=True)
        return redirect(next_url(request))
    return render(request, "registration/otp_verify.html",
                  {"form": form, "next": next_url(request)})


def unconfirmed_device(user) -> TOTPDevice:
    """The device being enrolled: the same secret on every visit until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Samverka", confirmed=False)


@never_cache
@login_required
def enrol(request):
    if not needs_second_factor(request.user) or request.user.is_verified():
        return redirect(next_url(request))
    if confirmed_device(request.user) is not None:
        return redirect("otp_verify")
    device = unconfirmed_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and check_token(request, form, device):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        record_login_event(OTP_ENROLLED, request, request.user, acting=True)
        return redirect(next_url(request))
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4, omitsize=True, title=_("QR-kod för autentiseringsappen"))
    return render(request, "registration/otp_enrol.html", {
        "form": form,
        "next": next_url(request),
        "qr_svg": mark_safe(svg),  # noqa: S308 - segno's own markup, escaped title
        "secret": secret_text(device),
    })

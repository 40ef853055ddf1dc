"""Login page (local password and municipal sign-in buttons) and the sign-in endpoints.

The OIDC and SAML2 endpoints answer 404 unless their provider is switched on. A sign-in the
rules refuse ends on a Swedish page saying why; nothing is created or changed.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from djangosaml2 import views as saml2_views
from mozilla_django_oidc import views as oidc_views

from .models import SignInProvider
from .sso import REFUSAL_MESSAGES, enabled_providers


def sso_buttons() -> list[dict]:
    labels = {SignInProvider.OIDC: (settings.OIDC_BUTTON_LABEL, "sso:oidc_login"),
              SignInProvider.SAML2: (settings.SAML2_BUTTON_LABEL, "sso:saml2_login")}
    return [{"label": labels[provider][0], "url_name": labels[provider][1]}
            for provider in enabled_providers()]


class LoginView(auth_views.LoginView):
    """Django's login view; the password form only while LOCAL_LOGIN_ENABLED is on."""

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_LOGIN_ENABLED:
            context = self.get_context_data(local_login_refused=True)
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            local_login_enabled=settings.LOCAL_LOGIN_ENABLED, sso_buttons=sso_buttons(), **kwargs)


def refused(request, reason: str | None, status: int = 403):
    message = REFUSAL_MESSAGES.get(reason) or _(
        "Inloggningen genom kommunens identitetstjänst misslyckades. Försök igen; om det inte "
        "går, kontakta Samverkas administratör.")
    return render(request, "accounts/sso_refused.html", {"message": message}, status=status)


def saml2_failure(request, exception=None, status=403, **kwargs):
    """SAML_ACS_FAILURE_RESPONSE_FUNCTION: djangosaml2 could not sign the user in."""
    return refused(request, getattr(request, "sso_refusal", None), status=status)


def provider_required(setting_name: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not getattr(settings, setting_name):
                raise Http404
            return view(request, *args, **kwargs)
        return wrapper
    return decorator


class OidcAuthenticateView(oidc_views.OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)


class OidcCallbackView(oidc_views.OIDCAuthenticationCallbackView):
    def login_failure(self):
        return refused(self.request, getattr(self.request, "sso_refusal", None))


oidc_login = provider_required("OIDC_ENABLED")(OidcAuthenticateView.as_view())
oidc_callback = provider_required("OIDC_ENABLED")(OidcCallbackView.as_view())
saml2_login = provider_required("SAML2_ENABLED")(saml2_views.LoginView.as_view())
saml2_acs = provider_required("SAML2_ENABLED")(
    saml2_views.AssertionConsumerServiceView.as_view())
saml2_metadata = provider_required("SAML2_ENABLED")(saml2_views.MetadataView.as_view())

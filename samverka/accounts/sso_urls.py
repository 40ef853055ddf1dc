"""Municipal sign-in endpoints, mounted at /sso/ (paths as in accounts/sso_config.py)."""

from django.urls import path

from . import sso_views

app_name = "sso"
urlpatterns = [
    path("oidc/", sso_views.oidc_login, name="oidc_login"),
    path("oidc/callback/", sso_views.oidc_callback, name="oidc_callback"),
    path("saml2/", sso_views.saml2_login, name="saml2_login"),
    path("saml2/acs/", sso_views.saml2_acs, name="saml2_acs"),
    path("saml2/metadata/", sso_views.saml2_metadata, name="saml2_metadata"),
]

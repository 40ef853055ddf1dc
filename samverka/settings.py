"""Django settings for Samverka, read from environment variables with small typed helpers."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_str(name: str, default: str = "") -> str:
    """Return NAME from the environment, or the contents of the file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name, "1" if default else "0")
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY saknas: Samverka startar inte utan en hemlig nyckel när DEBUG är av. "
            "Sätt SECRET_KEY (eller SECRET_KEY_FILE) till en lång slumpmässig sträng, t.ex. "
            "python -c \"import secrets; print(secrets.token_urlsafe(50))\". "
            "(SECRET_KEY is missing: set SECRET_KEY or SECRET_KEY_FILE; only DEBUG=1 may run "
            "without one.)"
        )
    SECRET_KEY = "dev-only-insecure-key-for-debug-mode"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "samverka.core",
    "samverka.accounts",
    "samverka.organisations",
    "samverka.partnerships",
    "samverka.budgets",
    "samverka.provenance",
    "samverka.audit",
    "samverka.documents",
    "samverka.participants",
    "samverka.followup",
    "samverka.impact",
    "samverka.worklist",
    "samverka.demo",
    "samverka.opendata",
    "samverka.papers",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samverka.core.middleware.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "samverka.core.nostore.NoStoreMiddleware",  # no-store for signed-in users (personal data)
    "django_otp.middleware.OTPMiddleware",
    "samverka.accounts.otp.RequireSecondFactorMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # keep last: turns lockouts into the lockout page
]

ROOT_URLCONF = "samverka.urls"
WSGI_APPLICATION = "samverka.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samverka.core.context_processors.navigation",
            ],
        },
    }
]

DEFAULT_DB_URL = f"sqlite:///{PROJECT_DIR / 'samverka.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", DEFAULT_DB_URL))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "samverka.accounts.passwords.UsernameVariantValidator"},
]
# Axes first: it refuses locked-out logins before the model backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"  # the role's worklist (samverka.worklist)
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Dates are always shown as YYYY-MM-DD, whatever the language.
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
FORMAT_MODULE_PATH = ["samverka.formats"]

STATIC_URL = "static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Idle timeout: a session ends after this many minutes without a request (every request renews it).
SESSION_IDLE_MINUTES = int(env_str("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True

# E-mail: the console in development, SMTP (EMAIL_HOST …) when EMAIL_BACKEND says so.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "samverka@localhost")

# Follow-up: small cells (1 to N−1 persons) are suppressed in everything committee members and the
# public see; occupancy below the threshold is flagged; reminders look this many months ahead.
FOLLOWUP_SMALL_CELL = int(env_str("FOLLOWUP_SMALL_CELL", "5"))
FOLLOWUP_UNDER_OCCUPANCY_PERCENT = int(env_str("FOLLOWUP_UNDER_OCCUPANCY_PERCENT", "80"))
FOLLOWUP_REMIND_MONTHS = int(env_str("FOLLOWUP_REMIND_MONTHS", "6"))
# The standard periods figures are published for (roles without participant access, CLI, API,
# open data): "year,half" (default) or "year". The published periods of a year are protected
# together (followup/crossperiod.py); with quarters and months (19 periods) that protection did
# not finish on the demo in 21 minutes (2026-12-01), so they are not offered.
FOLLOWUP_PUBLISHED_PERIODS = tuple(
    kind.strip() for kind in env_str("FOLLOWUP_PUBLISHED_PERIODS", "year,half").split(",")
    if kind.strip())
if FOLLOWUP_PUBLISHED_PERIODS not in (("year", "half"), ("year",)):
    raise ImproperlyConfigured("FOLLOWUP_PUBLISHED_PERIODS: year,half eller year – inte "
                               f"{','.join(FOLLOWUP_PUBLISHED_PERIODS)!r}")

# Participants' personal data is removed or anonymised this many years after the last entry.
PARTICIPANT_RETENTION_YEARS = int(env_str("PARTICIPANT_RETENTION_YEARS", "5"))

# --- Operations (issue 16): production serving, static files, logs, statement timeouts ---------
# Kept as one block of appends so it merges cleanly with the hardening settings above.
from samverka.ops.logs import logging_config  # noqa: E402
from samverka.ops.production import require_postgresql, serving_in_production  # noqa: E402

INSTALLED_APPS.append("samverka.ops")
# Requests are logged outermost (whole duration); whitenoise serves static files right after
# SecurityMiddleware, so the security headers are on static responses too.
MIDDLEWARE.insert(0, "samverka.ops.logs.RequestLogMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")
# Hashed, compressed file names (far-future caching) need `collectstatic` before start-up, so
# they are switched on with STATIC_MANIFEST=1 in production (deploy/samverka.env).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if env_bool("STATIC_MANIFEST", False)
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(STATIC_ROOT)))
# Stored files outside the database (today every attachment is in the database); backed up by
# `samverka backup` together with the database dump.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(PROJECT_DIR / "media")))
# Statistics queries (follow-up pages and reports) are cancelled after this many milliseconds.
STATISTICS_TIMEOUT_MS = int(env_str("STATISTICS_TIMEOUT_MS", "30000"))
# JSON lines on stdout (LOG_FORMAT=text for plain lines), scrubbed of personnummer.
LOGGING = logging_config(env_str("LOG_LEVEL", "INFO"), env_str("LOG_FORMAT", "json"))
require_postgresql(DATABASES,
                   serving_in_production(DEBUG, env_bool("SAMVERKA_PRODUCTION", False)),
                   env_bool("SAMVERKA_ALLOW_SQLITE", False))

# --- Login and deployment hardening ------------------------------------------------------------
# Every variable is listed in README.md ("Drift i produktion").

# HTTPS behind a proxy: HSTS, redirect to HTTPS, the header the proxy sets for HTTPS requests
# (SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https"), origins trusted for CSRF.
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
_proxy_ssl_header = env_list("SECURE_PROXY_SSL_HEADER")
if _proxy_ssl_header and len(_proxy_ssl_header) != 2:
    raise ImproperlyConfigured(
        "SECURE_PROXY_SSL_HEADER ska vara två kommaseparerade värden, t.ex. "
        "HTTP_X_FORWARDED_PROTO,https."
    )
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) if _proxy_ssl_header else None
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts, styles and images only from this site; no inline script or
# style, no plugins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Lockout after repeated failed logins (django-axes), per username and IP address together.
AXES_FAILURE_LIMIT = int(env_str("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "samverka.accounts.login.lockout_response"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit trail (accounts/login.py)

# Second factor (TOTP) for administrators and partnership officers; on unless DEBUG is.
SAMVERKA_REQUIRE_2FA = env_bool("SAMVERKA_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Samverka"

# --- Hardening (issue 11): body size before the body is read; query parameters --------------
# A request declaring a bigger body than this is refused with 413 before anything reads it
# (samverka.core.bodylimit); Django's own limits then apply to what is read.
REQUEST_BODY_MAX_BYTES = int(env_str("REQUEST_BODY_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = min(REQUEST_BODY_MAX_BYTES, 5 * 1024 * 1024)  # form fields
FILE_UPLOAD_MAX_MEMORY_SIZE = min(REQUEST_BODY_MAX_BYTES, 5 * 1024 * 1024)  # then a temp file
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "samverka.core.bodylimit.RequestBodyLimitMiddleware")
MIDDLEWARE.append("samverka.core.params.BadParameterMiddleware")

# --- Municipal sign-in (issue 16): OIDC and SAML2, local passwords can be switched off --------
# Every variable is listed in README.md and docs/operations.md. Both providers are off by default.
from samverka.accounts.sso_config import saml_config  # noqa: E402

LOCAL_LOGIN_ENABLED = env_bool("LOCAL_LOGIN_ENABLED", True)
AUTHENTICATION_BACKENDS += ["samverka.accounts.sso.OidcBackend",
                            "samverka.accounts.sso.Saml2Backend"]
AUTHENTICATION_BACKENDS.insert(
    AUTHENTICATION_BACKENDS.index("django.contrib.auth.backends.ModelBackend"),
    "samverka.accounts.sso.LocalLoginSwitch")  # refuses passwords when LOCAL_LOGIN_ENABLED=0
LOGIN_REDIRECT_URL_FAILURE = "login"

OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_BUTTON_LABEL = env_str("OIDC_BUTTON_LABEL", "Logga in med kommunens konto")
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:oidc_callback"
if OIDC_ENABLED and not all([OIDC_RP_CLIENT_ID, OIDC_OP_AUTHORIZATION_ENDPOINT,
                             OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT,
                             OIDC_OP_JWKS_ENDPOINT]):
    raise ImproperlyConfigured(
        "OIDC_ENABLED=1 kräver OIDC_RP_CLIENT_ID, OIDC_OP_AUTHORIZATION_ENDPOINT, "
        "OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT och OIDC_OP_JWKS_ENDPOINT.")

SAML2_ENABLED = env_bool("SAML2_ENABLED", False)
SAML2_BUTTON_LABEL = env_str("SAML2_BUTTON_LABEL", "Logga in med e-legitimation")
SAML_CONFIG = saml_config(
    entity_id=env_str("SAML2_SP_ENTITY_ID"), base_url=env_str("SAML2_SP_BASE_URL"),
    key_file=env_str("SAML2_SP_KEY_FILE"), cert_file=env_str("SAML2_SP_CERT_FILE"),
    idp_metadata_file=env_str("SAML2_IDP_METADATA_FILE"),
    idp_metadata_url=env_str("SAML2_IDP_METADATA_URL"),
    idp_metadata_cert=env_str("SAML2_IDP_METADATA_CERT"),
) if SAML2_ENABLED else {}
if SAML2_ENABLED and not all([SAML_CONFIG["entityid"], SAML_CONFIG["key_file"],
                              SAML_CONFIG["cert_file"], SAML_CONFIG["metadata"],
                              env_str("SAML2_SP_BASE_URL")]):
    raise ImproperlyConfigured(
        "SAML2_ENABLED=1 kräver SAML2_SP_ENTITY_ID, SAML2_SP_BASE_URL, SAML2_SP_KEY_FILE, "
        "SAML2_SP_CERT_FILE och SAML2_IDP_METADATA_FILE eller SAML2_IDP_METADATA_URL.")
SAML_SESSION_COOKIE_NAME = "saml_session"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_ACS_FAILURE_RESPONSE_FUNCTION = "samverka.accounts.sso_views.saml2_failure"
SAML_CSP_HANDLER = ""  # requests go by HTTP-Redirect: no inline script to allow
SAML_IGNORE_LOGOUT_ERRORS = True
SAML2_SESSION_MIDDLEWARE = "djangosaml2.middleware.SamlSessionMiddleware"
if SAML2_ENABLED:  # djangosaml2's own session cookie (SameSite=None) for the IdP's POST back
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
                      SAML2_SESSION_MIDDLEWARE)
# djangosaml2 logs a refused assertion's attributes (staff names, e-mail) as a warning: errors only.
LOGGING["loggers"].update({"djangosaml2": {"level": "ERROR"}, "saml2": {"level": "ERROR"}})

# --- Open data and public-sector papers (issue 17) --------------------------------------------
# Contact addresses published in the DCAT-AP-SE catalogue (/oppna-data/dcat.rdf) and on the
# accessibility statement (/tillganglighet/), where users report accessibility problems.
OPEN_DATA_CONTACT_EMAIL = env_str("OPEN_DATA_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
# --- REST API for partner and case-management systems (issue 17) ----------------------------
# Clients are systems with a bearer token (samverka/api); no session or basic authentication,
# so no CSRF and no browser sign-in reaches the API. The OpenAPI 3 description: /api/v1/schema/.
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "samverka.api"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["samverka.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "samverka.api.errors.handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samverka API",
    "VERSION": "1",
    "DESCRIPTION": (
        "Samverkas API för verksamhetssystem: registret över partnerskap, anvisningar från "
        "socialtjänstens verksamhetssystem, svar på anvisningar, placeringar, veckotimmar och "
        "avslut från samverkansparternas system, och publicerad statistik. Klienter är system "
        "med en nyckel (Authorization: Bearer) och behörigheter; samma regler, åtgärder och "
        "åtkomstlogg som webben gäller.\n\n"
        "Samverka's API for business systems: the register of partnerships, referrals from the "
        "social services' case-management systems, answers to referrals, placements, weekly "
        "hours and exits from partner organisations' systems, and published statistics. Clients "
        "are systems with a token (Authorization: Bearer) and scopes; the same rules, actions "
        "and access log as the web apply."),
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    # Swedish and English for what DRF generates (parameters, answers, the fields' titles).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "samverka.api.schema_docs.postprocess"],
}

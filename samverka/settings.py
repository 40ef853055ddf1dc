"""Django settings for Samverka, read from environment variables with small typed helpers."""

import os
from pathlib import Path

import dj_database_url

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
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
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
    "samverka.demo",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portfolio"
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

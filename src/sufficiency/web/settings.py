"""Django settings for the Sufficiency web adapter.

Configuration comes from the environment, so that one settings module serves the demo, the tests
and a deployment:

- ``SUFFICIENCY_DEBUG``: ``1`` for local development (``make run``). Off unless set.
- ``SUFFICIENCY_SECRET_KEY``: the signing key. Unset with DEBUG off, one is generated once into
  ``var/secret_key`` (owner-only) and kept; with DEBUG on a development key is used.
- ``var/`` is the working directory's unless ``SUFFICIENCY_VAR_DIR`` names another; never the
  folder the package is installed in. It holds the secret key file too.
- ``SUFFICIENCY_SQLITE_TIMEOUT``: seconds a SQLite writer waits for another's lock (default 20).
- ``SUFFICIENCY_SESSION_IDLE_MINUTES``: a session unused this long is signed out (default 30).
- ``DATABASE_URL``: any database dj-database-url understands; SQLite under ``var/`` by default.
- ``SUFFICIENCY_ALLOWED_HOSTS``: comma-separated host names (default: localhost names only).
- ``SUFFICIENCY_VAR_DIR``: where the SQLite file and built assets live (default: ``var/``).
- ``SUFFICIENCY_TRUSTED_PROXIES``: how many reverse proxies in front of the service append to
  ``X-Forwarded-For`` (default 0: the header is ignored). See SECURITY.md.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext

from sufficiency.web.server import secret_key_file, sqlite_options, var_dir

django_stubs_ext.monkeypatch()  # generic admin and form classes at run time, as the stubs type them


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = var_dir()  # the working directory's var/, or SUFFICIENCY_VAR_DIR

DEBUG = _flag("SUFFICIENCY_DEBUG")
TESTING = _flag("SUFFICIENCY_TESTING")  # set by the test suite's configuration only

_DEV_SECRET_KEY = "django-insecure-sufficiency-development-only-never-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SUFFICIENCY_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = _DEV_SECRET_KEY
    elif _flag("SUFFICIENCY_COMMAND_LINE"):
        # A `sufficiency` command signs nothing that outlives its process: a random key will do.
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        SECRET_KEY = secret_key_file(VAR_DIR / "secret_key")

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("SUFFICIENCY_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the OpenAPI docs' scripts from here, not from a CDN
    "axes",  # locks out repeated failed sign-ins
    "django_otp",  # two-factor sign-in: authenticator apps (TOTP) and recovery codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "sufficiency.web.core",
    "sufficiency.web.audit",
    "sufficiency.web.accounts",
    "sufficiency.web.frameworks",
    "sufficiency.web.published",
    "sufficiency.web.api",
    "sufficiency.web.demo",
    "sufficiency.web.providers",
    "sufficiency.web.inspections",
    "sufficiency.web.assessments",
    "sufficiency.web.results",
    "sufficiency.web.reports",
    "sufficiency.web.operations",
    "sufficiency.web.twofactor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sufficiency.web.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "sufficiency.web.core.middleware.RequestSizeLimitMiddleware",  # before anything reads a body
    "sufficiency.web.core.middleware.NoStoreForSignedInMiddleware",
    "sufficiency.web.audit.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sufficiency.web.twofactor.middleware.SessionIdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sufficiency.web.twofactor.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "sufficiency.web.urls"
WSGI_APPLICATION = "sufficiency.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sufficiency.web.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'sufficiency.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# Several checkouts may test against one server at once: each names its own test database.
DATABASES["default"]["TEST"] = {
    "NAME": os.environ.get("SUFFICIENCY_TEST_DATABASE_NAME", "test_sufficiency")
}
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {}  # an in-memory database, shared with the live server
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Many gunicorn workers share one file: WAL lets readers go on while one writes, writers wait
    # for each other (busy timeout) instead of failing, and take the lock when they begin.
    DATABASES["default"]["OPTIONS"] = sqlite_options(
        float(os.environ.get("SUFFICIENCY_SQLITE_TIMEOUT", "20"))
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts, sessions and passwords.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:start"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Repeated failed sign-ins lock that username from that address for a while (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind N reverse proxies, the client is the N-th address from the right of X-Forwarded-For;
# sign-in lockouts and the audit log use it (sufficiency.web.core.client). 0: REMOTE_ADDR only.
SUFFICIENCY_TRUSTED_PROXIES = int(os.environ.get("SUFFICIENCY_TRUSTED_PROXIES", "0") or 0)
AXES_CLIENT_IP_CALLABLE = "sufficiency.web.core.client.client_ip"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
# A session unused this long is signed out (twofactor.middleware); SUFFICIENCY_SESSION_IDLE_MINUTES.
SESSION_IDLE_TIMEOUT = timedelta(
    minutes=int(os.environ.get("SUFFICIENCY_SESSION_IDLE_MINUTES") or 30)
)
OTP_TOTP_ISSUER = "Sufficiency"  # the name authenticator apps show beside the code
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Transport and browser security. Cookies are secure and HTTPS is enforced outside development.
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = not (DEBUG or TESTING) and not _flag("SUFFICIENCY_BEHIND_PLAIN_HTTP")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if (DEBUG or TESTING) else 60 * 60 * 24 * 365
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Inline <svg> charts carry style attributes, so styles (never scripts) may be inline.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Uploaded report files are parsed from memory or a temporary file, never kept on disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # any body but a file upload (forms, API JSON)
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
PUBLISHED_REPORT_MAX_BYTES = 20 * 1024 * 1024
# A whole multipart upload, refused before it is read (core.middleware.RequestSizeLimitMiddleware).
SUFFICIENCY_MAX_UPLOAD_BYTES = PUBLISHED_REPORT_MAX_BYTES + 1024 * 1024

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"  # for collectstatic in a deployment
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it to exist
# `make assets` copies the GOV.UK Frontend build from node_modules here.
ASSETS_DIR = VAR_DIR / "assets"
STATICFILES_DIRS = [ASSETS_DIR] if ASSETS_DIR.is_dir() else []
WHITENOISE_USE_FINDERS = True  # serve straight from the app and asset folders, no collectstatic
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

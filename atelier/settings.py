"""Settings for the Leeratelier portal, read from environment variables.

Local defaults are safe for a laptop (`make run`). Set `PRODUCTION=true` on a server:
the site then refuses to start without `SECRET_KEY` and `ALLOWED_HOSTS`, and turns on
the security settings that `manage.py check --deploy` asks for. The README lists every
variable.
"""

import ipaddress
import os
import re
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


PRODUCTION = env_bool("PRODUCTION")
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when PRODUCTION is on.")

VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY: production refuses to start without it.")
    SECRET_KEY = "django-insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS: production refuses to start without it.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "atelier",
    "members",
    "sessions_app",
    "knowledge",
    "questions",
    "value",
    "notifications",
    "dashboard",
    "portal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "allauth",
    "allauth.account",
    "taggit",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: the request id and the duration cover all that follows (atelier/request_log.py).
    "atelier.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "atelier.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come compressed already), before all that writes the
    # body: the page cache keeps pages uncompressed and the CSRF token is put in first.
    "atelier.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "atelier.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Who made a change, for the versions of library items (knowledge/versions.py).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

# Answers compressed by the site itself when no proxy does it (`make serve`);
# atelier/compression.py says what is compressed and why that is safe against BREACH.
# Behind nginx set it to false: nginx compresses (deploy/nginx/compression.conf).
COMPRESS_RESPONSES = env_bool("COMPRESS_RESPONSES", default=True)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "atelier.wsgi.application"

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
                "atelier.context_processors.site_settings",
                "members.context_processors.access",
            ],
            # In every template without a {% load %}: one way to write <time datetime>.
            "builtins": ["atelier.templatetags.html_time"],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'atelier.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
        # Behind pgbouncer's transaction pooling a cursor kept between transactions breaks.
        disable_server_side_cursors=env_bool("DISABLE_SERVER_SIDE_CURSORS"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; immediate transactions take the
    # write lock up front, so concurrent writers queue (up to the timeout) instead of
    # failing half-way with "database is locked". Reads go through a memory map and a
    # larger page cache: a search reads thousands of rows, and copying each page into
    # SQLite's default 2 MB cache was a fifth of its time (docs/benchmarks.md).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            f" PRAGMA mmap_size={env_int('SQLITE_MMAP_BYTES', 256 * 1024 * 1024)};"
            f" PRAGMA cache_size=-{env_int('SQLITE_CACHE_KIB', 32 * 1024)};"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file, not memory: threads of the concurrency tests then each get a
    # real connection with SQLite's own locking, as in production.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"atelier-test-{os.getpid()}.sqlite3")
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The data of a site this size sits in memory, where a random read costs about as
    # much as a sequential one. At PostgreSQL's default (4) the planner read every item
    # to search a member's library, uncompressing each search vector, rather than use
    # the GIN index: 48 ms against 18 ms for two common words.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={os.environ.get('POSTGRES_RANDOM_PAGE_COST', '1.1')}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

AUTHENTICATION_BACKENDS = [
    # Django's and django-allauth's, each loading the member's profile with the user.
    "members.backends.ModelBackend",
    "members.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: e-mail is the login, verified before first use; no account enumeration.
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Leeratelier] "
# allauth's forms with the site's own labels (members/account_forms.py).
ACCOUNT_FORMS = {
    name: f"members.account_forms.{form}"
    for name, form in [
        ("login", "LoginForm"),
        ("signup", "SignupForm"),
        ("add_email", "AddEmailForm"),
        ("change_password", "ChangePasswordForm"),
        ("set_password", "SetPasswordForm"),
        ("reset_password", "ResetPasswordForm"),
        ("reset_password_from_key", "ResetPasswordKeyForm"),
        ("reauthenticate", "ReauthenticateForm"),
    ]
}
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    # The site's own forms (atelier/ratelimit.py); the key is the guest's e-mail address.
    "guest_registration": "10/m/ip,3/10m/key",
    "comment": "10/m/user,60/h/user",
    "upload": "10/m/user,100/h/user",
}
# Behind a reverse proxy every request arrives from the proxy's address, and per-address
# limits would count all visitors as one. TRUSTED_PROXY_COUNT is the number of proxies in
# front of the site (the client is that many places from the end of X-Forwarded-For), or
# TRUSTED_CLIENT_IP_HEADER names a header the proxy sets. The default trusts no header,
# so a client cannot choose the address it is counted under.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# Cache shared by every worker: the database by default, so rate limits hold across
# gunicorn workers without another service. With several app servers, Redis:
# CACHE_BACKEND=atelier.shared_cache.RedisCache (Django's RedisCache, safe when Redis is
# away) and CACHE_LOCATION=redis://host:6379/0.
DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", DATABASE_CACHE)
CACHES = {
    "default": {
        "BACKEND": CACHE_BACKEND,
        "LOCATION": os.environ.get("CACHE_LOCATION", "atelier_cache"),
        # An unreachable Redis costs a request a fraction of a second, not a worker's timeout.
        "OPTIONS": (
            {
                "socket_connect_timeout": env_float("CACHE_CONNECT_TIMEOUT", 0.25),
                "socket_timeout": env_float("CACHE_TIMEOUT", 0.5),
            }
            if "redis" in CACHE_BACKEND.lower()
            else {}
        ),
    },
    # Built pages, in each worker's memory; atelier/page_cache.py keeps them correct.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 1000)},
    },
}
# How long a built page may be served while nothing changes (0 turns the cache off).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# How long the dashboard shows a period's figures as counted before it counts them again
# (dashboard/counted_figures.py); the coordinator can count again at any moment.
DASHBOARD_COUNT_SECONDS = env_int("DASHBOARD_COUNT_SECONDS", 15 * 60)
# Sessions in the database; with a cache outside it (Redis), read through that cache too.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.db"
    if CACHE_BACKEND == DATABASE_CACHE
    else "django.contrib.sessions.backends.cached_db"
)

# Language and time: Dutch first, English second; times shown in Amsterdam.
LANGUAGE_CODE = "nl"
# Each language is named in its own tongue, so it is not translated.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files, served by WhiteNoise: hashed and compressed in production.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Uploaded files: a folder every app server reaches (a shared mount) by default, or an
# S3-compatible bucket when S3_BUCKET is set. Members-only files are always served through
# the views that check who may see them (atelier/protected_files.py): for a bucket, by a
# redirect to a signed address that lasts S3_SIGNED_URL_SECONDS; for the folder, by nginx
# when MEDIA_ACCEL_REDIRECT names its internal location (X-Accel-Redirect), else by Django.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "").strip()
if MEDIA_ACCEL_REDIRECT and not re.fullmatch(r"/[\w/-]*/", MEDIA_ACCEL_REDIRECT):
    raise ImproperlyConfigured("MEDIA_ACCEL_REDIRECT is a path with a slash at both ends.")
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            # Private objects, reached only through signed addresses made by the views.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("S3_SIGNED_URL_SECONDS", 60),
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# E-mail: files in var/mail locally (or the console), SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Leeratelier Samenlevingsopbouw <noreply@leeratelier.localhost>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Beheer", address) for address in env_list("ADMINS")]
# Every e-mail is queued in the database and sent by the worker (`manage.py mail_worker`,
# atelier/mail_queue.py); no request waits for the mail server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Security: always sensible, strict in production (passes `check --deploy`).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
# Where signed addresses of a bucket point (an S3-compatible service, or AWS).
S3_IMAGE_ORIGIN = os.environ.get("S3_ENDPOINT_URL", "").rstrip("/") or "https://*.amazonaws.com"
# No inline script or style anywhere, the site's own origin only (the admin works under
# it too); a script a user sneaks into a page cannot run.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Members' photos come from the bucket's signed addresses when media is on S3.
        "img-src 'self' data:" + (f" {S3_IMAGE_ORIGIN}" if S3_BUCKET else ""),
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    # Behind a reverse proxy that terminates TLS and sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers and Prometheus ask each app server directly, over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
# "json": one JSON object per line with the request id, and a line for every request
# whatever LOG_LEVEL says (atelier/json_logs.py, atelier/request_log.py); "plain": text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain").strip().lower()
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT is plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {"json": {"()": "atelier.json_logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own messages once: through this console, not also through Django's default
    # one (each line was printed twice with DEBUG on); errors still mail ADMINS.
    "loggers": {
        "django": {
            "handlers": ["console", "mail_admins"],
            "level": "INFO" if DEBUG else LOG_LEVEL,
            "propagate": False,
        },
        **({"atelier.requests": {"level": "INFO"}} if LOG_FORMAT == "json" else {}),
    },
}

# The release this server runs (a tag or commit, set in the environment file with each
# release): /health/ and /health/ready/ name it in X-Release, so that a rolling upgrade
# shows which servers run the new code (docs/operations.md).
RELEASE = os.environ.get("RELEASE", "").strip()

# Error tracking with Sentry beside the e-mails to ADMINS, only when SENTRY_DSN is set;
# nothing personal is sent (atelier/error_tracking.py).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production" if PRODUCTION else "local")

# Prometheus metrics at /metrics (atelier/metrics.py), for a request with
# "Authorization: Bearer <METRICS_TOKEN>" or from an address in METRICS_ALLOWED_IPS
# (addresses or networks, comma-separated); with neither, for nobody. Counted only then:
# django-prometheus's middlewares go around all others.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "").strip()
if PRODUCTION and METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("METRICS_TOKEN is 32 characters or more.")
try:
    METRICS_ALLOWED_NETWORKS = [
        ipaddress.ip_network(entry, strict=False) for entry in env_list("METRICS_ALLOWED_IPS")
    ]
except ValueError as error:
    raise ImproperlyConfigured(f"METRICS_ALLOWED_IPS: {error}") from error
if METRICS_TOKEN or METRICS_ALLOWED_NETWORKS:
    MIDDLEWARE = [
        "django_prometheus.middleware.PrometheusBeforeMiddleware",
        *MIDDLEWARE,
        "django_prometheus.middleware.PrometheusAfterMiddleware",
    ]

FORM_RENDERER = "atelier.forms.FormRenderer"
CSRF_FAILURE_VIEW = "atelier.views.csrf_failure"
TAGGIT_CASE_INSENSITIVE = True

# The address the site is published under: every absolute address (links in e-mails,
# calendars and feeds, canonical links, link previews) is built on it (atelier/addresses.py).
SITE_URL = (
    os.environ.get("SITE_URL", "").strip() or ("" if PRODUCTION else "http://127.0.0.1:8000")
).rstrip("/")
if PRODUCTION and not SITE_URL:
    raise ImproperlyConfigured(
        "Set SITE_URL (e.g. https://leeratelier.example.org): production refuses to start "
        "without it."
    )
if SITE_URL and not re.fullmatch(r"https?://[^/\s]+", SITE_URL):
    raise ImproperlyConfigured("SITE_URL is a scheme and a host only, e.g. https://example.org.")
# The site's name in e-mails (allauth's greet and sign with it instead of the request's host).
SITE_NAME = "Leeratelier Samenlevingsopbouw"

# Days after a meeting that its members get the e-mail asking what it brought them
# (value/follow_ups.py, the send_follow_ups command).
FOLLOW_UP_AFTER_DAYS = int(os.environ.get("FOLLOW_UP_AFTER_DAYS", "28"))

# When the digests go out (notifications/digests.py, the send_digests command): the daily
# one from this hour on, the weekly one from this hour on this day (0 = Monday), in TIME_ZONE.
DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", "7"))
DIGEST_WEEKDAY = int(os.environ.get("DIGEST_WEEKDAY", "0"))

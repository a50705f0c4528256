"""Wspólnie settings.

Everything comes from the environment, with safe development defaults so that
`make run` needs none of it (DESIGN §4).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WSPOLNIE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The development key is only ever used with DEBUG on; production must set its own.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production-0123")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", BASE_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "backend.common",
    "backend.accounts",
    "backend.people",
    "backend.inventory",
    "backend.donations",
    "backend.notifications",
    "backend.distribution",
    "backend.drives",
    "backend.exchange",
    "backend.volunteers",
    "backend.events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "backend.common.middleware.PolishFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "backend.urls"
WSGI_APPLICATION = "backend.wsgi.application"
ASGI_APPLICATION = "backend.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "backend.common.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# Embedded default: SQLite in var/, WAL, a busy timeout and IMMEDIATE
# transactions so that concurrent writers queue instead of failing (DESIGN §4).
SQLITE_PATH = VAR_DIR / "wspolnie.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"))
}
# Persistent connections: a new PostgreSQL connection costs 4-11 ms per request. On by default
# in production on PostgreSQL (60 s, with a health check so a dropped connection is replaced);
# SQLite opens in microseconds and gains nothing. CONN_MAX_AGE / CONN_HEALTH_CHECKS override.
_persistent = DATABASES["default"]["ENGINE"].endswith("postgresql") and not DEBUG
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", 60 if _persistent else 0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = os.environ.get(
    "CONN_HEALTH_CHECKS", "1" if DATABASES["default"]["CONN_MAX_AGE"] else "0") == "1"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Drives ---------------------------------------------------------------
# Allocation reserves only lots whose expiry is later than the drive's last distribution
# day plus this many days (docs/decisions/0032).
FOOD_EXPIRY_MARGIN_DAYS = int(os.environ.get("FOOD_EXPIRY_MARGIN_DAYS", "2"))
# Failed log-ins per username+IP before a pause (backend.accounts.throttling).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", "900"))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "wspolnie",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

# --- Language, time, formats ----------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", *sorted((BASE_DIR / "templates").glob("*/locale"))]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["backend.common.formats"]
PHONE_DEFAULT_REGION = "PL"

# --- Static and media -----------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Background work (DESIGN §4) -------------------------------------------
# Default: the database worker (`manage.py db_worker`). Scale-out on Redis:
# TASKS_BACKEND=django_tasks_rq.RQBackend and REDIS_URL=... (see README).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "sms"],
    }
}

# --- SMS (DESIGN §3; backend.notifications) ---------------------------------
SMS_BACKEND = os.environ.get("SMS_BACKEND", "console")  # console | twilio
TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
TWILIO_FROM = os.environ.get("TWILIO_FROM", "")  # +48... or an alphanumeric sender
TWILIO_MESSAGING_SERVICE_SID = os.environ.get("TWILIO_MESSAGING_SERVICE_SID", "")
TWILIO_API_BASE = os.environ.get("TWILIO_API_BASE", "")  # tests: the fake Twilio server
TWILIO_TIMEOUT = float(os.environ.get("TWILIO_TIMEOUT", "10"))
SMS_RATE_PER_SECOND = float(os.environ.get("SMS_RATE_PER_SECOND", "10"))  # 0 = no pacing
# The centre on every printed document (lists, protocols, receipts); CENTRE_LOGO is a path
# to a PNG/JPEG on this server (optional).
CENTRE_NAME = os.environ.get("CENTRE_NAME", "Miejski Ośrodek Pomocy Społecznej")
CENTRE_ADDRESS = os.environ.get("CENTRE_ADDRESS", "")
CENTRE_PHONE = os.environ.get("CENTRE_PHONE", "")
CENTRE_LOGO = os.environ.get("CENTRE_LOGO", "")

SMS_QUIET_HOURS = os.environ.get("SMS_QUIET_HOURS", "08:00-20:00")  # sending window; "" = any
SMS_PRICE_PER_SEGMENT = os.environ.get("SMS_PRICE_PER_SEGMENT", "0.16")  # PLN
# Who the notices are from and whom to call: the centre, never the product's name.
SMS_SENDER_NAME = os.environ.get("SMS_SENDER_NAME", "MOPS Zgorzelec")
CENTRE_PHONE = os.environ.get("CENTRE_PHONE", "+48757751234")
SMS_MAX_ATTEMPTS = int(os.environ.get("SMS_MAX_ATTEMPTS", "6"))
SMS_STALE_SENDING_SECONDS = int(os.environ.get("SMS_STALE_SENDING_SECONDS", "300"))

# --- Personal data: retention in days per kind of record (RODO) ---------------
# `manage.py privacy_retention` (daily; also the task backend.common.tasks.privacy_retention)
# anonymises what has outlived these; 0 keeps it until erasure is requested. The register
# page (/privacy/register/) lists them. Each kind is declared in backend/<app>/privacy.py.
RETENTION_DAYS = {
    # households (and everything about them) with no change, enrolment or request
    "households": int(os.environ.get("RETENTION_HOUSEHOLDS_DAYS", str(5 * 365))),
    "sms_sent": int(os.environ.get("RETENTION_SMS_SENT_DAYS", "365")),  # number and text
    "sms_received": int(os.environ.get("RETENTION_SMS_RECEIVED_DAYS", "90")),  # replies
    "import_files": int(os.environ.get("RETENTION_IMPORT_FILES_DAYS", "30")),  # CSV uploads
    "exchange_offers": int(os.environ.get("RETENTION_EXCHANGE_OFFERS_DAYS", "365")),
    "exchange_requests": int(os.environ.get("RETENTION_EXCHANGE_REQUESTS_DAYS", "730")),
}

# --- API ------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["backend.common.permissions.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "backend.common.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "backend.common.errors.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wspólnie API",
    "DESCRIPTION": "Volunteers, in-kind aid, stock and SMS for social-welfare centres.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Email (password reset) -----------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wspolnie@localhost")

# --- Security (production: DEBUG=0 turns these on) --------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading HSTS is a commitment of the centre that owns the domain, not ours to make.
SILENCED_SYSTEM_CHECKS = [] if env_bool("SECURE_HSTS_PRELOAD", False) else ["security.W021"]

# --- Logging: no personal data; request paths only, never bodies ----------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "backend.common.logging.RedactPersonalData"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"},
                # twilio logs request parameters (numbers, bodies) at INFO: never.
                "twilio": {"level": "WARNING"}},
}

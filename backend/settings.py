"""Wspólnie settings.

Everything comes from the environment, with safe development defaults so that
`make run` needs none of it (DESIGN §4).
"""

import os
from datetime import timedelta
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
# The development defaults are only ever used with DEBUG on: with DEBUG=0 a missing or
# weak SECRET_KEY, ALLOWED_HOSTS or BASE_URL stops the start (backend.common.startup).
DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]" if DEBUG else "")
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", BASE_URL)
if not DEBUG:
    from backend.common.startup import check_production_settings

    check_production_settings(SECRET_KEY, ALLOWED_HOSTS, BASE_URL, DEV_SECRET_KEY)

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
    "axes",
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
    "backend.camps",
    "backend.reports",
    "backend.foodaid",
    "backend.partners",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped for a phone on one bar (docs/decisions/0111); WhiteNoise above serves
    # static files already compressed. Django's gzip pads against BREACH (4.2+).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "backend.common.middleware.PolishFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "backend.common.middleware.NoStoreMiddleware",
    "backend.common.errors.ProtectedErrorMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: turns a locked-out log-in into the lock-out page (429).
    "axes.middleware.AxesMiddleware",
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
# Server-side cursors cost three round trips per .iterator() (each <select> of sites on a
# page) and break behind pgbouncer's transaction pooling; our exports chunk their reads.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = os.environ.get(
    "DB_SERVER_SIDE_CURSORS", "0") != "1"
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
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out log-in before the password is even checked.
    "backend.accounts.lockout.LockoutBackend",
    "backend.accounts.backends.PermissionBackend",  # ModelBackend, one permission query
]

# --- Drives ---------------------------------------------------------------
# Allocation reserves only lots whose expiry is later than the drive's last distribution
# day plus this many days (docs/decisions/0032).
FOOD_EXPIRY_MARGIN_DAYS = int(os.environ.get("FOOD_EXPIRY_MARGIN_DAYS", "2"))

# --- Rate limits and lock-outs (README "Throttles"; docs/decisions/0052) ----
# All counted where every worker sees them: axes in its database table, the rest in the
# shared cache below. Behind a reverse proxy set PROXY_COUNT=1 so the client's address is
# taken from the X-Forwarded-For entry the proxy added.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
# Log-in (django-axes): failures per username, and per IP over all usernames.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_LIMIT_PER_IP = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_IP", "20"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", "900"))
AXES_HANDLER = "backend.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = "backend.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_FAILURE_WINDOW_SECONDS)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "backend.common.ratelimit.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True  # successful log-ins are not axes' business
AXES_VERBOSE = False
# Password reset (backend.common.ratelimit): per IP and per e-mail address.
PASSWORD_RESET_RATE_PER_IP = os.environ.get("PASSWORD_RESET_RATE_PER_IP", "5/hour")
PASSWORD_RESET_RATE_PER_EMAIL = os.environ.get("PASSWORD_RESET_RATE_PER_EMAIL", "3/hour")
# Public offer form (backend.common.ratelimit): per IP.
EXCHANGE_PUBLIC_OFFERS_PER_HOUR = int(os.environ.get("EXCHANGE_PUBLIC_OFFERS_PER_HOUR", "5"))
# The other public forms, per client address and hour (common/ratelimit.py).
EVENTS_PUBLIC_PLEDGES_PER_HOUR = int(os.environ.get("EVENTS_PUBLIC_PLEDGES_PER_HOUR", "20"))
VOLUNTEER_PUBLIC_APPLICATIONS_PER_HOUR = int(
    os.environ.get("VOLUNTEER_PUBLIC_APPLICATIONS_PER_HOUR", "5"))
CAMPS_PUBLIC_APPLICATIONS_PER_HOUR = int(
    os.environ.get("CAMPS_PUBLIC_APPLICATIONS_PER_HOUR", "5"))
# API (DRF throttles): anonymous per IP, logged-in per user.
API_THROTTLE_ANON = os.environ.get("API_THROTTLE_ANON", "60/min")
API_THROTTLE_USER = os.environ.get("API_THROTTLE_USER", "1200/min")
# Uploads (backend.common.images): refused before decoding above these.
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", str(8 * 1024 * 1024)))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", "40000000"))
EXCHANGE_PHOTOS_PER_OFFER = int(os.environ.get("EXCHANGE_PHOTOS_PER_OFFER", "5"))

# Shared by every worker process: rate limits and throttles must hold across gunicorn
# workers, so never per-process memory. Default: a table in the database (created by
# `migrate`, see common/apps.py); Redis when REDIS_URL is set (docs/decisions/0052).
CACHES = {
    "default": {
        "BACKEND": "backend.common.cache.UpsertDatabaseCache",  # set in one statement
        "LOCATION": "wspolnie_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
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
# Files only a view with a permission check hands out (health-card scans): never under
# MEDIA_ROOT, which the proxy serves to anyone (backend/common/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
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
# Simulated delivery reports and replies (SMS → sandbox): console provider in development only.
SMS_SANDBOX = DEBUG and env_bool("SMS_SANDBOX", True)
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
# The accessibility statement (/dostepnosc/, ustawa o dostępności cyfrowej art. 10): dates as
# YYYY-MM-DD, the person who answers accessibility requests, and the centre's buildings.
ACCESSIBILITY_PUBLISHED = os.environ.get("ACCESSIBILITY_PUBLISHED", "2026-11-26")
ACCESSIBILITY_UPDATED = os.environ.get("ACCESSIBILITY_UPDATED", "2026-11-26")
ACCESSIBILITY_REVIEWED = os.environ.get("ACCESSIBILITY_REVIEWED", "2026-11-26")
ACCESSIBILITY_CONTACT_NAME = os.environ.get("ACCESSIBILITY_CONTACT_NAME", "")
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "")
ACCESSIBILITY_CONTACT_PHONE = os.environ.get("ACCESSIBILITY_CONTACT_PHONE", "")
ACCESSIBILITY_ARCHITECTURE = os.environ.get("ACCESSIBILITY_ARCHITECTURE", "")

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
    # camp children's health data (karta kwalifikacyjna), counted from the camp's end
    "camp_health": int(os.environ.get("RETENTION_CAMP_HEALTH_DAYS", "90")),
}

# --- API ------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["backend.common.permissions.ModelPermissions"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "backend.common.parsers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "backend.common.parsers.ObjectJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "backend.common.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "backend.common.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_THROTTLE_ANON, "user": API_THROTTLE_USER},
    "NUM_PROXIES": PROXY_COUNT or None,
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
    "ENUM_NAME_OVERRIDES": {"LanguageEnum": "backend.common.models.Language",
                            "CampApplicationStatusEnum":
                                "backend.camps.models.Application.Status",
                            "ParticipantStatusEnum":
                                "backend.distribution.participant_models.Participant.Status"},
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
# Content-Security-Policy (django-csp): only our own files run. No inline script or style
# attribute anywhere (behaviour lives in static/js, looks in static/css); WebAssembly for the
# vendored QR decoder; camera frames and photo previews as blob:/data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Preloading HSTS is a commitment of the centre that owns the domain, not ours to make.
SILENCED_SYSTEM_CHECKS = [] if env_bool("SECURE_HSTS_PRELOAD", False) else ["security.W021"]
# The ledger's covering index (INCLUDE columns) is for PostgreSQL; SQLite builds it as a
# plain index on `at`, which is all it needs (docs/decisions/0145).
SILENCED_SYSTEM_CHECKS.append("models.W040")

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
                "twilio": {"level": "WARNING"},
                # axes logs usernames and IP addresses at WARNING: the table is enough.
                "axes": {"level": "ERROR"}},
}

"""The one settings module. Everything that differs between machines comes from the environment."""

import hashlib
import os
import re
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_str(name: str, default: str = "") -> str:
    """The variable's value; a variable set but empty (`DATABASE_URL=`) counts as unset."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# The public key is good enough for DEBUG and for the test run (pytest sets PYTEST_VERSION while it runs), never
# for a server with DEBUG off: there the key comes from SECRET_KEY, else from SECRET_KEY_FILE (default
# var/secret_key, which `make serve` creates once with mode 600).
DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me-in-production-0123456789"  # noqa: S105 (public)
SECRET_KEY_FILE = Path(env_str("SECRET_KEY_FILE", str(PROJECT_DIR / "var" / "secret_key")))


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if not key and SECRET_KEY_FILE.is_file():
        key = SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
    if key and (key != DEVELOPMENT_SECRET_KEY or DEBUG):
        return key
    if DEBUG or os.environ.get("PYTEST_VERSION"):
        return DEVELOPMENT_SECRET_KEY
    raise ImproperlyConfigured(
        "DEBUG đang tắt nhưng chưa có khóa bí mật: đặt biến SECRET_KEY, hoặc ghi khóa vào "
        f"{SECRET_KEY_FILE} (`make serve` tạo tệp này một lần). / DEBUG is off and there is no secret key: set "
        "SECRET_KEY (a long random value, the same on every machine of the installation) or put one in "
        f"{SECRET_KEY_FILE} (SECRET_KEY_FILE; `make serve` creates it once). The public development key is "
        "refused with DEBUG off."
    )


SECRET_KEY = _secret_key()
# Loopback names only by default; a real installation names its host(s). Django's test set-up adds "testserver".
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "motcua.core",
    "motcua.accounts",
    "motcua.organization",
    "motcua.catalog",
    "motcua.deadlines",
    "motcua.dossiers",
    "motcua.documents",
    "motcua.feedback",
    "motcua.payments",
    "motcua.indicators",
    "motcua.notifications",
    "motcua.api",
    "motcua.portal",
    "motcua.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "motcua.core.security_headers.SecurityHeadersMiddleware",  # Content-Security-Policy on every answer
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Pages: Vietnamese unless English was chosen with the switcher; the API: Accept-Language.
    "motcua.core.page_language.PageLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The working calendar's override rows are read once per request, however many moments it computes.
    "motcua.deadlines.middleware.CalendarRowsPerRequestMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

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
                "motcua.core.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:  # the embedded default: SQLite in var/
    (PROJECT_DIR / "var").mkdir(exist_ok=True)

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{PROJECT_DIR / 'var' / 'motcua.sqlite3'}",
        conn_max_age=int(env_str("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the demo server and a management command share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif env_str("DB_SERVER_SIDE_BINDING", "0") == "1":
    # Parameters bound by the server; psycopg then prepares a statement run often on one connection. Not
    # behind PgBouncer in transaction mode (prepared statements live on a server connection).
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Wrong passwords are counted per account and per client address (motcua.accounts.throttle): at the limit,
# signing in is refused until the window that the first failure opened ends.
AUTHENTICATION_BACKENDS = ["motcua.accounts.backends.ThrottledModelBackend"]
MOTCUA_SIGN_IN_ACCOUNT_FAILURES = int(env_str("MOTCUA_SIGN_IN_ACCOUNT_FAILURES", "5"))
MOTCUA_SIGN_IN_ADDRESS_FAILURES = int(env_str("MOTCUA_SIGN_IN_ADDRESS_FAILURES", "20"))
MOTCUA_SIGN_IN_WINDOW_SECONDS = int(env_str("MOTCUA_SIGN_IN_WINDOW_SECONDS", "900"))
# API tokens expire this many days after they are issued (`create_api_token --days` chooses per token).
MOTCUA_API_TOKEN_DAYS = int(env_str("MOTCUA_API_TOKEN_DAYS", "90"))
# Sign-in with an identity provider over OpenID Connect (mozilla-django-oidc), off unless its client and
# endpoints are configured; then the sign-in page offers it (docs/operators.md).
OIDC_RP_CLIENT_ID = env_str("MOTCUA_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = os.environ.get("MOTCUA_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("MOTCUA_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("MOTCUA_OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("MOTCUA_OIDC_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("MOTCUA_OIDC_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("MOTCUA_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("MOTCUA_OIDC_SCOPES", "openid profile email")
MOTCUA_OIDC_PROVIDER_NAME = env_str("MOTCUA_OIDC_PROVIDER_NAME", "VNeID")
MOTCUA_OIDC_ENABLED = all(
    [
        OIDC_RP_CLIENT_ID,
        OIDC_RP_CLIENT_SECRET,
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_USER_ENDPOINT,
        OIDC_OP_JWKS_ENDPOINT or OIDC_RP_SIGN_ALGO.startswith("HS"),
    ]
)
if MOTCUA_OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("motcua.accounts.oidc.ApplicantOIDCBackend")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(PROJECT_DIR / "var" / "static")))
# src/motcua/static is not inside an app, so the finders need to be told about it.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(PROJECT_DIR / "var" / "media")))
# With MOTCUA_COLLECTED_STATIC=1 (`make serve`, production) WhiteNoise serves the files `collectstatic` put in
# STATIC_ROOT: compressed, under content-hashed names that browsers keep for a year. Otherwise (development, the
# test run) it serves them from the source folders, uncollected.
COLLECTED_STATIC = env_bool("MOTCUA_COLLECTED_STATIC", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if COLLECTED_STATIC
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not COLLECTED_STATIC
# A file missing from the manifest keeps its plain name (a 404 for that file) instead of failing the page.
WHITENOISE_MANIFEST_STRICT = False
WHITENOISE_AUTOREFRESH = DEBUG
# The vendored fonts are read from disk by the PDF forms, not sent to browsers: compressing 1.5 MB of TrueType
# at every collectstatic (twice, brotli and gzip, for both names) would cost seconds for nothing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "ttf")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# Online payment of fees (docs/payments.md): the provider's class (the demo provider inside Motcua by default)
# and the secret its answers are signed with (HMAC-SHA256): the one agreed with the provider. Unset, the demo
# provider signs with a key derived from SECRET_KEY.
MOTCUA_PAYMENT_PROVIDER = env_str("MOTCUA_PAYMENT_PROVIDER", "motcua.payments.providers.DemoProvider")
MOTCUA_PAYMENT_SECRET = (
    os.environ.get("MOTCUA_PAYMENT_SECRET", "")
    or hashlib.sha256(f"motcua-payments:{SECRET_KEY}".encode()).hexdigest()
)

MOTCUA_MAX_UPLOAD_BYTES = int(env_str("MOTCUA_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
MOTCUA_MAX_DOCUMENTS_PER_DOSSIER = int(env_str("MOTCUA_MAX_DOCUMENTS_PER_DOSSIER", "50"))
# PEM files (comma-separated paths) of the certificate authorities whose signatures make a PDF count as signed;
# none by default: nothing counts as signed until an installation names the roots it trusts.
# Unset: the demo certificate authority in MOTCUA_SIGNING_DIR counts when `create-signing-keys` made one (a demo
# only; production sets its real roots here). See docs/operators.md.
MOTCUA_SIGNATURE_TRUST_ROOTS = env_list("MOTCUA_SIGNATURE_TRUST_ROOTS", "")
# Agencies' signing keys and certificates (PKCS#12, or PEM key + certificate) and the demo CA.
MOTCUA_SIGNING_DIR = Path(env_str("MOTCUA_SIGNING_DIR", str(PROJECT_DIR / "var" / "signing")))
MOTCUA_SIGNING_PASSPHRASE = env_str("MOTCUA_SIGNING_PASSPHRASE", "")  # of the agencies' PKCS#12 files
# When set (e.g. "/protected-files/"), document downloads are answered with an empty body and
# `X-Accel-Redirect: <prefix><path under MEDIA_ROOT>` for nginx to send the file (see docs/operators.md).
MOTCUA_FILES_X_ACCEL_REDIRECT = env_str("MOTCUA_FILES_X_ACCEL_REDIRECT", "")

REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# Delivery is kicked after each commit, at most twice per OUTBOX_KICK_SECONDS and process with a broker (the first
# kick of a window at once, one more at its end); without one, tasks run eagerly on every commit. The beat schedule
# picks up retries and anything a broker outage left.
OUTBOX_KICK_SECONDS = float(env_str("MOTCUA_OUTBOX_KICK_SECONDS", "1")) if REDIS_URL else 0.0
CELERY_BEAT_SCHEDULE = {
    "deliver-outbox": {"task": "notifications.deliver_outbox", "schedule": 60.0},
    # How the open dossiers stood when the day ended (indicators of past periods read it).
    "snapshot-open-dossiers": {
        "task": "indicators.snapshot_open_dossiers",
        "schedule": crontab(hour=0, minute=1),
    },
}
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Reverse proxies in front of the application whose X-Forwarded-For entries are believed: 0 counts the socket's
# address (a client cannot pick its own by sending the header); N takes the N-th entry from the right.
MOTCUA_TRUSTED_PROXIES = int(env_str("MOTCUA_TRUSTED_PROXIES", "0"))

# Throttle rates, "<number>/<second|minute|hour|day>". Counted per client address (motcua.core.client_address:
# the same proxy count as every throttle).
THROTTLE_RATES = {
    "lookup": env_str("MOTCUA_LOOKUP_RATE", "120/minute"),  # public lookups by dossier code
    # public signature checks (/kiem-tra-chu-ky/): each one validates a PDF signature
    "signature_check": env_str("MOTCUA_SIGNATURE_CHECK_RATE", "20/minute"),
    "token": env_str("MOTCUA_TOKEN_RATE", "600/minute"),  # requests per API token
    "token_address": env_str("MOTCUA_API_ADDRESS_RATE", "1200/minute"),  # token requests per client address
    "token_failures": env_str("MOTCUA_TOKEN_FAILURE_RATE", "30/minute"),  # wrong tokens per client address
}
for _scope, _rate in THROTTLE_RATES.items():
    if not re.fullmatch(r"[0-9]+/(s|sec|second|m|min|minute|h|hour|d|day)", _rate):
        raise ImproperlyConfigured(
            f"Throttle rate {_rate!r} ({_scope}) is not of the form <number>/<second|minute|hour|day>, e.g. "
            "600/minute."
        )

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The bearer token, looked at only while the client address has not failed too often.
        "motcua.api.throttles.GuardedBearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # JSON only in production (DRF's JSON, written by orjson); the browsable API (HTML) for developers when
    # DEBUG is on.
    "DEFAULT_RENDERER_CLASSES": [
        "motcua.api.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    # JSON bodies (uploads declare their own multipart parser): one documented body format per operation.
    "DEFAULT_PARSER_CLASSES": ["motcua.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "motcua.api.pagination.StandardPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "motcua.api.schema.MotcuaAutoSchema",
    "EXCEPTION_HANDLER": "motcua.api.errors.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Requests signed in with a bearer token, per token and per client address, and failed token attempts per
    # client address (motcua.api.throttles); the public lookup per client address.
    "DEFAULT_THROTTLE_CLASSES": [
        "motcua.api.throttles.TokenRateThrottle",
        "motcua.api.throttles.TokenAddressRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": THROTTLE_RATES,
    "NUM_PROXIES": MOTCUA_TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Motcua API",
    "DESCRIPTION": _(
        "Một cửa giải quyết thủ tục hành chính: danh mục thủ tục, lịch làm việc, hồ sơ, chỉ số đánh giá."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Request bodies get their own components (`...Request`) with the constraints the API enforces on input.
    "COMPONENT_SPLIT_REQUEST": True,
    # Two fields named "channel" carry the same values; one enum name keeps the schema (and its check) clean.
    "ENUM_NAME_OVERRIDES": {"ChannelEnum": "motcua.catalog.models.Channel"},
}

# Mail: SMTP when EMAIL_HOST is set; otherwise messages are written to files under var/mail (the embedded
# default), so a demo never tries to reach a mail server that is not there.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")  # not stripped: spaces may be part of it
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(PROJECT_DIR / "var" / "mail")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "motcua@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# The Swagger UI page has its own Content-Security-Policy (motcua.core.security_headers).
MOTCUA_API_DOCS_PATH = "/api/v1/docs/"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

MOTCUA_SITE_NAME = env_str("MOTCUA_SITE_NAME", "Cổng dịch vụ công Motcua")
# Where applicants reach this installation: the official forms print links and QR codes to its public pages
# (the lookup page of a dossier). No trailing slash.
MOTCUA_PUBLIC_BASE_URL = env_str("MOTCUA_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The service index's groups, items, weights, targets and bands (motcua.indicators.service_index); empty: the
# definition shipped with Motcua (Decision 766/QĐ-TTg).
MOTCUA_SERVICE_INDEX_FILE = env_str("MOTCUA_SERVICE_INDEX_FILE", "")
# How the open dossiers stand (within time, overdue, paused) for a running period is taken for the whole city at
# most this many seconds ago (motcua.indicators.snapshots.recent_open_split); 0: on every request.
MOTCUA_OPEN_SPLIT_SECONDS = int(env_str("MOTCUA_OPEN_SPLIT_SECONDS", "60"))
# The public service index (GET /api/v1/indicators/) of a period and level is built at most this many seconds ago
# and shared by every caller through the cache; 0: built on every request.
MOTCUA_INDEX_SECONDS = int(env_str("MOTCUA_INDEX_SECONDS", "60"))
# The published procedures' offer per agency (how many, online, with complete data: the service index's
# transparency and online items) is counted at most this many seconds ago and shared through the cache; 0: on
# every call.
MOTCUA_CATALOG_OFFER_SECONDS = int(env_str("MOTCUA_CATALOG_OFFER_SECONDS", "60"))
MOTCUA_SAMPLE_DATA = env_bool("MOTCUA_SAMPLE_DATA", True)
# Where the code this installation runs can be had (AGPL-3.0 section 13): shown as a link in every page's footer.
# Empty: no link (an installation that runs Motcua unchanged may leave it; one that changes it must set it).
MOTCUA_SOURCE_URL = env_str("MOTCUA_SOURCE_URL", "")
# Working days within which an agency answers a complaint or recommendation (motcua.feedback; docs/feedback.md).
MOTCUA_FEEDBACK_ANSWER_WORKING_DAYS = int(env_str("MOTCUA_FEEDBACK_ANSWER_WORKING_DAYS", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "celery": {"level": env_str("CELERY_LOG_LEVEL", "WARNING")},
        "weasyprint": {"level": "WARNING"},  # its progress lines for every PDF of an official form
        # pyHanko logs a traceback for every signature that does not verify (an untrusted signer, a changed
        # file): ordinary outcomes of checking uploads, answered as "not signed", not faults of the server.
        "pyhanko": {"level": "ERROR"},
    },
}

# Verification codes for applicants' accounts (motcua.accounts.code_senders): a class with send(*, to, text).
MOTCUA_VERIFICATION_SMS_SENDER = env_str(
    "MOTCUA_VERIFICATION_SMS_SENDER", "motcua.accounts.code_senders.ConsoleCodeSender"
)
MOTCUA_VERIFICATION_EMAIL_SENDER = env_str(
    "MOTCUA_VERIFICATION_EMAIL_SENDER", "motcua.accounts.code_senders.EmailCodeSender"
)

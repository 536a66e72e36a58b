"""Django settings for motcua, read from the environment (see motcua.conf and README)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from motcua.conf import ConfigError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent

try:
    DEBUG = env_bool("MOTCUA_DEBUG", False, "Show Django's debug pages. Never on in production.")
    DATA_DIR = Path(
        env_str(
            "MOTCUA_DATA_DIR",
            str(Path.cwd() / "var"),
            "Directory for uploaded files, generated PDFs, keys and the default SQLite database.",
        )
    ).resolve()
    _secret = env_str(
        "MOTCUA_SECRET_KEY",
        "",
        "Secret used to sign sessions and tokens. Required unless MOTCUA_DEBUG is on.",
    )
    _database_url = env_str(
        "DATABASE_URL",
        "",
        "Database, e.g. postgres://user@host:5432/motcua. Empty: SQLite in MOTCUA_DATA_DIR.",
    )
    ALLOWED_HOSTS = env_list(
        "MOTCUA_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the portal answers to.",
    )
    SECURE_COOKIES = env_bool(
        "MOTCUA_SECURE_COOKIES",
        not DEBUG,
        "Send cookies only over HTTPS. Off for plain-HTTP local demos.",
    )
    TIME_ZONE_NAME = env_str("MOTCUA_TIME_ZONE", "Asia/Ho_Chi_Minh", "Time zone of the deployment.")
    DB_CONN_MAX_AGE = env_int(
        "MOTCUA_DB_CONN_MAX_AGE",
        60,
        "Seconds a database connection is kept open between requests (0: close each time).",
    )
    DB_POOL = env_bool(
        "MOTCUA_DB_POOL",
        False,
        "PostgreSQL only: share a pool of connections between the process's threads "
        "(at most MOTCUA_MAX_INFLIGHT + 2) instead of one per thread. `motcua serve` "
        "turns it on.",
    )
    DB_PREPARE = env_bool(
        "MOTCUA_DB_PREPARE",
        True,
        "PostgreSQL only: bind query parameters on the server, so that a query run often "
        "on one connection is parsed and planned once (prepared statements). Turn it off "
        "behind a pooler in transaction mode (PgBouncer) that cannot keep them.",
    )
    MAX_INFLIGHT = env_int(
        "MOTCUA_MAX_INFLIGHT",
        8,
        "Requests one server process runs at once (each may hold a database connection); "
        "`motcua serve` sets it to --threads. More are answered 503 with Retry-After.",
        minimum=1,
    )
    ADMISSION_WAIT_MS = env_int(
        "MOTCUA_ADMISSION_WAIT_MS",
        500,
        "Milliseconds a request may wait for a free slot before it is answered 503 (at "
        "most MOTCUA_ADMISSION_LINE wait; the rest are answered at once).",
    )
    ADMISSION_LINE = env_int(
        "MOTCUA_ADMISSION_LINE",
        0,
        "Requests one server process lets wait for a slot (0: as many as there are "
        "slots); more are answered 503 at once. Each waits at most MOTCUA_ADMISSION_WAIT_MS.",
    )
    MAX_UPLOAD_MB = env_int(
        "MOTCUA_MAX_UPLOAD_MB", 20, "Largest single attachment, in megabytes.", minimum=1
    )
    MAX_DOSSIER_MB = env_int(
        "MOTCUA_MAX_DOSSIER_MB", 100, "Largest total of attachments per dossier, in MB.", minimum=1
    )
    MAX_FILES_PER_DOSSIER = env_int(
        "MOTCUA_MAX_FILES", 50, "Most attachments one dossier may carry.", minimum=1
    )
    PUBLIC_URL = env_str(
        "MOTCUA_PUBLIC_URL",
        "http://127.0.0.1:8000",
        "Base URL printed in QR codes and notifications.",
    ).rstrip("/")
    EMAIL_URL_HOST = env_str("MOTCUA_EMAIL_HOST", "", "SMTP host; empty writes mail to the log.")
    EMAIL_PORT = env_int("MOTCUA_EMAIL_PORT", 25, "SMTP port.")
    DEFAULT_FROM_EMAIL = env_str(
        "MOTCUA_EMAIL_FROM", "motcua@localhost", "Sender address of notifications."
    )
    CACHE_URL = env_str(
        "MOTCUA_CACHE_URL",
        "",
        "Shared cache (redis://host:6379/0) so rate limits hold across processes and "
        "machines. Empty: each process keeps its own, fine for one process.",
    ).strip()
    NOTIFICATIONS_SMS_ADAPTER = env_str(
        "MOTCUA_SMS_ADAPTER",
        "",
        "Dotted path of the SMS provider adapter; empty: the sandbox, which sends nothing "
        "and keeps each text in a table.",
    )
    NOTIFY_LOOKUP_SECRET = env_bool(
        "MOTCUA_NOTIFY_LOOKUP_SECRET",
        True,
        "Send the look-up secret with the reception notice (e-mail and SMS); false: it is "
        "only on the receipt handed or sent as a file.",
    )
    SANDBOX_INBOX = env_bool(
        "MOTCUA_SANDBOX_INBOX",
        False,
        "Show the sandbox's last text on the login-code page (demos only; `motcua demo` "
        "turns it on). Ignored when a real SMS adapter is set.",
    )
    OIDC_ISSUER = env_str(
        "MOTCUA_OIDC_ISSUER",
        "",
        "Issuer URL of the national identity provider (OpenID Connect); empty: no such login.",
    ).rstrip("/")
    OIDC_CLIENT_ID = env_str("MOTCUA_OIDC_CLIENT_ID", "", "Client id registered at the provider.")
    OIDC_CLIENT_SECRET = env_str(
        "MOTCUA_OIDC_CLIENT_SECRET", "", "Client secret registered at the provider."
    )
    OIDC_SCOPES = env_str("MOTCUA_OIDC_SCOPES", "openid profile", "Scopes asked for.")
    OIDC_IDENTITY_CLAIM = env_str(
        "MOTCUA_OIDC_IDENTITY_CLAIM",
        "identity_number",
        "ID-token claim that carries the citizen's 12-digit identity number.",
    )
    OIDC_LABEL = env_str(
        "MOTCUA_OIDC_LABEL", "Đăng nhập bằng tài khoản định danh điện tử", "Button text."
    )
except ConfigError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"MOTCUA_CACHE_URL must be a Redis address (redis://host:6379/0, rediss://... or "
        f"unix:///path), not {CACHE_URL!r}."
    )

if OIDC_ISSUER and not (OIDC_CLIENT_ID and OIDC_ISSUER.startswith(("https://", "http://"))):
    raise ImproperlyConfigured(
        "MOTCUA_OIDC_ISSUER is set, so MOTCUA_OIDC_CLIENT_ID must be set too and the issuer "
        "must be an http(s) URL."
    )

try:
    (DATA_DIR / "static").mkdir(parents=True, exist_ok=True)
except OSError as exc:
    raise ImproperlyConfigured(
        f"MOTCUA_DATA_DIR={DATA_DIR} cannot be created or written: {exc.strerror}."
    ) from exc

RUNNING_TESTS = "pytest" in sys.modules or (len(sys.argv) > 1 and sys.argv[1] == "test")

if not _secret:
    if DEBUG or RUNNING_TESTS:
        _secret = "insecure-development-key-do-not-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "MOTCUA_SECRET_KEY is not set. Set it to a long random string "
            "(or set MOTCUA_DEBUG=true for a local demo)."
        )
SECRET_KEY = _secret

if _database_url:
    try:
        _db: dict[str, Any] = dict(dj_database_url.parse(_database_url))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be parsed: {exc}") from exc
    if not _db.get("ENGINE"):
        raise ImproperlyConfigured(
            "DATABASE_URL must start with postgres:// or sqlite:// "
            f"(got {_database_url.split(':', 1)[0]!r})."
        )
else:
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "motcua.sqlite3")}
if _db["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with instants read by psycopg's own loader and a cheaper check
    # of pooled connections (motcua/core/postgres/).
    _db["ENGINE"] = "motcua.core.postgres"

if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while one writer commits; IMMEDIATE makes writers queue on
    # BEGIN instead of failing with "database is locked" when they upgrade a read lock.
    # motcua's backend makes them queue in a line rather than poll (motcua/core/sqlite/).
    _db["ENGINE"] = "motcua.core.sqlite"
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"
        ),
    }
    _db["CONN_MAX_AGE"] = DB_CONN_MAX_AGE
elif DB_POOL:
    # granian runs requests on a pool of threads four times the admitted requests (the
    # rest only answer 503), and a request may land on any of them. With a connection
    # per thread, only MAX_INFLIGHT threads could keep theirs (the database's limit):
    # the others opened and closed one per request, about one request in seven under
    # load (6,000 new PostgreSQL sessions in a 75-second run). A pool sized to the
    # admitted requests serves whichever thread runs one; each connection is checked
    # before it is handed out, so a restarted database costs no failed request. Django's
    # check is a round trip per request; motcua's backend makes one only when the
    # connection has something to read or has been idle (motcua/core/postgres/base.py).
    _db["CONN_MAX_AGE"] = 0  # Django returns the connection to the pool after each request
    _db["CONN_HEALTH_CHECKS"] = False  # the backend checks what the pool hands out
    _db.setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": MAX_INFLIGHT + 2,  # + the health check and a sweep's enqueue
        "timeout": 10,
    }
else:
    _db["CONN_MAX_AGE"] = DB_CONN_MAX_AGE
    _db["CONN_HEALTH_CHECKS"] = True
if _db["ENGINE"] == "motcua.core.postgres" and DB_PREPARE:
    # Django turns psycopg's automatic preparation off unless asked: a statement run a
    # fifth time on a connection is prepared, and PostgreSQL may then keep one plan for
    # it. A dossier read by code with what its pages show joins nine tables; planning
    # that took 2-5 ms a time, executing it 0.2 ms.
    _db.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DATABASES = {"default": _db}
# The work queue's index carries non-key columns for PostgreSQL (INCLUDE); SQLite builds
# it with its key alone, which is all it can use, and Django would say so at every start.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "motcua.core",
    "motcua.accounts",
    "motcua.audit",
    "motcua.organizations",
    "motcua.workdays",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.documents",
    "motcua.notifications",
    "motcua.feedback",
    "motcua.portal",
    "motcua.backoffice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "motcua.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "motcua.core.admission.AdmissionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "motcua.core.middleware.MethodNotAllowedPage",
    "motcua.core.middleware.NumbersTooLarge",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# Django's own, with the signed-in user and the session row read through SQL compiled once
# per connection: every signed-in request reads both.
AUTHENTICATION_BACKENDS = ["motcua.accounts.backends.ModelBackend"]
SESSION_ENGINE = "motcua.accounts.sessions"
LOGIN_URL = "portal:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.core.context_processors.site",
                "motcua.backoffice.context_processors.backoffice",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if RUNNING_TESTS:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Vietnamese first: message ids in the templates and code are Vietnamese, so the portal
# reads correctly even where no compiled catalog exists; English is a translation.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = TIME_ZONE_NAME
FORMAT_MODULE_PATH = ["motcua.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "files"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not (DEBUG or RUNNING_TESTS)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or RUNNING_TESTS

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = MAX_FILES_PER_DOSSIER + 10

SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "motcua.core.views.csrf_failure"
CSRF_TRUSTED_ORIGINS = [PUBLIC_URL] if PUBLIC_URL.startswith("http") else []

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "motcua",
    }
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if RUNNING_TESTS
        else "django_tasks_db.DatabaseBackend",
    }
}

if EMAIL_URL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = EMAIL_URL_HOST
    # A mail server that hangs gives its delivery back well within the delivery's lease
    # (motcua.notifications.services.LEASE); Django's own default is to wait for ever.
    EMAIL_TIMEOUT = 30
elif RUNNING_TESTS:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"limits_are_warnings": {"()": "motcua.core.logs.LimitsAreWarnings"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["limits_are_warnings"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"motcua": {"level": "INFO"}},
}

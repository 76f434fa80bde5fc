"""Settings for Support Finder.

Every value that differs between a laptop and production comes from an environment
variable (see .env.example), with a default that is safe for local use.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for: a forgotten setting must never expose debug pages to the public.
DEBUG = env_bool("DEBUG", default=False)

# Fail closed: without DEBUG there is no fallback key, so a forgotten setting stops the site
# rather than signing sessions with a key anyone can read here. `make run` sets DEBUG and
# `make test` passes a key of its own.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (any long random string), or DEBUG=1 locally."
        )
    SECRET_KEY = "insecure-local-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    # Django's admin behind the admin door: a second factor for every staff account.
    "config.door.apps.AdminSiteConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "csp",
    "simple_history",
    "import_export",
    "services",
    "services.curation",
    # The Open Referral UK API: installed for its commands (api_benchmark); no models.
    "services.api.apps.ApiConfig",
    # The admin door (config/door/): before two_factor, so its pages wear the admin's look.
    "config.door.apps.DoorConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "services.pages.middleware.AdminReferrerPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML gzipped (a page of results is about a fifth of the size), after WhiteNoise, which
    # serves static files already compressed (brotli or gzip), and above everything that
    # writes a page. BREACH (guessing a secret in a compressed page from its size, by adding
    # text of one's own to it) needs a secret in the page: public pages hold none (no
    # session, no CSRF token, nothing about the reader; a list lives in its address). The
    # admin's pages do (CSRF tokens, which Django masks afresh on every response; curators'
    # notes and suggestions, which nothing masks), so they are left uncompressed: they are
    # few, and read by curators on desk connections. Django also pads each gzipped response
    # with up to 100 random bytes ("Heal the Breach"), which makes such guessing slower.
    "config.compression.PublicPagesGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    # After static files, before anything that reads the database: if it is down, every
    # page still answers, with the crisis contacts.
    "services.pages.middleware.DirectoryUnavailableMiddleware",
    "services.pages.middleware.MethodNotAllowedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor as well as a password.
    "django_otp.middleware.OTPMiddleware",
    # Admin sessions end after 30 minutes idle and after 12 hours in all.
    "config.door.sessions.AdminSessionLimitsMiddleware",
    # Records which curator made each change (services' history); public pages have no user.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: turns a login refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    # The site's own pages, in templates/ (config/jinja2.py says why Jinja2).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "config.jinja2.environment"},
    },
    # Django's admin and its other built-in pages.
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# A SQLite file beside the code unless DATABASE_URL says otherwise, so one command runs
# the site; production and CI's second run use PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that accepts connections but never answers must not hold a worker for long:
# past these limits the request ends in the 503 page, which still shows the crisis contacts.
DATABASE_CONNECT_TIMEOUT_SECONDS = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
DATABASE_STATEMENT_TIMEOUT_MS = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "5000"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT_SECONDS)
    # random_page_cost: the directory fits in memory, so reading a row by index costs about
    # what reading the next one does. PostgreSQL's default (4.0) assumes spinning disks: it
    # then reads every opening time to answer a search about a few hundred services (about
    # 20 ms at 50,000 services, against 1.5 ms). jit off: PostgreSQL compiles any query it
    # prices over 100,000 to machine code, which at 200,000 services some searches reach;
    # compiling took seconds where the query itself takes milliseconds, and the site's
    # queries read too few rows ever to repay it. All are set per connection so they hold
    # wherever the site runs.
    database_options.setdefault(
        "options",
        f"-c random_page_cost=1.1 -c jit=off -c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# The site is in English only. Off, Django skips looking up the active language each time
# it builds an address or formats text; dates still use the en-GB formats.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic writes here in production (with STATIC_MANIFEST=1); elsewhere files are served
# straight from static/.
STATIC_ROOT = BASE_DIR / "staticfiles" if env_bool("STATIC_MANIFEST") else None
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Production runs collectstatic and sets STATIC_MANIFEST=1 for cache-busting names;
        # local runs and tests serve files straight from static/.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST")
WHITENOISE_AUTOREFRESH = DEBUG

# How many results a page of search shows.
RESULTS_PER_PAGE = int(os.environ.get("RESULTS_PER_PAGE", "20"))

# Public pages must not write down what people search for or where they are.
# Django's request logger is silenced: its records carry the whole request (query string
# and client address included) to any handler that formats them. Unexpected exceptions are
# logged instead by services.pages.errors, with the method and path only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The time on each line: the admin door's lines (who logged in, who was locked out) need it.
    "formatters": {"timed": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "timed"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "django.request": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "support_finder": {"handlers": ["console"], "level": "INFO"},
    },
}

# The admin door: who may get into the curators' admin, and for how long.
# Where the admin lives: a path of its own ("curators-1f3a/", say) keeps it out of reach of
# scripts that try /admin/ on every site. Ends with "/" and has no leading "/".
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/")
if not re.fullmatch(r"(?:[A-Za-z0-9._~-]+/)+", ADMIN_URL):
    raise ImproperlyConfigured(
        f"ADMIN_URL must be a path like 'admin/' or 'curators/door/': letters, digits and "
        f"'.-_~', ending with '/' and with no leading '/' (it is {ADMIN_URL!r})."
    )

# The request.META key holding the client's address: REMOTE_ADDR when the site faces the
# internet itself; behind a proxy, the header that proxy writes (HTTP_X_FORWARDED_FOR,
# HTTP_X_REAL_IP, ...). Only this key is read. A list ("client, proxy1") counts by its
# right-most entry, the one the nearest proxy added: entries to its left arrived from the
# client and can say anything (config/door/addresses.py).
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
if not re.fullmatch(r"REMOTE_ADDR|HTTP_[A-Z0-9_]+", CLIENT_ADDRESS_HEADER):
    raise ImproperlyConfigured(
        "CLIENT_ADDRESS_HEADER must be REMOTE_ADDR or a request.META header name such as "
        f"HTTP_X_FORWARDED_FOR (it is {CLIENT_ADDRESS_HEADER!r})."
    )

# Both pages of the login (password, then the code from an authenticator app or a backup
# code) are the admin's own login page (config/door/urls.py).
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "admin:index"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = "Support Finder"

# 5 wrong passwords for one username from one address lock that pair out for 30 minutes;
# the same person elsewhere, or others here, can still log in.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Tries during a lockout do not restart it, so the time the lockout page gives holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A full login (password and second factor) clears earlier mistakes.
AXES_RESET_ON_SUCCESS = True
# One reading of the client's address for the lockouts and the suggestion form's hourly
# limit (services.curation.views reads it through this setting: curation imports no config).
CLIENT_ADDRESS_CALLABLE = "config.door.addresses.client_address"
AXES_CLIENT_IP_CALLABLE = CLIENT_ADDRESS_CALLABLE
AXES_LOCKOUT_CALLABLE = "config.door.views.locked_out"
# The login form's fields carry its step's prefix. Axes keeps each failed attempt's form data:
# the password, the one-time codes and the CSRF token are masked there, and usernames and
# addresses are masked in axes' own log lines.
AXES_PASSWORD_FORM_FIELD = "auth-password"
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "auth-password",
    "token-otp_token",
    "backup-otp_token",
    "csrfmiddlewaretoken",
]
# Successful logins go to the log (config/door/log.py), without addresses; axes' own table of
# them would keep every curator's address for ever.
AXES_DISABLE_ACCESS_LOG = True

# Admin sessions: 30 minutes idle (each signed-in admin request starts the count again,
# config/door/sessions.py) and 12 hours in all. The session cookie goes to the admin's
# address only, so a curator's browser never sends it with a public page.
SESSION_COOKIE_AGE = 30 * 60
ADMIN_SESSION_MAX_SECONDS = 12 * 60 * 60
SESSION_COOKIE_PATH = f"/{ADMIN_URL}"
# The CSRF cookie too: only the admin's forms use it (the suggestion form has checks of its
# own), so a curator's browser sends no cookie with a public page or the API.
CSRF_COOKIE_PATH = SESSION_COOKIE_PATH

# X-Forwarded-Proto is believed only when the site is said to run behind a proxy that sets
# it (and strips any copy sent by the client); otherwise anyone could claim HTTPS.
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", default=False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    # Both bind more than this site (every subdomain; browsers' built-in lists, hard to
    # leave), so the operator of the domain opts in.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    # check --deploy warns while they are off; off is a choice here, not an oversight.
    SILENCED_SYSTEM_CHECKS = [
        *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    ]
    # Public pages set no cookies; these guard the curators' admin sessions.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

SECURE_CONTENT_TYPE_NOSNIFF = True
# Everything comes from this site: no inline code, no plugins, no framing, no other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Where "Exit this page" goes: a neutral site, opened in place of this one.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
# Public pages send no Referer; the admin sends same-origin (services/pages/middleware.py says why).
SECURE_REFERRER_POLICY = "no-referrer"
CSRF_FAILURE_VIEW = "services.pages.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"

# Venues whose postcode is not in the shipped data can be placed by an online geocoder
# (Nominatim, through geopy). Off by default; only curators' venue addresses are sent.
GEOCODER_ENABLED = env_bool("GEOCODER_ENABLED", default=False)
GEOCODER_USER_AGENT = os.environ.get("GEOCODER_USER_AGENT", "support-finder-curators")

# Spreadsheets of services in and out of the admin (django-import-export; the columns and
# what an import refuses are in services/curation/spreadsheets.py). Importing needs the
# permission to change services, exporting the permission to see them; without these
# settings anyone who can reach the admin could do both. CSV and Excel only. Formulae are
# escaped by the resource itself, with a quote an import takes off again, so the library's
# own escaping (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT, which deletes the "=") stays off.
from import_export.formats.base_formats import CSV, XLSX  # noqa: E402 (kept in this block)

IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_FORMATS = [CSV, XLSX]
IMPORT_EXPORT_USE_TRANSACTIONS = True

"""Puffa's one settings module.

Everything comes from the environment (django-environ), with development defaults that need no
service: SQLite under ``var/``, an embedded Celery broker on the file system, mail to the console.
Production differs only by variables; ``.env.example`` documents each one.
"""

import datetime as dt
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Relative paths (in .env, say) are taken from the project's folder, whatever the working directory.
VAR_DIR = BASE_DIR / env.str("PUFFA_VAR_DIR", default="var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "django-insecure-puffa-development-only"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Puffa's apps come first: their templates and Chinese translations take precedence over the
# contrib apps' (admin's own "Filter" is "过滤器"; ours is "筛选").
INSTALLED_APPS = [
    "agencies",
    "checklists",
    "activities",
    "assessment",
    "puffa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the stock widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "bootstrap",  # django-bootstrap-static: Bootstrap 5 served from our own static files
    "puffa.apps.AxesConfig",  # django-axes, named in Chinese in the admin
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "puffa.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "puffa.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "puffa.middleware.ReadOnlyRoleMiddleware",
    "puffa.middleware.YearNotOpenMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Chinese "locked" page.
    "axes.middleware.AxesMiddleware",
]

# bench/throughput.py alone sets PUFFA_BENCH_BARE_VIEW: its URLconf adds a bare 50-row page beside the real
# ones, the yardstick for throughput. Production never sets it, so the page does not exist there.
ROOT_URLCONF = "bench.bare_urls" if env.bool("PUFFA_BENCH_BARE_VIEW", default=False) else "puffa.urls"
WSGI_APPLICATION = "puffa.wsgi.application"

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
                "csp.context_processors.nonce",
                "agencies.context_processors.unread_notifications",
                "agencies.context_processors.access_questions",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'puffa.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The development server and the Celery worker write to the same file: wait for the lock
    # instead of failing, and take the write lock at the start of a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # The covering indexes' INCLUDE columns are a PostgreSQL speed-up; SQLite keeps the index on its keys alone,
    # which is right for the demo, so its warning about them would only be noise on every command of `make dev`.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT compiles a query it prices as long before running it: the dashboard's count over 10,000
    # agencies spent 8 to 14 s compiling and 7 s running. Off for every connection, unless PG_JIT asks for it.
    if not env.bool("PG_JIT", default=False):
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users ----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "agencies.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes): five failures for one username from one address lock that pair for
# fifteen minutes; an administrator unlocks earlier by deleting the attempt in the admin
# (or `python manage.py axes_reset_username <username>`).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# --- Language and time: Chinese first ---------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["puffa.formats"]  # thousands separators in Chinese too
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / env.str("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = BASE_DIR / env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Uploaded evidence is never served as public media; downloads go through permission-checked views.
MEDIA_URL = "/media/"

_manifest_static = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _manifest_static
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Several web servers share uploads through an S3-compatible store (MinIO, OSS, COS …) when configured.
if env.str("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("S3_SECRET_KEY", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Evidence files of an activity (佐证材料): the largest file accepted, and how many one activity may hold.
PUFFA_EVIDENCE_MAX_BYTES = env.int("PUFFA_EVIDENCE_MAX_BYTES", default=20 * 1024 * 1024)
PUFFA_EVIDENCE_MAX_FILES = env.int("PUFFA_EVIDENCE_MAX_FILES", default=10)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The most items one checklist holds (a dozen is usual); it bounds a form or an import gone wrong.
PUFFA_CHECKLIST_MAX_ITEMS = 200
# The largest form Puffa takes is a checklist's items page: every item's fields in one post. Django counts
# each value as a field, so an item's row posts 12 one-value fields (id, order, content, office, contact,
# phone, group, dates, goal, two targets), a delete box, and one field per chosen audience (5), form of
# activity (23) and law (allow 20): 61. Django's default of 1,000 fields stopped at about 62 items.
DATA_UPLOAD_MAX_NUMBER_FIELDS = PUFFA_CHECKLIST_MAX_ITEMS * (12 + 1 + 5 + 23 + 20) + 100  # + the page's own

# --- Cache ------------------------------------------------------------------------------------------
# The leadership dashboard's figures and the data version (agencies.freshness) must be the same for every process:
# web, worker and beat. Production: Redis (CACHE_URL). Without one (`make dev`, a single machine): Django's database
# cache, since the web server and the worker share the database already. A local-memory cache would be one per
# process (the worker's count, and the data version a scoring run in the worker moves, never seen by the web server);
# a file cache lists its folder on every write (14.2 s of a province's 23.3 s count, issue 14).
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://puffa_cache")}
# Cached figures belong to one database: two databases on one machine (development, a benchmark) never
# share an entry.
CACHES["default"].setdefault("KEY_PREFIX", f"puffa-{DATABASES['default']['NAME']}".replace("/", "_")[-80:])
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # The cache is an optimisation (agencies.caching): a Redis that does not answer is given up on quickly,
    # and the page counts instead, rather than every request waiting on a dead connection.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("socket_connect_timeout", 0.5)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 1)
if CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    # Django's default of 300 entries is soon reached by the dashboards of many scopes and versions, and culling
    # past it throws away entries at random: the data version among them. (The table is made by a migration.)
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)

# --- Email ------------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A backend EMAIL_URL cannot name (e.g. files under EMAIL_FILE_PATH for a worker under test) wins when set.
if env.str("EMAIL_BACKEND", default=""):
    EMAIL_BACKEND = env.str("EMAIL_BACKEND")
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="普法责任制管理平台 <puffa@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_QUEUE_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # A message that cannot be sent at once is not retried while the request waits (six seconds by default):
    # the job stays in the outbox (agencies/outbox.py) and is sent by the next drain.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "max_retries": 0}
else:
    # The embedded broker: messages are files under var/celery, so `make dev` runs a real worker
    # and beat with no server to install.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
        # How often an idle worker looks for new files: also how long it takes to notice it must stop.
        "polling_interval": 0.2,
    }
    for _folder in ("queue", "processed", "control"):
        (CELERY_QUEUE_DIR / _folder).mkdir(parents=True, exist_ok=True)
    # The file-system transport has no broadcast exchange for remote control.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="puffa")
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # The outbox (agencies/outbox.py): jobs whose message never reached a worker, or whose worker died.
    "drain-outbox": {"task": "agencies.drain_outbox", "schedule": 60.0},
    # Used one-time form tokens (agencies/submissions.py), a day's worth of rows each day.
    "prune-form-tokens": {"task": "agencies.prune_form_submissions", "schedule": crontab(hour=3, minute=30)},
    # The dashboard's kept facts (assessment/dashboard/kept.py) are counted for a day: counted again each night.
    "keep-dashboard-facts": {"task": "assessment.keep_dashboard_facts", "schedule": crontab(hour=0, minute=5)},
    # The reminders' daily run (puffa/reminders.py); a missed day is caught up by the next run.
    "daily-reminders": {
        "task": "puffa.tasks.daily_reminders",
        # in CELERY_TIMEZONE (Asia/Shanghai); a crontab line, "0 8 * * *" being 08:00 every day
        "schedule": crontab.from_string(env.str("PUFFA_REMINDERS_CRONTAB", default="0 8 * * *")),
    },
}

# A background job (an archive build, a scoring run, an email) running this long lost its worker and is taken
# again; a page showing it in progress offers to start it again after this long.
PUFFA_OUTBOX_STALE_SECONDS = env.int("PUFFA_OUTBOX_STALE_SECONDS", default=3600)
# A job a worker picks up within seconds: one queued and still not started after this long is stuck (the
# broker was down), and an archive or scoring run waiting on it no longer blocks filing or starting again.
PUFFA_QUEUED_STALE_SECONDS = env.int("PUFFA_QUEUED_STALE_SECONDS", default=600)
# A spreadsheet import of this many rows or more is handed to a worker, with a progress page (agencies.import_jobs).
PUFFA_IMPORT_IN_WORKER_FROM = env.int("PUFFA_IMPORT_IN_WORKER_FROM", default=200)
# One-time form tokens (agencies.submissions) older than this many days are deleted by the daily prune.
PUFFA_FORM_TOKEN_DAYS = env.int("PUFFA_FORM_TOKEN_DAYS", default=7)

# --- Reminders (docs/domain.md, "Reminders") ----------------------------------------------------------------
# The filing deadline and the study minimum are set per year in the annual cycle; the days are here.
PUFFA_FILING_REMINDER_DAYS = env.list("PUFFA_FILING_REMINDER_DAYS", cast=int, default=[30, 14, 7, 3, 1])
# After the deadline: an overdue notice the next day, then every so many days until filed.
PUFFA_OVERDUE_REMINDER_INTERVAL_DAYS = env.int("PUFFA_OVERDUE_REMINDER_INTERVAL_DAYS", default=7)
# Study minimum: (month-day, to whom): those with no ★ session yet, or those below the year's minimum.
PUFFA_STUDY_REMINDERS = [("07-01", "no_session"), ("10-01", "below_minimum"), ("12-01", "below_minimum")]
PUFFA_STUDY_DIGEST_DAYS = ["12-01"]  # the digest of agencies below the minimum, to the bureau
PUFFA_CONSTITUTION_DAY = "12-04"
PUFFA_CAMPAIGN_LEAD_DAYS = env.int("PUFFA_CAMPAIGN_LEAD_DAYS", default=14)  # before a campaign day
# A failing mail server is retried after 1, 2, 4 … minutes (capped at an hour), this many times.
PUFFA_REMINDER_EMAIL_RETRY_BACKOFF = 60
PUFFA_REMINDER_EMAIL_MAX_RETRIES = 10
# Where links in emails point: the address users reach the site at.
# The year-end work report and the annual archive of year Y are filed from the first day of this month of Y.
PUFFA_YEAR_END_MONTH = env.int("PUFFA_YEAR_END_MONTH", default=12)

PUFFA_SITE_URL = env.str("PUFFA_SITE_URL", default="http://127.0.0.1:8000")
# The CJK font the server draws Chinese with: the district report's charts and the leader's PDF brief.
PUFFA_CJK_FONT = env.str("PUFFA_CJK_FONT", default="WenQuanYi Micro Hei")

# The checklist page shows each item's progress, which the activities app counts: the wiring is here so
# that checklists never imports the app above it.
PUFFA_ITEM_PROGRESS = "activities.selectors.checklist_item_progress"
# From this many agencies in a user's scope, the leadership dashboard is counted again by a worker after a
# change, and the figures counted last are shown meanwhile, as of their time; with none to show, the pages say
# "counting" while the worker counts (assessment.dashboard.selectors).
PUFFA_DASHBOARD_RECOUNT_LATER_FROM = env.int("PUFFA_DASHBOARD_RECOUNT_LATER_FROM", default=2000)

# --- Forms ------------------------------------------------------------------------------------------
FILTERS_EMPTY_CHOICE_LABEL = _("All")
# Widgets render through the project's templates, so templates/django/forms/ can name the empty choice in
# words ("请选择") instead of Django's "---------", in every form at once; the inputs and selects every form has
# are written in Python with the same output (agencies.widgets.WidgetRenderer).
FORM_RENDERER = "agencies.widgets.WidgetRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ---------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): everything from our own origin; no inline script except by
# nonce. Inline style attributes stay allowed for Bootstrap's progress bars and the SVG charts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz answers plain HTTP probes from inside the container network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint (the leader's brief) logs each layout step and fontTools each font it subsets, at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}

# The district's name as the pages and downloads show it.
PUFFA_DISTRICT_NAME = env.str("PUFFA_DISTRICT_NAME", default="新北区")

"""The one settings file. Every value that differs between a laptop and a national service comes from an
environment variable read through ``tracker.env`` (which fails loudly on a bad value)."""

from pathlib import Path

from tracker import env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.string("ACTIONPLANS_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env.boolean("DEBUG", default=False)
SECRET_KEY = env.string("SECRET_KEY", "insecure-development-key-set-SECRET_KEY-in-production" if DEBUG or
                        not env.boolean("PRODUCTION", False) else None)
ALLOWED_HOSTS = env.strings("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env.strings("CSRF_TRUSTED_ORIGINS")
SITE_URL = env.string("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "tracker.accounts",
    "tracker.plans",
    "tracker.importers",
    "tracker.reports",
    "tracker.exchange",
    "tracker.public",
    "tracker.api",
    "tracker.reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tracker" / "templates"],
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

DATABASES = {"default": env.database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "tracker" / "static"]
MEDIA_ROOT = VAR_DIR / "media"

# Uploads: plans are small documents. Anything bigger is refused before it is read.
MAX_UPLOAD_BYTES = env.integer("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
# The import review screen posts about ten fields per action, and a long plan has hundreds of actions.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

EMAIL_BACKEND = env.string("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "action-plans@localhost")
EMAIL_HOST = env.string("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.string("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.string("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", False)
# GOV.UK Notify (optional): EMAIL_BACKEND=tracker.reminders.notify.NotifyEmailBackend with an API key and the
# id of a Notify email template whose subject is ((subject)) and body ((body)).
NOTIFY_API_KEY = env.string("NOTIFY_API_KEY", "")
NOTIFY_EMAIL_TEMPLATE_ID = env.string("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_BASE_URL = env.string("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
# Reminders to action leads (tracker/reminders): days before each reporting date, and how long after the meeting
# an update link keeps working.
REMINDER_DAYS_BEFORE = env.integer("REMINDER_DAYS_BEFORE", 14)
REMINDER_LINK_DAYS_AFTER = env.integer("REMINDER_LINK_DAYS_AFTER", 7)

# The cache holds login-attempt counters; with several app processes it must be shared (the database).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache"}}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.boolean("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = env.boolean("SECURE_COOKIES", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.string("LOG_LEVEL", "WARNING")},
}

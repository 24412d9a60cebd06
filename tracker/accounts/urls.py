from django.contrib.auth import views as auth_views
from django.urls import include, path

from tracker.accounts import views

# Not namespaced: Django's auth views reverse their own names ("password_reset_done", …). Our email
# templates have their own names because django.contrib.auth ships a subject template that would win.
urlpatterns = [
    path("login/", views.RateLimitedLoginView.as_view(), name="login"),
    path("password_reset/", auth_views.PasswordResetView.as_view(
        subject_template_name="accounts/password_reset_subject.txt",
        email_template_name="accounts/password_reset_email.txt"), name="password_reset"),
    path("", include("django.contrib.auth.urls")),
]

"""The door's addresses, under ADMIN_URL and before the admin's own (config/urls.py).

Its login page takes the admin's login address: reverse("admin:login") and
reverse("two_factor:login") are the same page. Under ADMIN_URL because the admin, and only
it, sends same-origin referrers, which Django's CSRF check needs for a form posted from
Chromium (services/pages/middleware.py); and so a session cookie meant for the admin
(SESSION_COOKIE_PATH) reaches these pages too. two_factor's pages for phones, for turning the
second factor off and its profile page are left out: every staff account keeps one.
"""

from django.urls import path
from two_factor.views import QRGeneratorView

from config.door import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("second-factor/", views.SetupView.as_view(), name="setup"),
    path("second-factor/qr-code/", QRGeneratorView.as_view(), name="qr"),
    path("second-factor/done/", views.SetupCompleteView.as_view(), name="setup_complete"),
    path("second-factor/backup-codes/", views.BackupTokensView.as_view(), name="backup_tokens"),
]

# two_factor's own code asks for its pages by these names.
door_urls = (urlpatterns, "two_factor")

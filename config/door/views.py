"""The door's pages: log in (password, then a code), set up an authenticator app, print
backup codes, and the page for a lockout. All in the admin's own look, from this site only.

two_factor's views do the work; these subclasses give them the admin's page furniture and
make sure a staff account with no authenticator app always ends up setting one up.
"""

from __future__ import annotations

from datetime import timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from two_factor import views as two_factor_views
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm
from two_factor.utils import default_device


class AdminLook:
    """What every admin page's template expects to find (site name, the user's links)."""

    title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**admin.site.each_context(self.request), "title": self.title, **context}


@method_decorator(never_cache, name="dispatch")
class LoginView(AdminLook, two_factor_views.LoginView):
    """The admin's login page: a staff account's username and password, then the code its
    authenticator app shows (or a backup code)."""

    title = "Log in"
    form_list = (
        # The admin's form: only staff accounts get past the password.
        (two_factor_views.LoginView.AUTH_STEP, AdminAuthenticationForm),
        (two_factor_views.LoginView.TOKEN_STEP, AuthenticationTokenForm),
        (two_factor_views.LoginView.BACKUP_STEP, BackupTokenForm),
    )

    def get_prefix(self, request, *args, **kwargs):
        # The form fields' prefix; fixed, so it stays the same whatever this class is called.
        return "login"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            if user.is_verified():
                return redirect(self.get_success_url())
            if not default_device(user):
                return redirect("two_factor:setup")
        return super().dispatch(request, *args, **kwargs)

    def done(self, form_list, **kwargs) -> HttpResponse:
        response = super().done(form_list, **kwargs)
        if not default_device(self.get_user()):
            # Logged in with a password only: the admin stays shut until an app is set up.
            return redirect("two_factor:setup")
        return response


class SetupView(AdminLook, two_factor_views.SetupView):
    """Add an authenticator app: scan the QR code (drawn here, on this site) or type the key,
    then enter the code the app shows."""

    title = "Set up your authenticator app"
    success_url = "two_factor:setup_complete"

    def get_success_url(self) -> str:
        # Always on to the backup codes, whatever page the curator first asked for.
        return reverse(self.success_url)


class SetupCompleteView(AdminLook, two_factor_views.SetupCompleteView):
    """The app is set up; next, the backup codes."""

    title = "Your authenticator app is set up"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # two_factor would go straight on to the page first asked for, skipping the codes.
        return super(two_factor_views.SetupCompleteView, self).get(request, *args, **kwargs)


class BackupTokensView(AdminLook, two_factor_views.BackupTokensView):
    """Ten one-use codes to print and keep, for a day without the phone."""

    title = "Backup codes"


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The page for a username and address locked out by axes: when to try again, who can
    let them in sooner. Axes calls it (settings.AXES_LOCKOUT_CALLABLE)."""
    cool_off: timedelta = get_cool_off(request)
    username = (credentials or {}).get("username")
    last_failure = AccessAttempt.objects.filter(
        username=username, ip_address=request.axes_ip_address
    ).aggregate(last=Max("attempt_time"))["last"]
    try_again_at = timezone.localtime((last_failure or timezone.now()) + cool_off)
    context = {
        **admin.site.each_context(request),
        "title": "Too many tries",
        "try_again_at": try_again_at,
        "cool_off_minutes": int(cool_off.total_seconds() // 60),
    }
    return TemplateResponse(request, "door/locked_out.html", context, status=429).render()

"""The public "suggest a change" form, on every published service.

The one public page that takes a post. It is exempt from Django's CSRF check on purpose: that
check needs a cookie, and the site promises no cookies on public pages (/privacy/). What the
check guards against, another site making a reader's browser post here, is stopped instead by
sent_from_this_site (the browser's own word on where the post came from), and floods by a
hidden field only programs fill in and an hourly limit per address (suggestions.py). Nothing
a reader sends changes the directory: it waits for a reviewer in the curators' queue.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from services.curation.forms import HONEYPOT, SuggestionForm, honeypot_filled
from services.curation.suggestions import LIMIT_LOOKS_BACK, take_suggestion, too_many_from
from services.models import Service

# The most a post may hold. The longest message the form takes, 2,000 characters, is at
# most 24,000 bytes once a browser has encoded it (4 bytes a character, each sent as %XX), so
# no real message comes near this; anything bigger is refused before it is read.
MAX_BODY_BYTES = 32 * 1024

# The form page's own referrer policy. Public pages send none (no-referrer), and with that
# policy browsers send "Origin: null" on a post, hiding the very thing sent_from_this_site
# reads. same-origin lets the form's post say it came from here; links to other sites from
# this page still send nothing.
FORM_REFERRER_POLICY = "same-origin"


@csrf_exempt  # see the module's docstring: no cookie, so other checks stand in for CSRF's
@never_cache  # a page with what someone typed is never kept, on a shared phone or anywhere
@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.published(), slug=slug)
    if request.method == "POST":
        return _take(request, service)
    return _form_page(request, service, SuggestionForm())


@never_cache
@require_safe
def suggest_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.published(), slug=slug)
    return render(request, "curation/suggest_thanks.html", {"service": service})


def _take(request: HttpRequest, service: Service) -> HttpResponse:
    """A post of the form: refused, shown again with what to fix, or kept (then a redirect,
    so reloading the thank-you page cannot send it twice)."""
    if _body_size(request) > MAX_BODY_BYTES:
        return _problem(request, service, "too_long", 413)
    if not sent_from_this_site(request):
        return _problem(request, service, "not_from_here", 403)
    try:
        data = request.POST
    except (RequestDataTooBig, TooManyFieldsSent):
        return _problem(request, service, "unreadable", 400)
    if honeypot_filled(data):
        # Thanked like anyone else, so the program learns nothing; nothing is kept.
        return _thanks(service)
    address = client_address(request)
    now = timezone.now()
    if too_many_from(address, now=now):
        response = _problem(request, service, "too_many", 429)
        response["Retry-After"] = str(int(LIMIT_LOOKS_BACK.total_seconds()))
        return response
    form = SuggestionForm(data)
    if not form.is_valid():
        return _form_page(request, service, form, status=400)
    take_suggestion(service, **form.cleaned_data, address=address, now=now)
    return _thanks(service)


def sent_from_this_site(request: HttpRequest) -> bool:
    """Whether the browser says this post came from a page of this site.

    Browsers set these headers themselves; a page on another site cannot change them.
    - Origin, when the browser gives one: it must be this site, as Django's CSRF check
      compares it (scheme and host). "null" means the browser withheld it: the next header.
    - Sec-Fetch-Site, sent by current browsers: it must be "same-origin".
    - Referer, for older browsers that send neither: it must be a page of this site.
    With none of them the post is refused. A browser that sends none is rare, and a page on
    another site can make a browser send none, so letting those through would undo the check.
    """
    here = f"{request.scheme}://{request.get_host()}".lower()
    origin = request.headers.get("Origin", "").strip()
    if origin and origin != "null":
        return origin.lower() == here
    fetch_site = request.headers.get("Sec-Fetch-Site", "").strip()
    if fetch_site:
        return fetch_site == "same-origin"
    referer = urlsplit(request.headers.get("Referer", "").strip())
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}".lower() == here


def client_address(request: HttpRequest) -> str:
    """The address the post came from, for the hourly limit only: never kept or logged as it
    is (suggestions.sender_code scrambles it). Read as the admin door's lockouts read it
    (settings.CLIENT_ADDRESS_CALLABLE: only the header CLIENT_ADDRESS_HEADER names, and of a
    list only the entry the proxy added); "" when it holds no address."""
    return import_string(settings.CLIENT_ADDRESS_CALLABLE)(request) or ""


def _body_size(request: HttpRequest) -> int:
    # Read as Django reads it: a missing or broken length is nothing to read.
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _form_page(
    request: HttpRequest, service: Service, form: SuggestionForm, status: int = 200
) -> HttpResponse:
    response = render(
        request,
        "curation/suggest.html",
        {
            "service": service,
            "form": form,
            "honeypot": HONEYPOT,
            "referrer_policy": FORM_REFERRER_POLICY,
        },
        status=status,
    )
    response.headers["Referrer-Policy"] = FORM_REFERRER_POLICY
    return response


def _problem(request: HttpRequest, service: Service, problem: str, status: int) -> HttpResponse:
    """A post refused whole: a page that says why and what to do, and nothing kept."""
    return render(
        request,
        "curation/suggest_problem.html",
        {"service": service, "problem": problem},
        status=status,
    )


def _thanks(service: Service) -> HttpResponse:
    url = reverse("curation:suggest_thanks", kwargs={"slug": service.slug})
    return HttpResponseRedirect(url, status=303)

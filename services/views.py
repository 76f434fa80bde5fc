"""Public pages. Views stay short: searching lives in filters.py and querysets.py."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from services import hours
from services.filters import ServiceFilter, search_results, widening_options
from services.models import Service


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    form = ServiceFilter(queryset=Service.objects.none()).form
    return render(request, "services/home.html", {"form": form})


@require_GET
def service_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    filterset, results = search_results(request.GET, now=now)
    paginator = Paginator(results.with_related(), settings.RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    services = list(page.object_list)
    for service in services:
        service.opening = hours.opening_status(service.schedule, now)
    return render(
        request,
        "services/service_list.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "page": page,
            "services": services,
            "active_choices": filterset.active_choices(),
            "widenings": widening_options(filterset) if paginator.count == 0 else [],
            "page_query": request.GET.copy(),
        },
    )


@require_GET
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.published().with_related(), slug=slug)
    now = timezone.now()
    schedule = service.schedule
    return render(
        request,
        "services/service_detail.html",
        {
            "service": service,
            "opening": hours.opening_status(schedule, now),
            "weekly_hours": hours.weekly_table(schedule) if schedule.slots else [],
        },
    )

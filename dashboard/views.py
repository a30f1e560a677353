"""The coordinator's dashboard in the admin: the figures over a period, and each one's CSV."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.access import is_coordinator

from . import overview as figures
from .counted_figures import count_again, last_count
from .forms import PeriodForm, period_query, quick_periods
from .tables import csv_download


def coordinator_page(view):
    """A page of the admin for the coordinator only: whoever is not signed in to the
    admin goes to its login page (as everywhere in the admin), other staff are refused."""

    @wraps(view)
    def for_the_coordinator(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(for_the_coordinator)


@coordinator_page
def overview(request):
    """The figures of the period in the address (this year by default), by section, as
    last counted; a POST counts them again."""
    form = PeriodForm.for_query(request.GET)
    period = form.chosen_period()
    if request.method == "POST" and period is not None:
        count_again(period)
        return redirect(f"{reverse('dashboard:overview')}?{period_query(period)}")
    count = last_count(period) if period is not None else None
    quick_links = [
        {"label": label, "address": f"?{period_query(quick)}", "is_current": quick == period}
        for label, quick in quick_periods(timezone.localdate())
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Dashboard: how the community is doing"),
        "form": form,
        "period": period,
        "period_query": period_query(period) if period is not None else "",
        "count": count,
        "count_minutes": settings.DASHBOARD_COUNT_SECONDS // 60,
        "quick_links": quick_links,
    }
    return TemplateResponse(request, "dashboard/overview.html", context)


@coordinator_page
def figure_csv(request, key):
    """One figure over the period in the address, all its rows, as a CSV file."""
    period = PeriodForm.for_query(request.GET).chosen_period()
    if period is None:
        return HttpResponseBadRequest(
            _("This address names no valid period: choose one on the dashboard."),
            content_type="text/plain; charset=utf-8",
        )
    try:
        figure = figures.figure(key, period)
    except KeyError:
        raise Http404 from None
    return csv_download(figure, period)

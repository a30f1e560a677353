import sys

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import InterfaceError, OperationalError
from django.http import FileResponse, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from .models import Page
from .page_cache import cached_page
from .readiness import database_answers, is_ready, readiness


@require_safe
@cached_page(areas=("site-texts",))
def text_page(request, key):
    page = get_object_or_404(Page, key=key)
    return render(request, "atelier/page.html", {"page": page})


@never_cache
@require_safe
def health(request):
    """Liveness: "ok" once the database has answered (atelier/readiness.py says more)."""
    database_answers()
    return _with_release(HttpResponse("ok", content_type="text/plain; charset=utf-8"))


@never_cache
@require_safe
def ready(request):
    """For load balancers and upgrades: 200 when the database and the cache answer and
    every migration is applied, else 503; each check's result as JSON."""
    results = readiness()
    return _with_release(JsonResponse(results, status=200 if is_ready(results) else 503))


def _with_release(response: HttpResponse) -> HttpResponse:
    # Which release answers: during a rolling upgrade old and new servers run side by side.
    if settings.RELEASE:
        response["X-Release"] = settings.RELEASE
    return response


@require_safe
@cache_control(max_age=60 * 60 * 24, public=True)
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""
    return FileResponse(open(finders.find("img/favicon.ico"), "rb"), content_type="image/x-icon")


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check: a short page in the site's words.

    Django's own page builds a template engine on every refusal; this one is a plain
    template from the cached loader, so a flood of refused POSTs costs little.
    """
    return render(request, "403_csrf.html", status=403)


# How long a visitor is asked to wait while the database cannot be reached.
RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    """The page for an error no view caught (handler500), with the request's id to quote
    to the coordinator.

    An error of the database connection (PostgreSQL restarting, failing over) is a wait,
    not a fault: 503 with the site's page and Retry-After, so load balancers and
    visitors try again. Anything else is the 500 page. Both are rendered without the
    request's context processors: they read the database, which may be what failed.
    """
    context = {"request_id": getattr(request, "request_id", "")}
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html", context))

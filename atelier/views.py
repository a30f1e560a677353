from django.contrib.staticfiles import finders
from django.db import connection
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from knowledge.models import Resource
from sessions_app.models import Event

from .addresses import absolute_url
from .models import Page
from .page_cache import cached_page

LATEST_ITEMS = 4


@require_safe
@cached_page(areas=("site-texts", "agenda", "registrations", "library", "members"))
def home(request):
    page = get_object_or_404(Page, key=Page.Key.HOME)
    public_events, meetings = Event.objects.next_for_home(request.user)
    latest_items = Resource.objects.public().newest_first().for_cards()[:LATEST_ITEMS]
    return render(
        request,
        "atelier/home.html",
        {
            "page": page,
            "public_events": public_events,
            "meetings": meetings,
            "latest_items": latest_items,
        },
    )


@require_safe
@cached_page(areas=("site-texts",))
def text_page(request, key):
    page = get_object_or_404(Page, key=key)
    return render(request, "atelier/page.html", {"page": page})


@never_cache
@require_safe
def health(request):
    """For load balancers: "ok" once the database has answered."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


# What crawlers leave alone: the admin, account pages, personal and token addresses,
# and every filter or search combination of the library and the directory (the
# unfiltered pages and the sitemap reach every item).
ROBOTS_DISALLOW = [
    "/admin/",
    "/accounts/",
    "/profiel/",
    "/i18n/",
    "/agenda/mijn/",
    "/agenda/persoonlijk/",
    "/agenda/bevestigen/",
    "/agenda/afmelden/",
    "/kennisbank/?",
    "/kennisbank/nieuw/",
    "/leden/",
]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


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

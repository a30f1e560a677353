from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from knowledge.models import Resource
from sessions_app.models import Event

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

"""The pages that read several apps: the home page, robots.txt (which knows every app's
addresses), and a member's profile and own data.

The member's pages keep the members' names and addresses (`members:detail`, `/leden/…`);
portal/urls.py adds them to the members' other pages.
"""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from atelier.addresses import absolute_url
from atelier.models import Page
from atelier.page_cache import cached_page
from knowledge.models import Resource
from members.forms import DeleteAccountForm
from members.models import Profile
from sessions_app.models import Event

from . import contributions, privacy

LATEST_ITEMS = 4


@require_safe
@cached_page(areas=("site-texts", "agenda", "registrations", "library", "members"))
def home(request):
    page = get_object_or_404(Page, key=Page.Key.HOME)
    public_events, meetings = Event.objects.next_for_home(request.user)
    latest_items = Resource.objects.public().newest_first().for_cards()[:LATEST_ITEMS]
    return render(
        request,
        "portal/home.html",
        {
            "page": page,
            "public_events": public_events,
            "meetings": meetings,
            "latest_items": latest_items,
        },
    )


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


# Outermost: a stored page was built after the access check passed. A profile lists the
# member's meetings, items and comments.
@cached_page(areas=("members", "agenda", "registrations", "library"))
@login_required
@require_safe
def member_profile(request, pk):
    """A member's profile; to whoever may not see it, it does not exist (404)."""
    profile = get_object_or_404(Profile.objects.visible_to(request.user).with_card_data(), pk=pk)
    return render(
        request,
        "members/detail.html",
        {
            "profile": profile,
            "is_own": profile.user_id == request.user.pk,
            **contributions.shown_on_profile(profile, request.user),
        },
    )


@login_required
@require_safe
def export_data(request):
    data = privacy.export_member_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"leeratelier-mijn-gegevens-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.erase_member(user, remove_items=form.cleaned_data["remove_items"])
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("home")
    return render(request, "members/delete_account.html", {"form": form})

"""The pages that read several apps: the home page, robots.txt (which knows every app's
addresses), a member's profile and own data, and the agenda's pages that show the
library's reports (an event's page and the archive).

The member's pages keep the members' names and addresses (`members:detail`, `/leden/…`),
the agenda's pages theirs (`agenda:detail`, `/agenda/…`); portal/urls.py adds them to
the apps' other pages.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from atelier import ratelimit
from atelier.addresses import absolute_url
from atelier.bounded_paging import BoundedPaginator
from atelier.models import Page
from atelier.page_cache import cached_page
from knowledge.models import Resource, ResourceKind
from members.forms import DeleteAccountForm
from members.models import Profile
from questions import links as question_links
from questions.forms import ANSWERED
from questions.models import Question
from sessions_app import registration as rules
from sessions_app.forms import GuestRegistrationForm
from sessions_app.models import Event
from sessions_app.online_link import page_shows_online_link
from sessions_app.structured_data import share_image_url, structured_data
from value import links as value_links
from value.models import ValueStory

from . import contributions, privacy

LATEST_ITEMS = 4
LATEST_STORIES = 3
LATEST_ANSWERED = 3
ARCHIVE_PAGE_SIZE = 20


@require_safe
@cached_page(
    areas=("site-texts", "agenda", "registrations", "library", "members", "questions", "value")
)
def home(request):
    """What the atelier does and makes, public things only: the next public events, the
    newest tools and cases, value stories and answered questions; for members their meetings."""
    page = get_object_or_404(Page, key=Page.Key.HOME)
    public_events, meetings = Event.objects.next_for_home(request.user)
    latest_items = (
        Resource.objects.public().tools_and_cases().newest_first().for_cards()[:LATEST_ITEMS]
    )
    stories = ValueStory.objects.public().select_related("author__profile")[:LATEST_STORIES]
    answered = (
        Question.objects.public().answered().newest_activity_first().for_list()[:LATEST_ANSWERED]
    )
    return render(
        request,
        "portal/home.html",
        {
            "page": page,
            "public_events": public_events,
            "meetings": meetings,
            "latest_items": latest_items,
            "tools_address": f"{reverse('knowledge:library')}?soort={ResourceKind.TOOL.value}",
            "cases_address": f"{reverse('knowledge:library')}?soort={ResourceKind.CASE.value}",
            "stories": stories,
            "stories_address": reverse("value:list"),
            "answered_questions": answered,
            "answered_questions_address": f"{reverse('questions:list')}?staat={ANSWERED}",
        },
    )


# What crawlers leave alone: the admin, account pages, personal and token addresses,
# every filter or search combination of the library and the directory, and the site
# search (the unfiltered pages and the sitemap reach every item).
ROBOTS_DISALLOW = [
    "/admin/",
    "/accounts/",
    "/profiel/",
    "/i18n/",
    "/mijn/",
    "/agenda/mijn/",
    "/agenda/persoonlijk/",
    "/agenda/bevestigen/",
    "/agenda/afmelden/",
    "/kennisbank/?",
    "/kennisbank/nieuw/",
    "/leden/",
    "/zoeken/",
]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# Outermost: a stored page was built after the access check passed. A profile lists the
# member's meetings, items, comments, accounts of use, questions, answers and stories.
@cached_page(areas=("members", "agenda", "registrations", "library", "questions", "value"))
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
        privacy.erase_member(
            user,
            remove_items=form.cleaned_data["remove_items"],
            keep_stories=form.cleaned_data["keep_stories"],
        )
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("home")
    return render(request, "members/delete_account.html", {"form": form})


def _event_for(request, slug) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user).with_counts(), slug=slug)


@require_safe
@cached_page(areas=("agenda", "registrations", "library"))  # with its reports
def event_archive(request):
    # "Report:" links only reports this reader may open, not every item about the event.
    reports = (
        Resource.objects.visible_to(request.user).reports().only("pk", "title", "slug", "event_id")
    )
    events = (
        Event.objects.visible_to(request.user)
        .past()
        .with_counts()
        .prefetch_related(Prefetch("resources", queryset=reports, to_attr="visible_reports"))
    )
    page = BoundedPaginator(events, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "sessions_app/archive.html", {"page": page})


def _event_page_context(request, event: Event, guest_form=None) -> dict:
    registration = event.active_registration_of(request.user)
    return {
        "event": event,
        "reports": Resource.objects.filter(event=event)
        .visible_to(request.user)
        .for_cards()
        .newest_first(),
        "questions": question_links.questions_on_agenda(event, request.user),
        "value_stories": value_links.stories_about_event(event, request.user),
        "story_form_url": value_links.story_form_for(event, registration, request.user),
        "registration": registration,
        "can_register": rules.may_register(event, request.user),
        "closed_reason": rules.closed_reason(event),
        "guest_form": guest_form or (GuestRegistrationForm() if not event.is_meeting else None),
        "show_online_link": page_shows_online_link(registration, request.user),
        "absolute_url": absolute_url(event.get_absolute_url()),
        "share_image_url": share_image_url(),
        "site_name": settings.SITE_NAME,
        "json_ld": structured_data(event) if event.is_public else "",
    }


@require_safe
# With its reports and the questions on its agenda (value stories mark "agenda" too).
@cached_page(areas=("agenda", "registrations", "library", "members", "questions"))
def event_detail(request, slug):
    event = _event_for(request, slug)
    return render(request, "sessions_app/detail.html", _event_page_context(request, event))


@require_POST
def register_guest(request, slug):
    """A visitor registers for a public event; with mistakes, the event's page again."""
    event = _event_for(request, slug)
    if not event.is_public:
        raise Http404
    form = GuestRegistrationForm(request.POST)
    if form.is_valid() and not ratelimit.allow(
        request, "guest_registration", key=form.cleaned_data["email"].lower()
    ):
        form.add_error(None, _("Too many attempts. Please try again in a few minutes."))
    if not form.is_valid():
        context = _event_page_context(request, event, guest_form=form)
        context["form"] = form  # for the error summary and the "Fout:" title
        return render(request, "sessions_app/detail.html", context, status=_form_status(form))
    try:
        rules.register_guest(event, form.cleaned_data["name"], form.cleaned_data["email"])
    except rules.RegistrationError as error:
        if error.field in form.fields:
            # Next to the field, with what was typed kept.
            form.add_error(error.field, error.message)
            context = _event_page_context(request, event, guest_form=form)
            context["form"] = form
            return render(request, "sessions_app/detail.html", context)
        messages.error(request, error.message)
        return redirect(event)
    return render(
        request,
        "sessions_app/guest_check_email.html",
        {"event": event, "email": form.cleaned_data["email"]},
    )


def _form_status(form) -> int:
    """200 for a form with mistakes; 429 when only the rate limit said no."""
    return 429 if form.errors and list(form.errors) == ["__all__"] else 200

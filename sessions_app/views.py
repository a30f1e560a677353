from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from atelier.addresses import absolute_url, login_url
from atelier.bounded_paging import BoundedPaginator
from atelier.conditional_feeds import conditional_feed
from atelier.page_cache import cached_page

from . import registration as rules
from .calendar import calendar_bytes
from .feed_window import COMING_MAX, PAST_DAYS, PAST_MAX, public_feed_window
from .models import CalendarFeed, Event, Registration, RegistrationStatus
from .online_link import carries_online_link, events_with_online_link

AGENDA_PAGE_SIZE = 20
# How long a calendar program may use its copy of a feed before it asks again.
FEED_MAX_AGE = 60 * 60
PERSONAL_FEED_AREAS = ("agenda", "registrations", "members", "roles")


def _event_for(request, slug) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user).with_counts(), slug=slug)


@require_safe
@cached_page(areas=("agenda", "registrations"))
def upcoming(request):
    events = Event.objects.visible_to(request.user).upcoming().with_counts()
    # In pages, so that the work per request stays the same however far ahead is planned.
    page = BoundedPaginator(events, AGENDA_PAGE_SIZE).get_page(request.GET.get("pagina"))
    window = {"days": PAST_DAYS, "past": PAST_MAX, "coming": COMING_MAX}
    return render(request, "sessions_app/upcoming.html", {"page": page, "feed_window": window})


@require_POST
def register(request, slug):
    """Members (and for public events, anyone logged in) register in one click."""
    event = _event_for(request, slug)
    if not request.user.is_authenticated:
        return redirect(login_url(event.get_absolute_url()))
    try:
        registration = rules.register_member(event, request.user)
    except rules.RegistrationError as error:
        messages.error(request, error.message)
    else:
        if registration.is_confirmed:
            messages.success(request, _("You are registered. We have sent you an e-mail."))
        else:
            messages.info(
                request,
                _("This event is full: you are on the waiting list. We e-mail you if a place "
                  "becomes free."),
            )  # fmt: skip
    return redirect(event)


def _registration_by_token(request, token) -> Registration:
    # Whoever holds the link sees the registration; its event is linked only if they may
    # open it (a member whose membership ended no longer opens the meeting).
    return get_object_or_404(
        Registration.objects.select_related("event", "user").with_event_visibility(request.user),
        token=token,
    )


def confirm(request, token):
    """The link in a guest's e-mail: a page with a button, so mail scanners change nothing."""
    registration = _registration_by_token(request, token)
    if request.method == "POST":
        try:
            rules.confirm_guest(registration)
        except rules.RegistrationError as error:
            return render(
                request,
                "sessions_app/confirm.html",
                {"registration": registration, "closed_reason": error.message},
            )
        return render(
            request,
            "sessions_app/registration_status.html",
            {"registration": _registration_by_token(request, token)},
        )
    if not registration.is_pending:
        return render(
            request, "sessions_app/registration_status.html", {"registration": registration}
        )
    # Say at once when the link has come too late, rather than offer a button that fails.
    return render(
        request,
        "sessions_app/confirm.html",
        {"registration": registration, "closed_reason": rules.closed_reason(registration.event)},
    )


def cancel(request, token):
    """Cancel from the link in any e-mail, or from 'my registrations'."""
    registration = _registration_by_token(request, token)
    own = request.user.is_authenticated and registration.user_id == request.user.pk
    if request.method == "POST":
        try:
            rules.cancel_registration(registration)
        except rules.RegistrationError as error:
            if own:
                messages.error(request, error.message)
                return redirect("agenda:mine")
            # The page itself says why (registration.can_be_cancelled).
            return render(request, "sessions_app/cancel.html", {"registration": registration})
        messages.success(request, _("Your registration has been cancelled."))
        if own:
            return redirect("agenda:mine")
        registration.refresh_from_db()
        return render(
            request, "sessions_app/registration_status.html", {"registration": registration}
        )
    return render(request, "sessions_app/cancel.html", {"registration": registration})


# Outermost: a stored page was built after the login check passed.
@cached_page(areas=("agenda", "registrations"))
@login_required
@require_safe
def mine(request):
    own = Registration.objects.filter(user=request.user).with_event_visibility(request.user)
    registrations = (
        own.filter(event__end__gte=timezone.now())
        .active()
        .select_related("event")
        .order_by("event__start")
    )
    past = (
        own.filter(event__end__lt=timezone.now())
        .active()
        .select_related("event")
        .order_by("-event__start")[:20]
    )
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    return render(
        request,
        "sessions_app/mine.html",
        {
            "registrations": registrations,
            "past_registrations": past,
            "feed_url": absolute_url(reverse("agenda:personal_feed", args=[feed.token])),
        },
    )


@login_required
@require_POST
def renew_feed(request):
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    feed.renew()
    messages.success(
        request, _("Your calendar address has been renewed; the old one no longer works.")
    )
    return redirect("agenda:mine")


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@cached_page(areas=("agenda", "registrations"))
def event_ics(request, slug):
    event = _event_for(request, slug)
    registration = event.active_registration_of(request.user)
    content = calendar_bytes(
        [event],
        event.title,
        online_link_events={event.pk} if carries_online_link(registration) else set(),
        waitlisted_events={event.pk} if registration and registration.is_waitlisted else set(),
    )
    return _calendar_response(content, f"{event.slug}.ics")


# Calendar programs poll; the window moves with the clock, so the validator does too.
@require_safe
@conditional_feed(areas=("agenda",), max_age=FEED_MAX_AGE, period_seconds=FEED_MAX_AGE)
@cached_page(areas=("agenda",))
def public_feed(request):
    content = calendar_bytes(public_feed_window(), _("Leeratelier: public events"))
    return _calendar_response(content, "leeratelier-public-events.ics")


@require_safe
# Read by calendar programs without a session: the feed's owner's rights are in "members".
# Kept only by the program that fetched it (private), which asks again after an hour.
@conditional_feed(
    areas=PERSONAL_FEED_AREAS, max_age=FEED_MAX_AGE, private=True, period_seconds=FEED_MAX_AGE
)
@cached_page(areas=PERSONAL_FEED_AREAS)
def personal_feed(request, token):
    """A member's own registrations, for calendar programs (which cannot log in)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    since = timezone.now() - timezone.timedelta(days=PAST_DAYS)
    registrations = (
        Registration.objects.filter(user=feed.user, event__end__gte=since)
        .filter(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
        # Each event checked by its key, not against a list of every visible event.
        .with_event_visibility(feed.user)
        .filter(event_is_visible=True)
        .select_related("event")
        .order_by("event__start")
    )
    content = calendar_bytes(
        [r.event for r in registrations],
        _("Leeratelier: my registrations"),
        online_link_events=events_with_online_link(registrations),
        waitlisted_events={r.event_id for r in registrations if r.is_waitlisted},
    )
    return _calendar_response(content, "leeratelier-mijn-agenda.ics")

"""Helpers the test files share: reading pages, counting queries, logging in, building form data,
reading calendars; and the Dutch texts the tests look for (from locale/nl/LC_MESSAGES/django.po
or Django's own Dutch catalogue).

Factories: tests/factories.py; sample files: tests/samples.py; fixtures: tests/conftest.py.
"""

import html
import io
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from members.models import ParticipationLevel, Profile
from notifications.preferences import frequencies_of
from sessions_app.models import EventKind, Registration, RegistrationStatus

from .factories import PDF_BYTES
from .samples import jpeg

# --- The library -------------------------------------------------------------------------------


AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SCRIPT = "<script>alert(1)</script>"
MEMBER_ROLES = ["member_public_events", "member_online", "member_meetings"]
NON_MEMBER_ROLES = ["visitor", "applicant"]


def login(client, user) -> None:
    if user is not None:
        client.force_login(user)


def resource_data(**overrides) -> dict:
    """A complete, valid ResourceForm submission (without a button)."""
    data = {
        "kind": "tool",
        "title": "Het buurtgesprek",
        "summary": "Een werkvorm om met bewoners te praten.",
        "body": "## Doel\n\nSamen praten over de **wijk**.",
        # A tool's required sections (the body is for the kinds with one text).
        "section_target_group": "Bewoners van één straat.",
        "section_goal": "Samen praten over de **wijk**.",
        "section_approach": "1. Uitnodigen\n2. Praten",
        "tags": "buurt, participatie",
        "visibility": "public",
        "event": "",
        "coauthors": "",
    }
    data.update(overrides)
    return data


def admin_item_data(resource, **overrides) -> dict:
    """The admin's change form of a library item as it stands, with `overrides`."""
    data = {
        "kind": resource.kind,
        "title": resource.title,
        "slug": resource.slug,
        "summary": resource.summary,
        "body": resource.body,  # a tool's or case's form has its sections instead
        "tags": "",
        "status": resource.status,
        "visibility": resource.visibility,
        "published_at_0": "",
        "published_at_1": "",
        "event": "",
        **{f"section_{key}": text for key, text in resource.sections.items()},
        **{
            f"{inline}-{count}_FORMS": "0"
            for inline in ("authorships", "attachments", "comments", "recognitions")
            for count in ("TOTAL", "INITIAL")
        },
    }
    return {**data, **overrides}


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


CARD_TITLE = re.compile(r'<h3 class="card__title" lang="nl"><a href="[^"]*">([^<]*)</a></h3>')


def page_titles(response) -> list[str]:
    """The titles of the items a library page lists, read from the page as sent (a page
    served from the page cache has no template context to look at)."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def pdf_upload(name="Verslag wijkavond.pdf", data=PDF_BYTES):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def search_titles(client, text: str) -> list[str]:
    response = client.get(reverse("knowledge:library"), {"q": text})
    assert response.status_code == 200
    return page_titles(response)


def pdf_bytes(response) -> bytes:
    """The body of a PDF download, streamed (a stored file) or not (rendered)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_words(data: bytes) -> str:
    """The words of a PDF, each run of white space one space."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pdf_text(response) -> str:
    """The words of a downloaded PDF."""
    return pdf_words(pdf_bytes(response))


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


ATOM = "{http://www.w3.org/2005/Atom}"


# --- The agenda --------------------------------------------------------------------------------


PUBLIC = EventKind.PUBLIC
MEETING = EventKind.MEETING
CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
PENDING = RegistrationStatus.PENDING
CANCELLED = RegistrationStatus.CANCELLED
ONLINE_LINK = "https://meet.example.org/atelier-geheim"
DUTCH_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]

# Messages of this project (locale/nl/LC_MESSAGES/django.po) and of Django (nl).
SUBJECT_REGISTERED = "Je bent aangemeld: "
SUBJECT_PROMOTED = "Er is een plaats voor je vrijgekomen: "
SUBJECT_CANCELLED_REGISTRATION = "Aanmelding geannuleerd: "
SUBJECT_EVENT_CANCELLED = "Geannuleerd: "
ALREADY_REGISTERED = "Je bent al aangemeld voor deze activiteit."
REGISTRATION_CLOSED = "Aanmelden voor deze activiteit is gesloten."
ALREADY_STARTED = (
    "Deze activiteit is al begonnen; aanmeldingen kunnen niet meer worden geannuleerd."
)


def local(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


FUTURE_YEAR = timezone.now().year + 2


def soon(hours: float) -> datetime:
    return timezone.now().replace(microsecond=0) + timedelta(hours=hours)


def statuses(*registrations) -> list[str]:
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def ics_attachments(message) -> list:
    """(filename, content as bytes, mimetype) of each calendar attachment."""
    return [
        (name, data.encode() if isinstance(data, str) else data, mimetype)
        for name, data, mimetype in message.attachments
        if mimetype.startswith("text/calendar")
    ]


def parse_calendar(raw: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(raw)


def vevents(raw: bytes) -> list:
    return list(parse_calendar(raw).walk("VEVENT"))


def vevent_text(vevent) -> str:
    return " ".join(str(vevent.get(key, "")) for key in ("DESCRIPTION", "LOCATION", "URL"))


def cancel_url(registration) -> str:
    return settings.SITE_URL + reverse("agenda:cancel", args=[registration.token])


def content(response) -> str:
    return response.content.decode()


def text(response) -> str:
    """The page's text with entities decoded, for matching Dutch sentences."""
    return html.unescape(content(response))


# --- Members -----------------------------------------------------------------------------------


APPLY = "members:apply"
PROFILE_CHANGELIST = "admin:members_profile_changelist"
LEVEL_REQUEST_CHANGELIST = "admin:members_levelrequest_changelist"
MEETINGS = ParticipationLevel.MEETINGS
ONLINE = ParticipationLevel.ONLINE
PUBLIC_EVENTS = ParticipationLevel.PUBLIC_EVENTS

# Messages of this project (locale/nl/LC_MESSAGES/django.po).
ENTER_NAME = "Vul je naam in."
ENTER_ORGANISATION = "Vul je organisatie in."
CHOOSE_SECTOR = "Kies de sector waarin je werkt."
CHOOSE_LEVEL = "Kies hoe je wilt meedoen."
PRINTABLE_ONLY = "Gebruik alleen letters, cijfers en leestekens."
ERROR_SUMMARY = "Er is een probleem"

# Django's own Dutch translation of its generic field errors.
NULL_CHARACTERS = "Null-tekens zijn niet toegestaan."


def too_long(limit: int, length: int) -> str:
    return f"Zorg dat deze waarde niet meer dan {limit} tekens bevat (het zijn er nu {length})."


def invalid_choice(value: str) -> str:
    return f"Selecteer een geldige keuze. {value} is geen beschikbare keuze."


def assert_form_error_page(response, *messages):
    assert response.status_code == 200
    page = text(response)
    assert "<title>Fout:" in page
    assert ERROR_SUMMARY in page
    for message in messages:
        assert message in page, message


CHECKBOXES = {
    "listed_in_directory",
    "show_email",
    "remove_avatar",
    "open_to_questions",
    "notify_on_comments",
    "notify_on_answers",
    "follow_up_emails",
}


def profile_form_data(profile: Profile, **changes) -> dict:
    data = {
        "display_name": profile.display_name,
        "organisation": profile.organisation,
        "sector": profile.sector,
        "job_title": profile.job_title,
        "bio": profile.bio,
        "expertise": ", ".join(tag.name for tag in profile.expertise.all()),
        "listed_in_directory": "on" if profile.listed_in_directory else "",
        "show_email": "on" if profile.show_email else "",
        "open_to_questions": "on" if profile.open_to_questions else "",
    }
    data.update(changes)
    # An unticked checkbox is not sent at all.
    return {key: value for key, value in data.items() if value != "" or key not in CHECKBOXES}


def email_settings_data(profile: Profile, **changes) -> dict:
    """A complete submission of /profiel/meldingen/ as the member's settings are now."""
    data = {
        **frequencies_of(profile.user),
        "language": profile.language,
        "notify_on_comments": "on" if profile.notify_on_comments else "",
        "notify_on_answers": "on" if profile.notify_on_answers else "",
        "follow_up_emails": "on" if profile.follow_up_emails else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != "" or key not in CHECKBOXES}


def give_photo(profile: Profile, large: File | None = None, small: File | None = None) -> list[str]:
    """Store a photo on the profile, `large` and `small` as the avatar processing makes them
    (small JPEGs unless given); the paths of the two files."""
    large = large or ContentFile(jpeg((32, 32)), name="foto.jpg")
    small = small or ContentFile(jpeg((16, 16)), name="foto.jpg")
    profile.avatar.save(large.name, large, save=False)
    profile.avatar_small.save(small.name, small, save=False)
    profile.save()
    return [profile.avatar.path, profile.avatar_small.path]


def snapshot(profile: Profile) -> dict:
    """Everything a form could change, as stored in the database."""
    fresh = Profile.objects.get(pk=profile.pk)
    return {
        "fields": {
            field.name: getattr(fresh, field.attname) for field in Profile._meta.concrete_fields
        },
        "tags": sorted(tag.name for tag in fresh.expertise.all()),
    }


def admin_decision(profile: Profile, level: str | None = None) -> dict:
    """The least the admin's change form of a profile takes to make it active: the member's
    required fields, the coordinator's decision (at `level`, or the profile's present level) and
    the directory box ticked."""
    return {
        "display_name": profile.display_name,
        "organisation": profile.organisation,
        "sector": profile.sector,
        "status": "active",
        "participation_level": level or profile.participation_level,
        "motivation": profile.motivation,
        "listed_in_directory": "on",
    }


def level_of(user) -> str:
    return Profile.objects.get(user=user).participation_level


def approve_in_admin(client, coordinator, captured, *level_requests, action="approve"):
    """Decide the level requests with the admin's action (`approve` or `decline`), with the
    on-commit callbacks (the e-mails) run by `captured`."""
    client.force_login(coordinator)
    with captured(execute=True):
        return client.post(
            reverse(LEVEL_REQUEST_CHANGELIST),
            {"action": action, "_selected_action": [str(r.pk) for r in level_requests]},
        )


def admin_action(client, action: str, *profiles):
    return client.post(
        reverse(PROFILE_CHANGELIST),
        {"action": action, "_selected_action": [str(p.pk) for p in profiles]},
    )


# --- Questions ---------------------------------------------------------------------------------


def question_data(**overrides) -> dict:
    """A complete, valid QuestionForm submission (without a button)."""
    data = {
        "title": "Hoe houd ik de signaalfunctie overeind?",
        "body": "De gemeente financiert **alleen** individuele hulp.",
        "tags": "signalering, gemeente",
        "visibility": "members",
    }
    data.update(overrides)
    return data

"""docs/design.md's access table, cell by cell: every address of the site for each of the six roles,
and the rules of `members.access` for each role.

The expected values come from docs/design.md ("Participation levels and access", "Addresses"), not
from what the code happens to do. Members-only things: a visitor gets the login page; a logged-in
non-member gets the 403 explanation page for a whole section (the directory) and a 404 for one
members-only object (a profile, a photo).
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import URLResolver, get_resolver, resolve, reverse

from atelier.coordinator import COORDINATOR_GROUP
from knowledge.models import ResourceStatus, Visibility
from members import access, unsubscribe
from members.models import MembershipStatus, ParticipationLevel, User
from notifications.models import Kind, Notification
from questions.models import QuestionStatus
from sessions_app.models import CalendarFeed, EventKind, EventStatus
from value.models import ValueStory

from .factories import (
    PASSWORD,
    ROLES,
    make_answer,
    make_attachment,
    make_comment,
    make_coordinator,
    make_event,
    make_item,
    make_member,
    make_profile,
    make_question,
    make_registration,
    make_role,
    make_story,
    make_uptake,
    make_user,
    make_year_report,
)
from .helpers import give_photo

pytestmark = pytest.mark.django_db


# Outcomes of a GET request.
@dataclass(frozen=True)
class Redirect:
    """A 302 to a named URL (reversed without arguments)."""

    name: str


OK = 200
NOT_FOUND = 404
FORBIDDEN = 403  # the explanation page "Alleen voor leden" (members/members_only.html)
REFUSED = "refused"  # 403 with the reason on the page: not one's to do (not the members' page)
LOGIN = "login"  # 302 to the site's login page, with ?next=<this address>
ADMIN = "admin login"  # 302 to the admin's login page, with ?next=<this address>
POST_ONLY = 405  # an action: a GET is refused
HOME = Redirect("home")
APPLY = Redirect("members:apply")
MY_PROFILE = Redirect("members:my_profile")

# THE ACCESS MATRIX: one row per address of the site, one expected outcome per role, in the order
# of the columns (= conftest.ROLES = the columns of docs/design.md's access table).
# Later issues: add a row for every address you create (agenda, library, feeds, attachments ...);
# `test_every_address_of_the_site_is_in_the_matrix` fails until you do. `{name}` in an address
# is filled in from the `objects` fixture below (a pk, a slug ...): add the objects you need there.
# Addresses under /accounts/ are django-allauth's: a logged-in user who opens the login or sign-up
# page is sent on to where logging in takes them (members.adapter: `home`, or the application
# form for an account without a profile; the coordinator needs none and goes home).
# fmt: off
ACCESS_MATRIX = {
    # address:
    #   (visitor,   applicant,  m:pub_ev,   m:online,   m:meetings, coordinator)
    "/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/over/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/privacy/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/health/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/health/ready/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    # Prometheus's metrics: for METRICS_TOKEN or METRICS_ALLOWED_IPS only (tests/test_metrics.py)
    "/metrics":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/robots.txt":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/sitemap.xml":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/favicon.ico":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/accounts/login/":
        (OK,        HOME,       HOME,       HOME,       HOME,       HOME),
    "/accounts/signup/":
        (OK,        HOME,       HOME,       HOME,       HOME,       HOME),
    "/accounts/password/reset/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/accounts/email/":
        (LOGIN,     OK,         OK,         OK,         OK,         OK),
    "/accounts/password/change/":
        (LOGIN,     OK,         OK,         OK,         OK,         OK),
    # One's own profile and data: every account. The coordinator has no profile (needs none).
    "/profiel/":
        (LOGIN,     OK,         OK,         OK,         OK,         APPLY),
    "/profiel/aanvraag/":
        (LOGIN,     OK,         MY_PROFILE, MY_PROFILE, MY_PROFILE, OK),
    "/profiel/lidmaatschap/":
        (LOGIN,     MY_PROFILE, OK,         OK,         OK,         MY_PROFILE),
    # Pausing and ending are confirmed on a page first; withdrawing a level request is an action.
    "/profiel/lidmaatschap/pauzeren/":
        (LOGIN,     MY_PROFILE, OK,         OK,         OK,         MY_PROFILE),
    "/profiel/lidmaatschap/beeindigen/":
        (LOGIN,     MY_PROFILE, OK,         OK,         OK,         MY_PROFILE),
    "/profiel/lidmaatschap/verzoek-intrekken/":
        (LOGIN,     POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/profiel/mijn-gegevens.json":
        (LOGIN,     OK,         OK,         OK,         OK,         OK),
    "/profiel/verwijderen/":
        (LOGIN,     OK,         OK,         OK,         OK,         OK),
    # Which e-mails one gets and how often: members and the coordinator (issue 17).
    "/profiel/meldingen/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    # The one-click unsubscribe page from an e-mail: the signed token is the key, whoever holds it.
    "/afmelden/{unsubscribe_token}/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/afmelden/onbekend-token/":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    # The member directory (a section: 403 page) and profiles (objects: 404).
    "/leden/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/leden/{listed}/":
        (LOGIN,     NOT_FOUND,  OK,         OK,         OK,         OK),
    "/leden/{listed}/foto.jpg":
        (LOGIN,     NOT_FOUND,  OK,         OK,         OK,         OK),
    "/leden/{listed}/foto-klein.jpg":
        (LOGIN,     NOT_FOUND,  OK,         OK,         OK,         OK),
    # A paused member has no member rights and is hidden from members; the coordinator sees all.
    "/leden/{paused}/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/leden/{paused}/foto.jpg":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/leden/{paused}/foto-klein.jpg":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # The agenda: public events for all, meetings for members, drafts for the coordinator.
    "/agenda/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/agenda/archief/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/agenda/feed.ics":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/agenda/mijn/":
        (LOGIN,     OK,         OK,         OK,         OK,         OK),
    "/agenda/mijn/nieuw-adres/":
        (LOGIN,     POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/agenda/{public}/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/agenda/{public}.ics":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/agenda/{public}/aanmelden/":
        (POST_ONLY, POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/agenda/{public}/gast/":
        (POST_ONLY, POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/agenda/{meeting}/":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    "/agenda/{meeting}.ics":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    "/agenda/{draft}/":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/agenda/{draft}.ics":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # Links from e-mails: the secret token is the key, whoever holds it.
    "/agenda/bevestigen/{guest_token}/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/agenda/afmelden/{guest_token}/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/agenda/bevestigen/onbekend-token/":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/agenda/persoonlijk/{feed_token}.ics":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/agenda/persoonlijk/onbekend-token.ics":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    # The knowledge library: public items for all, members-only for members, drafts for
    # their authors and the coordinator; files exactly as their item.
    "/kennisbank/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/kennisbank/feed/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/zoeken/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    # "Mijn atelier": a member's blocks; an applicant sees where the application stands.
    "/mijn/":
        (LOGIN,     OK,         OK,         OK,         OK,         OK),
    "/kennisbank/nieuw/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/kennisbank/{public_item}/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/kennisbank/{members_item}/":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    "/kennisbank/{draft_item}/":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/kennisbank/{public_item}/bijlagen/{public_file}/werkblad.pdf":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/kennisbank/{members_item}/bijlagen/{members_file}/verslag.pdf":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    # Handouts (PDF) of tools and cases: exactly as their item.
    "/kennisbank/{public_item}.pdf":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/kennisbank/{members_item}.pdf":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    "/kennisbank/{draft_item}.pdf":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # The right file number under an item one may read still finds nothing.
    "/kennisbank/{public_item}/bijlagen/{members_file}/verslag.pdf":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/kennisbank/{public_item}/bewerken/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/kennisbank/{public_item}/reacties/":
        (POST_ONLY, POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/kennisbank/{public_item}/bijlagen/{public_file}/verwijderen/":
        (LOGIN,     POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/kennisbank/{public_item}/auteur-af/":
        (LOGIN,     POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    # An item's versions (issue 16): members and the coordinator, for the items they may read;
    # a version is found only under its own item.
    "/kennisbank/{public_item}/versies/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/kennisbank/{members_item}/versies/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/kennisbank/{draft_item}/versies/":
        (LOGIN,     FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/kennisbank/{members_item}/versies/{members_version}/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/kennisbank/{public_item}/versies/{members_version}/":
        (LOGIN,     FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    # Restoring is asked on a page first: for the item's authors and the coordinator only.
    "/kennisbank/{public_item}/versies/{public_version}/terugzetten/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    # One's own requests to be co-author (issue 21).
    "/kennisbank/co-auteurschap/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/kennisbank/reacties/{comment}/bewerken/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/kennisbank/reacties/{comment}/verwijderen/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/kennisbank/reacties/{comment}/verbergen/":
        (LOGIN,     POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    # Experiences of using a tool or case: members read them all, others only public ones
    # on items they may see; members record them on published items; only the writer
    # changes or deletes one on the site (the coordinator in the admin).
    "/kennisbank/{public_item}/gebruikt/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/kennisbank/{members_item}/gebruikt/":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    "/kennisbank/{public_item}/gebruikt/nieuw/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/kennisbank/{members_item}/gebruikt/nieuw/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/kennisbank/{draft_item}/gebruikt/nieuw/":
        (LOGIN,     FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/kennisbank/{public_item}/gebruikt/{public_uptake}/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/kennisbank/{public_item}/gebruikt/{members_uptake}/":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    "/kennisbank/{members_item}/gebruikt/{public_uptake_on_members_item}/":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    # The right number under another item finds nothing.
    "/kennisbank/{members_item}/gebruikt/{public_uptake}/":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/kennisbank/{public_item}/gebruikt/{public_uptake}/bewerken/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/kennisbank/{public_item}/gebruikt/{public_uptake}/verwijderen/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    # Questions from practice: public ones for all, members-only ones for members, drafts for
    # their asker and the coordinator; only the asker edits, only an answer's author edits it.
    "/vragen/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/vragen/feed/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/vragen/nieuw/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/vragen/{public_question}/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/vragen/{members_question}/":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    "/vragen/{draft_question}/":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/vragen/{public_question}/bewerken/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/vragen/{public_question}/antwoorden/":
        (POST_ONLY, POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/vragen/{public_question}/hielp/":
        (LOGIN,     POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/vragen/{draft_question}/publiceren/":
        (LOGIN,     POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/vragen/antwoorden/{answer}/bewerken/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/vragen/antwoorden/{answer}/verbergen/":
        (LOGIN,     POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    # Asking a member directly for help with a question: an action.
    "/vragen/{members_question}/vraag-hulp/{listed}/":
        (LOGIN,     POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    # The coordinator puts a question on a meeting's agenda; the asker, an answerer or the
    # coordinator turns an answered question into a library item.
    "/vragen/{public_question}/agenda/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/vragen/{draft_question}/agenda/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/vragen/{answered_question}/naar-kennisbank/":
        (LOGIN,     FORBIDDEN,  REFUSED,    REFUSED,    REFUSED,    OK),
    "/vragen/{public_question}/naar-kennisbank/":
        (LOGIN,     FORBIDDEN,  REFUSED,    REFUSED,    REFUSED,    REFUSED),
    "/vragen/{members_question}/naar-kennisbank/":
        (LOGIN,     FORBIDDEN,  REFUSED,    REFUSED,    REFUSED,    REFUSED),
    "/vragen/{draft_question}/naar-kennisbank/":
        (LOGIN,     FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  REFUSED),
    # Value stories: read by the audience their author chose; written by members, changed
    # and deleted on the site by their author only (the coordinator uses the admin).
    "/opbrengst/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/opbrengst/feed/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/opbrengst/nieuw/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/opbrengst/verhalen/{public_story}/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/opbrengst/verhalen/{members_story}/":
        (NOT_FOUND, NOT_FOUND,  OK,         OK,         OK,         OK),
    "/opbrengst/verhalen/{coordinator_story}/":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/opbrengst/verhalen/{public_story}/bewerken/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/opbrengst/verhalen/{public_story}/verwijderen/":
        (LOGIN,     NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/admin/value/valuestory/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    # The yearly report: everyone reads a published one; one not published yet is the
    # coordinator's preview (404 for the rest), its PDF too.
    "/opbrengst/{published_year}/":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/opbrengst/{published_year}.pdf":
        (OK,        OK,         OK,         OK,         OK,         OK),
    "/opbrengst/{unpublished_year}/":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/opbrengst/{unpublished_year}.pdf":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK),
    "/opbrengst/1999/":
        (NOT_FOUND, NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/admin/dashboard/yearreport/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    # Notifications and following: members only; a notification opens for its own member
    # only; following and stopping are actions (what one may follow: test_following.py).
    "/meldingen/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/meldingen/volgen/":
        (LOGIN,     FORBIDDEN,  OK,         OK,         OK,         OK),
    "/meldingen/{notification}/":
        (LOGIN,     FORBIDDEN,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND),
    "/meldingen/alles-gelezen/":
        (LOGIN,     FORBIDDEN,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/meldingen/volgen/item/{public_item_id}/":
        (LOGIN,     FORBIDDEN,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    "/meldingen/volgen/item/{public_item_id}/stoppen/":
        (LOGIN,     FORBIDDEN,  POST_ONLY,  POST_ONLY,  POST_ONLY,  POST_ONLY),
    # The coordinator's admin.
    "/admin/knowledge/resource/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/sessions_app/event/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/members/profile/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/members/user/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/members/levelrequest/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/knowledge/uptake/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/atelier/outgoingmail/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/sessions_app/event/{meeting_pk}/bericht/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/knowledge/uptake/{members_uptake}/change/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    # The coordinator's dashboard (issue 18) and a figure's CSV.
    "/admin/overzicht/":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
    "/admin/overzicht/tiers.csv":
        (ADMIN,     ADMIN,      ADMIN,      ADMIN,      ADMIN,      OK),
}
# fmt: on


@pytest.fixture
def objects(db) -> dict[str, int]:
    """The objects the matrix's addresses point at, by the name used in `{name}`."""
    listed = make_member("in-de-lijst@example.org", ParticipationLevel.ONLINE)
    give_photo(listed.profile)
    paused = make_user("gepauzeerd@example.org")
    give_photo(make_profile(paused, MembershipStatus.PAUSED, ParticipationLevel.MEETINGS))
    public = make_event(slug="open-middag", kind=EventKind.PUBLIC)
    meeting = make_event(slug="bijeenkomst", kind=EventKind.MEETING)
    draft = make_event(slug="concept", kind=EventKind.PUBLIC, status=EventStatus.DRAFT)
    guest = make_registration(
        event=public, guest_name="Gast", guest_email="gast@example.org", status="pending"
    )
    feed = CalendarFeed.objects.create(user=listed)
    public_item = make_item("werkvorm", listed, summary="Samenvatting.")
    members_item = make_item(
        "verslag", listed, summary="Samenvatting.", visibility=Visibility.MEMBERS
    )
    draft_item = make_item(
        "concept-casus",
        listed,
        title="Concept-casus",
        summary="Samenvatting.",
        status=ResourceStatus.DRAFT,
    )
    comment = make_comment(resource=public_item, author=listed, body="Mooi!")
    public_uptake = make_uptake(public_item, listed, is_public=True)
    members_uptake = make_uptake(public_item, listed)
    public_uptake_on_members_item = make_uptake(members_item, listed, is_public=True)
    public_question = make_question(listed, slug="open-vraag", visibility=Visibility.PUBLIC)
    members_question = make_question(listed, slug="ledenvraag")
    draft_question = make_question(listed, slug="conceptvraag", status=QuestionStatus.DRAFT)
    answer = make_answer(public_question, listed)
    answered_question = make_question(listed, slug="beantwoorde-vraag")
    answered_question.helped_answer = make_answer(answered_question, listed)
    answered_question.save()
    stories = {
        f"{audience}_story": make_story(listed, audience, (meeting, public_item)).pk
        for audience in ("public", "members", "coordinator")
    }
    notification = Notification.objects.create(user=listed, kind=Kind.COMMENTS, target=public_item)
    published_report = make_year_report(2025, [ValueStory.objects.get(pk=stories["public_story"])])
    unpublished_report = make_year_report(2026, published=False)
    return {
        **stories,
        "published_year": published_report.year,
        "unpublished_year": unpublished_report.year,
        "notification": notification.pk,
        "public_item_id": public_item.pk,
        "public_question": public_question.slug,
        "members_question": members_question.slug,
        "draft_question": draft_question.slug,
        "answer": answer.pk,
        "answered_question": answered_question.slug,
        "public_item": public_item.slug,
        "members_item": members_item.slug,
        "draft_item": draft_item.slug,
        "public_version": public_item.history.latest().history_id,
        "members_version": members_item.history.latest().history_id,
        "public_file": make_attachment(public_item, "werkblad.pdf", stored_as="a.pdf").pk,
        "members_file": make_attachment(members_item, "verslag.pdf", stored_as="a.pdf").pk,
        "comment": comment.pk,
        "public_uptake": public_uptake.pk,
        "members_uptake": members_uptake.pk,
        "public_uptake_on_members_item": public_uptake_on_members_item.pk,
        "listed": listed.profile.pk,
        "paused": paused.profile.pk,
        "public": public.slug,
        "meeting": meeting.slug,
        "meeting_pk": meeting.pk,
        "draft": draft.slug,
        "guest_token": guest.token,
        "feed_token": feed.token,
        "unsubscribe_token": unsubscribe.token_for(listed.pk, unsubscribe.COMMENTS),
    }


def log_in_as(client, role: str) -> User | None:
    user = make_role(role)
    if user is not None:
        client.force_login(user)
    return user


def assert_redirects_to_login(response, login_url: str, address: str) -> None:
    assert response.status_code == 302, f"expected a redirect to {login_url}"
    target = urlsplit(response.url)
    assert target.path == login_url
    assert parse_qs(target.query).get("next") == [address]


def assert_outcome(response, expected, address: str) -> None:
    if expected == LOGIN:
        assert_redirects_to_login(response, reverse("account_login"), address)
    elif expected == ADMIN:
        assert_redirects_to_login(response, reverse("admin:login"), address)
    elif isinstance(expected, Redirect):
        assert response.status_code == 302, f"expected a redirect to {expected.name}"
        assert response.url == reverse(expected.name)
    elif expected == REFUSED:
        assert response.status_code == 403
        assert "members/members_only.html" not in [t.name for t in response.templates]
    elif expected == FORBIDDEN:
        assert response.status_code == 403
        assert "members/members_only.html" in [t.name for t in response.templates]
    else:
        assert response.status_code == expected


def matrix_cells():
    for address, outcomes in ACCESS_MATRIX.items():
        assert len(outcomes) == len(ROLES), f"{address}: one outcome per role"
        for role, expected in zip(ROLES, outcomes, strict=True):
            yield pytest.param(address, role, expected, id=f"{address}-{role}")


@pytest.mark.parametrize(("address", "role", "expected"), list(matrix_cells()))
def test_access(client, objects, address, role, expected):
    log_in_as(client, role)
    url = address.format(**objects)
    response = client.get(url)
    try:
        assert_outcome(response, expected, url)
    finally:
        response.close()


def url_patterns(resolver=None, prefix: str = ""):
    """Every route of the site, as Django spells it: "leden/<int:pk>/"."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_every_address_of_the_site_is_in_the_matrix(objects):
    """A new address needs a row (allauth's, the admin's and the language switch aside)."""
    in_matrix = {resolve(address.format(**objects)).route for address in ACCESS_MATRIX}
    routes = {
        route for route in url_patterns() if not route.startswith(("accounts/", "admin/", "i18n/"))
    }
    missing = sorted(f"/{route}" for route in routes - in_matrix)
    assert not missing, f"add these addresses to ACCESS_MATRIX: {', '.join(missing)}"


@pytest.mark.parametrize("role", ROLES)
def test_site_search_finds_members_only_things_for_members_only(client, objects, role):
    """The members-only item, the meeting and the members: absent for visitor and applicant."""
    user = log_in_as(client, role)
    found = {}
    for word in ("verslag", "bijeenkomst", "lijst"):
        groups = client.get("/zoeken/", {"q": word}).context["groups"]
        found[word] = sum(group.count for group in groups)
    expected = 1 if access.is_member(user or AnonymousUser()) else 0
    assert found == {"verslag": expected, "bijeenkomst": expected, "lijst": expected}


# THE ACCESS RULES of members.access, per role, in the order of conftest.ROLES. docs/design.md:
# "register for a public event" is for everyone with an account; a visitor registers as a guest
# (by e-mail link), which is not this rule: `can_register_for_public_events` answers "may register
# with an account", so it is False for the visitor.
T, F = True, False
# fmt: off
ACCESS_RULES = {
    # rule:                            visitor applicant m:pub_ev m:online m:meetings coordinator
    "is_member":                      (F,      F,        T,       T,       T,         T),
    "is_coordinator":                 (F,      F,        F,       F,       F,         T),
    "can_see_members_area":           (F,      F,        T,       T,       T,         T),
    "can_contribute":                 (F,      F,        T,       T,       T,         T),
    "can_register_for_meetings":      (F,      F,        F,       F,       T,         T),
    "can_register_for_public_events": (F,      T,        T,       T,       T,         T),
    "can_moderate":                   (F,      F,        F,       F,       F,         T),
}
# fmt: on

NO_MEMBER_RIGHTS = {
    "is_member": False,
    "is_coordinator": False,
    "can_see_members_area": False,
    "can_contribute": False,
    "can_register_for_meetings": False,
    "can_register_for_public_events": True,  # an account: registers directly, like an applicant
    "can_moderate": False,
}
COORDINATOR_RIGHTS = dict.fromkeys(ACCESS_RULES, True)


def rule_cells():
    for rule, values in ACCESS_RULES.items():
        for role, expected in zip(ROLES, values, strict=True):
            yield pytest.param(rule, role, expected, id=f"{rule}-{role}")


def rules_for(user) -> dict[str, bool]:
    return {rule: getattr(access, rule)(user) for rule in ACCESS_RULES}


@pytest.mark.parametrize(("rule", "role", "expected"), list(rule_cells()))
def test_access_rule(rule, role, expected):
    user = make_role(role) or AnonymousUser()
    assert getattr(access, rule)(user) is expected


@pytest.mark.parametrize("role", ROLES)
def test_template_access_agrees_with_the_rules(role):
    user = make_role(role) or AnonymousUser()
    rules = access.Access(user)
    assert rules.is_member is access.is_member(user)
    assert rules.is_coordinator is access.is_coordinator(user)
    assert rules.can_contribute is access.can_contribute(user)
    assert rules.can_register_for_meetings is access.can_register_for_meetings(user)


@pytest.mark.parametrize("status", [MembershipStatus.PAUSED, MembershipStatus.ENDED])
@pytest.mark.parametrize("level", ParticipationLevel.values)
def test_paused_or_ended_member_has_no_member_rights(status, level):
    user = make_user("oud-lid@example.org")
    make_profile(user, status, level)
    assert rules_for(user) == NO_MEMBER_RIGHTS
    assert access.participation_level(user) is None


@pytest.mark.parametrize("status", [MembershipStatus.PAUSED, MembershipStatus.ENDED])
def test_paused_or_ended_member_is_not_let_into_the_members_area(client, objects, status):
    user = make_user("oud-lid@example.org")
    make_profile(user, status, ParticipationLevel.MEETINGS)
    client.force_login(user)
    assert_outcome(client.get("/leden/"), FORBIDDEN, "/leden/")
    photo = f"/leden/{objects['listed']}/foto.jpg"
    assert_outcome(client.get(photo), NOT_FOUND, photo)


def test_switched_off_member_has_no_member_rights():
    """An account the coordinator switched off (is_active=False) keeps no rights, wherever
    the rules are asked (a feed by token, a reminder e-mail), not only through a session."""
    user = make_member("uitgeschakeld@example.org", ParticipationLevel.MEETINGS)
    user.is_active = False
    user.save()
    user = User.objects.get(pk=user.pk)
    rules = rules_for(user)
    assert rules["is_member"] is False
    assert rules["can_see_members_area"] is False
    assert rules["can_contribute"] is False
    assert rules["can_register_for_meetings"] is False


def test_switched_off_member_is_a_visitor_on_the_site(client):
    user = make_member("uitgeschakeld@example.org")
    client.force_login(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert_redirects_to_login(client.get("/leden/"), reverse("account_login"), "/leden/")


def test_switched_off_coordinator_is_not_a_coordinator():
    user = make_coordinator("oud-coordinator@example.org")
    user.is_active = False
    user.save()
    user = User.objects.get(pk=user.pk)
    assert rules_for(user) == NO_MEMBER_RIGHTS


def test_staff_outside_the_coordinator_group_is_not_a_coordinator():
    user = make_user("medewerker@example.org", is_staff=True)
    assert not user.groups.filter(name=COORDINATOR_GROUP).exists()
    assert rules_for(user) == NO_MEMBER_RIGHTS


def test_group_without_staff_is_not_a_coordinator():
    user = make_user("geen-staf@example.org")
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    assert rules_for(user) == NO_MEMBER_RIGHTS


def test_superuser_has_the_coordinators_rights():
    user = User.objects.create_superuser("beheer@example.org", PASSWORD)
    assert rules_for(user) == COORDINATOR_RIGHTS


def test_coordinator_is_not_a_superuser():
    """docs/design.md: the coordinator is staff in the group, not a superuser, as made here."""
    coordinator = make_role("coordinator")
    assert coordinator.is_staff and not coordinator.is_superuser
    assert coordinator.groups.filter(name=COORDINATOR_GROUP).exists()


# The admin holds the coordinator's rights, never more: docs/design.md's coordinator is "not a
# superuser", so the coordinator cannot make an account superuser or take over a superuser.
def test_coordinator_cannot_make_an_account_superuser(client):
    coordinator = make_coordinator()
    client.force_login(coordinator)
    url = reverse("admin:members_user_change", args=[coordinator.pk])
    group = Group.objects.get(name=COORDINATOR_GROUP)
    data = {"email": coordinator.email, "is_active": "on", "is_staff": "on", "groups": [group.pk]}
    response = client.post(url, {**data, "is_superuser": "on"})
    assert response.status_code in {302, 403}, "the form was refused for another reason"
    coordinator.refresh_from_db()
    assert not coordinator.is_superuser


def test_coordinator_cannot_set_a_superusers_password(client):
    superuser = User.objects.create_superuser("beheer@example.org", PASSWORD)
    client.force_login(make_coordinator())
    new_password = "overgenomen-wachtwoord-99"
    response = client.post(
        reverse("admin:auth_user_password_change", args=[superuser.pk]),
        {"password1": new_password, "password2": new_password, "usable_password": "true"},
    )
    assert response.status_code in {302, 403}, "the form was refused for another reason"
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)


# Navigation: "Leden" (the directory) only for those who may see the members' area.
@pytest.mark.parametrize(
    ("role", "sees_directory"),
    [
        pytest.param(role, can_see, id=role)
        for role, can_see in zip(ROLES, ACCESS_RULES["can_see_members_area"], strict=True)
    ],
)
def test_navigation_shows_the_directory_only_to_those_who_may_see_it(client, role, sees_directory):
    log_in_as(client, role)
    html = client.get(reverse("home")).content.decode()
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    directory_link = f'href="{reverse("members:directory")}"'
    assert (directory_link in nav) is sees_directory
    assert (">Leden</a>" in nav) is sees_directory
    assert (directory_link in html) is sees_directory  # nor anywhere else on the page

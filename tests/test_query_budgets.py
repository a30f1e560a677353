"""Query budgets: every GET page of the site, for a visitor and for a member, in one table.

docs/design.md: "Every page's number of SQL queries is bounded and does not grow with the amount
of data." Each page is measured on a small site (3 of everything a page lists, counts or
links) and again after the site has grown to 25 of everything; both counts must equal the
pinned number below. A pinned number that goes down is good news: lower it here. One that
goes up is a regression to explain in the commit that raises it.

The member is an active member at the `meetings` level, the richest view of the site. A
visitor on a members-only page is redirected to the login page: those queries are counted.
The per-page budget tests (test_agenda_paging, test_library_paging, test_member_directory) stay;
this file is the overview of the whole site.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from django.utils import timezone

from knowledge.models import FeaturedTag, Resource, ResourceKind, Visibility
from members import unsubscribe
from members.models import ParticipationLevel, Sector
from notifications.models import Follow, Kind, Notification
from sessions_app.models import CalendarFeed, EventKind, RegistrationStatus

from .factories import (
    make_answer,
    make_attachment,
    make_comment,
    make_coordinator,
    make_event,
    make_item,
    make_member,
    make_question,
    make_registration,
    make_story,
    make_uptake,
    make_year_report,
)
from .helpers import count_queries
from .samples import jpeg

# The page cache is off: these numbers are what building each page costs.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

SMALL = 3
LARGE = 25
ROLES = ("visitor", "member")

LONG_TEXT = "\n\n".join(
    [
        "## Waar gaat het over",
        "Samenlevingsopbouw vraagt om **aandacht voor de leefwereld** van bewoners. "
        "In deze bijeenkomst verkennen we hoe opbouwwerkers signalen ophalen, ordenen en "
        "terugleggen bij beleid, zonder hun kritische rol te verliezen.",
        "- Signaleren in de wijk\n- Legitimiteit van het vak\n- Collectief versus individueel",
        "Lees vooraf het [verslag van vorige keer](/kennisbank/) en neem een casus mee.",
    ]
    * 3
)


# --- The site, small and then larger -----------------------------------------------------


def long_item(title: str, slug: str, authors, **fields) -> Resource:
    """A public item of the long text, published yesterday; the first author created it."""
    defaults = {
        "title": title,
        "summary": "Een werkvorm om met bewoners in gesprek te gaan.",
        "body": LONG_TEXT,
        "published_at": timezone.now() - timedelta(days=1),
    }
    return make_item(slug, authors[0], coauthors=authors[1:], **{**defaults, **fields})


class Atelier:
    """The pages' subjects, and `grow(n)` to add n more of everything around them.

    The member who looks (`viewer`) has registrations, items, comments and a calendar
    feed; the member whose profile is shown (`author`) has attended meetings and written
    items; the event and the item shown have registrations, reports, comments,
    attachments, tags and related items. Everything grows in step.
    """

    def __init__(self):
        self.viewer = make_member("kijker@example.org", display_name="Kim Kijker")
        self.author = make_member(
            "auteur@example.org",
            display_name="Ans Auteur",
            job_title="Lector",
            bio="Ik onderzoek **buurtwerk** en deel graag wat ik leer.",
        )
        self.author.profile.expertise.add("buurtwerk", "participatie")
        self.author.profile.avatar.save("groot.jpg", ContentFile(jpeg((400, 400))), save=False)
        self.author.profile.avatar_small.save("klein.jpg", ContentFile(jpeg()), save=False)
        self.author.profile.save()

        self.event = make_event(
            "open-atelier", kind=EventKind.PUBLIC, capacity=200, description=LONG_TEXT
        )
        self.meeting = make_event("bijeenkomst", kind=EventKind.MEETING, description=LONG_TEXT)
        self.past_event = make_event("terugblik", kind=EventKind.PUBLIC, days_ahead=-10)
        self.item = long_item(
            "Het buurtgesprek",
            "het-buurtgesprek",
            [self.viewer, self.author],
            kind=ResourceKind.REPORT,
            event=self.past_event,
        )
        self.item.tags.add("buurt", "signaleren")
        FeaturedTag.objects.create(tag=self.item.tags.get(name="buurt"), description="De wijk.")
        self.attachment = make_attachment(
            self.item, "verslag.pdf", stored_as=f"{self.item.pk}-verslag.pdf"
        )
        self.comment = make_comment(
            resource=self.item, author=self.viewer, body="Mijn *eigen* reactie."
        )
        self.own_registration = make_registration(
            event=self.event, user=self.viewer, status=RegistrationStatus.CONFIRMED
        )
        self.guest_registration = make_registration(
            event=self.event,
            guest_name="Gerda Gast",
            guest_email="gast@example.org",
            status=RegistrationStatus.PENDING,
        )
        self.feed = CalendarFeed.objects.create(user=self.viewer)
        self.story = make_story(self.viewer, "public", (self.event, self.item))
        # This year's report, published, holding every public story (grow adds them).
        self.report = make_year_report(timezone.localdate().year, [self.story])
        # A tool, whose handout (PDF) is downloaded and whose experiences are read; it gets
        # a version in every round.
        self.tool = long_item(
            "De straatwerkvorm", "de-straatwerkvorm", [self.author], kind=ResourceKind.TOOL
        )
        self.experience = make_uptake(self.tool, self.viewer, is_public=True)
        self.unsubscribe_token = unsubscribe.token_for(self.viewer.pk, unsubscribe.COMMENTS)
        self.count = 0

    def grow(self, count: int) -> None:
        now = timezone.now()
        for n in range(self.count, self.count + count):
            person = make_member(
                f"lid{n:02d}@example.org",
                level=ParticipationLevel.values[n % 3],
                display_name=f"Lid {n:02d}",
                sector=Sector.values[n % 4],
            )
            person.profile.expertise.add("buurtwerk", f"thema {n % 5}", f"eigen {n}")

            # The agenda: upcoming public events and meetings, past events with reports.
            public = make_event(f"publiek-{n}", kind=EventKind.PUBLIC, days_ahead=3 + n)
            meeting = make_event(
                f"bijeenkomst-{n}", kind=EventKind.MEETING, days_ahead=4 + n, capacity=1
            )
            past = make_event(
                f"verleden-{n}",
                kind=EventKind.MEETING if n % 2 else EventKind.PUBLIC,
                days_ahead=-3 - n,
            )
            for event in (public, meeting, past):
                make_registration(
                    event=event, user=self.viewer, status=RegistrationStatus.CONFIRMED
                )
            make_registration(
                event=meeting, user=person, status=RegistrationStatus.WAITLISTED, waitlisted_at=now
            )
            make_registration(
                event=past, user=self.author, status=RegistrationStatus.CONFIRMED, attended=True
            )
            make_registration(
                event=public,
                guest_name=f"Gast {n}",
                guest_email=f"gast{n}@example.org",
                status=RegistrationStatus.CONFIRMED,
            )
            make_registration(event=self.event, user=person, status=RegistrationStatus.CONFIRMED)

            # The library: items by the author and others, public and for members, with
            # tags shared with the item shown, reports of events, comments and files.
            item = long_item(
                f"Wijkgesprek {n}",
                f"wijkgesprek-{n}",
                [self.author, person] if n % 2 else [person],
                kind=ResourceKind.values[n % 4],
                visibility=Visibility.MEMBERS if n % 3 == 2 else Visibility.PUBLIC,
                event=(self.event, past)[n % 2],
                published_at=now - timedelta(hours=n + 2),
            )
            item.tags.add("buurt", f"thema{n % 5}", f"los{n}")
            own = long_item(
                f"Werkvorm van Kim {n}",
                f"werkvorm-kim-{n}",
                [self.viewer],
                published_at=now - timedelta(days=2, hours=n),
            )
            own.tags.add("signaleren", f"kim{n}")
            for author in (person, self.viewer, self.author):
                make_comment(resource=self.item, author=author, body=f"Reactie {n}")
            make_comment(resource=item, author=self.author, body=f"Over {n}")
            # The item shown gets a version more (knowledge/versions.py).
            self.item._history_user = (person, self.author)[n % 2]
            self.item.body = f"{LONG_TEXT}\n\nAangevuld {n}."
            self.item.save()
            make_attachment(
                self.item, f"bijlage-{n}.pdf", stored_as=f"{self.item.pk}-bijlage-{n}.pdf"
            )
            # Value stories (/opbrengst/, the home page) about what the pages show.
            audience = ("public", "members", "coordinator")[n % 3]
            story = make_story(person, audience, (self.event, self.meeting, self.item, past, item))
            self.report.stories.add(story)  # a story not public is left out when shown

            # The home page: public questions that were answered.
            question = make_question(
                person, slug=f"publieke-vraag-{n}", visibility=Visibility.PUBLIC, tags=["buurt"]
            )
            question.helped_answer = make_answer(question, self.author)
            question.save()
            self.tool.summary = f"Een werkvorm, versie {n}."
            self.tool.save()
            make_uptake(self.tool, person, place=f"Wijk {n}", is_public=bool(n % 2))
            # "Mijn atelier": news about an item the viewer follows.
            Notification.objects.create(user=self.viewer, kind=Kind.COMMENTS, target=item)
            # What the member who looks follows and hears of (/meldingen/).
            for thing, kind in ((item, Kind.ITEMS), (question, Kind.ANSWERS)):
                Notification.objects.create(user=self.viewer, kind=kind, target=thing)
                Follow.objects.create(user=self.viewer, target=thing)
            Follow.objects.create(user=self.viewer, target=person)
        self.count += count


# --- Every GET page, and what it costs ---------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A named route, its arguments (functions of the site) and the expected statuses."""

    name: str
    args: tuple = ()
    query: str = ""
    status: tuple[int, int] = (200, 200)  # (visitor, member)

    def address(self, site: Atelier) -> str:
        return reverse(self.name, args=[arg(site) for arg in self.args]) + self.query


def slug_of(attribute):
    return lambda site: getattr(site, attribute).slug


EVENT, MEETING, ITEM = slug_of("event"), slug_of("meeting"), slug_of("item")
STORY = lambda site: site.story.pk  # noqa: E731
PROFILE = lambda site: site.author.profile.pk  # noqa: E731
FIRST_VERSION = lambda site: site.item.history.earliest().history_id  # noqa: E731
EXPERIENCE = lambda site: site.experience.pk  # noqa: E731
MEMBERS_ONLY = (302, 200)  # a visitor goes to the login page
HIDDEN = (404, 200)  # a visitor may not know it exists

PAGES = {
    # The site
    "home": Page("home"),
    "about": Page("about"),
    "privacy": Page("privacy"),
    "health": Page("health"),
    "ready": Page("ready"),
    "robots.txt": Page("robots_txt"),
    "sitemap": Page("sitemap"),
    "favicon": Page("favicon"),
    # The agenda
    "agenda": Page("agenda:upcoming"),
    "agenda archive": Page("agenda:archive"),
    "event": Page("agenda:detail", (EVENT,)),
    "meeting": Page("agenda:detail", (MEETING,), status=HIDDEN),
    "event .ics": Page("agenda:ics", (EVENT,)),
    "public feed .ics": Page("agenda:feed"),
    "personal feed .ics": Page("agenda:personal_feed", (lambda site: site.feed.token,)),
    "my registrations": Page("agenda:mine", status=MEMBERS_ONLY),
    "guest confirmation": Page("agenda:confirm", (lambda site: site.guest_registration.token,)),
    "cancel registration": Page("agenda:cancel", (lambda site: site.own_registration.token,)),
    # The library
    "library": Page("knowledge:library"),
    "library search": Page("knowledge:library", query="?q=wijkgesprek"),
    "library tag": Page("knowledge:library", query="?tag=buurt"),
    "library kind": Page("knowledge:library", query="?soort=tool"),
    "library page 2": Page("knowledge:library", query="?pagina=2"),
    "item": Page("knowledge:detail", (ITEM,)),
    "attachment": Page(
        "knowledge:attachment",
        (ITEM, lambda site: site.attachment.pk, lambda site: site.attachment.download_name),
    ),
    "handout": Page("knowledge:handout", (slug_of("tool"),)),
    "library feed": Page("knowledge:feed"),
    "item versions": Page("knowledge:versions", (ITEM,), status=MEMBERS_ONLY),
    "item version": Page("knowledge:version", (ITEM, FIRST_VERSION), status=MEMBERS_ONLY),
    "restore a version": Page(
        "knowledge:restore_version", (ITEM, FIRST_VERSION), status=MEMBERS_ONLY
    ),
    "share an item": Page("knowledge:create", status=MEMBERS_ONLY),
    "share an item: form": Page("knowledge:create", query="?soort=tool", status=MEMBERS_ONLY),
    "edit an item": Page("knowledge:edit", (ITEM,), status=MEMBERS_ONLY),
    "co-author requests": Page("knowledge:coauthor_requests", status=MEMBERS_ONLY),
    "edit a comment": Page(
        "knowledge:edit_comment", (lambda site: site.comment.pk,), status=MEMBERS_ONLY
    ),
    "delete a comment": Page(
        "knowledge:delete_comment", (lambda site: site.comment.pk,), status=MEMBERS_ONLY
    ),
    # Value stories
    "value stories": Page("value:list"),
    "value stories filtered": Page(
        "value:list", query="?cyclus=applied&sector=research&bijeenkomst=open-atelier"
    ),
    "value story": Page("value:detail", (STORY,)),
    "value stories feed": Page("value:feed"),
    "yearly report": Page("year_report:page", (lambda site: site.report.year,)),
    "yearly report PDF": Page("year_report:pdf", (lambda site: site.report.year,)),
    "write a value story": Page("value:create", status=MEMBERS_ONLY),
    "write a value story: prefilled": Page(
        "value:create", query="?bijeenkomst=open-atelier", status=MEMBERS_ONLY
    ),
    "edit a value story": Page("value:edit", (STORY,), status=MEMBERS_ONLY),
    "delete a value story": Page("value:delete", (STORY,), status=MEMBERS_ONLY),
    # Experiences of using a tool
    "tool": Page("knowledge:detail", (slug_of("tool"),)),
    "experiences": Page("knowledge:uptake_list", (slug_of("tool"),)),
    "experiences page 2": Page("knowledge:uptake_list", (slug_of("tool"),), query="?pagina=2"),
    "experience": Page("knowledge:uptake", (slug_of("tool"), EXPERIENCE)),
    "record an experience": Page(
        "knowledge:record_uptake", (slug_of("tool"),), status=MEMBERS_ONLY
    ),
    "edit an experience": Page(
        "knowledge:edit_uptake", (slug_of("tool"), EXPERIENCE), status=MEMBERS_ONLY
    ),
    "delete an experience": Page(
        "knowledge:delete_uptake", (slug_of("tool"), EXPERIENCE), status=MEMBERS_ONLY
    ),
    # The site search
    "site search": Page("search", query="?q=wijkgesprek"),
    # Members
    "directory": Page("members:directory", status=MEMBERS_ONLY),
    "directory search": Page("members:directory", query="?q=lid", status=MEMBERS_ONLY),
    "directory filter": Page(
        "members:directory", query="?sector=research&expertise=buurtwerk", status=MEMBERS_ONLY
    ),
    "profile": Page("members:detail", (PROFILE,), status=MEMBERS_ONLY),
    "photo": Page("members:avatar", (PROFILE,), status=MEMBERS_ONLY),
    "photo, small": Page("members:avatar_small", (PROFILE,), status=MEMBERS_ONLY),
    "my atelier": Page("my_atelier", status=MEMBERS_ONLY),
    "my profile": Page("members:my_profile", status=MEMBERS_ONLY),
    "application": Page("members:apply", status=(302, 302)),  # a member has applied already
    "membership": Page("members:membership", status=MEMBERS_ONLY),
    "pause membership": Page("members:pause", status=MEMBERS_ONLY),
    "end membership": Page("members:end", status=MEMBERS_ONLY),
    "my data (JSON)": Page("members:export", status=MEMBERS_ONLY),
    "delete my account": Page("members:delete_account", status=MEMBERS_ONLY),
    # Notifications and what one follows
    "notifications": Page("notifications:list", status=MEMBERS_ONLY),
    "follows": Page("notifications:follows", status=MEMBERS_ONLY),
    "my e-mails": Page("members:email_settings", status=MEMBERS_ONLY),
    "unsubscribe": Page("unsubscribe", (lambda site: site.unsubscribe_token,)),
    # Accounts (django-allauth)
    "log in": Page("account_login", status=(200, 302)),
    "sign up": Page("account_signup", status=(200, 302)),
    "password reset": Page("account_reset_password"),
    "log out": Page("account_logout", status=(302, 200)),
    "e-mail addresses": Page("account_email", status=MEMBERS_ONLY),
    "change password": Page("account_change_password", status=MEMBERS_ONLY),
}

# The pinned number of SQL queries per page: (visitor, member). For a member, the
# session and the user with their profile are 2 of them; a page that is the same for
# both roles costs those 2 more for the member.
# The viewer has unread notifications: the header counts those whose thing they may see
# with one query, then keeps the count until what it is built from changes
# (notifications/unread.py), so a page measured after a first visit has no query for it.
QUERY_BUDGET = {
    # The site
    "home": (9, 12),  # + public value stories, answered public questions with their tags
    "about": (2, 4),
    "privacy": (2, 4),
    "health": (1, 1),
    "ready": (2, 2),  # + which of the code's latest migrations are applied
    "robots.txt": (0, 0),
    # Per section of events, items, questions and yearly reports: the count, then the page.
    "sitemap": (8, 8),
    "favicon": (0, 0),
    # The agenda
    "agenda": (3, 5),  # + the count for the pages
    "agenda archive": (4, 6),
    "event": (7, 10),  # + the questions on its agenda, the value stories about it
    "meeting": (2, 8),
    "event .ics": (1, 4),
    "public feed .ics": (2, 2),  # the window: past events, coming events
    "personal feed .ics": (3, 3),
    "my registrations": (0, 6),
    "guest confirmation": (2, 4),
    "cancel registration": (3, 5),
    # The library
    "library": (7, 9),  # the count (bounded), the ids, then the cards (knowledge/cards.py)
    # + the questions and the value stories it finds, the snippets, the words check
    "library search": (9, 11),
    "library tag": (7, 10),  # the tags by name; + for a member: whether they follow them
    "library kind": (6, 8),
    "library page 2": (7, 9),
    "item": (12, 17),  # + the questions and value stories about it (item_links), its version,
    # whether the member follows it
    "attachment": (2, 4),
    "handout": (2, 4),  # the item, its stored handout: no rendering (tests/test_handouts.py)
    "library feed": (3, 3),
    "item versions": (0, 7),  # may they restore (all versions, or the published only), the count
    # (bounded), one page of versions with their authors
    "item version": (0, 10),  # the version, the one before, the newest, the item's authors
    "restore a version": (0, 5),  # the item they may edit, the version with its number
    "share an item": (0, 3),
    "share an item: form": (0, 5),
    "edit an item": (0, 11),  # co-authors with their profiles in one query
    "co-author requests": (0, 4),
    "edit a comment": (0, 5),
    "delete a comment": (0, 5),
    # Value stories: the count (bounded), the page of stories with their writers, the
    # meetings and tools the filters offer; a story with what it is about (three kinds).
    "value stories": (6, 8),  # + the published yearly reports it links to
    "value stories filtered": (7, 9),  # + the meeting filtered on
    "value story": (5, 7),
    "value stories feed": (1, 1),  # the newest public stories with their writers
    # The report (its figures kept with it), its public stories with their writers: a fixed
    # number however many stories it holds
    "yearly report": (3, 5),
    "yearly report PDF": (2, 4),  # the report, its stored file
    "write a value story": (0, 7),  # the meetings, tools and questions to choose from
    "write a value story: prefilled": (0, 7),
    "edit a value story": (0, 10),  # + what the story is about already
    "delete a value story": (0, 4),
    # Experiences of using a tool
    # + the experiences' count, the newest ones, may the member record; + its current version,
    # the value stories about it, its external recognitions; whether the member follows it
    "tool": (11, 17),
    "experiences": (4, 7),  # the item, the count (bounded), the page; may the member record
    "experiences page 2": (4, 7),
    "experience": (3, 5),
    "record an experience": (0, 4),
    "edit an experience": (0, 4),
    "delete an experience": (0, 4),
    # The site search: per group the ids, then what the first hits' cards show
    "site search": (8, 11),  # + the value stories (their cards only when found)
    # Members
    "directory": (0, 6),
    "directory search": (0, 6),
    "directory filter": (0, 6),
    # + questions asked, answers given, practice accounts, value stories, is the member followed
    "profile": (0, 13),
    "photo": (0, 3),
    "photo, small": (0, 3),
    # The next registrations; the news, then its things (one query per kind of thing: here
    # items and questions); open questions in the expertise; the latest of each kind of
    # contribution (a line each, as on the profile); the suggestion (one query for
    # each step tried: here all three). Built afresh every time.
    "my atelier": (0, 18),
    "my profile": (0, 5),  # + the level request waiting for the coordinator, if any
    "application": (0, 2),
    "membership": (0, 4),  # + the level request waiting for the coordinator, if any
    "pause membership": (0, 4),
    "end membership": (0, 4),
    # + questions with their tags, answers, requests for help; value stories with what
    # they are about, practice accounts, follow-up e-mails; follows (with their items,
    # questions and members) and notification settings; the e-mails waiting or sent lately
    # (atelier's queue)
    "my data (JSON)": (0, 26),
    "delete my account": (0, 3),
    # The count (bounded), the page, its items and questions (one query per kind of thing)
    "notifications": (0, 7),
    "follows": (0, 8),  # the count (bounded), the page, the items, questions and members
    "my e-mails": (0, 4),  # + the member's choices
    # the person the token names, the site settings, whether it is off already
    "unsubscribe": (3, 5),
    # Accounts (django-allauth)
    "log in": (1, 2),
    "sign up": (1, 2),
    "password reset": (1, 3),
    "log out": (0, 3),
    "e-mail addresses": (0, 7),
    "change password": (0, 3),
}

# Named routes of the site's own apps that are not GET pages (POST only).
NOT_PAGES = {
    "agenda:renew_feed",
    "agenda:register",
    "agenda:register_guest",
    "knowledge:comment",
    "knowledge:hide_comment",
    "knowledge:delete_attachment",
    "members:withdraw_level_request",
    "knowledge:leave",
    "notifications:mark_all_read",
    "notifications:follow",
    "notifications:unfollow",
    "notifications:open",  # a redirect to the notification's thing
    # For the monitoring server only, by token or address: the site's 404 to everyone else
    # (tests/test_metrics.py), and what it reads is Prometheus' own, not the site's data.
    "metrics",
    "set_language",
}
OWN_NAMESPACES = ("", "agenda", "knowledge", "members", "value", "notifications", "year_report")


def measure(client, site: Atelier, role: int) -> dict[str, int]:
    """The number of queries of every page, after a first visit has warmed the caches."""
    counts, statuses = {}, {}
    for name, page in PAGES.items():
        address = page.address(site)
        client.get(address)  # the site settings row and the like are made on first use
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        statuses[name] = response.status_code
        counts[name] = len(queries)
    assert statuses == {name: page.status[role] for name, page in PAGES.items()}
    return counts


@pytest.mark.parametrize("role", range(len(ROLES)), ids=ROLES)
def test_every_page_has_a_pinned_query_count_that_does_not_grow(client, role):
    site = Atelier()
    if ROLES[role] == "member":
        client.force_login(site.viewer)
    site.grow(SMALL)
    small = measure(client, site, role)
    site.grow(LARGE - SMALL)
    large = measure(client, site, role)
    pinned = {name: budget[role] for name, budget in QUERY_BUDGET.items()}
    assert large == small, "these pages cost more queries on a larger site"
    assert small == pinned


def test_the_table_lists_every_page_of_the_site():
    assert PAGES.keys() == QUERY_BUDGET.keys()
    routes = set()

    def walk(patterns, namespace):
        for entry in patterns:
            if hasattr(entry, "url_patterns"):
                if entry.namespace in OWN_NAMESPACES:
                    walk(entry.url_patterns, entry.namespace or namespace)
            elif entry.name and namespace in OWN_NAMESPACES:
                routes.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns, "")
    covered = {page.name for page in PAGES.values()}
    assert routes - NOT_PAGES <= covered, "add the new page to PAGES and QUERY_BUDGET"


# The coordinator's dashboard (issue 18): the session, the user, the coordinator's group and
# the admin's permissions for its menu, then every figure counted in the database (their
# own budget: tests/test_dashboard_queries.py), whatever the number of members, events,
# items and stories; once counted, the figures come from the cache
# (dashboard/counted_figures.py): the session, the user, the group, the user's and the
# group's permissions and the site's settings remain.
DASHBOARD_QUERIES = 36
DASHBOARD_COUNTED_QUERIES = 6


def test_the_dashboard_costs_a_pinned_number_of_queries_that_does_not_grow(client):
    site = Atelier()
    client.force_login(make_coordinator())
    address = reverse("dashboard:overview")
    client.get(address)
    costs = []
    for members in (SMALL, LARGE - SMALL):
        site.grow(members)
        cache.clear()
        counting = count_queries(client, address)
        costs.append((counting, count_queries(client, address)))

    assert costs == [(DASHBOARD_QUERIES, DASHBOARD_COUNTED_QUERIES)] * 2

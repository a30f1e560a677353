"""One search over the site (/zoeken/): the library, the questions, the agenda, the value
stories and, for members, the members, in groups.

Each group counts its matches up to GROUP_CAP ("more than 50" above it), shows its
first FIRST_HITS and links to its full list: the library's and the directory's own
search, or for the agenda (whose pages take no search) this page narrowed to it. Each
group asks its app's search, over what the reader may see (`visible_to`, `listed`), so
the site search shows nothing the reader could not find in the app itself. A group
costs a fixed number of queries: the ids of at most GROUP_CAP + 1 matches, then the
first hits with what their cards show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from atelier.search_words import search_words
from knowledge import search as library_search
from knowledge.cards import resource_cards
from knowledge.models import Resource
from members import access
from members.models import Profile
from questions import finding
from questions.forms import QuestionFilterForm
from questions.models import Question
from sessions_app import search as agenda_search
from sessions_app.models import Event, EventQuerySet
from value import search as value_search
from value.models import ValueStory

from .event_reports import with_visible_reports

if TYPE_CHECKING:
    from members.access import AnyUser

GROUP_CAP = 50
# The questions group counts up to GROUP_CAP among the newest 500 matches of the index,
# not a list's 2,000: on PostgreSQL a common word is then found in the index's first
# window (atelier/newest_matches.py), 25 -> 12 ms at ten times the large data set.
QUESTION_CANDIDATES = 500
# The library group ranks the newest 250 matches the reader may see, not the list's
# thousand: its first hits are the best of those, its full list ranks them all.
LIBRARY_RANKED = 250
FIRST_HITS = 5
# The agenda's full list of matches, in pages; the most recent and coming events first.
AGENDA_PAGE_SIZE = 20
AGENDA_LIST_CAP = 200


@dataclass(frozen=True)
class Kind:
    """What a group is: its key (in the page's anchors and `groep=`), its title, the
    template of one hit and the words of the link to its full list."""

    key: str
    title: str | Promise
    hit_template: str
    full_list_label: str | Promise


LIBRARY = Kind(
    "kennisbank",
    _("Library"),
    "portal/search/library_hit.html",
    _("All results in the library"),
)
QUESTIONS = Kind(
    "vragen",
    _("Questions"),
    "portal/search/question_hit.html",
    _("All results among the questions"),
)
AGENDA = Kind(
    "agenda",
    _("Agenda"),
    "portal/search/event_hit.html",
    _("All results in the agenda"),
)
STORIES = Kind(
    "verhalen",
    _("Stories"),
    "portal/search/story_hit.html",
    _("All results among the value stories"),
)
MEMBERS = Kind(
    "leden",
    _("Members"),
    "portal/search/member_hit.html",
    _("All results among the members"),
)


@dataclass(frozen=True)
class Group:
    """One kind of result: how many (up to GROUP_CAP), the first hits, the full list."""

    kind: Kind
    count: int
    is_capped: bool  # more matches than GROUP_CAP: the count says "more than"
    hits: list  # each rendered by kind.hit_template, given as `hit`
    full_list_url: str

    @property
    def has_more(self) -> bool:
        return self.is_capped or self.count > len(self.hits)


def query_of(text: str) -> str:
    """What the search looks for, as one text: its words, within the bounds of
    atelier/search_words.py; empty when `text` holds no word (only punctuation)."""
    return " ".join(search_words(text))


def _first_ids(matches: QuerySet) -> tuple[list[int], int, bool]:
    """The ids of the first hits, the number of matches up to GROUP_CAP, and whether
    there are more: one query, reading at most GROUP_CAP + 1 matches."""
    ids = list(matches.values_list("pk", flat=True)[: GROUP_CAP + 1])
    return ids[:FIRST_HITS], min(len(ids), GROUP_CAP), len(ids) > GROUP_CAP


def _in_order(objects: QuerySet, ids: list[int]) -> list:
    by_id = {obj.pk: obj for obj in objects.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def _with_query(url: str, query: str, **params: str) -> str:
    return f"{url}?{urlencode({'q': query, **params})}"


def _group(
    kind: Kind, matches: QuerySet, shown: Callable[[list[int]], list], full_list_url: str
) -> Group:
    """The group of `matches`; `shown` gives the hits to show for the first ids."""
    ids, count, capped = _first_ids(matches)
    return Group(kind, count, capped, shown(ids), full_list_url)


def _events(user: AnyUser, query: str) -> EventQuerySet:
    return agenda_search.search(Event.objects.visible_to(user), query)


def search_site(user: AnyUser, query: str) -> list[Group]:
    """The groups of results for `query` (see query_of) that this reader may see.

    Members are searched for members only: the directory is theirs.
    """
    if not query:
        return []
    groups = [
        _group(
            LIBRARY,
            library_search.search(Resource.objects.visible_to(user), query, LIBRARY_RANKED),
            resource_cards,
            _with_query(reverse("knowledge:library"), query),
        ),
        _group(
            QUESTIONS,
            # The questions' list with only this search, among fewer of the index's newest
            # matches than its page reads (QUESTION_CANDIDATES).
            finding.find(user, QuestionFilterForm({"q": query}).filters(), QUESTION_CANDIDATES),
            lambda ids: _in_order(Question.objects.for_list(), ids),
            _with_query(reverse("questions:list"), query),
        ),
        _group(
            AGENDA,
            _events(user, query),
            lambda ids: _in_order(with_visible_reports(Event.objects.with_counts(), user), ids),
            _with_query(reverse("search"), query, groep=AGENDA.key),
        ),
        _group(
            STORIES,
            value_search.found_by(user, query),
            lambda ids: _in_order(ValueStory.objects.for_list(), ids),
            _with_query(reverse("value:list"), query),
        ),
    ]
    if access.can_see_members_area(user):
        groups.append(
            _group(
                MEMBERS,
                Profile.objects.listed().search(query).order_by("display_name", "pk"),
                lambda ids: _in_order(Profile.objects.with_card_data(), ids),
                _with_query(reverse("members:directory"), query),
            )
        )
    return groups


def agenda_page(user: AnyUser, query: str, number: str | None) -> tuple[Page, list[Event]]:
    """One page of the events matching `query` (the agenda's full list of results), and
    its events with what their cards show.

    The pages count and slice the matches' ids only, at most AGENDA_LIST_CAP of them, so
    neither the count nor a far page reads them all or their registrations.
    """
    ids = _events(user, query).values_list("pk", flat=True)[:AGENDA_LIST_CAP]
    page = Paginator(ids, AGENDA_PAGE_SIZE).get_page(number)
    events = with_visible_reports(Event.objects.with_counts(), user)
    return page, _in_order(events, list(page.object_list))

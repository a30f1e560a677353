"""Pages whose work does not grow with the data read their long tables through an index,
in the order they show, and stop early: checked in the database's own query plan of each
query a page sends (SQLite's EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN, with sequential
scans and sorts made as costly as the planner allows, since on a test's few rows it
would rightly prefer them).

The figures behind these (the large data set and ten times it) are in docs/benchmarks.md.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knowledge.models import Comment, Resource, ResourceKind, ResourceStatus
from knowledge.related import related_items
from questions.models import Question
from sessions_app.models import CalendarFeed

from .factories import (
    make_comment,
    make_event,
    make_member,
    make_question,
    make_registration,
    make_resource,
    make_uptake,
)
from .helpers import login

pytestmark = pytest.mark.django_db


def plan_of(sql: str, params, index: tuple[str, str] | None = None) -> str:
    """The plan of a query. With `index` (table, index name), SQLite is told to read the
    table by that index (INDEXED BY), which it refuses when the index cannot serve the
    query: on a test's few rows, without statistics, it may rightly choose otherwise.
    On the large data set it chooses the index itself (docs/benchmarks.md)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Statistics of this test's own rows (see library_to_plan_for), not of rows
            # earlier tests left or of autovacuum's timing: the lock ANALYZE takes keeps
            # autovacuum away from the tables until the test's transaction ends.
            cursor.execute("ANALYZE")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())
        if index is not None:
            table, name = index
            # Not where the table has an alias (U0): a subquery's, not the list's.
            sql = re.sub(
                f'FROM "{table}"(?! [A-Z][0-9])', f'FROM "{table}" INDEXED BY "{name}"', sql
            )
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def plans(client, url: str, table: str, index: str | None = None) -> list[str]:
    """The plans of the queries of `url` that read `table` (through `index`, see plan_of)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    found = [
        # The captured SQL has its values inlined already.
        plan_of(query["sql"].replace("%", "%%"), [], (table, index) if index else None)
        for query in queries.captured_queries
        if f'FROM "{table}"' in query["sql"] and query["sql"].startswith(("SELECT", "WITH"))
    ]
    assert found, f"no query of {url} read {table}"
    return found


def sorts_everything(plan: str) -> bool:
    """Whether the plan sorts rows after reading them, rather than reading them in order."""
    return "TEMP B-TREE FOR ORDER BY" in plan or "Sort" in plan.split("\n")[0]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def library_to_plan_for():
    """A library big enough that the plan of a large one is the cheapest: 60 items with
    3 of 10 tags each and 600 comments by 12 members. On a test's few rows PostgreSQL
    would rightly read whole tables; with these (and ANALYZE, in plan_of) its choice
    is the same in every run, whatever tests ran before."""
    writers = [make_member(f"schrijver{number}@example.org") for number in range(12)]
    tags = [f"thema{number}" for number in range(10)]
    items = []
    for number in range(60):
        item = make_resource(title=f"Vulling {number}")
        item.tags.add(*(tags[(number + shift) % len(tags)] for shift in range(3)))
        items.append(item)
    Comment.objects.bulk_create(
        Comment(resource=items[number % 60], author=writers[number % 12], body="Vulling")
        for number in range(600)
    )


@pytest.fixture
def reader(client):
    member = make_member("lezer@example.org")
    login(client, member)
    return member


def test_the_directory_reads_the_listed_profiles_in_name_order_from_its_index(client, reader):
    for number in range(3):
        make_member(f"lid{number}@example.org")
    # The page reads the index in its order. The bounded count needs no order: it stops at
    # its bound (atelier/bounded_paging.py; tests/test_bounded_pages.py checks it has none).
    found = plans(
        client, reverse("members:directory"), "members_profile", "members_profile_directory"
    )
    listing = [plan for plan in found if "members_profile_directory" in plan]
    assert listing, found
    for plan in listing:
        assert not sorts_everything(plan), plan


def test_a_members_list_of_questions_reads_them_newest_activity_first_from_an_index(client, reader):
    for number in range(3):
        make_question(title=f"Vraag {number}")
    # The bounded count and the page's ids; then the page's questions by their keys.
    count, page, _questions = plans(
        client, reverse("questions:list"), "questions_question", "questions_by_activity"
    )
    assert "questions_by_activity" in page, page
    # The count needs no order: it stops at its bound (atelier/bounded_paging.py).
    for plan in (count, page):
        assert not sorts_everything(plan), plan


def test_an_items_related_items_read_only_the_newest_uses_of_its_tags(
    client, reader, library_to_plan_for
):
    item = make_resource(title="Het buurtgesprek")
    item.tags.add("armoede", "wonen")
    for number in range(3):
        other = make_resource(title=f"Ander {number}")
        other.tags.add("armoede")
    related = related_items(item, reader, 4)
    assert {resource.title for resource in related} == {"Ander 0", "Ander 1", "Ander 2"}
    sql, params = related.query.sql_with_params()
    plan = plan_of(sql, params)
    if connection.vendor == "sqlite":
        assert "knowledge_taggedresource_tag_id" in plan, plan
        # Each tag's uses from its index, from the 50th newest on: never all of them.
        assert "(tag_id=? AND rowid>?)" in plan, plan
    else:
        # The same from (tag_id, id); the few candidates worked out first, then the items
        # looked up by key, not joined with every published item.
        assert "taggedresource_tag_newest" in plan, plan
        assert "knowledge_resource_pkey" in plan and "= ANY ($" in plan, plan


def test_a_profiles_comments_are_checked_one_by_one_not_against_every_visible_item(
    client, reader, library_to_plan_for
):
    author = make_member("schrijver@example.org")
    item = make_resource(title="Gedeeld")
    make_comment(item, author, body="Goed idee")
    url = reverse("members:detail", args=[author.profile.pk])
    (plan,) = plans(client, url, "knowledge_comment")
    # The author's comments by their index, each item looked up by its key; never the
    # items by status (every published item's id, to check against).
    assert "author_id=?" in plan or "Index Cond: (author_id =" in plan, plan
    assert "(status=?)" not in plan and "Seq Scan" not in plan, plan


def reads_only_its_own_rows_by_key(plan: str) -> bool:
    """Whether the plan checks each row's item or event by its key, rather than reading
    every one they may see into a list first (by status, or all of them)."""
    lines = [line.strip() for line in plan.splitlines()]
    return not any(
        # (The bounded count reads its own subquery's few rows: SCAN subquery.)
        "(status=?" in line or re.match("SCAN (?!subquery)", line) or "Seq Scan" in line
        for line in lines
    )


@pytest.mark.parametrize("url_name", ["knowledge:detail", "knowledge:uptake_list"])
def test_a_tools_accounts_of_use_check_their_item_by_its_key(
    client, reader, library_to_plan_for, url_name
):
    tool = make_resource(title="Gespreksleidraad", kind=ResourceKind.TOOL)
    make_uptake(tool, make_member("gebruiker@example.org"))
    url = reverse(url_name, args=[tool.slug])
    found = plans(client, url, "knowledge_uptake")
    # At ten times the large data set the list of every published item took 60 ms on
    # SQLite, for a tool with one account of use.
    assert all(reads_only_its_own_rows_by_key(plan) for plan in found), found


def test_a_personal_calendar_checks_each_event_by_its_key(client, library_to_plan_for):
    member = make_member("agenda@example.org")
    for number in range(30):
        event = make_event(f"bijeenkomst-{number}", days_ahead=number + 1)
        if number % 3 == 0:
            make_registration(event, member)
    feed = CalendarFeed.objects.create(user=member)
    url = reverse("agenda:personal_feed", args=[feed.token])
    found = plans(client, url, "sessions_app_registration")
    assert all(reads_only_its_own_rows_by_key(plan) for plan in found), found


@pytest.mark.postgresql  # SQLite's DESC puts NULLs last by itself and reads its own index
def test_the_newest_items_are_read_in_order_from_an_index_not_sorted(reader, library_to_plan_for):
    """The feed, the home page's tools and cases, the library's first page and its bounded
    count ask for the newest items (`published_at DESC NULLS LAST`). Without an index in
    that order PostgreSQL sorted every item: four to nine times slower at ten times the
    library (docs/benchmarks.md)."""
    newest = [
        Resource.objects.public().newest_first()[:20],
        Resource.objects.public().tools_and_cases().newest_first()[:4],
        Resource.objects.visible_to(reader).newest_first()[:20],
        Resource.objects.visible_to(reader).newest_first().values("pk")[:1001],
    ]
    for queryset in newest:
        sql, params = queryset.values_list("pk").query.sql_with_params()
        plan = plan_of(sql, params)
        assert "resources_newest_first" in plan, plan
        assert "Sort" not in plan, plan


@pytest.mark.sqlite  # PostgreSQL reads its own index in that order (the test above)
def test_sqlite_reads_the_newest_public_items_through_the_status_and_visibility_index(
    library_to_plan_for,
):
    """The home page's newest tools and cases, the feed and a visitor's library read the
    newest public items through (status, visibility, published_at), which PostgreSQL
    does without (knowledge migration 0015). Without it SQLite read every item and sorted
    them for the home page's four: 0.06 -> 131 ms at ten times the large data set."""
    newest = [
        Resource.objects.public().newest_first()[:20],
        Resource.objects.public().tools_and_cases().newest_first()[:4],
    ]
    for queryset in newest:
        plan = plan_of(*queryset.values_list("pk").query.sql_with_params())
        assert "knowledge_r_status_33cbd6_idx (status=? AND visibility=?)" in plan, plan


def members_library_plans(client, url: str) -> list[str]:
    """The plans of the queries of `url` that ask which items the member may see."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    found = [
        plan_of(query["sql"].replace("%", "%%"), [])
        for query in queries.captured_queries
        if 'FROM "knowledge_resource"' in query["sql"] and "knowledge_authorship" in query["sql"]
    ]
    assert found, f"no query of {url} asked for the member's own items"
    return found


@pytest.mark.sqlite
def test_sqlite_counts_a_members_library_from_the_published_and_their_own_items(
    client, reader, library_to_plan_for
):
    """A member's library is the published items and their own drafts. SQLite counts it
    from two reads: the published items from the status index, the member's own from a
    list made once. Asked item by item whether it is theirs, it walked every draft of the
    library first (0.1 -> 2.1 ms at ten times the large data set)."""
    make_resource("Eigen concept", reader, status=ResourceStatus.DRAFT)
    count, *_listed = members_library_plans(client, reverse("knowledge:library"))
    assert "MULTI-INDEX OR" in count, count
    assert "knowledge_r_status_33cbd6_idx (status=?)" in count, count


@pytest.mark.postgresql
def test_postgresql_asks_item_by_item_whether_it_is_one_of_the_members(reader, library_to_plan_for):
    """PostgreSQL hashed the list of a member's items and, costing each row's lookup in
    it too dear, joined the whole library to it to count a tag's items (every item read
    at the large size, 6.6 ms); asked per item, it checks the few drafts it meets by
    their key (1.2 ms; docs/benchmarks.md). On a test's few rows it rightly hashes either
    form, so the query is checked, not its plan."""
    make_resource("Eigen concept", reader, status=ResourceStatus.DRAFT)
    sql, params = Resource.objects.visible_to(reader).query.sql_with_params()
    assert " IN (SELECT" not in sql, sql
    assert re.search(
        r'EXISTS\(SELECT .* U0\."resource_id" = \("knowledge_resource"\."id"\)', sql
    ), sql
    assert {item.title for item in Resource.objects.visible_to(reader)} >= {"Eigen concept"}


@pytest.mark.sqlite  # PostgreSQL joins by the tags or checks by key, as its figures say
def test_the_open_questions_in_a_members_expertise_check_each_questions_tags_by_its_key():
    # `/mijn/` shows the newest five. SQLite listed every question with the member's
    # tags first: 1.7 -> 6.5 ms at ten times the large data set.
    member = make_member("deskundige@example.org")
    member.profile.expertise.add("armoede")
    for number in range(5):
        make_question(title=f"Vraag over armoede {number}", tags=["armoede"])
    questions = Question.objects.open_in_expertise_of(member).newest_activity_first()[:5]
    plan = plan_of(*questions.query.sql_with_params())
    assert "(tag_id=?)" not in plan, plan
    assert "(content_object_id=? AND tag_id=?)" in plan or "(content_object_id=?)" in plan, plan
    assert len(questions) == 5

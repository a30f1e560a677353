"""The knowledge library: who sees what, sharing and editing, attachments, search, filters,
the item page, comments, the Atom feed, the admin, privacy and the pages that list items.

Expectations come from the issue and docs/design.md (access table, "Rules that must hold"), not
from what the code happens to do. Messages are checked in Dutch, the site's language.
"""

import contextlib
import html
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from PIL import Image
from taggit.models import Tag

from atelier import page_cache
from atelier.addresses import absolute_url
from knowledge import search as library_search
from knowledge.citation import apa_citation, apa_name
from knowledge.models import (
    Attachment,
    Comment,
    FeaturedTag,
    Resource,
    ResourceKind,
    ResourceStatus,
    Visibility,
)
from knowledge.outlines import outline_for
from knowledge.paging import page_of_ids
from knowledge.sharing import RESERVED_SLUGS, add_comment, unique_slug
from members import privacy
from members.models import MembershipStatus, Profile, User
from sessions_app.models import EventKind, EventStatus

from .conftest import (
    PASSWORD,
    ROLES,
    make_coordinator,
    make_event,
    make_member,
    make_profile,
    make_role,
    make_user,
)
from .test_attachments import pdf

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PDF_BYTES = pdf()  # a real one: attachments are checked by their structure
SCRIPT = "<script>alert(1)</script>"
MEMBER_ROLES = ["member_public_events", "member_online", "member_meetings"]
NON_MEMBER_ROLES = ["visitor", "applicant"]

_numbers = itertools.count(1)


# --- Factories and helpers -------------------------------------------------------------


def make_resource(
    title: str = "Het buurtgesprek",
    author=None,
    kind: str = ResourceKind.TOOL,
    visibility: str = Visibility.PUBLIC,
    status: str = ResourceStatus.PUBLISHED,
    tags=(),
    coauthors=(),
    body: str = "Een werkvorm om met bewoners in gesprek te gaan.",
    summary: str = "Kort over deze werkvorm.",
    published_at=None,
    **fields,
) -> Resource:
    """A library item, published and public unless told otherwise."""
    resource = Resource.objects.create(
        kind=kind,
        title=title,
        slug=fields.pop("slug", None) or unique_slug(title),
        summary=summary,
        body=body,
        visibility=visibility,
        status=status,
        published_at=published_at,
        created_by=author,
        **fields,
    )
    if author is not None:
        resource.set_authors([author, *coauthors])
    if tags:
        resource.tags.add(*tags)
    return resource


def make_attachment(resource, name: str = "verslag.pdf", data: bytes = PDF_BYTES) -> Attachment:
    attachment = Attachment(
        resource=resource,
        download_name=name,
        content_type="application/pdf",
        size=len(data),
    )
    attachment.file.save(f"{next(_numbers):032x}.pdf", ContentFile(data), save=False)
    attachment.save()
    return attachment


def login(client, user) -> None:
    if user is not None:
        client.force_login(user)


def as_user(user):
    return user if user is not None else AnonymousUser()


def resource_data(**overrides) -> dict:
    """A complete, valid ResourceForm submission (without a button)."""
    data = {
        "kind": "tool",
        "title": "Het buurtgesprek",
        "summary": "Een werkvorm om met bewoners te praten.",
        "body": "## Doel\n\nSamen praten over de **wijk**.",
        "tags": "buurt, participatie",
        "visibility": "public",
        "event": "",
        "coauthors": "",
    }
    data.update(overrides)
    return data


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


@pytest.fixture
def writer(db):
    return make_member("noor.bakker@example.org", display_name="Noor Bakker")


# --- visible_to: who sees which item ---------------------------------------------------


def _visibility_world(role):
    viewer = make_role(role)
    other = make_member("schrijver@example.org", display_name="Schrijver Anders")
    make_resource("Openbaar stuk", other)
    make_resource("Ledenstuk", other, visibility=Visibility.MEMBERS)
    make_resource("Andermans concept", other, status=ResourceStatus.DRAFT)
    make_resource(
        "Andermans openbare concept",
        other,
        status=ResourceStatus.DRAFT,
        visibility=Visibility.PUBLIC,
    )
    if role in MEMBER_ROLES:
        make_resource("Eigen concept", viewer, status=ResourceStatus.DRAFT)
    return viewer


VISIBLE_PER_ROLE = {
    "visitor": {"Openbaar stuk"},
    "applicant": {"Openbaar stuk"},
    "member_public_events": {"Openbaar stuk", "Ledenstuk", "Eigen concept"},
    "member_online": {"Openbaar stuk", "Ledenstuk", "Eigen concept"},
    "member_meetings": {"Openbaar stuk", "Ledenstuk", "Eigen concept"},
    "coordinator": {
        "Openbaar stuk",
        "Ledenstuk",
        "Andermans concept",
        "Andermans openbare concept",
    },
}


@pytest.mark.parametrize("role", ROLES)
def test_visible_to_follows_the_access_table(role):
    viewer = _visibility_world(role)
    visible = Resource.objects.visible_to(as_user(viewer))
    assert {resource.title for resource in visible} == VISIBLE_PER_ROLE[role]


@pytest.mark.parametrize("role", ROLES)
def test_library_list_shows_exactly_what_visible_to_allows(client, role):
    viewer = _visibility_world(role)
    login(client, viewer)
    response = client.get(reverse("knowledge:library"))
    assert response.status_code == 200
    assert set(page_titles(response)) == VISIBLE_PER_ROLE[role]


@pytest.mark.parametrize("role", NON_MEMBER_ROLES)
def test_visitor_and_applicant_never_see_members_only_items_or_drafts_anywhere(client, role):
    viewer = make_role(role)
    author = make_member("schrijver@example.org", display_name="Schrijver Anders")
    shared = {"tags": ["buurt"], "kind": ResourceKind.TOOL}
    public = make_resource("Wijkgesprek openbaar", author, **shared)
    make_resource("Wijkgesprek geheim ledenstuk", author, visibility=Visibility.MEMBERS, **shared)
    make_resource("Wijkgesprek geheim concept", author, status=ResourceStatus.DRAFT, **shared)
    login(client, viewer)
    library = reverse("knowledge:library")
    addresses = [
        library,
        f"{library}?q=wijkgesprek",
        f"{library}?q=geheim",
        f"{library}?tag=buurt",
        f"{library}?soort=tool",
        f"{library}?soort=tool&tag=buurt&q=wijkgesprek",
        reverse("knowledge:feed"),
        public.get_absolute_url(),  # its related items
        reverse("home"),
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        content = response.content.decode()
        assert "Wijkgesprek geheim" not in content, address
    assert "Wijkgesprek openbaar" in client.get(f"{library}?q=wijkgesprek").content.decode()
    assert page_titles(client.get(f"{library}?q=geheim")) == []


@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_members_find_members_only_items_but_never_others_drafts(client, role):
    viewer = make_role(role)
    author = make_member("schrijver@example.org", display_name="Schrijver Anders")
    shared = {"tags": ["buurt"], "kind": ResourceKind.TOOL}
    public = make_resource("Wijkgesprek openbaar", author, **shared)
    make_resource("Wijkgesprek ledenstuk", author, visibility=Visibility.MEMBERS, **shared)
    make_resource("Wijkgesprek geheim concept", author, status=ResourceStatus.DRAFT, **shared)
    login(client, viewer)
    library = reverse("knowledge:library")
    for address in [
        f"{library}?q=wijkgesprek",
        f"{library}?tag=buurt",
        f"{library}?soort=tool",
        public.get_absolute_url(),
    ]:
        content = client.get(address).content.decode()
        assert "Wijkgesprek ledenstuk" in content, address
        assert "Wijkgesprek geheim" not in content, address
    feed = client.get(reverse("knowledge:feed")).content.decode()
    assert "ledenstuk" not in feed


@pytest.mark.parametrize("role", ["visitor", "applicant", "member_online"])
def test_a_draft_or_members_only_item_page_is_not_found_for_those_who_may_not_read_it(client, role):
    viewer = make_role(role)
    author = make_member("schrijver@example.org")
    draft = make_resource("Concept", author, status=ResourceStatus.DRAFT)
    members_only = make_resource("Ledenstuk", author, visibility=Visibility.MEMBERS)
    login(client, viewer)
    assert client.get(draft.get_absolute_url()).status_code == 404
    expected = 200 if role in MEMBER_ROLES else 404
    assert client.get(members_only.get_absolute_url()).status_code == expected


# --- Sharing: the create flow ----------------------------------------------------------


def test_share_page_without_a_kind_offers_the_four_kinds(client, writer):
    client.force_login(writer)
    response = client.get(reverse("knowledge:create"))
    assert response.status_code == 200
    assert "knowledge/choose_kind.html" in [t.name for t in response.templates]
    content = response.content.decode()
    for kind in ResourceKind.values:
        assert f'href="?soort={kind}"' in content
    assert "Tool / werkvorm" in content


def test_share_page_with_an_unknown_kind_offers_the_kinds_again(client, writer):
    client.force_login(writer)
    response = client.get(reverse("knowledge:create") + "?soort=<script>")
    assert response.status_code == 200
    assert "knowledge/choose_kind.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("kind", ResourceKind.values)
def test_share_page_prefills_the_body_with_the_outline_of_the_kind(client, writer, kind):
    client.force_login(writer)
    response = client.get(reverse("knowledge:create") + f"?soort={kind}")
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("nl"):
        expected = outline_for(kind)
    assert expected and form.initial["body"] == expected
    assert form.initial["kind"] == kind
    assert escape(expected.splitlines()[0]) in response.content.decode()


def test_tool_outline_is_in_dutch(client, writer):
    client.force_login(writer)
    response = client.get(reverse("knowledge:create") + "?soort=tool")
    assert "## Doel" in response.content.decode()
    assert "## Stappen" in response.content.decode()


def test_share_page_suggests_tags_in_use(client, writer):
    make_resource("Eerder stuk", writer, tags=["bewonersparticipatie"])
    client.force_login(writer)
    response = client.get(reverse("knowledge:create") + "?soort=case")
    assert "bewonersparticipatie" in response.content.decode()


def tag_suggestions(content: str) -> list[str]:
    """The options of the datalist that the tags input points to."""
    tag_input = re.search(r'<input[^>]*name="tags"[^>]*>', content).group(0)
    list_id = re.search(r' list="([^"]+)"', tag_input).group(1)
    datalist = re.search(rf'<datalist id="{re.escape(list_id)}">(.*?)</datalist>', content, re.S)
    return [html.unescape(value) for value in re.findall(r'<option value="([^"]*)"', datalist[1])]


def test_the_tags_input_offers_tags_in_use_but_never_those_of_others_drafts(client, writer):
    other = make_member("ans@example.org", display_name="Ans de Vries")
    make_resource("Openbaar", other, tags=["buurtwerk", "<b>vet</b>"])
    make_resource("Nog een", other, tags=["buurtwerk"])
    make_resource("Voor leden", other, visibility=Visibility.MEMBERS, tags=["ledenoverleg"])
    make_resource("Geheim", other, status=ResourceStatus.DRAFT, tags=["geheim-plan"])
    own = make_resource("Eigen", writer, tags=["buurtwerk"])
    client.force_login(writer)
    for address in [
        reverse("knowledge:create") + "?soort=case",
        reverse("knowledge:edit", args=[own.slug]),
    ]:
        content = client.get(address).content.decode()
        # Most used first; members-only tags are fine here, only members get this page.
        assert tag_suggestions(content) == ["buurtwerk", "<b>vet</b>", "ledenoverleg"]
        assert "geheim-plan" not in content
        # A datalist completes the whole value only, so the tags are named in sight too.
        assert (
            "Tags die anderen gebruiken: buurtwerk, &lt;b&gt;vet&lt;/b&gt;, ledenoverleg" in content
        )
        assert "<b>vet" not in content


def test_preview_renders_the_body_and_saves_nothing(client, writer):
    client.force_login(writer)
    body = f"## Doel\n\nSamen praten over de **wijk**.\n\n{SCRIPT}"
    response = client.post(
        reverse("knowledge:create"), resource_data(body=body, preview="1"), follow=False
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Voorbeeld" in content
    assert "<h2>Doel</h2>" in content
    assert "<strong>wijk</strong>" in content
    assert SCRIPT not in content
    assert "Nog niet opgeslagen" in content
    # The form keeps what was written, to save it next.
    assert 'value="Het buurtgesprek"' in content
    assert Resource.objects.count() == 0


FILE_NOT_KEPT = (
    "Verslag wijkavond.pdf is nog niet opgeslagen. Kies het bestand opnieuw voordat je "
    "opslaat of publiceert."
)


def test_a_file_chosen_before_a_preview_must_be_chosen_again_and_the_page_says_so(client, writer):
    client.force_login(writer)
    response = client.post(
        reverse("knowledge:create"), {**resource_data(preview="1"), "attachment": _upload()}
    )
    content = response.content.decode()
    assert response.status_code == 200
    # Right above the file field, where the writer chooses it again.
    assert re.search(
        re.escape(FILE_NOT_KEPT) + r'</p>\s*<div class="field">\s*<label [^>]*for="id_attachment"',
        content,
    )
    assert Resource.objects.count() == 0 and media_files() == []
    without_file = client.post(reverse("knowledge:create"), resource_data(preview="1"))
    assert "nog niet opgeslagen. Kies het bestand opnieuw" not in without_file.content.decode()


def test_save_as_draft_makes_the_writer_author_and_creator(client, writer):
    client.force_login(writer)
    response = client.post(reverse("knowledge:create"), resource_data(draft="1"))
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == resource.get_absolute_url()
    assert resource.status == ResourceStatus.DRAFT
    assert resource.published_at is None
    assert resource.created_by == writer
    assert list(resource.authors.all()) == [writer]
    assert resource.slug == "het-buurtgesprek"
    assert sorted(tag.name for tag in resource.tags.all()) == ["buurt", "participatie"]
    assert "<strong>wijk</strong>" in resource.body_html
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Opgeslagen als concept" in page


def test_publish_sets_the_status_and_publication_date(client, writer):
    client.force_login(writer)
    before = timezone.now()
    client.post(reverse("knowledge:create"), resource_data(publish="1", visibility="members"))
    resource = Resource.objects.get()
    assert resource.status == ResourceStatus.PUBLISHED
    assert resource.visibility == Visibility.MEMBERS
    assert resource.published_at is not None and resource.published_at >= before
    assert resource in Resource.objects.visible_to(make_member("lezer@example.org"))


def test_coauthors_are_found_by_display_name(client, writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    client.force_login(writer)
    client.post(reverse("knowledge:create"), resource_data(coauthors=" ans DE vries ", draft="1"))
    resource = Resource.objects.get()
    # Asked first (tests/test_coauthors.py): an author once they accept.
    resource.authorships.filter(user=coauthor).update(status="accepted")
    assert resource.ordered_authors() == [writer, coauthor]
    # A co-author edits their own items too.
    assert resource in Resource.objects.editable_by(coauthor)


@pytest.mark.parametrize("case", ["unknown", "ambiguous", "not active"])
def test_an_unknown_or_ambiguous_coauthor_is_refused_and_nothing_saved(client, writer, case):
    if case == "ambiguous":
        make_member("ans1@example.org", display_name="Ans de Vries")
        make_member("ans2@example.org", display_name="Ans de Vries")
    if case == "not active":
        user = make_user("ans@example.org")
        make_profile(user, MembershipStatus.APPLIED, display_name="Ans de Vries")
    client.force_login(writer)
    response = client.post(
        reverse("knowledge:create"), resource_data(coauthors="Ans de Vries", publish="1")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["coauthors"]
    assert errors == ["We vonden niet precies één lid met deze naam: Ans de Vries."]
    assert "Fout:" in response.content.decode()
    assert Resource.objects.count() == 0


@pytest.mark.parametrize("title", ["Nieuw", "Feed", "Reacties", "nieuw!"])
def test_a_slug_is_never_a_reserved_word(client, writer, title):
    client.force_login(writer)
    client.post(reverse("knowledge:create"), resource_data(title=title, publish="1"))
    resource = Resource.objects.get()
    assert resource.slug not in RESERVED_SLUGS
    assert resource.slug.startswith(title.lower().rstrip("!") + "-")
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert response.context["resource"] == resource


def test_the_same_title_twice_gets_two_slugs(client, writer):
    client.force_login(writer)
    for _ in range(2):
        client.post(reverse("knowledge:create"), resource_data(publish="1"))
    slugs = set(Resource.objects.values_list("slug", flat=True))
    assert len(slugs) == 2 and "het-buurtgesprek" in slugs


def test_a_title_without_latin_letters_still_gets_a_slug(client, writer):
    client.force_login(writer)
    client.post(reverse("knowledge:create"), resource_data(title="«»", publish="1"))
    resource = Resource.objects.get()
    assert resource.slug
    assert client.get(resource.get_absolute_url()).status_code == 200


def test_a_visitor_who_wants_to_share_is_sent_to_log_in(client):
    assert is_login_redirect(client.get(reverse("knowledge:create") + "?soort=tool"))
    response = client.post(reverse("knowledge:create"), resource_data(publish="1"))
    assert is_login_redirect(response)
    assert Resource.objects.count() == 0


def test_an_applicant_may_not_share(client):
    client.force_login(make_role("applicant"))
    assert client.get(reverse("knowledge:create")).status_code == 403
    response = client.post(reverse("knowledge:create"), resource_data(publish="1"))
    assert response.status_code == 403
    assert Resource.objects.count() == 0


def test_the_share_form_offers_only_events_the_writer_may_see(client, writer):
    make_event("wijkavond-open", kind=EventKind.PUBLIC, title="Openbare wijkavond")
    make_event("geheime-planning", status=EventStatus.DRAFT, title="Nog geheime planning")
    client.force_login(writer)
    content = client.get(reverse("knowledge:create") + "?soort=report").content.decode()
    assert "Openbare wijkavond" in content
    assert "Nog geheime planning" not in content


def test_a_report_is_linked_to_its_event(client, writer):
    event = make_event("wijkavond", kind=EventKind.PUBLIC, days_ahead=-3)
    client.force_login(writer)
    client.post(
        reverse("knowledge:create"),
        resource_data(kind="report", event=str(event.pk), publish="1"),
    )
    assert Resource.objects.get().event == event


# --- Editing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, expected",
    [
        ("author", 200),
        ("coauthor", 200),
        ("other member", 404),
        ("applicant", 404),
        ("coordinator", 200),
    ],
)
def test_only_authors_and_the_coordinator_may_edit(client, writer, who, expected):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    resource = make_resource("Het stuk", writer, coauthors=[coauthor])
    users = {
        "author": writer,
        "coauthor": coauthor,
        "other member": make_member("ander@example.org"),
        "applicant": make_role("applicant"),
        "coordinator": make_coordinator(),
    }
    client.force_login(users[who])
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    assert client.get(edit_url).status_code == expected
    response = client.post(edit_url, resource_data(title="Overgenomen", publish="1"))
    assert response.status_code == (302 if expected == 200 else 404)
    resource.refresh_from_db()
    assert (resource.title == "Overgenomen") == (expected == 200)


def test_a_visitor_who_wants_to_edit_is_sent_to_log_in(client, writer):
    resource = make_resource("Het stuk", writer)
    assert is_login_redirect(client.get(reverse("knowledge:edit", args=[resource.slug])))


def test_the_edit_button_shows_only_to_those_who_may_edit(client, writer):
    resource = make_resource("Het stuk", writer)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    client.force_login(make_member("ander@example.org"))
    assert edit_url not in client.get(resource.get_absolute_url()).content.decode()
    client.force_login(writer)
    assert edit_url in client.get(resource.get_absolute_url()).content.decode()


def test_an_author_edits_and_the_address_stays(client, writer):
    resource = make_resource("Het stuk", writer, tags=["oud"])
    client.force_login(writer)
    response = client.post(
        reverse("knowledge:edit", args=[resource.slug]),
        resource_data(title="Een nieuwe titel", tags="nieuw, buurt", publish="1"),
    )
    resource.refresh_from_db()
    assert response["Location"] == resource.get_absolute_url()
    assert resource.title == "Een nieuwe titel"
    assert resource.slug == "het-stuk"
    assert sorted(tag.name for tag in resource.tags.all()) == ["buurt", "nieuw"]
    assert list(resource.authors.all()) == [writer]


def test_unpublish_makes_the_item_a_draft_again(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(writer)
    response = client.post(reverse("knowledge:edit", args=[resource.slug]), {"unpublish": "1"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.DRAFT
    assert resource not in Resource.objects.visible_to(AnonymousUser())
    assert resource not in Resource.objects.visible_to(make_member("ander@example.org"))


def test_saving_as_draft_on_edit_keeps_a_published_item_published(client, writer):
    # "Save as draft" on a published item only saves; taking it offline is "unpublish".
    resource = make_resource("Het stuk", writer)
    client.force_login(writer)
    client.post(reverse("knowledge:edit", args=[resource.slug]), resource_data(draft="1"))
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED


def test_publishing_a_draft_on_edit_sets_the_publication_date(client, writer):
    resource = make_resource("Het stuk", writer, status=ResourceStatus.DRAFT)
    client.force_login(writer)
    client.post(reverse("knowledge:edit", args=[resource.slug]), resource_data(publish="1"))
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED
    assert resource.published_at is not None


def test_the_coordinator_edits_without_becoming_an_author(client, writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    resource = make_resource("Het stuk", writer, coauthors=[coauthor])
    coordinator = make_coordinator()
    client.force_login(coordinator)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    shown = client.get(edit_url).context["form"].initial["coauthors"]
    assert shown == "Noor Bakker, Ans de Vries"
    client.post(edit_url, resource_data(title="Bijgewerkt", coauthors=shown, publish="1"))
    resource.refresh_from_db()
    assert resource.title == "Bijgewerkt"
    assert resource.ordered_authors() == [writer, coauthor]
    assert resource.created_by == writer


def test_a_coauthor_who_saves_without_changes_keeps_the_writer_first(client, writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    resource = make_resource("Het stuk", writer, coauthors=[coauthor])
    client.force_login(coauthor)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    shown = client.get(edit_url).context["form"].initial["coauthors"]
    assert shown == "Noor Bakker"
    response = client.post(edit_url, resource_data(title="Het stuk", coauthors=shown, draft="1"))
    assert response.status_code == 302
    assert resource.ordered_authors() == [writer, coauthor]
    # The citation follows the authors' order.
    assert apa_citation(resource, "http://x/").startswith("Bakker, N., &amp; de Vries, A. (")


def test_an_edit_keeps_the_authors_order_and_adds_new_coauthors_at_the_end(client, writer):
    ans = make_member("ans@example.org", display_name="Ans de Vries")
    piet = make_member("piet@example.org", display_name="Piet Jansen")
    karin = make_member("karin@example.org", display_name="Karin Smit")
    resource = make_resource("Het stuk", writer, coauthors=[ans, piet])
    client.force_login(piet)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    # Named in another order, with one new: the old order stays, the new one comes last
    # once they accept.
    client.post(edit_url, resource_data(coauthors="Karin Smit, Ans de Vries, Noor Bakker"))
    resource.authorships.filter(user=karin).update(status="accepted")
    assert resource.ordered_authors() == [writer, ans, piet, karin]
    # One left out: a co-author removes no one (tests/test_coauthors.py), the order stays.
    client.post(edit_url, resource_data(coauthors="Karin Smit, Noor Bakker"))
    assert resource.ordered_authors() == [writer, ans, piet, karin]


def test_an_author_can_edit_an_item_written_with_a_member_who_has_paused(client, writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    resource = make_resource("Het stuk", writer, coauthors=[coauthor])
    Profile.objects.filter(user=coauthor).update(status=MembershipStatus.PAUSED)
    client.force_login(writer)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    shown = client.get(edit_url).context["form"].initial["coauthors"]
    response = client.post(edit_url, resource_data(title="Bijgewerkt", coauthors=shown, draft="1"))
    assert response.status_code == 302, response.context["form"].errors
    resource.refresh_from_db()
    assert resource.title == "Bijgewerkt"
    assert resource.ordered_authors() == [writer, coauthor]


# --- Attachments -----------------------------------------------------------------------


def _upload(name="Verslag wijkavond.pdf", data=PDF_BYTES):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_pdf_attachment_is_stored_under_a_random_name_and_served_as_a_download(client, writer):
    client.force_login(writer)
    client.post(
        reverse("knowledge:create"),
        {**resource_data(visibility="members", publish="1"), "attachment": _upload()},
    )
    resource = Resource.objects.get()
    attachment = resource.attachments.get()
    assert re.fullmatch(r"attachments/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert "wijkavond" not in attachment.file.name.lower()
    assert (Path(settings.MEDIA_ROOT) / attachment.file.name).read_bytes() == PDF_BYTES
    assert attachment.download_name == "Verslag wijkavond.pdf"
    assert attachment.size == len(PDF_BYTES)
    assert attachment.content_type == "application/pdf"

    url = reverse(
        "knowledge:attachment", args=[resource.slug, attachment.pk, attachment.download_name]
    )
    assert attachment.get_absolute_url() == url
    assert url in client.get(resource.get_absolute_url()).content.decode()
    client.force_login(make_member("lezer@example.org"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Verslag wijkavond.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_an_attachment_of_a_public_item_is_served_to_a_visitor(client, writer):
    resource = make_resource("Openbaar", writer)
    attachment = make_attachment(resource)
    response = client.get(attachment.get_absolute_url())
    assert response["Cache-Control"] == "private, no-cache"  # no proxy keeps it
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("role", NON_MEMBER_ROLES)
def test_a_members_only_attachment_is_not_found_whatever_the_address(client, writer, role):
    secret = make_resource("Ledenstuk", writer, visibility=Visibility.MEMBERS)
    public = make_resource("Openbaar", writer)
    attachment = make_attachment(secret, "geheim.pdf")
    make_attachment(public, "openbaar.pdf")
    login(client, make_role(role))
    name = attachment.download_name
    for args in [
        (secret.slug, attachment.pk, name),  # the real address
        ("bestaat-niet", attachment.pk, name),  # a wrong slug, the right pk
        (public.slug, attachment.pk, name),  # a slug they may see, another item's pk
        (public.slug, attachment.pk, "openbaar.pdf"),
    ]:
        response = client.get(reverse("knowledge:attachment", args=args))
        assert response.status_code == 404, args


@pytest.mark.parametrize("role", MEMBER_ROLES + ["coordinator"])
def test_members_download_a_members_only_attachment(client, writer, role):
    secret = make_resource("Ledenstuk", writer, visibility=Visibility.MEMBERS)
    attachment = make_attachment(secret)
    login(client, make_role(role))
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_an_attachment_is_only_served_under_its_own_item(client, writer):
    first = make_resource("Eerste", writer)
    second = make_resource("Tweede", writer, visibility=Visibility.MEMBERS)
    attachment = make_attachment(second)
    client.force_login(make_member("lezer@example.org"))
    url = reverse("knowledge:attachment", args=[first.slug, attachment.pk, "verslag.pdf"])
    assert client.get(url).status_code == 404
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_an_image_attachment_is_served_as_an_image(client, writer):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    client.force_login(writer)
    client.post(
        reverse("knowledge:create"),
        {
            **resource_data(publish="1"),
            "attachment": SimpleUploadedFile("Foto wijk.png", buffer.getvalue(), "image/png"),
        },
    )
    attachment = Attachment.objects.get()
    assert re.fullmatch(r"attachments/[0-9a-f]{32}\.png", attachment.file.name)
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="Foto wijk.png"'


def test_an_attachment_over_20_mb_is_refused_and_nothing_saved(client, writer):
    client.force_login(writer)
    data = PDF_BYTES + b"0" * (20 * 1024 * 1024 + 1 - len(PDF_BYTES))
    response = client.post(
        reverse("knowledge:create"),
        {**resource_data(publish="1"), "attachment": _upload("groot.pdf", data)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["attachment"] == [
        "Het bestand is groter dan 20 MB. Kies een kleiner bestand."
    ]
    assert Resource.objects.count() == 0 and media_files() == []


def test_an_attachment_of_a_draft_is_only_for_its_authors_and_the_coordinator(client, writer):
    draft = make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    attachment = make_attachment(draft)
    client.force_login(make_member("ander@example.org"))
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(writer)
    assert client.get(attachment.get_absolute_url()).status_code == 200
    client.force_login(make_coordinator())
    assert client.get(attachment.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("button", ["publish", "draft", "preview"])
def test_a_lying_file_is_refused_and_nothing_is_saved(client, writer, button):
    client.force_login(writer)
    html = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
    response = client.post(
        reverse("knowledge:create"),
        {**resource_data(**{button: "1"}), "attachment": _upload("verslag.pdf", html)},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["attachment"]
    assert errors and errors[0].startswith("Dit soort bestand kan niet.")
    assert Resource.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert media_files() == []


def test_an_attachment_added_on_edit_is_kept_with_the_item(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(writer)
    client.post(
        reverse("knowledge:edit", args=[resource.slug]),
        {**resource_data(publish="1"), "attachment": _upload("bijlage.pdf")},
    )
    assert resource.attachments.get().download_name == "bijlage.pdf"


def test_an_author_removes_an_attachment_and_its_file(
    client, writer, django_capture_on_commit_callbacks
):
    resource = make_resource("Het stuk", writer)
    attachment = make_attachment(resource)
    path = Path(settings.MEDIA_ROOT) / attachment.file.name
    assert path.exists()
    client.force_login(writer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("knowledge:delete_attachment", args=[resource.slug, attachment.pk])
        )
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not path.exists()


def test_deleting_an_attachment_row_removes_its_file_once_committed(
    writer, django_capture_on_commit_callbacks
):
    attachment = make_attachment(make_resource("Het stuk", writer))
    path = Path(settings.MEDIA_ROOT) / attachment.file.name
    with django_capture_on_commit_callbacks() as callbacks:
        Attachment.objects.filter(pk=attachment.pk).delete()
    assert path.exists()  # a reader may still be served it until the deletion is final
    for callback in callbacks:
        callback()
    assert not path.exists()


def test_a_deletion_that_is_rolled_back_keeps_the_file(writer, django_capture_on_commit_callbacks):
    attachment = make_attachment(make_resource("Het stuk", writer))
    path = Path(settings.MEDIA_ROOT) / attachment.file.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        attachment.delete()
        raise RuntimeError("rolled back")
    assert Attachment.objects.filter(file=attachment.file.name).exists()
    assert path.exists()


def test_deleting_an_item_in_the_admin_leaves_no_files_behind(
    client, writer, django_capture_on_commit_callbacks
):
    resource = make_resource("Het stuk", writer)
    make_attachment(resource)
    make_attachment(resource, "tweede.pdf")
    kept = make_attachment(make_resource("Ander stuk", writer))
    assert len(media_files()) == 3
    client.force_login(make_coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:knowledge_resource_delete", args=[resource.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Resource.objects.filter(pk=resource.pk).exists()
    assert media_files() == [Path(settings.MEDIA_ROOT) / kept.file.name]


@pytest.mark.parametrize("who", ["other member", "applicant", "visitor"])
def test_others_cannot_remove_an_attachment(client, writer, who):
    resource = make_resource("Het stuk", writer)
    other = make_resource("Ander stuk", make_member("ander@example.org"))
    attachment = make_attachment(resource)
    users = {
        "other member": make_member("lezer@example.org"),
        "applicant": make_role("applicant"),
        "visitor": None,
    }
    login(client, users[who])
    for slug in [resource.slug, other.slug]:
        response = client.post(reverse("knowledge:delete_attachment", args=[slug, attachment.pk]))
        if who == "visitor":
            assert is_login_redirect(response)
        else:
            assert response.status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_an_author_cannot_remove_another_items_attachment_through_their_own_item(client, writer):
    mine = make_resource("Mijn stuk", writer)
    theirs = make_resource("Ander stuk", make_member("ander@example.org"))
    attachment = make_attachment(theirs)
    client.force_login(writer)
    response = client.post(reverse("knowledge:delete_attachment", args=[mine.slug, attachment.pk]))
    assert response.status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


# --- Search ----------------------------------------------------------------------------


def _search(client, text: str) -> list[str]:
    response = client.get(reverse("knowledge:library"), {"q": text})
    assert response.status_code == 200
    return page_titles(response)


def test_a_title_match_ranks_above_a_body_only_match(client):
    now = timezone.now()
    make_resource("Over iets anders", body="Het gaat om signalering.", published_at=now)
    make_resource(
        "Signalering in de wijk", body="Een oud stuk.", published_at=now - timedelta(days=99)
    )
    assert _search(client, "signalering") == ["Signalering in de wijk", "Over iets anders"]


def test_the_simple_search_ranks_title_over_tags_over_summary_over_body():
    now = timezone.now()
    make_resource("Alleen tekst", body="over moestuinen", published_at=now)
    make_resource("Alleen samenvatting", summary="over moestuinen", published_at=now)
    make_resource("Alleen tag", tags=["moestuin"], published_at=now)
    make_resource("De moestuin", published_at=now - timedelta(days=9))
    make_resource("Niets hiervan", published_at=now)
    found = library_search._simple(Resource.objects.all(), "moestuin")
    assert [resource.title for resource in found] == [
        "De moestuin",
        "Alleen tag",
        "Alleen samenvatting",
        "Alleen tekst",
    ]


def test_every_word_of_a_search_is_required(client):
    make_resource("Buurt en moestuin", body="Samen tuinieren.")
    make_resource("Alleen de buurt", body="Geen tuin hier.")
    make_resource("Alleen een moestuin", body="Zonder wijk.")
    assert _search(client, "buurt moestuin") == ["Buurt en moestuin"]


def test_every_word_is_required_also_when_one_word_is_a_tag(client):
    make_resource("Samen tuinieren", tags=["buurt"], body="Een moestuin voor iedereen.")
    make_resource("Alleen getagd", tags=["buurt"], body="Over iets anders.")
    assert _search(client, "buurt moestuin") == ["Samen tuinieren"]


def test_a_tag_match_counts(client):
    make_resource("Een werkvorm", tags=["bewonersparticipatie"], body="Zonder dat woord.")
    make_resource("Iets anders", tags=["buurt"])
    assert _search(client, "bewonersparticipatie") == ["Een werkvorm"]


def test_search_is_case_insensitive_and_finds_summary_matches(client):
    make_resource("Een werkvorm", summary="Over SIGNALERING in de wijk.")
    assert _search(client, "signalering") == ["Een werkvorm"]


def test_without_a_search_the_newest_come_first(client):
    now = timezone.now()
    make_resource("Oud", published_at=now - timedelta(days=30))
    make_resource("Nieuw stuk", published_at=now)
    make_resource("Middel", published_at=now - timedelta(days=3))
    assert page_titles(client.get(reverse("knowledge:library"))) == ["Nieuw stuk", "Middel", "Oud"]


HOSTILE_QUERIES = [
    "x" * 10_000,
    "wijk " * 2_000,
    "\x00",
    "wijk\x00gesprek",
    "\x01\x02\x1b[31m\x7f",
    "%",
    "_",
    "%_%",
    "100%",
    "'",
    '"',
    "' OR 1=1 --",
    '"onafgesloten',
    SCRIPT,
    "!!! & | <-> :*",
    "-wijk",
    "wijk OR",
    "\u202egnirts",
    "🙂 buurt",
    " ",
]


@pytest.mark.parametrize("text", HOSTILE_QUERIES, ids=lambda text: repr(text[:20]))
def test_hostile_search_input_never_fails(client, text):
    make_resource("Wijkgesprek 100% _echt_", tags=["buurt"])
    make_resource("Ledenstuk", visibility=Visibility.MEMBERS)
    response = client.get(reverse("knowledge:library"), {"q": text})
    assert response.status_code == 200
    content = response.content.decode()
    assert SCRIPT not in content
    assert "Ledenstuk" not in content


@pytest.mark.parametrize("text", ["%", "_", "100%"])
def test_like_wildcards_are_searched_for_literally(client, text):
    make_resource("Honderd procent", body="Helemaal.")
    make_resource("Echt 100% zeker", body="Ja.")
    expected = [] if text == "_" else ["Echt 100% zeker"]
    assert library_search._simple(Resource.objects.all(), text).count() == len(expected)


@pytest.mark.parametrize(
    "params",
    [
        {"tag": "\x00"},
        {"tag": "x" * 10_000},
        {"tag": ["a", "b", "c", "d", "e", "f", "g"]},
        {"tag": SCRIPT},
        {"soort": SCRIPT},
        {"soort": "\x00"},
        {"pagina": "-1"},
        {"pagina": "9999999999999999999999"},
        {"pagina": "x"},
        {"q": "wijk", "pagina": "0"},
    ],
)
def test_hostile_filter_input_never_fails(client, params):
    make_resource("Wijkgesprek", tags=["buurt"])
    response = client.get(reverse("knowledge:library"), params)
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


@pytest.mark.postgresql
def test_dutch_stemming_finds_other_forms_of_a_word(client):
    make_resource("Een werkvorm", body="We liepen samen door de wijk en spraken bewoners.")
    make_resource("Iets anders", body="Over onderwijs.")
    assert _search(client, "wijken") == ["Een werkvorm"]


@pytest.mark.postgresql
def test_full_text_search_ranks_title_matches_first(client):
    now = timezone.now()
    make_resource(
        "Over iets anders",
        body="Signalering, signalering en nog eens signalering in de wijk.",
        published_at=now,
    )
    make_resource("Getagd", tags=["signalering"], body="Zonder het woord.", published_at=now)
    make_resource(
        "Signalering als taak", body="Een oud stuk.", published_at=now - timedelta(days=99)
    )
    found = _search(client, "signalering")
    assert found[0] == "Signalering als taak"
    assert set(found) == {"Signalering als taak", "Over iets anders", "Getagd"}


def test_search_puts_body_only_matches_last_and_newest_first(client):
    """The rank reads title, tags and summary only (on PostgreSQL migration 0003's
    vector): an item with the word only in its body, however often, follows one with
    it in the summary."""
    now = timezone.now()
    make_resource("Oud", body="Moestuin, moestuin, moestuin.", published_at=now - timedelta(days=9))
    make_resource("Nieuw", body="Een moestuin.", published_at=now)
    make_resource("Samengevat", summary="Over de moestuin.", published_at=now - timedelta(days=99))
    assert _search(client, "moestuin") == ["Samengevat", "Nieuw", "Oud"]


@pytest.mark.postgresql
def test_full_text_search_requires_every_word(client):
    make_resource("Buurt en moestuin", body="Samen tuinieren in de buurt.")
    make_resource("Alleen de buurt", body="Geen tuin hier.")
    assert _search(client, "buurt moestuin") == ["Buurt en moestuin"]


def _tags_text(resource) -> set[str]:
    resource.refresh_from_db(fields=["tags_text"])
    return set(resource.tags_text.split())


def test_the_stored_tag_names_follow_tag_changes():
    resource = make_resource("Getagd", tags=["buurt", "jongeren"])
    assert _tags_text(resource) == {"buurt", "jongeren"}
    resource.tags.add("moestuin")
    assert _tags_text(resource) == {"buurt", "jongeren", "moestuin"}
    resource.tags.remove("buurt")
    assert _tags_text(resource) == {"jongeren", "moestuin"}
    resource.tags.set(["wonen"])
    assert _tags_text(resource) == {"wonen"}
    Tag.objects.get(name="wonen").delete()
    assert _tags_text(resource) == set()
    resource.tags.add("zorg")
    resource.tags.clear()
    assert _tags_text(resource) == set()


def test_the_search_index_follows_edits_deletes_and_tag_changes(client):
    resource = make_resource("Een werkvorm", body="Over de moestuin.")
    assert _search(client, "moestuin") == ["Een werkvorm"]
    resource.body = "Over het buurthuis."
    resource.save()
    assert _search(client, "moestuin") == []
    assert _search(client, "buurthuis") == ["Een werkvorm"]
    Resource.objects.filter(pk=resource.pk).update(title="Een nieuwe werkvorm")
    page_cache.mark_stale("library")  # as code that updates in bulk must
    assert _search(client, "nieuwe") == ["Een nieuwe werkvorm"]
    resource.tags.add("jongerenwerk")
    assert _search(client, "jongerenwerk") == ["Een nieuwe werkvorm"]
    resource.tags.remove("jongerenwerk")
    assert _search(client, "jongerenwerk") == []
    resource.delete()
    assert _search(client, "buurthuis") == []


def test_a_search_index_match_needs_the_literal_text_for_other_characters(client):
    make_resource("Co-creatie in de wijk")
    make_resource("Co creatie apart")
    assert _search(client, "co-creatie") == ["Co-creatie in de wijk"]


@pytest.mark.postgresql
def test_full_text_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'knowledge_resource_search'"
        )
        assert "USING gin" in cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = off")
        queryset = library_search.search(Resource.objects.all(), "buurt moestuin")
        plan = queryset.explain()
    assert "knowledge_resource_search" in plan


# --- Tag and kind filters --------------------------------------------------------------


def test_two_tags_combine_with_and(client):
    make_resource("Beide", tags=["buurt", "jongeren"])
    make_resource("Alleen buurt", tags=["buurt"])
    make_resource("Alleen jongeren", tags=["jongeren"])
    response = client.get(reverse("knowledge:library"), {"tag": ["buurt", "jongeren"]})
    assert page_titles(response) == ["Beide"]


def test_a_tag_filter_ignores_case(client):
    make_resource("Getagd", tags=["Buurt"])
    assert page_titles(client.get(reverse("knowledge:library"), {"tag": "buurt"})) == ["Getagd"]


def test_the_kind_filter_shows_one_kind(client):
    make_resource("Een tool", kind=ResourceKind.TOOL)
    make_resource("Een casus", kind=ResourceKind.CASE)
    response = client.get(reverse("knowledge:library"), {"soort": "case"})
    assert page_titles(response) == ["Een casus"]


@pytest.mark.parametrize(
    "role, expected",
    # A member's own draft is left out: the cloud is the same for every member.
    [("visitor", 1), ("applicant", 1), ("member_online", 2), ("coordinator", 3)],
)
def test_tag_counts_count_only_visible_items(client, role, expected):
    viewer = make_role(role)
    author = make_member("schrijver@example.org")
    make_resource("Openbaar", author, tags=["buurt"])
    make_resource("Ledenstuk", author, tags=["buurt"], visibility=Visibility.MEMBERS)
    make_resource("Concept", author, tags=["buurt", "geheimtag"], status=ResourceStatus.DRAFT)
    if viewer is not None and role != "coordinator":
        make_resource("Eigen concept", viewer, tags=["buurt"], status=ResourceStatus.DRAFT)
    login(client, viewer)
    response = client.get(reverse("knowledge:library"))
    counts = {tag.name: tag.uses for tag in response.context["tag_counts"]}
    assert counts["buurt"] == expected
    assert ("geheimtag" in counts) == (role == "coordinator")
    assert ("geheimtag" in response.content.decode()) == (role == "coordinator")


def test_a_tag_in_the_cloud_narrows_the_current_search_and_filters(client):
    make_resource("Buurt & co in de wijk", kind=ResourceKind.CASE, tags=["buurt", "wonen"])
    make_resource("Buurt & co zonder wonen", kind=ResourceKind.CASE, tags=["buurt"])
    make_resource("Buurt & co als tool", kind=ResourceKind.TOOL, tags=["buurt", "wonen"])
    params = {"q": "buurt & co", "soort": "case", "tag": "buurt"}
    response = client.get(reverse("knowledge:library"), params)
    links = {tag.name: tag.url for tag in response.context["tag_counts"]}
    assert links["wonen"] == "?q=buurt+%26+co&soort=case&tag=buurt&tag=wonen"
    assert f'href="{escape(links["wonen"])}"' in response.content.decode()
    narrowed = client.get(reverse("knowledge:library") + links["wonen"])
    assert page_titles(narrowed) == ["Buurt & co in de wijk"]


def test_the_landing_page_shows_the_themes_and_a_filtered_page_does_not(client):
    make_resource("Getagd", tags=["professionaliteit"])
    tag = Resource.objects.get().tags.get()
    FeaturedTag.objects.create(tag=tag, description="Wat maakt ons vak een vak?")
    response = client.get(reverse("knowledge:library"))
    assert "Wat maakt ons vak een vak?" in response.content.decode()
    assert "?tag=professionaliteit" in response.content.decode()
    filtered = client.get(reverse("knowledge:library"), {"q": "getagd"})
    assert "Wat maakt ons vak een vak?" not in filtered.content.decode()


# --- Pagination and query counts -------------------------------------------------------


def test_the_library_shows_twenty_items_a_page(client):
    now = timezone.now()
    for number in range(25):
        make_resource(f"Stuk {number:02d}", published_at=now - timedelta(hours=number))
    first = client.get(reverse("knowledge:library"))
    assert page_titles(first) == [f"Stuk {number:02d}" for number in range(20)]
    assert "pagina=2" in first.content.decode()
    second = client.get(reverse("knowledge:library"), {"pagina": "2"})
    assert page_titles(second) == [f"Stuk {number:02d}" for number in range(20, 25)]
    filtered = client.get(reverse("knowledge:library"), {"q": "stuk", "pagina": "2"})
    assert len(page_titles(filtered)) == 5


class Library:
    """Items, authors, comments and attachments in growing amounts, for query counts."""

    def __init__(self):
        self.authors = [
            make_member(f"auteur{number}@example.org", display_name=f"Auteur {number}")
            for number in range(3)
        ]
        self.item = make_resource(
            "Het doelstuk",
            self.authors[0],
            coauthors=self.authors[1:],
            kind=ResourceKind.REPORT,
            tags=["buurt", "thema0"],
            event=make_event("wijkavond", kind=EventKind.PUBLIC, days_ahead=-2),
        )
        self.count = 0

    def grow(self, count: int) -> None:
        now = timezone.now()
        for number in range(self.count, self.count + count):
            author = self.authors[number % 3]
            make_resource(
                f"Wijkgesprek {number}",
                author,
                coauthors=[self.authors[(number + 1) % 3]] if number % 2 else [],
                visibility=Visibility.MEMBERS if number % 4 == 3 else Visibility.PUBLIC,
                tags=["buurt", f"thema{number % 5}", f"los{number}"],
                published_at=now - timedelta(hours=number + 1),
            )
            Comment.objects.create(resource=self.item, author=author, body=f"Reactie {number}")
            make_attachment(self.item, f"bijlage-{number}.pdf")
        self.count += count


QUERY_PAGES = {
    "library": lambda item: reverse("knowledge:library"),
    "search": lambda item: reverse("knowledge:library") + "?q=wijkgesprek",
    "tag": lambda item: reverse("knowledge:library") + "?tag=buurt",
    "item": lambda item: item.get_absolute_url(),
    "feed": lambda item: reverse("knowledge:feed"),
}
# Queries per page, for (visitor, member).
QUERY_BUDGET = {
    "library": (7, 9),  # one page of ids with the count, then their cards
    "search": (6, 8),
    "tag": (6, 8),
    "item": (9, 13),
    "feed": (3, 3),
}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("page", QUERY_PAGES)
@pytest.mark.parametrize("as_member", [False, True], ids=["visitor", "member"])
def test_queries_do_not_grow_with_the_size_of_the_library(
    client, django_assert_num_queries, page, as_member
):
    library = Library()
    if as_member:
        client.force_login(make_member("kijker@example.org"))
    url = QUERY_PAGES[page](library.item)
    library.grow(5)
    client.get(url)  # warm caches (site texts, session)
    with_5 = count_queries(client, url)
    library.grow(35)
    with_40 = count_queries(client, url)
    assert with_5 == with_40
    with django_assert_num_queries(QUERY_BUDGET[page][as_member]):
        client.get(url)


@pytest.mark.usefixtures("page_cache_off")
def test_related_items_with_more_co_authors_cost_no_more_queries(client):
    authors = [make_member(f"a{number}@example.org") for number in range(6)]
    item = make_resource("Het doelstuk", authors[0], tags=["buurt"])
    related = [
        make_resource(f"Verwant {number}", authors[0], tags=["buurt"]) for number in range(4)
    ]
    one_author = count_queries(client, item.get_absolute_url())
    for resource in related:
        resource.set_authors(authors)
    assert count_queries(client, item.get_absolute_url()) == one_author


# --- The item page ---------------------------------------------------------------------


def _cited_item(event=None, **fields):
    # E-mail addresses in the opposite order of the authors: the order is the writer's.
    creator = make_member("z.bakker@example.org", display_name="Noor Bakker")
    coauthor = make_member("a.devries@example.org", display_name="Ans de Vries")
    published = datetime(2026, 3, 3, 10, 0, tzinfo=AMSTERDAM)
    return make_resource(
        "Het buurtgesprek",
        creator,
        coauthors=[coauthor],
        published_at=published,
        event=event,
        **fields,
    )


def test_the_item_page_cites_in_apa_style(client):
    resource = _cited_item()
    response = client.get(resource.get_absolute_url())
    expected = (
        "Bakker, N., &amp; de Vries, A. (2026, 3 maart). <i>Het buurtgesprek</i>. "
        f"Leeratelier Samenlevingsopbouw. {absolute_url(resource.get_absolute_url())}"
    )
    assert expected in response.content.decode()
    assert "Zo verwijs je hiernaar" in response.content.decode()


def test_authors_are_shown_in_the_writers_order(client):
    resource = _cited_item()
    assert resource.author_names() == ["Noor Bakker", "Ans de Vries"]
    content = client.get(resource.get_absolute_url()).content.decode()
    assert content.index("Noor Bakker") < content.index("Ans de Vries")


@pytest.mark.parametrize(
    "display_name, expected",
    [
        ("Noor Bakker", "Bakker, N."),
        ("Ans de Vries", "de Vries, A."),
        ("Jan van der Berg", "van der Berg, J."),
        ("Jean-Paul Sartre", "Sartre, J.-P."),
        ("  Noor   Bakker  ", "Bakker, N."),
        ("Noor", "Noor"),
    ],
)
def test_apa_name(display_name, expected):
    assert apa_name(display_name) == expected


def test_apa_citation_escapes_everything_but_the_italics():
    author = make_member("z@example.org", display_name="Noor <b>Bakker</b>")
    resource = make_resource(
        f"Titel {SCRIPT} & meer",
        author,
        published_at=datetime(2026, 3, 3, 23, 30, tzinfo=AMSTERDAM),
    )
    with translation.override("nl"):
        citation = apa_citation(resource, 'http://testserver/kennisbank/x/?a="b"')
    assert "<script>" not in citation and "<b>" not in citation
    assert (
        citation == "&lt;b&gt;Bakker&lt;/b&gt;, N. (2026, 3 maart). "
        "<i>Titel &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer</i>. "
        "Leeratelier Samenlevingsopbouw. http://testserver/kennisbank/x/?a=&quot;b&quot;"
    )


def test_apa_citation_without_authors_credits_the_atelier():
    resource = make_resource("Zonder auteurs", published_at=datetime(2026, 1, 9, tzinfo=AMSTERDAM))
    with translation.override("nl"):
        citation = apa_citation(resource, "http://x/")
    assert citation == (
        "Leeratelier Samenlevingsopbouw (2026, 9 januari). <i>Zonder auteurs</i>. http://x/"
    )


def _three_authors():
    names = ["Noor Bakker", "Ans de Vries", "Piet Jansen"]
    users = [
        make_member(f"{letter}@example.org", display_name=name)
        for letter, name in zip("zyx", names, strict=True)
    ]
    resource = make_resource(
        "Drie", users[0], coauthors=users[1:], published_at=datetime(2026, 3, 3, tzinfo=AMSTERDAM)
    )
    with translation.override("nl"):
        return apa_citation(resource, "http://x/")


def test_apa_citation_of_three_authors_names_the_writer_first():
    citation = _three_authors()
    assert citation.startswith("Bakker, N., ")
    assert citation.count(", &amp; ") == 1 and "(2026, 3 maart). <i>Drie</i>." in citation


def test_apa_citation_keeps_the_co_authors_in_the_order_they_were_named():
    assert _three_authors().startswith("Bakker, N., de Vries, A., &amp; Jansen, P. (2026")


@pytest.mark.parametrize("role", ROLES)
def test_authors_link_to_their_profiles_for_members_only(client, role):
    resource = _cited_item()
    noor = Profile.objects.get(display_name="Noor Bakker")
    login(client, make_role(role))
    content = client.get(resource.get_absolute_url()).content.decode()
    link = f'<a href="{noor.get_absolute_url()}">Noor Bakker</a>'
    assert (link in content) == (role in MEMBER_ROLES + ["coordinator"])
    assert "Noor Bakker" in content


def test_an_item_without_authors_shows_former_member(client):
    resource = make_resource("Zonder auteurs")
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "voormalig lid" in content
    library = client.get(reverse("knowledge:library")).content.decode()
    assert "voormalig lid" in library


def test_the_item_page_shows_body_tags_and_attachments(client, writer):
    resource = make_resource(
        "Het stuk", writer, tags=["buurt", "jongeren"], body=f"Met *nadruk*.\n\n{SCRIPT}"
    )
    make_attachment(resource, "handleiding.pdf")
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "<em>nadruk</em>" in content
    assert SCRIPT not in content
    assert "?tag=buurt" in content and "?tag=jongeren" in content
    assert "handleiding.pdf" in content


def test_the_item_page_links_the_event_it_reports_on(client, writer):
    event = make_event("wijkavond", kind=EventKind.PUBLIC, days_ahead=-3, title="De wijkavond")
    resource = make_resource("Verslag", writer, kind=ResourceKind.REPORT, event=event)
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "Verslag van" in content
    assert f'href="{event.get_absolute_url()}"' in content
    assert "De wijkavond" in content


@pytest.mark.parametrize("role", NON_MEMBER_ROLES)
def test_a_public_report_does_not_reveal_a_members_meeting(client, writer, role):
    meeting = make_event("geheime-bijeenkomst", days_ahead=-3, title="Besloten intervisie")
    resource = make_resource("Openbaar verslag", writer, kind=ResourceKind.REPORT, event=meeting)
    login(client, make_role(role))
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Besloten intervisie" not in content
    assert meeting.get_absolute_url() not in content
    client.force_login(make_member("lezer@example.org"))
    assert "Besloten intervisie" in client.get(resource.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_a_report_shows_on_its_events_page_for_those_who_may_see_it(client, writer, role):
    event = make_event("wijkavond", kind=EventKind.PUBLIC, days_ahead=-3)
    make_resource("Openbaar verslag", writer, kind=ResourceKind.REPORT, event=event)
    make_resource(
        "Verslag voor leden",
        writer,
        kind=ResourceKind.REPORT,
        event=event,
        visibility=Visibility.MEMBERS,
    )
    make_resource("Concept verslag", writer, kind=ResourceKind.REPORT, event=event, status="draft")
    login(client, make_role(role))
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Openbaar verslag" in content
    assert ("Verslag voor leden" in content) == (role in MEMBER_ROLES + ["coordinator"])
    assert ("Concept verslag" in content) == (role == "coordinator")


def test_related_items_share_tags_most_shared_first(client, writer):
    now = timezone.now()
    item = make_resource("Het stuk", writer, tags=["buurt", "signalering", "jongeren"])
    make_resource("Een tag", tags=["buurt"], published_at=now)
    make_resource("Twee tags", tags=["buurt", "signalering"], published_at=now - timedelta(1))
    make_resource("Geen gedeelde tag", tags=["ouderen"], published_at=now)
    make_resource("Concept", tags=["buurt"], status=ResourceStatus.DRAFT)
    for number in range(4):
        make_resource(f"Nog een {number}", tags=["jongeren"], published_at=now - timedelta(9))
    related = [r.title for r in client.get(item.get_absolute_url()).context["related"]]
    assert related[:2] == ["Twee tags", "Een tag"]
    assert len(related) == 4
    assert "Geen gedeelde tag" not in related and "Het stuk" not in related
    assert "Concept" not in related


def test_an_item_without_tags_has_no_related_items(client, writer):
    item = make_resource("Het stuk", writer)
    make_resource("Ander stuk", tags=["buurt"])
    assert list(client.get(item.get_absolute_url()).context["related"]) == []


def test_a_title_with_script_is_escaped_everywhere(client, writer):
    client.force_login(writer)
    title = f"{SCRIPT} Buurt"
    client.post(reverse("knowledge:create"), resource_data(title=title, publish="1"))
    resource = Resource.objects.get()
    assert resource.title == title
    for address in [
        resource.get_absolute_url(),
        reverse("knowledge:library"),
        reverse("knowledge:edit", args=[resource.slug]),
        reverse("home"),
    ]:
        content = client.get(address).content.decode()
        assert SCRIPT not in content, address
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, address
    feed = client.get(reverse("knowledge:feed")).content.decode()
    assert SCRIPT not in feed


# --- Comments --------------------------------------------------------------------------


def _comment_url(resource):
    return reverse("knowledge:comment", args=[resource.slug])


def test_a_member_comments_with_sanitized_markdown(client, writer):
    resource = make_resource("Het stuk", writer, visibility=Visibility.MEMBERS)
    commenter = make_member("ans@example.org", display_name="Ans de Vries")
    client.force_login(commenter)
    response = client.post(_comment_url(resource), {"body": f"Mooi **stuk**!\n\n{SCRIPT}"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{resource.get_absolute_url()}#reacties"
    assert comment.author == commenter and comment.resource == resource
    assert "<strong>stuk</strong>" in comment.body_html
    assert "<script" not in comment.body_html
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "<strong>stuk</strong>" in content
    assert SCRIPT not in content


def test_a_visitor_who_comments_is_sent_to_log_in(client, writer):
    resource = make_resource("Het stuk", writer)
    assert is_login_redirect(client.post(_comment_url(resource), {"body": "Hallo"}))
    assert not Comment.objects.exists()


def test_an_applicant_cannot_comment(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(make_role("applicant"))
    assert client.post(_comment_url(resource), {"body": "Hallo"}).status_code == 404
    assert not Comment.objects.exists()


def test_nobody_comments_on_an_item_they_may_not_see(client, writer):
    draft = make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    client.force_login(make_member("ander@example.org"))
    assert client.post(_comment_url(draft), {"body": "Hallo"}).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("role", NON_MEMBER_ROLES)
def test_comments_are_for_members_only(client, writer, role):
    resource = make_resource("Het stuk", writer)
    Comment.objects.create(resource=resource, author=writer, body="Een geheime reactie")
    login(client, make_role(role))
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "Een geheime reactie" not in content
    assert _comment_url(resource) not in content


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "Schrijf eerst een reactie."),
        ("   \n\t  ", "Schrijf eerst een reactie."),
        ("x" * 10_001, "Houd je reactie korter dan 10.000 tekens."),
        ("Hallo\x00daar", "Null-tekens zijn niet toegestaan."),
        ("\x00", None),
    ],
    ids=["empty", "whitespace", "too long", "null byte", "only a null byte"],
)
def test_a_bad_comment_is_refused_and_nothing_saved(client, writer, body, message):
    resource = make_resource("Het stuk", writer)
    client.force_login(make_member("ans@example.org"))
    response = client.post(_comment_url(resource), {"body": body})
    assert response.status_code == 200
    errors = response.context["form"].errors["body"]
    assert errors
    if message:
        assert message in errors
    assert not Comment.objects.exists()
    assert len(mail.outbox) == 0


def test_a_comment_without_a_body_field_is_refused(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(make_member("ans@example.org"))
    assert client.post(_comment_url(resource), {}).status_code == 200
    assert not Comment.objects.exists()


def test_a_member_edits_and_deletes_their_own_comment(client, writer):
    resource = make_resource("Het stuk", writer)
    commenter = make_member("ans@example.org")
    comment = Comment.objects.create(resource=resource, author=commenter, body="Eerst")
    client.force_login(commenter)
    edit_url = reverse("knowledge:edit_comment", args=[comment.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {"body": "Daarna *beter*"})
    assert response["Location"] == f"{resource.get_absolute_url()}#reactie-{comment.pk}"
    comment.refresh_from_db()
    assert comment.body == "Daarna *beter*" and "<em>beter</em>" in comment.body_html
    assert client.post(edit_url, {"body": ""}).status_code == 200
    comment.refresh_from_db()
    assert comment.body == "Daarna *beter*"
    delete_url = reverse("knowledge:delete_comment", args=[comment.pk])
    assert client.get(delete_url).status_code == 200
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert client.post(delete_url).status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()


@pytest.mark.parametrize("who", ["other member", "item author", "applicant", "coordinator"])
def test_others_cannot_edit_or_delete_a_comment(client, writer, who):
    resource = make_resource("Het stuk", writer)
    comment = Comment.objects.create(
        resource=resource, author=make_member("ans@example.org"), body="Van Ans"
    )
    users = {
        "other member": make_member("ander@example.org"),
        "item author": writer,
        "applicant": make_role("applicant"),
        "coordinator": make_coordinator(),
    }
    client.force_login(users[who])
    edit_url = reverse("knowledge:edit_comment", args=[comment.pk])
    delete_url = reverse("knowledge:delete_comment", args=[comment.pk])
    assert client.get(edit_url).status_code == 404
    assert client.post(edit_url, {"body": "Overgenomen"}).status_code == 404
    assert client.get(delete_url).status_code == 404
    assert client.post(delete_url).status_code == 404
    comment.refresh_from_db()
    assert comment.body == "Van Ans"


def test_a_visitor_who_edits_a_comment_is_sent_to_log_in(client, writer):
    comment = Comment.objects.create(resource=make_resource(), author=writer, body="Hoi")
    assert is_login_redirect(client.get(reverse("knowledge:edit_comment", args=[comment.pk])))
    assert is_login_redirect(client.post(reverse("knowledge:delete_comment", args=[comment.pk])))
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_the_coordinator_hides_a_comment(client, writer):
    resource = make_resource("Het stuk", writer)
    commenter = make_member("ans@example.org")
    comment = Comment.objects.create(resource=resource, author=commenter, body="Ongepast")
    hide_url = reverse("knowledge:hide_comment", args=[comment.pk])
    client.force_login(make_coordinator())
    assert hide_url in client.get(resource.get_absolute_url()).content.decode()
    response = client.post(hide_url)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden
    # The coordinator still sees it, marked hidden.
    coordinator_view = client.get(resource.get_absolute_url()).content.decode()
    assert "Ongepast" in coordinator_view and "Verborgen" in coordinator_view
    # Other members no longer see it.
    client.force_login(make_member("lezer@example.org"))
    assert "Ongepast" not in client.get(resource.get_absolute_url()).content.decode()
    # Its author still sees it, marked hidden (the view shows a member their own comments).
    client.force_login(commenter)
    own_view = client.get(resource.get_absolute_url()).content.decode()
    assert "Ongepast" in own_view and "Verborgen" in own_view
    # Posting again shows it again.
    client.force_login(make_coordinator("tweede@example.org"))
    client.post(hide_url)
    comment.refresh_from_db()
    assert not comment.hidden


@pytest.mark.parametrize("who", ["member", "item author", "comment author", "applicant"])
def test_only_the_coordinator_may_hide_a_comment(client, writer, who):
    resource = make_resource("Het stuk", writer)
    commenter = make_member("ans@example.org")
    comment = Comment.objects.create(resource=resource, author=commenter, body="Hoi")
    users = {
        "member": make_member("ander@example.org"),
        "item author": writer,
        "comment author": commenter,
        "applicant": make_role("applicant"),
    }
    client.force_login(users[who])
    hide_url = reverse("knowledge:hide_comment", args=[comment.pk])
    assert client.post(hide_url).status_code == 404
    assert hide_url not in client.get(resource.get_absolute_url()).content.decode()
    comment.refresh_from_db()
    assert not comment.hidden


def test_a_visitor_who_hides_a_comment_is_sent_to_log_in(client, writer):
    comment = Comment.objects.create(resource=make_resource(), author=writer, body="Hoi")
    assert is_login_redirect(client.post(reverse("knowledge:hide_comment", args=[comment.pk])))
    comment.refresh_from_db()
    assert not comment.hidden


def test_authors_get_one_email_each_about_a_new_comment(client, writer):
    ans = make_member("ans@example.org", display_name="Ans de Vries")
    quiet = make_member("stil@example.org", display_name="Stille Schrijver")
    Profile.objects.filter(user=quiet).update(notify_on_comments=False)
    commenter = make_member("karin@example.org", display_name="Karin Smit")
    resource = make_resource("Het stuk", writer, coauthors=[ans, quiet, commenter])
    client.force_login(commenter)
    client.post(_comment_url(resource), {"body": "Wat een goed idee!"})
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ans@example.org",
        "noor.bakker@example.org",
    ]
    comment = Comment.objects.get()
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert "Het stuk" in message.subject
        assert "Wat een goed idee!" in message.body
        assert "Karin Smit" in message.body
        assert f"{resource.get_absolute_url()}#reactie-{comment.pk}" in message.body
        assert reverse("members:my_profile") in message.body


def test_no_email_when_an_author_comments_on_their_own_item(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(writer)
    client.post(_comment_url(resource), {"body": "Aanvulling van mijzelf."})
    assert Comment.objects.count() == 1
    assert mail.outbox == []


def test_authors_can_switch_comment_emails_off(writer):
    Profile.objects.filter(user=writer).update(notify_on_comments=False)
    resource = make_resource("Het stuk", writer)
    add_comment(resource, make_member("ans@example.org"), "Hallo")
    assert mail.outbox == []


def test_comment_emails_go_only_to_active_members_and_the_coordinator(writer):
    paused = make_member("gepauzeerd@example.org", display_name="Pauze")
    ended = make_member("gestopt@example.org", display_name="Gestopt")
    switched_off = make_member("uitgezet@example.org", display_name="Uitgezet")
    Profile.objects.filter(user=paused).update(status=MembershipStatus.PAUSED)
    Profile.objects.filter(user=ended).update(status=MembershipStatus.ENDED)
    User.objects.filter(pk=switched_off.pk).update(is_active=False)
    coordinator = make_coordinator()
    make_profile(coordinator, MembershipStatus.PAUSED, display_name="Coördinator")
    resource = make_resource(
        "Het stuk", writer, coauthors=[paused, ended, switched_off, coordinator]
    )
    add_comment(resource, make_member("ans@example.org"), "Hallo")
    assert sorted(message.to[0] for message in mail.outbox) == [
        "coordinator@example.org",
        "noor.bakker@example.org",
    ]


# --- The Atom feed ---------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_lists_public_published_items_newest_first(client, writer):
    now = timezone.now()
    for number in range(35):
        make_resource(f"Stuk {number:02d}", writer, published_at=now - timedelta(hours=number))
    make_resource("Ledenstuk", writer, visibility=Visibility.MEMBERS, published_at=now)
    make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    client.force_login(make_coordinator())  # even for the coordinator
    response = client.get(reverse("knowledge:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == [f"Stuk {number:02d}" for number in range(30)]
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}link").get("href").endswith("/kennisbank/stuk-00/")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Noor Bakker"
    assert entry.findtext(f"{ATOM}summary") == "Kort over deze werkvorm."


def test_each_author_of_a_feed_entry_has_an_author_element_of_their_own(client, writer):
    second = make_member("ans@example.org", display_name="Ans de Vries")
    make_resource("Samen geschreven", writer, coauthors=[second])
    root = ET.fromstring(client.get(reverse("knowledge:feed")).content)
    entry = next(root.iter(f"{ATOM}entry"))
    names = [author.findtext(f"{ATOM}name") for author in entry.findall(f"{ATOM}author")]
    assert names == ["Noor Bakker", "Ans de Vries"]


def test_a_feed_summary_is_plain_text(client, writer):
    make_resource("a < b", writer, summary="Als a < b & <b>vet</b>")
    root = ET.fromstring(client.get(reverse("knowledge:feed")).content)
    summary = next(root.iter(f"{ATOM}entry")).find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == "Als a < b & <b>vet</b>"


def test_an_empty_feed_is_valid_atom(client):
    root = ET.fromstring(client.get(reverse("knowledge:feed")).content)
    assert root.findtext(f"{ATOM}title") == "Leeratelier Samenlevingsopbouw: kennisbank"
    assert list(root.iter(f"{ATOM}entry")) == []


# --- Admin -----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, coordinator):
    assert not coordinator.is_superuser
    client.force_login(coordinator)
    return client


def test_the_coordinator_opens_the_library_in_the_admin(admin_client, writer):
    resource = make_resource("Het stuk", writer, tags=["buurt"])
    Comment.objects.create(resource=resource, author=writer, body="Hoi")
    make_attachment(resource)
    for address in [
        reverse("admin:knowledge_resource_changelist"),
        reverse("admin:knowledge_resource_changelist") + "?q=stuk",
        reverse("admin:knowledge_resource_change", args=[resource.pk]),
        reverse("admin:knowledge_comment_changelist"),
        reverse("admin:knowledge_featuredtag_changelist"),
        reverse("admin:knowledge_featuredtag_add"),
    ]:
        assert admin_client.get(address).status_code == 200, address


def test_the_coordinator_publishes_and_unpublishes_in_bulk(admin_client, writer):
    drafts = [
        make_resource(f"Concept {number}", writer, status=ResourceStatus.DRAFT)
        for number in range(2)
    ]
    changelist = reverse("admin:knowledge_resource_changelist")
    response = admin_client.post(
        changelist, {"action": "publish", "_selected_action": [item.pk for item in drafts]}
    )
    assert response.status_code == 302
    for item in drafts:
        item.refresh_from_db()
        assert item.status == ResourceStatus.PUBLISHED and item.published_at is not None
    admin_client.post(changelist, {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    drafts[0].refresh_from_db()
    assert drafts[0].status == ResourceStatus.DRAFT


def test_bulk_publishing_and_unpublishing_moves_the_updated_date(admin_client, writer):
    draft = make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    long_ago = timezone.now() - timedelta(days=30)
    Resource.objects.filter(pk=draft.pk).update(updated_at=long_ago)
    changelist = reverse("admin:knowledge_resource_changelist")
    before = timezone.now().replace(microsecond=0)
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.updated_at >= before
    # The feed tells readers the item changed.
    root = ET.fromstring(admin_client.get(reverse("knowledge:feed")).content)
    (entry,) = root.iter(f"{ATOM}entry")
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) >= before
    Resource.objects.filter(pk=draft.pk).update(updated_at=long_ago)
    admin_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == ResourceStatus.DRAFT and draft.updated_at >= before


def test_the_coordinator_hides_comments_in_bulk(admin_client, writer):
    resource = make_resource("Het stuk", writer)
    comments = [
        Comment.objects.create(resource=resource, author=writer, body=f"Reactie {number}")
        for number in range(3)
    ]
    response = admin_client.post(
        reverse("admin:knowledge_comment_changelist"),
        {"action": "hide", "_selected_action": [comments[0].pk, comments[1].pk]},
    )
    assert response.status_code == 302
    assert [c.hidden for c in Comment.objects.order_by("pk")] == [True, True, False]


def test_the_coordinator_adds_a_featured_tag(admin_client, client):
    make_resource("Getagd", tags=["legitimiteit"])
    tag = Resource.objects.get().tags.get()
    response = admin_client.post(
        reverse("admin:knowledge_featuredtag_add"),
        {"tag": tag.pk, "description": "Over het mandaat van het vak.", "position": 1},
    )
    assert response.status_code == 302
    assert FeaturedTag.objects.get().tag == tag
    client.logout()
    assert (
        "Over het mandaat van het vak." in client.get(reverse("knowledge:library")).content.decode()
    )


def test_a_member_cannot_use_the_admin(client, writer):
    client.force_login(writer)
    response = client.get(reverse("admin:knowledge_resource_changelist"))
    assert response.status_code == 302


# --- Privacy ---------------------------------------------------------------------------


def test_the_data_export_includes_library_items_and_comments(client, writer):
    resource = make_resource("Mijn stuk", writer, tags=["buurt"])
    make_resource("Mijn concept", writer, status=ResourceStatus.DRAFT)
    make_resource("Van een ander", make_member("ander@example.org"))
    Comment.objects.create(resource=resource, author=writer, body="Mijn reactie")
    client.force_login(writer)
    data = json.loads(client.get(reverse("members:export")).content)
    assert [item["title"] for item in data["library_items"]] == ["Mijn stuk", "Mijn concept"]
    assert data["library_items"][0]["tags"] == ["buurt"]
    assert data["library_items"][1]["status"] == "draft"
    assert data["comments"] == [
        {
            "on": "Mijn stuk",
            "body": "Mijn reactie",
            "written_at": Comment.objects.get().created_at.isoformat(),
            "hidden": False,
        }
    ]


def _delete_account(client, user, remove_items: bool, capture):
    client.force_login(user)
    data = {"password": PASSWORD}
    if remove_items:
        data["remove_items"] = "on"
    with capture(execute=True):
        response = client.post(reverse("members:delete_account"), data)
    assert response.status_code == 302


def _authorship_world(writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    reader = make_member("lezer@example.org", display_name="Lezer")
    alone = make_resource("Alleen geschreven", writer)
    together = make_resource("Samen geschreven", writer, coauthors=[coauthor])
    draft = make_resource("Mijn concept", writer, status=ResourceStatus.DRAFT)
    shared_draft = make_resource(
        "Gedeeld concept", writer, coauthors=[coauthor], status=ResourceStatus.DRAFT
    )
    files = {
        name: Path(settings.MEDIA_ROOT) / make_attachment(item).file.name
        for name, item in [("alone", alone), ("together", together), ("draft", draft)]
    }
    Comment.objects.create(resource=together, author=writer, body="Van de schrijver")
    Comment.objects.create(resource=alone, author=reader, body="Van een lezer")
    Comment.objects.create(resource=together, author=reader, body="Lezer bij samen")
    return coauthor, reader, alone, together, draft, shared_draft, files


def test_deleting_an_account_keeps_published_items_as_former_member(
    client, writer, django_capture_on_commit_callbacks
):
    coauthor, reader, alone, together, draft, shared_draft, files = _authorship_world(writer)
    _delete_account(client, writer, False, django_capture_on_commit_callbacks)

    alone.refresh_from_db()
    assert list(alone.authors.all()) == [] and alone.created_by is None
    assert alone.author_names() == ["voormalig lid"]
    client.logout()
    assert "voormalig lid" in client.get(alone.get_absolute_url()).content.decode()
    assert files["alone"].exists()

    assert list(Resource.objects.get(pk=together.pk).authors.all()) == [coauthor]
    assert list(Resource.objects.get(pk=shared_draft.pk).authors.all()) == [coauthor]
    assert files["together"].exists()

    assert not Resource.objects.filter(pk=draft.pk).exists()
    assert not files["draft"].exists()

    assert not Comment.objects.filter(body="Van de schrijver").exists()
    # Other members' comments stay with the items that stay.
    assert set(Comment.objects.values_list("body", flat=True)) == {
        "Van een lezer",
        "Lezer bij samen",
    }


def test_deleting_an_account_with_remove_items_removes_the_sole_author_items(
    client, writer, django_capture_on_commit_callbacks
):
    coauthor, reader, alone, together, draft, shared_draft, files = _authorship_world(writer)
    _delete_account(client, writer, True, django_capture_on_commit_callbacks)

    assert not Resource.objects.filter(pk__in=[alone.pk, draft.pk]).exists()
    assert not files["alone"].exists() and not files["draft"].exists()
    assert Attachment.objects.filter(resource=together).exists()
    assert files["together"].exists()
    assert list(Resource.objects.get(pk=together.pk).authors.all()) == [coauthor]
    assert Resource.objects.filter(pk=shared_draft.pk).exists()
    # Other members' comments on the removed items go with them (the item is gone);
    # their comments on items that stay are kept.
    assert list(Comment.objects.values_list("body", flat=True)) == ["Lezer bij samen"]


def test_erase_member_leaves_other_members_items_alone(writer):
    other = make_member("ander@example.org")
    theirs = make_resource("Van een ander", other)
    theirs_draft = make_resource("Concept van een ander", other, status=ResourceStatus.DRAFT)
    privacy.erase_member(writer, remove_items=True)
    assert Resource.objects.filter(pk__in=[theirs.pk, theirs_draft.pk]).count() == 2


# --- Home, profiles and contributions --------------------------------------------------


def test_the_home_page_lists_the_newest_public_items_only(client, writer):
    now = timezone.now()
    for number in range(6):
        make_resource(f"Openbaar {number}", writer, published_at=now - timedelta(days=number + 1))
    make_resource("Nieuwer ledenstuk", writer, visibility=Visibility.MEMBERS, published_at=now)
    make_resource("Nieuwer concept", writer, status=ResourceStatus.DRAFT)
    for user in [None, make_member("lezer@example.org")]:
        login(client, user)
        response = client.get(reverse("home"))
        assert [r.title for r in response.context["latest_items"]] == [
            f"Openbaar {number}" for number in range(4)
        ]
        content = response.content.decode()
        assert "Nieuwer ledenstuk" not in content and "Nieuwer concept" not in content


def test_a_members_profile_lists_the_items_the_viewer_may_see(client, writer):
    make_resource("Openbaar stuk", writer)
    make_resource("Ledenstuk", writer, visibility=Visibility.MEMBERS)
    make_resource("Geheim concept", writer, status=ResourceStatus.DRAFT)
    make_resource("Van een ander", make_member("ander@example.org"))
    profile_url = Profile.objects.get(user=writer).get_absolute_url()
    client.force_login(make_member("lezer@example.org"))
    response = client.get(profile_url)
    assert response.status_code == 200
    assert {r.title for r in response.context["items"]} == {"Openbaar stuk", "Ledenstuk"}
    assert "Geheim concept" not in response.content.decode()
    client.force_login(writer)
    own = {r.title for r in client.get(profile_url).context["items"]}
    assert own == {"Openbaar stuk", "Ledenstuk", "Geheim concept"}


def test_a_visitor_cannot_open_a_members_profile(client, writer):
    make_resource("Openbaar stuk", writer)
    assert is_login_redirect(client.get(Profile.objects.get(user=writer).get_absolute_url()))


def test_without_contributions_since_counts_items_and_comments():
    long_ago = timezone.now() - timedelta(days=120)
    since = timezone.now() - timedelta(days=30)
    wrote = make_member("schreef@example.org", approved_at=long_ago)
    commented = make_member("reageerde@example.org", approved_at=long_ago)
    drafted = make_member("concept@example.org", approved_at=long_ago)
    idle = make_member("niets@example.org", approved_at=long_ago)
    old_writer = make_member("oud@example.org", approved_at=long_ago)
    make_resource("Recent stuk", wrote)
    make_resource("Een concept", drafted, status=ResourceStatus.DRAFT)
    old_item = make_resource("Oud stuk", old_writer, created_at=long_ago)
    Comment.objects.create(resource=old_item, author=commented, body="Recent")
    Comment.objects.create(resource=old_item, author=old_writer, body="Oud", created_at=long_ago)
    quiet = Profile.objects.without_contributions_since(since)
    assert {profile.user for profile in quiet} == {idle, old_writer}


# --- Bad input to the resource form ----------------------------------------------------


TOO_LONG = "Zorg dat deze waarde niet meer dan {limit} tekens bevat (het zijn er nu {now})."

BAD_RESOURCE_INPUT = {
    "empty": (
        {"kind": "", "title": "", "summary": "", "body": ""},
        {
            "kind": "Kies wat voor soort item dit is.",
            "title": "Vul een titel in.",
            "summary": "Schrijf een korte samenvatting.",
            "body": "Schrijf de tekst van het item.",
        },
    ),
    "whitespace": (
        {"title": "   ", "summary": "\t\n", "body": "  \n "},
        {"title": "Vul een titel in.", "summary": "Schrijf een korte samenvatting."},
    ),
    "title 201": ({"title": "t" * 201}, {"title": TOO_LONG.format(limit=200, now=201)}),
    "summary 301": ({"summary": "s" * 301}, {"summary": TOO_LONG.format(limit=300, now=301)}),
    "body 100001": (
        {"body": "b" * 100_001},
        {"body": TOO_LONG.format(limit=100000, now=100001)},
    ),
    "13 tags": (
        {"tags": ", ".join(f"tag{number}" for number in range(13))},
        {"tags": "Gebruik hoogstens 12 tags."},
    ),
    "tag of 51": ({"tags": "buurt, " + "t" * 51}, {"tags": "Houd elke tag korter dan 50 tekens."}),
    "control characters only": (
        {"title": "\x01\x02\x1b"},
        {"title": "Gebruik alleen letters, cijfers en leestekens."},
    ),
    "null byte": ({"title": "Buurt\x00gesprek"}, {"title": "Null-tekens zijn niet toegestaan."}),
    "null byte in body": ({"body": "Tekst\x00"}, {"body": "Null-tekens zijn niet toegestaan."}),
    "unknown kind": ({"kind": "<script>"}, {"kind": None}),
    "unknown visibility": ({"visibility": "iedereen"}, {"visibility": None}),
    "unknown event": ({"event": "999999"}, {"event": None}),
    "event not a number": ({"event": "abc"}, {"event": None}),
    "11 coauthors": (
        {"coauthors": ", ".join(f"Naam {number}" for number in range(11))},
        {"coauthors": "Noem hoogstens 10 co-auteurs."},
    ),
}


@pytest.mark.parametrize("case", BAD_RESOURCE_INPUT)
@pytest.mark.parametrize("button", ["publish", "preview"])
def test_bad_input_to_the_resource_form_is_refused_and_nothing_saved(client, writer, case, button):
    overrides, expected = BAD_RESOURCE_INPUT[case]
    client.force_login(writer)
    response = client.post(reverse("knowledge:create"), resource_data(**overrides, **{button: "1"}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(expected) <= set(errors), errors
    for field, message in expected.items():
        if message is not None:
            assert message in errors[field], errors[field]
    content = response.content.decode()
    assert content.count('class="error-message"') >= len(expected)
    assert "<title>Fout:" in content
    assert Resource.objects.count() == 0


def test_bad_input_on_edit_keeps_what_was_saved(client, writer):
    resource = make_resource("Het stuk", writer, tags=["buurt"])
    client.force_login(writer)
    response = client.post(
        reverse("knowledge:edit", args=[resource.slug]),
        resource_data(title="", body="x" * 100_001, publish="1"),
    )
    assert response.status_code == 200
    resource.refresh_from_db()
    assert resource.title == "Het stuk"
    assert [tag.name for tag in resource.tags.all()] == ["buurt"]


def test_control_characters_in_a_title_are_folded_to_spaces(client, writer):
    client.force_login(writer)
    client.post(
        reverse("knowledge:create"),
        resource_data(title="Buurt\tgesprek\x07 in de\nwijk", summary="Kort\r\nen goed", draft="1"),
    )
    resource = Resource.objects.get()
    assert resource.title == "Buurt gesprek in de wijk"
    assert resource.summary == "Kort en goed"


def test_a_fifty_character_tag_and_twelve_tags_are_accepted(client, writer):
    client.force_login(writer)
    tags = ", ".join(["t" * 50, *(f"tag{number}" for number in range(11))])
    client.post(reverse("knowledge:create"), resource_data(tags=tags, draft="1"))
    assert Resource.objects.get().tags.count() == 12


def test_a_slug_taken_at_the_same_moment_gets_another_instead_of_an_error(member):
    from knowledge.sharing import _save_with_unique_slug

    taken = make_resource("Buurtkamer", member)
    late = Resource(
        kind=ResourceKind.CASE, title="Buurtkamer", slug=taken.slug, summary="S", body="B"
    )
    _save_with_unique_slug(late)
    assert late.pk is not None
    assert late.slug != taken.slug
    assert late.slug.startswith("buurtkamer")


def test_the_admin_refuses_a_reserved_address(member):
    from django.core.exceptions import ValidationError

    resource = make_resource("Gewoon", member)
    resource.slug = "nieuw"
    with pytest.raises(ValidationError):
        resource.full_clean()


def test_saving_an_item_loaded_before_its_tags_changed_keeps_it_findable_by_tag(client):
    resource = make_resource("Een werkvorm")
    stale = Resource.objects.get(pk=resource.pk)  # tags_text is still empty here
    resource.tags.add("jongerenwerk")
    stale.title = "Een betere werkvorm"
    stale.save()
    assert _search(client, "jongerenwerk") == ["Een betere werkvorm"]


@pytest.mark.parametrize(
    "number, expected_page",
    [("2", 2), ("", 1), ("x", 1), ("-3", 2), ("0", 2), ("3", 2), ("99999999999999999999999", 2)],
)
def test_library_pages_count_and_clamp_like_the_paginator(client, number, expected_page):
    for index in range(25):
        make_resource(f"Stuk {index:02d}", published_at=timezone.now() - timedelta(days=index))
    response = client.get(reverse("knowledge:library"), {"pagina": number, "soort": "tool"})
    assert response.status_code == 200
    titles = page_titles(response)
    if expected_page == 1:
        assert titles == [f"Stuk {index:02d}" for index in range(20)]
    else:
        assert titles == [f"Stuk {index:02d}" for index in range(20, 25)]
    assert "25 items gevonden" in response.content.decode()


# The orders a library list comes in: a search's rank, newest first, and a field.
LIBRARY_ORDERINGS = {
    "search": lambda resources: library_search.search(resources, "stuk wijk"),
    "newest first": lambda resources: resources.newest_first(),
    "title": lambda resources: resources.order_by("-title"),
    "the model's own": lambda resources: resources,
    "nothing found": lambda resources: library_search.search(resources, "onvindbaar"),
}


@pytest.mark.parametrize("ordering", list(LIBRARY_ORDERINGS))
def test_the_first_page_holds_the_ids_and_count_of_the_list_itself(ordering):
    now = timezone.now()
    for index in (step * 7 % 25 for step in range(25)):  # not made in any order tested
        title = f"Stuk {index:02d}" + (" over de wijk" if index % 4 == 0 else "")
        make_resource(title, published_at=now - timedelta(days=index), summary=f"Wijk {index}")
    # Drafts have no publication date: newest first puts them last on every database.
    for index in range(3):
        make_resource(f"Stuk concept {index}", status=ResourceStatus.DRAFT)
    resources = LIBRARY_ORDERINGS[ordering](Resource.objects.all())

    page = page_of_ids(resources, "1", 20)

    assert list(page.object_list) == list(resources.values_list("pk", flat=True)[:20])
    assert page.paginator.count == resources.count()
    assert page.paginator.num_pages == max(1, -(-resources.count() // 20))

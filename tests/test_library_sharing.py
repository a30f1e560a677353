"""Sharing an item in the library: the share page, preview, saving, publishing, co-authors and
slugs.
"""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from knowledge.models import Resource, ResourceKind, ResourceStatus, Visibility
from knowledge.outlines import outline_for
from knowledge.sharing import RESERVED_SLUGS
from members.models import MembershipStatus
from sessions_app.models import EventKind, EventStatus

from .factories import make_event, make_member, make_profile, make_resource, make_role, make_user
from .helpers import SCRIPT, is_login_redirect, media_files, pdf_upload, resource_data

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("kind", [ResourceKind.BACKGROUND, ResourceKind.REPORT])
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


def test_tool_form_asks_for_each_section_in_dutch(client, writer):
    client.force_login(writer)
    content = client.get(reverse("knowledge:create") + "?soort=tool").content.decode()
    assert ">Doel" in content
    assert ">Werkzame elementen" in content
    assert 'name="body"' not in content


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
    goal = f"Samen praten over de **wijk**.\n\n{SCRIPT}"
    response = client.post(
        reverse("knowledge:create"), resource_data(section_goal=goal, preview="1"), follow=False
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
        reverse("knowledge:create"), {**resource_data(preview="1"), "attachment": pdf_upload()}
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

"""The page of a tool or case: its sections with a table of contents, the external
recognition, and what link previews and search engines read (canonical, Open Graph,
JSON-LD); a query budget at two sizes."""

import json
import re
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from knowledge.models import Databank, Recognition, ResourceKind, ResourceStatus, Visibility

from .factories import make_comment, make_member, make_resource
from .helpers import admin_item_data, count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

TOOL_SECTIONS = {
    "problem": "Bewoners komen niet op avonden.",
    "target_group": "Bewoners van één straat.",
    "goal": "Samen een kwestie kiezen.",
    "approach": "1. Loop langs de deuren.\n2. Praat in de straat.\n3. Spreek een vervolg af.",
    "literature": "Boutellier & Boonstra (2009).",
}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def tool(author, **fields):
    fields.setdefault("sections", TOOL_SECTIONS)
    return make_resource("Het buurtgesprek", author, tags=["buurt"], **fields)


def page(client, resource) -> str:
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(content: str) -> dict:
    (found,) = JSON_LD.findall(content)
    return json.loads(found)


def test_a_tool_page_shows_the_sections_with_text_each_with_an_anchor(client, writer):
    content = page(client, tool(writer))
    for anchor, label in [
        ("probleem", "Probleem / aanleiding"),
        ("doelgroep", "Doelgroep"),
        ("doel", "Doel"),
        ("aanpak", "Aanpak"),
        ("literatuur", "Literatuur"),
    ]:
        assert f'<h2 id="{anchor}">{label}</h2>' in content
        assert f'<a href="#{anchor}">{label}</a>' in content
    assert "<li>Loop langs de deuren.</li>" in content
    assert "Werkzame elementen" not in content  # empty: neither section nor contents entry
    assert 'id="uitvoering"' not in content
    toc = content.index('id="toc-heading"')
    assert toc < content.index('<h2 id="probleem">') < content.index('<h2 id="literatuur">')
    assert 'id="cite-heading"' in content  # how to cite stays


def test_a_case_page_shows_its_sections(client, writer):
    case = make_resource(
        "Een buurtkamer",
        writer,
        kind=ResourceKind.CASE,
        sections={"situation": "Een leeg pand.", "lessons": "Laat los."},
    )
    content = page(client, case)
    assert '<h2 id="situatie">Situatie</h2>' in content
    assert '<h2 id="wat-we-leerden">Wat we leerden</h2>' in content
    assert 'id="wat-we-deden"' not in content


def test_a_background_page_keeps_its_single_text_and_no_contents(client, writer):
    background = make_resource(
        "Over Wenger", writer, kind=ResourceKind.BACKGROUND, body="## Leren\n\nSamen."
    )
    content = page(client, background)
    assert '<div class="prose resource__body" lang="nl"><h2>Leren</h2>' in content
    assert 'id="toc-heading"' not in content
    assert "application/ld+json" not in content


def test_an_authors_draft_page_says_what_is_missing_to_publish(client, writer):
    draft = tool(writer, status=ResourceStatus.DRAFT, sections={"approach": "Stappen."})
    client.force_login(writer)
    content = page(client, draft)
    assert "Voordat het gepubliceerd kan worden:" in content
    assert "Vul ‘Doelgroep’ in voordat je publiceert." in content


# --- External recognition ------------------------------------------------------------------


def test_a_recognition_is_shown_with_a_link_to_the_databank(client, writer):
    recognised = tool(writer)
    Recognition.objects.create(
        resource=recognised,
        databank=Databank.MOVISIE,
        level="Goed beschreven",
        recognised_on=date(2026, 3, 4),
        url="https://www.movisie.nl/interventie/buurtgesprek",
    )
    content = page(client, recognised)
    assert re.search(
        r'<a href="https://www.movisie.nl/interventie/buurtgesprek" rel="external">\s*'
        r"Erkend door Movisie, niveau Goed beschreven, 4 maart 2026\s*</a>",
        content,
    )


def test_another_databank_is_named_by_its_own_name(client, writer):
    recognised = tool(writer)
    Recognition.objects.create(
        resource=recognised,
        databank=Databank.OTHER,
        databank_name="Databank Effectieve sociale interventies",
        level="Effectief",
        recognised_on=date(2025, 11, 1),
        url="https://example.org/databank",
    )
    assert "Erkend door Databank Effectieve sociale interventies" in page(client, recognised)


def test_without_a_recognition_nothing_suggests_the_atelier_certifies_the_tool(client, writer):
    content = page(client, tool(writer)).lower()
    for word in ["erkend", "erkenning", "gecertificeerd", "keurmerk", "niveau", "goedgekeurd"]:
        assert word not in content


def test_the_coordinator_records_a_recognition_on_the_tools_admin_page(admin_client, writer):
    recognised = tool(writer)
    url = reverse("admin:knowledge_resource_change", args=[recognised.pk])
    assert "recognitions-TOTAL_FORMS" in admin_client.get(url).content.decode()
    data = {
        **admin_item_data(recognised),
        "recognitions-TOTAL_FORMS": "1",
        "recognitions-0-databank": Databank.NJI,
        "recognitions-0-databank_name": "",
        "recognitions-0-level": "Goed onderbouwd",
        "recognitions-0-recognised_on": "12-05-2026",
        "recognitions-0-url": "https://www.nji.nl/interventies/buurtgesprek",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Erkend door Nederlands Jeugdinstituut (NJi), niveau Goed onderbouwd" in page(
        admin_client, recognised
    )


def test_a_member_cannot_record_a_recognition(client, writer):
    recognised = tool(writer)
    client.force_login(writer)
    url = reverse("admin:knowledge_resource_change", args=[recognised.pk])
    assert client.get(url).status_code == 302  # to the admin's login
    assert (
        'name="recognitions'
        not in client.get(reverse("knowledge:edit", args=[recognised.slug])).content.decode()
    )


# --- Link previews and search engines -----------------------------------------------------


def test_a_public_tool_carries_canonical_open_graph_and_howto_json_ld(client, writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    shown = tool(writer, coauthors=[coauthor])
    content = page(client, shown)
    url = f"{settings.SITE_URL}/kennisbank/{shown.slug}/"
    assert f'<link rel="canonical" href="{url}">' in content
    assert f'<meta property="og:url" content="{url}">' in content
    assert '<meta property="og:type" content="article">' in content
    assert f'<meta property="og:image" content="{settings.SITE_URL}/static/' in content
    data = json_ld(content)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "HowTo"
    assert data["name"] == "Het buurtgesprek"
    assert data["url"] == url
    assert [author["name"] for author in data["author"]] == [
        writer.profile.display_name,
        "Ans de Vries",
    ]
    assert [step["text"] for step in data["step"]] == [
        "Loop langs de deuren.",
        "Praat in de straat.",
        "Spreek een vervolg af.",
    ]
    assert data["datePublished"].startswith(str(shown.published_at.year))
    assert "dateModified" in data
    assert "Het buurtgesprek" in data["citation"]
    assert url in data["citation"]
    assert "<i>" not in data["citation"]


def test_a_tool_without_a_numbered_list_has_its_approach_as_one_step(client, writer):
    shown = tool(writer, sections={**TOOL_SECTIONS, "approach": "Gewoon *langsgaan*."})
    assert [step["text"] for step in json_ld(page(client, shown))["step"]] == ["Gewoon langsgaan."]


def test_a_public_case_is_an_article(client, writer):
    case = make_resource(
        "Een buurtkamer",
        writer,
        kind=ResourceKind.CASE,
        sections={"situation": "Een leeg pand.", "what_we_did": "Sleutels verdeeld."},
    )
    data = json_ld(page(client, case))
    assert data["@type"] == "Article"
    assert data["headline"] == "Een buurtkamer"
    assert "Sleutels verdeeld." in data["articleBody"]


def test_hostile_text_cannot_close_the_json_ld_script(client, writer):
    shown = tool(writer, summary="</script><script>alert(1)</script>")
    content = page(client, shown)
    assert "</script><script>alert(1)" not in content
    assert json_ld(content)["description"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(
    "fields",
    [{"visibility": Visibility.MEMBERS}, {"status": ResourceStatus.DRAFT}],
    ids=["members only", "draft"],
)
def test_members_only_and_draft_items_carry_none_of_it(client, writer, fields):
    hidden = tool(writer, **fields)
    client.force_login(writer)
    content = page(client, hidden)
    assert "application/ld+json" not in content
    assert 'rel="canonical"' not in content
    assert "og:url" not in content
    assert '<meta name="robots" content="noindex">' in content


# --- What it costs --------------------------------------------------------------------------


def grow(author, start: int, count: int, shown) -> None:
    for n in range(start, start + count):
        other = make_resource(f"Werkvorm {n}", author, tags=["buurt"])
        make_comment(resource=shown, author=author, body=f"Reactie {n}")
        Recognition.objects.create(
            resource=shown,
            databank=Databank.NJI,
            level="Goed beschreven",
            recognised_on=date(2026, 1, 1),
            url=f"https://example.org/{n}",
        )
        other.tags.add(f"los{n}")


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_a_tool_page_costs_the_same_number_of_queries_at_two_sizes(client, writer, role):
    shown = tool(writer)
    if role == "member":
        client.force_login(make_member("kijker@example.org"))
    grow(writer, 0, 3, shown)
    small = count_queries(client, shown.get_absolute_url())
    grow(writer, 3, 22, shown)
    assert count_queries(client, shown.get_absolute_url()) == small


def test_the_json_ld_citation_reads_as_text_not_as_escaped_html(client, writer):
    # The citation is stored as HTML ("Bakker, N., &amp; Smit, J."); JSON-LD wants the text.
    tool = make_resource(
        "Een buurtgesprek",
        writer,
        coauthors=[make_member("jan@example.org", display_name="Jan Smit")],
    )
    citation = json_ld(page(client, tool))["citation"]
    assert " & Smit, J." in citation and "&amp;" not in citation


def test_a_recognition_dated_in_the_future_is_refused(admin_client, writer):
    recognised = tool(writer)
    url = reverse("admin:knowledge_resource_change", args=[recognised.pk])
    data = {
        **admin_item_data(recognised),
        "recognitions-TOTAL_FORMS": "1",
        "recognitions-0-databank": Databank.MOVISIE,
        "recognitions-0-level": "Goed beschreven",
        "recognitions-0-recognised_on": "01-01-2100",
        "recognitions-0-url": "https://www.movisie.nl/interventie/buurtgesprek",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "kan niet in de toekomst liggen" in response.content.decode()
    assert not Recognition.objects.exists()

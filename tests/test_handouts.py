"""Handouts: a tool or case as a print-ready PDF (knowledge/handouts.py), what it holds,
that it is rendered once per version, and who may download it.

The access of every role is in tests/test_access_matrix.py; the query budget of a stored
handout in tests/test_query_budgets.py.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation
from django.utils.timezone import localtime
from pypdf import PdfReader
from weasyprint.urls import URLFetcher

from knowledge import handouts
from knowledge.models import Handout, Resource, ResourceKind, ResourceStatus, Visibility

from .factories import make_coordinator, make_member, make_resource, make_role
from .helpers import login, media_files

pytestmark = pytest.mark.django_db

TOOL_SECTIONS = {
    "problem": "Bewoners voelen zich niet **gehoord** door de gemeente.",
    "target_group": "Opbouwwerkers en actieve bewoners van één straat.",
    "goal": "Signalen uit de straat op tafel krijgen bij beleid.",
    "approach": "1. Loop de straat rond.\n2. Nodig uit voor een keukentafelgesprek.",
    "literature": "",
}


@pytest.fixture
def render_count(monkeypatch):
    """How often a handout was rendered (the real rendering still runs)."""
    counted = {"renders": 0}
    render = handouts.render_handout

    def counting(*args, **kwargs):
        counted["renders"] += 1
        return render(*args, **kwargs)

    monkeypatch.setattr(handouts, "render_handout", counting)
    return counted


@pytest.fixture
def tool(writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    return make_resource(
        "Het straatgesprek",
        writer,
        coauthors=[coauthor],
        summary="Een werkvorm om signalen uit één straat op te halen.",
        sections=TOOL_SECTIONS,
    )


def download(client, resource: Resource):
    return client.get(reverse("knowledge:handout", args=[resource.slug]))


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_handout_holds_title_sections_authors_citation_version_and_address(client, tool):
    response = download(client, tool)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="het-straatgesprek.pdf"'
    text = pdf_text(response)
    assert "Het straatgesprek" in text
    assert "Een werkvorm om signalen uit één straat op te halen." in text
    assert "Doel Signalen uit de straat op tafel krijgen bij beleid." in text
    assert "Aanpak" in text and "Nodig uit voor een keukentafelgesprek." in text
    assert "Literatuur" not in text  # an empty section is left out
    assert "Door Noor Bakker, Ans de Vries" in text
    with translation.override("nl"):
        version_date = formats.date_format(localtime(tool.history.first().history_date), "j F Y")
    assert f"Versie van {version_date}" in text
    address = f"{settings.SITE_URL}/kennisbank/het-straatgesprek/"
    assert f"Bakker, N., & de Vries, A. ({tool.published_at:%Y}" in text
    assert address in text.replace(" ", "")


def test_the_handout_shows_the_address_as_a_qr_code(tool):
    html = handouts.handout_html(tool, tool.history.first())
    assert 'src="data:image/svg+xml' in html


def test_an_item_without_sections_prints_its_one_text(client, writer):
    item = make_resource("Oude werkvorm", writer, body="Een tekst van **voor** de secties.")
    assert "Een tekst van voor de secties." in pdf_text(download(client, item))


def test_a_second_download_renders_nothing_and_costs_two_queries(client, tool, render_count):
    first = b"".join(download(client, tool).streaming_content)
    assert render_count["renders"] == 1

    with CaptureQueriesContext(connection) as queries:
        second = b"".join(download(client, tool).streaming_content)

    assert render_count["renders"] == 1
    assert second == first
    assert len(queries) == 2  # the item, the stored handout of its latest version


def test_a_new_version_gets_a_new_handout_and_the_old_file_goes(
    client, tool, render_count, django_capture_on_commit_callbacks
):
    download(client, tool)
    old = Handout.objects.get()
    old_file = Path(settings.MEDIA_ROOT) / old.file.name
    tool.sections = {**TOOL_SECTIONS, "goal": "Een nieuw doel voor de straat."}
    tool.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert "Een nieuw doel voor de straat." in pdf_text(download(client, tool))

    assert render_count["renders"] == 2
    handout = Handout.objects.get()
    assert handout.version == tool.history.first() != old.version
    assert not old_file.exists()
    assert [path.name for path in media_files()] == [Path(handout.file.name).name]


def test_an_item_without_a_version_gets_one_dated_at_its_last_change(client, writer):
    item = make_resource("Geladen werkvorm", writer)
    item.history.all().delete()  # as a bulk loader leaves it

    assert download(client, item).status_code == 200

    version = item.history.get()
    assert version.history_date == Resource.objects.get(pk=item.pk).updated_at
    assert Handout.objects.get().version == version


def test_two_downloads_at_once_store_one_handout(tool):
    first = handouts.handout_for(tool)
    # The second found nothing stored yet, rendered too, and lost the race to store it.
    second = handouts.store_handout(tool)

    assert second == first
    assert Handout.objects.count() == 1
    assert len(media_files()) == 1


def test_the_file_is_stored_outside_any_public_address(client, tool):
    download(client, tool)
    name = Handout.objects.get().file.name
    assert client.get(f"{settings.MEDIA_URL}{name}").status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("visitor", 404), ("applicant", 404), ("member_public_events", 200), ("coordinator", 200)],
)
def test_a_members_only_handout_is_refused_to_who_may_not_read_the_item(
    client, writer, role, status
):
    item = make_resource("Voor leden", writer, visibility=Visibility.MEMBERS)
    login(client, make_role(role))
    assert download(client, item).status_code == status


def test_a_draft_handout_is_only_for_its_authors_and_the_coordinator(client, writer):
    draft = make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    for reader, status in [
        (make_member("ander@example.org"), 404),
        (writer, 200),
        (make_coordinator(), 200),
    ]:
        login(client, reader)
        assert download(client, draft).status_code == status


def test_only_tools_and_cases_have_a_handout(client, writer):
    case = make_resource("Een casus", writer, kind=ResourceKind.CASE)
    report = make_resource("Verslag", writer, kind=ResourceKind.REPORT)
    assert download(client, case).status_code == 200
    assert download(client, report).status_code == 404
    assert "Download als PDF" in client.get(case.get_absolute_url()).content.decode()
    assert "Download als PDF" not in client.get(report.get_absolute_url()).content.decode()


def test_the_renderer_fetches_nothing_but_what_the_page_embeds():
    with pytest.raises(ValueError, match="disallowed protocol"):
        handouts.EMBEDDED_ONLY("http://127.0.0.1:9/geheim.png")
    with pytest.raises(ValueError, match="disallowed protocol"):
        handouts.EMBEDDED_ONLY(f"file://{settings.BASE_DIR}/manage.py")


def test_a_renamed_author_is_printed_with_the_new_name(client, tool, writer):
    download(client, tool)
    writer.profile.display_name = "Noor Bakker-Jansen"
    writer.profile.save()
    assert "Door Noor Bakker-Jansen, Ans de Vries" in pdf_text(download(client, tool))


def test_a_deleted_account_leaves_no_stored_handout_with_its_name(client, tool, writer):
    download(client, tool)
    writer.delete()
    assert not Handout.objects.exists()
    assert "Noor Bakker" not in pdf_text(download(client, tool))


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '<img src="http://127.0.0.1:9/volg.png">',
    '<link rel="stylesheet" href="file:///etc/passwd">',
    "<style>@import url(http://127.0.0.1:9/x.css);</style>",
    "{{7*7}} {% debug %}",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_printed_as_text_and_fetches_nothing(client, writer, monkeypatch, payload):
    fetched = []

    class Spy(URLFetcher):
        def fetch(self, url, headers=None):
            fetched.append(url)
            return super().fetch(url, headers)

    monkeypatch.setattr(handouts, "EMBEDDED_ONLY", Spy(allowed_protocols={"data"}))
    item = make_resource(
        f"Werkvorm {payload}",
        writer,
        summary=payload,
        sections={**TOOL_SECTIONS, "goal": f"Doel: {payload}"},
    )

    response = download(client, item)

    assert response.status_code == 200
    assert payload in pdf_text(response)  # the title and summary, as typed
    assert [url[:5] for url in fetched] == ["data:"]  # the QR code only

"""A tool's handout prints its external recognitions as its page shows them ("Erkend door …,
niveau …, datum"), and a stored handout is made again when one is added, changed or
removed: they change without a new version of the tool (knowledge/handouts.py)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from knowledge.models import Databank, Handout, Recognition, ResourceKind

from .factories import complete_sections, make_resource

pytestmark = pytest.mark.django_db

LINE = "Erkend door Movisie, niveau Goed beschreven, 4 maart 2026"


@pytest.fixture
def tool(writer):
    return make_resource(
        "Het straatgesprek",
        writer,
        kind=ResourceKind.TOOL,
        sections=complete_sections(ResourceKind.TOOL, "Loop de straat rond."),
    )


def pdf_text(client, tool) -> str:
    response = client.get(reverse("knowledge:handout", args=[tool.slug]))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def recognise(tool, **fields) -> Recognition:
    return Recognition.objects.create(
        resource=tool,
        databank=Databank.MOVISIE,
        level="Goed beschreven",
        recognised_on=date(2026, 3, 4),
        url="https://www.movisie.nl/interventie/straatgesprek",
        **fields,
    )


def test_the_handout_prints_the_recognition_with_its_link(client, tool):
    recognise(tool)
    printed = pdf_text(client, tool)
    assert LINE in printed
    assert "https://www.movisie.nl/interventie/straatgesprek" in printed.replace(" ", "")


def test_a_stored_handout_is_made_again_when_a_recognition_is_added(client, tool):
    assert "Erkend" not in pdf_text(client, tool)
    assert Handout.objects.count() == 1
    recognise(tool)
    assert LINE in pdf_text(client, tool)


def test_a_stored_handout_is_made_again_when_a_recognition_changes_or_goes(client, tool):
    recognition = recognise(tool)
    assert LINE in pdf_text(client, tool)
    recognition.level = "Goed onderbouwd"
    recognition.save()
    assert "niveau Goed onderbouwd" in pdf_text(client, tool)
    recognition.delete()
    assert "Erkend" not in pdf_text(client, tool)


def test_another_tools_recognition_leaves_this_handout_alone(client, tool, writer):
    pdf_text(client, tool)
    stored = Handout.objects.get()
    other = make_resource(
        "Andere werkvorm",
        writer,
        kind=ResourceKind.TOOL,
        sections=complete_sections(ResourceKind.TOOL, "Iets anders."),
    )
    recognise(other)
    assert Handout.objects.get() == stored

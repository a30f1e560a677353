"""Bad input to the library's item form and the admin: refused with a Dutch message, nothing
saved.
"""

import pytest
from django.urls import reverse

from knowledge.models import Resource, ResourceKind

from .factories import make_resource
from .helpers import resource_data, search_titles

pytestmark = pytest.mark.django_db


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
        {"kind": "background", "body": "b" * 100_001},
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
    "null byte in body": (
        {"kind": "background", "body": "Tekst\x00"},
        {"body": "Null-tekens zijn niet toegestaan."},
    ),
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
    assert search_titles(client, "jongerenwerk") == ["Een betere werkvorm"]

"""An answered question becomes a library item (issue 15, item 7; questions/into_library.py):
the item form opens filled in from the question, the answerers are asked to be co-author,
and the question and the item link to each other."""

import pytest
from django.core import mail
from django.urls import reverse

from knowledge.models import AuthorshipStatus, Resource, ResourceStatus, Visibility
from questions import into_library
from questions.library_forms import LibraryItemFromQuestionForm
from questions.models import QuestionStatus

from .factories import make_answer, make_coordinator, make_member, make_question
from .helpers import SCRIPT
from .test_questions_meetings import render_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker(db):
    return make_member("asker@example.org", display_name="Sanne Hendriks")


@pytest.fixture
def answerer(db):
    return make_member("antwoorder@example.org", display_name="Ahmed Ouali")


@pytest.fixture
def other_answerer(db):
    return make_member("tweede@example.org", display_name="Gerda Moonen")


@pytest.fixture
def question(asker, answerer, other_answerer):
    question = make_question(
        asker,
        title="Hoe houd ik de signaalfunctie overeind?",
        slug="signaalfunctie",
        body="De gemeente financiert alleen **individuele** hulp.",
        tags=["signaleren", "gemeente"],
    )
    make_answer(question, other_answerer, "Bespreek het in het wijkteam.")
    helped = make_answer(question, answerer, "Houd een signalenlogboek bij.")
    question.helped_answer = helped
    question.save()
    return question


def url(question) -> str:
    return reverse("questions:to_library", args=[question.slug])


def item_data(button: str = "publish", **overrides) -> dict:
    data = {
        "kind": "background",  # a tool needs its sections first (test_tools_structure_form)
        "title": "Het signalenlogboek",
        "summary": "Signalen verzamelen en bespreken.",
        "body": "## Doel\n\nSignalen bewaren.",
        "tags": "signaleren, gemeente",
        "visibility": Visibility.MEMBERS,
        "coauthors": "Ahmed Ouali, Gerda Moonen",
        button: "1",
    }
    return {**data, **overrides}


def test_the_form_opens_filled_in_from_the_question(client, question, asker):
    client.force_login(asker)
    response = client.get(url(question))
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["title"] == "Hoe houd ik de signaalfunctie overeind?"
    assert initial["summary"] == "De gemeente financiert alleen individuele hulp."
    assert "De gemeente financiert alleen **individuele** hulp." in initial["body"]
    assert "Houd een signalenlogboek bij." in initial["body"]
    assert "Van Ahmed Ouali:" in initial["body"]
    assert "## Het antwoord dat hielp" in initial["body"]
    assert "Met dank aan Gerda Moonen, die ook antwoordde." in initial["body"]
    assert initial["tags"] == "gemeente, signaleren"
    assert initial["visibility"] == Visibility.MEMBERS
    assert initial["coauthors"] == "Gerda Moonen, Ahmed Ouali"
    page = response.content.decode()
    assert "Uit de vraag" in page
    assert "?</a>”." not in page and "?</a>." not in page  # no full stop after the question mark
    assert 'value="report"' not in page  # a report is written about a meeting


def test_two_other_answerers_are_thanked_in_the_plural(question, asker):
    make_answer(question, make_member("derde@example.org", display_name="Thijs Geurts"), "Ja.")
    initial = into_library.initial_for(question, asker)
    assert "Met dank aan Gerda Moonen, Thijs Geurts, die ook antwoordden." in initial["body"]


def test_the_one_who_turns_it_is_not_proposed_as_co_author(question, answerer):
    initial = into_library.initial_for(question, answerer)
    assert initial["coauthors"] == "Gerda Moonen"


def test_saving_makes_the_item_links_the_question_and_asks_the_answerers(
    client, question, asker, answerer, other_answerer
):
    client.force_login(asker)
    response = client.post(url(question), item_data())
    item = Resource.objects.get(title="Het signalenlogboek")
    assert response.status_code == 302
    assert response.url == item.get_absolute_url()
    question.refresh_from_db()
    assert question.library_item == item
    assert item.is_published
    assert item.ordered_authors() == [asker]  # the others once they agree
    asked = {a.user: a.status for a in item.authorships.exclude(user=asker)}
    assert asked == {answerer: AuthorshipStatus.PENDING, other_answerer: AuthorshipStatus.PENDING}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "antwoorder@example.org",
        "tweede@example.org",
    ]
    assert sorted(tag.name for tag in item.tags.all()) == ["gemeente", "signaleren"]


def test_the_item_links_to_the_question_and_the_question_to_the_item(client, question, asker):
    client.force_login(asker)
    client.post(url(question), item_data())
    question.refresh_from_db()
    item_page = client.get(question.library_item.get_absolute_url()).content.decode()
    assert "Uit de vraag" in item_page
    assert question.get_absolute_url() in item_page
    html = render_links(question, asker)
    assert question.library_item.get_absolute_url() in html
    assert url(question) not in html  # not twice


def test_a_draft_item_is_not_shown_to_readers_who_may_not_see_it(client, question, asker):
    client.force_login(asker)
    client.post(url(question), item_data("draft"))
    question.refresh_from_db()
    assert question.library_item.status == ResourceStatus.DRAFT
    assert question.library_item.get_absolute_url() in render_links(question, asker)
    assert question.library_item.get_absolute_url() not in render_links(question, make_member())


def test_a_preview_saves_nothing(client, question, asker):
    client.force_login(asker)
    response = client.post(url(question), item_data("preview"))
    assert response.status_code == 200
    assert "Voorbeeld" in response.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.parametrize("who", ["asker", "answerer", "coordinator"])
def test_the_asker_an_answerer_and_the_coordinator_may(client, question, asker, answerer, who):
    user = {"asker": asker, "answerer": answerer, "coordinator": None}[who] or make_coordinator()
    client.force_login(user)
    assert client.get(url(question)).status_code == 200
    assert url(question) in render_links(question, user)


def test_another_member_is_refused_with_a_reason(client, question):
    other = make_member("ander@example.org")
    client.force_login(other)
    response = client.post(url(question), item_data())
    assert response.status_code == 403
    assert "Alleen wie de vraag stelde" in response.content.decode()
    assert not Resource.objects.exists()
    assert url(question) not in render_links(question, other)


def test_an_unanswered_question_is_refused(client, asker):
    question = make_question(asker, slug="open-vraag")
    make_answer(question, make_member("lid@example.org"))
    client.force_login(asker)
    response = client.get(url(question))
    assert response.status_code == 403
    assert "markeer eerst het antwoord dat hielp" in response.content.decode()
    assert url(question) not in render_links(question, asker)


def test_a_question_that_is_an_item_already_is_refused(client, question, asker):
    client.force_login(asker)
    client.post(url(question), item_data())
    response = client.post(url(question), item_data(title="Nog een"))
    assert response.status_code == 403
    assert "Deze vraag is al een kennisbankitem." in response.content.decode()
    assert Resource.objects.count() == 1


def test_a_second_save_at_the_same_moment_makes_no_second_item(client, question, asker):
    """The form was opened by two people; the question is linked between their saves."""
    client.force_login(asker)
    client.post(url(question), item_data())
    question.refresh_from_db()
    question.library_item = None  # as seen by the second person, who opened the form before
    with pytest.raises(into_library.IntoLibraryError):
        form = _valid_form(asker)
        into_library.save_item(question, form, asker, publish=True)
    assert Resource.objects.count() == 1


def _valid_form(author):
    form = LibraryItemFromQuestionForm(item_data(coauthors=""), author=author)
    assert form.is_valid(), form.errors
    return form


def test_a_visitor_goes_to_the_login_page_and_a_hidden_question_is_404(client, question):
    assert client.get(url(question)).status_code == 302
    draft = make_question(slug="concept", status=QuestionStatus.DRAFT)
    client.force_login(make_member("ander@example.org"))
    assert client.get(url(draft)).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Vul een titel in."),
        ({"kind": ""}, "kind", "Kies wat voor soort item dit is."),
        ({"kind": "report"}, "kind", "Kies een praktijkcasus, een tool of achtergrond."),
        ({"kind": SCRIPT}, "kind", "Kies een praktijkcasus, een tool of achtergrond."),
        ({"title": "x" * 100_000}, "title", "200"),
        ({"body": "x" * 100_001}, "body", "100000"),
        ({"summary": "Regel\x00"}, "summary", "Null-tekens"),
        ({"coauthors": "Niemand Bekend"}, "coauthors", "Niemand Bekend"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(client, question, asker, overrides, field, message):
    client.force_login(asker)
    response = client.post(url(question), item_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert "<title>Fout:" in response.content.decode()
    assert not Resource.objects.exists()
    question.refresh_from_db()
    assert question.library_item is None


def test_hostile_text_is_stored_harmless(client, question, asker):
    client.force_login(asker)
    client.post(url(question), item_data(title=f"Titel {SCRIPT}", body=f"Tekst {SCRIPT}"))
    item = Resource.objects.get()
    assert "<script>" not in item.body_html
    assert SCRIPT not in client.get(item.get_absolute_url()).content.decode()


def test_the_question_page_offers_it_and_then_links_to_the_item(client, question, asker):
    client.force_login(asker)
    page = client.get(question.get_absolute_url()).content.decode()
    assert f'href="{url(question)}"' in page
    client.post(url(question), item_data())
    question.refresh_from_db()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Deze vraag werd een kennisbankitem:" in page
    assert question.library_item.get_absolute_url() in page
    assert f'href="{url(question)}"' not in page

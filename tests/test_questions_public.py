"""Public questions outside the site: schema.org QAPage JSON-LD and Open Graph on the
question page, and the Atom feed of public questions."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Visibility
from questions import answering
from questions.models import QuestionStatus

from .factories import make_coordinator, make_member, make_question
from .helpers import ATOM, SCRIPT, content

pytestmark = pytest.mark.django_db


def json_ld(page: str) -> list:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def asker(db):
    return make_member("vrager@example.org", display_name="Fatima Bakker")


@pytest.fixture
def public_question(asker):
    return make_question(
        asker,
        title="Hoe betrek ik jongeren?",
        body="In onze wijk doen **jongeren** niet mee.",
        visibility=Visibility.PUBLIC,
    )


def answer(question, email, body):
    return answering.add_answer(question, make_member(email, display_name=email[:4]), body)


def test_a_public_question_is_a_qa_page_with_the_answer_that_helped_accepted(
    client, asker, public_question
):
    first = answer(public_question, "joost@example.org", "Ga naar de *sportclub*.")
    answer(public_question, "anne@example.org", "Vraag het jongerenwerk.")
    hidden = answer(public_question, "piet@example.org", "Verborgen antwoord.")
    answering.set_hidden(hidden, True)
    answering.mark_helped(public_question, first, asker)
    client.force_login(make_coordinator())  # who sees hidden answers on the page itself
    [data] = json_ld(content(client.get(public_question.get_absolute_url())))
    url = settings.SITE_URL + public_question.get_absolute_url()
    assert data["@context"] == "https://schema.org" and data["@type"] == "QAPage"
    main = data["mainEntity"]
    assert main["@type"] == "Question"
    assert main["name"] == "Hoe betrek ik jongeren?"
    assert main["text"] == "In onze wijk doen jongeren niet mee."
    assert main["answerCount"] == 2
    assert main["author"] == {"@type": "Person", "name": "Fatima Bakker"}
    assert main["acceptedAnswer"]["text"] == "Ga naar de sportclub."
    assert main["acceptedAnswer"]["url"] == f"{url}#antwoord-{first.pk}"
    assert [each["text"] for each in main["suggestedAnswer"]] == ["Vraag het jongerenwerk."]
    assert "Verborgen antwoord." not in json.dumps(data)


def test_without_the_answer_that_helped_all_answers_are_suggested(client, public_question):
    answer(public_question, "joost@example.org", "Eerste.")
    [data] = json_ld(content(client.get(public_question.get_absolute_url())))
    assert "acceptedAnswer" not in data["mainEntity"]
    assert [each["text"] for each in data["mainEntity"]["suggestedAnswer"]] == ["Eerste."]


def test_a_public_question_has_open_graph_tags(client, public_question):
    page = content(client.get(public_question.get_absolute_url()))
    url = settings.SITE_URL + public_question.get_absolute_url()
    assert '<meta property="og:title" content="Hoe betrek ik jongeren?">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:description" content="In onze wijk doen jongeren niet mee.">' in page
    assert '<meta property="og:type" content="article">' in page


def test_a_members_question_has_neither_json_ld_nor_open_graph(client, asker):
    question = make_question(asker, title="Ledenvraag")
    client.force_login(make_member("lid@example.org"))
    page = content(client.get(question.get_absolute_url()))
    assert "application/ld+json" not in page
    assert "og:title" not in page
    assert '<meta name="robots" content="noindex">' in page


def test_json_ld_cannot_be_closed_by_what_members_write(client, asker):
    question = make_question(
        asker, title=f"Vraag {SCRIPT}</script>", body=SCRIPT, visibility=Visibility.PUBLIC
    )
    answer(question, "joost@example.org", f"</script>{SCRIPT}")
    page = content(client.get(question.get_absolute_url()))
    assert "<script>alert" not in page
    [data] = json_ld(page)
    assert data["mainEntity"]["name"] == f"Vraag {SCRIPT}</script>"


def test_the_feed_lists_public_published_questions_newest_activity_first(client, asker):
    now = timezone.now()
    for number in range(32):
        moment = now - timedelta(hours=number)
        make_question(
            asker,
            title=f"Vraag {number:02d}",
            visibility=Visibility.PUBLIC,
            published_at=moment,
            last_activity_at=moment,
            tags=["jongeren"],
        )
    make_question(asker, title="Ledenvraag", published_at=now, last_activity_at=now)
    make_question(asker, title="Concept", visibility=Visibility.PUBLIC, status=QuestionStatus.DRAFT)
    client.force_login(make_coordinator())  # even for the coordinator
    response = client.get(reverse("questions:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = list(root.iter(f"{ATOM}entry"))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        f"Vraag {number:02d}" for number in range(30)
    ]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").startswith(settings.SITE_URL + "/vragen/")
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Fatima Bakker"
    assert first.find(f"{ATOM}category").get("term") == "jongeren"
    summary = first.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == "In onze wijk financiert de gemeente alleen nog individuele hulp."


def test_the_list_links_to_the_feed(client):
    page = content(client.get(reverse("questions:list")))
    assert 'type="application/atom+xml"' in page and reverse("questions:feed") in page

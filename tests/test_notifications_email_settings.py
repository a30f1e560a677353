"""/profiel/meldingen/: per kind of news how often (at once, daily, weekly, never), the
defaults of the member's level marked, the language of their e-mails and the e-mails
switched on the profile; refused input gets a Dutch message and saves nothing. The
site's language switch also sets the language of a member's e-mails."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from members.models import ParticipationLevel, Profile
from notifications.models import Frequency, Kind, NotificationSetting
from notifications.preferences import frequencies_of

from .factories import make_coordinator, make_member
from .helpers import SCRIPT, email_settings_data, text
from .test_hostile_input import HOSTILE, assert_never_500, choice, fresh_client

pytestmark = pytest.mark.django_db

URL = "/profiel/meldingen/"


@pytest.fixture
def member():
    return make_member("sanne@example.org", ParticipationLevel.PUBLIC_EVENTS)


def stored(user) -> dict[str, str]:
    return dict(NotificationSetting.objects.filter(user=user).values_list("kind", "frequency"))


def profile_state(user) -> tuple:
    profile = Profile.objects.get(user=user)
    return (
        profile.language,
        profile.notify_on_comments,
        profile.notify_on_answers,
        profile.follow_up_emails,
    )


def test_the_address_is_the_settings_page():
    assert reverse("members:email_settings") == URL


def test_the_page_offers_each_kind_with_the_levels_default_marked(client, member):
    client.force_login(member)
    page = text(client.get(URL))
    assert "Nieuwe items in de kennisbank" in page
    assert "In een wekelijks overzicht (standaard)" in page  # items: weekly for this level
    assert (
        "Nooit, ook niet op de site (standaard)" in page
    )  # questions and the rest: never for this level
    assert "Taal van mijn e-mails" in page
    assert "Mail mij over reacties en gebruikservaringen bij mijn kennisbankitems" in page


def test_upcoming_events_cannot_come_at_once(client, member):
    client.force_login(member)
    form = client.get(URL).context["form"]
    assert Frequency.IMMEDIATELY not in dict(form.fields[Kind.EVENTS].choices)
    assert Frequency.IMMEDIATELY in dict(form.fields[Kind.ANSWERS].choices)
    response = client.post(URL, email_settings_data(member.profile, events="immediately"))
    assert response.status_code == 200
    assert stored(member) == {}


def test_saving_stores_only_what_differs_from_the_default(client, member):
    client.force_login(member)
    data = email_settings_data(
        member.profile, answers="immediately", comments="daily", language="en", follow_up_emails=""
    )
    response = client.post(URL, data)

    assert response.status_code == 302 and response.url == URL
    assert stored(member) == {"answers": "immediately", "comments": "daily"}
    assert profile_state(member) == ("en", True, True, False)
    assert "Je e-mailinstellingen zijn opgeslagen." in text(client.get(URL))


def test_choosing_the_default_again_removes_the_choice(client, member):
    client.force_login(member)
    client.post(URL, email_settings_data(member.profile, answers="daily"))
    client.post(URL, email_settings_data(member.profile, answers="never"))
    assert stored(member) == {}
    assert frequencies_of(member)["answers"] == "never"


def test_a_member_who_changes_level_gets_the_new_defaults_for_what_they_left_alone(member):
    Profile.objects.filter(user=member).update(participation_level=ParticipationLevel.MEETINGS)
    member.refresh_from_db()
    assert frequencies_of(member) == dict.fromkeys(Kind.values, Frequency.WEEKLY)


def test_the_coordinator_without_a_profile_chooses_frequencies_only(client):
    coordinator = make_coordinator()
    client.force_login(coordinator)
    form = client.get(URL).context["form"]
    assert "language" not in form.fields and set(Kind.values) <= set(form.fields)
    response = client.post(URL, {**dict.fromkeys(Kind.values, "weekly"), "items": "daily"})
    assert response.status_code == 302
    assert stored(coordinator) == {"items": "daily"}


@pytest.mark.parametrize(
    "changes",
    [
        {"items": ""},
        {"items": "sometimes"},
        {"questions": SCRIPT},
        {"comments": "x" * 100_000},
        {"language": "de"},
        {"language": ""},
        {"stories": "weekly' OR 1=1 --"},
    ],
    ids=["empty", "wrong", "hostile", "100 KB", "unknown language", "no language", "sql"],
)
def test_refused_input_gets_a_dutch_message_and_saves_nothing(client, member, changes):
    client.force_login(member)
    before = profile_state(member)
    data = email_settings_data(member.profile, answers="daily", follow_up_emails="", **changes)
    response = client.post(URL, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Fout:" in page and 'class="error-summary"' in page
    assert "Kies een van de mogelijkheden." not in page
    assert SCRIPT not in page and "x" * 1000 not in page
    assert stored(member) == {} and profile_state(member) == before


def test_each_message_in_the_error_summary_names_its_field(client, member):
    client.force_login(member)
    response = client.post(URL, {"items": "sometimes"})

    summary = response.content.decode().split('class="error-summary"')[1].split("</ul>")[0]
    assert "Kies hoe vaak je hoort van nieuwe vragen." in summary
    assert "Kies hoe vaak je hoort van nieuwe items in de kennisbank." in summary
    assert "Kies de taal van je e-mails." in summary
    assert summary.count("Kies hoe vaak je hoort van") == len(Kind.values)


def test_an_empty_post_saves_nothing(client, member):
    client.force_login(member)
    response = client.post(URL, {})
    assert response.status_code == 200 and stored(member) == {}


@HOSTILE
@given(
    data=st.fixed_dictionaries(
        {
            **{kind: choice(*Frequency.values) for kind in Kind.values},
            "language": choice("nl", "en"),
            "notify_on_comments": choice("on", ""),
        }
    )
)
def test_hostile_settings(member, data):
    before = (stored(member), profile_state(member))
    response = fresh_client(member).post(URL, data)
    assert_never_500(response)
    if response.status_code != 302:
        assert response.status_code == 200
        assert "Er is een probleem" in response.content.decode()
        assert (stored(member), profile_state(member)) == before
    NotificationSetting.objects.filter(user=member).delete()


def test_the_profile_page_links_here(client, member):
    client.force_login(member)
    assert f'href="{URL}"' in client.get(reverse("members:my_profile")).content.decode()


def test_the_language_switch_sets_a_members_email_language(client, member):
    client.force_login(member)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert Profile.objects.get(user=member).language == "en"
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert Profile.objects.get(user=member).language == "nl"


def test_the_language_switch_still_works_for_visitors_and_refuses_unknown_languages(member):
    visitor = Client()
    assert visitor.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert visitor.cookies["django_language"].value == "en"
    signed_in = Client()
    signed_in.force_login(member)
    signed_in.post(reverse("set_language"), {"language": "xx"})
    assert Profile.objects.get(user=member).language == "nl"

"""Bad input in the form "Ik heb dit gebruikt": empty, wrong dates (in the future, too long
ago, unreadable), huge (100 KB) and hostile values get a clear Dutch message next to the
field, save nothing and never cause a 500; what is saved is shown as text, never run."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from knowledge.models import Uptake

from .factories import make_item, make_member, make_uptake
from .helpers import NULL_CHARACTERS, SCRIPT, assert_form_error_page
from .test_hostile_input import (
    HOSTILE,
    assert_never_500,
    assert_refused_clearly,
    choice,
    field,
    fresh_client,
    is_clean_line,
)
from .test_tools_uptake_recording import experience_data

pytestmark = pytest.mark.django_db

HUGE = "ä" * 100_001
EMPTY_WHEN = "Vul in wanneer je het gebruikte."
EMPTY_WHERE = "Vul in waar je het gebruikte."
EMPTY_WITH_WHOM = "Vul in met wie je het gebruikte."
EMPTY_WHAT = "Beschrijf wat er gebeurde."
UNREADABLE = "Vul een datum in als dag-maand-jaar, bijvoorbeeld 14-03-2026."
LINE_TOO_LONG = "Houd dit korter dan 200 tekens."
TEXT_TOO_LONG = "Houd dit korter dan 5.000 tekens."


@pytest.fixture
def member(db):
    return make_member("gebruiker@example.org")


@pytest.fixture
def tool(db):
    return make_item("de-buurtkaart", make_member("auteur@example.org"))


def tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "messages"),
    [
        (
            {"used_on": "", "place": "", "group": "", "what_happened": ""},
            [EMPTY_WHEN, EMPTY_WHERE, EMPTY_WITH_WHOM, EMPTY_WHAT],
        ),
        (
            {"used_on": " ", "place": "  ", "group": "\t", "what_happened": " \n "},
            [UNREADABLE, EMPTY_WHERE, EMPTY_WITH_WHOM, EMPTY_WHAT],
        ),
        # The function, called when the test runs: a date worked out when the tests are
        # collected is today by then if midnight (Amsterdam) falls in between.
        ({"used_on": tomorrow}, ["De datum kan niet in de toekomst liggen."]),
        ({"used_on": "1979-12-31"}, ["Vul een datum na 1 januari 1980 in."]),
        ({"used_on": "gisteren"}, [UNREADABLE]),
        ({"used_on": "31-02-2026"}, [UNREADABLE]),
        ({"used_on": "2026-13-01"}, [UNREADABLE]),
        ({"used_on": "99999-01-01"}, [UNREADABLE]),
        ({"used_on": "0000-00-00"}, [UNREADABLE]),
        ({"used_on": HUGE}, [UNREADABLE]),
        ({"used_on": SCRIPT}, [UNREADABLE]),
        ({"place": HUGE}, [LINE_TOO_LONG]),
        ({"group": HUGE}, [LINE_TOO_LONG]),
        ({"organisation": HUGE}, [LINE_TOO_LONG]),
        ({"what_happened": HUGE}, [TEXT_TOO_LONG]),
        ({"what_to_change": HUGE}, [TEXT_TOO_LONG]),
        ({"place": "Heerlen\x00"}, [NULL_CHARACTERS]),
        ({"what_happened": "Goed\x00"}, [NULL_CHARACTERS]),
        ({"group": "\u202e\u200b"}, ["Gebruik alleen letters, cijfers en leestekens."]),
    ],
)
def test_the_form_refuses_bad_input_clearly(client, member, tool, overrides, messages):
    client.force_login(member)
    url = reverse("knowledge:record_uptake", args=[tool.slug])
    values = {name: value() if callable(value) else value for name, value in overrides.items()}
    response = client.post(url, experience_data(**values))
    assert_form_error_page(response, *messages)
    assert not Uptake.objects.exists()


@pytest.mark.parametrize("used_on", ["14-03-2026", "14/03/2026", "2026-03-14"])
def test_a_date_typed_the_dutch_way_is_read_too(client, member, tool, used_on):
    client.force_login(member)
    url = reverse("knowledge:record_uptake", args=[tool.slug])
    assert client.post(url, experience_data(used_on=used_on)).status_code == 302
    assert Uptake.objects.get().used_on.isoformat() == "2026-03-14"


def test_a_refused_change_keeps_the_experience_as_it_was(client, member, tool):
    account = make_uptake(tool, member, place="Zoals het was")
    client.force_login(member)
    url = reverse("knowledge:edit_uptake", args=[tool.slug, account.pk])
    response = client.post(url, experience_data(place="Ergens anders", used_on=tomorrow()))
    assert_form_error_page(response, "De datum kan niet in de toekomst liggen.")
    account.refresh_from_db()
    assert account.place == "Zoals het was"


def test_what_a_writer_typed_is_shown_as_text(client, member, tool):
    make_uptake(tool, member, place=SCRIPT, group=SCRIPT, what_happened=f"**Vet** {SCRIPT}")
    client.force_login(member)
    for url in (
        tool.get_absolute_url(),
        reverse("knowledge:uptake_list", args=[tool.slug]),
        Uptake.objects.get().get_absolute_url(),
    ):
        content = client.get(url).content.decode()
        assert SCRIPT not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


EXPERIENCE_FIELDS = {
    "used_on": choice("2026-03-14", "14-03-2026"),
    "organisation": field("Welzijn Heerlen"),
    "place": field("Heerlen-Noord"),
    "group": field("bewoners van de Schandelerstraat"),
    "what_happened": field("We liepen met acht bewoners de straat door."),
    "what_to_change": field("Een kortere route."),
    "is_public": choice("on", ""),
}


@HOSTILE
@given(data=st.fixed_dictionaries(EXPERIENCE_FIELDS))
def test_the_form_takes_anything(member, tool, data):
    url = reverse("knowledge:record_uptake", args=[tool.slug])
    response = fresh_client(member).post(url, data)
    assert_never_500(response)
    if response.status_code == 302:
        account = Uptake.objects.get()
        assert is_clean_line(account.place) and is_clean_line(account.group)
        assert account.organisation == "" or is_clean_line(account.organisation)
        assert account.what_happened == account.what_happened.strip() != ""
        assert "\x00" not in account.what_happened + account.what_to_change
        account.delete()
    else:
        assert_refused_clearly(response)
        assert not Uptake.objects.exists()

"""The page "Mijn atelier" (/mijn/) as a member, an applicant, a paused or ended member and the
coordinator see it: each block a few lines and a link to its full list; only what the
reader may see; where a membership stands for whoever is not an active member."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from atelier.models import SiteSettings
from knowledge.models import ResourceKind, ResourceStatus, Visibility
from members.models import MembershipStatus, Profile
from notifications.models import Kind, Notification
from portal.my_atelier import (
    CONTRIBUTIONS_SHOWN,
    NEWS_SHOWN,
    OPEN_IN_MY_EXPERTISE,
    QUESTIONS_SHOWN,
    REGISTRATIONS_SHOWN,
)
from sessions_app.models import Registration, RegistrationStatus
from value.links import story_form_address

from .factories import (
    make_answer,
    make_applicant,
    make_comment,
    make_coordinator,
    make_event,
    make_item,
    make_member,
    make_profile,
    make_question,
    make_registration,
    make_story,
    make_uptake,
    make_user,
)
from .helpers import SCRIPT, content, count_queries, is_login_redirect, text

pytestmark = pytest.mark.django_db

MY_ATELIER = "/mijn/"


@pytest.fixture
def kim():
    user = make_member("kim@example.org", display_name="Kim Kijker")
    user.profile.expertise.add("buurtwerk")
    return user


def visit(client, user):
    client.force_login(user)
    response = client.get(MY_ATELIER)
    assert response.status_code == 200
    return response


def news(user, target, kind=Kind.ITEMS, **fields) -> Notification:
    return Notification.objects.create(user=user, kind=kind, target=target, **fields)


def came_back_after(user, days: int) -> None:
    """As if the member's last visit to the page began `days` days ago."""
    Profile.objects.filter(user=user).update(visit_started_at=timezone.now() - timedelta(days=days))


# --- Who gets what ------------------------------------------------------------------------------


def test_the_address_is_mijn():
    assert reverse("my_atelier") == MY_ATELIER


def test_a_visitor_goes_to_the_login_page(client):
    assert is_login_redirect(client.get(MY_ATELIER))


def test_an_account_that_never_applied_goes_to_the_application(client):
    client.force_login(make_user("nieuw@example.org"))

    assert client.get(MY_ATELIER).url == reverse("members:apply")


def test_the_page_is_personal_kept_by_no_cache(client, kim):
    assert visit(client, kim)["Cache-Control"] == "private, no-store"


def test_the_coordinator_without_a_profile_sees_the_blocks(client):
    response = visit(client, make_coordinator())

    assert "Mijn volgende aanmeldingen" in text(response)
    assert "Alles wat ik heb gedeeld, op mijn profiel" not in text(response)


# --- My next registrations ---------------------------------------------------------------------


def test_next_registrations_soonest_first_with_the_place_on_the_waiting_list(client, kim):
    first = make_event("eerste", days_ahead=2)
    full = make_event("vol", days_ahead=5, capacity=1)
    make_registration(full, make_member("zit@example.org"))
    now = timezone.now()
    make_registration(
        full,
        make_member("wacht@example.org"),
        RegistrationStatus.WAITLISTED,
        waitlisted_at=now - timedelta(hours=1),
    )
    make_registration(full, kim, RegistrationStatus.WAITLISTED, waitlisted_at=now)
    make_registration(first, kim)
    make_registration(make_event("voorbij", days_ahead=-3), kim)
    make_registration(make_event("afgemeld", days_ahead=1), kim, RegistrationStatus.CANCELLED)

    response = visit(client, kim)

    assert [r.event.slug for r in response.context["registrations"]] == ["eerste", "vol"]
    page = text(response)
    assert "op de wachtlijst, nummer 2" in page
    assert "Aangemeld" in page
    assert f'href="{reverse("agenda:mine")}"' in content(response)


def test_no_more_registrations_than_the_block_shows(client, kim):
    for day in range(REGISTRATIONS_SHOWN + 2):
        make_registration(make_event(f"dag-{day}", days_ahead=day + 1), kim)

    response = visit(client, kim)

    assert len(response.context["registrations"]) == REGISTRATIONS_SHOWN


def test_waitlist_places_follow_the_order_of_the_waiting_list():
    event = make_event("vol", capacity=1)
    make_registration(event, make_member("zit@example.org"))
    now = timezone.now()
    people = [make_member(f"wacht{n}@example.org") for n in range(3)]
    # The same moment for the last two: the earlier row goes first, as `waitlisted()` says.
    moments = [now - timedelta(minutes=5), now, now]
    waiting = [
        make_registration(event, person, RegistrationStatus.WAITLISTED, waitlisted_at=moment)
        for person, moment in zip(people, moments, strict=True)
    ]

    places = dict(
        Registration.objects.filter(event=event)
        .with_waitlist_place()
        .values_list("pk", "waitlist_place")
    )

    assert [places[r.pk] for r in waiting] == [1, 2, 3]
    assert list(Registration.objects.filter(event=event).waitlisted()) == waiting
    assert sorted(places.values(), key=str)[-1] is None  # the confirmed place has none


# --- New in what I follow ----------------------------------------------------------------------


def test_unread_news_since_the_last_visit_about_what_the_member_may_see(client, kim):
    author = make_member("auteur@example.org")
    item = make_item("nieuwe-werkvorm", author, visibility=Visibility.MEMBERS)
    question = make_question(author, slug="nieuwe-vraag")
    story = make_story(author, "members", title="Wat de werkvorm bracht")
    news(kim, item, Kind.COMMENTS, count=3)
    news(kim, question, Kind.ANSWERS)
    news(kim, story, Kind.STORIES)
    # Read already; about a draft; a story for the coordinator only; before the last
    # visit; someone else's.
    news(kim, make_item("gelezen", author), read_at=timezone.now())
    news(kim, make_item("concept", author, status=ResourceStatus.DRAFT))
    news(kim, make_story(author, "coordinator", title="Alleen voor de coördinator"), Kind.STORIES)
    old = timezone.now() - timedelta(days=5)
    news(kim, make_item("oud-nieuws", author), created_at=old, updated_at=old)
    news(make_member("ander@example.org"), make_item("van-een-ander", author))
    came_back_after(kim, days=2)

    response = visit(client, kim)

    shown = {notification.target for notification in response.context["news"].shown}
    assert shown == {item, question, story}
    page = content(response)
    opened = Notification.objects.get(user=kim, target_id=item.pk, kind=Kind.COMMENTS)
    assert f'href="{reverse("notifications:open", args=[opened.pk])}"' in page
    assert f"3 nieuwe reacties op “{item.title}”" in text(response)
    assert f'href="{reverse("notifications:list")}"' in page
    assert "Sinds je vorige bezoek" in text(response)
    hidden = ("Gelezen", "Concept", "Alleen voor de coördinator", "Oud nieuws", "Van een ander")
    assert not [title for title in hidden if title in text(response)]


def test_a_notification_about_a_thing_that_became_hidden_is_left_out(client, kim):
    item = make_item("werd-verborgen", make_member("auteur@example.org"))
    news(kim, item)
    item.status = ResourceStatus.DRAFT
    item.save()

    assert visit(client, kim).context["news"].shown == []


def test_news_about_an_account_of_use_links_to_it_while_its_item_may_be_seen(client, kim):
    author = make_member("auteur@example.org")
    account = make_uptake(make_item("buurtwandeling", author), author, place="Heerlerheide")
    on_a_draft = make_uptake(
        make_item("in-concept", author, status=ResourceStatus.DRAFT), author, place="Hoensbroek"
    )
    news(kim, account, Kind.UPTAKE)
    news(kim, on_a_draft, Kind.UPTAKE)

    response = visit(client, kim)

    assert [n.target for n in response.context["news"].shown] == [account]
    shown, hidden = (
        Notification.objects.get(user=kim, target_id=uptake.pk) for uptake in (account, on_a_draft)
    )
    assert f'href="{reverse("notifications:open", args=[shown.pk])}"' in content(response)
    assert f'href="{reverse("notifications:open", args=[hidden.pk])}"' not in content(response)


def test_on_the_first_visit_every_unread_notification_is_new(client, kim):
    old = timezone.now() - timedelta(days=30)
    item = make_item("lang-geleden")
    news(kim, item, created_at=old, updated_at=old)

    response = visit(client, kim)

    assert [n.target for n in response.context["news"].shown] == [item]
    assert "Sinds je vorige bezoek" not in text(response)


def test_a_reload_within_the_hour_shows_the_same_news(client, kim, page_cache_off):
    news(kim, make_item("net-binnen"))
    came_back_after(kim, days=1)
    first = visit(client, kim).context["news"].shown

    assert visit(client, kim).context["news"].shown == first != []


def since_line(when) -> str:
    with translation.override("nl"):
        return f"vorige bezoek, op {date_format(timezone.localtime(when), 'j F Y, H:i')}"


def test_the_page_is_stored_per_member_and_built_again_when_a_new_visit_begins(client, kim):
    came_back_after(kim, days=3)
    three_days_ago = Profile.objects.get(user=kim).visit_started_at
    first = visit(client, kim)
    assert first.context is not None  # built
    assert since_line(three_days_ago) in text(first)
    assert visit(client, kim).context is None  # the stored page, within the visit

    # As if this visit began a day ago (an UPDATE: no signal marks anything stale).
    came_back_after(kim, days=1)
    a_day_ago = Profile.objects.get(user=kim).visit_started_at
    again = visit(client, kim)

    # A new visit began: the stored page was stale, and the news start from the one before.
    assert again.context is not None
    assert since_line(a_day_ago) in text(again)


def test_more_news_than_fits_says_so(client, kim):
    for n in range(NEWS_SHOWN + 1):
        news(kim, make_item(f"item-{n}"))

    response = visit(client, kim)

    assert len(response.context["news"].shown) == NEWS_SHOWN
    assert "Er is meer nieuws dan hier past." in text(response)


def test_without_news_the_block_says_how_to_get_some(client, kim):
    assert "Niets nieuws sinds je vorige bezoek." in text(visit(client, kim))


# --- Open questions in my expertise ------------------------------------------------------------


def test_open_questions_in_the_expertise_with_a_link_to_the_filtered_list(client, kim):
    asker = make_member("vrager@example.org")
    for n in range(QUESTIONS_SHOWN + 1):
        make_question(asker, slug=f"vraag-{n}", tags=["buurtwerk"])
    make_question(asker, slug="ander-thema", tags=["onderwijs"])

    response = visit(client, kim)

    questions = response.context["questions"]
    assert len(questions) == QUESTIONS_SHOWN
    assert all(q.slug.startswith("vraag-") for q in questions)
    address = f"{reverse('questions:list')}?{OPEN_IN_MY_EXPERTISE}"
    assert f'href="{address.replace("&", "&amp;")}"' in content(response)
    listed = client.get(address)
    assert "Ander thema" not in text(listed)
    assert questions[0].title in text(listed)


# --- My latest contributions -------------------------------------------------------------------


def test_latest_contributions_of_every_kind_newest_first(client, kim):
    item = make_item("mijn-werkvorm", kim)
    make_question(kim, slug="mijn-vraag")
    other = make_item("andermans-werkvorm", make_member("ander@example.org"))
    comment = make_comment(other, kim)
    question = make_question(make_member("vrager@example.org"), slug="een-vraag")
    answer = make_answer(question, kim)
    make_uptake(other, kim)
    make_story(kim, title="Wat ik leerde")

    response = visit(client, kim)

    lines = response.context["contributions"]
    assert len(lines) == CONTRIBUTIONS_SHOWN
    assert [line.when for line in lines] == sorted((line.when for line in lines), reverse=True)
    assert lines[0].title == "Wat ik leerde"
    page = content(response)
    assert f'href="{other.get_absolute_url()}#reactie-{comment.pk}"' in page
    assert f'href="{question.get_absolute_url()}#antwoord-{answer.pk}"' in page
    assert item.title not in [line.title for line in lines]  # the oldest of six
    assert f'href="{kim.profile.get_absolute_url()}"' in page


@pytest.mark.usefixtures("page_cache_off")
def test_items_written_cost_the_block_no_query_for_cards_it_does_not_show(client, kim):
    # A line per item, title and date: not the tags and authors a card reads.
    make_story(kim, title="Wat ik leerde")
    client.force_login(kim)
    client.get(MY_ATELIER)
    without_items = count_queries(client, MY_ATELIER)
    make_item("mijn-werkvorm", kim, tags=["buurt"])
    assert count_queries(client, MY_ATELIER) == without_items
    assert "mijn-werkvorm" in content(client.get(MY_ATELIER))


def test_without_contributions_the_block_invites_to_share(client, kim):
    assert "Je hebt nog niets gedeeld." in text(visit(client, kim))


# --- One suggestion ----------------------------------------------------------------------------


def test_the_suggestion_links_to_what_it_suggests(client, kim):
    meeting = make_event("terugkomdag", days_ahead=-7)
    make_registration(meeting, kim, attended=True)

    response = visit(client, kim)

    assert response.context["suggestion"].address == story_form_address(meeting)
    assert f'href="{story_form_address(meeting)}"' in content(response)


# --- Hostile titles ----------------------------------------------------------------------------


def test_titles_from_members_are_escaped_in_every_block(client, kim):
    title = f"Werkvorm {SCRIPT}"
    item = make_item("gevaarlijk", kim, title=title, kind=ResourceKind.TOOL)
    news(kim, item)
    meeting = make_event("gevaarlijke-bijeenkomst", days_ahead=-7, title=title)
    make_registration(meeting, kim, attended=True)
    make_registration(make_event("later", days_ahead=3, title=title), kim)

    page = content(visit(client, kim))

    assert SCRIPT not in page
    assert "&lt;script&gt;" in page


# --- Whoever is not an active member -----------------------------------------------------------


def test_an_applicant_sees_where_the_application_stands(client):
    applicant = make_applicant()
    applied = timezone.localtime(applicant.profile.applied_at)

    response = visit(client, applicant)

    page = text(response)
    assert "Je aanvraag wacht op de coördinator" in page
    assert f"Je hebt je aangemeld op {applied.day} " in page
    assert "Wat gebeurt er nu" in page
    assert f'href="{reverse("members:my_profile")}"' in content(response)
    assert "Mijn volgende aanmeldingen" not in page


@pytest.mark.parametrize(
    ("status", "heading", "link"),
    [
        (MembershipStatus.PAUSED, "Je lidmaatschap is gepauzeerd", "members:membership"),
        (MembershipStatus.ENDED, "Je lidmaatschap is beëindigd", "members:apply"),
    ],
)
def test_a_paused_or_ended_member_sees_the_status_and_how_to_reach_the_coordinator(
    client, status, heading, link
):
    settings = SiteSettings.load()
    settings.coordinator_email = "coordinator@leeratelier.example.org"
    settings.save()
    user = make_user("oud-lid@example.org")
    make_profile(user, status=status)

    response = visit(client, user)

    assert heading in text(response)
    assert f'href="{reverse(link)}"' in content(response)
    assert 'href="mailto:coordinator@leeratelier.example.org"' in content(response)
    assert "Mijn volgende aanmeldingen" not in text(response)


# --- The home page -----------------------------------------------------------------------------


def test_the_home_page_links_signed_in_people_to_their_atelier(client, kim):
    assert f'href="{MY_ATELIER}"' not in content(client.get("/"))

    client.force_login(kim)

    assert f'href="{MY_ATELIER}"' in content(client.get("/"))

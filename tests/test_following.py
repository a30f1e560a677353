"""Following tags, items, questions and members: the buttons on their pages (a form that
works without JavaScript and returns to the page), what one may follow (only what one
may see: else 404), the list of what one follows, and the cost of the buttons."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from taggit.models import Tag

from knowledge.models import Resource, ResourceStatus, Visibility
from members.models import MembershipStatus, ParticipationLevel
from notifications.models import Follow
from questions.models import QuestionStatus

from .factories import (
    ROLES,
    make_applicant,
    make_coordinator,
    make_item,
    make_member,
    make_profile,
    make_question,
    make_role,
    make_user,
)
from .helpers import SCRIPT, count_queries, text

pytestmark = pytest.mark.django_db


def follow_url(word, pk):
    return reverse("notifications:follow", args=[word, pk])


def unfollow_url(word, pk):
    return reverse("notifications:unfollow", args=[word, pk])


def follows(user) -> set[tuple[str, int]]:
    return {
        (follow.content_type.model, follow.object_id)
        for follow in Follow.objects.filter(user=user).select_related("content_type")
    }


@pytest.fixture
def member(client):
    user = make_member("volger@example.org", display_name="Vera Volger")
    client.force_login(user)
    return user


@pytest.fixture
def item():
    resource = make_item("buurtgesprek", make_member("schrijver@example.org"))
    resource.tags.add("buurt")
    return resource


def test_a_member_follows_an_item_from_its_page_and_returns_to_it(client, member, item):
    page = client.get(item.get_absolute_url())
    assert follow_url("item", item.pk) in page.content.decode()
    assert "Volgen" in text(page)

    response = client.post(follow_url("item", item.pk), {"next": item.get_absolute_url()})

    assert response.status_code == 302
    assert response.url == item.get_absolute_url()
    assert follows(member) == {("resource", item.pk)}
    page = client.get(item.get_absolute_url())
    assert 'Je volgt “<span lang="nl">Buurtgesprek</span>”.' in text(page)
    assert unfollow_url("item", item.pk) in page.content.decode()


def test_stopping_removes_the_follow(client, member, item):
    client.post(follow_url("item", item.pk))
    response = client.post(unfollow_url("item", item.pk), {"next": item.get_absolute_url()})
    assert response.url == item.get_absolute_url()
    assert follows(member) == set()
    assert follow_url("item", item.pk) in client.get(item.get_absolute_url()).content.decode()


def test_following_twice_is_one_follow(client, member, item):
    client.post(follow_url("item", item.pk))
    client.post(follow_url("item", item.pk))
    assert Follow.objects.filter(user=member).count() == 1


def test_a_tag_is_followed_from_its_library_page(client, member, item):
    tag = Tag.objects.get(name="buurt")
    page = client.get(reverse("knowledge:library") + "?tag=buurt")
    assert follow_url("tag", tag.pk) in page.content.decode()
    client.post(follow_url("tag", tag.pk), {"next": "/kennisbank/?tag=buurt"})
    assert follows(member) == {("tag", tag.pk)}
    assert 'Je volgt de tag “<span lang="nl">buurt</span>”.' in text(
        client.get("/kennisbank/?tag=buurt")
    )


def test_a_question_and_a_member_are_followed_from_their_pages(client, member):
    asker = make_member("vrager@example.org", display_name="Vincent Vrager")
    question = make_question(asker, slug="een-vraag")
    assert (
        follow_url("vraag", question.pk) in client.get(question.get_absolute_url()).content.decode()
    )
    profile_page = client.get(reverse("members:detail", args=[asker.profile.pk]))
    assert follow_url("lid", asker.pk) in profile_page.content.decode()

    client.post(follow_url("vraag", question.pk))
    client.post(follow_url("lid", asker.pk))

    assert follows(member) == {("question", question.pk), ("user", asker.pk)}


def test_no_button_on_ones_own_profile_and_no_following_oneself(client, member):
    page = client.get(reverse("members:detail", args=[member.profile.pk]))
    assert follow_url("lid", member.pk) not in page.content.decode()
    assert client.post(follow_url("lid", member.pk)).status_code == 404
    assert follows(member) == set()


def test_visitors_see_no_button_and_are_sent_to_log_in(client, item):
    page = client.get(item.get_absolute_url())
    assert follow_url("item", item.pk) not in page.content.decode()
    response = client.post(follow_url("item", item.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Follow.objects.exists()


@pytest.mark.parametrize("who", ["applicant", "paused"])
def test_who_is_not_a_member_may_not_follow(client, item, who):
    if who == "applicant":
        user = make_applicant()
    else:
        user = make_user("gepauzeerd@example.org")
        make_profile(user, MembershipStatus.PAUSED)
    client.force_login(user)
    assert follow_url("item", item.pk) not in client.get(item.get_absolute_url()).content.decode()
    assert client.post(follow_url("item", item.pk)).status_code == 403
    assert not Follow.objects.exists()


def test_what_one_may_not_see_cannot_be_followed(client, member):
    other = make_member("ander@example.org")
    draft = make_item("concept", other, status=ResourceStatus.DRAFT)
    draft.tags.add("geheim-concept")
    draft_question = make_question(other, slug="conceptvraag", status=QuestionStatus.DRAFT)
    paused = make_user("weg@example.org")
    make_profile(paused, MembershipStatus.PAUSED)
    hidden_tag = Tag.objects.get(name="geheim-concept")

    for word, pk in [
        ("item", draft.pk),
        ("vraag", draft_question.pk),
        ("lid", paused.pk),
        ("tag", hidden_tag.pk),
        ("item", 999_999),
        ("onbekend", draft.pk),
    ]:
        assert client.post(follow_url(word, pk)).status_code == 404, (word, pk)
    assert follows(member) == set()


def test_the_coordinator_follows_a_draft_they_may_see(client, item):
    coordinator = make_coordinator()
    client.force_login(coordinator)
    draft = make_item("concept", None, status=ResourceStatus.DRAFT)
    assert client.post(follow_url("item", draft.pk)).status_code == 302
    assert follows(coordinator) == {("resource", draft.pk)}


def test_a_public_events_member_follows_a_members_only_question(client):
    # members/access.py: every level reads members-only questions.
    user = make_member("publiek@example.org", ParticipationLevel.PUBLIC_EVENTS)
    client.force_login(user)
    question = make_question(make_member("vrager@example.org"), slug="ledenvraag")
    assert client.post(follow_url("vraag", question.pk)).status_code == 302
    assert follows(user) == {("question", question.pk)}


def test_following_is_post_only(client, member, item):
    assert client.get(follow_url("item", item.pk)).status_code == 405
    assert client.get(unfollow_url("item", item.pk)).status_code == 405


@pytest.mark.parametrize(
    "next_address",
    [
        "https://evil.example.com/",
        "//evil.example.com/",
        "javascript:alert(1)",
        SCRIPT,
        "x" * 100_000,
        "",
    ],
)
def test_the_way_back_never_leaves_the_site(client, member, item, next_address):
    response = client.post(follow_url("item", item.pk), {"next": next_address})
    assert response.status_code == 302
    assert response.url == reverse("notifications:follows")
    assert follows(member) == {("resource", item.pk)}


def test_stopping_works_for_a_thing_one_can_no_longer_see(client, member, item):
    client.post(follow_url("item", item.pk))
    client.get("/")  # shows the message that names it
    Resource.objects.filter(pk=item.pk).update(status=ResourceStatus.DRAFT)
    page = client.get(reverse("notifications:follows"))
    assert "niet meer te zien" in text(page)
    assert "Buurtgesprek" not in text(page)
    client.post(unfollow_url("item", item.pk))
    assert follows(member) == set()


def test_the_list_of_what_one_follows(client, member, item):
    asker = make_member("vrager@example.org", display_name="Vincent Vrager")
    question = make_question(asker, slug="een-vraag", title="Hoe bereik ik nieuwkomers?")
    tag = Tag.objects.get(name="buurt")
    for word, pk in [("tag", tag.pk), ("item", item.pk), ("vraag", question.pk), ("lid", asker.pk)]:
        client.post(follow_url(word, pk))

    page = client.get(reverse("notifications:follows"))

    shown = text(page)
    for name in ["buurt", "Buurtgesprek", "Hoe bereik ik nieuwkomers?", "Vincent Vrager"]:
        assert name in shown
    html = page.content.decode()
    assert f'href="{asker.profile.get_absolute_url()}"' in html
    assert 'href="/kennisbank/?tag=buurt"' in html
    for word, pk in [("tag", tag.pk), ("item", item.pk), ("vraag", question.pk), ("lid", asker.pk)]:
        assert unfollow_url(word, pk) in html
    assert page["Cache-Control"] == "private, no-store"


def test_the_list_costs_the_same_for_few_and_many_follows(client, member, page_cache_off):
    writer = make_member("schrijver@example.org")

    def follow_more(start, count):
        for number in range(start, start + count):
            resource = make_item(f"item-{number}", writer)
            resource.tags.add(f"tag-{number}")
            question = make_question(writer, slug=f"vraag-{number}")
            other = make_member(f"lid{number}@example.org")
            for thing in (resource, question, other, Tag.objects.get(name=f"tag-{number}")):
                Follow.objects.create(
                    user=member,
                    content_type=ContentType.objects.get_for_model(thing),
                    object_id=thing.pk,
                )

    address = reverse("notifications:follows")
    follow_more(0, 2)
    client.get(address)
    few = count_queries(client, address)
    follow_more(2, 20)
    assert count_queries(client, address) == few


def test_several_tag_buttons_cost_one_query_for_their_state(client, member, page_cache_off):
    make_item("over-de-buurt", make_member("schrijver@example.org")).tags.add(
        "buurt", "wijk", "plein"
    )
    one = reverse("knowledge:library") + "?tag=buurt"
    three = one + "&tag=wijk&tag=plein"
    client.get(one)
    client.get(three)
    page = client.get(three)
    assert page.content.decode().count('class="follow-form"') == 3
    assert count_queries(client, three) == count_queries(client, one)


# Following by role (docs/design.md: "follow, notifications" for members and the
# coordinator): 302 back to the page, the login page, the 403 explanation, or 404.
FOLLOWED = 302
LOGIN = "login"
# fmt: off
FOLLOW_MATRIX = {
    # what:          (visitor, applicant, m:pub_ev, m:online, m:meetings, coordinator)
    "public item":   (LOGIN,   403,       FOLLOWED, FOLLOWED, FOLLOWED,   FOLLOWED),
    "members item":  (LOGIN,   403,       FOLLOWED, FOLLOWED, FOLLOWED,   FOLLOWED),
    "draft item":    (LOGIN,   403,       404,      404,      404,        FOLLOWED),
    "members question": (LOGIN, 403,      FOLLOWED, FOLLOWED, FOLLOWED,   FOLLOWED),
    "paused member": (LOGIN,   403,       404,      404,      404,        FOLLOWED),
}
# fmt: on


@pytest.mark.parametrize("role_index", range(6), ids=ROLES)
@pytest.mark.parametrize("what", FOLLOW_MATRIX)
def test_who_may_follow_what(client, what, role_index):
    owner = make_member("eigenaar@example.org")
    paused = make_user("gepauzeerd@example.org")
    make_profile(paused, MembershipStatus.PAUSED)
    things = {
        "public item": ("item", make_item("openbaar", owner).pk),
        "members item": ("item", make_item("leden", owner, visibility=Visibility.MEMBERS).pk),
        "draft item": ("item", make_item("concept", owner, status=ResourceStatus.DRAFT).pk),
        "members question": ("vraag", make_question(owner, slug="ledenvraag").pk),
        "paused member": ("lid", paused.pk),
    }
    user = make_role(ROLES[role_index])
    if user is not None:
        client.force_login(user)
    expected = FOLLOW_MATRIX[what][role_index]

    response = client.post(follow_url(*things[what]))

    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
    assert Follow.objects.exists() is (expected == FOLLOWED)

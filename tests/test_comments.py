"""Comments on library items: who may comment, edit, delete and hide, and the e-mails to the
authors.
"""

import pytest
from django.core import mail
from django.urls import reverse

from knowledge.models import Comment, ResourceStatus, Visibility
from knowledge.sharing import add_comment
from members.models import MembershipStatus, Profile, User

from .factories import (
    make_comment,
    make_coordinator,
    make_member,
    make_profile,
    make_resource,
    make_role,
)
from .helpers import NON_MEMBER_ROLES, SCRIPT, is_login_redirect, login

pytestmark = pytest.mark.django_db


def _comment_url(resource):
    return reverse("knowledge:comment", args=[resource.slug])


def test_a_member_comments_with_sanitized_markdown(client, writer):
    resource = make_resource("Het stuk", writer, visibility=Visibility.MEMBERS)
    commenter = make_member("ans@example.org", display_name="Ans de Vries")
    client.force_login(commenter)
    response = client.post(_comment_url(resource), {"body": f"Mooi **stuk**!\n\n{SCRIPT}"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{resource.get_absolute_url()}#reacties"
    assert comment.author == commenter and comment.resource == resource
    assert "<strong>stuk</strong>" in comment.body_html
    assert "<script" not in comment.body_html
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "<strong>stuk</strong>" in content
    assert SCRIPT not in content


def test_a_visitor_who_comments_is_sent_to_log_in(client, writer):
    resource = make_resource("Het stuk", writer)
    assert is_login_redirect(client.post(_comment_url(resource), {"body": "Hallo"}))
    assert not Comment.objects.exists()


def test_an_applicant_cannot_comment(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(make_role("applicant"))
    assert client.post(_comment_url(resource), {"body": "Hallo"}).status_code == 404
    assert not Comment.objects.exists()


def test_nobody_comments_on_an_item_they_may_not_see(client, writer):
    draft = make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    client.force_login(make_member("ander@example.org"))
    assert client.post(_comment_url(draft), {"body": "Hallo"}).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("role", NON_MEMBER_ROLES)
def test_comments_are_for_members_only(client, writer, role):
    resource = make_resource("Het stuk", writer)
    make_comment(resource=resource, author=writer, body="Een geheime reactie")
    login(client, make_role(role))
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "Een geheime reactie" not in content
    assert _comment_url(resource) not in content


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "Schrijf eerst een reactie."),
        ("   \n\t  ", "Schrijf eerst een reactie."),
        ("x" * 10_001, "Houd je reactie korter dan 10.000 tekens."),
        ("Hallo\x00daar", "Null-tekens zijn niet toegestaan."),
        ("\x00", None),
    ],
    ids=["empty", "whitespace", "too long", "null byte", "only a null byte"],
)
def test_a_bad_comment_is_refused_and_nothing_saved(client, writer, body, message):
    resource = make_resource("Het stuk", writer)
    client.force_login(make_member("ans@example.org"))
    response = client.post(_comment_url(resource), {"body": body})
    assert response.status_code == 200
    errors = response.context["form"].errors["body"]
    assert errors
    if message:
        assert message in errors
    assert not Comment.objects.exists()
    assert len(mail.outbox) == 0


def test_a_comment_without_a_body_field_is_refused(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(make_member("ans@example.org"))
    assert client.post(_comment_url(resource), {}).status_code == 200
    assert not Comment.objects.exists()


def test_a_member_edits_and_deletes_their_own_comment(client, writer):
    resource = make_resource("Het stuk", writer)
    commenter = make_member("ans@example.org")
    comment = make_comment(resource=resource, author=commenter, body="Eerst")
    client.force_login(commenter)
    edit_url = reverse("knowledge:edit_comment", args=[comment.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {"body": "Daarna *beter*"})
    assert response["Location"] == f"{resource.get_absolute_url()}#reactie-{comment.pk}"
    comment.refresh_from_db()
    assert comment.body == "Daarna *beter*" and "<em>beter</em>" in comment.body_html
    assert client.post(edit_url, {"body": ""}).status_code == 200
    comment.refresh_from_db()
    assert comment.body == "Daarna *beter*"
    delete_url = reverse("knowledge:delete_comment", args=[comment.pk])
    assert client.get(delete_url).status_code == 200
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert client.post(delete_url).status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()


@pytest.mark.parametrize("who", ["other member", "item author", "applicant", "coordinator"])
def test_others_cannot_edit_or_delete_a_comment(client, writer, who):
    resource = make_resource("Het stuk", writer)
    comment = make_comment(resource=resource, author=make_member("ans@example.org"), body="Van Ans")
    users = {
        "other member": make_member("ander@example.org"),
        "item author": writer,
        "applicant": make_role("applicant"),
        "coordinator": make_coordinator(),
    }
    client.force_login(users[who])
    edit_url = reverse("knowledge:edit_comment", args=[comment.pk])
    delete_url = reverse("knowledge:delete_comment", args=[comment.pk])
    assert client.get(edit_url).status_code == 404
    assert client.post(edit_url, {"body": "Overgenomen"}).status_code == 404
    assert client.get(delete_url).status_code == 404
    assert client.post(delete_url).status_code == 404
    comment.refresh_from_db()
    assert comment.body == "Van Ans"


def test_a_visitor_who_edits_a_comment_is_sent_to_log_in(client, writer):
    comment = make_comment(resource=make_resource(), author=writer, body="Hoi")
    assert is_login_redirect(client.get(reverse("knowledge:edit_comment", args=[comment.pk])))
    assert is_login_redirect(client.post(reverse("knowledge:delete_comment", args=[comment.pk])))
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_the_coordinator_hides_a_comment(client, writer):
    resource = make_resource("Het stuk", writer)
    commenter = make_member("ans@example.org")
    comment = make_comment(resource=resource, author=commenter, body="Ongepast")
    hide_url = reverse("knowledge:hide_comment", args=[comment.pk])
    client.force_login(make_coordinator())
    assert hide_url in client.get(resource.get_absolute_url()).content.decode()
    response = client.post(hide_url)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden
    # The coordinator still sees it, marked hidden.
    coordinator_view = client.get(resource.get_absolute_url()).content.decode()
    assert "Ongepast" in coordinator_view and "Verborgen" in coordinator_view
    # Other members no longer see it.
    client.force_login(make_member("lezer@example.org"))
    assert "Ongepast" not in client.get(resource.get_absolute_url()).content.decode()
    # Its author still sees it, marked hidden (the view shows a member their own comments).
    client.force_login(commenter)
    own_view = client.get(resource.get_absolute_url()).content.decode()
    assert "Ongepast" in own_view and "Verborgen" in own_view
    # Posting again shows it again.
    client.force_login(make_coordinator("tweede@example.org"))
    client.post(hide_url)
    comment.refresh_from_db()
    assert not comment.hidden


@pytest.mark.parametrize("who", ["member", "item author", "comment author", "applicant"])
def test_only_the_coordinator_may_hide_a_comment(client, writer, who):
    resource = make_resource("Het stuk", writer)
    commenter = make_member("ans@example.org")
    comment = make_comment(resource=resource, author=commenter, body="Hoi")
    users = {
        "member": make_member("ander@example.org"),
        "item author": writer,
        "comment author": commenter,
        "applicant": make_role("applicant"),
    }
    client.force_login(users[who])
    hide_url = reverse("knowledge:hide_comment", args=[comment.pk])
    assert client.post(hide_url).status_code == 404
    assert hide_url not in client.get(resource.get_absolute_url()).content.decode()
    comment.refresh_from_db()
    assert not comment.hidden


def test_a_visitor_who_hides_a_comment_is_sent_to_log_in(client, writer):
    comment = make_comment(resource=make_resource(), author=writer, body="Hoi")
    assert is_login_redirect(client.post(reverse("knowledge:hide_comment", args=[comment.pk])))
    comment.refresh_from_db()
    assert not comment.hidden


def test_authors_get_one_email_each_about_a_new_comment(client, writer):
    ans = make_member("ans@example.org", display_name="Ans de Vries")
    quiet = make_member("stil@example.org", display_name="Stille Schrijver")
    Profile.objects.filter(user=quiet).update(notify_on_comments=False)
    commenter = make_member("karin@example.org", display_name="Karin Smit")
    resource = make_resource("Het stuk", writer, coauthors=[ans, quiet, commenter])
    client.force_login(commenter)
    client.post(_comment_url(resource), {"body": "Wat een goed idee!"})
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ans@example.org",
        "noor.bakker@example.org",
    ]
    comment = Comment.objects.get()
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert "Het stuk" in message.subject
        assert "Wat een goed idee!" in message.body
        assert "Karin Smit" in message.body
        assert f"{resource.get_absolute_url()}#reactie-{comment.pk}" in message.body
        assert reverse("members:email_settings") in message.body


def test_no_email_when_an_author_comments_on_their_own_item(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(writer)
    client.post(_comment_url(resource), {"body": "Aanvulling van mijzelf."})
    assert Comment.objects.count() == 1
    assert mail.outbox == []


def test_authors_can_switch_comment_emails_off(writer):
    Profile.objects.filter(user=writer).update(notify_on_comments=False)
    resource = make_resource("Het stuk", writer)
    add_comment(resource, make_member("ans@example.org"), "Hallo")
    assert mail.outbox == []


def test_comment_emails_go_only_to_active_members_and_the_coordinator(writer):
    paused = make_member("gepauzeerd@example.org", display_name="Pauze")
    ended = make_member("gestopt@example.org", display_name="Gestopt")
    switched_off = make_member("uitgezet@example.org", display_name="Uitgezet")
    Profile.objects.filter(user=paused).update(status=MembershipStatus.PAUSED)
    Profile.objects.filter(user=ended).update(status=MembershipStatus.ENDED)
    User.objects.filter(pk=switched_off.pk).update(is_active=False)
    coordinator = make_coordinator()
    make_profile(coordinator, MembershipStatus.PAUSED, display_name="Coördinator")
    resource = make_resource(
        "Het stuk", writer, coauthors=[paused, ended, switched_off, coordinator]
    )
    add_comment(resource, make_member("ans@example.org"), "Hallo")
    assert sorted(message.to[0] for message in mail.outbox) == [
        "coordinator@example.org",
        "noor.bakker@example.org",
    ]

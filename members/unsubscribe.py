"""One-click unsubscribe (RFC 8058): the signed address that switches one kind of e-mail
off for one person, and the headers that carry it.

Every e-mail that is not a direct answer to what the person just did carries
`List-Unsubscribe: <https://…/afmelden/<token>/>` and `List-Unsubscribe-Post:
List-Unsubscribe=One-Click`; a mail client POSTs to the address, without cookies or login.
The token names the person and the kind of e-mail and is signed with the site's secret
key (salted for this purpose only), so it cannot be made up or changed to another person
or kind. Which kinds there are and what switching one off does is decided above the
apps that send them (notifications/unsubscribe.py); the kinds named here are the
switches on a member's profile, which the library, the questions and the value stories
send by.
"""

from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from atelier.addresses import absolute_url

SALT = "members.unsubscribe"

# The e-mails switched by a field of the member's profile: kind -> Profile field.
COMMENTS = "comments"  # comments on one's items, and accounts of using them
ANSWERS = "answers"  # answers to one's questions, one's answer that helped
FOLLOW_UPS = "follow-ups"  # the question some weeks after a meeting
PROFILE_SWITCHES = {
    COMMENTS: "notify_on_comments",
    ANSWERS: "notify_on_answers",
    FOLLOW_UPS: "follow_up_emails",
}


def token_for(user_id: int, mail_kind: str) -> str:
    """The signed token naming `user_id` and `mail_kind`."""
    return signing.dumps({"user": user_id, "kind": mail_kind}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """(user id, kind of e-mail) of a token this site signed, else None."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, mail_kind = data.get("user"), data.get("kind")
    if not isinstance(user_id, int) or not isinstance(mail_kind, str):
        return None
    return user_id, mail_kind


@dataclass(frozen=True)
class WayOut:
    """How an e-mail to one person says "stop": the one-click address (in the headers and
    the footer) and the page where they choose all their e-mails."""

    url: str
    settings_url: str

    @property
    def headers(self) -> dict[str, str]:
        """The RFC 8058 headers."""
        return {
            "List-Unsubscribe": f"<{self.url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }


def way_out(user_id: int, mail_kind: str) -> WayOut:
    """The way out of `mail_kind` for `user_id`: templates show it in the footer
    (includes/email_way_out.txt and .html), send_templated_mail gets its headers."""
    return WayOut(
        url=absolute_url(reverse("unsubscribe", args=[token_for(user_id, mail_kind)])),
        settings_url=absolute_url(reverse("members:email_settings")),
    )

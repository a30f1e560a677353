"""Which kinds of e-mail can be switched off in one click (RFC 8058), and what switching
one off does. The signed address itself: members/unsubscribe.py.

- the profile's switches: comments on one's items, answers to one's questions, the
  follow-up after a meeting (members.unsubscribe.PROFILE_SWITCHES);
- a digest: every kind of news the member gets in that digest goes to "only in the
  site" (what is coming up, which is only ever in a digest, to "never");
- the e-mails at once about one kind of news: that kind goes to "only in the site".

Only the e-mail stops: the news still appears in /meldingen/ and the header's count.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members import unsubscribe
from members.models import Profile, User

from .models import DigestPeriod, Frequency, Kind
from .preferences import AT_ONCE_KINDS, frequencies_of, set_frequencies, without_email

PROFILE_MAIL_LABELS = {
    unsubscribe.COMMENTS: gettext_lazy(
        "e-mails about comments on your library items and their use"
    ),
    unsubscribe.ANSWERS: gettext_lazy("e-mails about answers to your questions"),
    unsubscribe.FOLLOW_UPS: gettext_lazy("the question after a meeting what it brought you"),
}
DIGEST_LABELS = {
    DigestPeriod.DAILY: gettext_lazy("the daily digest"),
    DigestPeriod.WEEKLY: gettext_lazy("the weekly digest"),
}
DIGEST_PREFIX, AT_ONCE_PREFIX = "digest-", "at-once-"


def digest_mail(period: str) -> str:
    """The kind of e-mail of the digest of `period` ("daily" or "weekly")."""
    return DIGEST_PREFIX + period


def at_once_mail(kind: str) -> str:
    """The kind of e-mail sent at once about news of `kind`."""
    return AT_ONCE_PREFIX + kind


def label_of(mail_kind: str) -> str | None:
    """What the member switches off, in a few words; None for a kind the site never sends."""
    if mail_kind in PROFILE_MAIL_LABELS:
        return str(PROFILE_MAIL_LABELS[mail_kind])
    period = mail_kind.removeprefix(DIGEST_PREFIX)
    if mail_kind.startswith(DIGEST_PREFIX) and period in DIGEST_LABELS:
        return str(DIGEST_LABELS[DigestPeriod(period)])
    kind = mail_kind.removeprefix(AT_ONCE_PREFIX)
    if mail_kind.startswith(AT_ONCE_PREFIX) and kind in AT_ONCE_KINDS:
        return _("the e-mails sent at once about %(kind)s") % {"kind": Kind(kind).label.lower()}
    return None


def is_switched_off(user: User, mail_kind: str) -> bool:
    """Whether `user` no longer gets `mail_kind` (one `label_of` knows)."""
    if mail_kind in unsubscribe.PROFILE_SWITCHES:
        profile = Profile.objects.filter(user=user).first()
        return profile is None or not getattr(profile, unsubscribe.PROFILE_SWITCHES[mail_kind])
    frequencies = frequencies_of(user)
    if mail_kind.startswith(DIGEST_PREFIX):
        return mail_kind.removeprefix(DIGEST_PREFIX) not in frequencies.values()
    return frequencies[mail_kind.removeprefix(AT_ONCE_PREFIX)] != Frequency.IMMEDIATELY


def stays_in_site(mail_kind: str) -> bool:
    """Whether the news of `mail_kind` still appears in /meldingen/ once it is switched off:
    that of a digest or of e-mails at once does, a profile switch's has no notification."""
    return mail_kind not in unsubscribe.PROFILE_SWITCHES


def masked_address(email: str) -> str:
    """The address shown on the page anyone with the link may open: enough for its owner
    to recognise, e.g. "o***@example.org"."""
    name, _at, domain = email.rpartition("@")
    return f"{name[:1]}***@{domain}"


def switch_off(user: User, mail_kind: str) -> None:
    """Switch `mail_kind` (one `label_of` knows) off for `user`; twice changes nothing more."""
    if mail_kind in unsubscribe.PROFILE_SWITCHES:
        Profile.objects.filter(user=user).update(**{unsubscribe.PROFILE_SWITCHES[mail_kind]: False})
        return
    frequencies = frequencies_of(user)
    if mail_kind.startswith(DIGEST_PREFIX):
        period = mail_kind.removeprefix(DIGEST_PREFIX)
        off = [kind for kind, frequency in frequencies.items() if frequency == period]
    else:
        off = [mail_kind.removeprefix(AT_ONCE_PREFIX)]
    set_frequencies(user, {**frequencies, **{kind: without_email(kind) for kind in off}})

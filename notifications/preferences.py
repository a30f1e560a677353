"""How often a member hears of each kind of news: their own choice where they made one,
otherwise the default for their participation level.

A meetings participant follows the whole community: every kind in the weekly digest,
with the coming meetings in it. A member who comes to public events only hears, by
default, of those events and of new public tools and cases; the rest they switch on
themselves at /profiel/meldingen/.
"""

from collections.abc import Iterable

from django.db import transaction

from members import access
from members.choices import ParticipationLevel
from members.models import Profile, User

from .models import Frequency, Kind, NotificationSetting

WEEKLY_EVERYTHING: dict[str, str] = dict.fromkeys(Kind.values, Frequency.WEEKLY)

# What is coming up is only ever news in a digest: never an e-mail of its own, nor a
# notification in the site.
AT_ONCE_KINDS = [kind for kind in Kind.values if kind != Kind.EVENTS]

DEFAULTS: dict[str, dict[str, str]] = {
    ParticipationLevel.MEETINGS: WEEKLY_EVERYTHING,
    ParticipationLevel.ONLINE: WEEKLY_EVERYTHING,
    ParticipationLevel.PUBLIC_EVENTS: {
        **dict.fromkeys(Kind.values, Frequency.NEVER),
        Kind.ITEMS: Frequency.WEEKLY,
        Kind.EVENTS: Frequency.WEEKLY,
    },
}


def default_frequency(level: str | None, kind: str) -> str:
    """The frequency of `kind` for a member of `level` who chose nothing."""
    return DEFAULTS.get(level or "", WEEKLY_EVERYTHING)[kind]


def frequencies_of(user: User) -> dict[str, str]:
    """Every kind's frequency for one member: kind -> frequency (one query)."""
    level = getattr(access.profile_of(user), "participation_level", None)
    chosen = dict(NotificationSetting.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, default_frequency(level, kind)) for kind in Kind.values}


def frequency_for_each(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """The frequency of one kind for each of these members: user id -> frequency, in two
    queries however many members there are."""
    user_ids = list(user_ids)
    levels = dict(
        Profile.objects.filter(user_id__in=user_ids).values_list("user_id", "participation_level")
    )
    chosen = dict(
        NotificationSetting.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "frequency"
        )
    )
    return {
        user_id: chosen.get(user_id, default_frequency(levels.get(user_id), kind))
        for user_id in user_ids
    }


# What needs a notification in /meldingen/: what is coming up has none.
NOT_FOR_DIGEST_ONLY = (Frequency.IMMEDIATELY, Frequency.IN_SITE)


def frequencies_allowed(kind: str) -> list[str]:
    """The frequencies a member may choose for `kind`."""
    if kind in AT_ONCE_KINDS:
        return list(Frequency.values)
    return [frequency for frequency in Frequency.values if frequency not in NOT_FOR_DIGEST_ONLY]


def without_email(kind: str) -> str:
    """What `kind` becomes when its e-mail is switched off: only in the site, or never for
    what is only ever news in a digest."""
    return Frequency.IN_SITE if kind in AT_ONCE_KINDS else Frequency.NEVER


@transaction.atomic
def set_frequencies(user: User, frequencies: dict[str, str]) -> None:
    """Keep `frequencies` (kind -> frequency) as the member's choice.

    Only a choice that differs from their level's default is stored; one equal to it
    removes the row. So a member who changes level gets the new level's defaults for
    every kind they left alone, and a page saved without changes stores nothing.
    """
    level = getattr(access.profile_of(user), "participation_level", None)
    different = {
        kind: frequency
        for kind, frequency in frequencies.items()
        if frequency != default_frequency(level, kind)
    }
    NotificationSetting.objects.filter(user=user).exclude(kind__in=different).delete()
    for kind, frequency in different.items():
        NotificationSetting.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": frequency}
        )

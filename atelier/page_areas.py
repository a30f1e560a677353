"""What the site shows, in areas, and which data each area is built from.

A stored page (atelier/page_cache.py) is stale once data of an area it reads has changed,
and only then. Each cached page names the areas it reads, e.g.
`@cached_page(areas=("agenda", "registrations"))`; a write marks the areas of the data it
changed: model signals look the model up in SHOWN_IN, and code that writes without signals
(`QuerySet.update`, `bulk_create`) calls `page_cache.mark_stale(...)` itself.

Besides the areas it names, every page reads the site texts (its footer shows the
coordinator's contact details), and every page built for a signed-in member also reads
"roles" and that member's own area (see `member_area`): what they may see follows from
their account, profile and groups.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Model

AGENDA = "agenda"  # events: titles, dates, places, status
REGISTRATIONS = "registrations"  # who registered: seats left, my registrations, attendance
LIBRARY = "library"  # items, their tags, authors, files and comments, the themes
QUESTIONS = "questions"  # questions from practice, their answers and who was asked
MEMBERS = "members"  # the directory and profiles, and the names shown beside items
SITE_TEXTS = "site-texts"  # the editable pages and the footer's contact details
ROLES = "roles"  # groups and permissions: what the coordinator and others may do
# How often each tag is used: the library's tag cloud, the directory's common expertise
# (atelier/kept_values.py); not a page of its own.
TAG_COUNTS = "tag-counts"
VALUE = "value"  # value stories and accounts of using a tool: /opbrengst/, the home page

AREAS = (AGENDA, REGISTRATIONS, LIBRARY, QUESTIONS, MEMBERS, SITE_TEXTS, ROLES, TAG_COUNTS, VALUE)
# Also stale when a row of this model changes: the area of the member the row belongs to.
THE_MEMBER = "the-member"
MEMBER_AREA_PREFIX = "member-"
MEMBER_AREAS = 64

SHOWN_IN = {
    "atelier.page": (SITE_TEXTS,),
    "atelier.sitesettings": (SITE_TEXTS,),
    "sessions_app.event": (AGENDA,),
    "sessions_app.registration": (REGISTRATIONS,),
    "sessions_app.calendarfeed": (REGISTRATIONS,),  # the address on "my registrations"
    "knowledge.resource": (LIBRARY, TAG_COUNTS),
    "knowledge.taggedresource": (LIBRARY, TAG_COUNTS),
    "knowledge.authorship": (LIBRARY,),
    "knowledge.attachment": (LIBRARY,),
    "knowledge.comment": (LIBRARY,),
    # The words the library's search suggests; written by triggers with the items.
    "knowledge.searchword": (LIBRARY,),
    "knowledge.featuredtag": (LIBRARY,),
    "knowledge.historicalresource": (LIBRARY,),  # an item's versions page
    "knowledge.recognition": (LIBRARY,),
    "knowledge.uptake": (LIBRARY, VALUE),  # on the item's page, the profile, /opbrengst/
    # A story shows on /opbrengst/ and on the pages of what it is about.
    "value.valuestory": (VALUE, LIBRARY, AGENDA, QUESTIONS),
    "value.valuestory_events": (VALUE, AGENDA),
    "value.valuestory_resources": (VALUE, LIBRARY),
    "value.valuestory_questions": (VALUE, QUESTIONS),
    # The yearly report shows on /opbrengst/<jaar>/ and is linked from /opbrengst/.
    "dashboard.yearreport": (VALUE,),
    "dashboard.reportstory": (VALUE,),
    "questions.question": (QUESTIONS,),
    "questions.taggedquestion": (QUESTIONS,),
    "questions.answer": (QUESTIONS,),
    "questions.helprequest": (QUESTIONS,),
    "questions.question_events": (QUESTIONS, AGENDA),  # the event page lists its questions
    "questions.question_reports": (QUESTIONS, LIBRARY),  # a report names its questions
    # What a member follows and hears of shows on their own pages only (the follow
    # buttons, /meldingen/ and the header's unread count, /profiel/meldingen/).
    "notifications.follow": (THE_MEMBER,),
    "notifications.notification": (THE_MEMBER,),
    "notifications.notificationsetting": (THE_MEMBER,),
    "members.user": (MEMBERS, THE_MEMBER),  # e-mail on the profile, rights, deletion
    "members.profile": (MEMBERS, THE_MEMBER, TAG_COUNTS),  # name, level and status
    "members.taggedprofile": (MEMBERS, TAG_COUNTS),
    "members.levelrequest": (THE_MEMBER,),  # "waiting for the coordinator" on their pages
    "members.user_groups": (ROLES,),
    "members.user_user_permissions": (ROLES,),
    "auth.group": (ROLES,),
    "auth.group_permissions": (ROLES,),
    "auth.permission": (ROLES,),
    "taggit.tag": (LIBRARY, QUESTIONS, MEMBERS, TAG_COUNTS),  # names on items, questions, profiles
    "taggit.taggeditem": (LIBRARY, QUESTIONS, MEMBERS, TAG_COUNTS),
}

# Rows that no page shows: writing them leaves every stored page as it is.
UNSHOWN = {
    "sessions.session",  # who is signed in: the session is read on every request anyway
    "migrations.migration",  # `migrate`'s own record of what it applied
    "admin.logentry",  # the admin's history
    "contenttypes.contenttype",
    "account.emailaddress",  # allauth's bookkeeping; the profile shows the user's e-mail
    "account.emailconfirmation",
    "knowledge.handout",  # a stored PDF, made from what the item's page already shows
    "dashboard.reportpdf",  # the same for the yearly report
    "value.followup",  # which follow-up e-mails were sent
    "notifications.digestsent",  # which digests were sent
    "atelier.outgoingmail",  # the queue of e-mail (the admin only)
    "atelier.scheduledrun",  # which server ran a scheduled command
    "django_tasks_database.dbtaskresult",  # the tasks that send it
}

# Fields that no page shows: a save that changes only these changes no page (a login
# sets `last_login`).
UNSHOWN_FIELDS = {
    "members.user": {"last_login"},
}


def member_area(user_id: int | str) -> str:
    """The area of one member's own account and profile, read by their pages.

    Members share MEMBER_AREAS such areas by their id, so that the shared cache holds a
    fixed number of generations however many members sign in (a database cache culls
    its oldest keys past a few hundred): a change to one member's account makes the
    pages of about one member in MEMBER_AREAS stale, never fewer than their own.
    """
    return f"{MEMBER_AREA_PREFIX}{int(user_id) % MEMBER_AREAS}"


def areas_of(
    instance_or_model: Model | type[Model], update_fields: Iterable[str] | None = None
) -> tuple[str, ...]:
    """The areas a change to this row (or, given a model, any of its rows) makes stale."""
    label = instance_or_model._meta.label_lower
    if label in UNSHOWN:
        return ()
    if update_fields and set(update_fields) <= UNSHOWN_FIELDS.get(label, set()):
        return ()
    # A model nobody placed yet: every area, to be safe (a test asks to place each one).
    shown_in = SHOWN_IN.get(label, AREAS)
    areas = tuple(area for area in shown_in if area != THE_MEMBER)
    if THE_MEMBER in shown_in and not isinstance(instance_or_model, type):
        areas += (member_area(_member_of(instance_or_model)),)
    return areas


def _member_of(instance: Any) -> int:
    is_user = instance._meta.label_lower == settings.AUTH_USER_MODEL.lower()
    if is_user:
        return instance.pk
    if hasattr(instance, "user_id"):
        return instance.user_id
    return instance.profile.user_id  # a row that belongs to a member through the profile

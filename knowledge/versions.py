"""An item's versions: the list, what changed from one to the next, and restoring one.

Every saved change of an item is a version (knowledge/item_history.py records them with
django-simple-history). Members read an item's versions, and what changed, per part of
the item: its title and summary, and a tool's or case's sections (knowledge/sections.py)
or the one text of other kinds. Words added and removed are marked with <ins> and <del>;
long unchanged stretches are shortened, so a reader sees the change and not the whole text.

Authors and the coordinator restore an earlier version: its texts become the item's
texts again, as a new version; who may read it and its address stay as they are.
"""

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from atelier.addresses import absolute_url
from members import access
from members.models import User

from . import publishing
from .item_history import changed_fields
from .models import Resource, ResourceStatus, Visibility
from .sections import sections_of

HistoricalResource = Resource.history.model
# A row of HistoricalResource: a model simple_history makes, unknown to type checkers.
Version = Any

# The change reason of a version that restored an earlier one.
RESTORED = "restored"
# A word, or a mark of punctuation, with the white space before it: what a difference
# marks as added or removed ("praten." and "praten!" differ in the mark, not the word).
TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])")
# Paragraphs longer than this together (in words and marks) are shown removed and added as
# a whole: comparing them word by word takes time that grows with the square of their length.
MAX_COMPARED = 1000
# What restoring an earlier version leaves as it is (`restore`).
NOT_RESTORED = {"status", "visibility"}
# Unchanged words around a change: a stretch longer than twice this keeps only its ends.
CONTEXT_WORDS = 8


def _all_versions(resource_id: Any) -> QuerySet:
    return HistoricalResource.objects.filter(id=resource_id).exclude(history_type="-")


def _number() -> Subquery:
    """A version's number: 1 for the item's first, counting every version (drafts too), so
    that "Versie 3" is the same version for every reader, whichever versions they see."""
    up_to = _all_versions(OuterRef("id")).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lte=OuterRef("history_id"))
    )
    return Subquery(up_to.order_by().values("id").annotate(count=Count("pk")).values("count"))


def versions_of(resource: Resource) -> QuerySet:
    """The item's versions, newest first, each with its `number` and who made it."""
    return (
        _all_versions(resource.pk)
        .annotate(number=_number())
        .select_related("history_user__profile")
        .order_by("-history_date", "-history_id")
    )


def versions_shown(resource: Resource, all_of_them: bool) -> QuerySet:
    """The versions a reader may open: authors and the coordinator (`may_restore`) all of
    them; other members only those of the published item, not the drafts before it, which
    were written for the authors' eyes."""
    shown = versions_of(resource)
    return shown if all_of_them else shown.exclude(status=ResourceStatus.DRAFT)


def current_version(resource: Resource) -> Version | None:
    """The item's newest version: what it says now (None only for items loaded in bulk)."""
    return versions_of(resource).first()


def previous_version(version: Version, among: QuerySet | None = None) -> Version | None:
    """The version made just before `version` (of those in `among`, e.g. `versions_shown`),
    or None for the first."""
    date, pk = version.history_date, version.history_id
    if among is None:
        among = _all_versions(version.id).annotate(number=_number())
    return (
        among.filter(Q(history_date__lt=date) | Q(history_date=date, history_id__lt=pk))
        .order_by("-history_date", "-history_id")
        .first()
    )


def author_name(version: Version) -> str:
    """Who made the version: a member by name, "voormalig lid" once their account is gone,
    or the coordinator (whose account has no profile)."""
    if version.history_user is None:
        return _("former member")
    profile = getattr(version.history_user, "profile", None)
    return profile.display_name if profile is not None else _("the coordinator")


def version_url(resource: Resource, version: Version) -> str:
    return reverse("knowledge:version", args=[resource.slug, version.history_id])


def may_read_versions(user: Any) -> bool:
    """Members and the coordinator read the versions of the items they may see."""
    return access.can_see_members_area(user)


def cited_address(resource: Resource, version: Version | None, reader: Any) -> str:
    """The address a citation of the item gives `reader`: the cited version's for those who
    may open it, the item's own for the others (the citation still names the version's
    date)."""
    if version is not None and may_read_versions(reader):
        return absolute_url(version_url(resource, version))
    return absolute_url(resource.get_absolute_url())


@dataclass(frozen=True)
class VersionLine:
    """One version in the list of versions."""

    version_id: int
    number: int
    url: str
    author: str
    date: datetime
    is_current: bool
    is_restore: bool


def version_lines(
    resource: Resource, versions: list[Version], newest_id: int | None
) -> list[VersionLine]:
    """The lines of the list of versions for these (a page of `versions_of`)."""
    return [
        VersionLine(
            version_id=version.history_id,
            number=version.number,
            url=version_url(resource, version),
            author=author_name(version),
            date=version.history_date,
            is_current=version.history_id == newest_id,
            is_restore=version.history_change_reason == RESTORED,
        )
        for version in versions
    ]


# --- What a version says --------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A part of a version: its label, its text (Markdown) and its stored HTML."""

    key: str
    label: str
    text: str
    html: str


def text_parts(version: Version) -> list[Part]:
    """The parts of the item's text in this version, in order: a tool's or case's sections
    that have a text, or the one text of other kinds (and of items from before sections)."""
    sections = [
        Part(section.key, str(section.label), text, version.sections_html.get(section.key, ""))
        for section in sections_of(version.kind)
        if (text := (version.sections or {}).get(section.key, ""))
    ]
    if sections:
        return sections
    return [Part("text", _("Text"), version.body, version.body_html)]


def _fields(version: Version) -> list[tuple[str, str, str]]:
    """Every part a reader can see change, as (key, label, text)."""
    return [
        ("title", _("Title"), version.title),
        ("summary", _("Summary"), version.summary),
        *((part.key, part.label, part.text) for part in text_parts(version)),
        ("status", _("Status"), str(ResourceStatus(version.status).label)),
        ("visibility", _("Who may read the item"), str(Visibility(version.visibility).label)),
    ]


@dataclass(frozen=True)
class Change:
    """What changed in one part: the text with words marked <ins> and <del>."""

    label: str
    html: SafeString


def changes(older: Version, newer: Version, *, texts_only: bool = False) -> list[Change]:
    """What changed from `older` to `newer`, per part, in the order of `newer`; with
    `texts_only`, not its status or who may read it (which restoring leaves alone).

    A part that only one of them has was added or removed as a whole.
    """
    before = {key: (label, text) for key, label, text in _fields(older)}
    after = {key: (label, text) for key, label, text in _fields(newer)}
    keys = list(after) + [key for key in before if key not in after]
    if texts_only:
        keys = [key for key in keys if key not in NOT_RESTORED]
    found = []
    for key in keys:
        label, old = before.get(key, ("", ""))
        label, new = after.get(key, (label, ""))
        if old != new:
            found.append(Change(label, word_difference(old, new)))
    return found


# --- Words added and removed ----------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    return [paragraph.strip() for paragraph in re.split(r"\n\s*\n", text) if paragraph.strip()]


def _tokens(paragraph: str) -> list[str]:
    return TOKEN.findall(paragraph)


def _shortened(tokens: list[str], keep_start: bool, keep_end: bool) -> str:
    """Unchanged words, escaped; a long stretch keeps only the words next to a change."""
    if len(tokens) <= 2 * CONTEXT_WORDS:
        return escape("".join(tokens))
    start = "".join(tokens[:CONTEXT_WORDS]) if keep_start else ""
    end = "".join(tokens[-CONTEXT_WORDS:]) if keep_end else ""
    return escape(f"{start} …{end}" if start else f"…{end}")


def _marked(tag: str, tokens: list[str]) -> str:
    """Words added or removed, in their tag; the space before them stays outside it."""
    text = "".join(tokens)
    words = text.lstrip()
    return f"{escape(text[: len(text) - len(words)])}<{tag}>{escape(words)}</{tag}>"


def _paragraph_difference(old: str, new: str) -> str:
    """One paragraph's words, with those removed and added marked."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    if len(old_tokens) + len(new_tokens) > MAX_COMPARED:
        return f"{_marked('del', old_tokens)} {_marked('ins', new_tokens)}"
    matcher = difflib.SequenceMatcher(
        None,
        [token.strip() for token in old_tokens],
        [token.strip() for token in new_tokens],
        autojunk=False,
    )
    opcodes = matcher.get_opcodes()
    pieces = []
    for index, (operation, i1, i2, j1, j2) in enumerate(opcodes):
        if operation == "equal":
            # Keep the words that touch a change on either side.
            pieces.append(
                _shortened(
                    new_tokens[j1:j2], keep_start=index > 0, keep_end=index < len(opcodes) - 1
                )
            )
            continue
        if i2 > i1:
            pieces.append(_marked("del", old_tokens[i1:i2]))
        if j2 > j1:
            added = _marked("ins", new_tokens[j1:j2])
            # Words that replace others at the start of a paragraph need a space after those.
            pieces.append(f" {added}" if i2 > i1 and added.startswith("<") else added)
    return "".join(pieces)


def _unchanged(
    paragraphs: list[str], after_change: bool, before_change: bool
) -> Iterator[tuple[str, str]]:
    """A run of unchanged paragraphs: the one next to a change on either side, shortened,
    and how many others there are."""
    if after_change and before_change and len(paragraphs) == 1:
        yield "unchanged", _shortened(_tokens(paragraphs[0]), True, True)
        return
    head = paragraphs[:1] if after_change else []
    tail = paragraphs[-1:] if before_change else []
    for paragraph in head:
        yield "unchanged", _shortened(_tokens(paragraph), True, False)
    if left_out := len(paragraphs) - len(head) - len(tail):
        count = ngettext(
            "%(count)d paragraph unchanged", "%(count)d paragraphs unchanged", left_out
        ) % {"count": left_out}
        yield "skipped", escape(f"… {count} …")
    for paragraph in tail:
        yield "unchanged", _shortened(_tokens(paragraph), False, True)


def _difference_paragraphs(old: str, new: str) -> Iterator[tuple[str, str]]:
    """(kind, html) per paragraph shown: the changed ones, and a little around them."""
    old_paragraphs, new_paragraphs = _paragraphs(old), _paragraphs(new)
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (operation, i1, i2, j1, j2) in enumerate(opcodes):
        if operation == "equal":
            yield from _unchanged(
                new_paragraphs[j1:j2],
                after_change=index > 0,
                before_change=index < len(opcodes) - 1,
            )
            continue
        removed, added = old_paragraphs[i1:i2], new_paragraphs[j1:j2]
        for old_paragraph, new_paragraph in zip(removed, added, strict=False):
            yield "changed", _paragraph_difference(old_paragraph, new_paragraph)
        for old_paragraph in removed[len(added) :]:
            yield "changed", _marked("del", _tokens(old_paragraph))
        for new_paragraph in added[len(removed) :]:
            yield "changed", _marked("ins", _tokens(new_paragraph))


def word_difference(old: str, new: str) -> SafeString:
    """The words of `new` with those added marked <ins> and those removed from `old` <del>,
    paragraph by paragraph; everything the writers wrote is escaped."""
    return format_html_join(
        "\n",
        '<p class="difference__{}">{}</p>',
        ((kind, mark_safe(html)) for kind, html in _difference_paragraphs(old, new)),
    )


# --- Restoring ------------------------------------------------------------------------


def may_restore(user: Any, resource: Resource) -> bool:
    """Authors and the coordinator restore an item's earlier versions."""
    return Resource.objects.editable_by(user).filter(pk=resource.pk).exists()


def changes_on_restoring(resource: Resource, version: Version) -> list[Change]:
    """What restoring `version` would change in the item as it is now: its texts."""
    return changes(resource, version, texts_only=True)


def missing_to_restore(resource: Resource, version: Version) -> list[publishing.Missing]:
    """What `version` lacks that a published item must have (knowledge/publishing.py): a
    published tool cannot go back to a version from before its required sections were
    written. [] for drafts, whose texts may be incomplete."""
    if not resource.is_published:
        return []
    as_it_was = Resource(kind=resource.kind, summary=version.summary, sections=version.sections)
    return publishing.missing_for_publication(as_it_was)


def restore(resource: Resource, version: Version, user: User) -> bool:
    """Make the texts of `version` the item's texts again, as a new version by `user`.

    Who may read the item, its status and its address stay as they are. Returns whether
    anything changed: restoring the texts the item has makes no version.
    """
    resource.title = version.title
    resource.summary = version.summary
    resource.body = version.body
    resource.sections = version.sections
    resource.sections_html = version.sections_html
    if not changed_fields(resource):
        return False
    resource._history_user = user  # type: ignore[attr-defined]
    resource._change_reason = RESTORED  # type: ignore[attr-defined]
    resource.save()
    return True

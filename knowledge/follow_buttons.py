"""Follow buttons on the pages of the library and of the apps above it.

A member follows tags, items, questions and other members, and hears of what is new in
them: that is the notifications app's business, above every other (docs/design.md,
"Layout and layers"). The library's pages and the questions' pages show its buttons
without knowing it: the app registers one function in its AppConfig.ready() that gives,
for a reader and the things a page shows, a button for each thing the reader may
follow, saying whether they follow it already.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Model
from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from members.access import AnyUser


@dataclass(frozen=True)
class FollowButton:
    """A form with one button: follow a thing, or stop following it."""

    action: str  # the address the form posts to
    is_following: bool
    label: str  # what the button says: "Follow" or "Stop following"
    # What it follows, for screen readers: "the tag “buurt”", its Dutch name marked lang="nl".
    subject: SafeString


MakeButtons = Callable[["AnyUser", Iterable[Model]], list[FollowButton]]

_registered: list[MakeButtons] = []


def register(make_buttons: MakeButtons) -> None:
    """Show the buttons `make_buttons(reader, things)` gives (once, however often an
    app's ready() runs)."""
    if make_buttons not in _registered:
        _registered.append(make_buttons)


def buttons_for(reader: AnyUser, things: Iterable[Model]) -> list[FollowButton]:
    """The buttons for these things. `things` may be a lazy queryset: it is read only for
    a reader who may follow. The registered function costs one query for all the things
    (the page's budget counts it), none for a visitor."""
    return [button for make_buttons in _registered for button in make_buttons(reader, things)]

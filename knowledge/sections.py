"""The sections of a tool and of a practice case: the structure the field knows.

A tool follows the Dutch intervention worksheets (Movisie's and NJi's databanks: doel,
doelgroep, aanpak, werkzame elementen, onderbouwing, …); a practice case the lighter
structure of a practice description. Each section is its own Markdown text, stored in
`Resource.sections` under its key with its rendered HTML in `Resource.sections_html`.
Other kinds of item have one text (`Resource.body`) and no sections.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    # The section's address on the item's page ("#doel"): Dutch, and the same in English.
    anchor: str
    label: str | Promise
    hint: str | Promise
    # Needed before the item may be published (a draft may leave it empty).
    required: bool = False


TOOL_SECTIONS = (
    Section(
        "problem",
        "probleem",
        _("Problem / reason"),
        _("What situation in practice calls for this tool? What goes wrong without it?"),
    ),
    Section(
        "target_group",
        "doelgroep",
        _("Target group"),
        _("Who is it for, and who uses it (which professionals, volunteers, residents)?"),
        required=True,
    ),
    Section(
        "goal",
        "doel",
        _("Goal"),
        _("What should it achieve, for whom? Say it as concretely as you can."),
        required=True,
    ),
    Section(
        "approach",
        "aanpak",
        _("Approach"),
        _("The steps, in order: what you do, with whom, and when."),
        required=True,
    ),
    Section(
        "active_elements",
        "werkzame-elementen",
        _("Active elements"),
        _("What makes it work: the parts you must not leave out."),
    ),
    Section(
        "implementation",
        "uitvoering",
        _("Implementation"),
        _("What you need: time, group size, materials, expertise, costs."),
    ),
    Section(
        "rationale",
        "onderbouwing",
        _("Rationale"),
        _("Why it should work: the theory, literature or experience it rests on."),
    ),
    Section(
        "experiences",
        "ervaringen",
        _("Experiences from practice"),
        _("Where it was used, what happened, what people said about it."),
    ),
    Section(
        "literature",
        "literatuur",
        _("Literature"),
        _("Sources and further reading, one per line."),
    ),
)

CASE_SECTIONS = (
    Section(
        "situation",
        "situatie",
        _("Situation"),
        _("Where and when, who was involved, and what was going on."),
        required=True,
    ),
    Section(
        "what_we_did",
        "wat-we-deden",
        _("What we did"),
        _("The steps you took, and why you chose them."),
        required=True,
    ),
    Section(
        "outcome",
        "wat-het-opleverde",
        _("What it achieved"),
        _("What changed, for residents, the organisation or yourself. Also what did not."),
    ),
    Section(
        "lessons",
        "wat-we-leerden",
        _("What we learned"),
        _("What you would do again, and what differently; what others can take from it."),
    ),
)

SECTIONS_BY_KIND: dict[str, tuple[Section, ...]] = {
    "tool": TOOL_SECTIONS,
    "case": CASE_SECTIONS,
}


def sections_of(kind: str) -> tuple[Section, ...]:
    """The sections an item of this kind has, in order; none for the kinds with one text."""
    return SECTIONS_BY_KIND.get(kind, ())


def has_sections(kind: str) -> bool:
    return kind in SECTIONS_BY_KIND


def required_sections(kind: str) -> tuple[Section, ...]:
    """The sections an item of this kind needs before it is published."""
    return tuple(section for section in sections_of(kind) if section.required)

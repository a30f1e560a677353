"""Splitting one Markdown text into a tool's or case's sections, at its headings.

Tools and cases written before they had sections (and the demo's files, which keep an
item as one Markdown text) name their parts with headings: "## Doel", "## Stappen",
"## Context". A heading that names a section (in Dutch or English, also the older
outline's words) starts that section; every other line stays where it is, so no word is
lost. Text before the first such heading, or a text without any, goes to the kind's main
section: a tool's approach, a case's situation. Used by the data migration of existing
items and by `Resource.save` for an item that becomes a tool or case.
"""

import re

# Heading words (lower case, without a final colon) and the section each starts.
HEADINGS: dict[str, dict[str, str]] = {
    "tool": {
        "probleem": "problem",
        "aanleiding": "problem",
        "probleem / aanleiding": "problem",
        "probleem/aanleiding": "problem",
        "problem": "problem",
        "problem / reason": "problem",
        "doelgroep": "target_group",
        "target group": "target_group",
        "doel": "goal",
        "purpose": "goal",
        "goal": "goal",
        "aanpak": "approach",
        "stappen": "approach",
        "approach": "approach",
        "steps": "approach",
        "werkzame elementen": "active_elements",
        "active elements": "active_elements",
        "uitvoering": "implementation",
        "materialen": "implementation",
        "duur": "implementation",
        "implementation": "implementation",
        "materials": "implementation",
        "duration": "implementation",
        "onderbouwing": "rationale",
        "rationale": "rationale",
        "ervaringen": "experiences",
        "ervaringen uit de praktijk": "experiences",
        "experiences from practice": "experiences",
        "literatuur": "literature",
        "bronnen": "literature",
        "literature": "literature",
        "sources": "literature",
    },
    "case": {
        "situatie": "situation",
        "context": "situation",
        "situation": "situation",
        "wat we deden": "what_we_did",
        "aanpak": "what_we_did",
        "approach": "what_we_did",
        "what we did": "what_we_did",
        "wat het opleverde": "outcome",
        "resultaat": "outcome",
        "result": "outcome",
        "what it achieved": "outcome",
        "wat we leerden": "lessons",
        "lessen": "lessons",
        "lessons": "lessons",
        "what we learned": "lessons",
    },
}
MAIN_SECTION = {"tool": "approach", "case": "situation"}

HEADING = re.compile(r"^#{1,3}[ \t]+(?P<name>.+?)[ \t#]*$")
FENCE = re.compile(r"^(```|~~~)")


def section_of_heading(kind: str, line: str) -> str | None:
    """The section a Markdown heading line starts, or None for any other line."""
    match = HEADING.match(line.strip())
    if match is None:
        return None
    name = " ".join(match["name"].rstrip(":").split()).lower()
    return HEADINGS.get(kind, {}).get(name)


def split_into_sections(kind: str, text: str) -> dict[str, str]:
    """The text's parts by section key, for a tool or case; {} for other kinds.

    When a heading leads to a section that has text already (a tool's "Materialen" and
    "Duur" both are its implementation), it stays as a heading one level down, so the
    section still says what each part is.
    """
    if kind not in MAIN_SECTION:
        return {}
    parts: dict[str, list[str]] = {}
    current = MAIN_SECTION[kind]
    in_fence = False
    for line in text.replace("\r\n", "\n").split("\n"):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
        key = None if in_fence else section_of_heading(kind, line)
        if key is None:
            parts.setdefault(current, []).append(line)
            continue
        current = key
        if key in parts and "".join(parts[key]).strip():
            name = HEADING.match(line.strip())["name"]  # type: ignore[index]
            while not parts[key][-1].strip():
                parts[key].pop()
            parts[key].extend(["", f"### {name}"])
        else:
            parts.setdefault(key, [])
    texts = {key: "\n".join(lines).strip() for key, lines in parts.items()}
    return {key: text for key, text in texts.items() if text}

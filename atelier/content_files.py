"""Texts a writer edits without Python: Markdown files with a small TOML header.

A content file starts with a header of fields between two lines `+++`, read with the
standard library's `tomllib`; the Markdown after it is the file's body:

    +++
    title = "Over het leeratelier"
    +++
    Het Leeratelier Samenlevingsopbouw is ...

The site's first page texts (atelier/texts/) and the demo content (demo/, explained in
demo/README.md) are such files. Each kind of thing has a small loader of its own that
reads them with the functions here.
"""

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings

HEADER_LINE = "+++"

Record = TypeVar("Record")

# The demo content that `load_demo` reads: one folder a kind of thing.
DEMO_FOLDER = Path(settings.BASE_DIR) / "demo"


@dataclass(frozen=True)
class ContentFile:
    path: Path
    fields: dict[str, Any]
    body: str

    @property
    def key(self) -> str:
        """The file's name without `.md`: the slug or key other files refer to it by."""
        return self.path.stem

    def build(self, record: type[Record], **more: Any) -> Record:
        """`record` made of the header's fields and `more`; a misspelt field names the file."""
        return build(record, self.path, **self.fields, **more)


def build(record: type[Record], path: Path, **fields: Any) -> Record:
    """`record(**fields)`, with the file's name in the error a writer's typo makes."""
    try:
        return record(**fields)
    except TypeError as error:
        raise ValueError(f"{path}: {error}") from None


def read_content_file(path: Path) -> ContentFile:
    """The header's fields and the Markdown body (without blank lines around it) of `path`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    delimiters = [number for number, line in enumerate(lines) if line.rstrip() == HEADER_LINE]
    if len(delimiters) < 2 or delimiters[0] != 0:
        raise ValueError(f"{path}: the header stands between two lines {HEADER_LINE} at the top")
    end = delimiters[1]
    header, body = "\n".join(lines[1:end]), "\n".join(lines[end + 1 :])
    return ContentFile(path, read_toml_text(header, path), body.strip())


def read_content_folder(folder: Path) -> list[ContentFile]:
    """Every Markdown file in `folder`, in the order of their names."""
    return [read_content_file(path) for path in sorted(folder.glob("*.md"))]


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML data file, such as demo/library/themes.toml."""
    return read_toml_text(path.read_text(encoding="utf-8"), path)


def read_toml_text(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {error}") from None


def day_last_year(month_day: str, today: date) -> date:
    """The day `month_day` ("10-02": 2 October) of the year before `today`'s: how the demo
    dates what belongs in last year's yearly report, whatever day it is loaded on."""
    try:
        month, day = (int(part) for part in month_day.split("-"))
        return date(today.year - 1, month, day)
    except ValueError:
        raise ValueError(f"“{month_day}” is not a day as month-day, such as “10-02”") from None

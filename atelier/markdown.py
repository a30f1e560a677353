"""Markdown from users, rendered and sanitized in one place.

Every Markdown field of the site goes through `render_markdown`: Markdown becomes HTML,
then bleach keeps only an allowlist of tags, attributes and link schemes, so nothing a
user writes can run script in another user's browser. Models store the result beside
the source when they save, so pages never render Markdown per request.
"""

import html
from collections.abc import MutableMapping
from functools import partial

import bleach
import markdown as markdown_lib
from bleach.linkifier import LinkifyFilter
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr",
        "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "b", "i", "del", "sup", "sub",
        "ul", "ol", "li", "dl", "dt", "dd",
        "blockquote", "code", "pre",
        "a", "abbr",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "th": ["align", "scope"],
    "td": ["align"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# A tag's attributes as bleach's linkifier hands them over: (namespace, name) to value.
Attributes = MutableMapping[tuple[str | None, str], str]

MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list", "abbr"]


def _link_attributes(attrs: Attributes, new: bool = False) -> Attributes:
    """Every link a user writes is marked as not endorsed and cannot reach our window."""
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    # Linkifying inside the cleaner keeps one parse, so code blocks are not escaped twice.
    filters=[
        partial(
            LinkifyFilter,
            callbacks=[_link_attributes],
            skip_tags={"pre", "code"},
            parse_email=False,
        )
    ],
)


def _demote_h1(html: str) -> str:
    # The page title is the page's only h1; a user's "# heading" becomes an h2.
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render_markdown(text: str) -> SafeString:
    """Render a user's Markdown to sanitized HTML that is safe to show as it is."""
    if not text:
        return mark_safe("")
    # Raw HTML in the source is escaped rather than trusted; bleach is the second wall.
    md = markdown_lib.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    html = _demote_h1(md.convert(text))
    return mark_safe(_cleaner.clean(html))


def plain_text(stored_html: str) -> str:
    """Stored, sanitized HTML as one line of plain text, its entities read back ("&amp;"
    is "&"): for JSON-LD and other places that escape on their own."""
    return " ".join(html.unescape(strip_tags(stored_html)).split())

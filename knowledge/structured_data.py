"""A public tool or case as schema.org JSON-LD, with its link preview and canonical address.

A tool is a HowTo (its steps are the items of the approach's first numbered list, or the
approach as one step), a case an Article; both name their authors, dates and citation.
A members-only item or a draft carries none of it: search engines and link previews see
only what everyone may read. Background items and reports keep their plain description.
"""

import json
import re
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from atelier.addresses import absolute_url
from atelier.markdown import plain_text
from sessions_app.structured_data import JSON_SCRIPT_ESCAPES, share_image_url

from .models import Resource, ResourceKind

FIRST_NUMBERED_LIST = re.compile(r"<ol>(?P<items>.*?)</ol>", re.DOTALL)
LIST_ITEM = re.compile(r"<li>(?P<text>.*?)</li>", re.DOTALL)
SCHEMA_TYPES = {ResourceKind.TOOL: "HowTo", ResourceKind.CASE: "Article"}


def approach_steps(resource: Resource) -> list[str]:
    """A tool's steps: the items of the first numbered list in its approach, else the
    whole approach as one step."""
    html = resource.sections_html.get("approach", "")
    numbered = FIRST_NUMBERED_LIST.search(html)
    steps = (
        [plain_text(item["text"]) for item in LIST_ITEM.finditer(numbered["items"])]
        if numbered
        else []
    )
    steps = [step for step in steps if step]
    return steps or ([plain_text(html)] if plain_text(html) else [])


def _date(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


def item_json_ld(resource: Resource, url: str, citation: str) -> SafeString:
    """The item as JSON-LD, escaped so it cannot close its script element."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[ResourceKind(resource.kind)],
        "name": resource.title,
        "headline": resource.title,
        "description": resource.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "nl",
        "author": [{"@type": "Person", "name": name} for name in resource.author_names()],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "datePublished": _date(resource.published_at or resource.created_at),
        "dateModified": _date(resource.updated_at),
        "keywords": [tag.name for tag in resource.tag_list()],
        "citation": plain_text(citation),
        "image": share_image_url(),
    }
    if resource.kind == ResourceKind.TOOL:
        data["step"] = [
            {"@type": "HowToStep", "position": position, "text": text}
            for position, text in enumerate(approach_steps(resource), start=1)
        ]
    else:
        data["articleBody"] = plain_text(resource.body_html)
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))


def link_preview(resource: Resource, citation: str) -> dict:
    """What the item's page needs for its canonical link, Open Graph and JSON-LD: empty
    unless it is a public tool or case."""
    if not (resource.is_public and resource.kind in SCHEMA_TYPES):
        return {}
    url = absolute_url(resource.get_absolute_url())
    return {
        "absolute_url": url,
        "share_image_url": share_image_url(),
        "site_name": settings.SITE_NAME,
        "json_ld": item_json_ld(resource, url, citation),
    }

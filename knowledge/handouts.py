"""An item's handout: a tool or case as a print-ready A4 PDF, made once per version.

The PDF holds the title, the summary, a tool's recognitions by databanks, the sections (or
the one text of an item that has none yet), the authors, how to cite it, the date of the
version and the item's address as text and as a QR code. It is rendered by WeasyPrint
from templates/knowledge/handout.html and stored as a `Handout` of the item's latest
version, so a second download reads a file instead of rendering. A new version makes a new
handout; the older one is removed, and so is one whose recognitions or authors changed.

An item without any version (written by a bulk loader, or before versions began) first
gets one, dated when the item last changed: every handout then names a version that can
be found again on the versions page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Subquery
from django.template.loader import render_to_string
from django.utils import translation
from PIL import ImageFile
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from atelier.addresses import absolute_url

from .citation import apa_citation
from .models import Handout, Resource
from .sections import sections_of

# Importing WeasyPrint makes Pillow load truncated images in the whole process; the site's
# own rule is Pillow's default (members/avatars.py refuses a truncated photo), and a handout
# embeds only its own QR code.
ImageFile.LOAD_TRUNCATED_IMAGES = False
# Only what the template embeds itself (the QR code): never an address from an item's
# text, which would make the server fetch whatever a writer links to.
EMBEDDED_ONLY = URLFetcher(allowed_protocols={"data"})
# A `knowledge.HistoricalResource`: django-simple-history makes the model at run time, so
# type checkers do not know it.
Version = Any


@dataclass(frozen=True)
class HandoutSection:
    label: str
    html: str  # sanitized when the item was saved


def stored_handout(resource: Resource) -> Handout | None:
    """The stored handout of the item's latest version, if there is one: one query."""
    latest = resource.history.order_by("-history_date", "-history_id").values("pk")[:1]
    return Handout.objects.filter(resource=resource, version_id=Subquery(latest)).first()


def handout_for(resource: Resource) -> Handout:
    """The item's handout of its latest version: the stored one, or rendered and stored now."""
    return stored_handout(resource) or store_handout(resource)


def latest_version(resource: Resource) -> Version:
    """The item's latest version (a `HistoricalResource`); made now if it has none yet.

    The item's row is locked first, so two downloads at the same moment make one version.
    """
    with transaction.atomic():
        Resource.objects.select_for_update().only("pk").get(pk=resource.pk)
        version = resource.history.first()
        if version is None:
            Resource.history.bulk_history_create([resource], default_date=resource.updated_at)
            version = resource.history.first()
    return version


def render_handout(resource: Resource, version: Version) -> bytes:
    """The handout of `resource` as it is in `version`, as PDF bytes."""
    address = absolute_url(resource.get_absolute_url())
    return HTML(
        string=handout_html(resource, version), base_url=address, url_fetcher=EMBEDDED_ONLY
    ).write_pdf()


def handout_html(resource: Resource, version: Version) -> str:
    """The page WeasyPrint prints. Always in Dutch, the language of the items: one stored
    file serves every reader."""
    address = absolute_url(resource.get_absolute_url())
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "knowledge/handout.html",
            {
                "resource": resource,
                "sections": shown_sections(resource),
                "recognitions": resource.shown_recognitions(),
                "authors": [author.display_name for author in resource.ordered_authors()],
                "citation": apa_citation(resource, address, version),
                "version_date": version.history_date,
                "address": address,
                "qr_code": segno.make(address, error="m").svg_data_uri(border=0),
                "site_name": settings.SITE_NAME,
            },
        )


def shown_sections(resource: Resource) -> list[HandoutSection]:
    """The item's sections that have a text, in order, each with its label and HTML."""
    return [
        HandoutSection(str(section.label), resource.sections_html[section.key])
        for section in sections_of(resource.kind)
        if resource.sections_html.get(section.key)
    ]


def store_handout(resource: Resource) -> Handout:
    """Render the handout of the item's latest version and store it."""
    version = latest_version(resource)
    # Authors with their profiles for the names and the citation, in one query each.
    shown = Resource.objects.with_listing_data().get(pk=resource.pk)
    pdf = render_handout(shown, version)
    handout = Handout(resource=resource, version=version, size=len(pdf))
    handout.file.save(f"{resource.slug}-{version.pk}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            handout.save()
    except IntegrityError:
        # Another download stored the same version's handout first: serve that one.
        handout.file.delete(save=False)
        return Handout.objects.get(resource=resource, version=version)
    # Only the latest version's handout is ever served (files go with their rows).
    for older in Handout.objects.filter(resource=resource).exclude(pk=handout.pk):
        older.delete()
    return handout

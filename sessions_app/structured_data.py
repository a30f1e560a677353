"""A public event as schema.org JSON-LD, for search engines and link previews."""

import json
import re

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from atelier.addresses import absolute_url

from .models import Event

# Shown when a public event's link is shared (Open Graph, schema.org); 1200x630 as they ask.
SHARE_IMAGE = "img/leeratelier-delen.png"
# As Django's json_script: no "<", ">" or "&" can end the script element early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# A street with a house number ("Nieuw Eyckholt 300", "Brusselseweg 150a").
STREET = re.compile(r"\D+\s\d+\s?[a-zA-Z]?(-\d+)?")
# A Dutch postcode before the town ("6419 DJ Heerlen").
POSTCODE_AND_TOWN = re.compile(r"(?P<postcode>\d{4}\s?[A-Z]{2})\s+(?P<town>.+)")
SCHEMA = "https://schema.org/"


def share_image_url() -> str:
    return absolute_url(static(SHARE_IMAGE))


def postal_address(place: str) -> tuple[str, dict] | None:
    """The place's name and its schema.org PostalAddress, when the place is written as
    an address: "[name, ]street number, [postcode ]town". None for a room or a name."""
    parts = [part.strip() for part in place.split(",") if part.strip()]
    if len(parts) < 2 or not STREET.fullmatch(parts[-2]):
        return None
    street, town = parts[-2], parts[-1]
    address = {"@type": "PostalAddress", "streetAddress": street}
    if match := POSTCODE_AND_TOWN.fullmatch(town):
        address["postalCode"] = match["postcode"]
        town = match["town"]
    address.update({"addressLocality": town, "addressCountry": "NL"})
    return ", ".join(parts[:-2]) or street, address


def _location(event: Event, url: str) -> dict | list | None:
    locations = []
    if event.place:
        if found := postal_address(event.place):
            name, address = found
            locations.append({"@type": "Place", "name": name, "address": address})
        else:
            locations.append({"@type": "Place", "name": event.place})
    if event.online_link:
        # The event's page, not the link itself: that is for those registered only.
        locations.append({"@type": "VirtualLocation", "url": url})
    if not locations:
        return None
    return locations[0] if len(locations) == 1 else locations


def _attendance_mode(event: Event) -> str:
    if event.place and event.online_link:
        return SCHEMA + "MixedEventAttendanceMode"
    if event.online_link:
        return SCHEMA + "OnlineEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def structured_data(event: Event) -> SafeString:
    """schema.org Event as JSON-LD, escaped so it cannot close its script element."""
    url = absolute_url(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "url": url,
        "image": [share_image_url()],
        "eventStatus": SCHEMA + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": _attendance_mode(event),
        "organizer": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute_url(reverse("home")),
        },
        # Public events are free; one registers on the event's page.
        "offers": {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "EUR",
            "availability": SCHEMA + ("SoldOut" if event.seats_left() == 0 else "InStock"),
            "url": url + "#register-heading",
        },
    }
    if location := _location(event, url):
        data["location"] = location
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))

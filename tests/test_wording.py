"""Words a reader noticed: one English word with two Dutch meanings gets a context."""

import re

from django.urls import reverse

from .conftest import make_member


def heading_texts(html: str, level: int) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    ]


def test_a_dutch_profile_is_about_the_member_and_the_menu_about_the_atelier(client, member):
    author = make_member("auteur@example.org", display_name="Ria Jansen", bio="Opbouwwerker.")
    client.force_login(member)

    html = client.get(reverse("members:detail", args=[author.profile.pk])).content.decode()

    assert "Over Ria Jansen" in heading_texts(html, 2)
    assert "Over het atelier Ria Jansen" not in html
    assert re.search(r'href="/over/"[^>]*>Over het atelier</a>', html)


def test_an_english_profile_is_about_the_member(client, member):
    author = make_member("auteur@example.org", display_name="Ria Jansen", bio="Opbouwwerker.")
    client.force_login(member)
    client.cookies["django_language"] = "en"

    html = client.get(reverse("members:detail", args=[author.profile.pk])).content.decode()

    assert "About Ria Jansen" in heading_texts(html, 2)

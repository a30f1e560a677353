"""The site's own texts: the first version of the home, about and privacy pages.

Each page has a Markdown file a language in atelier/texts/ (`about.md` in Dutch,
`about.en.md` in English), with the page's title in its header. These are the starting
texts of the editable pages; the coordinator can change them afterwards in the admin.
Bodies use `##` and `###` headings only, because the page title is the page's h1. They
name no contact person: the coordinator's name, e-mail and phone are settings and appear
at the bottom of every page.
"""

from pathlib import Path

from .content_files import read_content_file
from .models import Page, SiteSettings

TEXTS_FOLDER = Path(__file__).resolve().parent / "texts"


def default_page_texts() -> dict[str, dict[str, str]]:
    """Per page key, the fields of its first text: title, body, title_en and body_en."""
    texts = {}
    for key in Page.Key.values:
        dutch = read_content_file(TEXTS_FOLDER / f"{key}.md")
        english = read_content_file(TEXTS_FOLDER / f"{key}.en.md")
        texts[key] = {
            "title": dutch.fields["title"],
            "body": dutch.body,
            "title_en": english.fields["title"],
            "body_en": english.body,
        }
    return texts


def fill_empty_pages() -> None:
    """Give each page that has no text yet its first text; the coordinator's own text wins."""
    for key, texts in default_page_texts().items():
        page, _created = Page.objects.get_or_create(key=key, defaults={"title": texts["title"]})
        if page.body:
            continue
        for field, value in texts.items():
            setattr(page, field, value)
        page.save()


def ensure_site_rows(using: str = "default", **kwargs: object) -> None:
    """The site settings and the three editable pages always exist.

    After `migrate`, and also after a test flushes the database (which sends
    post_migrate again), so no page of the site is ever missing its row.
    """
    SiteSettings.objects.using(using).get_or_create(pk=1)
    for key, texts in default_page_texts().items():
        Page.objects.using(using).get_or_create(key=key, defaults={"title": texts["title"]})

from django import template
from django.utils import translation

register = template.Library()

# Open Graph names a locale with its country: the site's languages as link previews want them.
OPEN_GRAPH_LOCALES = {"en": "en_GB", "nl": "nl_NL"}


@register.simple_tag
def open_graph_locale() -> str:
    """The page's language for `og:locale`: "nl_NL", or "en_GB" for the English pages."""
    return OPEN_GRAPH_LOCALES.get(translation.get_language(), "nl_NL")

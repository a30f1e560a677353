from django import template

register = template.Library()


@register.filter
def starts_with(text: str, prefix: str) -> bool:
    """Whether `text` begins with `prefix`, ignoring case: a report titled "Verslag: …"
    needs no "Verslag:" label before it."""
    return str(text).casefold().startswith(str(prefix).casefold())

from urllib.parse import quote

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

PAGE_PARAMETER = "pagina"


@register.simple_tag(takes_context=True)
def page_query(context, number: int) -> SafeString:
    """The query of page `number` of a list: the list's own filters kept, the page last."""
    request = context["request"]
    filters = [
        f"{quote(key)}={quote(value)}&amp;"
        for key, values in request.GET.lists()
        if key != PAGE_PARAMETER
        for value in values
    ]
    # Percent-encoded names and values hold no HTML; "&" is written as "&amp;" above.
    return mark_safe(f"?{''.join(filters)}{PAGE_PARAMETER}={number}")

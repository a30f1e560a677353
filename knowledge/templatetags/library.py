from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from knowledge.models import Resource

register = template.Library()


@register.simple_tag(takes_context=True)
def author_links(context, resource: Resource) -> SafeString:
    """The item's authors in order, each linked to their profile when the reader may open it.

    Members open the profiles of active members; everyone else reads the names. An item
    whose authors all left is by "former member".
    """
    may_open_profiles = context["access"].is_member
    names = []
    for author in resource.ordered_authors():
        profile = getattr(author, "profile", None)
        if may_open_profiles and profile is not None and profile.is_active_member:
            names.append(
                format_html('<a href="{}">{}</a>', profile.get_absolute_url(), author.display_name)
            )
        else:
            names.append(escape(author.display_name))
    return mark_safe(", ".join(names)) if names else escape(_("former member"))

"""The site search's page (/zoeken/): every group of results, or the agenda's full list."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from atelier.page_cache import cached_page
from atelier.search_words import is_shortened

from . import search


@require_safe
# The cards of each group.
@cached_page(areas=("library", "questions", "agenda", "registrations", "members", "value"))
def site_search(request):
    typed = request.GET.get("q", "")
    query = search.query_of(typed)
    context = {
        "query": query,
        "is_shortened": is_shortened(typed),
        "has_no_words": bool(typed.strip()) and not query,
        "cap": search.GROUP_CAP,
    }
    if request.GET.get("groep") == search.AGENDA.key and query:
        page, events = search.agenda_page(request.user, query, request.GET.get("pagina"))
        context.update(page=page, events=events)
        return render(request, "portal/search_agenda.html", context)
    groups = search.search_site(request.user, query)
    context.update(
        groups=groups,
        groups_with_hits=[group for group in groups if group.hits],
        found_nothing=bool(query) and not any(group.hits for group in groups),
    )
    return render(request, "portal/search.html", context)

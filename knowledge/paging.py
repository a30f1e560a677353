"""One page of a library list: its ids and how many there are in all.

Paginator asks for the count and then for the page, which runs a search twice. Most
people read only the first page, so there a window count (COUNT(*) OVER ()) gives both
in one query; further pages go through Paginator, which also turns a page past the end
into the last one.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


def page_of_ids(resources, number, per_page: int) -> Page:
    ids = resources.values_list("pk", flat=True)
    if str(number or "1").strip() != "1":
        return Paginator(ids, per_page).get_page(number)
    rows = list(resources.annotate(total=Window(Count("pk"))).values_list("pk", "total")[:per_page])
    paginator = Paginator([], per_page)
    paginator.count = rows[0][1] if rows else 0  # known already: Paginator would count again
    return Page([pk for pk, _total in rows], 1, paginator)

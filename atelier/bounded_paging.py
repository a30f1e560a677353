"""Pages of a long list whose cost does not grow with the list.

Django's Paginator counts every row to number the pages, and a page far down reads
every row before it. Here a list is counted up to MAX_COUNTED rows and no further: a
list that is longer says "more than 1,000" and offers its first MAX_COUNTED rows in
pages (at most fifty pages of twenty, so the deepest page skips at most 980 rows).
What lies further is reached by narrowing the list (a kind, a tag, a search) or, for
search engines, by the sitemap.
"""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet

MAX_COUNTED = 1000


class BoundedPaginator(Paginator):
    """A Paginator that counts at most `limit` rows of a queryset, in one bounded query."""

    def __init__(
        self,
        object_list: QuerySet,
        per_page: int,
        limit: int | None = None,
        counted_rows: QuerySet | None = None,
    ):
        """`counted_rows`, when given, are counted instead of `object_list`: the same
        number of rows, read another way (knowledge/tag_filter.py)."""
        super().__init__(object_list, per_page)
        self.rows = object_list if counted_rows is None else counted_rows
        self.limit = MAX_COUNTED if limit is None else limit

    @cached_property
    def counted(self) -> int:
        # Only the primary keys: annotations (counts per row) are not worked out to count.
        # Without their order: the count stops at `limit` + 1 rows instead of sorting all.
        return self.rows.order_by().values("pk")[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        """The number of rows, or `limit` when there are more."""
        return min(self.counted, self.limit)

    @property
    def more_than_counted(self) -> bool:
        """Whether the list goes on past the rows it offers."""
        return self.counted > self.limit

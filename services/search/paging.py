"""Pages of results that stop counting: "more than 1,000 services" rather than an exact count.

Counting every match exactly costs more than reading the page shown once a search matches
tens of thousands of services (most of a `q=support` request at 50,000). So the count
stops one past COUNT_CAP, or one past the page asked for when that is further on: it never
reads more rows than reading that page does, and every page that exists can still be
reached, with its "Next page" link.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1_000
# Page numbers past this are read as this: it still counts every service at national size
# (20 million on pages of 20), and keeps the count's LIMIT a number the database takes.
LAST_PAGE_LOOKED_FOR = 1_000_000


class CappedPaginator(Paginator):
    """A Paginator over a queryset whose count stops past `cap`, or past the page asked
    for if that is further on (get_page).

    `counted_all` says whether `count` is every match or only where counting stopped; when
    it is not, `num_pages` is a page more than `pages_full`, so the page shown always has a
    "Next page", and a page past the end is only ever found with every match counted.
    """

    def __init__(self, object_list, per_page: int, cap: int = COUNT_CAP):
        super().__init__(object_list, per_page)
        self.cap = cap
        self._limit = cap + 1

    def get_page(self, number) -> Page:
        """The page asked for; the first for a number that is not a page (below 1, or not
        a whole number), the last for one past the end."""
        wanted = _page_number(number)
        self._limit = max(self.cap, wanted * self.per_page) + 1
        for counted in ("count", "num_pages"):
            self.__dict__.pop(counted, None)
        return self.page(min(wanted, self.num_pages))

    @cached_property
    def count(self) -> int:
        """How many match, counting no further than the limit (ordering left out: it does
        not change a count, and would make the database sort every match first)."""
        return self.object_list.order_by()[: self._limit].count()

    @property
    def counted_all(self) -> bool:
        return self.count < self._limit

    @property
    def pages_full(self) -> int:
        """Pages known to be full when not every match was counted."""
        return (self._limit - 1) // self.per_page


def _page_number(number) -> int:
    try:
        if isinstance(number, float) and not number.is_integer():
            raise ValueError
        wanted = int(number)
    except (TypeError, ValueError):
        return 1
    return min(max(wanted, 1), LAST_PAGE_LOOKED_FOR)

"""Pages of results that stop counting: "more than 1,000 services" rather than an exact count.

Counting every match exactly costs as much as finding the page shown (both go through
every match), and at national size a search matches tens of thousands of services. So the
page's own query counts too: it reads the ids of the matches in the page's order, one past
COUNT_CAP (or one past the page asked for, when that is further on), and the page's
services come by id. Sorting keeps the top 1,001 rather than the top 20 at about the same
cost, so counting adds next to nothing to the page, every page that exists can be reached
with its "Next page" link, and the database plans the count as it plans the page.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator

COUNT_CAP = 1_000
# Page numbers past this are read as this: it still counts every service at national size
# (20 million on pages of 20), and keeps the query's LIMIT a number the database takes.
LAST_PAGE_LOOKED_FOR = 1_000_000


class PartlyCounted(Paginator):
    """A Paginator whose count may stop at `cap` (plus one, or further when a later page was
    asked for): `counted_all` says whether it did."""

    cap = COUNT_CAP

    @property
    def counted_all(self) -> bool:
        raise NotImplementedError

    @property
    def pages_full(self) -> int:
        """Pages known to be full when not every match was counted (with one match past
        them, so there are more pages than these)."""
        return (self.count - 1) // self.per_page


class ArrangedPaginator(PartlyCounted):
    """Pages of services arranged around a place (search.nearby.Arrangement), read with
    enough_for(page) so that a wide circle stops reading once it has the nearest ones."""

    @property
    def counted_all(self) -> bool:
        return self.object_list.counted_all

    def get_page(self, number) -> Page:
        """The page asked for, read as enough_for reads it: the first for a number that
        is not a page (below 1, or not a whole number), the last for one past the end.
        (Django's own get_page shows the last for a number below 1, which here would be the
        last page of those read, not of those found.)"""
        return super().get_page(_page_number(number))


def enough_for(number, per_page: int, cap: int = COUNT_CAP) -> int:
    """How many results to read for the page asked for: to one past the cap, or one past
    that page when it is further on, as CappedPaginator counts."""
    return max(cap, _page_number(number) * per_page) + 1


class CappedPaginator(PartlyCounted):
    """A Paginator over an ordered queryset that counts no further than `cap`, or than the
    page asked for if that is further on (get_page), with the page's own query.

    `counted_all` says whether `count` is every match or only where counting stopped; when
    it is not, `num_pages` is a page more than `pages_full`, so the page shown always has a
    "Next page". A page past the end (an old or mistyped address) is found only with every
    match counted: two more queries, a count and the last page's ids.
    """

    def __init__(self, object_list, per_page: int, cap: int = COUNT_CAP):
        super().__init__(object_list, per_page)
        self.cap = cap
        self._count = 0
        self._limit = cap + 1

    def get_page(self, number) -> Page:
        """The page asked for; the first for a number that is not a page (below 1, or not
        a whole number), the last for one past the end."""
        wanted = _page_number(number)
        start = (wanted - 1) * self.per_page
        limit = enough_for(wanted, self.per_page, self.cap)
        ids = self._ids(start, limit)
        if ids or wanted == 1:
            self._counted(start + len(ids), limit)
        else:
            # Past the end: count every match, and show the last page.
            self._counted(self.object_list.count(), limit=None)
            wanted = self.num_pages
            start = (wanted - 1) * self.per_page
            ids = self._ids(start, start + self.per_page)
        shown = ids[: self.per_page]
        by_id = self.object_list.in_bulk(shown)
        # A service withdrawn between the two queries is left out rather than failing.
        return self._get_page([by_id[pk] for pk in shown if pk in by_id], wanted, self)

    @property
    def count(self) -> int:
        """How many match, counted no further than get_page's limit."""
        return self._count

    @property
    def counted_all(self) -> bool:
        return self._limit is None or self._count < self._limit

    def _ids(self, start: int, stop: int) -> list:
        return list(self.object_list.values_list("pk", flat=True)[start:stop])

    def _counted(self, count: int, limit: int | None) -> None:
        self._count, self._limit = count, limit
        self.__dict__.pop("num_pages", None)  # Paginator's cached_property, worked out again


def _page_number(number) -> int:
    try:
        if isinstance(number, float) and not number.is_integer():
            raise ValueError
        wanted = int(number)
    except (TypeError, ValueError):
        return 1
    return min(max(wanted, 1), LAST_PAGE_LOOKED_FOR)

import base64
import binascii

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from motcua.core.capped_counts import count_up_to
from motcua.core.errors import ValidationFailed
from motcua.core.text import small_number


class StandardPagination(PageNumberPagination):
    """`{"count", "next", "previous", "results"}`; `?page=` and `?page_size=` (at most 100)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class CheckedPageNumberPagination(StandardPagination):
    """Numbered pages; a `page_size` that is not a whole number from 1 to 100 answers 400 rather than
    being silently replaced by the default."""

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        size = small_number(raw, digits=3)
        if raw is not None and not (size is not None and 1 <= size <= self.max_page_size):
            raise ValidationFailed(
                f"page_size phải là số nguyên từ 1 đến {self.max_page_size}.",
                f"page_size must be a whole number from 1 to {self.max_page_size}.",
                details={self.page_size_query_param: [raw]},
            )
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


class CursorPagination(BasePagination):
    """Keyset pages over a queryset ordered by primary key, newest first.

    The answer keeps `{"count", "next", "previous", "results"}` and adds `count_capped`:
    - `next` / `previous` carry an opaque `cursor` (the edge row's id): a page is read straight off an index
      from there, however deep, and a page never repeats or skips a row when rows are added meanwhile (new rows
      only appear before the first page);
    - `count` is exact up to the cap (COUNT_CAP, or settings.MOTCUA_LIST_COUNT_CAP); beyond, the counting stops
      there: `count` is the cap and `count_capped` is true (there are at least that many). A list named by
      `count_key` that reached the cap is remembered as such by the process for CAPPED_SECONDS (or
      settings.MOTCUA_LIST_CAPPED_COUNT_SECONDS; 0: never): counting to the cap is most of a page's cost at a
      busy agency, and a set of that many dossiers does not fall below it within a minute. Exact counts are
      never remembered. (In the process's memory, not the shared cache: asking Redis cost more CPU than a
      count of a small list; each server process counts a capped list once a minute.)

    The order is the primary key, descending: unique and never changing, so the cursor is stable; ids grow with
    time, so it reads "newest first" (historical dossiers imported later sort by their import).
    """

    page_size = 20
    max_page_size = 100
    COUNT_CAP = 10_000  # the default; settings.MOTCUA_LIST_COUNT_CAP changes it
    CAPPED_SECONDS = 60  # the default; settings.MOTCUA_LIST_CAPPED_COUNT_SECONDS changes it
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(
        self, queryset, request, view=None, *, key: str = "pk", load=None, count_key: str | None = None
    ):
        """One page of `queryset` by its unique column `key`, newest (highest) first.

        Without `load`, the page is the queryset's own rows (model instances, or the keys of a flat
        `values_list`). With `load`, the queryset yields keys and `load(keys)` the page's rows, newest first,
        as dicts with an "id" (`keys`: a list). `count_key` names the list (the caller's scope and filters)
        for a remembered capped count."""
        self.request = request
        size = self._page_size(request)
        forward, position = self._decode(request.query_params.get(self.cursor_query_param))
        keys = queryset
        if position is not None:
            keys = keys.filter(**{f"{key}__lt" if forward else f"{key}__gt": position})
        keys = keys.order_by(f"-{key}" if forward else key)[: size + 1]
        rows = list(keys)
        if load is not None:
            rows = list(load(rows))
        elif not forward:
            rows.reverse()
        more = len(rows) > size
        # Newest first now; the extra row is the one farthest from the cursor.
        rows = rows[:size] if forward else rows[len(rows) - size :] if more else rows
        edge = [self._key_of(row, key) for row in rows[:1] + rows[-1:]]
        self.count, self.capped = self._capped_count(queryset, key, count_key)
        # Going forward, there is a next page when a row is left over, and a previous one when we came by a
        # cursor; going back, the other way round.
        has_next = more if forward else True
        has_previous = (position is not None) if forward else more
        self.next_link = self._link(True, edge[-1], size) if has_next and rows else None
        self.previous_link = self._link(False, edge[0], size) if has_previous and rows else None
        if not rows and position is not None:
            # Past the end (or before the start): offer the way back from where the cursor points.
            if forward:
                self.previous_link = self._link(False, position, size)
            else:
                self.next_link = self._link(True, position, size)
        return rows

    @staticmethod
    def _key_of(row, key: str) -> int:
        if isinstance(row, int):
            return row
        if isinstance(row, dict):
            return row["id"]
        return getattr(row, key)

    def _capped_count(self, queryset, key: str, name: str | None) -> tuple[int, bool]:
        seconds = float(getattr(settings, "MOTCUA_LIST_CAPPED_COUNT_SECONDS", self.CAPPED_SECONDS))
        return count_up_to(queryset, cap=self.count_cap(), name=name, seconds=seconds, key=key)

    @classmethod
    def count_cap(cls) -> int:
        return int(getattr(settings, "MOTCUA_LIST_COUNT_CAP", cls.COUNT_CAP))

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "count_capped": self.capped,
                "next": self.next_link,
                "previous": self.previous_link,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        cap = self.count_cap()
        return {
            "type": "object",
            "required": ["count", "count_capped", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": format_lazy(
                        _("Chính xác đến {cap}; vượt quá: {cap} và count_capped là true."), cap=cap
                    ),
                    "example": 123,
                },
                "count_capped": {
                    "type": "boolean",
                    "description": format_lazy(
                        _("True khi có nhiều hơn {cap} và `count` dừng ở đó."), cap=cap
                    ),
                },
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": _("Trang cần đọc: lấy từ `next` hoặc `previous` của kết quả trước."),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": format_lazy(
                    _("Số dòng mỗi trang, từ 1 đến {max} (mặc định {default})."),
                    max=self.max_page_size,
                    default=self.page_size,
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]

    def _page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationFailed(
                f"Số dòng mỗi trang là số nguyên từ 1 đến {self.max_page_size}.",
                f"page_size is a whole number from 1 to {self.max_page_size}.",
                code="invalid_page_size",
                details={self.page_size_query_param: [raw]},
            )
        return size

    def _decode(self, raw: str | None) -> tuple[bool, int | None]:
        """(forward, position): a cursor is "n<id>" (rows after id) or "p<id>" (rows before), base64url."""
        if not raw:
            return True, None
        try:
            text = base64.urlsafe_b64decode(raw.encode("ascii") + b"=" * (-len(raw) % 4)).decode("ascii")
            direction, position = text[0], int(text[1:])
            if direction not in "np" or position < 0:
                raise ValueError(text)
        except (ValueError, IndexError, UnicodeError, binascii.Error):
            raise ValidationFailed(
                "Con trỏ trang không hợp lệ. Dùng đường dẫn next hoặc previous của trang trước.",
                "The page cursor is not valid. Use the next or previous link of the page before.",
                code="invalid_cursor",
                details={self.cursor_query_param: [raw]},
            ) from None
        return direction == "n", position

    def _link(self, forward: bool, position: int, size: int) -> str:
        token = base64.urlsafe_b64encode(f"{'n' if forward else 'p'}{position}".encode()).decode().rstrip("=")
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, self.cursor_query_param, token)
        if size != self.page_size:
            url = replace_query_param(url, self.page_size_query_param, size)
        return url

"""The charts of the indicator pages, each with the rows of the text table that says the same thing."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .charts import Chart, Datum, column_chart, nice_ceiling, row_chart
from .dashboard import Month
from .formatting import count_text, percent_text
from .service_index import AgencyScore

RATE_GRID = [(0.0, "0%"), (0.5, "50%"), (1.0, "100%")]


@dataclass(frozen=True)
class TrendChart:
    key: str
    title: str | Promise
    value_heading: str | Promise
    chart: Chart
    rows: list[tuple[str, str]]  # (month, value as text)


def _datum(month: Month, value: float | None, text: str, *, first: bool) -> Datum:
    """The month's number under its bar, and its year under the first month and each January."""
    day = month.period.first
    return Datum(f"{day:%m}", value, text, sublabel=f"{day:%Y}" if first or day.month == 1 else "")


def _rate_chart(key: str, title, heading, trend: list[Month], values: list[float | None]) -> TrendChart:
    texts = [percent_text(v) for v in values]
    data = [
        _datum(m, v, t, first=i == 0) for i, (m, v, t) in enumerate(zip(trend, values, texts, strict=True))
    ]
    return TrendChart(
        key=key,
        title=title,
        value_heading=heading,
        chart=column_chart(data, maximum=1.0, grid=RATE_GRID),
        rows=[(f"{m.period.first:%m/%Y}", t) for m, t in zip(trend, texts, strict=True)],
    )


def trend_charts(trend: list[Month]) -> list[TrendChart]:
    """On-time rate, online share and backlog by month."""
    on_time = _rate_chart(
        "on-time", _("Tỷ lệ đúng hạn"), _("Tỷ lệ đúng hạn"), trend, [m.on_time_rate for m in trend]
    )
    online = _rate_chart(
        "online", _("Tỷ lệ nộp trực tuyến"), _("Tỷ lệ trực tuyến"), trend, [m.online_rate for m in trend]
    )
    top = nice_ceiling(max((m.backlog for m in trend), default=0))
    grid = [(0, "0"), (top, count_text(int(top)))]
    if top % 2 == 0:
        grid.insert(1, (top / 2, count_text(int(top / 2))))
    backlog_data = [_datum(m, m.backlog, count_text(m.backlog), first=i == 0) for i, m in enumerate(trend)]
    backlog = TrendChart(
        key="backlog",
        title=_("Hồ sơ tồn cuối tháng"),
        value_heading=_("Hồ sơ đang giải quyết"),
        chart=column_chart(backlog_data, maximum=top, grid=grid),
        rows=[(f"{m.period.first:%m/%Y}", count_text(m.backlog)) for m in trend],
    )
    return [on_time, online, backlog]


def ranking_chart(entries: list[tuple[int, AgencyScore]]) -> Chart:
    """The on-time rate of each ranked agency, coloured by its band."""
    data = []
    for _rank, agency_score in entries:
        rate = agency_score.row.on_time_rate
        band = agency_score.band
        data.append(
            Datum(
                agency_score.row.agency.code,
                rate,
                percent_text(rate),
                css=f"band-{band['code']}" if band else "band-none",
            )
        )
    return row_chart(data, maximum=1.0, grid=RATE_GRID)

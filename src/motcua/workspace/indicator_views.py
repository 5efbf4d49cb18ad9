"""Indicator pages for leaders and inspectors: the city ranking and one agency's dashboard.

Numbers first, then the trend, then the dossiers behind each number (UX.md). An agency's dashboard answers 404
to anyone who may not see it, as if it did not exist.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from motcua.core import clock
from motcua.dossiers.selectors import Timing
from motcua.indicators.dashboard import (
    agency_figures,
    group_scores,
    may_see_agency,
    may_see_ranking,
    monthly_trend,
    online_rate,
    ranking,
)
from motcua.indicators.dashboard_charts import trend_charts
from motcua.indicators.filters import IndicatorFilterForm, period_name
from motcua.indicators.scorecard import officers_visible_to, scorecards_for
from motcua.organization.selectors import agency_by_code


@login_required
def city_ranking(request):
    if not may_see_ranking(request.user):
        raise Http404
    form = IndicatorFilterForm(request.GET, today=clock.local_now().date(), with_level=True)
    if not form.is_valid():
        return render(request, "workspace/ranking.html", {"form": form}, status=400)
    period = form.cleaned_data["period"]
    # Each row links to the agency's dashboard only where the viewer may open it (a leader sees their own).
    entries = [
        (
            rank,
            agency_score,
            group_scores(agency_score),
            may_see_agency(request.user, agency_score.row.agency),
        )
        for rank, agency_score in ranking(period=period, level=form.cleaned_data["level"])
    ]
    context = {"form": form, "period": period, "period_name": period_name(period), "entries": entries}
    return render(request, "workspace/ranking.html", context)


@login_required
def agency_dashboard(request, code: str):
    agency = agency_by_code(code)
    if agency is None or not may_see_agency(request.user, agency):
        raise Http404
    form = IndicatorFilterForm(request.GET, today=clock.local_now().date())
    context = {"agency": agency, "form": form, "ranking_visible": may_see_ranking(request.user)}
    if not form.is_valid():
        return render(request, "workspace/agency_dashboard.html", context, status=400)
    period = form.cleaned_data["period"]
    row = agency_figures(agency=agency, period=period)
    context.update(
        period=period,
        period_name=period_name(period),
        row=row,
        online_rate=online_rate(row),
        links=_links(agency.code, period),
        charts=trend_charts(monthly_trend(agency=agency)),
        as_of=clock.now(),
    )
    return render(request, "workspace/agency_dashboard.html", context)


@login_required
def officer_scorecards(request):
    """An officer's own scorecard; a leader's, every officer of the agencies they lead. 404 for anyone else."""
    officers = officers_visible_to(request.user)
    if not officers:
        raise Http404
    form = IndicatorFilterForm(request.GET, today=clock.local_now().date())
    context = {"form": form}
    if not form.is_valid():
        return render(request, "workspace/officer_scorecards.html", context, status=400)
    period = form.cleaned_data["period"]
    context.update(
        period=period,
        period_name=period_name(period),
        cards=scorecards_for(user=request.user, officers=officers, period=period),
        as_of=clock.now(),
    )
    return render(request, "workspace/officer_scorecards.html", context)


def _links(code: str, period) -> dict[str, str]:
    """The dossier list (API) behind each number that the list can filter exactly: those received in the period,
    and, while the period runs, the open ones by timing class. The report table as a spreadsheet."""
    dossiers = reverse("api:dossier-list")
    first = datetime.combine(period.first, time.min, tzinfo=clock.LOCAL_TZ)
    after = datetime.combine(period.last + timedelta(days=1), time.min, tzinfo=clock.LOCAL_TZ)
    received = {"agency": code, "received_from": first.isoformat(), "received_to": after.isoformat()}
    links = {
        "received": f"{dossiers}?{urlencode(received)}",
        "xlsx": f"{reverse('api:reports-progress')}?{urlencode({'period': period.label, 'agency': code, 'format': 'xlsx'})}",
    }
    if period.first <= clock.local_now().date() <= period.last:
        for timing in (Timing.IN_PROGRESS_WITHIN_TIME, Timing.IN_PROGRESS_OVERDUE, Timing.PAUSED):
            links[timing] = f"{dossiers}?{urlencode({'agency': code, 'timing': timing})}"
    return links

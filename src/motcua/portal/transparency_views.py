"""The public transparency page: each agency's on-time rate and service index for a period, ranked.

Public and without personal data: only agencies and counts. A plain GET form; works without JavaScript.
"""

from __future__ import annotations

from django.shortcuts import render

from motcua.core import clock
from motcua.indicators.dashboard import ranking
from motcua.indicators.dashboard_charts import ranking_chart
from motcua.indicators.filters import IndicatorFilterForm, period_name


def transparency(request):
    form = IndicatorFilterForm(request.GET, today=clock.local_now().date(), with_level=True)
    if not form.is_valid():
        return render(request, "portal/transparency.html", {"form": form}, status=400)
    period = form.cleaned_data["period"]
    entries = ranking(period=period, level=form.cleaned_data["level"])
    context = {
        "form": form,
        "period": period,
        "period_name": period_name(period),
        "entries": entries,
        "chart": ranking_chart(entries),
        "as_of": clock.now(),
    }
    return render(request, "portal/transparency.html", context)

"""Public catalog pages: search, browse by sector and by agency, and each procedure's start page.

Plain GET forms and links: everything works without JavaScript.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from motcua.catalog.errors import ProcedureNotFound
from motcua.catalog.models import AuthorityLevel, Channel, OnlineLevel, ProcessingTimeKind
from motcua.catalog.selectors import (
    agencies_with_procedures,
    fee_total,
    procedure_groups_of,
    procedure_public,
    procedures_search,
    sector_by_code,
    sectors_with_procedures,
)
from motcua.organization.models import Agency
from motcua.organization.selectors import agency_by_code

PAGE_SIZE = 20
ONLINE_CHOICES = [
    ("", gettext_lazy("Tất cả")),
    ("full", gettext_lazy("Toàn trình")),
    ("partial", gettext_lazy("Một phần")),
    ("none", gettext_lazy("Không trực tuyến")),
]
WEEKDAYS = [
    gettext_lazy("Thứ Hai"),
    gettext_lazy("Thứ Ba"),
    gettext_lazy("Thứ Tư"),
    gettext_lazy("Thứ Năm"),
    gettext_lazy("Thứ Sáu"),
    gettext_lazy("Thứ Bảy"),
    gettext_lazy("Chủ nhật"),
]


def _english() -> bool:
    return (get_language() or "vi")[:2] == "en"


def format_money(amount: int) -> str:
    if amount == 0:
        return _("Miễn phí")
    if _english():
        return f"VND {amount:,}"
    return f"{amount:,}".replace(",", ".") + " đồng"


def format_time(kind: str, amount: int | Decimal) -> str:
    """ "5 ngày làm việc" / "5 working days"; step budgets may be fractions ("0,5 ngày làm việc")."""
    n = number_format(amount.normalize()) if isinstance(amount, Decimal) else amount
    count = 2 if isinstance(amount, Decimal) and amount != 1 else int(amount)  # English: "0.5 working days"
    if kind == ProcessingTimeKind.WORKING_MINUTES:
        text = ngettext("%(n)s phút làm việc", "%(n)s phút làm việc", count)
    elif kind == ProcessingTimeKind.CALENDAR_DAYS:
        text = ngettext("%(n)s ngày", "%(n)s ngày", count)
    else:
        text = ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", count)
    return text % {"n": n}


def _competent_text(version) -> str:
    if version.competent_agency_id:
        return version.competent_agency.display_name
    if version.competent_agency_kind == Agency.Kind.COMMUNE_COMMITTEE:
        return _("Ủy ban nhân dân xã, phường nơi bạn cư trú")
    return str(version.get_competent_agency_kind_display())


def _where_text(version) -> str:
    if version.authority_level == AuthorityLevel.PROVINCE:
        where = _("Trung tâm Phục vụ hành chính công thành phố hoặc chi nhánh gần nhất")
    else:
        where = _("Trung tâm phục vụ hành chính công xã, phường nơi bạn cư trú")
    if version.boundary_free:
        where += ". " + _(
            "Thủ tục được tiếp nhận không phụ thuộc địa giới hành chính: bạn có thể nộp ở bất kỳ trung tâm "
            "phục vụ hành chính công nào trong thành phố"
        )
    return where + "."


def _page(request, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _list_context(request, procedures, **extra):
    page = _page(request, procedures)
    for procedure in page.object_list:
        version = procedure.current_version
        procedure.time_text = format_time(version.processing_time_kind, version.processing_time_amount)
        procedure.fully_online = version.online_level == OnlineLevel.FULL
    return {"page": page, "query_string": _query_without_page(request), **extra}


def catalog_home(request):
    return render(
        request,
        "portal/catalog/home.html",
        {"sectors": sectors_with_procedures(), "levels": AuthorityLevel.choices},
    )


def catalog_search(request):
    q = (request.GET.get("q") or "").strip()[:200]
    sector = request.GET.get("sector") or ""
    level = request.GET.get("level") if request.GET.get("level") in AuthorityLevel.values else ""
    online = request.GET.get("online") if request.GET.get("online") in OnlineLevel.values else ""
    procedures = procedures_search(query=q, sector=sector or None, level=level or None, online=online or None)
    context = _list_context(
        request,
        procedures,
        q=q,
        sector=sector,
        level=level,
        online=online,
        sectors=sectors_with_procedures(),
        levels=AuthorityLevel.choices,
        online_choices=ONLINE_CHOICES,
    )
    return render(request, "portal/catalog/search.html", context)


def catalog_sector(request, code: str):
    sector = sector_by_code(code=code)
    if sector is None:
        raise Http404
    context = _list_context(request, procedures_search(sector=code), heading=sector.display_name)
    return render(request, "portal/catalog/list.html", context)


def catalog_agencies(request):
    page = _page(request, agencies_with_procedures())
    return render(request, "portal/catalog/agencies.html", {"page": page, "query_string": ""})


def catalog_agency(request, code: str):
    agency = agency_by_code(code)
    if agency is None:
        raise Http404
    context = _list_context(request, procedures_search(agency=agency), heading=agency.display_name)
    return render(request, "portal/catalog/list.html", context)


def procedure_detail(request, code: str):
    try:
        procedure = procedure_public(code=code)
    except ProcedureNotFound as exc:
        raise Http404(exc.message()) from exc
    version = procedure.current_version
    steps = list(version.steps.all())
    lanes = list(procedure.express_lanes.all())
    for lane in lanes:
        lane.weekday_names = ", ".join(str(WEEKDAYS[d]) for d in lane.weekdays if 0 <= d <= 6)
    for step in steps:
        step.budget_text = format_time(version.processing_time_kind, step.time_budget)
    fees = list(version.fees.all())
    for fee in fees:
        fee.amount_text = format_money(fee.amount)
    context = {
        "procedure": procedure,
        "version": version,
        "documents": list(version.documents.all()),
        "fees": fees,
        "fee_total_text": format_money(fee_total(version=version)),
        "steps": steps,
        "time_text": format_time(version.processing_time_kind, version.processing_time_amount),
        "fully_online": version.online_level == OnlineLevel.FULL,
        "channels": [Channel(c).label for c in version.channels if c in Channel.values],
        "counter": Channel.COUNTER in version.channels,
        "online": Channel.ONLINE in version.channels,
        "groups": [
            (g, format_time(g.processing_time_kind, g.processing_time_amount))
            for g in procedure_groups_of(procedure=procedure)
        ],
        "lanes": lanes,
        "competent_text": _competent_text(version),
        "where_text": _where_text(version),
        "english": _english(),
    }
    return render(request, "portal/catalog/detail.html", context)

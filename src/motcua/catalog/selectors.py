"""Reads of the catalog: the version in force, express lanes, the competent agency, fees, search."""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Length, StrIndex
from django.utils import translation

from motcua.core import clock
from motcua.core.recent import recently_computed
from motcua.core.text import search_key
from motcua.organization.models import AdministrativeUnit, Agency
from motcua.organization.selectors import active_agencies_of_kind

from .errors import CompetentAgencyNotFound, ProcedureNotFound
from .models import (
    Channel,
    ExpressLane,
    FeeLine,
    OnlineLevel,
    Procedure,
    ProcedureGroup,
    ProcedureGroupMember,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    Sector,
)


def _version_in_force_query(procedure_code: str) -> ProcedureVersion | None:
    return (
        ProcedureVersion.objects.select_related("procedure", "procedure__sector", "competent_agency")
        .filter(
            procedure__code=procedure_code,
            procedure__is_active=True,
            status=ProcedureVersion.Status.PUBLISHED,
        )
        .first()
    )


# Per process: procedure code -> (identity of the rows read, snapshot of their columns). PostgreSQL only.
_IN_FORCE: dict[str, tuple[tuple, tuple]] = {}
_IN_FORCE_MAX = 1000


def _rows_identity_query() -> str:
    """The in-force version's id and the physical identity (ctid, xmin) of the four rows the version object
    is built from: any committed or same-transaction change to one of them, even a bulk UPDATE, changes it."""
    quote = connection.ops.quote_name
    tables = {
        "p": Procedure._meta.db_table,
        "v": ProcedureVersion._meta.db_table,
        "s": Sector._meta.db_table,
        "a": Agency._meta.db_table,
    }
    identity = ", ".join(f"{alias}.ctid::text, {alias}.xmin::text" for alias in tables)
    t = {alias: quote(table) for alias, table in tables.items()}
    return (
        f"SELECT v.id, {identity} FROM {t['p']} p "  # noqa: S608
        f"JOIN {t['v']} v ON v.procedure_id = p.id AND v.status = %s "
        f"JOIN {t['s']} s ON s.id = p.sector_id "
        f"LEFT JOIN {t['a']} a ON a.id = v.competent_agency_id "
        "WHERE p.code = %s AND p.is_active"
    )


def _snapshot(obj) -> tuple:
    return tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields)


def _rebuilt(model, db: str, values: tuple):
    # Fresh instances per call: nothing a request caches or changes on them outlives it. Only the mutable
    # values (JSON lists and dicts) need copies; strings, numbers, dates and decimals are shared as they are.
    return model.from_db(
        db, None, [copy.deepcopy(v) if isinstance(v, list | dict | set) else v for v in values]
    )


def procedure_version_in_force(*, procedure_code: str) -> ProcedureVersion:
    """The current published version of an active procedure; raises ProcedureNotFound otherwise.

    On PostgreSQL the version (with its procedure, sector and competent agency) is kept per process and
    checked on every call by one small statement on the rows' identity, so a newly published version or any
    change to those rows counts at once in every process."""
    if connection.vendor != "postgresql":
        version = _version_in_force_query(procedure_code)
        if version is None:
            raise ProcedureNotFound.for_code(procedure_code)
        return version
    with connection.cursor() as cursor:
        cursor.execute(_rows_identity_query(), [ProcedureVersion.Status.PUBLISHED, procedure_code])
        row = cursor.fetchone()
    if row is None:
        raise ProcedureNotFound.for_code(procedure_code)
    cached = _IN_FORCE.get(procedure_code)
    if cached is None or cached[0] != row:
        version = _version_in_force_query(procedure_code)
        if version is None or version.pk != row[0]:  # changed in between: answer from the fresh read
            if version is None:
                raise ProcedureNotFound.for_code(procedure_code)
            return version
        agency = version.competent_agency
        cached = (
            row,
            (
                version._state.db,
                _snapshot(version),
                _snapshot(version.procedure),
                _snapshot(version.procedure.sector),
                _snapshot(agency) if agency is not None else None,
            ),
        )
        if len(_IN_FORCE) >= _IN_FORCE_MAX:
            _IN_FORCE.clear()
        _IN_FORCE[procedure_code] = cached
    db, version_values, procedure_values, sector_values, agency_values = cached[1]
    version = _rebuilt(ProcedureVersion, db, version_values)
    procedure = _rebuilt(Procedure, db, procedure_values)
    procedure._state.fields_cache["sector"] = _rebuilt(Sector, db, sector_values)
    version._state.fields_cache["procedure"] = procedure
    version._state.fields_cache["competent_agency"] = (
        _rebuilt(Agency, db, agency_values) if agency_values is not None else None
    )
    return version


def express_lane_for(
    *, procedure: Procedure, agency: Agency, channel: str, moment: datetime
) -> ExpressLane | None:
    """The express lane that applies to a dossier received at `agency` by `channel` at `moment`, if any.

    The weekday and the effective dates are read in Asia/Ho_Chi_Minh. A lane at this agency wins over a lane
    that applies everywhere (agency left empty).
    """
    local = clock.to_local(moment)
    day = local.date()
    lanes = ExpressLane.objects.filter(procedure=procedure, is_active=True).filter(
        Q(agency=agency) | Q(agency__isnull=True),
        Q(effective_from__isnull=True) | Q(effective_from__lte=day),
        Q(effective_to__isnull=True) | Q(effective_to__gte=day),
    )
    if channel != Channel.COUNTER:
        lanes = lanes.filter(counter_only=False)
    # weekdays is a JSON list; filtering it in Python keeps SQLite and PostgreSQL identical.
    matching = [
        lane for lane in lanes.order_by("agency_id", "working_minutes") if local.weekday() in lane.weekdays
    ]
    specific = [lane for lane in matching if lane.agency_id == agency.pk]
    return (specific or matching or [None])[0]


def _agency_of_kind(kind: str, unit: AdministrativeUnit | None) -> Agency | None:
    while unit is not None:
        found = active_agencies_of_kind(kind, unit.pk)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None  # ambiguous: the version must name its agency
        unit = unit.parent
    return None


def competent_agency_for(
    *,
    version: ProcedureVersion,
    applicant_unit: AdministrativeUnit | None = None,
    receiving_agency: Agency | None = None,
) -> Agency:
    """Who decides: the version's named agency, else the agency of its kind for the applicant's area.

    With only an agency kind (e.g. "every commune People's Committee for its own area") the applicant's
    administrative unit decides; without it, the receiving agency's unit. A province-level kind found in a
    commune's parent also counts (a department for a ward resident).
    """
    if version.competent_agency_id:
        return version.competent_agency
    kind = version.competent_agency_kind
    if kind:
        for unit in (applicant_unit, receiving_agency.administrative_unit if receiving_agency else None):
            agency = _agency_of_kind(kind, unit)
            if agency is not None:
                return agency
    with translation.override("vi"):
        kind_label = str(Agency.Kind(kind).label) if kind in Agency.Kind.values else "?"
    raise CompetentAgencyNotFound(
        f"Không xác định được cơ quan có thẩm quyền ({kind_label}) cho thủ tục {version.procedure.code} "
        "tại địa bàn của người nộp hoặc nơi tiếp nhận.",
        f"No competent agency ({kind or 'none'}) was found for procedure {version.procedure.code} "
        "in the applicant's or the receiving agency's area.",
        details={"procedure_code": version.procedure.code, "competent_agency_kind": kind},
    )


def fee_total(*, version: ProcedureVersion) -> int:
    """The sum of the version's fee lines, in đồng."""
    return int(version.fees.aggregate(total=Sum("amount"))["total"] or 0)


def procedures_published() -> QuerySet[Procedure]:
    return Procedure.objects.filter(is_active=True, current_version__isnull=False).select_related(
        "sector", "current_version", "current_version__competent_agency"
    )


SIMILARITY_THRESHOLD = 0.75


class SearchRank:
    """Lower is better. Exact phrase in the name, then every word in the name, then anything else."""

    NAME_EQUALS = 0
    NAME_PHRASE = 1
    NAME_ALL_WORDS = 2
    OTHER = 3
    SIMILAR = 4  # PostgreSQL only: close spelling (trigram word similarity)


def _all_words(field_name: str, words: list[str]) -> Q:
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field_name}__contains": word})
    return condition


def procedures_search(
    *,
    query: str = "",
    sector: str | None = None,
    agency: Agency | None = None,
    level: str | None = None,
    online: str | None = None,
) -> QuerySet[Procedure]:
    """Published procedures matching a free-text query and filters, best matches first.

    The query is folded with search_key (no diacritics, lower case) and compared with the normalized columns,
    so "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH" and "khai sinh" all find "Đăng ký khai sinh" first, on
    SQLite and PostgreSQL alike. On PostgreSQL the trigram index serves the substring matches and also
    finds close spellings ("dang ki khai sinh"), ranked last.
    `online` is "full" (fully online), "partial", "none", or "yes" (any online level).
    """
    procedures = procedures_published()
    if sector:
        procedures = procedures.filter(sector__code=sector)
    if agency is not None:
        procedures = procedures.filter(
            Q(current_version__competent_agency=agency)
            | Q(
                current_version__competent_agency__isnull=True,
                current_version__competent_agency_kind=agency.kind,
            )
        )
    if level:
        procedures = procedures.filter(authority_level=level)
    if online == "yes":
        procedures = procedures.exclude(current_version__online_level="none")
    elif online:
        procedures = procedures.filter(current_version__online_level=online)
    key = search_key(query or "")
    if not key:
        return procedures.order_by("search_name", "code")
    words = key.split()
    matches = _all_words("search_text", words)
    if connection.vendor == "postgresql" and len(key) >= 4:
        # `%>` (default threshold 0.6) uses the trigram index; the stricter 0.75 keeps "birth registration"
        # from matching "marriage registration" while "dang ki khai sinh" still finds "dang ky khai sinh".
        procedures = procedures.annotate(similarity=TrigramWordSimilarity(Value(key), "search_text"))
        matches |= Q(search_text__trigram_word_similar=key, similarity__gte=SIMILARITY_THRESHOLD)
    in_name = Q(search_name__contains=key) | Q(search_name_en__contains=key)
    rank = Case(
        When(Q(search_name=key) | Q(search_name_en=key), then=Value(SearchRank.NAME_EQUALS)),
        When(in_name, then=Value(SearchRank.NAME_PHRASE)),
        When(
            _all_words("search_name", words) | _all_words("search_name_en", words),
            then=Value(SearchRank.NAME_ALL_WORDS),
        ),
        When(_all_words("search_text", words), then=Value(SearchRank.OTHER)),
        default=Value(SearchRank.SIMILAR),
        output_field=IntegerField(),
    )
    # Within a rank, the phrase earlier in the name and the shorter name first: "Đăng ký khai sinh"
    # before "Đăng ký lại khai sinh" and "Đăng ký khai sinh có yếu tố nước ngoài".
    position = Case(
        When(search_name__contains=key, then=StrIndex("search_name", Value(key))),
        default=Value(9999),
        output_field=IntegerField(),
    )
    return (
        procedures.filter(matches)
        .annotate(search_rank=rank, search_position=position, name_length=Length("search_name"))
        .order_by("search_rank", "search_position", "name_length", "code")
    )


def procedure_public(*, code: str) -> Procedure:
    """A published, active procedure with everything its public page shows; ProcedureNotFound otherwise."""
    procedure = (
        procedures_published()
        .filter(code=code)
        .prefetch_related(
            Prefetch("current_version__documents", queryset=RequiredDocument.objects.order_by("order", "id")),
            Prefetch("current_version__fees", queryset=FeeLine.objects.order_by("order", "id")),
            Prefetch(
                "current_version__steps",
                queryset=ProcessStep.objects.select_related("agency").order_by("order"),
            ),
            Prefetch(
                "group_memberships",
                queryset=ProcedureGroupMember.objects.filter(group__is_active=True).select_related("group"),
            ),
            Prefetch(
                "express_lanes",
                queryset=ExpressLane.objects.filter(is_active=True).select_related("agency"),
            ),
        )
        .first()
    )
    if procedure is None:
        raise ProcedureNotFound.for_code(code)
    return procedure


def procedure_groups_of(*, procedure: Procedure) -> list[ProcedureGroup]:
    return [m.group for m in procedure.group_memberships.all()]


def sectors_with_procedures() -> list[Sector]:
    """Sectors with at least one published procedure (count in `published`), in alphabetical order of their
    name in the current language, ignoring diacritics (database collations disagree on "Đ")."""
    sectors = Sector.objects.annotate(
        published=Count(
            "procedures",
            filter=Q(procedures__is_active=True, procedures__current_version__isnull=False),
        )
    ).filter(published__gt=0)
    return sorted(sectors, key=lambda sector: search_key(sector.display_name))


def agencies_with_procedures() -> list[Agency]:
    """Agencies that decide at least one published procedure, by name or by kind (e.g. every commune)."""
    # The same published procedures as procedures_search, so that every agency listed has a non-empty page.
    versions = procedures_published().values_list(
        "current_version__competent_agency_id", "current_version__competent_agency_kind"
    )
    named = {agency_id for agency_id, _ in versions if agency_id is not None}
    kinds = {kind for agency_id, kind in versions if agency_id is None}
    return list(
        Agency.objects.filter(Q(pk__in=named) | Q(kind__in=kinds), is_active=True)
        .select_related("administrative_unit")
        .order_by("kind", "name")
    )


@dataclass(frozen=True)
class CatalogOffer:
    """An agency's published procedures (named as theirs, or by their kind): how many, how many offered online
    (full-process or partial, Decree 42/2022/NĐ-CP), how many published with complete data."""

    procedures: int = 0
    online: int = 0
    complete: int = 0

    def __add__(self, other: CatalogOffer) -> CatalogOffer:
        return CatalogOffer(
            self.procedures + other.procedures, self.online + other.online, self.complete + other.complete
        )


def catalog_offer_by_agency(
    *, agency_ids: list[int], kinds: dict[int, str] | None = None
) -> dict[int, CatalogOffer]:
    """Per agency: its published procedures' offer. Complete data: legal basis, effective date, the result's
    name, at least one required document and one process step (what the public page shows a citizen).
    `kinds`: each agency's kind, when the caller has them already (else they are read).

    The catalog's counts are taken at most MOTCUA_CATALOG_OFFER_SECONDS ago and shared through the cache: every
    report and index asks for them, a city publishes thousands of procedures, and they change only when one is
    published or withdrawn."""
    _taken_at, (named, by_kind) = recently_computed(
        key="motcua:catalog:offer", seconds=settings.MOTCUA_CATALOG_OFFER_SECONDS, compute=_catalog_offer
    )
    if kinds is None:
        kinds = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "kind"))
    return {
        agency_id: named.get(agency_id, CatalogOffer()) + by_kind.get(kinds[agency_id], CatalogOffer())
        for agency_id in agency_ids
        if agency_id in kinds
    }


def _catalog_offer() -> tuple[dict[int, CatalogOffer], dict[str, CatalogOffer]]:
    """The published procedures' offer summed per agency they name, and per agency kind for those naming none."""
    versions = (
        procedures_published()
        .annotate(
            has_documents=Exists(RequiredDocument.objects.filter(version=OuterRef("current_version"))),
            has_steps=Exists(ProcessStep.objects.filter(version=OuterRef("current_version"))),
        )
        .values_list(
            "current_version__competent_agency_id",
            "current_version__competent_agency_kind",
            "current_version__online_level",
            "current_version__legal_basis",
            "current_version__effective_from",
            "current_version__result_name",
            "has_documents",
            "has_steps",
        )
    )
    # A procedure counts for the agency it names, or, naming none, for every agency of its kind: summed once
    # per agency and per kind (a city has thousands of procedures).
    named: dict[int, CatalogOffer] = defaultdict(CatalogOffer)
    by_kind: dict[str, CatalogOffer] = defaultdict(CatalogOffer)
    for agency_id, kind, online, basis, since, result, documents, steps in versions:
        offer = CatalogOffer(
            1,
            int(online in (OnlineLevel.FULL, OnlineLevel.PARTIAL)),
            int(bool(basis.strip() and since and result.strip() and documents and steps)),
        )
        if agency_id is not None:
            named[agency_id] += offer
        else:
            by_kind[kind] += offer
    return dict(named), dict(by_kind)


def sector_by_code(*, code: str) -> Sector | None:
    return Sector.objects.filter(code=code).first()

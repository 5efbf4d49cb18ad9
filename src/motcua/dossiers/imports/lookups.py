"""What an import run reads once and keeps: agencies by code, procedure versions by code and date, their step
templates and fees, and each agency's working calendar."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum

from motcua.catalog import selectors as catalog
from motcua.catalog.models import FeeLine, ProcedureVersion, ProcessStep
from motcua.deadlines import selectors as deadlines
from motcua.deadlines.calendar import WorkingCalendar
from motcua.organization.models import Agency


@dataclass
class Lookups:
    """Per run (or per request): every catalog row an import needs, read at most once."""

    agencies: dict[str, Agency | None] = field(default_factory=dict)
    versions: dict[str, list[ProcedureVersion]] = field(default_factory=dict)
    templates: dict[int, list[ProcessStep]] = field(default_factory=dict)
    fees: dict[int, int] = field(default_factory=dict)
    kept: deadlines.KeptCalendars = field(default_factory=deadlines.KeptCalendars)
    calendars: dict[int, WorkingCalendar] = field(default_factory=dict)  # by agency, as `kept` holds them
    # Every row read already (read_all): whatever is not here does not exist, and nothing is queried.
    complete: bool = False

    @classmethod
    def read_all(cls) -> Lookups:
        """Every active agency, every version in force at some time, their templates and fees, and every
        agency's calendar (and the city's), in a few queries: for worker processes that must not query."""
        found = cls(complete=True)
        with found.calendars_kept():
            for agency in Agency.objects.filter(is_active=True):
                found.agencies[agency.code] = agency
                deadlines.calendar_for(agency=agency)
            deadlines.calendar_for()
        versions = list(
            ProcedureVersion.objects.select_related("procedure")
            .filter(status__in=[ProcedureVersion.Status.PUBLISHED, ProcedureVersion.Status.SUPERSEDED])
            .order_by("procedure__code", "-number")
        )
        for version in versions:
            found.versions.setdefault(version.procedure.code, []).append(version)
            found.templates[version.pk], found.fees[version.pk] = [], 0
        for step in ProcessStep.objects.filter(version__in=versions).order_by("version", "order"):
            found.templates[step.version_id].append(step)
        fees = FeeLine.objects.filter(version__in=versions).values("version").annotate(total=Sum("amount"))
        found.fees.update((row["version"], int(row["total"] or 0)) for row in fees.order_by())
        return found

    def most_steps(self) -> int:
        return max((len(steps) for steps in self.templates.values()), default=0)

    def agency(self, code: str) -> Agency | None:
        if self.complete:
            return self.agencies.get(code)
        if code not in self.agencies:
            self.agencies[code] = Agency.objects.filter(code=code, is_active=True).first()
        return self.agencies[code]

    def version_on(self, procedure_code: str, day: date) -> ProcedureVersion | None:
        """The version in force on `day`: published or superseded, its effective dates around the day (an open
        end counts as in force); of several, the highest number; None when the procedure has none then."""
        if procedure_code not in self.versions and not self.complete:
            self.versions[procedure_code] = list(
                ProcedureVersion.objects.select_related("procedure")
                .filter(
                    procedure__code=procedure_code,
                    status__in=[ProcedureVersion.Status.PUBLISHED, ProcedureVersion.Status.SUPERSEDED],
                )
                .order_by("-number")
            )
        for version in self.versions.get(procedure_code, ()):
            if (version.effective_from is None or version.effective_from <= day) and (
                version.effective_to is None or day <= version.effective_to
            ):
                return version
        return None

    def template(self, version: ProcedureVersion) -> list[ProcessStep]:
        if version.pk not in self.templates:
            self.templates[version.pk] = list(version.steps.order_by("order"))
        return self.templates[version.pk]

    def fee_total(self, version: ProcedureVersion) -> int:
        if version.pk not in self.fees:
            self.fees[version.pk] = catalog.fee_total(version=version)
        return self.fees[version.pk]

    def calendar(self, agency: Agency) -> WorkingCalendar:
        """The agency's calendar, asked for each dossier: found by its key, without reading the agency's
        working hours again, once `calendar_for` has kept it for the run."""
        if agency.pk not in self.calendars:
            with self.calendars_kept():
                self.calendars[agency.pk] = deadlines.calendar_for(agency=agency)
        return self.calendars[agency.pk]

    def calendars_kept(self) -> contextlib.AbstractContextManager[deadlines.KeptCalendars]:
        """Every `calendar_for` of the block (the guards' too) answered from what this run keeps: each calendar
        read once per run."""
        return deadlines.calendars_kept(self.kept)

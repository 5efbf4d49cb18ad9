"""The dossier list's rows, rendered straight from the database values of `selectors.dossier_list_values`.

A page of 100 dossiers through DossierSummarySerializer costs 500 model objects and 1,900 field calls, most of
a list request's time; this renders the same JSON from plain values. DossierSummarySerializer stays the
definition (and the OpenAPI schema) of a row: tests/api/test_dossier_list.py checks that both give the same
answer for dossiers in every state, so a field added there and not here fails that test.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone, translation

from motcua.dossiers.models import Status

DATETIMES = ("submitted_at", "received_at", "due_at", "rescheduled_due_at", "resolved_at", "returned_at")


def _moment(value: datetime | None, zone) -> str | None:
    """As DRF's DateTimeField renders it (ISO 8601 in the current time zone, "Z" for UTC)."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# The statuses' labels per language: translating ten lazy labels on every request was a tenth of its work.
_LABELS: dict[str | None, dict[str, str]] = {}


def _status_labels(language: str | None) -> dict[str, str]:
    """The labels in the active language (`language`, the key they are kept under)."""
    labels = _LABELS.get(language)
    if labels is None:
        labels = _LABELS[language] = {status.value: str(status.label) for status in Status}
    return labels


def rendered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    zone = timezone.get_current_timezone()
    language = translation.get_language()
    english = (language or "vi")[:2] == "en"
    labels = _status_labels(language)
    out = []
    for row in rows:
        moments = {name: _moment(row[name], zone) for name in DATETIMES}
        name, name_en = row["procedure_name"], row["procedure_name_en"]
        out.append(
            {
                "code": row["code"],
                "procedure": row["procedure_code"],
                "procedure_name": (name_en if english and name_en else name) if name is not None else None,
                "status": row["status"],
                "status_display": labels.get(row["status"], row["status"]),
                "channel": row["channel"],
                "applicant_name": row["applicant_name"],
                "receiving_agency": row["receiving_agency"],
                "competent_agency": row["competent_agency"],
                "current_agency": row["current_agency"],
                "submitted_at": moments["submitted_at"],
                "received_at": moments["received_at"],
                "due_at": moments["due_at"],
                "rescheduled_due_at": moments["rescheduled_due_at"],
                "appointment": moments["rescheduled_due_at"] or moments["due_at"],
                "resolved_at": moments["resolved_at"],
                "returned_at": moments["returned_at"],
                "is_express": row["is_express"],
                "version": row["version"],
            }
        )
    return out

"""Reads of the express lanes for the administrators' page, scoped to the lanes the administrator manages."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.accounts.policy import AdministratorScope

from .models import ExpressLane


def express_lanes_administered(*, scope: AdministratorScope, ended: bool = False) -> QuerySet[ExpressLane]:
    """The lanes the administrator manages (in force, or `ended`), by procedure code."""
    lanes = ExpressLane.objects.select_related("procedure", "agency").filter(is_active=not ended)
    if scope.is_empty:
        return lanes.none()
    if not scope.citywide:
        lanes = lanes.filter(agency_id__in=sorted(scope.agency_ids))
    return lanes.order_by("procedure__code", "agency__code", "pk")


def express_lane_administered(*, scope: AdministratorScope, lane_id: int) -> ExpressLane | None:
    return express_lanes_administered(scope=scope).filter(pk=lane_id).first()

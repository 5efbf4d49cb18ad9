"""The shape of the periodic report table (`GET reports/progress/`), for the answer and the schema."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.indicators.selectors import ProgressRow

from .catalog_serializers import AgencyRefSerializer


class ReceivedSerializer(serializers.Serializer):
    carried_over = serializers.IntegerField(help_text="Open when the period began")
    total = serializers.IntegerField(help_text="Received in the period")
    online = serializers.IntegerField()
    direct = serializers.IntegerField(help_text="At a counter or at home")
    postal = serializers.IntegerField()


class ResolvedSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    early = serializers.IntegerField(help_text="On a day before the due day")
    on_time = serializers.IntegerField(help_text="On the due day, by the due moment")
    late = serializers.IntegerField()


class InProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Open at the end of the period")
    within_time = serializers.IntegerField(allow_null=True, help_text="Null for a period that has ended")
    overdue = serializers.IntegerField(allow_null=True)
    paused = serializers.IntegerField(allow_null=True, help_text="Waiting for the applicant's supplement")


class ReportFeedbackSerializer(serializers.Serializer):
    complaints = serializers.IntegerField(help_text="Filed about the agency in the period")
    recommendations = serializers.IntegerField(help_text="Filed in the period")
    due = serializers.IntegerField(
        source="feedback_due", help_text="Whose answer deadline fell on a day of the period, up to yesterday"
    )
    answered_on_time = serializers.IntegerField(help_text="Of those due, answered by the deadline")
    answered_late = serializers.IntegerField(help_text="Of those due, answered after the deadline")


class ProgressRowSerializer(serializers.Serializer):
    agency = AgencyRefSerializer(allow_null=True, help_text="Null on the total row")
    received = serializers.SerializerMethodField()
    resolved = serializers.SerializerMethodField()
    in_progress = serializers.SerializerMethodField()
    returned = serializers.IntegerField(source="flows.returned")
    withdrawn = serializers.IntegerField(source="flows.withdrawn", help_text="Withdrawn after receipt")
    stopped = serializers.IntegerField(source="flows.stopped")
    refused = serializers.IntegerField(source="flows.refused", help_text="Refused at intake")
    supplement_requests = serializers.IntegerField(source="flows.supplement_requests")
    apologies = serializers.IntegerField(source="flows.apologies")
    feedback = ReportFeedbackSerializer(help_text="Complaints and recommendations routed to the agency")
    on_time_rate = serializers.FloatField(
        allow_null=True,
        help_text="(Resolved early or on time + open within time or paused) / (resolved + open at the end); "
        "null when the period has ended or nothing was handled",
    )

    @extend_schema_field(ReceivedSerializer)
    def get_received(self, row: ProgressRow) -> dict:
        return ReceivedSerializer(
            {
                "carried_over": row.carried_over,
                "total": row.flows["received"],
                "online": row.flows["received_online"],
                "direct": row.flows["received_direct"],
                "postal": row.flows["received_postal"],
            }
        ).data

    @extend_schema_field(ResolvedSerializer)
    def get_resolved(self, row: ProgressRow) -> dict:
        flows = row.flows
        return ResolvedSerializer(
            {
                "total": row.resolved,
                "early": flows["resolved_early"],
                "on_time": flows["resolved_on_time"],
                "late": flows["resolved_late"],
            }
        ).data

    @extend_schema_field(InProgressSerializer)
    def get_in_progress(self, row: ProgressRow) -> dict:
        split = row.open_split or {}
        return InProgressSerializer(
            {
                "total": row.open_at_end,
                "within_time": split.get("within_time"),
                "overdue": split.get("overdue"),
                "paused": split.get("paused"),
            }
        ).data


class PeriodSerializer(serializers.Serializer):
    label = serializers.CharField()
    first = serializers.DateField()
    last = serializers.DateField()


class ProgressReportSerializer(serializers.Serializer):
    period = PeriodSerializer()
    as_of = serializers.DateTimeField(
        help_text="The moment the open dossiers are judged at: the end of an ended period, or when the running one was last measured (at most MOTCUA_OPEN_SPLIT_SECONDS ago)"
    )
    results = ProgressRowSerializer(many=True)
    total = ProgressRowSerializer()

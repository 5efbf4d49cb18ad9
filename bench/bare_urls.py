"""The bare baseline for the intake benchmark: a DRF endpoint that only inserts one dossier row and one event row.

No authentication, validation, idempotency, code sequence, calendar, hash chain or outbox: the floor that
Django + DRF + PostgreSQL give on this machine, measured in the same run as the real intake.
"""

import secrets

from django.db import transaction
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core import clock
from motcua.core.views import healthz
from motcua.dossiers.models import Dossier, Event
from motcua.organization.models import Agency


class BareInsert(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    def post(self, request):
        agency_id = Agency.objects.values_list("id", flat=True).get(code=request.data["agency"])
        now = clock.now()
        with transaction.atomic():
            dossier = Dossier.objects.create(
                code="BARE" + secrets.token_hex(8),
                applicant_name=request.data["name"],
                channel="online",
                receiving_agency_id=agency_id,
                competent_agency_id=agency_id,
                current_agency_id=agency_id,
                status="submitted",
                submitted_at=now,
                lookup_secret=secrets.token_hex(4),
                created_at=now,
            )
            Event.objects.create(
                dossier=dossier, seq=1, kind="submitted", at=now, previous_hash="0" * 64, hash="0" * 64
            )
        return Response({"code": dossier.code}, status=201)


urlpatterns = [
    path("healthz", healthz),
    path("bare/", BareInsert.as_view()),
]

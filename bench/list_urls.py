"""Motcua's URLs plus the naive dossier list, the baseline of bench/list_bench.py, served by the same server.

The naive list is the list as it was before the scope rows and keyset pages: the caller's scope as an OR of the
receiving, competent and current agency with an EXISTS on the steps, ordered by due moment (nulls last), newest
first, then id, counted exactly, paged by offset (`?page=`). Same authentication and serializer as the real one.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.urls import path
from rest_framework import permissions
from rest_framework.views import APIView

from motcua.accounts.models import Role
from motcua.api.dossier_serializers import DossierSummarySerializer
from motcua.api.pagination import StandardPagination
from motcua.dossiers.models import Dossier, Step
from motcua.dossiers.workflow import grants_of
from motcua.urls import urlpatterns as motcua_urlpatterns


def naive_visible_to(user):
    qs = Dossier.objects.all()
    grants = grants_of(user)
    if any(role in (Role.INSPECTOR, Role.ADMINISTRATOR) for role, _ in grants.pairs):
        return qs
    agencies = sorted({a for role, a in grants.pairs if a is not None and role != Role.APPLICANT})
    condition = Q(applicant=user)
    if agencies:
        step_here = Step.objects.filter(dossier=OuterRef("pk"), agency_id__in=agencies)
        condition |= (
            Q(receiving_agency_id__in=agencies)
            | Q(competent_agency_id__in=agencies)
            | Q(current_agency_id__in=agencies)
            | Exists(step_here)
        )
    return qs.filter(condition)


class NaiveList(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        dossiers = (
            naive_visible_to(request.user)
            .select_related(
                "procedure_version__procedure", "receiving_agency", "competent_agency", "current_agency"
            )
            .order_by(F("due_at").asc(nulls_last=True), "-created_at", "id")
        )
        paginator = StandardPagination()
        page = paginator.paginate_queryset(dossiers, request, view=self)
        return paginator.get_paginated_response(DossierSummarySerializer(page, many=True).data)


urlpatterns = [path("bench/naive-dossiers/", NaiveList.as_view()), *motcua_urlpatterns]
handler404 = "motcua.core.views.page_not_found"
handler500 = "motcua.core.views.server_error"

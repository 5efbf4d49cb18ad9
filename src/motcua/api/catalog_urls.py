from django.urls import path

from .catalog_views import ProcedureDetailView, ProcedureListView
from .document_views import ProcedureDocumentTemplateView

urlpatterns = [
    path("procedures/", ProcedureListView.as_view(), name="procedure-list"),
    path("procedures/<str:code>/", ProcedureDetailView.as_view(), name="procedure-detail"),
    path(
        "procedures/<str:code>/documents/<str:document_code>/template/",
        ProcedureDocumentTemplateView.as_view(),
        name="procedure-document-template",
    ),
]

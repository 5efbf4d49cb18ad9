from django.urls import path

from .catalog_views import ProcedureDetailView, ProcedureListView

urlpatterns = [
    path("procedures/", ProcedureListView.as_view(), name="procedure-list"),
    path("procedures/<str:code>/", ProcedureDetailView.as_view(), name="procedure-detail"),
]

"""REST API v1. Each area registers its routes in its own module; this file only gathers them."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The page and its start-up script as two answers: no inline script (Content-Security-Policy).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include("motcua.api.catalog_urls")),
    path("", include("motcua.api.calendar_urls")),
    path("", include("motcua.api.import_urls")),
    path("", include("motcua.api.dossier_urls")),
    path("", include("motcua.api.report_urls")),
    path("", include("motcua.api.personal_document_urls")),
    path("", include("motcua.api.feedback_urls")),
]

from django.urls import path

from .import_views import DossierImportView

# Before the dossier routes: "import" would otherwise be read as a dossier code.
urlpatterns = [path("dossiers/import/", DossierImportView.as_view(), name="dossier-import")]

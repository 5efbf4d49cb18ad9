from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from motcua.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("motcua.api.urls")),
    path("accounts/", include("motcua.accounts.urls")),
    path("workspace/", include("motcua.workspace.urls")),
    path("", include("motcua.portal.urls")),
]
# No route serves MEDIA_ROOT: documents are personal data, read only through the API's scoped file view.

# Pages get the site's error pages; addresses under /api/ get the API's JSON error format.
handler400 = "motcua.core.views.bad_request"
handler404 = "motcua.core.views.page_not_found"
handler500 = "motcua.core.views.server_error"

admin.site.site_header = "Motcua"
admin.site.site_title = "Motcua"

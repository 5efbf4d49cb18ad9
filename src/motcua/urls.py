from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from motcua.accounts.views import language_switch
from motcua.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", language_switch, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("motcua.api.urls")),
    path("accounts/", include("motcua.accounts.urls")),
    path("workspace/", include("motcua.workspace.urls")),
    path("", include("motcua.portal.urls")),
]
# No route serves MEDIA_ROOT: documents are personal data, read only through the API's scoped file view.
if settings.MOTCUA_OIDC_ENABLED:  # sign-in with an identity provider (OpenID Connect), when configured
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))

# Pages get the site's error pages; addresses under /api/ get the API's JSON error format.
handler400 = "motcua.core.views.bad_request"
handler404 = "motcua.core.views.page_not_found"
handler500 = "motcua.core.views.server_error"

admin.site.site_header = "Motcua"
admin.site.site_title = "Motcua"

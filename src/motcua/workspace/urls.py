from django.urls import include, path

from . import dossier_views, queue_views, views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("motcua.workspace.indicator_urls")),
    # Queues and the dossier page.
    path("ho-so/", queue_views.queue, name="queue"),
    path("ho-so/<str:code>/", dossier_views.dossier_detail, name="dossier"),
    path(
        "ho-so/<str:code>/nop-phi-tai-quay/",
        dossier_views.dossier_counter_payment,
        name="dossier_counter_payment",
    ),
    path("ho-so/<str:code>/thao-tac/<str:action>/", dossier_views.dossier_action, name="dossier_action"),
]

from django.urls import include, path

from . import dossier_views, feedback_views, queue_views, views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("motcua.workspace.indicator_urls")),
    # Queues and the dossier page.
    path("ho-so/", queue_views.queue, name="queue"),
    path("ho-so/<str:code>/", dossier_views.dossier_detail, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<str:action>/", dossier_views.dossier_action, name="dossier_action"),
    # Complaints and recommendations routed to the officer's agencies.
    path("phan-anh-kien-nghi/", feedback_views.inbox, name="feedback_inbox"),
    path("phan-anh-kien-nghi/<int:pk>/", feedback_views.feedback_detail, name="feedback"),
    path(
        "phan-anh-kien-nghi/<int:pk>/thao-tac/<str:action>/",
        feedback_views.feedback_action,
        name="feedback_action",
    ),
]

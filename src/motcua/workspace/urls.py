from django.urls import include, path

from . import calendar_views, dossier_views, leader_views, queue_views, views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("motcua.workspace.indicator_urls")),
    # Queues and the dossier page.
    path("ho-so/", queue_views.queue, name="queue"),
    path("ho-so/<str:code>/", dossier_views.dossier_detail, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<str:action>/", dossier_views.dossier_action, name="dossier_action"),
    # Leaders' pages.
    path("lanh-dao/", leader_views.overview, name="leader_home"),
    path("lanh-dao/phe-duyet/", leader_views.approvals_page, name="leader_approvals"),
    path("lanh-dao/thoi-han/", leader_views.deadlines_page, name="leader_deadlines"),
    path("lanh-dao/so-theo-doi/", leader_views.tracking_book, name="leader_tracking_book"),
    path("lanh-dao/ho-so/<str:code>/ky-ket-qua/", leader_views.sign_result, name="leader_sign_result"),
    # Administrators: the working calendar.
    path("lich-lam-viec/", calendar_views.calendar_page, name="calendar"),
    path("lich-lam-viec/<int:pk>/xoa/", calendar_views.override_remove, name="calendar_override_remove"),
]

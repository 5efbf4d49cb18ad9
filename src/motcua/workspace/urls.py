from django.urls import include, path

from . import (
    calendar_views,
    counter_views,
    dossier_views,
    express_lane_views,
    feedback_views,
    home_service_views,
    leader_views,
    officer_views,
    queue_views,
    views,
)

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
    # Home-service requests sent to the officer's one-stop section.
    path("phuc-vu-tai-nha/", home_service_views.home_service_queue, name="home_service_queue"),
    path(
        "phuc-vu-tai-nha/<int:request_id>/",
        home_service_views.home_service_request_page,
        name="home_service",
    ),
    # Complaints and recommendations routed to the officer's agencies.
    path("phan-anh-kien-nghi/", feedback_views.inbox, name="feedback_inbox"),
    path("phan-anh-kien-nghi/tai-quay/", feedback_views.counter_feedback, name="feedback_counter"),
    path("phan-anh-kien-nghi/<int:pk>/", feedback_views.feedback_detail, name="feedback"),
    path(
        "phan-anh-kien-nghi/<int:pk>/thao-tac/<str:action>/",
        feedback_views.feedback_action,
        name="feedback_action",
    ),
    # The one-stop counter intake.
    path("quay/", counter_views.counter_start, name="counter"),
    path("quay/thu-tuc/<str:procedure_code>/", counter_views.counter_new, name="counter_new"),
    path("quay/<str:code>/nguoi-nop/", counter_views.counter_applicant, name="counter_applicant"),
    path("quay/<str:code>/giay-to/", counter_views.counter_documents, name="counter_documents"),
    path("quay/<str:code>/quyet-dinh/", counter_views.counter_decision, name="counter_decision"),
    path("quay/<str:code>/ket-qua/", counter_views.counter_done, name="counter_done"),
    # Leaders' pages.
    path("lanh-dao/", leader_views.overview, name="leader_home"),
    path("lanh-dao/phe-duyet/", leader_views.approvals_page, name="leader_approvals"),
    path("lanh-dao/thoi-han/", leader_views.deadlines_page, name="leader_deadlines"),
    path("lanh-dao/so-theo-doi/", leader_views.tracking_book, name="leader_tracking_book"),
    path("lanh-dao/ho-so/<str:code>/ky-ket-qua/", leader_views.sign_result, name="leader_sign_result"),
    # Administrators: the working calendar.
    path("lich-lam-viec/", calendar_views.calendar_page, name="calendar"),
    path("lich-lam-viec/<int:pk>/xoa/", calendar_views.override_remove, name="calendar_override_remove"),
    # Administrators: officers and their roles, express lanes.
    path("quan-tri/can-bo/", officer_views.officer_list, name="officers"),
    path("quan-tri/can-bo/them/", officer_views.officer_new, name="officer_new"),
    path("quan-tri/can-bo/<int:pk>/", officer_views.officer_page, name="officer"),
    path("quan-tri/can-bo/<int:pk>/tai-khoan/", officer_views.officer_set_active, name="officer_active"),
    path(
        "quan-tri/can-bo/<int:pk>/vai-tro/<int:membership_id>/thu-hoi/",
        officer_views.membership_withdraw,
        name="membership_withdraw",
    ),
    path("quan-tri/lan-xanh/", express_lane_views.express_lanes, name="express_lanes"),
    path("quan-tri/lan-xanh/<int:pk>/", express_lane_views.express_lane_edit, name="express_lane"),
    path(
        "quan-tri/lan-xanh/<int:pk>/ket-thuc/", express_lane_views.express_lane_end, name="express_lane_end"
    ),
]

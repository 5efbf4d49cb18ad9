from django.urls import path

from . import (
    catalog_views,
    feedback_views,
    home_service_views,
    lookup_views,
    my_dossier_views,
    payment_views,
    store_views,
    submission_views,
    views,
)
from .signature_check_views import signature_check
from .transparency_views import transparency

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", catalog_views.catalog_home, name="catalog_home"),
    path("thu-tuc/tim-kiem/", catalog_views.catalog_search, name="catalog_search"),
    path("thu-tuc/linh-vuc/<str:code>/", catalog_views.catalog_sector, name="catalog_sector"),
    path("thu-tuc/co-quan/", catalog_views.catalog_agencies, name="catalog_agencies"),
    path("thu-tuc/co-quan/<str:code>/", catalog_views.catalog_agency, name="catalog_agency"),
    path("thu-tuc/<str:code>/", catalog_views.procedure_detail, name="procedure_detail"),
    path("minh-bach/", transparency, name="transparency"),
    path("tra-cuu/", lookup_views.lookup, name="lookup"),
    path("tra-cuu/<str:code>/", lookup_views.lookup_detail, name="lookup_detail"),
    path("kiem-tra-chu-ky/", signature_check, name="signature_check"),
    path("phan-anh-kien-nghi/", feedback_views.feedback_public, name="feedback_public"),
    path("phan-anh-kien-nghi/gui/", feedback_views.feedback_new, name="feedback_new"),
    path("phan-anh-kien-nghi-cua-toi/", feedback_views.my_feedback, name="my_feedback"),
    path(
        "phan-anh-kien-nghi-cua-toi/<int:pk>/", feedback_views.my_feedback_detail, name="my_feedback_detail"
    ),
    path("ho-so-cua-toi/", my_dossier_views.my_dossiers, name="my_dossiers"),
    path("ho-so-cua-toi/<str:code>/", my_dossier_views.my_dossier_detail, name="my_dossier_detail"),
    path("ho-so-cua-toi/<str:code>/nop-phi/", payment_views.my_dossier_pay, name="my_dossier_pay"),
    # Payments: the provider sends the payer back here; the demo provider's own page.
    path("thanh-toan/ket-qua/", payment_views.payment_return, name="payment_return"),
    path("thanh-toan-thu/<str:reference>/", payment_views.payment_demo, name="payment_demo"),
    # The personal document store.
    path("kho-giay-to/", store_views.store_list, name="store_list"),
    path("kho-giay-to/them/", store_views.store_upload, name="store_upload"),
    path("kho-giay-to/<int:document_id>/", store_views.store_detail, name="store_detail"),
    path("kho-giay-to/<int:document_id>/xoa/", store_views.store_remove, name="store_remove"),
    # Home service: a citizen's requests for a visit.
    path("phuc-vu-tai-nha/", home_service_views.home_service_list, name="home_service_list"),
    path(
        "phuc-vu-tai-nha/de-nghi/<str:procedure_code>/",
        home_service_views.home_service_new,
        name="home_service_new",
    ),
    path(
        "phuc-vu-tai-nha/<int:request_id>/",
        home_service_views.home_service_detail,
        name="home_service_detail",
    ),
    path(
        "ho-so-cua-toi/<str:code>/bo-sung/",
        my_dossier_views.my_dossier_supplement,
        name="my_dossier_supplement",
    ),
    path("ho-so-cua-toi/<str:code>/bo-sung/gui/", my_dossier_views.my_dossier_send, name="my_dossier_send"),
    path(
        "ho-so-cua-toi/<str:code>/rut-ho-so/",
        my_dossier_views.my_dossier_withdraw,
        name="my_dossier_withdraw",
    ),
    path("ho-so-cua-toi/<str:code>/danh-gia/", my_dossier_views.my_dossier_rate, name="my_dossier_rate"),
    # Online submission: start per procedure, then the draft's task list and its steps.
    path("nop-ho-so/ho-so/<str:code>/", submission_views.submission_tasks, name="submission_tasks"),
    path(
        "nop-ho-so/ho-so/<str:code>/nguoi-nop/",
        submission_views.submission_applicant,
        name="submission_applicant",
    ),
    path(
        "nop-ho-so/ho-so/<str:code>/giay-to/",
        submission_views.submission_documents,
        name="submission_documents",
    ),
    path(
        "nop-ho-so/ho-so/<str:code>/nhan-ket-qua/",
        submission_views.submission_result_delivery,
        name="submission_result_delivery",
    ),
    path("nop-ho-so/ho-so/<str:code>/phi/", submission_views.submission_fee, name="submission_fee"),
    path("nop-ho-so/ho-so/<str:code>/kiem-tra/", submission_views.submission_check, name="submission_check"),
    path("nop-ho-so/ho-so/<str:code>/da-nop/", submission_views.submission_done, name="submission_done"),
    path("nop-ho-so/<str:procedure_code>/", submission_views.submission_start, name="submission_start"),
]

from django.urls import path

from . import catalog_views, lookup_views, my_dossier_views, submission_views, views
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
    path("ho-so-cua-toi/", my_dossier_views.my_dossiers, name="my_dossiers"),
    path("ho-so-cua-toi/<str:code>/", my_dossier_views.my_dossier_detail, name="my_dossier_detail"),
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
    path("nop-ho-so/ho-so/<str:code>/kiem-tra/", submission_views.submission_check, name="submission_check"),
    path("nop-ho-so/ho-so/<str:code>/da-nop/", submission_views.submission_done, name="submission_done"),
    path("nop-ho-so/<str:procedure_code>/", submission_views.submission_start, name="submission_start"),
]

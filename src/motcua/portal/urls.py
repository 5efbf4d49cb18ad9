from django.urls import path

from . import catalog_views, lookup_views, my_dossier_views, views
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
    path("ho-so-cua-toi/", my_dossier_views.my_dossiers, name="my_dossiers"),
    path("ho-so-cua-toi/<str:code>/", my_dossier_views.my_dossier_detail, name="my_dossier_detail"),
]

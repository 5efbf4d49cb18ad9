from django.urls import path

from . import indicator_views

urlpatterns = [
    path("xep-hang/", indicator_views.city_ranking, name="city_ranking"),
    path("chi-so/<str:code>/", indicator_views.agency_dashboard, name="agency_dashboard"),
]

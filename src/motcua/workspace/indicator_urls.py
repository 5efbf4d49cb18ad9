from django.urls import path

from . import indicator_views

urlpatterns = [
    path("xep-hang/", indicator_views.city_ranking, name="city_ranking"),
    # Before the agency's dashboard, whose code would otherwise match "can-bo".
    path("chi-so/can-bo/", indicator_views.officer_scorecards, name="officer_scorecards"),
    path("chi-so/<str:code>/", indicator_views.agency_dashboard, name="agency_dashboard"),
]

from django.urls import path

from .indicator_views import ServiceIndexView
from .report_views import ProgressReportView
from .scorecard_views import OfficerScorecardView

urlpatterns = [
    path("indicators/", ServiceIndexView.as_view(), name="indicators"),
    path("indicators/officers/", OfficerScorecardView.as_view(), name="indicators-officers"),
    path("reports/progress/", ProgressReportView.as_view(), name="reports-progress"),
]

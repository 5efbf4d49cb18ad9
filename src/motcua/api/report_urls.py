from django.urls import path

from .indicator_views import ServiceIndexView
from .report_views import ProgressReportView

urlpatterns = [
    path("indicators/", ServiceIndexView.as_view(), name="indicators"),
    path("reports/progress/", ProgressReportView.as_view(), name="reports-progress"),
]

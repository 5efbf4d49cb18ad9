from django.urls import path

from .calendar_views import DueMomentView

urlpatterns = [
    path("calendar/due/", DueMomentView.as_view(), name="calendar-due"),
]

from django.urls import path

from . import feedback_views as views

urlpatterns = [
    path("feedback/", views.FeedbackListCreateView.as_view(), name="feedback-list"),
    path("feedback/<int:id>/", views.FeedbackDetailView.as_view(), name="feedback-detail"),
    *[
        path(f"feedback/<int:id>/actions/{name}/", view.as_view(), name=f"feedback-action-{name}")
        for name, view in views.ACTION_VIEWS.items()
    ],
]

from django.urls import path

from .personal_document_views import (
    PersonalDocumentDetailView,
    PersonalDocumentFileView,
    PersonalDocumentListView,
)

urlpatterns = [
    path("personal-documents/", PersonalDocumentListView.as_view(), name="personal-document-list"),
    path(
        "personal-documents/<int:document_id>/",
        PersonalDocumentDetailView.as_view(),
        name="personal-document-detail",
    ),
    path(
        "personal-documents/<int:document_id>/file/",
        PersonalDocumentFileView.as_view(),
        name="personal-document-file",
    ),
]

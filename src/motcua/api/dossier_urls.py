from django.urls import path

from . import dossier_views as views
from . import form_views
from .document_views import DossierDocumentFileView
from .payment_views import DossierPaymentReceiptView, DossierPaymentStartView, PaymentCallbackView
from .result_views import DossierResultView

urlpatterns = [
    path("dossiers/", views.DossierListCreateView.as_view(), name="dossier-list"),
    path("dossiers/<str:code>/", views.DossierDetailView.as_view(), name="dossier-detail"),
    path(
        "dossiers/<str:code>/result-delivery/",
        views.DossierResultDeliveryView.as_view(),
        name="dossier-result-delivery",
    ),
    path("dossiers/<str:code>/documents/", views.DossierDocumentView.as_view(), name="dossier-documents"),
    path(
        "dossiers/<str:code>/documents/reuse/",
        views.DossierDocumentReuseView.as_view(),
        name="dossier-documents-reuse",
    ),
    path(
        "dossiers/<str:code>/documents/<int:document_id>/file/",
        DossierDocumentFileView.as_view(),
        name="dossier-document-file",
    ),
    # One URL per action (its own operation and body in the schema), then the generic route for any other name.
    *[
        path(f"dossiers/<str:code>/actions/{name}/", view.as_view(), name=f"dossier-action-{name}")
        for name, view in views.ACTION_VIEWS.items()
    ],
    path(
        "dossiers/<str:code>/actions/<str:action>/", views.DossierActionView.as_view(), name="dossier-action"
    ),
    path("dossiers/<str:code>/result/", DossierResultView.as_view(), name="dossier-result"),
    path("dossiers/<str:code>/events/", views.DossierEventsView.as_view(), name="dossier-events"),
    path("dossiers/<str:code>/rating/", views.DossierRatingView.as_view(), name="dossier-rating"),
    path(
        "dossiers/<str:code>/forms/<str:form>.pdf", form_views.DossierFormView.as_view(), name="dossier-form"
    ),
    path(
        "agencies/<str:code>/tracking-book.pdf",
        form_views.AgencyTrackingBookView.as_view(),
        name="agency-tracking-book",
    ),
    path("dossiers/<str:code>/payments/", DossierPaymentStartView.as_view(), name="dossier-payments"),
    path(
        "dossiers/<str:code>/payments/<int:payment_id>/receipt.pdf",
        DossierPaymentReceiptView.as_view(),
        name="dossier-payment-receipt",
    ),
    path("payments/callback/", PaymentCallbackView.as_view(), name="payment-callback"),
    path("lookup/<str:code>/", views.LookupView.as_view(), name="lookup"),
]

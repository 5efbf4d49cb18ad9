"""Kho giấy tờ của tôi: the signed-in person's document store (list, detail with download, upload, removal).

Every page reads through `documents.store`, scoped to the owner: another person's document is a 404. Files are
downloaded through the API's scoped file view (`/api/v1/personal-documents/<id>/file/`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.core.errors import ApplicationError
from motcua.core.form_fields import place_error
from motcua.documents import store
from motcua.documents.errors import PersonalDocumentNotFound

from .store_forms import PersonalDocumentForm

PAGE_SIZE = 20
# Where the store's services name a field, and the field of the upload page that shows the message.
FIELD_OF = {
    "title": "title",
    "kind": "kind",
    "issuer": "issuer",
    "issued_on": "issued_on",
    "valid_until": "valid_until",
}


def _own(request, document_id: int):
    try:
        return store.personal_document_of(owner=request.user, document_id=document_id)
    except PersonalDocumentNotFound as exc:
        raise Http404(exc.message()) from exc


def _with_kind_labels(documents, kinds: dict[str, str]):
    for document in documents:
        document.kind_label = kinds.get(document.kind, "") if document.kind else ""
    return documents


@login_required
def store_list(request):
    page = Paginator(store.personal_documents_of(owner=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _with_kind_labels(page.object_list, dict(store.document_kinds()))
    return render(request, "portal/store/list.html", {"page": page, "query_string": ""})


@login_required
def store_detail(request, document_id: int):
    document = _own(request, document_id)
    _with_kind_labels([document], dict(store.document_kinds()))
    return render(request, "portal/store/detail.html", {"document": document})


@login_required
def store_upload(request):
    form = PersonalDocumentForm(request.POST or None, request.FILES or None, kinds=store.document_kinds())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = store.personal_document_upload(
                owner=request.user,
                file=data["file"],
                metadata=store.Metadata(
                    title=data["title"],
                    kind=data["kind"],
                    issuer=data["issuer"],
                    issued_on=data["issued_on"],
                    valid_until=data["valid_until"],
                ),
            )
        except ApplicationError as error:
            place_error(form, error, FIELD_OF, "file")
        else:
            messages.success(request, _("Đã lưu giấy tờ vào kho."))
            return redirect("store_detail", document_id=document.pk)
    status = 400 if form.errors else 200
    return render(request, "portal/store/upload.html", {"form": form}, status=status)


@login_required
def store_remove(request, document_id: int):
    document = _own(request, document_id)
    if not document.deletable:
        raise Http404(_("Kết quả giải quyết do cơ quan cấp không thể xóa khỏi kho giấy tờ."))
    if request.method == "POST":
        store.personal_document_remove(owner=request.user, document_id=document.pk)
        messages.success(request, _("Đã xóa giấy tờ khỏi kho."))
        return redirect("store_list")
    return render(request, "portal/store/remove.html", {"document": document})

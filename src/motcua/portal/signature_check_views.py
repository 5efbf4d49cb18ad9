"""Public signature check (/kiem-tra-chu-ky/): anyone uploads a PDF and reads whether its digital signature
verifies, who signed it and when. The file is read in memory and never stored: the only upload handler here keeps
it in memory, so a file larger than the page accepts is never written to a temporary file either."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from motcua.core.form_fields import DescribedFieldsMixin
from motcua.documents.signature_verdict import verdict_of

from .lookup_throttle import page_wait

TEMPLATE = "portal/signature_check/page.html"


def max_bytes() -> int:
    """What the page accepts: what fits in memory (FILE_UPLOAD_MAX_MEMORY_SIZE) within the upload limit."""
    return min(settings.FILE_UPLOAD_MAX_MEMORY_SIZE, settings.MOTCUA_MAX_UPLOAD_BYTES)


def _megabytes() -> str:
    return f"{round(max_bytes() / (1024 * 1024), 1):g}"


class SignatureCheckForm(DescribedFieldsMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        error_messages={
            "required": _("Chọn tệp PDF có chữ ký số cần kiểm tra."),
            "empty": _("Tệp đã chọn bị rỗng; chọn tệp PDF khác."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.fields["file"].help_text = _("Tệp PDF kết quả giải quyết, tối đa %(mb)s MB.") % {
            "mb": _megabytes()
        }
        if too_large:  # the file was dropped unread: its size is the one error to show
            self.fields["file"].required = False

    def clean_file(self):
        if self.too_large:
            raise forms.ValidationError(_("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": _megabytes()})
        return self.cleaned_data["file"]


@csrf_exempt  # checked below, once the upload handlers are set (the CSRF check reads the body)
def signature_check(request):
    if request.method == "POST":
        request.upload_handlers = [MemoryFileUploadHandler(request)]
    return _signature_check(request)


@csrf_protect
def _signature_check(request):
    if request.method != "POST":
        return render(request, TEMPLATE, {"form": SignatureCheckForm()})
    wait = page_wait(request, "signature_check")
    if wait:
        response = render(
            request, "portal/signature_check/too_many.html", {"minutes": -(-wait // 60)}, status=429
        )
        response["Retry-After"] = str(wait)
        return response
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > max_bytes() + 64 * 1024:  # the multipart envelope around the file takes a few hundred bytes
        # The memory handler took none of it (over its limit): nothing was kept, only the answer is left.
        form = SignatureCheckForm(data={}, files={}, too_large=True)
        form.is_valid()
        return render(request, TEMPLATE, {"form": form}, status=413)
    form = SignatureCheckForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    upload = form.cleaned_data["file"]
    verdict = verdict_of(upload)
    context = {"form": SignatureCheckForm(), "verdict": verdict, "file_name": upload.name[:120]}
    return render(request, TEMPLATE, context)

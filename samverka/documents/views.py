"""Upload a decision memo and review the extracted proposal beside the memo's text.

Nothing is saved: the page shows what the extraction read, where it read it, and how sure it is,
so that an officer can register the partnership with the values checked against the source.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samverka.accounts import policy

from .extraction import ExtractionError, extract_bytes
from .forms import MemoUploadForm
from .presentation import review_rows, source_lines


@login_required
def upload(request):
    policy.require(request.user, policy.EDIT_REGISTER)
    result = None
    error = None
    if request.method == "POST":
        form = MemoUploadForm(request.POST, request.FILES)
        if form.is_valid():
            memo = form.cleaned_data["memo"]
            try:
                result = extract_bytes(memo.read(), name=memo.name)
            except ExtractionError as exc:
                error = str(exc)
    else:
        form = MemoUploadForm()
    context = {"nav": "documents", "form": form, "error": error, "result": result}
    if result is not None:
        context["rows"] = review_rows(result)
        context["lines"] = source_lines(result)
    status = 400 if request.method == "POST" and result is None else 200
    return render(request, "documents/upload.html", context, status=status)

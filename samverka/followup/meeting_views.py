"""A planned dialogue meeting's two ends: marked held with its minutes and topics, or cancelled."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.accounts.policy import EDIT_REGISTER, require
from samverka.partnerships.models import Partnership

from . import dialogue
from .models import TOPICS, DialogueMeeting


def meetings_url(partnership) -> str:
    """The follow-up page at its dialogue meetings (not the top of a long page)."""
    return reverse("followup:partnership", args=[partnership.pk]) + "#meetings"


def apply_errors(form, error: ValidationError) -> None:
    """Put ERROR's messages on FORM's fields (unknown fields: on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class HoldForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    participants = forms.CharField(label=gettext_lazy("Deltagare på mötet"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    minutes = forms.CharField(label=gettext_lazy("Minnesanteckningar"), required=False,
                              widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in TOPICS:
            self.fields[name] = forms.BooleanField(label=label, required=False)


class CancelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=gettext_lazy("Varför ställs mötet in?"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


def _meeting(request, pk, meeting_pk):
    partnership = get_object_or_404(Partnership, pk=pk)
    require(request.user, EDIT_REGISTER, partnership.municipality_id)
    meeting = get_object_or_404(DialogueMeeting, pk=meeting_pk, partnership=partnership)
    return partnership, meeting


def _step(request, pk, meeting_pk, form_class, initial, run, title, done):
    partnership, meeting = _meeting(request, pk, meeting_pk)
    form = form_class(request.POST or None, initial={"version": meeting.version, **initial})
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            run(meeting, form.cleaned_data)
        except dialogue.MeetingConflict as error:
            conflict = True
            form.add_error(None, _("Någon annan har ändrat dialogmötet medan du fyllde i "
                                   "formuläret. Inget sparades; se mötet nedan och försök "
                                   "igen."))
            form.data = form.data.copy()
            form.data["version"] = error.current.version
            meeting = error.current
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(meetings_url(partnership))
    return render(request, "followup/meeting_step.html", {
        "nav": "followup", "partnership": partnership, "meeting": meeting, "form": form,
        "title": title, "cancel_url": meetings_url(partnership),
    }, status=409 if conflict else 400 if form.is_bound else 200)


@login_required
def meeting_hold(request, pk, meeting_pk):
    _partnership, meeting = _meeting(request, pk, meeting_pk)
    initial = {"participants": meeting.participants, "minutes": meeting.minutes,
               **{name: getattr(meeting, name) for name, _label in TOPICS}}

    def run(meeting, data):
        dialogue.hold_meeting(request.user, meeting.pk, data["version"] or 0,
                              minutes=data["minutes"], participants=data["participants"],
                              topics={name: data[name] for name, _label in TOPICS})

    return _step(request, pk, meeting_pk, HoldForm, initial, run,
                 _("Markera dialogmötet som genomfört"),
                 _("Dialogmötet är markerat som genomfört, med minnesanteckningar."))


@login_required
def meeting_cancel(request, pk, meeting_pk):
    def run(meeting, data):
        dialogue.cancel_meeting(request.user, meeting.pk, data["version"] or 0,
                                reason=data["reason"])

    return _step(request, pk, meeting_pk, CancelForm, {}, run, _("Ställ in dialogmötet"),
                 _("Dialogmötet är inställt och räknas inte längre till årets möten."))

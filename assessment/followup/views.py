"""A follow-up's page, its two POSTs and its evidence downloads, for each feature that has one (``FollowUpPages``).

The page shows the answer form while it is the agency's turn to a user who may change the agency, and the
decision form while an answer waits for the bureau to one who manages. The POSTs fetch the row as the page
does (404 for outsiders), check who may act (403), bind the form, call the feature's service and say what
happened.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import access
from agencies.documents import download_response
from agencies.models import User

from .forms import AnswerForm, DecisionForm
from .models import FollowUp, FollowUpEvidence

View = Callable[[HttpRequest, int], HttpResponse]


class FollowUpPages:
    """What a feature says about its follow-up page; ``views()`` gives the page, the answer, the decision and the
    evidence download.

    ``steps`` are the feature's services (answer, close, send back); they take the row by its model's name
    (``measure=``, ``finding=``). ``visible_evidence(user)`` is the evidence the user may download.
    """

    template_name: str
    answer_form: type[AnswerForm]
    decision_form: type[DecisionForm]
    steps: tuple[Callable[..., object], Callable[..., object], Callable[..., object]]
    visible_evidence: Callable[[User], QuerySet[FollowUpEvidence]]
    # A step the service refuses: kept on the page with what was typed, or said in a message after a redirect.
    refusal_on_page = True

    def get(self, request: HttpRequest, pk: int) -> FollowUp:
        """The follow-up as the user may see it; 404 otherwise."""
        raise NotImplementedError

    def context(self, request: HttpRequest, followup: FollowUp) -> dict:
        """The page's own context, without the two forms."""
        raise NotImplementedError

    def views(self) -> tuple[View, View, View, View]:
        page, answer, decide = self._page, require_POST(self._answer), require_POST(self._decide)
        return login_required(page), login_required(answer), login_required(decide), login_required(self._evidence)

    def render(self, request, followup, *, answer_form=None, decision_form=None) -> HttpResponse:
        can_answer = access.can_change(request.user, followup.agency_id) and followup.is_answerable
        can_decide = access.can_manage(request.user) and followup.is_awaiting_decision
        context = self.context(request, followup)
        context["answer_form"] = (answer_form or self.answer_form()) if can_answer else None
        context["decision_form"] = (decision_form or self.decision_form()) if can_decide else None
        return render(request, self.template_name, context)

    def _page(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render(request, self.get(request, pk))

    def _answer(self, request: HttpRequest, pk: int) -> HttpResponse:
        followup = self.get(request, pk)
        access.get_changeable_agency(request.user, followup.agency_id)
        form = self.answer_form(request.POST, request.FILES)
        if form.is_valid():
            answer = self.steps[0]
            try:
                answer(**{followup._meta.model_name: followup}, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                if self._refused(request, form, error):
                    return self.render(request, followup, answer_form=form)
            else:
                messages.success(request, _("Your answer was sent to the bureau."))
            return redirect(followup)
        return self.render(request, followup, answer_form=form)

    def _decide(self, request: HttpRequest, pk: int) -> HttpResponse:
        followup = self.get(request, pk)
        access.require_manager(request.user)
        form = self.decision_form(request.POST)
        if form.is_valid():
            decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
            _, close, send_back = self.steps
            try:
                if decision == form.CLOSE:
                    close(**{followup._meta.model_name: followup}, user=request.user, comment=comment)
                else:
                    send_back(**{followup._meta.model_name: followup}, user=request.user, reason=comment)
            except ValidationError as error:
                if self._refused(request, form, error):
                    return self.render(request, followup, decision_form=form)
            else:
                messages.success(request, form.SAID[decision])
            return redirect(followup)
        return self.render(request, followup, decision_form=form)

    def _evidence(self, request: HttpRequest, pk: int) -> FileResponse:
        evidence = get_object_or_404(self.visible_evidence(request.user), pk=pk)
        return download_response(evidence.file, evidence.original_name, evidence.content_type)

    def _refused(self, request: HttpRequest, form, error: ValidationError) -> bool:
        """Say a refused step; True when it stays on the page, on the form."""
        if self.refusal_on_page:
            form.add_error(None, error)
            return True
        for message in error.messages:
            messages.error(request, message)
        return False

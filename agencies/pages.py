"""What many pages do alike: a page of a list, a filtered list page, a form page, found-or-404.

Function views stay the place to read a request top to bottom (access, form, service, message, redirect); these
helpers only carry the parts that every such view would otherwise write out again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

PAGE_SIZE = 50


def page_of(request: HttpRequest, rows, size: int = PAGE_SIZE, *, param: str = "page") -> Page:
    """The page of ``rows`` the query string asks for in ``param`` (the first, or the last for a number past the
    end); a page listing two things pages each by its own ``param``."""
    return Paginator(rows, size).get_page(request.GET.get(param))


def url_of_each(name: str, *after: Any, before: tuple = ()) -> Callable[[Any], str]:
    """``name``'s URL for each row of a page, the row's argument after ``before`` and before ``after``: one
    ``reverse`` for the page and a string put together per row (a ``{% url %}`` per row reverses each, a
    noticeable part of a 100-row page)."""
    marker = "2147483647"
    start, _, rest = reverse(name, args=[*before, marker, *after]).partition(marker)
    return lambda row_argument: f"{start}{row_argument}{rest}"


def list_page(request: HttpRequest, template: str, filterset, **context: Any) -> HttpResponse:
    """A filtered list: the filter form and the page of its results asked for, with what else the page shows."""
    return render(request, template, {"filter": filterset, "page": page_of(request, filterset.qs), **context})


def found(thing):
    """What a selector found, or 404 when it found nothing (the user may not see it, or it does not exist)."""
    if thing is None:
        raise Http404
    return thing


def error_messages(request: HttpRequest, error: ValidationError) -> None:
    """A refusal from a service, said as one error message per reason."""
    for message in error.messages:
        messages.error(request, message)


def attempt(request: HttpRequest, action: Callable[[], Any], said: str) -> None:
    """A button that asks a service for something (build an archive, write a report): ``action`` calls it; the
    user is told ``said`` when it is under way, or each reason it was refused."""
    try:
        action()
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, said)


def form_page(
    request: HttpRequest,
    form,
    template: str,
    context: dict[str, Any],
    *,
    save: Callable[[dict[str, Any]], Any],
    said: str | Callable[[Any], str],
    refusal_field: str | None = None,
    refusable: bool = False,
) -> HttpResponse:
    """A form page: on a valid POST ``save`` (a service call) gets the cleaned data, the user is told ``said`` (a
    text, or one made from what was saved) and goes to what was saved; otherwise the form is shown again.

    ``refusable``: the service may refuse with a ValidationError, shown on the form (on ``refusal_field``, or on the
    form as a whole) instead of saving.
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            if not refusable:
                raise
            form.add_error(refusal_field, error)
        else:
            messages.success(request, said(saved) if callable(said) else said)
            return redirect(saved)
    return render(request, template, {"form": form, **context})

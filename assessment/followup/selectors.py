"""Reads every follow-up's page shares."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import FollowUp


def history_prefetches(model: type[FollowUp]) -> tuple[Prefetch, Prefetch]:
    """A follow-up's answers with who gave them and their evidence, and its steps with who took them: three
    queries, however many answers."""
    response, event = model.responses.field.model, model.events.field.model
    evidence = response.evidence.field.model
    return (
        Prefetch(
            "responses",
            queryset=response.objects.select_related("submitted_by").prefetch_related(
                Prefetch("evidence", queryset=evidence.objects.order_by("pk"))
            ),
        ),
        Prefetch("events", queryset=event.objects.select_related("actor").order_by("at", "pk")),
    )

"""Celery tasks of the activities app: thin shells that take an id and call a service."""

from celery import shared_task

from . import services


@shared_task(name="activities.build_archive")
def build_archive(archive_id: int) -> None:
    services.archive_build(archive_id=archive_id)

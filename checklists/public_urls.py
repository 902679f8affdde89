"""The public pages under /public/: no login, approved checklists only."""

from django.urls import path  # noqa: F401

app_name = "public"

urlpatterns: list = []

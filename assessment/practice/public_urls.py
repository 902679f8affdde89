"""The public good-practice page under /public/practice/: no login, only what may be published."""

from django.urls import path

from . import views

app_name = "public_practice"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("photos/<int:pk>/", views.public_photo, name="photo"),
]

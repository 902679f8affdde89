from django.urls import path

from . import views

app_name = "practice"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("export/", views.practice_export, name="export"),
    path("mark/<str:source>/<int:pk>/", views.practice_mark, name="mark"),
    path("<int:pk>/unmark/", views.practice_unmark, name="unmark"),
]

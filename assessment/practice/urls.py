from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("export/", views.practice_export, name="export"),
    path("mark/<str:source>/<int:pk>/", views.practice_mark, name="mark"),
    path("<int:pk>/unmark/", views.practice_unmark, name="unmark"),
]

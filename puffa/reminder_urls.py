from django.urls import path

from . import reminder_views

app_name = "reminders"

urlpatterns = [
    path("", reminder_views.reminder_list, name="list"),
    path("remind/", reminder_views.remind_agency, name="remind"),
]

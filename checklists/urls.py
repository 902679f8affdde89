from django.urls import path

from . import views

app_name = "checklists"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.my_checklist, name="mine"),
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/<int:year>/", views.cycle_edit, name="cycle_edit"),
    path("agency/<int:agency_id>/<int:year>/", views.checklist_year, name="year"),
    path("agency/<int:agency_id>/<int:year>/start/", views.checklist_start, name="start"),
    path("<int:pk>/", views.checklist_detail, name="detail"),
    path("<int:pk>/items/", views.checklist_items, name="items"),
    path("<int:pk>/submit/", views.checklist_submit, name="submit"),
    path("<int:pk>/amend/", views.checklist_amend, name="amend"),
    path("<int:pk>/import/", views.checklist_import, name="import"),
    path("<int:pk>/download.xlsx", views.checklist_download, name="download"),
    path("<int:pk>/print/", views.checklist_print, name="print"),
    path("<int:pk>/review/", views.checklist_review, name="review"),
    path("<int:pk>/approve/", views.checklist_approve, name="approve"),
    path("import-template.xlsx", views.items_template, name="template"),
    path("review/", views.review_queue, name="queue"),
    path("overview/", views.filing_overview, name="overview"),
    path("overview.xlsx", views.filing_overview_export, name="overview_export"),
]

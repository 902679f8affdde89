from django.urls import path

from . import views

app_name = "library"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.people_list, name="people"),
    path("people/export/", views.people_export, name="people_export"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/decide/", views.entry_decide, {"kind": "person"}, name="person_decide"),
    path("people/<int:pk>/retire/", views.entry_retire, {"kind": "person"}, name="person_retire"),
    # The materials' addresses mirror the people's above, page for page; generating both in a loop would hide the
    # names the templates reverse.
    path("materials/", views.material_list, name="materials"),
    path("materials/export/", views.material_export, name="materials_export"),
    path("materials/new/", views.material_create, name="material_create"),
    path("materials/<int:pk>/", views.material_detail, name="material"),
    path("materials/<int:pk>/edit/", views.material_edit, name="material_edit"),
    path("materials/<int:pk>/download/", views.material_download, name="material_download"),
    path("materials/<int:pk>/decide/", views.entry_decide, {"kind": "material"}, name="material_decide"),
    path("materials/<int:pk>/retire/", views.entry_retire, {"kind": "material"}, name="material_retire"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/export/", views.proposals_export, name="proposals_export"),
    path("needs/", views.needs_list, name="needs"),
    path("needs/export/", views.needs_export, name="needs_export"),
    path("needs/agency/<int:agency_pk>/new/", views.needs_create, name="needs_create"),
    path("needs/<int:pk>/", views.needs_detail, name="needs_detail"),
    path("needs/<int:pk>/edit/", views.needs_edit, name="needs_edit"),
    path("needs/<int:pk>/reply/", views.needs_reply, name="needs_reply"),
    path("needs/<int:pk>/attachment/", views.needs_attachment, name="needs_attachment"),
]

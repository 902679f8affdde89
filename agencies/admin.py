from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Agency, AgencyContact, FilingOffice, Law, User


@admin.register(FilingOffice)
class FilingOfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Law)
class LawAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "issuing_body", "promulgated_on", "effective_on"]
    list_filter = ["kind"]
    search_fields = ["title", "issuing_body"]
    date_hierarchy = "promulgated_on"


class AgencyContactInline(admin.TabularInline):
    model = AgencyContact
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "agency_type", "level", "filing_office", "parent", "is_active"]
    list_filter = ["agency_type", "level", "filing_office", "is_active"]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["filing_office", "parent"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["laws"]
    inlines = [AgencyContactInline]


@admin.register(AgencyContact)
class AgencyContactAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "position", "phone", "email", "is_primary"]
    search_fields = ["name", "agency__name"]
    list_select_related = ["agency"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "name", "role", "agency", "filing_office", "is_active"]
    list_filter = ["role", "is_active", "is_superuser"]
    search_fields = ["username", "name", "email"]
    list_select_related = ["agency", "filing_office"]
    autocomplete_fields = ["agency"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Puffa role"), {"fields": ["name", "phone", "role", "agency", "filing_office"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Puffa role"), {"fields": ["name", "role", "agency", "filing_office"]}),
    )

    def has_delete_permission(self, request, obj=None):
        # A login that has been used has a history (what it filed, decided, read): deactivate it instead.
        # Its recorded actions protect it too (PROTECT), this also covers a login that only signed in.
        if obj is not None and obj.last_login is not None:
            return False
        return super().has_delete_permission(request, obj)

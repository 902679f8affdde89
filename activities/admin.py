from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import summaries
from .models import Activity, AnnualArchive, Evidence


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class DeletedFilter(admin.SimpleListFilter):
    title = _("deleted")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("yes", _("Deleted")), ("no", _("Not deleted"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """Every activity, deleted ones included (the audit trail): who logged it and who deleted it."""

    list_display = ["title", "agency", "start_date", "activity_type", "people_reached", "deleted_at", "deleted_by"]
    list_filter = [DeletedFilter, "year", "activity_type"]
    search_fields = ["title", "agency__name"]
    list_select_related = ["agency", "deleted_by"]
    raw_id_fields = ["agency", "checklist_item", "created_by", "deleted_by"]
    readonly_fields = ["created_by", "created_at", "updated_at", "deleted_at", "deleted_by"]
    filter_horizontal = ["laws"]
    inlines = [EvidenceInline]
    date_hierarchy = "start_date"

    def save_model(self, request, obj, form, change):
        """An edit here moves the activity in the summaries as the services' edits do (the admin's change view
        runs in one transaction)."""
        stored = Activity.objects.select_for_update(of=("self",)).select_related("checklist_item")
        before = summaries.part_of(stored.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        summaries.follow(before, summaries.part_of(obj))

    def delete_model(self, request, obj):
        summaries.follow(summaries.part_of(obj), None)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for activity in queryset:
            summaries.follow(summaries.part_of(activity), None)
        super().delete_queryset(request, queryset)


@admin.register(AnnualArchive)
class AnnualArchiveAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "status", "progress", "size", "filed_at", "requested_by"]
    list_filter = ["year", "status"]
    list_select_related = ["agency", "requested_by"]
    readonly_fields = ["agency", "year", "file", "size", "sha256", "requested_by", "requested_at", "filed_at"]

"""Staff screens for the reference catalogue, and a view of preparations without personal data."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ChecklistItem,
    FeeAmount,
    FeeSchedule,
    GeneralRule,
    Office,
    OfficeNotice,
    Preparation,
    PreparationTombstone,
    ProblemReport,
    Procedure,
    ProcedureFee,
    State,
)

REFERENCE_FIELDS = ("sources", "confidence", "last_verified")


class ChecklistItemInline(admin.StackedInline):
    model = ChecklistItem
    extra = 0
    ordering = ["position"]
    fields = [
        "position",
        "key",
        ("text_en", "text_es"),
        ("help_en", "help_es"),
        ("originals", "copies", "condition"),
        REFERENCE_FIELDS,
    ]


class ProcedureFeeInline(admin.TabularInline):
    model = ProcedureFee
    extra = 0
    ordering = ["position"]
    fields = ["position", "schedule", "condition", "when", "variant_from"]
    autocomplete_fields = ["schedule"]


@admin.register(Procedure)
class ProcedureAdmin(SimpleHistoryAdmin):
    list_display = ["name_es", "slug", "portal_menu", "online_status", "deadline_rule", "confidence", "last_verified"]
    list_filter = ["portal_menu", "online_status", "confidence", "active"]
    search_fields = ["slug", "name_es", "name_en", "official_name_es"]
    inlines = [ChecklistItemInline, ProcedureFeeInline]
    fieldsets = [
        (None, {"fields": ["slug", ("name_es", "name_en"), "official_name_es", ("active", "position")]}),
        (_("Texts"), {"fields": [("summary_en", "summary_es"), ("who_may_file_en", "who_may_file_es")]}),
        (
            _("Portal and wizard"),
            {
                "fields": [
                    ("portal_menu", "portal_especifica"),
                    ("online_status", "needs_appointment", "has_wizard"),
                    ("extra_steps", "optional_steps"),
                    "letter",
                ]
            },
        ),
        (
            _("Deadline"),
            {"fields": [("deadline_rule", "deadline_days", "deadline_basis"), "deadline_condition", "deadline_source"]},
        ),
        (_("Sources"), {"fields": [REFERENCE_FIELDS]}),
    ]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SimpleHistoryAdmin):
    list_display = ["text_en", "procedure", "condition", "originals", "copies", "confidence", "last_verified"]
    list_filter = ["procedure__portal_menu", "condition", "confidence"]
    list_select_related = ["procedure"]
    search_fields = ["key", "text_en", "text_es", "procedure__slug"]
    autocomplete_fields = ["procedure"]


@admin.register(GeneralRule)
class GeneralRuleAdmin(SimpleHistoryAdmin):
    list_display = ["key", "text_en", "condition", "confidence", "last_verified"]
    list_filter = ["condition", "confidence"]
    search_fields = ["key", "text_en", "text_es"]


class FeeAmountInline(admin.TabularInline):
    model = FeeAmount
    extra = 0
    fields = ["year", "variant", "amount_mxn", "is_estimate", "confidence", "last_verified", "note"]


@admin.register(FeeSchedule)
class FeeScheduleAdmin(SimpleHistoryAdmin):
    list_display = ["key", "kind", "legal_basis", "concept_en", "confidence"]
    list_filter = ["kind", "confidence"]
    search_fields = ["key", "legal_basis", "concept_en", "concept_es"]
    inlines = [FeeAmountInline]


@admin.register(FeeAmount)
class FeeAmountAdmin(SimpleHistoryAdmin):
    list_display = ["schedule", "year", "variant", "amount_mxn", "is_estimate", "confidence"]
    list_filter = ["year", "is_estimate", "confidence", "schedule"]
    list_select_related = ["schedule"]
    search_fields = ["schedule__key"]


@admin.register(State)
class StateAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "name_inm", "name_sepomex"]
    search_fields = ["code", "name", "name_inm", "name_sepomex"]


class OfficeNoticeInline(admin.TabularInline):
    model = OfficeNotice
    extra = 0
    fields = ["kind", "starts_on", "ends_on", "text_en", "text_es"]


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "city", "state", "online_booking", "confidence", "last_verified"]
    list_filter = ["online_booking", "kind", "confidence", "state"]
    list_select_related = ["state"]
    search_fields = ["code", "name", "city"]
    autocomplete_fields = ["nearest_online_office"]
    inlines = [OfficeNoticeInline]
    fieldsets = [
        (None, {"fields": ["code", "state", "kind", "name", "city", "active"]}),
        (_("Contact"), {"fields": ["address", "hours", "phone"]}),
        (_("Online booking"), {"fields": ["online_booking", "nearest_online_office", ("note_en", "note_es")]}),
        (_("Sources"), {"fields": [REFERENCE_FIELDS]}),
    ]


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "procedure", "office", "status"]
    list_filter = ["status", "created_at"]
    list_select_related = ["procedure", "office"]
    search_fields = ["message", "procedure__slug", "office__code"]
    readonly_fields = ["procedure", "office", "message", "email", "language", "created_at"]
    fields = ["procedure", "office", "message", "email", "language", "created_at", "status", "staff_note"]

    def has_add_permission(self, request):
        return False


@admin.register(Preparation)
class PreparationAdmin(admin.ModelAdmin):
    """Counts and states only: an applicant's answers and token never appear here."""

    list_display = ["id", "procedure", "status", "language", "created_at", "expires_at"]
    list_filter = ["status", "language", "procedure"]
    list_select_related = ["procedure"]
    fields = ["id", "procedure", "status", "language", "created_at", "updated_at", "completed_at", "expires_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PreparationTombstone)
class PreparationTombstoneAdmin(admin.ModelAdmin):
    list_display = ["deleted_at", "reason"]
    list_filter = ["reason"]
    fields = ["reason", "deleted_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

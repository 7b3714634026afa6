"""Staff screens for the reference catalogue, and a view of preparations without personal data.

Two staff groups (created by a data migration): editors change reference data, viewers read it.
Every change to a reference row is kept with its author and a diff (django-simple-history).
"""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult
from simple_history.admin import SimpleHistoryAdmin

from . import tasks
from .admin_forms import (
    REASON_MAX_LENGTH,
    BulkVerifyForm,
    CatalogueForm,
    ChoiceListField,
    InlineCatalogueForm,
    InlineFactForm,
    ReferenceFactForm,
    WizardStepsField,
    reason_field,
)
from .catalogue import localized
from .dashboard import schedules_missing_year
from .deadlines import mexico_today
from .history import procedure_timeline
from .letters import LETTER_VERSIONS
from .models import (
    STALE_AFTER,
    BookingHorizon,
    ChecklistItem,
    Confidence,
    FeeAmount,
    FeeSchedule,
    FormSection,
    GeneralRule,
    Mistake,
    NonWorkingPeriod,
    Office,
    OfficeNotice,
    PeriodKind,
    Preparation,
    PreparationTombstone,
    ProblemReport,
    Procedure,
    ProcedureFee,
    ReportStatus,
    State,
    TombstoneReason,
    UmaValue,
)
from .packet import PDFRenderError, packet_context, render_pdf, sample_preparation
from .services import fee_year_open, preparation_delete, reference_mark_verified
from .verification import translation_gaps
from .vocabulary import CurrentDocument, VisaType
from .workdays import holy_thursday_and_friday

REFERENCE_FIELDS = ("sources",)
TRUST_FIELDS = ("verify", "verify_note")
REASON_FIELDS = ("translations_checked", "change_reason")

# Natural keys (load_reference, URLs, saved answers): set when a row is created, then read-only.
LOCKED_KEYS = {
    Procedure: ("slug",),
    ChecklistItem: ("procedure", "key"),
    GeneralRule: ("key",),
    Mistake: ("key",),
    FeeSchedule: ("key",),
    FeeAmount: ("schedule", "year", "variant"),
    Office: ("code",),
    NonWorkingPeriod: ("key",),
    BookingHorizon: ("key",),
    UmaValue: ("year",),
    State: ("code",),
}


# ----------------------------------------------------------------------------- filters


class NotVerifiedSinceFilter(admin.SimpleListFilter):
    title = _("not verified since")
    parameter_name = "not_verified_since"
    periods = {"30": 30, "90": 90, "180": 180, "365": 365}

    def lookups(self, request, model_admin):
        return [
            ("never", _("never verified")),
            ("30", _("30 days")),
            ("90", _("90 days")),
            ("180", _("180 days")),
            ("365", _("a year")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "never":
            return queryset.filter(last_verified__isnull=True)
        if value in self.periods:
            since = timezone.localdate() - timedelta(days=self.periods[value])
            return queryset.filter(last_verified__isnull=True) | queryset.filter(last_verified__lt=since)
        return queryset


class TranslationFilter(admin.SimpleListFilter):
    """Rows whose translation is out of date (one language edited alone) or missing."""

    title = _("translations")
    parameter_name = "translations"

    def lookups(self, request, model_admin):
        return [("stale", _("to update")), ("missing", _("one language empty")), ("complete", _("complete"))]

    def queryset(self, request, queryset):
        stale = ~Q(stale_translations=[])
        missing = missing_translation_q(queryset.model.BILINGUAL_PAIRS)
        if self.value() == "stale":
            return queryset.filter(stale)
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(stale).exclude(missing)
        return queryset


class ConfirmedFilter(admin.SimpleListFilter):
    """Amounts applicants can rely on (verified, not an estimate), or not."""

    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No: not verified, or an estimate"))]

    def queryset(self, request, queryset):
        unconfirmed = ~Q(confidence=Confidence.VERIFIED) | Q(is_estimate=True)
        if self.value() == "no":
            return queryset.filter(unconfirmed)
        if self.value() == "yes":
            return queryset.exclude(unconfirmed)
        return queryset


class MissingYearFilter(admin.SimpleListFilter):
    """Fees with yearly amounts that have none for a year (this year and the next two)."""

    title = _("no amount for")
    parameter_name = "missing_year"

    def lookups(self, request, model_admin):
        year = mexico_today(timezone.now()).year
        return [(str(y), str(y)) for y in (year, year + 1, year + 2)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(pk__in=schedules_missing_year(int(self.value())))
        return queryset


class ContactFilter(admin.SimpleListFilter):
    title = _("address and hours")
    parameter_name = "contact"

    def lookups(self, request, model_admin):
        return [("incomplete", _("Address or hours missing")), ("complete", _("Both given"))]

    def queryset(self, request, queryset):
        if self.value() == "incomplete":
            return queryset.filter(Q(address="") | Q(hours_en="", hours_es=""))
        if self.value() == "complete":
            return queryset.exclude(address="").exclude(hours_en="", hours_es="")
        return queryset


def missing_translation_q(pairs) -> Q:
    """Rows where one language of a pair is filled and the other empty."""
    condition = Q(pk__in=[])
    for english, spanish in pairs:
        condition |= (Q(**{english: ""}) & ~Q(**{spanish: ""})) | (~Q(**{english: ""}) & Q(**{spanish: ""}))
    return condition


# ----------------------------------------------------------------------------- mixins


class CatalogueAdminMixin:
    """Every catalogue save says why, in the history; natural keys are read-only once created;
    translations are kept in step (procedures/verification.py)."""

    form = CatalogueForm

    @property
    def bilingual_pairs(self) -> tuple[tuple[str, str], ...]:
        return getattr(self.model, "BILINGUAL_PAIRS", ())

    delete_confirmation_template = "admin/procedures/delete_confirmation.html"

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly += [name for name in LOCKED_KEYS.get(self.model, ()) if name not in readonly]
        return [*readonly, "translation_status"] if self.bilingual_pairs else readonly

    def form_only_fields(self, request, obj=None) -> list:
        return [name for name in REASON_FIELDS if name != "translations_checked" or self.bilingual_pairs]

    def get_fieldsets(self, request, obj=None):
        extra = self.form_only_fields(request, obj)
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [field for field in options["fields"] if field not in (*extra, *TRUST_FIELDS, *REASON_FIELDS)]
            fieldsets.append((name, {**options, "fields": fields}))
        # The change page shows the reason beside the save buttons (admin/procedures/change_form.html);
        # simple-history's revert page has a template of its own, so there it is a fieldset.
        if getattr(request, "reason_in_fieldsets", False):
            fieldsets.append((_("Reason for this change"), {"fields": extra, "classes": ["change-reason"]}))
        return fieldsets

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.reason_in_fieldsets = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        stale = [verbose_name(obj, name) for name in obj.stale_translations or []]
        gaps = [verbose_name(obj, name) for name in translation_gaps(obj, self.bilingual_pairs)]
        if not stale and not gaps:
            return _("complete")
        parts = []
        if stale:
            parts.append(
                format_html('<strong class="translation-stale">{}</strong>', _("to update: ") + ", ".join(stale))
            )
        if gaps:
            parts.append(format_html('<strong class="translation-gap">{}</strong>', _("missing: ") + ", ".join(gaps)))
        return format_html_join(" ", "{}", ((part,) for part in parts))

    def save_model(self, request, obj, form, change):
        form.apply_trust(user=request.user, today=timezone.localdate())
        obj._change_reason = form.cleaned_data["change_reason"]
        super().save_model(request, obj, form, change)
        if getattr(form, "lost_verification", False):
            messages.warning(
                request,
                _("Saved. Its content changed, so it is no longer verified: it needs checking (not confirmed)."),
            )
        if obj.stale_translations if hasattr(obj, "stale_translations") else False:
            names = ", ".join(verbose_name(obj, name) for name in obj.stale_translations)
            messages.warning(request, _("Saved. Translation to update: %(fields)s.") % {"fields": names})
        gaps = translation_gaps(obj, self.bilingual_pairs)
        if gaps:
            names = ", ".join(verbose_name(obj, name) for name in gaps)
            messages.warning(request, _("Saved, but one language is empty: %(fields)s.") % {"fields": names})

    def save_formset(self, request, form, formset, change):
        """Rows edited on this page get the page's reason and the same trust rules."""
        reason = form.cleaned_data["change_reason"]
        today = timezone.localdate()
        for row in formset.forms:
            if hasattr(row, "apply_trust") and row.has_changed() and not formset._should_delete_form(row):
                row.apply_trust(user=request.user, today=today)
        for obj in formset.save(commit=False):
            obj._change_reason = reason
            obj.save()
        for obj in formset.deleted_objects:
            obj._change_reason = reason
            obj.delete()
        formset.save_m2m()

    def get_actions(self, request):
        # Deleting catalogue rows asks for a reason, one row at a time (its delete page).
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST" and "post" in request.POST:
            reason = request.POST.get("change_reason", "").strip()[:REASON_MAX_LENGTH]
            if not reason:
                messages.error(request, _("Say in a few words why you delete this: it is kept in the history."))
                return HttpResponseRedirect(request.get_full_path())
            request.change_reason = reason
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        obj._change_reason = request.change_reason
        super().delete_model(request, obj)


def verbose_name(obj, field_name: str) -> str:
    return str(obj._meta.get_field(field_name).verbose_name)


class ReferenceAdmin(CatalogueAdminMixin, SimpleHistoryAdmin):
    """Admin for a reference fact: history with diffs, verification that asks for its source."""

    form = ReferenceFactForm
    actions = ["mark_verified"]

    def get_list_filter(self, request):
        filters = [*super().get_list_filter(request), NotVerifiedSinceFilter]
        return [*filters, TranslationFilter] if self.bilingual_pairs else filters

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [
            *readonly,
            *(name for name in ("last_verified", "verified_by", "verification_note") if name not in readonly),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        trust = ["confidence", ("last_verified", "verified_by"), "verification_note"]
        can_save = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if can_save:
            trust += list(TRUST_FIELDS)
        cleaned = []
        reason_last = getattr(request, "reason_in_fieldsets", False) and can_save
        for name, options in fieldsets:
            fields = [
                field
                for field in options["fields"]
                if field not in ("confidence", "last_verified", "verified_by", "verification_note")
            ]
            cleaned.append((name, {**options, "fields": fields}))
        # Verification just above the reason, which closes the page.
        position = len(cleaned) - 1 if reason_last else len(cleaned)
        cleaned.insert(position, (_("Verification"), {"fields": trust, "classes": ["verification"]}))
        return [(name, options) for name, options in cleaned if options["fields"]]

    @admin.action(description=_("Mark verified (give the source you checked)"), permissions=["change"])
    def mark_verified(self, request, queryset):
        """An intermediate page: each fact is verified only when its source is given there."""
        facts = list(queryset)
        if "apply" in request.POST:
            form = BulkVerifyForm(request.POST, facts=facts)
            if form.is_valid():
                checked = form.checked()
                count = reference_mark_verified(
                    checked=checked,
                    on=timezone.localdate(),
                    user=request.user,
                    note=form.cleaned_data["note"],
                    reason=form.cleaned_data["change_reason"],
                )
                self.message_user(
                    request,
                    ngettext("%(count)d fact marked verified.", "%(count)d facts marked verified.", count)
                    % {"count": count},
                    messages.SUCCESS,
                )
                skipped = len(facts) - count
                if skipped:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d fact left as it was: no source given.",
                            "%(count)d facts left as they were: no source given.",
                            skipped,
                        )
                        % {"count": skipped},
                        messages.WARNING,
                    )
                return None
        else:
            form = BulkVerifyForm(facts=facts)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Mark verified"),
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/procedures/mark_verified.html", context)


# ----------------------------------------------------------------------------- procedures


class ChecklistItemInline(admin.TabularInline):
    """One line an item, read-only: an item is edited on its own page, where its verification,
    translations and reason are asked (the procedure page stays short)."""

    model = ChecklistItem
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    classes = ["collapse"]
    ordering = ["position"]
    fields = ["position", "item", "condition", "originals", "copies", "confidence", "translations"]
    readonly_fields = fields

    @admin.display(description=_("item"))
    def item(self, obj):
        return obj.text_es if translation.get_language() == "es" else obj.text_en

    @admin.display(description=_("translations"))
    def translations(self, obj):
        if obj.stale_translations:
            return format_html('<strong class="translation-stale">{}</strong>', _("to update"))
        return _("missing") if translation_gaps(obj, obj.BILINGUAL_PAIRS) else _("complete")


class ProcedureFeeInline(admin.TabularInline):
    model = ProcedureFee
    form = InlineCatalogueForm
    extra = 0
    ordering = ["position"]
    fields = ["position", "schedule", "condition", "when", "variant_from"]
    autocomplete_fields = ["schedule"]


class ProcedureForm(ReferenceFactForm):
    extra_steps = WizardStepsField(label=_("extra wizard steps"))
    optional_steps = WizardStepsField(
        label=_("optional wizard steps"), help_text=_("Steps the applicant may skip (among the extra ones).")
    )
    years_requested_for = ChoiceListField(
        choices=CurrentDocument.choices,
        label=Procedure._meta.get_field("years_requested_for").verbose_name,
        help_text=Procedure._meta.get_field("years_requested_for").help_text,
    )
    years_requested_visas = ChoiceListField(
        choices=VisaType.choices,
        label=Procedure._meta.get_field("years_requested_visas").verbose_name,
        help_text=Procedure._meta.get_field("years_requested_visas").help_text,
    )
    resident_since_for = ChoiceListField(
        choices=CurrentDocument.choices,
        label=Procedure._meta.get_field("resident_since_for").verbose_name,
        help_text=Procedure._meta.get_field("resident_since_for").help_text,
    )
    form_sections = ChoiceListField(
        choices=FormSection.choices,
        label=Procedure._meta.get_field("form_sections").verbose_name,
        help_text=Procedure._meta.get_field("form_sections").help_text,
    )
    items_if_asked = ChoiceListField(
        choices=[],
        label=Procedure._meta.get_field("items_if_asked").verbose_name,
        help_text=_(
            "Items of its checklist the applicant brings but does not list among the attachments: "
            "the INM's requirement sheet does not ask for them, some offices do."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Ticked among this procedure's own checklist items, not typed: a mistyped key silently
        # kept an item in the attachments list. A stored key whose item is gone is shown (and
        # refused by Procedure.clean) until it is unticked, not dropped unseen.
        items = self.instance.checklist_items.order_by("position") if self.instance.pk else []
        choices = [(item.key, f"{localized(item, 'text')} ({item.key})") for item in items]
        known = {key for key, _label in choices}
        for key in self.initial.get("items_if_asked") or []:
            if key not in known:
                choices.append((key, _("%(key)s: no checklist item of this procedure has this key") % {"key": key}))
        self.fields["items_if_asked"].choices = choices


@admin.register(Procedure)
class ProcedureAdmin(ReferenceAdmin):
    list_display = [
        "name_es",
        "slug",
        "portal_menu",
        "online_status",
        "confidence",
        "last_verified",
        "translation_status",
    ]
    list_filter = ["portal_menu", "online_status", "confidence", "active"]
    search_fields = ["slug", "name_es", "name_en", "official_name_es"]
    inlines = [ChecklistItemInline, ProcedureFeeInline]
    form = ProcedureForm
    fieldsets = [
        (None, {"fields": ["slug", ("name_en", "name_es"), "official_name_es", ("active", "position")]}),
        (
            _("Texts"),
            {"fields": ["translation_status", ("summary_en", "summary_es"), ("who_may_file_en", "who_may_file_es")]},
        ),
        (
            _("Portal and wizard"),
            {
                "fields": [
                    "portal_menu",
                    ("portal_especifica", "portal_especifica_confidence"),
                    ("online_status", "needs_appointment", "has_wizard"),
                    ("extra_steps", "optional_steps"),
                    ("letter", "letter_version"),
                ]
            },
        ),
        (
            _("What the wizard asks"),
            {
                "fields": [
                    ("years_requested_for", "years_requested_visas", "resident_since_for"),
                    ("changes_status_from_visitor", "asks_rt_to_rp_route", "asks_entry_date"),
                    ("employment_kind", "change_kind"),
                ]
            },
        ),
        (
            _("What the rules know"),
            {
                "fields": [
                    ("issues_card", "first_card_in_mexico", "visa_picks_card"),
                    ("four_year_renewal", "student_card_fee_exempt", "replaces_a_valid_card"),
                    ("family_unity", "family_unity_permanent", "half_fee"),
                    ("expired_card_becomes", "stay_expired_becomes"),
                    "items_if_asked",
                    ("form_sections", "sample_document"),
                ]
            },
        ),
        (
            _("Deadline"),
            {
                "fields": [
                    ("deadline_rule", "deadline_days", "deadline_basis"),
                    "deadline_condition",
                    ("deadline_source_en", "deadline_source_es"),
                ]
            },
        ),
        (_("Sources"), {"fields": [REFERENCE_FIELDS]}),
    ]

    readonly_fields = ["letter_version"]
    change_form_template = "admin/procedures/procedure/change_form.html"
    object_history_template = "admin/procedures/procedure/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        """The procedure's own versions (with revert), under one timeline of everything its
        packet is made of."""
        procedure = self.get_object(request, object_id)
        timeline = procedure_timeline(procedure) if procedure is not None else []
        return super().history_view(request, object_id, extra_context={**(extra_context or {}), "timeline": timeline})

    @admin.display(description=_("letter version"))
    def letter_version(self, obj):
        return LETTER_VERSIONS.get(obj.letter, "—") if obj and obj.letter else "—"

    def get_urls(self):
        return [
            path(
                "needs-verification/",
                self.admin_site.admin_view(self.needs_verification_view),
                name="procedures_needs_verification",
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="procedures_procedure_preview",
            ),
            path(
                "<path:object_id>/preview/pdf/",
                self.admin_site.admin_view(self.preview_pdf_view),
                name="procedures_procedure_preview_pdf",
            ),
            *super().get_urls(),
        ]

    def _preview(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        procedure = Procedure.objects.filter(pk=object_id, has_wizard=True).first()
        if procedure is None:
            raise Http404
        now = timezone.now()
        today = mexico_today(now)
        language = request.GET.get("language") if request.GET.get("language") in ("en", "es") else "es"
        preparation = sample_preparation(procedure, now=now, today=today, language=language)
        with translation.override(language):
            return preparation, packet_context(preparation, today=today, now=now), language

    def preview_view(self, request, object_id):
        """The packet of a built-in sample applicant: nothing is saved."""
        preparation, context, language = self._preview(request, object_id)
        with translation.override(language):
            context = {
                **self.admin_site.each_context(request),
                **context,
                "pdf": True,
                "title": _("Packet preview"),
                "opts": self.model._meta,
                "language": language,
            }
            return TemplateResponse(request, "admin/procedures/packet_preview.html", context)

    def preview_pdf_view(self, request, object_id):
        preparation, context, language = self._preview(request, object_id)
        with translation.override(language):
            try:
                content = render_pdf(context)
            except PDFRenderError:
                messages.error(request, _("The PDF could not be rendered."))
                return HttpResponseRedirect(reverse("admin:procedures_procedure_preview", args=[object_id]))
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="preview-{preparation.procedure.slug}.pdf"'
        return response

    def needs_verification_view(self, request):
        """Every reference fact that is not verified, or was verified too long ago."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        groups = []
        for model in (
            Procedure,
            ChecklistItem,
            GeneralRule,
            Mistake,
            FeeSchedule,
            FeeAmount,
            Office,
            NonWorkingPeriod,
            BookingHorizon,
        ):
            queryset = model.objects.needing_verification(today)
            if model is ChecklistItem:
                queryset = queryset.select_related("procedure")
            elif model is FeeAmount:
                queryset = queryset.select_related("schedule")
            rows = [
                {
                    "fact": fact,
                    "url": reverse(f"admin:procedures_{model._meta.model_name}_change", args=[fact.pk]),
                }
                for fact in queryset
            ]
            groups.append({"name": model._meta.verbose_name_plural, "rows": rows})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Needs verification"),
            "groups": groups,
            "stale_days": STALE_AFTER.days,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/procedures/needs_verification.html", context)


@admin.register(ChecklistItem)
class ChecklistItemAdmin(ReferenceAdmin):
    # Few, short columns: the list sits between the navigation and the filters at 1280 px.
    list_display = ["item", "procedure_slug", "condition", "originals_and_copies", "confidence", "translations"]

    def get_list_display(self, request):
        # Filtered by one procedure, its name in every row says nothing.
        shown = super().get_list_display(request)
        return [name for name in shown if name != "procedure_slug"] if "procedure__id__exact" in request.GET else shown

    @admin.display(description=_("originals / copies"))
    def originals_and_copies(self, obj):
        return f"{obj.originals} / {obj.copies}"

    list_filter = ["procedure", "procedure__portal_menu", "condition", "confidence"]
    list_select_related = ["procedure"]
    list_display_links = ["item"]
    search_fields = ["key", "text_en", "text_es", "procedure__slug"]
    ordering = ["procedure__position", "procedure__slug", "position"]

    @admin.display(description=_("item"), ordering="text_en")
    def item(self, obj):
        text = obj.text_es if translation.get_language() == "es" else obj.text_en
        return text if len(text) <= 90 else text[:89] + "…"

    @admin.display(description=_("procedure"), ordering="procedure__slug")
    def procedure_slug(self, obj):
        return obj.procedure.slug

    @admin.display(description=_("translations"))
    def translations(self, obj):
        if obj.stale_translations:
            return format_html('<strong class="translation-stale">{}</strong>', _("to update"))
        if translation_gaps(obj, obj.BILINGUAL_PAIRS):
            return format_html('<strong class="translation-gap">{}</strong>', _("missing"))
        return _("complete")

    def get_changeform_initial_data(self, request):
        # "Add a checklist item" from a procedure's page: that procedure, after its last item.
        initial = super().get_changeform_initial_data(request)
        procedure = initial.get("procedure")
        if procedure and str(procedure).isdigit():
            last = ChecklistItem.objects.filter(procedure_id=procedure).order_by("-position").first()
            initial.setdefault("position", (last.position + 1) if last else 1)
        return initial

    autocomplete_fields = ["procedure"]
    fields = [
        "procedure",
        ("key", "position"),
        "translation_status",
        ("text_en", "text_es"),
        ("help_en", "help_es"),
        ("originals", "copies", "condition"),
        REFERENCE_FIELDS,
    ]


@admin.register(GeneralRule)
class GeneralRuleAdmin(ReferenceAdmin):
    list_display = ["key", "text_en", "condition", "confidence", "last_verified", "translation_status"]
    list_filter = ["condition", "confidence"]
    search_fields = ["key", "text_en", "text_es"]
    fields = [("key", "position", "condition"), "translation_status", ("text_en", "text_es"), REFERENCE_FIELDS]


# ----------------------------------------------------------------------------- fees


class LockedKeysInlineMixin:
    """Natural keys of rows already saved are shown, not edited (the inline form has one set of
    fields for every row, so the lock is per row, in the form)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        locked = LOCKED_KEYS.get(self.model, ())

        class LockedForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.pk:
                    for name in locked:
                        if name in self.fields:
                            self.fields[name].disabled = True

        formset.form = LockedForm
        return formset


class FeeAmountInline(LockedKeysInlineMixin, admin.TabularInline):
    """Amounts edited here lose their verification when they change; they are verified on their
    own page or with the "Mark verified" action of the fee amounts list."""

    model = FeeAmount
    form = InlineFactForm
    extra = 0
    show_change_link = True
    fields = ["year", "variant", "amount_mxn", "is_estimate", "note", "confidence", "last_verified"]
    readonly_fields = ["confidence", "last_verified"]


class OpenFeeYearForm(forms.Form):
    from_year = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2099)
    factor = forms.DecimalField(
        label=_("Factor"),
        max_digits=8,
        decimal_places=6,
        min_value=Decimal("0.5"),
        max_value=Decimal("3"),
        help_text=_("The official inflation factor published for the LFD update, e.g. 1.0392."),
    )
    change_reason = reason_field()


@admin.register(Mistake)
class MistakeAdmin(ReferenceAdmin):
    """The common mistakes a packet warns of, each where its condition holds."""

    list_display = ["key", "text_en", "when", "procedure", "confidence", "translation_status"]
    list_filter = ["when", "confidence"]
    search_fields = ["key", "text_en", "text_es", "procedure__slug"]
    autocomplete_fields = ["procedure"]
    fields = [
        ("key", "position"),
        ("when", "procedure"),
        "translation_status",
        ("text_en", "text_es"),
        REFERENCE_FIELDS,
    ]


@admin.register(FeeSchedule)
class FeeScheduleAdmin(ReferenceAdmin):
    list_display = ["key", "kind", "legal_basis", "concept_en", "confidence", "translation_status"]
    list_filter = ["kind", MissingYearFilter, "confidence"]
    search_fields = ["key", "legal_basis", "concept_en", "concept_es"]
    inlines = [FeeAmountInline]
    actions = ["mark_verified", "open_next_year"]
    fields = [("key", "kind"), "legal_basis", "translation_status", ("concept_en", "concept_es"), REFERENCE_FIELDS]

    @admin.action(description=_("Open fee year N+1 from year N by a factor (as estimates)"), permissions=["change"])
    def open_next_year(self, request, queryset):
        if "apply" in request.POST:
            form = OpenFeeYearForm(request.POST)
            if form.is_valid():
                for schedule in queryset:
                    created, skipped = fee_year_open(
                        schedule=schedule,
                        from_year=form.cleaned_data["from_year"],
                        factor=form.cleaned_data["factor"],
                        reason=form.cleaned_data["change_reason"],
                    )
                    self.message_user(
                        request,
                        _("%(schedule)s: %(count)d estimates created for %(year)d, to be confirmed.")
                        % {"schedule": schedule.key, "count": len(created), "year": form.cleaned_data["from_year"] + 1},
                        messages.SUCCESS,
                    )
                    for reason in skipped:
                        self.message_user(request, f"{schedule.key}: {reason}", messages.WARNING)
                return None
        else:
            form = OpenFeeYearForm(initial={"from_year": timezone.localdate().year})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Open the next fee year"),
            "form": form,
            "schedules": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/procedures/open_fee_year.html", context)


@admin.register(FeeAmount)
class FeeAmountAdmin(ReferenceAdmin):
    list_display = [
        "__str__",
        "schedule",
        "year",
        "variant",
        "amount_mxn",
        "is_estimate",
        "confidence",
        "last_verified",
    ]
    list_filter = ["year", ConfirmedFilter, "is_estimate", "confidence", "schedule"]
    fields = [("schedule", "year", "variant"), ("amount_mxn", "is_estimate"), "note", REFERENCE_FIELDS]
    list_select_related = ["schedule"]
    search_fields = ["schedule__key"]


@admin.register(UmaValue)
class UmaValueAdmin(ReferenceAdmin):
    """The UMA of each year: the pensioner route's thresholds are computed from it."""

    list_display = ["year", "daily_mxn", "in_force_from", "confidence", "last_verified"]
    list_filter = ["confidence"]
    search_fields = ["year"]
    fields = ["year", "daily_mxn", "in_force_from", "note", REFERENCE_FIELDS]


@admin.register(State)
class StateAdmin(CatalogueAdminMixin, SimpleHistoryAdmin):
    list_display = ["code", "name", "name_inm", "name_sepomex"]
    search_fields = ["code", "name", "name_inm", "name_sepomex"]


# ----------------------------------------------------------------------------- offices


class OfficeNoticeInline(admin.TabularInline):
    model = OfficeNotice
    form = InlineCatalogueForm
    extra = 0
    fields = ["kind", "starts_on", "ends_on", "text_en", "text_es"]


class NonWorkingPeriodInline(LockedKeysInlineMixin, admin.TabularInline):
    """DOF periods that hold for this office only (verified on their own page)."""

    model = NonWorkingPeriod
    form = InlineFactForm
    extra = 0
    show_change_link = True
    fields = ["key", "kind", "starts_on", "ends_on", "name_en", "name_es", "acuerdo", "confidence"]
    readonly_fields = ["confidence"]


@admin.register(Office)
class OfficeAdmin(ReferenceAdmin):
    list_display = ["name", "code", "city", "state", "online_booking", "time_zone", "confidence", "last_verified"]
    list_filter = ["online_booking", ContactFilter, "kind", "confidence", "time_zone", "state"]
    list_select_related = ["state"]
    search_fields = ["code", "name", "city"]
    autocomplete_fields = ["nearest_online_office"]
    inlines = [OfficeNoticeInline, NonWorkingPeriodInline]
    fieldsets = [
        (None, {"fields": ["code", "state", "kind", "name", "city", "time_zone", "active"]}),
        (_("Contact"), {"fields": ["address", ("address_source", "address_as_of"), ("hours_en", "hours_es"), "phone"]}),
        (
            _("Online booking"),
            {
                "fields": [
                    ("online_booking", "online_booking_confidence"),
                    "online_booking_source",
                    "nearest_online_office",
                    "translation_status",
                    ("note_en", "note_es"),
                ]
            },
        ),
        (_("Sources"), {"fields": [REFERENCE_FIELDS]}),
    ]


@admin.register(OfficeNotice)
class OfficeNoticeAdmin(CatalogueAdminMixin, SimpleHistoryAdmin):
    list_display = ["office", "kind", "starts_on", "ends_on", "translation_status"]
    list_filter = ["kind", "starts_on", "office__state"]
    list_select_related = ["office"]
    search_fields = ["office__code", "office__city", "text_en", "text_es"]
    autocomplete_fields = ["office"]


# ----------------------------------------------------------------------------- the calendar


@admin.register(NonWorkingPeriod)
class NonWorkingPeriodAdmin(ReferenceAdmin):
    """Days of general vacation the INM publishes in the DOF. Rest days set by law are computed,
    not entered here; Holy Thursday and Friday are entered each year with their acuerdo."""

    list_display = ["name_en", "kind", "starts_on", "ends_on", "office", "acuerdo", "confidence", "translation_status"]
    list_filter = ["kind", "confidence", "starts_on"]
    list_select_related = ["office"]
    search_fields = ["key", "name_en", "name_es", "acuerdo", "office__code"]
    autocomplete_fields = ["office"]
    date_hierarchy = "starts_on"
    fields = [
        ("key", "kind"),
        ("starts_on", "ends_on"),
        "office",
        "translation_status",
        ("name_en", "name_es"),
        "acuerdo",
        REFERENCE_FIELDS,
    ]
    change_list_template = "admin/procedures/nonworkingperiod/change_list.html"

    def changelist_view(self, request, extra_context=None):
        year = mexico_today(timezone.now()).year
        extra_context = {**(extra_context or {}), "holy_week_links": [holy_week_link(y) for y in (year, year + 1)]}
        return super().changelist_view(request, extra_context=extra_context)


def year_end_link(year: int) -> str:
    """The add form of a year-end closure, its key and kind filled in (the dates come from the
    year's acuerdo in the DOF: nothing is guessed)."""
    from urllib.parse import urlencode

    query = urlencode(
        {
            "key": f"dof-{year}-year-end",
            "kind": PeriodKind.YEAR_END,
            "name_en": "Year-end closure of INM offices",
            "name_es": "Periodo vacacional de fin de año del INM",
            "confidence": "unverified",
        }
    )
    return f"{reverse('admin:procedures_nonworkingperiod_add')}?{query}"


def holy_week_link(year: int) -> dict:
    """The add form, filled in with Holy Thursday and Good Friday of ``year``, not confirmed: staff
    check the year's acuerdo in the DOF, enter it and save (nothing is saved by the link)."""
    from urllib.parse import urlencode

    thursday, friday = holy_thursday_and_friday(year)
    query = urlencode(
        {
            "key": f"dof-{year}-holy-week",
            "kind": PeriodKind.HOLY_WEEK,
            "starts_on": thursday.isoformat(),
            "ends_on": friday.isoformat(),
            "name_en": "Holy Thursday and Good Friday",
            "name_es": "Jueves y Viernes Santo",
            "confidence": "unverified",
        }
    )
    return {"year": year, "url": f"{reverse('admin:procedures_nonworkingperiod_add')}?{query}"}


@admin.register(BookingHorizon)
class BookingHorizonAdmin(ReferenceAdmin):
    list_display = ["key", "days", "confidence", "last_verified", "translation_status"]
    list_filter = ["confidence"]
    search_fields = ["key", "note_en", "note_es"]
    fields = [("key", "days"), "translation_status", ("note_en", "note_es"), REFERENCE_FIELDS]


# ----------------------------------------------------------------------------- reports


class ReportStatusFilter(admin.SimpleListFilter):
    """Open reports first: the queue staff work through."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", _("Open (new or in progress)")), *ReportStatus.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "open":
            return queryset.filter(status__in=[ReportStatus.NEW, ReportStatus.IN_PROGRESS])
        if value:
            return queryset.filter(status=value)
        return queryset


class DeclaredLookupsOnlyMixin:
    """Filtering by the declared list filters only, for rows that hold personal data or token hashes.

    Django admin also accepts any lookup on the model's own fields in the query string, whatever
    ``list_filter`` says: ``?token__gte=…`` recovers a private link by binary search, and
    ``?answers__passport__passport_number=…`` finds a person. ``allowed_lookups`` is the exact
    list of what the declared filters send (tests/test_admin_privacy.py compares the two);
    anything else answers 400 (DisallowedModelAdminLookup).
    """

    allowed_lookups: frozenset[str] = frozenset()

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in self.allowed_lookups


@admin.register(ProblemReport)
class ProblemReportAdmin(DeclaredLookupsOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "subject", "excerpt", "status"]
    list_filter = [ReportStatusFilter, "created_at"]
    allowed_lookups = frozenset({"status", "created_at__gte", "created_at__lt"})
    list_select_related = ["procedure", "office"]
    search_fields = ["message", "procedure__slug", "office__code"]
    readonly_fields = ["subject", "message", "email", "language", "created_at"]
    fields = ["subject", "message", "email", "language", "created_at", "status", "staff_note"]

    @admin.display(description=_("about"))
    def subject(self, obj):
        target = obj.procedure or obj.office
        url = reverse(f"admin:procedures_{target._meta.model_name}_change", args=[target.pk])
        return format_html('<a href="{}">{}</a>', url, target)

    @admin.display(description=_("message"))
    def excerpt(self, obj):
        return obj.message if len(obj.message) <= 80 else obj.message[:79] + "…"

    def has_add_permission(self, request):
        return False


# ----------------------------------------------------------------------------- preparations


@admin.register(Preparation)
class PreparationAdmin(DeclaredLookupsOnlyMixin, admin.ModelAdmin):
    """Counts and states only: an applicant's answers and token are never shown, filtered or even
    loaded here. Deleting one (a row or the bulk action) leaves a tombstone, as the applicant's
    own "delete now" does: its link then answers 410."""

    list_display = ["id", "procedure", "status", "language", "created_at", "expires_at"]
    list_filter = ["status", "language", "procedure"]
    allowed_lookups = frozenset(
        {"status__exact", "status__isnull", "language__exact", "language__isnull"}
        | {"procedure__id__exact", "procedure__isnull"}
    )
    list_select_related = ["procedure"]
    fields = ["id", "procedure", "status", "language", "created_at", "updated_at", "completed_at", "expires_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("token", "answers")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        preparation_delete(preparation=obj, reason=TombstoneReason.STAFF, now=timezone.now())

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        now = timezone.now()
        for preparation in queryset.select_related(None).only("pk", "token"):
            preparation_delete(preparation=preparation, reason=TombstoneReason.STAFF, now=now)

    def get_urls(self):
        return [
            path("counts/", self.admin_site.admin_view(self.counts_view), name="procedures_preparation_counts"),
            *super().get_urls(),
        ]

    def counts_view(self, request):
        """Preparations by procedure and week: what staff may know, without personal data."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = (
            Preparation.objects.annotate(week=TruncWeek("created_at"))
            .values("week", "procedure__slug", "status")
            .annotate(count=Count("id"))
            .order_by("-week", "procedure__slug", "status")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preparations by procedure and week"),
            "rows": rows,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/procedures/preparation_counts.html", context)


@admin.register(PreparationTombstone)
class PreparationTombstoneAdmin(DeclaredLookupsOnlyMixin, admin.ModelAdmin):
    list_display = ["deleted_at", "reason"]
    list_filter = ["reason"]
    allowed_lookups = frozenset({"reason__exact", "reason__isnull"})

    def get_queryset(self, request):
        return super().get_queryset(request).defer("token_hash")

    fields = ["reason", "deleted_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The task queue (django_tasks_db registers its own screen; ours replaces it). A task result shows
# the task's arguments (a preparation's primary key) and, when it failed, its traceback, which
# may quote code and data: superusers only. Every staff member sees the queue's state on the
# admin index (templates/admin/index.html).
admin.site.unregister(DBTaskResult)


# django_tasks and django_tasks_db ship no translations: their field names and status labels
# are marked for translation there, so listing them here puts them in our catalogue
# (makemessages reads this file), and the admin shows them in Spanish.
TASK_QUEUE_MESSAGES = (
    _("status"),
    _("enqueued at"),
    _("started at"),
    _("finished at"),
    _("args kwargs"),
    _("priority"),
    _("task path"),
    _("worker id"),
    _("queue name"),
    _("backend name"),
    _("run after"),
    _("return value"),
    _("exception class path"),
    _("traceback"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)


# The task queue's columns, with three changes: the task in words (its function's name is for
# code), what it returned in words beside its state, and no id column (a UUID that says
# nothing; the task's name links to its page instead).
TASK_RESULT_COLUMNS = {"id": (), "task_name": ("task_label",), "status": ("status", "outcome")}


class SuperusersOnlyMixin:
    """A screen only superusers see (its index entry too), whatever permissions a group grants."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(DBTaskResult)
class TaskResultAdmin(SuperusersOnlyMixin, DBTaskResultAdmin):
    list_display = [
        column for name in DBTaskResultAdmin.list_display for column in TASK_RESULT_COLUMNS.get(name, (name,))
    ]

    @admin.display(description=_("task"))
    def task_label(self, obj):
        return tasks.task_label(obj.task_path)

    @admin.display(description=_("result"))
    def outcome(self, obj):
        return tasks.outcome_label(obj.task_path, obj.return_value) or self.get_empty_value_display()

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [{"return_value": "outcome"}.get(name, name) for name in fields]

    # The parent's two computed fields carry untranslated English descriptions.
    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The model has no __str__ of its own: Django would title the page "DBTaskResult object
        # (…)", in English. Its title and breadcrumb name the task and when it was enqueued.
        result = self.get_object(request, object_id)
        if result is not None:
            when = date_format(timezone.localtime(result.enqueued_at), "DATETIME_FORMAT")
            extra_context = {**(extra_context or {}), "subtitle": f"{tasks.task_label(result.task_path)} · {when}"}
        return super().change_view(request, object_id, form_url, extra_context)


from . import device_admin  # noqa: E402, F401  (staff's authenticator apps: django-otp's screen replaced)

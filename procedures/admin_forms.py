"""The forms staff edit the catalogue with: a reason for every change, verification that asks
for its source, translations kept in step, and fields shaped for people (not JSON)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import EXTRA_STEPS, Confidence, FeeAmount, ReferenceFact, TranslatedRow
from .verification import confidence_after_edit, content_changed, source_clean, stale_after_edit

REASON_MAX_LENGTH = 100  # simple-history's history_change_reason column


def reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason for this change"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
        help_text=_("A few words, kept in the history: e.g. “2026 LFD published in the DOF”."),
        error_messages={"required": _("Say in a few words why you make this change: it is kept in the history.")},
    )


# ----------------------------------------------------------------------------- sources


class SourcesWidget(forms.Widget):
    """One text field per source, and two empty ones to add more (save to get more)."""

    blank_rows = 2

    def format_value(self, value):
        return list(value or [])

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.get("id", f"id_{name}")
        rows = [*self.format_value(value), *[""] * self.blank_rows]
        items = format_html_join(
            "",
            '<li><input type="text" name="{}_{}" id="{}_{}" value="{}" class="vLargeTextField source-input"'
            ' maxlength="500" aria-label="{} {}"></li>',
            ((name, i, base_id, i, text, _("Source"), i + 1) for i, text in enumerate(rows)),
        )
        return format_html('<ul class="source-list" id="{}">{}</ul>', base_id, items)

    def value_from_datadict(self, data, files, name):
        values, index = [], 0
        while f"{name}_{index}" in data:
            values.append(data[f"{name}_{index}"])
            index += 1
        return values

    def value_omitted_from_data(self, data, files, name):
        return f"{name}_0" not in data

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_


class SourcesField(forms.Field):
    """A list of sources: web addresses or citations of documents, each checked, empty rows dropped."""

    widget = SourcesWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("One a line: a web address (https://…) or a document and where in it (“DOF 7 Nov 2025, Art. 8 fr. VI”)."),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = [value]
        return [" ".join(str(text).split()) for text in (value or []) if str(text).strip()]

    def validate(self, value):
        super().validate(value)
        errors, cleaned = [], []
        for text in value:
            try:
                cleaned.append(source_clean(text))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        value[:] = list(dict.fromkeys(cleaned))

    def has_changed(self, initial, data):
        return list(initial or []) != self.to_python(data)


class WizardStepsField(forms.MultipleChoiceField):
    """The wizard's extra steps as checkboxes (stored as a list of step names)."""

    def __init__(self, **kwargs):
        labels = {
            "guardian": _("Parent or guardian (applicant under 18)"),
            "family": _("Family tie and sponsor"),
            "employment": _("Employment"),
            "changes": _("The change to notify"),
            "replacement": _("Lost, stolen or damaged card"),
        }
        kwargs.setdefault("required", False)
        super().__init__(
            choices=[(step, labels[step]) for step in EXTRA_STEPS], widget=forms.CheckboxSelectMultiple, **kwargs
        )

    def prepare_value(self, value):
        return list(value or [])

    def has_changed(self, initial, data):
        return set(initial or []) != set(data or [])


class ChoiceListField(forms.MultipleChoiceField):
    """A list field of a closed vocabulary as checkboxes (stored as a list of values)."""

    def __init__(self, *, choices, **kwargs):
        kwargs.setdefault("required", False)
        # "radiolist", as admin's own radio_fields: its labels take their text's width, not the
        # 160 px of a field's label (a list of long item names was a column of broken lines).
        super().__init__(choices=choices, widget=forms.CheckboxSelectMultiple(attrs={"class": "radiolist"}), **kwargs)

    def prepare_value(self, value):
        return list(value or [])

    def has_changed(self, initial, data):
        return set(initial or []) != set(data or [])


# ----------------------------------------------------------------------------- the forms


class CatalogueForm(forms.ModelForm):
    """Every catalogue save says why (``change_reason``) and keeps translations in step."""

    change_reason = reason_field()
    translations_checked = forms.BooleanField(
        label=_("Both languages say the same"),
        required=False,
        help_text=_(
            "Tick when you edited one language and the other needs no change (a typo): nothing is marked to update."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale_before = list(getattr(self.instance, "stale_translations", None) or [])
        if not isinstance(self.instance, TranslatedRow) or not self.instance.BILINGUAL_PAIRS:
            self.fields.pop("translations_checked", None)

    def apply_translations(self) -> None:
        """Mark the translations this edit left behind (or brought up to date)."""
        if not isinstance(self.instance, TranslatedRow):
            return
        self.instance.stale_translations = stale_after_edit(
            pairs=self.instance.BILINGUAL_PAIRS,
            changed_fields=self.changed_data if self.instance.pk else [],
            stale_before=self.stale_before,
            confirmed=bool(self.cleaned_data.get("translations_checked")),
        )

    def apply_trust(self, *, user, today: date) -> None:
        self.apply_translations()


class ReferenceFactForm(CatalogueForm):
    """A fact becomes verified only when a staff member checks it against a source, here and now."""

    verify = forms.BooleanField(
        label=_("I checked this fact against its sources today"),
        required=False,
        help_text=_("Marks it verified, with your name and today's date. Needs at least one source and a note."),
    )
    verify_note = forms.CharField(
        label=_("What you checked"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
        help_text=_("e.g. “Amount in the LFD 2026, art. 9 fr. II, DOF 27 Dec 2025”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.confidence_before = self.instance.confidence if self.instance.pk else None
        if "sources" in self.fields:
            field = self.fields["sources"]
            self.fields["sources"] = SourcesField(label=field.label, required=False)

    def clean(self):
        cleaned = super().clean()
        verify = cleaned.get("verify")
        chosen = cleaned.get("confidence", self.confidence_before)
        if verify:
            sources = cleaned.get("sources", self.instance.sources if "sources" not in self.fields else None)
            if not sources and "sources" not in self.errors:
                self.add_error("sources", _("Give the source you checked: a web address or a document citation."))
            if not cleaned.get("verify_note"):
                self.add_error("verify_note", _("Say what you checked: the document and what it says."))
        elif chosen == Confidence.VERIFIED and self.confidence_before != Confidence.VERIFIED:
            self.add_error(
                "verify",
                _(
                    "A fact becomes verified only when you check it: tick “I checked this fact…”, "
                    "give the source and say what you checked."
                ),
            )
        return cleaned

    @property
    def reverified(self) -> bool:
        return bool(self.cleaned_data.get("verify"))

    @property
    def changes_content(self) -> bool:
        return self.instance.pk is None or content_changed(self.changed_data)

    def apply_trust(self, *, user, today: date) -> None:
        """Store what this save says about the fact's confidence, before it is saved."""
        super().apply_trust(user=user, today=today)
        fact: ReferenceFact = self.instance
        before = self.confidence_before or Confidence.UNVERIFIED
        chosen = self.cleaned_data.get("confidence", fact.confidence)
        fact.confidence = confidence_after_edit(
            before=before, chosen=chosen, content_changed=self.changes_content, reverified=self.reverified
        )
        if self.reverified:
            fact.last_verified, fact.verified_by = today, user
            fact.verification_note = self.cleaned_data["verify_note"]
            if isinstance(fact, FeeAmount):
                fact.is_estimate = False  # a checked amount is no longer an estimate
        elif fact.confidence != Confidence.VERIFIED:
            fact.last_verified, fact.verified_by, fact.verification_note = None, None, ""

    @property
    def lost_verification(self) -> bool:
        return self.confidence_before == Confidence.VERIFIED and self.instance.confidence == Confidence.NEEDS_CHECKING


class InlineFactForm(ReferenceFactForm):
    """A fact edited in a row of another fact's page: verified only on its own page or by the
    bulk action; a changed verified row needs checking."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("change_reason", "verify", "verify_note", "translations_checked"):
            self.fields.pop(name, None)


class InlineCatalogueForm(CatalogueForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("change_reason", "translations_checked"):
            self.fields.pop(name, None)


# ----------------------------------------------------------------------------- bulk verification


class BulkVerifyForm(forms.Form):
    """The intermediate page of "Mark verified": a source for each fact, one note for all."""

    change_reason = reason_field()
    note = forms.CharField(
        label=_("What you checked"), max_length=300, widget=forms.TextInput(attrs={"class": "vLargeTextField"})
    )

    def __init__(self, *args, facts, **kwargs):
        super().__init__(*args, **kwargs)
        self.facts = list(facts)
        for fact in self.facts:
            self.fields[f"source_{fact.pk}"] = forms.CharField(
                label=str(fact),
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
            )

    def rows(self):
        return [(fact, self[f"source_{fact.pk}"]) for fact in self.facts]

    def clean(self):
        cleaned = super().clean()
        for fact in self.facts:
            text = (cleaned.get(f"source_{fact.pk}") or "").strip()
            if text:
                try:
                    cleaned[f"source_{fact.pk}"] = source_clean(text)
                except ValidationError as error:
                    self.add_error(f"source_{fact.pk}", error)
        if not self.errors and not any(cleaned.get(f"source_{fact.pk}") for fact in self.facts):
            raise ValidationError(_("Give the source you checked for at least one fact: only those are verified."))
        return cleaned

    def checked(self) -> list[tuple[ReferenceFact, str]]:
        """The facts a source was given for, with that source."""
        return [
            (fact, self.cleaned_data[f"source_{fact.pk}"])
            for fact in self.facts
            if self.cleaned_data.get(f"source_{fact.pk}")
        ]

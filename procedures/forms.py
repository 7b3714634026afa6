"""Forms: one per purpose, labels and hints written for applicants, every string translatable."""

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.core import validators
from django.utils import formats
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from localflavor.mx.forms import MXCURPField, MXRFCField
from postalcodes_mexico import postalcodes_mexico

from .appointments import local_appointment, today_at, zone_named
from .choose import Document as ChooseDocument
from .choose import Need
from .error_messages import SpecificMessages, specific_messages
from .glossary import NUE_PRINTED
from .situation import CARD_DOCUMENTS, four_years_end, whole_years
from .traits import traits_for
from .vocabulary import (
    Admission,
    CurrentDocument,
    DocumentType,
    EmployerType,
    EmploymentKind,
    EntryRecord,
    GuardianRelationship,
    MaritalStatus,
    Relationship,
    ReplacementReason,
    RtToRpRoute,
    Sex,
    SponsorStatus,
    VisaType,
    YesNo,
)
from .widgets import FastSelect, FrozenChoices, Radios


class ProblemReportForm(SpecificMessages, forms.Form):
    """ "Report a problem with this information": no personal data needed."""

    message = forms.CharField(
        label=_("What is wrong or out of date?"),
        help_text=_("Please do not write personal data such as passport numbers."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        help_text=_("Only if you want us to be able to ask you about it."),
        required=False,
        max_length=254,
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Please describe the problem."))
        return message


# ============================================================================= the wizard's steps
#
# One form per step. Labels are written for applicants; where the INM form has a field, the
# label carries its Spanish INM label (shown beside the English one), so that what the applicant
# types here is what they will copy into the portal. Answers are saved as JSON: ``answers()``
# turns cleaned data into JSON values (dates as ISO strings).

NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")
CURP_SHAPE_RE = re.compile(r"^[A-ZÑ0-9]{18}$")
PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,20}$")
DIGITS_RE = re.compile(r"^\d+$")
TEXT_MAX = 200
OLDEST_AGE = 120


def _inm_label(english, spanish: str) -> str:
    if (get_language() or "en").startswith("es"):
        return spanish
    return f"{english} ({spanish})"


def inm_label(english, spanish: str):
    """An English label with the INM's Spanish label beside it; in Spanish, the INM's label alone."""
    return lazy(_inm_label, str)(english, spanish)


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def clean_name(value: str) -> str:
    """A name as the passport prints it, NFKC-normalised before it is checked: compatibility
    forms (full-width letters, ligatures such as "ﬁ", a combining accent typed apart) become the
    plain letters the INM's form takes, and cannot slip past the letters-only rule."""
    value = " ".join(unicodedata.normalize("NFKC", value).split())
    # NFKC may lengthen a name ("ﬃ" is three letters): the field's limit applies to the result.
    validators.MaxLengthValidator(TEXT_MAX)(value)
    if value and not NAME_RE.match(value):
        raise forms.ValidationError(
            _("Use only letters, spaces, hyphens and apostrophes, exactly as in your passport (no digits or dots)."),
            code="invalid_name",
        )
    return value


class StepForm(forms.Form):
    """A wizard step: its fields, and warnings an applicant may confirm instead of correcting.

    A warning is raised as an error on its field until the applicant ticks the confirmation
    box that appears with it (``confirm_<field>``); then the value is accepted as typed.
    """

    step: str = ""
    confirmable: tuple[str, ...] = ()

    def __init__(self, *args, preparation=None, today: date | None = None, **kwargs):
        self.preparation = preparation
        self.today = today or date.today()
        super().__init__(*args, **kwargs)
        for name in self.confirmable:
            self.fields[f"confirm_{name}"] = forms.BooleanField(
                required=False, label=_("I have checked it: this is correct.")
            )
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = TEXT_MAX
                field.validators.append(validators.MaxLengthValidator(TEXT_MAX))
                field.widget.attrs.setdefault("maxlength", str(TEXT_MAX))
        specific_messages(self)

    @classmethod
    def asked_fields(cls, **needs) -> dict[str, forms.Field]:
        """The fields this form asks, given what its step gives it (``needs``), from the class's
        definitions and in the form's order: no form is built. A form whose ``__init__`` drops
        fields drops them here too (tests/test_review.py compares the two)."""
        fields = dict(cls.base_fields)
        order = [name for name in cls.field_order or () if name in fields]
        return {**{name: fields[name] for name in order}, **fields}

    @classmethod
    def choices_for(cls, name: str, **needs):
        """The choices ``__init__`` gives field ``name`` from what the step gives it (countries,
        states, offices); None for a field whose choices are in its definition."""
        return None

    def warn(self, field: str, message) -> None:
        """An unusual value: an error until the applicant confirms it."""
        if not self.cleaned_data.get(f"confirm_{field}"):
            self.add_error(field, forms.ValidationError(message, code="warning"))

    @property
    def warned_fields(self) -> set[str]:
        """Fields whose only errors are warnings: their confirmation box is shown."""
        return {
            name
            for name in self.confirmable
            if self.errors.get(name) and all(error.code == "warning" for error in self.errors.as_data()[name])
        }

    def answers(self) -> dict:
        values = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            values[name] = value
        return values


class ProcedureStepForm(StepForm):
    step = "procedure"

    procedure = forms.ChoiceField(label=_("Which procedure (trámite) are you preparing?"))

    def __init__(self, *args, procedures=(), **kwargs):
        super().__init__(*args, **kwargs)
        groups = {}
        for procedure in procedures:
            groups.setdefault(procedure.portal_menu, []).append((procedure.slug, procedure_choice_label(procedure)))
        self.fields["procedure"].choices = [("", _("Choose…")), *groups.items()]

    @classmethod
    def choices_for(cls, name: str, *, procedures=(), **needs):
        if name == "procedure":
            return [(procedure.slug, procedure_choice_label(procedure)) for procedure in procedures]
        return None


def procedure_choice_label(procedure) -> str:
    if get_language() == "es":
        return procedure.name_es
    return f"{procedure.name_es} — {procedure.name_en}"


class ApplicantStepForm(StepForm):
    step = "applicant"
    confirmable = ("curp",)

    given_names = forms.CharField(
        label=inm_label(_("Given name(s)"), "Nombre(s)"),
        help_text=_("Exactly as in your passport, all of them."),
        max_length=TEXT_MAX,
    )
    surnames = forms.CharField(
        label=inm_label(_("Surname(s)"), "Apellido(s)"),
        help_text=_("All your surnames in one field, exactly as in your passport."),
        max_length=TEXT_MAX,
    )
    sex = forms.ChoiceField(label=inm_label(_("Sex"), "Sexo"), choices=Sex.choices, widget=Radios)
    birth_date = forms.DateField(label=inm_label(_("Date of birth"), "Fecha de nacimiento"), widget=date_input())
    nationality = forms.ChoiceField(
        label=inm_label(_("Current nationality"), "Nacionalidad actual"),
        help_text=_("The country of the passport you will show."),
        widget=FastSelect,
    )
    marital_status = forms.ChoiceField(
        label=inm_label(_("Current marital status"), "Estado civil actual"),
        choices=[("", _("Choose…")), *MaritalStatus.choices],
    )
    birth_country = forms.ChoiceField(label=inm_label(_("Country of birth"), "País de nacimiento"), widget=FastSelect)
    birth_state = forms.CharField(
        label=inm_label(_("State, province or department of birth"), "Estado, provincia o departamento"),
        max_length=TEXT_MAX,
    )
    email = forms.EmailField(
        label=inm_label(_("E-mail"), "Correo electrónico"),
        help_text=_("The INM sends notices about your procedure to this address."),
        max_length=254,
    )
    email_notices = forms.BooleanField(
        label=_("In my letters to the INM, I also accept its formal notices by e-mail at this address."),
        help_text=_(
            "Optional. Your letters give your address in Mexico for the INM's formal notices (notificaciones). "
            "The INM may notify you by e-mail only if you accept it expressly (Ley Federal de Procedimiento "
            "Administrativo, art. 35). Leave it unticked to receive them at your address only."
        ),
        required=False,
    )
    curp = forms.CharField(
        label=inm_label(_("CURP, if you have one"), "Clave Única de Registro de Población (CURP)"),
        help_text=_("18 letters and digits. Most people filing for the first time have none: leave it empty."),
        required=False,
        max_length=TEXT_MAX,
    )

    field_order = [
        "given_names",
        "surnames",
        "sex",
        "birth_date",
        "nationality",
        "marital_status",
        "birth_country",
        "birth_state",
        "email",
        "email_notices",
        "curp",
    ]

    def __init__(self, *args, letters: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not letters:
            # The opt-in is made in the letters (escritos): a procedure without one does not ask it.
            del self.fields["email_notices"]
        countries = country_choices()
        self.fields["nationality"].choices = countries
        self.fields["birth_country"].choices = countries

    @classmethod
    def asked_fields(cls, *, letters: bool = False, **needs) -> dict[str, forms.Field]:
        fields = super().asked_fields(**needs)
        if not letters:
            del fields["email_notices"]
        return fields

    @classmethod
    def choices_for(cls, name: str, **needs):
        return country_choices() if name in ("nationality", "birth_country") else None

    def clean_given_names(self):
        return clean_name(self.cleaned_data["given_names"])

    def clean_surnames(self):
        return clean_name(self.cleaned_data["surnames"])

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date >= self.today:
            raise forms.ValidationError(_("The date of birth must be in the past."), code="future")
        if birth_date.year < self.today.year - OLDEST_AGE:
            raise forms.ValidationError(_("Check the year of birth."), code="implausible")
        return birth_date

    def clean_curp(self):
        curp = self.cleaned_data["curp"].strip().upper().replace(" ", "")
        if curp and not CURP_SHAPE_RE.match(curp):
            raise forms.ValidationError(_("A CURP has exactly 18 letters and digits."), code="invalid_curp")
        return curp

    def clean(self):
        cleaned = super().clean()
        curp = cleaned.get("curp")
        if curp:
            try:
                MXCURPField().clean(curp)
            except forms.ValidationError:
                self.warn(
                    "curp",
                    _("This CURP looks unusual (its check digit or date does not match). Check it against your card."),
                )
        return cleaned


class PassportStepForm(StepForm):
    step = "passport"

    document_type = forms.ChoiceField(
        label=inm_label(_("Identity document"), "Documento de identificación"),
        choices=DocumentType.choices,
        initial=DocumentType.PASSPORT,
        widget=Radios,
    )
    passport_number = forms.CharField(
        label=inm_label(_("Document number"), "Número de documento"),
        help_text=_("Letters and digits only, as printed in the passport."),
        max_length=TEXT_MAX,
    )
    passport_country = forms.ChoiceField(label=inm_label(_("Issuing country"), "País de expedición"), widget=FastSelect)
    passport_issued = forms.DateField(label=inm_label(_("Issue date"), "Fecha de expedición"), widget=date_input())
    passport_expires = forms.DateField(label=inm_label(_("Expiry date"), "Fecha de vencimiento"), widget=date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["passport_country"].choices = country_choices()

    @classmethod
    def choices_for(cls, name: str, **needs):
        return country_choices() if name == "passport_country" else None

    def clean_passport_number(self):
        number = self.cleaned_data["passport_number"].upper().replace(" ", "").replace("-", "")
        if not PASSPORT_RE.match(number):
            raise forms.ValidationError(
                _("Use 5 to 20 letters and digits, as printed in the passport."), code="invalid_passport"
            )
        return number

    def clean_passport_issued(self):
        issued = self.cleaned_data["passport_issued"]
        if issued > self.today:
            raise forms.ValidationError(_("The issue date cannot be in the future."), code="future")
        return issued

    def clean_passport_expires(self):
        expires = self.cleaned_data["passport_expires"]
        if expires < self.today:
            raise forms.ValidationError(
                _("This passport has expired. The INM needs a valid passport: renew it at your consulate first."),
                code="expired",
            )
        return expires

    def clean(self):
        cleaned = super().clean()
        issued, expires = cleaned.get("passport_issued"), cleaned.get("passport_expires")
        if issued and expires and expires <= issued:
            self.add_error("passport_expires", _("The expiry date must be after the issue date."))
        return cleaned


# Which status fields apply, by the document held now and the procedure (DESIGN.md "status").
CARD_OR_EXPIRED = CARD_DOCUMENTS | {CurrentDocument.EXPIRED_DOCUMENT}
# Longest stay a visitor's FMM gives: a later last day is worth a second look.
VISITOR_STAY_DAYS = 180


def status_fields(document: str | None, procedure_slug: str | None, *, visa_type: str = "") -> list[str]:
    """The status fields asked for the document held now and the procedure.

    Where the visa decides whether a temporary card is issued (a canje), the years of the card
    are asked while the visa type is unknown, and kept only for a temporary visa.
    """
    if not document:
        return []
    traits = traits_for(procedure_slug)
    fields = []
    if document == CurrentDocument.RESIDENT_VISA:
        fields += ["visa_type", "admission", "entry_record", "entry_date"]
    elif document == CurrentDocument.VISITOR_FMM:
        fields.append("entry_date")
        if traits.changes_status_from_visitor:
            fields.append("stay_until")
    if document in CARD_OR_EXPIRED:
        fields.append("card_expires")
    if traits.asks_entry_date and "entry_date" not in fields:
        fields.append("entry_date")
    if traits.asks_rt_to_rp_route:
        fields.append("rt_to_rp_route")
    if document in traits.resident_since_for:
        fields.append("resident_since")
    visas = traits.years_requested_visas
    if document in traits.years_requested_for and (not visas or not visa_type or visa_type in visas):
        fields.append("years_requested")
    if document in CARD_OR_EXPIRED:
        fields += ["nue", "card_number"]
    return fields


# A card's document number: letters, digits, perhaps hyphens (we do not know its exact format).
CARD_NUMBER_RE = re.compile(r"^[A-Z0-9-]{4,20}$")

# Fields that may be left empty even when shown.
OPTIONAL_STATUS_FIELDS = {"nue", "card_number"}


def years_requested_maximum(*, resident_since: date, card_expires: date) -> int:
    """The most years a renewal may ask for: whole years from the card's expiry to the end of the
    four years as a temporary resident, and at least one (a shorter remainder is a red flag)."""
    return max(whole_years(card_expires, four_years_end(resident_since)), 1)


class StatusStepForm(StepForm):
    """Asks ``current_document`` first; the other fields depend on it (a round trip without JS)."""

    step = "status"
    confirmable = ("stay_until",)

    current_document = forms.ChoiceField(
        label=_("Which immigration document do you hold now?"),
        choices=CurrentDocument.choices,
        widget=Radios,
    )
    visa_type = forms.ChoiceField(
        label=_("Which resident visa is in your passport?"), choices=[("", _("Choose…")), *VisaType.choices]
    )
    admission = forms.ChoiceField(
        label=_("What does your FMM or entry stamp say?"),
        help_text=_("Look at the paper FMM or at the stamp the officer put in your passport when you arrived."),
        choices=[("", _("Choose…")), *Admission.choices],
    )
    entry_record = forms.ChoiceField(
        label=_("What did the officer give you when you entered Mexico?"),
        help_text=_("Your letter and your list of documents will say which one you have."),
        choices=EntryRecord.choices,
        widget=Radios,
    )
    entry_date = forms.DateField(
        label=_("Date you entered Mexico"),
        help_text=_("As on your FMM or entry stamp. After a loss abroad: the date you came back."),
        widget=date_input(),
    )
    stay_until = forms.DateField(
        label=_("Last day of your authorised stay as a visitor"),
        help_text=_(
            "Count the days written on your FMM or entry stamp from the day you entered, that day being the first: "
            "30 days from 1 March end on 30 March. If in doubt, take the earlier day."
        ),
        widget=date_input(),
    )
    card_expires = forms.DateField(
        label=_("Expiry date of your card or document"), help_text=_("As printed on the card."), widget=date_input()
    )
    rt_to_rp_route = forms.ChoiceField(
        label=_("On what basis do you ask for permanent residence?"), choices=[("", _("Choose…")), *RtToRpRoute.choices]
    )
    resident_since = forms.DateField(
        label=_("Since when have you been a temporary resident?"),
        help_text=_(
            "The issue date of your first temporary resident card (not of the one you hold now, if you renewed it): "
            "the four years as a temporary resident count from it."
        ),
        widget=date_input(),
    )
    years_requested = forms.TypedChoiceField(
        label=_("How many years of temporary residence will you ask for?"),
        help_text=_(
            "Only for a temporary resident visa or card. Up to 4 years in total as a temporary resident; the fee "
            "depends on it."
        ),
        choices=[("", _("Choose…")), *((str(n), str(n)) for n in range(1, 5))],
        error_messages={"required": _("Choose how many years you will ask for.")},
    )
    nue = forms.CharField(
        label=_("Your NUE (número único de extranjero), if you know it"),
        help_text=format_lazy("{} {}", NUE_PRINTED, _("Leave empty if you do not know it.")),
        max_length=20,
        required=False,
    )
    card_number = forms.CharField(
        label=_("The number of your card, if you want it in your letters"),
        help_text=_(
            "The document number printed on the card itself (not the NUE). Your letters and the text for the "
            "“Comentarios” box cite it; leave empty if you are not sure which number it is."
        ),
        max_length=20,
        required=False,
    )

    def __init__(self, *args, procedure_slug: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure_slug = procedure_slug
        self.traits = traits_for(procedure_slug)
        if self.is_bound:
            self.document = self.data.get(self.add_prefix("current_document")) or self.initial.get("current_document")
            self.visa_type = self.data.get(self.add_prefix("visa_type")) or ""
        else:
            self.document = self.initial.get("current_document")
            self.visa_type = self.initial.get("visa_type") or ""
        self.applicable = status_fields(self.document, procedure_slug, visa_type=self.visa_type)
        self.optional = set(OPTIONAL_STATUS_FIELDS)
        if self.traits.asks_entry_date and self.document not in (
            CurrentDocument.RESIDENT_VISA,
            CurrentDocument.VISITOR_FMM,
        ):
            # The date of entry matters only after a loss abroad (the replacement visa's 30 days).
            self.optional.add("entry_date")
        if self.document == CurrentDocument.PERMANENT_CARD:
            # An adult's permanent resident card has no expiry date; a minor's has one.
            self.optional.add("card_expires")
        if self.is_bound and self.traits.years_requested_visas and not self.visa_type:
            # Not until the visa type is known (without JavaScript both come in one POST).
            self.optional.add("years_requested")
        for name in self.dependent_fields:
            # Unbound, "required" only marks the label: JavaScript may reveal any of them.
            shown = name in self.applicable if self.is_bound else True
            self.fields[name].required = shown and name not in self.optional

    @property
    def dependent_fields(self) -> list[str]:
        return [name for name in self.fields if name != "current_document" and not name.startswith("confirm_")]

    def field_groups(self):
        """Every dependent field with the documents it is shown for (JavaScript reveals them in place),
        and the answer of another field it also needs (``show_when``: "visa_type=temporary")."""
        groups = []
        asked = {doc: status_fields(doc, self.procedure_slug) for doc in CurrentDocument.values}
        for name in self.dependent_fields:
            documents = [doc for doc in CurrentDocument.values if name in asked[doc]]
            if not documents:
                continue
            show_when = ""
            if name == "years_requested" and self.traits.years_requested_visas:
                show_when = "visa_type=" + " ".join(sorted(self.traits.years_requested_visas))
            groups.append(
                {
                    "field": self[name],
                    "documents": " ".join(documents),
                    "show_when": show_when,
                    "shown": name in self.applicable,
                    "confirm": self[f"confirm_{name}"] if name in self.warned_fields else None,
                }
            )
        return groups

    def clean_entry_date(self):
        entry = self.cleaned_data.get("entry_date")
        if entry and entry > self.today:
            raise forms.ValidationError(_("The date of entry cannot be in the future."), code="future")
        return entry

    def clean_card_number(self):
        number = self.cleaned_data.get("card_number", "").strip().upper().replace(" ", "")
        if number and not CARD_NUMBER_RE.match(number):
            raise forms.ValidationError(
                _("Use only the letters and digits printed on the card (4 to 20)."), code="invalid_card_number"
            )
        return number

    def clean_resident_since(self):
        since = self.cleaned_data.get("resident_since")
        if since and since > self.today:
            raise forms.ValidationError(
                _("This date cannot be in the future: give the issue date of your first temporary resident card."),
                code="future",
            )
        return since

    def clean(self):
        cleaned = super().clean()
        entry, until = cleaned.get("entry_date"), cleaned.get("stay_until")
        if "stay_until" in self.applicable and entry and until:
            if until < entry:
                self.add_error(
                    "stay_until",
                    forms.ValidationError(
                        _("The last day of your stay cannot be before the day you entered Mexico (%(date)s).")
                        % {"date": date_format(entry, "DATE_FORMAT")},
                        code="before_entry",
                    ),
                )
            elif (until - entry).days > VISITOR_STAY_DAYS:
                self.warn(
                    "stay_until",
                    _(
                        "This is more than 180 days after the day you entered: check it against the number of days "
                        "on your FMM or stamp."
                    ),
                )
        since, expires = cleaned.get("resident_since"), cleaned.get("card_expires")
        if "resident_since" in self.applicable and since and expires and since > expires:
            self.add_error(
                "resident_since",
                forms.ValidationError(
                    _("Your first temporary resident card cannot start after your card expires (%(date)s).")
                    % {"date": date_format(expires, "DATE_FORMAT")},
                    code="after_expiry",
                ),
            )
        years = cleaned.get("years_requested")
        if (
            self.traits.four_year_renewal
            and "years_requested" in self.applicable
            and years
            and since
            and expires
            and since <= expires
        ):
            maximum = years_requested_maximum(resident_since=since, card_expires=expires)
            if int(years) > maximum:
                end = four_years_end(since)
                self.add_error(
                    "years_requested",
                    forms.ValidationError(
                        ngettext(
                            "At most %(maximum)d year: your four years as a temporary resident end on %(end)s "
                            "(%(since)s + 4 years), and a temporary resident may hold four years in all.",
                            "At most %(maximum)d years: your four years as a temporary resident end on %(end)s "
                            "(%(since)s + 4 years), and a temporary resident may hold four years in all.",
                            maximum,
                        )
                        % {
                            "maximum": maximum,
                            "end": date_format(end, "DATE_FORMAT"),
                            "since": date_format(since, "DATE_FORMAT"),
                        },
                        code="beyond_four_years",
                    ),
                )
        return cleaned

    def answers(self) -> dict:
        values = super().answers()
        # Only what applies to the document held now: an answer to a hidden field is dropped, and
        # so is an optional one left empty.
        return {
            name: value
            for name, value in values.items()
            if name == "current_document" or (name in self.applicable and value not in (None, ""))
        }


class AddressStepForm(StepForm):
    """The address in Mexico. The postal code fills in state, municipality and colonias."""

    step = "address"
    confirmable = ("postal_code", "state")
    lookup: "PostalCodeLookup | None" = None  # set by the view after "look up this postal code"

    postal_code = forms.CharField(
        label=inm_label(_("Postal code"), "Código postal"),
        help_text=_("5 digits. We look it up in SEPOMEX's catalogue of 2018: newer codes may be missing."),
        max_length=TEXT_MAX,
    )
    state = forms.ChoiceField(label=inm_label(_("State"), "Estado"))
    municipality = forms.CharField(
        label=inm_label(_("Municipality or borough"), "Municipio o Alcaldía"), max_length=TEXT_MAX
    )
    neighborhood = forms.CharField(
        label=inm_label(_("Neighbourhood"), "Colonia"),
        help_text=_("Pick it from the list or type it."),
        max_length=TEXT_MAX,
    )
    street = forms.CharField(
        label=inm_label(_("Street"), "Calle"),
        help_text=_("Without the “#” sign."),
        max_length=TEXT_MAX,
    )
    exterior_number = forms.CharField(label=inm_label(_("Street number"), "Número exterior"), max_length=20)
    interior_number = forms.CharField(
        label=inm_label(_("Apartment or unit"), "Número interior"), max_length=20, required=False
    )
    landline_area_code = forms.CharField(
        label=inm_label(_("Area code of a landline"), "Lada"), max_length=3, required=False
    )
    landline = forms.CharField(label=inm_label(_("Landline"), "Teléfono fijo"), max_length=10, required=False)

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.states = list(states)
        self.fields["state"].choices = [("", _("Choose…")), *((state.code, state.name) for state in self.states)]
        self.places = []
        code = (
            self.data.get(self.add_prefix("postal_code")) if self.is_bound else self.initial.get("postal_code")
        ) or ""
        if re.fullmatch(r"\d{5}", code.strip()):
            self.places = postal_code_places(code.strip())
        if self.places:
            # The colonias of the code as suggestions (an HTML datalist: no JavaScript needed).
            self.fields["neighborhood"].widget.attrs["list"] = "colonias"

    @classmethod
    def choices_for(cls, name: str, *, states=(), **needs):
        return [(state.code, state.name) for state in states] if name == "state" else None

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"].strip()
        if not re.fullmatch(r"\d{5}", code):
            raise forms.ValidationError(_("A Mexican postal code has 5 digits."), code="invalid_postal_code")
        return code

    def clean_landline_area_code(self):
        return self._digits("landline_area_code")

    def clean_landline(self):
        return self._digits("landline")

    def _digits(self, name):
        value = self.cleaned_data[name].replace(" ", "").replace("-", "")
        if value and not DIGITS_RE.match(value):
            raise forms.ValidationError(_("Digits only."), code="digits")
        return value

    def clean_street(self):
        return self.cleaned_data["street"].replace("#", "").strip()

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("postal_code")
        if not code:
            return cleaned
        if not self.places:
            self.warn(
                "postal_code",
                _(
                    "We do not know this postal code (our catalogue is from 2018). "
                    "Check it, then type the rest by hand."
                ),
            )
            return cleaned
        state_code = state_code_for(self.places[0].state, self.states)
        if cleaned.get("state") and state_code and cleaned["state"] != state_code:
            # A warning, not an error: SEPOMEX's catalogue of 2018 may be older than the code.
            self.warn(
                "state",
                _(
                    "The postal code %(code)s is in %(state)s, not in the state you chose. Check both, or "
                    "tick the box below if yours is right."
                )
                % {"code": code, "state": self.state_name(state_code)},
            )
        return cleaned

    def state_name(self, code: str) -> str:
        return next((state.name for state in self.states if state.code == code), code)

    @property
    def colonias(self) -> list[str]:
        return sorted({place.place for place in self.places})


@dataclass(frozen=True)
class PostalCodeLookup:
    """What "look up this postal code" found, to say it where the applicant looks."""

    code: str
    valid: bool  # five digits
    colonias: tuple[str, ...] = ()
    municipality: str = ""
    state_name: str = ""

    @property
    def found(self) -> bool:
        return bool(self.colonias)

    @property
    def message(self) -> str:
        values = {"code": self.code, "municipality": self.municipality, "state": self.state_name}
        if not self.valid:
            return _("“%(code)s” is not a postal code: a Mexican postal code has 5 digits.") % values
        if not self.found:
            return (
                _(
                    "We do not know the postal code %(code)s: our catalogue is SEPOMEX's of 2018, and newer codes "
                    "are missing. Check it, then type the state, municipality and colonia yourself."
                )
                % values
            )
        if len(self.colonias) == 1:
            return _(
                "Postal code %(code)s: colonia %(colonia)s, %(municipality)s, %(state)s. We filled in the state, "
                "the municipality and the colonia: check them."
            ) % {**values, "colonia": self.colonias[0]}
        return ngettext(
            "Postal code %(code)s: %(municipality)s, %(state)s. We filled in the state and the municipality; "
            "choose your colonia from the %(count)d of this code.",
            "Postal code %(code)s: %(municipality)s, %(state)s. We filled in the state and the municipality; "
            "choose your colonia from the %(count)d of this code.",
            len(self.colonias),
        ) % {**values, "count": len(self.colonias)}


def postal_code_lookup(data: dict, *, states, prefix: str = "") -> tuple[dict, PostalCodeLookup | None]:
    """The address as typed, with what depends on the postal code replaced by what the code gives:
    the state, the municipality, and the colonia when the code has only one (else the colonia is
    emptied unless it is one of the code's). An unknown code leaves what was typed by hand."""
    values = dict(data)
    code = (values.get(f"{prefix}postal_code") or "").strip()
    if not code:
        return values, None
    if not re.fullmatch(r"\d{5}", code):
        return values, PostalCodeLookup(code=code, valid=False)
    places = postal_code_places(code)
    if not places:
        return values, PostalCodeLookup(code=code, valid=True)
    colonias = tuple(sorted({place.place for place in places}))
    state_code = state_code_for(places[0].state, states)
    values[f"{prefix}state"] = state_code or ""
    values[f"{prefix}municipality"] = places[0].municipality
    typed = (values.get(f"{prefix}neighborhood") or "").strip()
    values[f"{prefix}neighborhood"] = colonias[0] if len(colonias) == 1 else (typed if typed in colonias else "")
    state_name = next((state.name for state in states if state.code == state_code), places[0].state)
    return values, PostalCodeLookup(
        code=code, valid=True, colonias=colonias, municipality=places[0].municipality, state_name=state_name
    )


@functools.lru_cache(maxsize=2048)
def postal_code_places(code: str) -> tuple:
    """SEPOMEX's places for a postal code, from the offline catalogue the package ships (2018).

    Cached: the catalogue never changes while the site runs, and each lookup opens its database.
    """
    try:
        return tuple(postalcodes_mexico.places(code))
    except ValueError:
        return ()


def state_code_for(sepomex_name: str, states) -> str | None:
    return next((state.code for state in states if state.name_sepomex == sepomex_name), None)


class OfficeStepForm(StepForm):
    step = "office"

    office = forms.ChoiceField(
        label=_("At which INM office will you file?"),
        help_text=_("The offices of the state where you live come first."),
        widget=FastSelect,
    )

    def __init__(self, *args, offices=(), home_state: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offices = {office.code: office for office in offices}
        mine = [office for office in offices if office.state_id == home_state]
        others = [office for office in offices if office.state_id != home_state]
        groups = []
        if mine:
            groups.append((_("Offices in your state"), [(o.code, office_choice_label(o)) for o in mine]))
        groups.append((_("Offices in other states"), [(o.code, office_choice_label(o)) for o in others]))
        self.fields["office"].choices = [("", _("Choose…")), *groups]

    @classmethod
    def choices_for(cls, name: str, *, offices=(), **needs):
        return [(office.code, office_choice_label(office)) for office in offices] if name == "office" else None

    @property
    def offices_not_online(self) -> list:
        """The offices not on the online system, each shown with the office to book at instead."""
        return [
            office
            for office in self.offices.values()
            if office.online_booking == "no" and office.nearest_online_office_id
        ]


def office_choice_label(office) -> str:
    label = f"{office.city} — {office.name}"
    if office.online_booking == "no":
        alternative = office.nearest_online_office
        if alternative:
            return format_lazy(
                "{} ({})", label, _("not on the online system: book at %(city)s") % {"city": alternative.city}
            )
        return format_lazy("{} ({})", label, _("not on the online system"))
    return label


def saved_answers(form_class: type[StepForm], values: dict, **needs) -> list[dict]:
    """A step's saved answers as the review shows them: the label of each field the form asks and
    the text of its value, from the form's definitions (no form, no 250-country select, is built)."""
    rows = []
    for name, field in form_class.asked_fields(**needs).items():
        if name in values:
            choices = form_class.choices_for(name, **needs)
            rows.append({"label": field.label, "value": answer_text(field, values[name], choices=choices)})
    return rows


def answer_text(field: forms.Field, value, *, choices=None) -> str:
    """A saved value as the applicant chose it: a choice's text, a date in words, Yes or No."""
    if value in (None, ""):
        return "—"
    choices = getattr(field, "choices", None) if choices is None else choices
    if choices:
        flat = {}
        for key, label in choices:
            if isinstance(label, (list, tuple)):
                flat.update({str(k): v for k, v in label})
            else:
                flat[str(key)] = label
        return str(flat.get(str(value), value))
    if isinstance(field, forms.DateField):
        try:
            return date_format(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return str(value)


class ReviewForm(StepForm):
    step = "review"

    confirm = forms.BooleanField(
        label=_("My names are written exactly as in my passport."),
        error_messages={"required": _("Check your names against your passport, then tick this box.")},
    )


def country_choices() -> FrozenChoices:
    """Countries in the active language, sorted by name (django-countries)."""
    return _country_choices(get_language() or "en")


@functools.lru_cache(maxsize=8)
def _country_choices(language: str) -> FrozenChoices:
    # Sorting 250 translated names costs about a millisecond a form; they change only per language.
    return FrozenChoices([("", str(_("Choose…"))), *((code, str(name)) for code, name in countries)])


class StartForm(SpecificMessages, forms.Form):
    """Start a preparation: consent to the privacy notice, and optionally the procedure."""

    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my answers are kept to make my packet."),
        error_messages={"required": _("To start, tick the box to accept the privacy notice.")},
    )
    procedure = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from": the token of a complete preparation, to prepare for a family member (DESIGN.md).
        self.fields["from"] = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_procedure(self):
        from .models import Procedure

        slug = self.cleaned_data.get("procedure")
        if not slug:
            return None
        procedure = Procedure.objects.active().with_wizard().filter(slug=slug).first()
        if procedure is None:
            raise forms.ValidationError(_("This procedure cannot be prepared here."), code="unknown_procedure")
        return procedure


class PrefillForm(forms.Form):
    """Answers "help me choose" already has, posted with the start form under the wizard's own
    names ("status.entry_date"): the new preparation's steps start with them filled in.

    Every field is optional and a value that does not validate is dropped, never an error: a
    convenience must not stop anyone from starting.
    """

    FIELDS = {
        "status.current_document": lambda: forms.ChoiceField(choices=CurrentDocument.choices),
        "status.entry_date": forms.DateField,
        "status.admission": lambda: forms.ChoiceField(choices=Admission.choices),
        "status.card_expires": forms.DateField,
        "status.rt_to_rp_route": lambda: forms.ChoiceField(choices=RtToRpRoute.choices),
        "family.relationship": lambda: forms.ChoiceField(choices=Relationship.choices),
        "family.sponsor_status": lambda: forms.ChoiceField(choices=SponsorStatus.choices),
    }

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or date.today()
        for name, field in self.FIELDS.items():
            self.fields[name] = field()
            self.fields[name].required = False

    def _past_or_none(self, value):
        return value if value and value <= self.today else None

    def prefill(self) -> dict[str, dict[str, str]]:
        """The valid values, by step, as the wizard saves them (dates as ISO strings)."""
        self.is_valid()
        by_step: dict[str, dict[str, str]] = {}
        for name, value in self.cleaned_data.items():
            if name == "status.entry_date":
                value = self._past_or_none(value)
            if value in (None, ""):
                continue
            step, _dot, field = name.partition(".")
            by_step.setdefault(step, {})[field] = value.isoformat() if isinstance(value, date) else value
        return by_step


# ============================================================================= branch steps


class GuardianStepForm(StepForm):
    """Who signs for an applicant under 18 (the INM form is signed by a parent or guardian)."""

    step = "guardian"

    guardian_name = forms.CharField(
        label=_("Full name of the person who signs for the minor"), help_text=_("As in their ID."), max_length=TEXT_MAX
    )
    guardian_relationship = forms.ChoiceField(
        label=_("They are the minor's…"), choices=GuardianRelationship.choices, widget=Radios
    )
    guardian_document = forms.CharField(
        label=_("Their identity document and its number"),
        help_text=_("For example: passport X1234567, or INE 1234567890123. Bring it to the appointment."),
        max_length=TEXT_MAX,
    )

    def clean_guardian_name(self):
        return clean_name(self.cleaned_data["guardian_name"])


class FamilyStepForm(StepForm):
    """The family tie a family-unity procedure rests on."""

    step = "family"

    relationship = forms.ChoiceField(
        label=_("Your family member in Mexico is your…"), choices=Relationship.choices, widget=Radios
    )
    sponsor_name = forms.CharField(label=_("Their full name"), max_length=TEXT_MAX)
    sponsor_status = forms.ChoiceField(label=_("They are…"), choices=SponsorStatus.choices, widget=Radios)
    sponsor_mexican_by_birth = forms.ChoiceField(
        label=_("Are they Mexican by birth?"),
        help_text=_(
            "Only for a Mexican family member. “No” if they became Mexican later (carta de naturalización). "
            "The parents and children of a Mexican by birth may go straight to permanent residence."
        ),
        choices=YesNo.choices,
        widget=Radios,
    )
    sponsor_nationality = forms.ChoiceField(
        label=_("Their nationality"),
        help_text=_("Only for a family member who is a foreign resident: the statement you both sign gives it."),
        widget=FastSelect,
        required=False,
    )
    sponsor_document = forms.CharField(
        label=_("Their identity document and its number"),
        help_text=_("A Mexican: INE or passport. A resident: their residence card."),
        max_length=TEXT_MAX,
    )
    union_date = forms.DateField(
        label=_("Date of the marriage, or since when you live together"),
        help_text=_("Only for a spouse or partner."),
        widget=date_input(),
        required=False,
    )
    lives_together = forms.ChoiceField(
        label=_("Do you both live at the address in Mexico you gave?"),
        help_text=_(
            "Only for a spouse or partner. The statement you both sign gives it as your marital address, under oath."
        ),
        choices=YesNo.choices,
        widget=Radios,
        required=False,
    )
    foreign_certificates = forms.ChoiceField(
        label=_("Were the birth or marriage certificates issued outside Mexico?"),
        help_text=_("Then they need an apostille (or legalisation) and a Spanish translation."),
        choices=YesNo.choices,
        widget=Radios,
    )

    # Asked only for these answers of another question (JavaScript reveals them in place).
    show_when = {
        "sponsor_mexican_by_birth": "sponsor_status=mexican",
        "sponsor_nationality": "sponsor_status=temporary permanent",
        "union_date": "relationship=spouse concubine",
        "lives_together": "relationship=spouse concubine",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sponsor_nationality"].choices = country_choices()
        if self.is_bound:
            status = self.data.get(self.add_prefix("sponsor_status"))
            self.fields["sponsor_mexican_by_birth"].required = status == SponsorStatus.MEXICAN
            # A Mexican's nationality goes without saying (DESIGN.md: it defaults to Mexican).
            self.fields["sponsor_nationality"].required = status in (SponsorStatus.TEMPORARY, SponsorStatus.PERMANENT)
            couple = self.data.get(self.add_prefix("relationship")) in (Relationship.SPOUSE, Relationship.CONCUBINE)
            self.fields["lives_together"].required = couple

    @classmethod
    def choices_for(cls, name: str, **needs):
        return country_choices() if name == "sponsor_nationality" else None

    def field_rules(self) -> list[tuple]:
        """Each field with the answer it is shown for ("" when always shown)."""
        return [(self[name], self.show_when.get(name, "")) for name in self.fields]

    def clean_sponsor_name(self):
        return clean_name(self.cleaned_data["sponsor_name"])

    def clean(self):
        cleaned = super().clean()
        union = cleaned.get("union_date")
        if cleaned.get("relationship") in (Relationship.SPOUSE, Relationship.CONCUBINE) and not union:
            self.add_error("union_date", _("Give the date of the marriage or of the start of the union."))
        if union and union > self.today:
            self.add_error("union_date", _("This date cannot be in the future."))
        return cleaned

    def answers(self) -> dict:
        values = super().answers()
        if values.get("relationship") not in (Relationship.SPOUSE, Relationship.CONCUBINE):
            values.pop("union_date", None)
            values.pop("lives_together", None)
        if values.get("sponsor_status") != SponsorStatus.MEXICAN:
            values.pop("sponsor_mexican_by_birth", None)
        else:
            values.pop("sponsor_nationality", None)
        return values


RFC_SHAPE = {
    EmployerType.COMPANY: re.compile(r"^[A-ZÑ&]{3}\d{6}[A-Z0-9]{3}$"),
    EmployerType.INDIVIDUAL: re.compile(r"^[A-ZÑ&]{4}\d{6}[A-Z0-9]{3}$"),
}
EMPLOYER_FIELDS = ("employer_type", "employer_rfc", "employer_file_number", "employer_name", "position")
SELF_EMPLOYED_FIELDS = ("activity", "activity_place", "applicant_rfc")


def rfc_warning(rfc: str) -> bool:
    """True when an RFC of the right shape fails localflavor's check digit or date: worth a second look."""
    try:
        MXRFCField().clean(rfc)
    except forms.ValidationError:
        return True
    return False


class EmploymentStepForm(StepForm):
    """The employer (Datos del empleador of the INM form) or the applicant's own activity."""

    step = "employment"
    confirmable = ("employer_rfc", "applicant_rfc")

    employment_kind = forms.ChoiceField(label=_("How do you work?"), choices=EmploymentKind.choices, widget=Radios)
    employer_type = forms.ChoiceField(
        label=inm_label(_("Your employer is"), "Tipo de persona"),
        choices=EmployerType.choices,
        widget=Radios,
    )
    employer_rfc = forms.CharField(
        label=inm_label(_("Employer's tax ID"), "Registro Federal de Contribuyentes (RFC)"),
        help_text=_("12 characters for a company, 13 for an individual."),
        max_length=TEXT_MAX,
    )
    employer_file_number = forms.CharField(
        label=inm_label(_("Employer's INM file number"), "Número expediente"),
        help_text=_("From the employer's Constancia de Inscripción del Empleador: ask them for it."),
        max_length=60,
    )
    employer_name = forms.CharField(label=_("Employer's name or company name"), max_length=TEXT_MAX)
    position = forms.CharField(label=_("Your position"), max_length=TEXT_MAX)
    activity = forms.CharField(label=_("Your activity"), help_text=_("What you do and for whom."), max_length=TEXT_MAX)
    activity_place = forms.CharField(
        label=_("Where you will carry it out"),
        help_text=_(
            "An address, or the places: for example “en mi domicilio” or “en los domicilios de mis clientes en "
            "Guadalajara”. Your statement gives it in Spanish, as you write it here."
        ),
        max_length=TEXT_MAX,
    )
    applicant_rfc = forms.CharField(
        label=_("Your own RFC (tax ID)"), help_text=_("13 characters, from your SAT registration."), max_length=TEXT_MAX
    )

    def __init__(self, *args, procedure_slug: str | None = None, optional: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_kind = traits_for(procedure_slug).employment_kind or None
        self.optional = optional
        if self.fixed_kind:
            del self.fields["employment_kind"]
        elif optional:
            self.fields["employment_kind"].required = False
            self.fields["employment_kind"].choices = [
                ("", _("I have no employer and do not work")),
                *EmploymentKind.choices,
            ]
        kind = self.fixed_kind or (self.data.get("employment_kind") if self.is_bound else None)
        for name in EMPLOYER_FIELDS + SELF_EMPLOYED_FIELDS:
            self.fields[name].required = (name in EMPLOYER_FIELDS and kind == EmploymentKind.EMPLOYER) or (
                name in SELF_EMPLOYED_FIELDS and kind == EmploymentKind.SELF_EMPLOYED
            )
        self.shown_groups = {
            "employer": self.fixed_kind in (None, EmploymentKind.EMPLOYER),
            "self_employed": self.fixed_kind in (None, EmploymentKind.SELF_EMPLOYED),
        }

    @classmethod
    def asked_fields(cls, *, procedure_slug: str | None = None, **needs) -> dict[str, forms.Field]:
        fields = super().asked_fields(**needs)
        if traits_for(procedure_slug).employment_kind:
            del fields["employment_kind"]
        return fields

    @property
    def kind(self) -> str:
        return self.fixed_kind or self.cleaned_data.get("employment_kind", "")

    def _rfc(self, name: str) -> str:
        return self.cleaned_data[name].strip().upper().replace(" ", "").replace("-", "")

    def clean_employer_rfc(self):
        return self._rfc("employer_rfc")

    def clean_applicant_rfc(self):
        return self._rfc("applicant_rfc")

    def clean(self):
        cleaned = super().clean()
        if self.kind == EmploymentKind.EMPLOYER:
            rfc, employer_type = cleaned.get("employer_rfc"), cleaned.get("employer_type")
            if rfc and employer_type:
                if not RFC_SHAPE[employer_type].match(rfc):
                    expected = 12 if employer_type == EmployerType.COMPANY else 13
                    self.add_error(
                        "employer_rfc",
                        _(
                            "An RFC of this type of employer has %(count)d characters: letters, 6 digits of a date, "
                            "then 3 letters or digits."
                        )
                        % {"count": expected},
                    )
                elif rfc_warning(rfc):
                    self.warn("employer_rfc", _("This RFC's check digit does not match. Check it with your employer."))
        if self.kind == EmploymentKind.SELF_EMPLOYED:
            rfc = cleaned.get("applicant_rfc")
            if rfc:
                if not RFC_SHAPE[EmployerType.INDIVIDUAL].match(rfc):
                    self.add_error("applicant_rfc", _("A personal RFC has 13 characters: 4 letters, 6 digits, 3 more."))
                elif rfc_warning(rfc):
                    self.warn("applicant_rfc", _("This RFC's check digit does not match. Check it on your SAT record."))
        return cleaned

    def answers(self) -> dict:
        values = super().answers()
        kind = self.kind
        keep = {"employment_kind"} | (
            set(EMPLOYER_FIELDS)
            if kind == EmploymentKind.EMPLOYER
            else set(SELF_EMPLOYED_FIELDS)
            if kind == EmploymentKind.SELF_EMPLOYED
            else set()
        )
        values = {key: value for key, value in values.items() if key in keep}
        if kind:
            values["employment_kind"] = kind
        return values


class ChangesStepForm(StepForm):
    """A notification: when the change happened and the old value (the new one is in its own step)."""

    step = "changes"

    change_date = forms.DateField(label=_("Date of the change"), widget=date_input())
    old_postal_code = forms.CharField(label=_("Old postal code"), max_length=5)
    old_state = forms.ChoiceField(label=_("Old state"))
    old_municipality = forms.CharField(label=_("Old municipality or borough"), max_length=TEXT_MAX)
    old_neighborhood = forms.CharField(label=_("Old neighbourhood (colonia)"), max_length=TEXT_MAX)
    old_street = forms.CharField(label=_("Old street"), max_length=TEXT_MAX)
    old_exterior_number = forms.CharField(label=_("Old street number"), max_length=20)
    old_interior_number = forms.CharField(label=_("Old apartment or unit"), max_length=20, required=False)
    old_workplace = forms.CharField(label=_("Your previous employer or workplace"), max_length=TEXT_MAX)
    old_marital_status = forms.ChoiceField(label=_("Your previous marital status"), choices=MaritalStatus.choices)
    old_nationality = forms.ChoiceField(label=_("Your previous nationality"), widget=FastSelect)
    old_name = forms.CharField(
        label=_("Your previous full name"), help_text=_("As on your current card."), max_length=TEXT_MAX
    )

    FIELDS_BY_CHANGE = {
        "address": (
            "old_postal_code",
            "old_state",
            "old_municipality",
            "old_neighborhood",
            "old_street",
            "old_exterior_number",
            "old_interior_number",
        ),
        "workplace": ("old_workplace",),
        "marital_status": ("old_marital_status",),
        "nationality": ("old_nationality",),
        "name": ("old_name",),
    }

    def __init__(self, *args, procedure_slug: str | None = None, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.change = traits_for(procedure_slug).change_kind
        keep = {"change_date", *self.FIELDS_BY_CHANGE.get(self.change, ())}
        for name in list(self.fields):
            if name not in keep and not name.startswith("confirm_"):
                del self.fields[name]
        if "old_state" in self.fields:
            self.fields["old_state"].choices = [("", _("Choose…")), *((s.code, s.name) for s in states)]
        if "old_nationality" in self.fields:
            self.fields["old_nationality"].choices = country_choices()

    @classmethod
    def asked_fields(cls, *, procedure_slug: str | None = None, **needs) -> dict[str, forms.Field]:
        keep = {"change_date", *cls.FIELDS_BY_CHANGE.get(traits_for(procedure_slug).change_kind, ())}
        return {name: field for name, field in super().asked_fields(**needs).items() if name in keep}

    @classmethod
    def choices_for(cls, name: str, *, states=(), **needs):
        if name == "old_state":
            return [(state.code, state.name) for state in states]
        return country_choices() if name == "old_nationality" else None

    def clean_change_date(self):
        change = self.cleaned_data["change_date"]
        if change > self.today:
            raise forms.ValidationError(_("The date of the change cannot be in the future."), code="future")
        return change

    def clean_old_postal_code(self):
        code = self.cleaned_data["old_postal_code"].strip()
        if not re.fullmatch(r"\d{5}", code):
            raise forms.ValidationError(_("A Mexican postal code has 5 digits."), code="invalid_postal_code")
        return code

    def clean_old_name(self):
        return clean_name(self.cleaned_data["old_name"])


class ReplacementStepForm(StepForm):
    step = "replacement"

    reason = forms.ChoiceField(label=_("What happened to your card?"), choices=ReplacementReason.choices, widget=Radios)
    event_date = forms.DateField(label=_("When did it happen?"), widget=date_input())
    event_place = forms.CharField(
        label=_("Where did it happen?"),
        help_text=_("The town or city, and the place if you know it."),
        max_length=TEXT_MAX,
    )
    police_report = forms.ChoiceField(
        label=_("Did you report it to the police or the public prosecutor (denuncia)?"),
        help_text=_("Many offices ask for the report after a theft or a loss in Mexico."),
        choices=YesNo.choices,
        widget=Radios,
    )
    police_report_reference = forms.CharField(
        label=_("Number of the report, if you have one"),
        help_text=_("As on the denuncia or the online report: the account of the loss cites it."),
        required=False,
        max_length=TEXT_MAX,
    )

    def clean_event_date(self):
        event = self.cleaned_data["event_date"]
        if event > self.today:
            raise forms.ValidationError(_("This date cannot be in the future."), code="future")
        return event


# ============================================================================= help me choose


class ChooseForm(SpecificMessages, forms.Form):
    """ "Help me choose": the document held now and what is needed."""

    document = forms.ChoiceField(
        label=_("Which document do you hold now?"), choices=ChooseDocument.choices, widget=Radios
    )
    need = forms.ChoiceField(label=_("What do you need?"), choices=Need.choices, widget=Radios)


class FollowUpForm(forms.Form):
    """The follow-up questions of the matching row of the decision table (at most two)."""

    def __init__(self, *args, questions=(), today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or date.today()
        for question in questions:
            if question.is_date:
                self.fields[question.name] = forms.DateField(label=question.label, widget=date_input())
            else:
                self.fields[question.name] = forms.ChoiceField(
                    label=question.label, choices=question.choices, widget=Radios
                )
        specific_messages(self)

    def clean(self):
        cleaned = super().clean()
        entry = cleaned.get("entry_date")
        if entry and entry > self.today:
            self.add_error("entry_date", _("The date of entry cannot be in the future."))
        return cleaned


class AppointmentForm(SpecificMessages, forms.Form):
    """The appointment booked in the portal, recorded on the packet (and changed there).

    Refused: a day already past on the office's clock, or a Saturday or Sunday (INM offices do not
    attend then: a typing slip). A day our data shows closed is accepted with a flag on the packet:
    the booking confirmation knows better than our data.
    """

    appointment_date = forms.DateField(
        label=_("Date of the appointment"),
        widget=date_input(),
        # ISO from the date picker; dd/mm/aaaa as the portal's confirmation writes it, whatever the language.
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("The date on the portal's confirmation."),
        error_messages={
            "invalid": _("Enter the date as day/month/year, e.g. 10/12/2026 for 10 December 2026."),
            "required": _("Enter the date of your appointment."),
        },
    )
    appointment_time = forms.TimeField(
        label=_("Time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H:%M:%S"],
        help_text=_("The office's local time, e.g. 09:30."),
        error_messages={
            "invalid": _("Enter the time as hours:minutes, e.g. 09:30."),
            "required": _("Enter the time of your appointment."),
        },
    )
    appointment_office = forms.ChoiceField(
        label=_("Office"),
        widget=FastSelect,
        error_messages={"required": _("Choose the office of your appointment.")},
    )
    pieza = forms.CharField(
        label=_("Número de pieza"),
        help_text=_("The reference printed on your application form."),
        required=False,
        max_length=40,
    )

    def __init__(self, *args, offices=(), today: date | None = None, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or date.today()
        self.now = now
        self.zones = {office.code: office.time_zone for office in offices}
        self.fields["appointment_office"].choices = [
            ("", _("Choose…")),
            *((office.code, f"{office.city} — {office.name}") for office in offices),
        ]

    def clean_appointment_date(self):
        day = self.cleaned_data["appointment_date"]
        if day > self.today + timedelta(days=365):
            raise forms.ValidationError(_("Check the date: it should be within the coming year."), code="implausible")
        if day.weekday() >= 5:
            raise forms.ValidationError(
                _(
                    "%(date)s is a %(weekday)s: INM offices do not attend at weekends. Check the date on the "
                    "portal's confirmation."
                )
                % {"date": formats.date_format(day, "DATE_FORMAT"), "weekday": formats.date_format(day, "l")},
                code="weekend",
            )
        return day

    def zone(self) -> ZoneInfo:
        """The clock of the office chosen (Mexico City's until one is)."""
        return zone_named(self.zones.get(self.cleaned_data.get("appointment_office")))

    def office_today(self) -> date:
        return self.today if self.now is None else today_at(self.zone(), self.now)

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("appointment_date")
        if day is not None and day < self.office_today():
            self.add_error(
                "appointment_date",
                forms.ValidationError(
                    _("This date has passed. Enter the date of the appointment you booked (today or later)."),
                    code="past",
                ),
            )
        return cleaned

    def appointment_at(self):
        """The appointment as an aware datetime on the office's clock."""
        return local_appointment(
            self.cleaned_data["appointment_date"], self.cleaned_data["appointment_time"], self.zone()
        )

    def clean_pieza(self):
        pieza = self.cleaned_data["pieza"].strip().replace(" ", "")
        if pieza and not re.fullmatch(r"[A-Za-z0-9-]+", pieza):
            raise forms.ValidationError(_("Letters, digits and hyphens only."), code="invalid_pieza")
        return pieza

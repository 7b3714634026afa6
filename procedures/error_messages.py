"""Error messages that say what to do, field by field, after the GOV.UK Design System's pattern
("Enter your date of birth", "Choose your sex"), instead of Django's "This field is required.".

One table for every form of the site, applied by ``specific_messages(form)``; a field missing
from it falls back to a message built from its kind (a test lists the fields that do).
"""

from __future__ import annotations

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _

# The message for a field left empty, by field name (the same name means the same question
# wherever it appears: the changes step's ``old_`` fields have their own entries).
REQUIRED = {
    # procedure
    "procedure": _("Choose the procedure you are preparing."),
    # applicant
    "given_names": _("Enter your given names, as in your passport."),
    "surnames": _("Enter your surnames, as in your passport."),
    "sex": _("Choose your sex, as in your passport."),
    "birth_date": _("Enter your date of birth."),
    "nationality": _("Choose your current nationality."),
    "marital_status": _("Choose your current marital status."),
    "birth_country": _("Choose your country of birth."),
    "birth_state": _("Enter the state, province or department where you were born."),
    "email": _("Enter your e-mail address."),
    # passport
    "document_type": _("Choose your identity document."),
    "passport_number": _("Enter the number of your passport."),
    "passport_country": _("Choose the country that issued your passport."),
    "passport_issued": _("Enter the issue date of your passport."),
    "passport_expires": _("Enter the expiry date of your passport."),
    # status
    "current_document": _("Choose the immigration document you hold now."),
    "visa_type": _("Choose the resident visa in your passport."),
    "admission": _("Choose what your FMM or entry stamp says."),
    "entry_record": _("Choose what the officer gave you: an FMM or only a stamp."),
    "entry_date": _("Enter the date you entered Mexico."),
    "stay_until": _("Enter the last day of your authorised stay, as on your FMM or entry stamp."),
    "card_expires": _("Enter the expiry date of your card."),
    "rt_to_rp_route": _("Choose the basis on which you ask for permanent residence."),
    "resident_since": _("Enter the date since when you have been a temporary resident."),
    "years_requested": _("Choose how many years you will ask for."),
    # address
    "postal_code": _("Enter your postal code."),
    "state": _("Choose your state."),
    "municipality": _("Enter your municipality or borough."),
    "neighborhood": _("Enter your neighbourhood (colonia)."),
    "street": _("Enter your street."),
    "exterior_number": _("Enter your street number."),
    # office
    "office": _("Choose the INM office where you will file."),
    # guardian
    "guardian_name": _("Enter the full name of the person who signs for the minor."),
    "guardian_relationship": _("Choose what the person who signs is to the minor."),
    "guardian_document": _("Enter their identity document and its number."),
    # family
    "relationship": _("Choose what your family member is to you."),
    "sponsor_name": _("Enter your family member's full name."),
    "sponsor_status": _("Choose your family member's status in Mexico."),
    "sponsor_mexican_by_birth": _("Choose whether your family member is Mexican by birth."),
    "sponsor_document": _("Enter your family member's identity document and its number."),
    "sponsor_nationality": _("Choose your family member's nationality."),
    "lives_together": _("Choose whether you both live at the address you gave."),
    "union_date": _("Enter the date of the marriage, or since when you live together."),
    "foreign_certificates": _("Choose whether the certificates were issued outside Mexico."),
    # employment
    "employment_kind": _("Choose how you work."),
    "employer_type": _("Choose whether your employer is a person or a company."),
    "employer_rfc": _("Enter your employer's RFC."),
    "employer_file_number": _("Enter your employer's INM file number."),
    "employer_name": _("Enter your employer's name or company name."),
    "position": _("Enter your position."),
    "activity": _("Enter your activity."),
    "activity_place": _("Enter where you will carry out your activity."),
    "applicant_rfc": _("Enter your own RFC."),
    # changes
    "change_date": _("Enter the date of the change."),
    "old_postal_code": _("Enter your old postal code."),
    "old_state": _("Choose your old state."),
    "old_municipality": _("Enter your old municipality or borough."),
    "old_neighborhood": _("Enter your old neighbourhood (colonia)."),
    "old_street": _("Enter your old street."),
    "old_exterior_number": _("Enter your old street number."),
    "old_workplace": _("Enter your previous employer or workplace."),
    "old_marital_status": _("Choose your previous marital status."),
    "old_nationality": _("Choose your previous nationality."),
    "old_name": _("Enter your previous full name."),
    # replacement
    "reason": _("Choose what happened to your card."),
    "event_date": _("Enter the date it happened."),
    "event_place": _("Enter where it happened."),
    "police_report": _("Choose whether you reported it to the police or the public prosecutor."),
    # help me choose
    "document": _("Choose the document you hold now."),
    "need": _("Choose what you need."),
    "card_valid": _("Choose whether the card is still valid."),
    "where": _("Choose where it happened."),
    "change": _("Choose what changed."),
    "route": _("Choose the basis on which you ask."),
    "relative_status": _("Choose your relative's status in Mexico."),
    "minor": _("Choose whether the card holder is under 18."),
    "job_offer": _("Choose whether you have a job offer."),
    "employment": _("Choose how you will work."),
    "recognised": _("Choose whether you were recognised as a refugee or granted protection."),
    "family_tie": _("Choose whether you have a family tie to a Mexican or to a resident."),
    # the appointment, a problem report
    "appointment_date": _("Enter the date of your appointment."),
    "appointment_time": _("Enter the time of your appointment."),
    "appointment_office": _("Choose the office of your appointment."),
    "message": _("Describe what is wrong or out of date."),
}

INVALID_DATE = _("Enter a real date, with day, month and year.")
INVALID_EMAIL = _("Enter an e-mail address in the right format, like name@example.com.")
INVALID_TIME = _("Enter a real time, like 09:30.")
REQUIRED_CHOICE = _("Choose an answer.")
REQUIRED_TEXT = _("Enter an answer.")


def specific_messages(form: forms.BaseForm) -> None:
    """Give every field of ``form`` a message that names what to enter or choose. A message the
    form sets itself (in ``error_messages=``) is kept."""
    for name, field in form.fields.items():
        messages = field.error_messages
        if _is_default(messages, "required", forms.Field):
            fallback = REQUIRED_CHOICE if isinstance(field, (forms.ChoiceField, forms.BooleanField)) else REQUIRED_TEXT
            messages["required"] = REQUIRED.get(name, fallback)
        if isinstance(field, forms.DateField) and _is_default(messages, "invalid", forms.DateField):
            messages["invalid"] = INVALID_DATE
        elif isinstance(field, forms.TimeField) and _is_default(messages, "invalid", forms.TimeField):
            messages["invalid"] = INVALID_TIME
        elif isinstance(field, forms.EmailField):
            field.validators = [
                validators.EmailValidator(message=INVALID_EMAIL)
                if isinstance(validator, validators.EmailValidator)
                else validator
                for validator in field.validators
            ]


def _is_default(messages: dict, code: str, kind: type[forms.Field]) -> bool:
    return str(messages.get(code)) == str(kind.default_error_messages[code])


class SpecificMessages:
    """A form mixin: its fields get the messages of ``specific_messages`` once they are built."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        specific_messages(self)

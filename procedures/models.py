"""inmprep's data: the reference catalogue staff keep, and the preparations applicants make.

Reference rows (states, procedures, checklist items, general rules, fees, offices) are loaded
from the fixtures in ``procedures/fixtures/`` by ``manage.py load_reference`` and edited by
staff in admin; every change is kept in their history. A preparation is what one applicant
makes in the wizard: it holds personal data and is deleted on request and on expiry.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .conditions import Condition
from .vocabulary import CurrentDocument, EmploymentKind, VisaType

# ----------------------------------------------------------------------------- shared parts


class Confidence(models.TextChoices):
    """How sure we are of a fact (the tags of the reference data)."""

    VERIFIED = "verified", _("Verified")
    SECONDARY = "secondary", _("Secondary source")
    UNVERIFIED = "unverified", _("Not confirmed")
    CONFLICTING = "conflicting", _("Sources disagree")
    # A verified fact whose content staff changed without checking its sources again.
    NEEDS_CHECKING = "needs_checking", _("Changed, needs checking")


class ReferenceRowQuerySet(models.QuerySet):
    """Bulk writes of reference rows make a new reference version, as saves and deletes do (signals.py).

    ``update()`` and ``bulk_create()`` send no signals; ``bulk_update()`` goes through ``update()``.
    """

    def update(self, **kwargs):
        with transaction.atomic(using=self.db):
            ReferenceVersion.bump(using=self.db)
            return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            ReferenceVersion.bump(using=self.db)
            return super().bulk_create(objs, *args, **kwargs)


ReferenceRowManager = models.Manager.from_queryset(ReferenceRowQuerySet)


class ReferenceRow(models.Model):
    """A row of the reference catalogue: what every packet, cached page and PDF is built from.

    Every concrete subclass is a reference model (``signals.reference_models``): saving, deleting
    or bulk-writing one makes a new ``ReferenceVersion``, so nothing built from the old rows is
    served again. A new kind of reference data joins by subclassing this (or ``LoadedRow``).
    """

    objects = ReferenceRowManager()

    class Meta:
        abstract = True


class LoadedRow(ReferenceRow):
    """A row that ``load_reference`` keeps in step with the shipped fixtures.

    ``content_hash`` is the hash of the fixture content the row was last loaded from: when the
    row's content still hashes to it, staff never touched the row and a release may update it.
    """

    content_hash = models.CharField(_("loaded content hash"), max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


class TranslatedRow(models.Model):
    """A row with texts in English and Spanish (``BILINGUAL_PAIRS``), kept in step.

    ``stale_translations`` names the fields whose text is older than the other language's: one
    language was edited without the other. Applicants then read the up-to-date language, marked.
    """

    BILINGUAL_PAIRS: tuple[tuple[str, str], ...] = ()

    stale_translations = models.JSONField(_("translations to update"), default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    def is_stale(self, field_name: str) -> bool:
        return field_name in (self.stale_translations or [])


class ReferenceFact(TranslatedRow, LoadedRow):
    """A fact about the INM that the product shows: where it comes from and how sure we are.

    A source is a URL or a citation of a document ("DOF 7 Nov 2025, Art. 8 fr. VI"). A fact is
    verified only when a staff member checked it against a source (``verified_by``, on
    ``last_verified``, with ``verification_note``); changing a verified fact's content without
    checking it again makes it ``needs_checking`` (procedures/verification.py).
    """

    sources = models.JSONField(
        _("sources"), default=list, blank=True, help_text=_("Web addresses or citations of documents.")
    )
    confidence = models.CharField(
        _("confidence"), max_length=16, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    last_verified = models.DateField(
        _("sources checked on"), null=True, blank=True, help_text=_("Only for verified facts.")
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("checked by"),
    )
    verification_note = models.CharField(_("what was checked"), max_length=300, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_confirmed(self) -> bool:
        return self.confidence == Confidence.VERIFIED


STALE_AFTER = timedelta(days=180)


class ReferenceQuerySet(ReferenceRowQuerySet):
    def needing_verification(self, today: date):
        """Facts not verified, or verified longer ago than STALE_AFTER: staff should check them."""
        return self.filter(
            ~Q(confidence=Confidence.VERIFIED)
            | Q(last_verified__isnull=True)
            | Q(last_verified__lt=today - STALE_AFTER)
        )


def verified_only_when_confirmed(name: str) -> models.CheckConstraint:
    """A date of verification makes sense only for a verified fact."""
    return models.CheckConstraint(
        condition=Q(last_verified__isnull=True) | Q(confidence=Confidence.VERIFIED),
        name=f"{name}_last_verified_only_when_verified",
        violation_error_message=_("Only a verified fact has a date when its sources were checked."),
    )


# ----------------------------------------------------------------------------- states


class StateManager(ReferenceRowManager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class State(LoadedRow):
    """One of Mexico's 32 federal entities (entidades federativas), keyed by its INEGI code.

    Sources spell states differently (the INM's office names, SEPOMEX's postal catalogue, common
    usage): each spelling is kept so that addresses and offices can be matched to one code.
    """

    code = models.CharField(_("INEGI code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=80)
    name_inm = models.CharField(_("name as the INM writes it"), max_length=80)
    name_sepomex = models.CharField(_("name as SEPOMEX writes it"), max_length=80)

    objects = StateManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("state")
        verbose_name_plural = _("states")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^(0[1-9]|[12][0-9]|3[0-2])$"),
                name="state_code_is_inegi_01_to_32",
                violation_error_message=_("The INEGI code of a state is a number from 01 to 32, with two digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.code,)


# ----------------------------------------------------------------------------- procedures


class OnlineStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Online booking")
    CANDIDATE = "candidate", _("Online booking not confirmed")
    NO = "no", _("In person, no appointment")
    INFO = "info", _("Information only")


class DeadlineRule(models.TextChoices):
    NONE = "none", _("No legal deadline")
    DAYS_AFTER_ENTRY = "days_after_entry", _("Days after entering Mexico")
    WINDOW_BEFORE_EXPIRY = "window_before_expiry", _("Window before the card expires")
    DAYS_AFTER_CHANGE = "days_after_change", _("Days after the change")
    BEFORE_STAY_ENDS = "before_stay_ends", _("While the visitor's authorised stay is valid")


# Rules that count days (the others end on a date the applicant gives).
RULES_WITH_DAYS = (DeadlineRule.DAYS_AFTER_ENTRY, DeadlineRule.WINDOW_BEFORE_EXPIRY, DeadlineRule.DAYS_AFTER_CHANGE)


class DeadlineBasis(models.TextChoices):
    """What a deadline rests on. A requirement sheet (a gob.mx ficha) or an official page's
    guidance is official, but it is not the law: it is cited as what it is."""

    LEGAL = "legal", _("Set by law")
    SHEET = "sheet", _("INM requirement sheet")
    GUIDANCE = "guidance", _("Official guidance")
    PRACTICE = "practice", _("Office practice")
    UNVERIFIED = "unverified", _("Not confirmed")


class Letter(models.TextChoices):
    NOTIFICATION = "notification", _("Notice of a change")
    FOUR_YEAR_REQUEST = "four_year_request", _("Request after four years")
    FAMILY_STATEMENT = "family_statement", _("Statement of the family tie")
    SELF_EMPLOYMENT_STATEMENT = "self_employment_statement", _("Statement of self-employment")
    LOSS_ACCOUNT = "loss_account", _("Account of the loss or theft")
    CANJE_REQUEST = "canje_request", _("Request for the card in exchange for the visa (canje)")


EXTRA_STEPS = ("guardian", "family", "employment", "changes", "replacement")


class ChangeKind(models.TextChoices):
    """The change a notification reports (its new value is the answer of the "changes" step)."""

    ADDRESS = "address", _("Address")
    WORKPLACE = "workplace", _("Workplace")
    MARITAL_STATUS = "marital_status", _("Marital status")
    NATIONALITY = "nationality", _("Nationality")
    NAME = "name", _("Name")


class HalfFee(models.TextChoices):
    """Why a card fee may be halved under the 2026 decree (DOF 7 Nov 2025): family unity, a job
    offer in Mexico, or whichever of them the residence rests on (unknown to us: said as an if)."""

    FAMILY_UNITY = "family_unity", _("Family unity")
    JOB_OFFER = "job_offer", _("A job offer in Mexico")
    IF_RESIDENCE_RESTS_ON_EITHER = "either", _("If the residence rests on family unity or a job offer")


class FormSection(models.TextChoices):
    """The INM form's groups of procedures (form_fields.yaml): which of its fields it shows."""

    ALL = "ALL", _("Every procedure filed with the form")
    EXP = "EXP", _("Issue, renew, exchange or replace a card")
    CAM = "CAM", _("Change of status")
    REG = "REG", _("Regularisation")
    NOT = "NOT", _("Notification of a change")
    PERM = "PERM", _("Permits")
    EMPLOYER = "employer", _("The employer block")


# Procedure knowledge the rules read (procedures/traits.py builds ``ProcedureTraits`` from these).
TRAIT_LIST_FIELDS = ("years_requested_for", "years_requested_visas", "resident_since_for", "items_if_asked")
TRAIT_FIELDS = (
    *TRAIT_LIST_FIELDS,
    "changes_status_from_visitor",
    "asks_rt_to_rp_route",
    "asks_entry_date",
    "visa_picks_card",
    "four_year_renewal",
    "student_card_fee_exempt",
    "replaces_a_valid_card",
    "employment_kind",
    "change_kind",
    "family_unity",
    "family_unity_permanent",
    "expired_card_becomes",
    "stay_expired_becomes",
    "half_fee",
    "issues_card",
    "first_card_in_mexico",
)


class ProcedureQuerySet(ReferenceQuerySet):
    def active(self):
        return self.filter(active=True)

    def with_wizard(self):
        return self.filter(has_wizard=True)

    def bookable(self):
        """Procedures booked in the INM's online system (confirmed or candidate)."""
        return self.filter(online_status__in=[OnlineStatus.CONFIRMED, OnlineStatus.CANDIDATE])

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Procedure(ReferenceFact):
    """An INM procedure (trámite migratorio) a foreigner files at an INM office.

    ``name_es`` is the wording of the "Especifica" list of the INM application form, which the
    applicant picks in the portal; ``official_name_es`` is the gob.mx name where it differs.
    ``portal_menu`` is the option of "¿Qué deseas hacer?" above it. Most procedures are booked
    online; regularisations (regularización: putting an irregular stay in order) need no
    appointment, and information pages (visas, employer registration) have no wizard.
    """

    BILINGUAL_PAIRS = (
        ("name_en", "name_es"),
        ("summary_en", "summary_es"),
        ("who_may_file_en", "who_may_file_es"),
        ("deadline_source_en", "deadline_source_es"),
    )

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_es = models.CharField(_("name in Spanish (Especifica)"), max_length=200)
    official_name_es = models.CharField(_("official gob.mx name"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    summary_en = models.TextField(_("summary in English"), blank=True)
    summary_es = models.TextField(_("summary in Spanish"), blank=True)
    who_may_file_en = models.TextField(_("who may file, in English"), blank=True)
    who_may_file_es = models.TextField(_("who may file, in Spanish"), blank=True)
    portal_menu = models.CharField(_("“¿Qué deseas hacer?” option"), max_length=120, blank=True)
    portal_especifica = models.CharField(_("“Especifica” option"), max_length=200, blank=True)
    portal_especifica_confidence = models.CharField(
        _("“Especifica” wording confidence"),
        max_length=16,
        choices=Confidence.choices,
        default=Confidence.UNVERIFIED,
        help_text=_(
            "Verified when the INM's own sheet or two sources give this wording; otherwise the packet tells the "
            "applicant to pick the closest option in the portal's list."
        ),
    )
    online_status = models.CharField(_("online status"), max_length=10, choices=OnlineStatus.choices)
    needs_appointment = models.BooleanField(_("needs an appointment"), default=True)
    has_wizard = models.BooleanField(_("runs the wizard"), default=True)
    extra_steps = models.JSONField(_("extra wizard steps"), default=list, blank=True)
    optional_steps = models.JSONField(_("optional wizard steps"), default=list, blank=True)
    deadline_rule = models.CharField(
        _("deadline rule"), max_length=24, choices=DeadlineRule.choices, default=DeadlineRule.NONE
    )
    deadline_days = models.PositiveSmallIntegerField(_("deadline days"), null=True, blank=True)
    deadline_basis = models.CharField(_("deadline basis"), max_length=10, choices=DeadlineBasis.choices, blank=True)
    deadline_condition = models.CharField(
        _("deadline applies when"), max_length=32, choices=Condition.choices, default=Condition.ALWAYS
    )
    deadline_source_en = models.CharField(_("deadline source in English"), max_length=200, blank=True)
    deadline_source_es = models.CharField(_("deadline source in Spanish"), max_length=200, blank=True)
    letter = models.CharField(_("letter"), max_length=32, choices=Letter.choices, blank=True)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # --- what the wizard asks (the status step, DESIGN.md "status")
    years_requested_for = models.JSONField(
        _("asks the card's years after"),
        default=list,
        blank=True,
        help_text=_("Current documents after which the wizard asks how many years the card is for."),
    )
    years_requested_visas = models.JSONField(
        _("asks the card's years for the visas"),
        default=list,
        blank=True,
        help_text=_("Where the visa decides the card: the visa types that give a temporary resident card."),
    )
    resident_since_for = models.JSONField(
        _("asks since when a temporary resident after"),
        default=list,
        blank=True,
        help_text=_("Current documents for which the time held as a temporary resident decides something."),
    )
    changes_status_from_visitor = models.BooleanField(
        _("a change of status from a visitor"),
        default=False,
        help_text=_("The last day of the visitor's stay is the deadline."),
    )
    asks_rt_to_rp_route = models.BooleanField(_("asks the route to permanent residence"), default=False)
    asks_entry_date = models.BooleanField(_("asks the date of entry of a card holder"), default=False)
    employment_kind = models.CharField(
        _("kind of work it is for"),
        max_length=16,
        choices=EmploymentKind.choices,
        blank=True,
        help_text=_("Set when the procedure itself says it: the wizard then does not ask."),
    )
    change_kind = models.CharField(_("change it notifies"), max_length=16, choices=ChangeKind.choices, blank=True)
    # --- what the rules know
    visa_picks_card = models.BooleanField(_("the visa picks the card and its fee"), default=False)
    four_year_renewal = models.BooleanField(_("renews a temporary card (four years in all)"), default=False)
    student_card_fee_exempt = models.BooleanField(_("students pay no card fee"), default=False)
    replaces_a_valid_card = models.BooleanField(_("only a valid card can be replaced"), default=False)
    family_unity = models.BooleanField(_("family unity"), default=False)
    family_unity_permanent = models.BooleanField(_("family unity to permanent residence"), default=False)
    expired_card_becomes = models.SlugField(
        _("procedure once the card expired"),
        max_length=60,
        blank=True,
        help_text=_("The slug of the procedure left when the card expired in Mexico."),
    )
    stay_expired_becomes = models.SlugField(
        _("procedure once the stay ended"),
        max_length=60,
        blank=True,
        help_text=_("The slug of the procedure left when a visitor's stay ended and there is no family tie."),
    )
    items_if_asked = models.JSONField(
        _("items some offices ask for"),
        default=list,
        blank=True,
        help_text=_("Checklist item keys brought but not listed as attachments unless the officer takes them."),
    )
    half_fee = models.CharField(_("card fee may be halved for"), max_length=16, choices=HalfFee.choices, blank=True)
    issues_card = models.BooleanField(_("ends with a card"), default=False)
    first_card_in_mexico = models.BooleanField(
        _("the first card in Mexico"),
        default=False,
        help_text=_("The CURP comes with the card; a car on a temporary import permit is notified to the SAT."),
    )
    sample_document = models.CharField(
        _("document of the preview's sample applicant"),
        max_length=24,
        choices=CurrentDocument.choices,
        blank=True,
        help_text=_("What the built-in sample applicant holds in the staff preview (empty: a temporary card)."),
    )
    form_sections = models.JSONField(
        _("INM form sections"),
        default=list,
        blank=True,
        help_text=_("The groups of the INM form the procedure belongs to: they decide which form fields it shows."),
    )

    objects = ProcedureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            verified_only_when_confirmed("procedure"),
            models.CheckConstraint(
                condition=(Q(deadline_rule=DeadlineRule.NONE) & Q(deadline_days__isnull=True))
                | (
                    Q(deadline_rule__in=RULES_WITH_DAYS)
                    & Q(deadline_days__isnull=False)
                    & Q(deadline_days__gt=0)
                    & ~Q(deadline_basis="")
                )
                | (
                    Q(deadline_rule=DeadlineRule.BEFORE_STAY_ENDS)
                    & Q(deadline_days__isnull=True)
                    & ~Q(deadline_basis="")
                ),
                name="procedure_deadline_days_and_basis_iff_rule",
                violation_error_message=_(
                    "The deadline does not add up: a rule that counts days needs days and a basis; "
                    "“no legal deadline” needs neither; the visitor's stay needs a basis and no days."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(online_status=OnlineStatus.INFO) & Q(has_wizard=False) & Q(needs_appointment=False))
                | (~Q(online_status=OnlineStatus.INFO) & Q(has_wizard=True)),
                name="procedure_information_pages_have_no_wizard",
                violation_error_message=_(
                    "An information page runs no wizard and needs no appointment; other procedures run the wizard."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(online_status=OnlineStatus.NO) | Q(needs_appointment=False),
                name="procedure_in_person_needs_no_appointment",
                violation_error_message=_(
                    "A procedure filed in person without an appointment cannot need one: "
                    "untick “needs an appointment” or change the online status."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name_es

    def natural_key(self):
        return (self.slug,)

    @property
    def portal_especifica_is_confirmed(self) -> bool:
        """Most of the "Especifica" list is known from one unofficial copy of the form
        (procedures_list.yaml ``especifica_tag``): the packet says so where it names the option."""
        return self.portal_especifica_confidence == Confidence.VERIFIED

    def clean(self):
        super().clean()
        errors = {}
        closed = {
            "years_requested_for": CurrentDocument.values,
            "resident_since_for": CurrentDocument.values,
            "years_requested_visas": VisaType.values,
            "form_sections": FormSection.values,
        }
        for name in TRAIT_LIST_FIELDS + ("form_sections",):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
                errors[name] = _('A list of texts, e.g. ["temporary_card"].')
            elif name in closed and (unknown := sorted(set(value) - set(closed[name]))):
                errors[name] = _("Not one of the known values: %(unknown)s (known: %(known)s).") % {
                    "unknown": ", ".join(unknown),
                    "known": ", ".join(closed[name]),
                }
        if "items_if_asked" not in errors:
            keys = set(self.checklist_items.values_list("key", flat=True)) if self.pk else set()
            if unknown := sorted(set(self.items_if_asked) - keys):
                errors["items_if_asked"] = _(
                    "No checklist item of this procedure has these keys: %(unknown)s (its keys: %(known)s)."
                ) % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(keys))}
        for name in ("expired_card_becomes", "stay_expired_becomes"):
            slug = getattr(self, name)
            if slug and not Procedure.objects.filter(slug=slug).exists():
                errors[name] = _("No procedure has this slug.")
        if errors:
            raise ValidationError(errors)

    @property
    def deadline_source(self) -> str:
        """What the deadline rests on, in the active language (the other one if empty)."""
        from .catalogue import localized

        return localized(self, "deadline_source")


class ChecklistItemQuerySet(ReferenceQuerySet):
    def get_by_natural_key(self, procedure_slug, key):
        return self.get(procedure__slug=procedure_slug, key=key)


class ChecklistItem(ReferenceFact):
    """A document the applicant brings to the INM window for one procedure.

    ``originals`` and ``copies`` say how many of each; simple copies (copias simples) are plain
    photocopies. ``condition`` (the closed vocabulary) says for whom the item applies.
    """

    BILINGUAL_PAIRS = (("text_en", "text_es"), ("help_en", "help_es"))

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="checklist_items", verbose_name=_("procedure")
    )
    key = models.SlugField(_("key"), max_length=60)
    text_en = models.TextField(_("text in English"))
    text_es = models.TextField(_("text in Spanish"))
    help_en = models.TextField(_("help in English"), blank=True)
    help_es = models.TextField(_("help in Spanish"), blank=True)
    originals = models.PositiveSmallIntegerField(_("originals"), default=1)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    condition = models.CharField(_("applies when"), max_length=32, choices=Condition.choices, default=Condition.ALWAYS)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ChecklistItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["procedure", "position", "key"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            verified_only_when_confirmed("checklistitem"),
            models.UniqueConstraint(fields=["procedure", "key"], name="checklistitem_unique_key_per_procedure"),
            models.CheckConstraint(
                condition=Q(originals__gt=0) | Q(copies__gt=0),
                name="checklistitem_brings_something",
                violation_error_message=_("The applicant brings at least one original or one copy of each item."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.slug}: {self.text_en}"

    def natural_key(self):
        return (*self.procedure.natural_key(), self.key)

    natural_key.dependencies = ["procedures.procedure"]


class GeneralRuleQuerySet(ReferenceQuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class GeneralRule(ReferenceFact):
    """A rule for every filing at the INM window (originals and copies, hand signature, …)."""

    BILINGUAL_PAIRS = (("text_en", "text_es"),)

    key = models.SlugField(_("key"), max_length=60, unique=True)
    text_en = models.TextField(_("text in English"))
    text_es = models.TextField(_("text in Spanish"))
    condition = models.CharField(_("applies when"), max_length=32, choices=Condition.choices, default=Condition.ALWAYS)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = GeneralRuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("general rule")
        verbose_name_plural = _("general rules")
        constraints = [verified_only_when_confirmed("generalrule")]

    def __str__(self) -> str:
        return self.key

    def natural_key(self):
        return (self.key,)


class MistakeWhen(models.TextChoices):
    """When a common mistake applies (procedures/mistakes.py says which hold for a preparation)."""

    ALWAYS = "always", _("Always")
    MINOR = Condition.MINOR.value, _("The applicant is under 18")
    FOREIGN_CERTIFICATES = Condition.FOREIGN_CERTIFICATES.value, _("Foreign certificates are filed")
    OWES_FEE = "owes_fee", _("A fee is paid, and no card by its years")
    OWES_CARD_BY_YEARS = "owes_card_by_years", _("A temporary resident card is paid by its years")
    CARD_IN_PROCESS = "card_in_process", _("The procedure ends with a card")
    RESIDENT_ENTERS = "resident_enters", _("A resident visa, or a resident card renewed or replaced")
    RESIDENT_VISA = "resident_visa", _("A resident visa: 30 days after entry")
    CARD_WINDOW = "card_window", _("Filed in the card's last days")
    NOTIFICATION = "notification", _("A notice of a change")
    PHOTOS = "photos", _("The checklist asks for photos")


class MistakeQuerySet(ReferenceQuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Mistake(ReferenceFact):
    """A common mistake (FACTS.md §5) the packet warns of, where its condition holds.

    Without a procedure it is shown for every procedure where it applies; with one, only for it.
    """

    BILINGUAL_PAIRS = (("text_en", "text_es"),)

    key = models.SlugField(_("key"), max_length=60, unique=True)
    text_en = models.TextField(_("text in English"))
    text_es = models.TextField(_("text in Spanish"))
    when = models.CharField(_("applies when"), max_length=24, choices=MistakeWhen.choices, default=MistakeWhen.ALWAYS)
    procedure = models.ForeignKey(
        Procedure,
        on_delete=models.CASCADE,
        related_name="mistakes",
        null=True,
        blank=True,
        verbose_name=_("only for the procedure"),
        help_text=_("Empty: every procedure where it applies."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = MistakeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("common mistake")
        verbose_name_plural = _("common mistakes")
        constraints = [verified_only_when_confirmed("mistake")]

    def __str__(self) -> str:
        return self.key

    def natural_key(self):
        return (self.key,)

    @property
    def text(self) -> str:
        """The text in the active language (the other one if empty)."""
        from .catalogue import localized

        return localized(self, "text")


# ----------------------------------------------------------------------------- fees


class FeeKind(models.TextChoices):
    AMOUNTS = "amounts", _("Yearly amounts")
    FREE = "free", _("No fee")
    SET_BY_INM = "set_by_inm", _("Amount set by the INM")
    CARD_AFTER_APPROVAL = "card_after_approval", _("Card fee of the status granted")


class FeeScheduleQuerySet(ReferenceQuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class FeeSchedule(ReferenceFact):
    """A fee (derecho) of the Ley Federal de Derechos (LFD), with its legal basis.

    The LFD is updated every January; ``FeeAmount`` holds the amount of each year, and of each
    variant where the fee depends on an answer (the years of a temporary resident card).
    """

    BILINGUAL_PAIRS = (("concept_en", "concept_es"),)

    key = models.SlugField(_("key"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FeeKind.choices, default=FeeKind.AMOUNTS)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    concept_en = models.CharField(_("concept in English"), max_length=250)
    concept_es = models.CharField(_("concept in Spanish"), max_length=250)

    objects = FeeScheduleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        constraints = [verified_only_when_confirmed("feeschedule")]

    def __str__(self) -> str:
        return f"{self.key} ({self.legal_basis})" if self.legal_basis else self.key

    def natural_key(self):
        return (self.key,)


def short_concept(concept: str) -> str:
    """The part of a fee's legal concept that tells fees apart: what follows its last colon,
    without a closing parenthesis ("…documento migratorio: residente temporal (1 a 4 años)" →
    "Residente temporal")."""
    tail = re.sub(r"\s*\([^)]*\)\s*$", "", concept.rsplit(": ", 1)[-1]).strip()
    if len(tail) > 70:
        tail = tail[:69].rstrip(" ,;") + "…"
    return tail[:1].upper() + tail[1:]


class FeeAmountQuerySet(ReferenceQuerySet):
    def get_by_natural_key(self, schedule_key, year, variant):
        return self.get(schedule__key=schedule_key, year=year, variant=variant)


class FeeAmount(ReferenceFact):
    """What a fee costs in one year (and variant), in Mexican pesos.

    An amount derived by the official inflation factor is an estimate until staff confirm it;
    an amount no source gives stays empty.
    """

    schedule = models.ForeignKey(
        FeeSchedule, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("fee schedule")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    variant = models.CharField(_("variant"), max_length=20, blank=True, help_text=_("e.g. the years of a card"))
    amount_mxn = models.DecimalField(_("amount (MXN)"), max_digits=10, decimal_places=2, null=True, blank=True)
    is_estimate = models.BooleanField(_("estimate"), default=False)
    note = models.TextField(_("note"), blank=True)

    objects = FeeAmountQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["schedule", "-year", "variant"]
        verbose_name = _("fee amount")
        verbose_name_plural = _("fee amounts")
        constraints = [
            verified_only_when_confirmed("feeamount"),
            models.UniqueConstraint(fields=["schedule", "year", "variant"], name="feeamount_unique_year_variant"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="feeamount_plausible_year",
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(amount_mxn__isnull=True) | Q(amount_mxn__gte=0),
                name="feeamount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(is_estimate=False) | Q(amount_mxn__isnull=False),
                name="feeamount_estimate_has_amount",
                violation_error_message=_("An estimate needs an amount: enter it, or untick “estimate”."),
            ),
            models.CheckConstraint(
                condition=Q(is_estimate=False) | ~Q(confidence=Confidence.VERIFIED),
                name="feeamount_estimate_is_not_verified",
                violation_error_message=_(
                    "An estimate cannot be verified: untick “estimate” once the amount is checked in the published LFD."
                ),
            ),
        ]

    def __str__(self) -> str:
        # What staff read in lists, history and messages: "Residente temporal, 1 año · 2026".
        spanish = (get_language() or "en").startswith("es")
        concept = short_concept(self.schedule.concept_es if spanish else self.schedule.concept_en)
        if self.variant.isdigit():
            years = int(self.variant)
            concept += ", " + ngettext("%(years)d year", "%(years)d years", years) % {"years": years}
        elif self.variant:
            concept += f", {self.variant}"
        return f"{concept} · {self.year}"

    def natural_key(self):
        return (*self.schedule.natural_key(), self.year, self.variant)

    natural_key.dependencies = ["procedures.feeschedule"]


class FeeWhen(models.TextChoices):
    AT_FILING = "at_filing", _("At filing")
    AFTER_APPROVAL = "after_approval", _("After approval")


class ProcedureFeeManager(ReferenceRowManager):
    def get_by_natural_key(self, procedure_slug, schedule_key, condition):
        return self.get(procedure__slug=procedure_slug, schedule__key=schedule_key, condition=condition)


class ProcedureFee(LoadedRow):
    """A fee a procedure charges, when its condition holds, at filing or after approval."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="fee_links", verbose_name=_("procedure")
    )
    schedule = models.ForeignKey(
        FeeSchedule, on_delete=models.PROTECT, related_name="procedure_links", verbose_name=_("fee schedule")
    )
    condition = models.CharField(_("applies when"), max_length=32, choices=Condition.choices, default=Condition.ALWAYS)
    when = models.CharField(_("paid"), max_length=16, choices=FeeWhen.choices, default=FeeWhen.AT_FILING)
    variant_from = models.CharField(
        _("variant picked by"), max_length=60, blank=True, help_text=_("The answer that picks the variant.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ProcedureFeeManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["procedure", "position"]
        verbose_name = _("procedure fee")
        verbose_name_plural = _("procedure fees")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "schedule", "condition"], name="procedurefee_unique_schedule_condition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.slug} → {self.schedule.key}"

    def natural_key(self):
        return (*self.procedure.natural_key(), *self.schedule.natural_key(), self.condition)

    natural_key.dependencies = ["procedures.procedure", "procedures.feeschedule"]


# ----------------------------------------------------------------------------- UMA


class UmaValueQuerySet(ReferenceQuerySet):
    def get_by_natural_key(self, year):
        return self.get(year=year)


class UmaValue(ReferenceFact):
    """The UMA (Unidad de Medida y Actualización) of one year: the daily value, in Mexican pesos,
    that thresholds and fines are stated in ("500 days of UMA").

    The value of a year is in force from 1 February of that year until the next year's value
    takes over (FACTS.md §2.3).
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    daily_mxn = models.DecimalField(_("daily value (MXN)"), max_digits=8, decimal_places=2)
    in_force_from = models.DateField(_("in force from"), help_text=_("Usually 1 February of the year."))
    note = models.TextField(_("note"), blank=True)

    objects = UmaValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("UMA value")
        verbose_name_plural = _("UMA values")
        constraints = [
            verified_only_when_confirmed("umavalue"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="umavalue_plausible_year",
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(daily_mxn__gt=0),
                name="umavalue_positive",
                violation_error_message=_("The UMA is a positive amount."),
            ),
        ]

    def __str__(self) -> str:
        return f"UMA {self.year}: {self.daily_mxn} MXN"

    def natural_key(self):
        return (self.year,)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.in_force_from and self.year and self.in_force_from.year != self.year:
            raise ValidationError({"in_force_from": _("The UMA of a year comes into force in that year.")})


# ----------------------------------------------------------------------------- offices


class OnlineBooking(models.TextChoices):
    YES = "yes", _("Bookable online")
    NO = "no", _("Not bookable online")
    UNKNOWN = "unknown", _("Online booking unknown")


class OfficeKind(models.TextChoices):
    STATE_OFFICE = "state_office", _("State office (Oficina de Representación)")
    SUB_OFFICE = "sub_office", _("Local office")


# The IANA zones of Mexico (the tz database's zone1970.tab, country MX), with the area each covers.
class TimeZone(models.TextChoices):
    MEXICO_CITY = "America/Mexico_City", _("Central Mexico (America/Mexico_City)")
    CANCUN = "America/Cancun", _("Quintana Roo (America/Cancun)")
    MERIDA = "America/Merida", _("Campeche, Yucatán (America/Merida)")
    MONTERREY = "America/Monterrey", _("Durango; Coahuila, Nuevo León, Tamaulipas, most areas (America/Monterrey)")
    MATAMOROS = "America/Matamoros", _("Coahuila, Nuevo León, Tamaulipas, US border (America/Matamoros)")
    CHIHUAHUA = "America/Chihuahua", _("Chihuahua, most areas (America/Chihuahua)")
    CIUDAD_JUAREZ = "America/Ciudad_Juarez", _("Chihuahua, US border, west (America/Ciudad_Juarez)")
    OJINAGA = "America/Ojinaga", _("Chihuahua, US border, east (America/Ojinaga)")
    MAZATLAN = "America/Mazatlan", _("Baja California Sur, Nayarit (most areas), Sinaloa (America/Mazatlan)")
    BAHIA_BANDERAS = "America/Bahia_Banderas", _("Bahía de Banderas (America/Bahia_Banderas)")
    HERMOSILLO = "America/Hermosillo", _("Sonora (America/Hermosillo)")
    TIJUANA = "America/Tijuana", _("Baja California (America/Tijuana)")


class OfficeQuerySet(ReferenceQuerySet):
    def active(self):
        return self.filter(active=True)

    def bookable(self):
        return self.filter(online_booking=OnlineBooking.YES)

    def get_by_natural_key(self, code):
        return self.get(code=code)


class Office(ReferenceFact):
    """An INM office where procedures are filed.

    Each state has one Oficina de Representación (the state office) and may have local offices.
    Some local offices (Chapala, Melaque) are not on the online booking system: applicants who
    live there book at ``nearest_online_office``.
    """

    BILINGUAL_PAIRS = (("note_en", "note_es"), ("hours_en", "hours_es"))

    code = models.SlugField(_("code"), max_length=40, unique=True)
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, to_field="code", related_name="offices", verbose_name=_("state")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OfficeKind.choices, default=OfficeKind.STATE_OFFICE)
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=120)
    address = models.TextField(_("address"), blank=True)
    address_source = models.CharField(
        _("address source"), max_length=200, blank=True, help_text=_("Who gives the address, e.g. La Jornada.")
    )
    address_as_of = models.CharField(
        _("address as of"), max_length=20, blank=True, help_text=_("The year of that source, e.g. 2014 or c. 2015.")
    )
    hours_en = models.CharField(_("opening hours in English"), max_length=200, blank=True)
    hours_es = models.CharField(_("opening hours in Spanish"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=80, blank=True)
    online_booking = models.CharField(
        _("online booking"), max_length=8, choices=OnlineBooking.choices, default=OnlineBooking.UNKNOWN
    )
    online_booking_confidence = models.CharField(
        _("online booking confidence"), max_length=16, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    online_booking_source = models.CharField(
        _("online booking source"),
        max_length=250,
        blank=True,
        help_text=_("What says whether the office is on the online system, and when."),
    )
    nearest_online_office = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nearest office bookable online"),
    )
    note_en = models.TextField(_("note in English"), blank=True)
    note_es = models.TextField(_("note in Spanish"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TimeZone.choices,
        default=TimeZone.MEXICO_CITY,
        help_text=_("The office's clock: appointments are recorded and put in calendars in this zone."),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["state__name", "kind", "city"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            verified_only_when_confirmed("office"),
            models.CheckConstraint(
                condition=Q(nearest_online_office__isnull=True) | ~Q(online_booking=OnlineBooking.YES),
                name="office_bookable_needs_no_alternative",
                violation_error_message=_(
                    "An office bookable online has no “nearest office bookable online”: "
                    "leave it empty, or change the online booking."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(nearest_online_office=F("id")),
                name="office_alternative_is_another_office",
                violation_error_message=_("The nearest office bookable online must be another office."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    def natural_key(self):
        return (self.code,)

    natural_key.dependencies = ["procedures.state"]

    @property
    def hours(self) -> str:
        """The opening hours in the active language (the other one if empty)."""
        from .catalogue import localized

        return localized(self, "hours")

    @property
    def online_booking_is_confirmed(self) -> bool:
        return self.online_booking_confidence == Confidence.VERIFIED


class NoticeKind(models.TextChoices):
    CLOSED = "closed", _("Closed")
    MOVED = "moved", _("Moved")
    HOURS = "hours", _("Hours")
    OTHER = "other", _("Other")


ENDS_BEFORE_START = _(
    "The end date is before the start date: the “until” date must be the same day as “from”, or later."
)


def ends_after_start(name: str) -> models.CheckConstraint:
    """A period that ends before it starts is a typing mistake: refused, in plain words."""
    return models.CheckConstraint(
        condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
        name=name,
        violation_error_message=ENDS_BEFORE_START,
        violation_error_code="ends_before_start",
    )


class PeriodDatesMixin:
    """Dates checked in forms, next to the field, before the database constraint would refuse them."""

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": ValidationError(ENDS_BEFORE_START, code="ends_before_start")})


class OfficeNotice(PeriodDatesMixin, TranslatedRow, ReferenceRow):
    """A dated notice about an office: closed on a day, moved, pick-up hours.

    A notice of the closed kind makes its days non-working days for that office: the packet's last
    filing day and its check of the appointment count them.
    """

    BILINGUAL_PAIRS = (("text_en", "text_es"),)

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="notices", verbose_name=_("office"))
    kind = models.CharField(_("kind"), max_length=8, choices=NoticeKind.choices, default=NoticeKind.OTHER)
    text_en = models.TextField(_("text in English"))
    text_es = models.TextField(_("text in Spanish"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: until further notice."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "-starts_on"]
        verbose_name = _("office notice")
        verbose_name_plural = _("office notices")
        constraints = [ends_after_start("officenotice_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.office.code}: {self.get_kind_display()} {self.starts_on}"


# ----------------------------------------------------------------------------- the calendar


class PeriodKind(models.TextChoices):
    YEAR_END = "year_end", _("Year-end closure")
    HOLY_WEEK = "holy_week", _("Holy Thursday and Good Friday")
    OTHER = "other", _("Other general vacation or suspension")


class NonWorkingPeriodQuerySet(ReferenceQuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class NonWorkingPeriod(PeriodDatesMixin, ReferenceFact):
    """Days of general vacation of the INM (LFPA art. 28), published by acuerdo in the DOF.

    Not working days: no filing counts on them. They hold for every office, or for one
    (``office``). Rest days set by law (1 January, 16 September…) are computed, not entered:
    see ``procedures/workdays.py``.
    """

    BILINGUAL_PAIRS = (("name_en", "name_es"),)

    key = models.SlugField(_("key"), max_length=60, unique=True, help_text=_("e.g. dof-2026-year-end"))
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.OTHER)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), help_text=_("The last day of the period, included."))
    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="non_working_periods",
        verbose_name=_("office"),
        help_text=_("Empty: every INM office."),
    )
    name_en = models.CharField(_("name in English"), max_length=200)
    name_es = models.CharField(_("name in Spanish"), max_length=200)
    acuerdo = models.CharField(
        _("DOF acuerdo"),
        max_length=300,
        blank=True,
        help_text=_("The acuerdo and its date of publication in the DOF; empty when not known."),
    )

    objects = NonWorkingPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "key"]
        verbose_name = _("non-working period")
        verbose_name_plural = _("non-working periods")
        constraints = [
            verified_only_when_confirmed("nonworkingperiod"),
            ends_after_start("nonworkingperiod_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.starts_on}–{self.ends_on})"

    def natural_key(self):
        return (self.key,)

    natural_key.dependencies = ["procedures.office"]


class BookingHorizonQuerySet(ReferenceQuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


PORTAL_HORIZON = "inm-portal"


class BookingHorizon(ReferenceFact):
    """How many days ahead the INM's portal offers appointment slots.

    The packet's "try to book by" date is the last filing day minus these days: from then on,
    every slot the portal shows is on or before the deadline, and slots go fast.
    """

    BILINGUAL_PAIRS = (("note_en", "note_es"),)

    key = models.SlugField(_("key"), max_length=40, unique=True)
    days = models.PositiveSmallIntegerField(_("days ahead"))
    note_en = models.TextField(_("note in English"), blank=True)
    note_es = models.TextField(_("note in Spanish"), blank=True)

    objects = BookingHorizonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("booking horizon")
        verbose_name_plural = _("booking horizons")
        constraints = [
            verified_only_when_confirmed("bookinghorizon"),
            models.CheckConstraint(
                condition=Q(days__gte=1) & Q(days__lte=365),
                name="bookinghorizon_days_1_to_365",
                violation_error_message=_("The horizon is a number of days from 1 to 365."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.days}"

    def natural_key(self):
        return (self.key,)


# ----------------------------------------------------------------------------- reports


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    FIXED = "fixed", _("Fixed")
    DISMISSED = "dismissed", _("Dismissed")


class ProblemReport(models.Model):
    """ "Report a problem with this information", sent from a procedure or an office page."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    message = models.TextField(_("message"), max_length=4000)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.NEW)
    staff_note = models.TextField(_("staff note"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        constraints = [
            models.CheckConstraint(
                condition=(Q(procedure__isnull=False) & Q(office__isnull=True))
                | (Q(procedure__isnull=True) & Q(office__isnull=False)),
                name="problemreport_about_one_thing",
            ),
        ]

    def __str__(self) -> str:
        subject = self.procedure.slug if self.procedure_id else self.office.code
        return f"{subject} ({self.created_at:%Y-%m-%d})" if self.created_at else subject


# ----------------------------------------------------------------------------- preparations

TOKEN_BYTES = 24  # 192 random bits, 32 URL-safe characters

DRAFT_LIFETIME = timedelta(days=7)
COMPLETE_LIFETIME = timedelta(days=30)
MAXIMUM_LIFETIME = timedelta(days=180)
TOMBSTONE_LIFETIME = timedelta(days=90)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """What a tombstone keeps of a token: enough to recognise it, nothing to rebuild it."""
    return hashlib.sha256(token.encode()).hexdigest()


class PreparationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETE = "complete", _("Complete")


class PreparationManager(models.Manager):
    def for_token(self, token: str, *, page_language: str | None = None) -> Preparation | None:
        """The preparation of a token with the reference version (``reference_version``), in one
        query; with ``page_language``, also its packet page stored in that language
        (``stored_page_version`` and ``stored_page_html``, None when it has none, and
        ``stored_page_language``).

        Every private page starts with this read. Written in SQL: the ORM spent four times as
        long building the query as the database spent answering it (on SQLite, 0.43 ms against
        0.09 ms; 0.98 against 0.11 with the packet page).
        """
        connection = connections[router.db_for_read(self.model)]
        key = (connection.vendor, page_language is not None)
        sql = _PREPARATION_FOR_TOKEN_SQL.get(key)
        if sql is None:
            sql = _PREPARATION_FOR_TOKEN_SQL[key] = _preparation_for_token_sql(connection.ops.quote_name, key[1])
        params = [ReferenceVersion.SINGLETON, *([page_language] if page_language is not None else []), token]
        preparation = next(iter(self.raw(sql, params).using(connection.alias)), None)
        if preparation is not None and page_language is not None:
            preparation.stored_page_language = page_language  # what the two stored_page_* are of
        return preparation


_PREPARATION_FOR_TOKEN_SQL: dict[tuple[str, bool], str] = {}


def _preparation_for_token_sql(quote, with_page: bool) -> str:
    # Names from the models, quoted; the values are parameters.
    columns = [f"p.{quote(field.column)}" for field in Preparation._meta.concrete_fields]
    version = ReferenceVersion._meta
    columns.append(
        f"(SELECT r.{quote('value')} FROM {quote(version.db_table)} r "  # noqa: S608
        f"WHERE r.{quote(version.pk.column)} = %s) AS {quote('reference_version')}"
    )
    tables = f"{quote(Preparation._meta.db_table)} p"
    if with_page:
        page = PacketPage._meta
        columns += [
            f"s.{quote('version')} AS {quote('stored_page_version')}",
            f"s.{quote('html')} AS {quote('stored_page_html')}",
        ]
        tables += (
            f" LEFT JOIN {quote(page.db_table)} s ON s.{quote(page.get_field('preparation').column)} = "
            f"p.{quote(Preparation._meta.pk.column)} AND s.{quote('language')} = %s"
        )
    return f"SELECT {', '.join(columns)} FROM {tables} WHERE p.{quote('token')} = %s"  # noqa: S608


class Preparation(models.Model):
    """What one applicant prepares for one procedure: the wizard's answers, by step.

    It holds personal data (names, passport, address) and is reached only through its
    unguessable token. It expires by itself and is deleted on request; a tombstone remembers
    that the link existed so it can answer 410 instead of 404.
    """

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, null=True, blank=True, related_name="preparations"
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="preparations")
    answers = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="en")
    status = models.CharField(max_length=10, choices=PreparationStatus.choices, default=PreparationStatus.DRAFT)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(blank=True)

    objects = PreparationManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preparation")
        verbose_name_plural = _("preparations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=PreparationStatus.COMPLETE) & Q(completed_at__isnull=False))
                | (Q(status=PreparationStatus.DRAFT) & Q(completed_at__isnull=True)),
                name="preparation_completed_at_iff_complete",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="preparation_expires_after_creation"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__lte=F("created_at") + MAXIMUM_LIFETIME),
                name="preparation_lives_at_most_180_days",
            ),
        ]

    def __str__(self) -> str:
        # Never the applicant's name: this shows up in admin, logs and error reports.
        procedure = self.procedure.slug if self.procedure_id else "—"
        label = _("Preparation")
        return f"{label} #{self.pk} ({procedure}, {self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created_at + DRAFT_LIFETIME
        super().save(*args, **kwargs)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class TombstoneReason(models.TextChoices):
    DELETED = "deleted", _("Deleted by the applicant")
    EXPIRED = "expired", _("Expired")
    # In admin: on the applicant's written request (the privacy notice's way to delete), or abuse.
    STAFF = "staff", _("Deleted by staff")


class PreparationTombstone(models.Model):
    """What is left of a deleted or expired preparation: the hash of its token, when and why.

    Kept for 90 days so that an old link answers "this preparation was deleted" (410).
    """

    token_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=8, choices=TombstoneReason.choices)
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-deleted_at"]
        verbose_name = _("deleted preparation")
        verbose_name_plural = _("deleted preparations")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.deleted_at:%Y-%m-%d}"


class PacketPDF(models.Model):
    """The rendered PDF of a preparation's packet in one language, kept while it is current.

    ``version`` is the packet version it was rendered for (``packet.packet_version``: the
    preparation's last change, the reference version, the language, the day in Mexico City and
    the release). A download whose version has moved renders anew; one row per language, so
    switching language keeps the other; deleted with the preparation.
    """

    preparation = models.ForeignKey(Preparation, on_delete=models.CASCADE, related_name="pdfs")
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    version = models.CharField(max_length=64)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("packet PDF")
        verbose_name_plural = _("packet PDFs")
        constraints = [
            models.UniqueConstraint(fields=["preparation", "language"], name="packetpdf_one_per_language"),
        ]

    def __str__(self) -> str:
        return f"PDF {self.language} ({len(self.content or b'')} bytes)"


class PacketPage(models.Model):
    """The packet's body as the page shows it, in one language, kept while it is current.

    Like ``PacketPDF``: rendered for one packet version (``packet.packet_version``), rendered anew
    when the version has moved, one row per language, deleted with the preparation. It holds the
    applicant's data, so it is kept here beside their answers and never in a cache.
    """

    preparation = models.ForeignKey(Preparation, on_delete=models.CASCADE, related_name="pages")
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    version = models.CharField(max_length=64)
    html = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("packet page")
        verbose_name_plural = _("packet pages")
        constraints = [
            models.UniqueConstraint(fields=["preparation", "language"], name="packetpage_one_per_language"),
        ]

    def __str__(self) -> str:
        return f"Page {self.language} ({len(self.html or '')} characters)"


# ----------------------------------------------------------------------------- the reference version


class ReferenceVersion(models.Model):
    """The version of the reference catalogue: one row, given a new value by any change to it.

    The new value is written in the same transaction as the change (signals.py, and
    ``ReferenceRowQuerySet`` for bulk writes), so it becomes visible exactly when the change is
    committed, to every process and server alike. Everything built from the catalogue (rows kept
    in memory, the packet pages and PDFs kept beside their preparations) carries it, and is never
    read again once it has moved.
    """

    SINGLETON = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON, editable=False)
    value = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reference version")
        verbose_name_plural = _("reference version")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="referenceversion_is_one_row")]

    def __str__(self) -> str:
        return f"{self.value} ({self.changed_at:%Y-%m-%d %H:%M})"

    @classmethod
    def current(cls, *, using: str | None = None) -> str:
        """The current value (one primary-key query); a first value when the row is missing."""
        # Plain SQL: read on most requests, and a third of the time of the ORM's query.
        connection = connections[using or router.db_for_read(cls)]
        quote = connection.ops.quote_name
        # (Names from the model, quoted; the one value is a parameter.)
        sql = f"SELECT {quote('value')} FROM {quote(cls._meta.db_table)} WHERE {quote(cls._meta.pk.column)} = %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [cls.SINGLETON])
            row = cursor.fetchone()
        return row[0] if row else cls.bump(using=using)

    @classmethod
    def bump(cls, *, using: str | None = None) -> str:
        """Give the version a new value, inside the caller's transaction when there is one."""
        value = secrets.token_hex(8)
        now = timezone.now()
        manager = cls.objects.using(using)
        if not manager.filter(pk=cls.SINGLETON).update(value=value, changed_at=now):
            manager.update_or_create(pk=cls.SINGLETON, defaults={"value": value, "changed_at": now})
        return value

"""The preparation packet: everything shown on the packet page, in print and in the PDF.

``packet_context`` gathers what the rules return (conditions, deadline, fees, flags) and the
copy sheet of the INM form; the template only shows it. One template serves screen, print and
PDF; the private link and the buttons are on screen only.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from . import catalogue_rows, filing, inm_form
from .after_approval import second_stage
from .answers import answer, answer_date
from .comments import comments_for
from .conditions import Condition, item_notes, personalised_checklist, true_conditions
from .deadlines import deadline_for, deadline_rule_text
from .fees import fee_date, fees_owed, fees_to_pay, payment_times
from .flags import professional_first, red_flags
from .glossary import FORMATO_BASICO_BROUGHT_FILLED_IN, glossary
from .letters import letter_for
from .mistakes import mistakes_for
from .models import ChangeKind, Office, OnlineStatus, Preparation, State
from .release import release_digest
from .signals import reference_version
from .situation import Appointment, situation_for
from .traits import traits_for
from .uma import late_notification_fine, pensioner_thresholds
from .vocabulary import Admission, CurrentDocument, EmploymentKind, EntryRecord, Sex

PORTAL_URL = settings.INM_PORTAL_URL
logger = logging.getLogger(__name__)


# ----------------------------------------------------------------------------- the copy sheet


@dataclass(frozen=True)
class CopyRow:
    """One field of the INM form: its label, the value to type or pick, and how."""

    section: str
    label_es: str
    label_en: str
    value: str
    hint: str
    unsure: bool = False  # not in our table of the portal's options: pick yours in the list
    unsure_note: str = ""  # why unsure, where it is more than "not in our table"


def _portal_option(table, key, fallback: str) -> tuple[str, bool]:
    if key in table:
        return table[key], False
    return fallback, True


def portal_value(field: inm_form.FormField, answers, *, procedure, states: dict[str, State]) -> tuple[str, bool]:
    """The value as the portal wants it (the INM's option text, dates as dd/mm/aaaa), and whether unsure."""
    from django_countries import countries

    key = field.answer
    if key == "procedure.procedure":
        if field.label_es == "Especifica":
            return procedure.portal_especifica, not procedure.portal_especifica_is_confirmed
        return procedure.portal_menu, False
    value = answer(answers, key, "")
    if value == "":
        return "", False
    if "fecha" in field.label_es.lower():
        day = answer_date(answers, key)
        return (inm_form.format_date(day), False) if day else (str(value), True)
    if key == "applicant.sex":
        return _portal_option(inm_form.SEX_OPTIONS, value, value)
    if key == "applicant.marital_status":
        return _portal_option(inm_form.MARITAL_STATUS_OPTIONS, value, value)
    if key == "passport.document_type":
        return _portal_option(inm_form.DOCUMENT_TYPE_OPTIONS, value, value)
    if key == "employment.employer_type":
        return _portal_option(inm_form.EMPLOYER_TYPE_OPTIONS, value, value)
    if key == "applicant.nationality":
        return _portal_option(inm_form.NATIONALITY_ADJECTIVES, value, countries.name(value) or value)
    if key in ("applicant.birth_country", "passport.passport_country"):
        return _portal_option(inm_form.COUNTRY_NAMES, value, countries.name(value) or value)
    if key == "address.state":
        state = states.get(value)
        return (state.name_inm, False) if state else (str(value), True)
    return str(value), False


def masculine_option_hint(value: str, sex: str) -> str:
    """The portal lists marital statuses in the masculine only ("Casado", "Viudo"): a woman who
    looks for "Casada" does not find it, so her copy sheet says which one to pick."""
    if sex == Sex.FEMALE and value.endswith("o"):
        return _("the list gives only the masculine form: pick “%(value)s”") % {"value": value}
    return ""


def copy_sheet(preparation: Preparation, *, states: dict[str, State]) -> list[CopyRow]:
    """The INM form's fields for this procedure, in the form's order, with the applicant's values."""
    spanish = (get_language() or "en").startswith("es")
    rows = []
    for field in inm_form.copy_sheet_fields(preparation.procedure.slug):
        value, unsure = portal_value(field, preparation.answers, procedure=preparation.procedure, states=states)
        hint = field.format_hint_es if spanish else field.format_hint_en
        if field.answer == "applicant.marital_status":
            masculine = masculine_option_hint(value, answer(preparation.answers, "applicant.sex", ""))
            hint = f"{hint} ({masculine})" if masculine else hint
        note = ""
        if unsure and field.answer == "procedure.procedure":
            note = str(
                _(
                    "This wording comes from one unofficial copy of the form (not confirmed): if the list words it "
                    "differently, pick the option closest to it."
                )
            )
        rows.append(CopyRow(field.section, field.label_es, field.label_en, value, hint, unsure, note))
    return rows


# ----------------------------------------------------------------------------- the packet


def reference_changed_at(preparation: Preparation) -> datetime | None:
    """The last change staff (or a release) made to this procedure's requirements or fees."""
    return catalogue_rows.procedure_changed_at(preparation.procedure_id)


def filing_office(office: Office | None, appointment_office: Office | None) -> Office | None:
    """Where the applicant files: the office of the recorded appointment, else the office they
    book at (the nearest bookable one for an office off the online system)."""
    if appointment_office is not None:
        return appointment_office
    if office is not None and office.online_booking == "no" and office.nearest_online_office_id:
        return office.nearest_online_office
    return office


# The calendar's flags that tell the applicant to book: moot once an appointment in time is recorded.
BOOKING_FLAGS = frozenset({"book_now", "deadline_soon"})


def _place(name: str) -> str:
    """A place name compared without case or accents ("Chapala" = "chapala", "Cancún" = "Cancun")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold().strip()


def office_in_municipality(offices: Iterable[Office], *, address, shown: Iterable[int | None]) -> Office | None:
    """An active INM office in the applicant's own municipality that the packet does not already
    show: a sub-office (Chapala, Melaque) may be off the online system yet attend in person
    (offices2.yaml, sub_offices), which helps when the bookable office has no slot in time."""
    if not address.municipality or not address.state:
        return None
    shown_ids = set(shown)
    place = _place(address.municipality)
    for office in offices:
        if office.pk not in shown_ids and office.state_id == address.state and _place(office.city) == place:
            return office
    return None


def office_calendar(deadline, *, office: Office | None, today: date, appointment: Appointment | None) -> dict:
    """The deadline as days to act on at ``office``, with its flags (``filing.py``), for the packet."""
    spanish = (get_language() or "en").startswith("es")
    closures = filing.office_closures(
        office,
        periods=catalogue_rows.non_working_periods(),
        notices=catalogue_rows.office_closures(office.pk) if office else (),
        spanish=spanish,
    )
    row = catalogue_rows.booking_horizon()
    horizon = (
        filing.Horizon(days=row.days, confirmed=row.is_confirmed, note=row.note_es if spanish else row.note_en)
        if row
        else None
    )
    calendar = filing.filing_calendar(deadline, today=today, closures=closures, horizon=horizon)
    office_name = office.name if office else str(_("the INM office"))
    flags = filing.filing_flags(calendar, office_name=office_name)
    check = None
    booked = False
    if appointment is not None:
        check = filing.appointment_check(appointment.day, filing=calendar, deadline=deadline, closures=closures)
        # An appointment in time answers "book now" and "only n days left: book today"; one after
        # the deadline or before the window leaves them standing (with the flag that says rebook).
        booked = not (check.after_deadline or check.before_window or check.before_entry)
        if booked:
            flags = [flag for flag in flags if flag.code not in BOOKING_FLAGS]
        flags = filing.appointment_flags(check, filing=calendar, deadline=deadline, office_name=office_name) + flags
    return {
        "filing": calendar,
        "booked": booked,
        "office": office,
        "headline": filing.filing_headline(calendar, office_name=office_name),
        "reasons": filing.filing_reasons(calendar, office_name=office_name),
        "days_left": filing.days_left_text(calendar),
        "year_end_as_before": filing.year_end_as_before_text(calendar),
        "closures_ahead": filing.closures_ahead(closures, today=today),
        "no_slot_advice": filing.no_slot_advice(office_name=office_name, last_filing_day=calendar.last_filing_day)
        if calendar.open_to_file
        else "",
        "appointment_check": check,
        "flags": flags,
    }


def packet_context(preparation: Preparation, *, today: date, now: datetime) -> dict:
    """Everything the packet shows, computed by the rules from the preparation's answers."""
    procedure = preparation.procedure
    answers = preparation.answers
    items = catalogue_rows.checklist_items(procedure.pk)
    rules = catalogue_rows.general_rules()
    links = catalogue_rows.fee_links(procedure.pk)
    cards = catalogue_rows.card_schedules()
    office = catalogue_rows.offices_by_id().get(preparation.office_id)
    states = {state.code: state for state in catalogue_rows.states()}
    situation = situation_for(answers, procedure_slug=procedure.slug, today=today)
    conditions = true_conditions(situation)
    deadline = deadline_for(procedure, situation, conditions=conditions)
    appointment = situation.appointment
    appointment_office = catalogue_rows.offices_by_code().get(appointment.office_code) if appointment else None
    calendar = office_calendar(
        deadline, office=filing_office(office, appointment_office), today=today, appointment=appointment
    )
    # Fees follow the year of the filing: the appointment's day on its office's clock, else the
    # first day the applicant can file.
    paid_on = fee_date(
        today=today,
        appointment_on=appointment.day if appointment is not None else None,
        window_opens_on=deadline.opens_on,
    )
    fees = fees_owed(links, situation=situation, conditions=conditions, year=paid_on.year, card_schedules=cards)
    checklist = personalised_checklist(items, rules, conditions, fees_owed=fees_to_pay(fees))
    flags = red_flags(
        procedure=procedure,
        situation=situation,
        deadline=deadline,
        fees=fees,
        checklist=checklist,
        office=office,
        calendar=calendar["flags"],
        fee_date=paid_on,
    )
    traits = traits_for(procedure.slug)
    late_fine = late_notification_fine(catalogue_rows.uma_values(), on=paid_on.on) if traits.change_kind else None
    by_slug = {row.slug: row for row in catalogue_rows.procedures_by_id().values()}
    flag_procedures = {flag.points_to: by_slug[flag.points_to] for flag in flags if flag.points_to in by_slug}
    pensioner = (
        pensioner_thresholds(catalogue_rows.uma_values(), on=today) if Condition.ROUTE_PENSIONER in conditions else None
    )
    changed = reference_changed_at(preparation)
    updated_after = changed if changed and preparation.completed_at and changed > preparation.completed_at else None
    mistakes = mistakes_for(
        procedure=procedure, situation=situation, conditions=conditions, fees=fees, checklist=checklist
    )
    letter = letter_for(
        situation,
        procedure=procedure,
        office=office,
        states=states,
        conditions=conditions,
        checklist_keys=frozenset(item.key for item in checklist.items),
    )
    comments = comments_for(checklist.items, situation=situation, letter=letter)
    formato_basico = any(item.key.startswith("formato_basico") for item in checklist.items)
    return {
        "preparation": preparation,
        "procedure": procedure,
        "applicant": answers.get("applicant", {}),
        "office": office,
        "office_notices": catalogue_rows.current_notices(office.pk, today) if office else (),
        "office_in_municipality": office_in_municipality(
            catalogue_rows.active_offices(),
            address=situation.address,
            shown=(
                office.pk if office else None,
                office.nearest_online_office_id if office else None,
                appointment_office.pk if appointment_office else None,
            ),
        ),
        "address_state": states.get(situation.address.state),
        "in_person": procedure.online_status == OnlineStatus.NO,
        "portal_url": PORTAL_URL,
        "copy_sheet": copy_sheet(preparation, states=states),
        "checklist": checklist,
        "item_notes": item_notes(situation, checklist),
        "comments": comments,
        "deadline": deadline,
        "deadline_rule_text": deadline_rule_text(procedure),
        "calendar": calendar,
        "fees": fees,
        "fee_date": paid_on,
        "fees_to_pay": fees_to_pay(fees),
        "payment_times": payment_times(fees),
        "late_fine": late_fine,
        "formato_basico": formato_basico,
        "formato_basico_text": FORMATO_BASICO_BROUGHT_FILLED_IN,
        "second_stage": second_stage(
            procedure_slug=procedure.slug,
            fees=fees,
            appointment_on=appointment.day if appointment is not None else None,
        ),
        "flags": flags,
        "flag_codes": {flag.code for flag in flags},
        "professional_first": professional_first(flags),
        "flag_procedures": flag_procedures,
        "pensioner": pensioner,
        "mistakes": mistakes,
        "glossary": glossary(procedure_slug=procedure.slug, formato_basico=formato_basico),
        "appointment": appointment,
        "appointment_at": appointment.at if appointment is not None else None,
        "appointment_office": appointment_office,
        "reference_updated_at": updated_after,
        "today": today,
        "situation": situation,
        "conditions": conditions,
        "letter": letter,
    }


# ----------------------------------------------------------------------------- the PDF


class PDFRenderError(Exception):
    """WeasyPrint could not render the packet; the HTML packet still works."""


def static_fetcher(url: str, headers=None):
    """WeasyPrint's URL fetcher: files of our own static folders, read from disk, and nothing else.

    The PDF never makes a request over the network, not even to this site.
    """
    import mimetypes

    from django.contrib.staticfiles import finders
    from weasyprint.urls import URLFetcherResponse

    prefix = "file:///static/"
    if not url.startswith(prefix):
        raise ValueError(f"refused: {url.split(':', 1)[0]} URL outside the static files")
    name = url[len(prefix) :].split("?", 1)[0]
    if ".." in Path(name).parts:
        raise ValueError("refused: a path outside the static files")
    path = finders.find(name)
    if not path:
        raise ValueError("refused: not a static file")
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return URLFetcherResponse(url, body=Path(path).read_bytes(), headers={"Content-Type": content_type})


class StaticFilesFetcher:
    """The fetcher object WeasyPrint expects (it calls it, and reads ``_fail_on_errors``)."""

    _fail_on_errors = False

    def __call__(self, url: str):
        return static_fetcher(url)


def page_css() -> str:
    """The running footer, with its words in the active language (CSS content cannot be translated).

    A letter's page carries none: it is handed in to the INM as the applicant's own escrito.
    The two boxes have set widths: with automatic ones, WeasyPrint lays out both texts at their
    widest and narrowest on every page to share the line between them.
    """
    page, of = pgettext("page x of y", "Page"), pgettext("page x of y", "of")
    return (
        "@page { @bottom-left { content: string(procedure); width: 80%; font-size: 8pt; color: #444; "
        'font-family: "DejaVu Sans", sans-serif; } '
        f'@bottom-right {{ content: "{page} " counter(page) " {of} " counter(pages); width: 20%; '
        'text-align: right; font-size: 8pt; color: #444; font-family: "DejaVu Sans", sans-serif; } } '
        "@page letter { @bottom-left { content: none; } @bottom-right { content: none; } } "
        ".pdf .letter { page: letter; }"
    )


# Tagged PDF (PDF/UA-1): a structure tree that screen readers and text reflow follow, the
# document's language and title. Experimental in WeasyPrint 70; tests read the tags back.
PDF_VARIANT = "pdf/ua-1"


class PDFResources(threading.local):
    """What every render of one thread shares: the font configuration and the parsed stylesheets.

    A new ``FontConfiguration`` loads Fontconfig's configuration and a new Pango font map, which
    then opens and measures every font again; parsing packet.css builds its selector matcher.
    Both are the same for every packet, so each thread keeps one of each (Pango's font map is not
    thread-safe; a forked process builds its own, as nothing is made before the first render).
    The stylesheets are kept per language (the footer's words) and per packet.css on disk (its
    modification time: an edit shows at once under ``runserver``).
    """

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.font_config = None
        self.stylesheets: dict[tuple, list] = {}

    def get(self, language: str) -> tuple:
        import weasyprint
        from django.contrib.staticfiles import finders
        from weasyprint.text.fonts import FontConfiguration

        if self.pid != os.getpid() or self.font_config is None:
            self.__init__()
            self.font_config = FontConfiguration()
        path = finders.find("css/packet.css")
        key = (language, path, os.stat(path).st_mtime_ns)
        stylesheets = self.stylesheets.get(key)
        if stylesheets is None:
            # An edited packet.css replaces the sheets of every language.
            self.stylesheets = {k: v for k, v in self.stylesheets.items() if k[1:] == key[1:]}
            fetcher = StaticFilesFetcher()
            stylesheets = self.stylesheets[key] = [
                weasyprint.CSS(filename=path, url_fetcher=fetcher, font_config=self.font_config),
                weasyprint.CSS(string=page_css(), font_config=self.font_config),
            ]
        return self.font_config, stylesheets


pdf_resources = PDFResources()


def render_pdf(context: dict) -> bytes:
    """The packet as PDF bytes (WeasyPrint), from the same template and packet.css only.

    Tagged for accessibility (PDF/UA-1), in the active language, titled after the procedure.
    """
    import weasyprint
    from django.template.loader import render_to_string

    html = render_to_string("procedures/packet/pdf.html", {**context, "pdf": True})
    # A render makes tens of thousands of objects that live until it ends (the boxes of 11 pages):
    # the cyclic garbage collector would walk them about a hundred times meanwhile (99 young and 9
    # middle collections a render), 8 to 15 % of its time. It finds them once afterwards instead.
    collecting = gc.isenabled()
    gc.disable()
    try:
        font_config, stylesheets = pdf_resources.get(get_language())
        document = weasyprint.HTML(string=html, base_url="file:///static/", url_fetcher=StaticFilesFetcher())
        return document.write_pdf(stylesheets=stylesheets, font_config=font_config, pdf_variant=PDF_VARIANT)
    except Exception as error:  # noqa: BLE001  (any rendering failure: the caller shows an error page)
        raise PDFRenderError(type(error).__name__) from error
    finally:
        if collecting:
            gc.enable()


def pdf_filename(preparation: Preparation, today: date) -> str:
    return f"inmprep-{preparation.procedure.slug}-{today.isoformat()}.pdf"


def packet_version(preparation: Preparation, *, language: str, today: date) -> str:
    """What the packet depends on, as one value: when it moves, the packet and its PDF are made anew.

    The preparation's last change and what the packet shows of it (its answers, the recorded
    appointment among them, its procedure, office and dates: a change moves the version even when
    two saves share a timestamp, or a server's clock stepped back), the reference version (any
    change to the catalogue), the language, the day in Mexico City (days left, the fee year,
    notices) and the release (the templates, packet.css, translations and rules of this deploy).
    """
    shown = json.dumps(
        [
            preparation.answers,
            preparation.procedure_id,
            preparation.office_id,
            preparation.completed_at and preparation.completed_at.isoformat(),
            preparation.expires_at and preparation.expires_at.isoformat(),
        ],
        sort_keys=True,
        default=str,
    )
    parts = (
        preparation.updated_at.isoformat(),
        hashlib.sha256(shown.encode()).hexdigest(),
        reference_version(),
        language,
        today.isoformat(),
        release_digest(),
    )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def packet_page_body(preparation: Preparation, *, today: date, now: datetime) -> str:
    """The packet's body for its page, in the active language: the stored one while it is current.

    Kept like the PDF, one per language beside the preparation, for the packet version it was
    rendered for: a view whose version has moved (a change of the answers or the catalogue, a new
    day, a deploy) renders it anew and stores it in its place. It holds the applicant's data, so
    it is kept with their answers, deleted with them, and never in a cache; a repeat view costs
    one query instead of a render.
    """
    from django.template.loader import render_to_string

    from .models import PacketPage

    language = get_language()
    version = packet_version(preparation, language=language, today=today)
    if getattr(preparation, "stored_page_language", None) == language:
        # Read with the preparation itself (services.preparation_for_token): no query here.
        html = preparation.stored_page_html if preparation.stored_page_version == version else None
    else:
        stored = PacketPage.objects.filter(preparation=preparation, language=language, version=version)
        html = stored.values_list("html", flat=True).first()
    if html is not None:
        return html
    html = render_to_string("procedures/packet/_body.html", packet_context(preparation, today=today, now=now))
    try:
        with transaction.atomic():
            # One statement (INSERT … ON CONFLICT … DO UPDATE) whether the language has a row or not.
            PacketPage.objects.bulk_create(
                [PacketPage(preparation=preparation, language=language, version=version, html=html)],
                update_conflicts=True,
                unique_fields=["preparation", "language"],
                update_fields=["version", "html", "created_at"],
            )
    except DatabaseError:
        # A full disk or a lost connection while storing: the applicant still gets the page.
        logger.warning("Could not keep a rendered packet page; serving it unstored.")
    return html


def packet_pdf_is_current(preparation: Preparation, *, language: str, today: date) -> bool:
    """Whether the stored PDF of ``language`` is the one of the current packet version."""
    from .models import PacketPDF

    version = packet_version(preparation, language=language, today=today)
    return PacketPDF.objects.filter(preparation=preparation, language=language, version=version).exists()


def packet_pdf(preparation: Preparation, *, today: date, now: datetime) -> tuple[bytes, bool]:
    """The packet's PDF in the preparation's language; (bytes, whether it was rendered now).

    The stored PDF is served only when it was rendered for the current packet version; otherwise
    the packet is rendered anew and stored in its place. One PDF is kept per language.
    """
    from .models import PacketPDF

    language = preparation.language
    version = packet_version(preparation, language=language, today=today)
    stored = PacketPDF.objects.filter(preparation=preparation, language=language, version=version).only("content")
    stored = stored.first()
    if stored is not None:
        return bytes(stored.content), False
    with translation.override(language):
        content = render_pdf(packet_context(preparation, today=today, now=now))
    try:
        PacketPDF.objects.update_or_create(
            preparation=preparation, language=language, defaults={"version": version, "content": content}
        )
    except DatabaseError:
        # A full disk or a lost connection while storing: the applicant still gets the PDF.
        logger.warning("Could not keep a rendered packet PDF; serving it uncached.")
    return content, True


# ----------------------------------------------------------------------------- staff preview


def sample_answers(procedure, *, today: date) -> dict:
    """A built-in sample applicant, so staff can see a procedure's packet without real data."""
    from datetime import timedelta

    traits = traits_for(procedure.slug)
    document = procedure.sample_document or CurrentDocument.TEMPORARY_CARD
    if document == CurrentDocument.RESIDENT_VISA:
        status = {
            "current_document": document,
            "visa_type": "temporary",
            "admission": Admission.CANJE,
            "entry_record": EntryRecord.FMM,
            "entry_date": (today - timedelta(days=10)).isoformat(),
        }
    elif document == CurrentDocument.VISITOR_FMM:
        status = {
            "current_document": document,
            "entry_date": (today - timedelta(days=40)).isoformat(),
            "stay_until": (today + timedelta(days=139)).isoformat(),
        }
    elif document == CurrentDocument.HUMANITARIAN_CARD:
        status = {"current_document": document, "card_expires": (today + timedelta(days=120)).isoformat()}
    elif document == CurrentDocument.EXPIRED_DOCUMENT:
        status = {"current_document": document, "card_expires": (today - timedelta(days=60)).isoformat()}
    else:
        # A card in its last days where the procedure is filed in them (a renewal, the four years).
        in_window = traits.four_year_renewal or traits.asks_rt_to_rp_route
        status = {
            "current_document": document,
            "card_expires": (today + timedelta(days=20 if in_window else 200)).isoformat(),
        }
        if document in traits.resident_since_for:
            if traits.asks_rt_to_rp_route:
                status |= {"rt_to_rp_route": "four_years", "resident_since": today.replace(year=today.year - 4)}
            else:
                years = 3 if traits.family_unity_permanent else 2
                status["resident_since"] = today - timedelta(days=years * 365)
            status["resident_since"] = status["resident_since"].isoformat()
        status["nue"] = "12345678"
    if document in traits.years_requested_for:
        status["years_requested"] = "1"
    if status["current_document"] in ("temporary_card", "humanitarian_card"):
        status = {**status, "card_number": "A00012345"}
    change = {
        ChangeKind.ADDRESS: {
            "old_postal_code": "44100",
            "old_state": "14",
            "old_municipality": "Guadalajara",
            "old_neighborhood": "Centro",
            "old_street": "Av. Juárez",
            "old_exterior_number": "10",
        },
        ChangeKind.WORKPLACE: {"old_workplace": "Servicios Turísticos del Pacífico, S.A. de C.V."},
        ChangeKind.MARITAL_STATUS: {"old_marital_status": "single"},
        ChangeKind.NATIONALITY: {"old_nationality": "CA"},
        ChangeKind.NAME: {"old_name": "Ana Lucía Müller"},
    }.get(traits.change_kind, {})
    self_employed = traits.employment_kind == EmploymentKind.SELF_EMPLOYED
    return {
        "procedure": {"procedure": procedure.slug},
        "applicant": {
            "given_names": "Ana Lucía",
            "surnames": "Hernández Müller",
            "sex": "female",
            "birth_date": "1988-04-12",
            "nationality": "US",
            "marital_status": "married",
            "birth_country": "US",
            "birth_state": "California",
            "email": "ana.muestra@example.org",
            "curp": "",
        },
        "passport": {
            "document_type": "passport",
            "passport_number": "P1234567",
            "passport_country": "US",
            "passport_issued": "2021-03-01",
            "passport_expires": "2031-02-28",
        },
        "status": status,
        "address": {
            "postal_code": "06700",
            "state": "09",
            "municipality": "Cuauhtémoc",
            "neighborhood": "Roma Norte",
            "street": "Calle de Durango",
            "exterior_number": "245",
            "interior_number": "3",
        },
        "office": {"office": "cdmx-ciudad-de-mexico"},
        "family": {
            "relationship": "spouse",
            "sponsor_name": "Jorge Ramírez Soto",
            "sponsor_status": "mexican",
            "sponsor_mexican_by_birth": "yes",
            "sponsor_document": "INE 1234567890123",
            "union_date": "2019-06-20",
            "lives_together": "yes",
            "foreign_certificates": "yes",
        },
        "employment": (
            {
                "employment_kind": "self_employed",
                "activity": "Clases de inglés a particulares",
                "activity_place": "en mi domicilio",
                "applicant_rfc": "HEMA880412AB1",
            }
            if self_employed
            else {
                "employment_kind": "employer",
                "employer_type": "company",
                "employer_rfc": "SPA010101AB1",
                "employer_file_number": "E-000123/2025",
                "employer_name": "Servicios del Pacífico, S.A. de C.V.",
                "position": "Gerente de ventas",
            }
        ),
        "changes": {"change_date": (today - timedelta(days=20)).isoformat(), **change},
        "replacement": {
            "reason": "stolen",
            "event_date": (today - timedelta(days=5)).isoformat(),
            "event_place": "Ciudad de México",
            "police_report": "yes",
            "police_report_reference": "CI-FCH-2026-000123",
        },
    }


def sample_preparation(procedure, *, now: datetime, today: date, language: str) -> Preparation:
    """An unsaved, complete preparation of the sample applicant for ``procedure``."""
    from . import steps

    answers = sample_answers(procedure, today=today)
    office = Office.objects.filter(code=answers["office"]["office"]).first() or Office.objects.bookable().first()
    kept = steps.answers_that_apply(procedure, answers, today)
    return Preparation(
        procedure=procedure,
        office=office,
        answers=kept,
        language=language,
        status="complete",
        created_at=now,
        updated_at=now,
        completed_at=now,
        expires_at=now,
    )

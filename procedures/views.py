"""Thin views: load, call one rule or service, render."""

import logging
from datetime import time
from functools import partial, wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.core.handlers.exception import response_for_exception
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.connection import ConnectionProxy
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import catalogue_rows, choose, steps
from .appointments import local_appointment, office_zone, recorded_at
from .calendar import appointment_ics, deadline_ics
from .catalogue import localized, procedures_by_menu
from .choose import Document as ChooseDocument
from .choose import Need
from .deadlines import deadline_rule_text, mexico_today
from .fees import amounts_for_year, half_fee_note
from .filing import deadline_reminders, filing_rule_text, weekday_date, year_end_as_before_text
from .forms import (
    AppointmentForm,
    ChooseForm,
    FollowUpForm,
    PrefillForm,
    ProblemReportForm,
    ReviewForm,
    StartForm,
    postal_code_lookup,
)
from .health import database_problem
from .interruptions import interrupting_flags, new_interruptions
from .models import ChecklistItem, Office, OfficeNotice, Procedure, ProcedureFee, State, TombstoneReason
from .packet import PDFRenderError, packet_context, packet_page_body, packet_pdf, pdf_filename
from .ratelimits import over_limit, too_many_requests
from .release import release_digest
from .services import (
    PreparationGone,
    preparation_complete,
    preparation_delete,
    preparation_extend,
    preparation_for_token,
    preparation_record_appointment,
    preparation_remove_appointment,
    preparation_save_step,
    preparation_set_language,
    preparation_start,
    problem_report_create,
)
from .signals import reference_version

logger = logging.getLogger(__name__)
# Rendered parts of the catalogue pages (the procedure page's sections, the offices list), the same
# for everyone, in each process's memory (settings.CACHES).
fragments = ConnectionProxy(caches, "fragments")


@require_safe
def root(request):
    """Send "/" to /en/ or /es/ by the browser's Accept-Language."""
    language = translation.get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language}/")


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers, has its tables and accepts writes; 503 when not (load
    balancers, benchmarks). HEAD too: some load balancers probe with it."""
    problem = database_problem()
    if problem:
        return HttpResponse(f"database {problem}\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


ROBOTS_TXT = """User-agent: *
Disallow: /*/prepare/
Disallow: /*/packet/
Disallow: /admin/
Allow: /
"""


@require_safe
def robots_txt(request):
    """The public pages may be indexed; private preparations and the staff admin may not."""
    response = HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400)
    return response


@require_safe
def home(request):
    return render(request, "procedures/home.html", {"start_form": StartForm()})


@require_safe
def procedure_list(request):
    procedures = Procedure.objects.active().only(
        "slug", "name_es", "name_en", "official_name_es", "portal_menu", "online_status", "position"
    )
    return render(request, "procedures/procedure_list.html", {"groups": procedures_by_menu(procedures)})


def _procedure_with_catalogue(slug: str) -> Procedure:
    fee_links = ProcedureFee.objects.select_related("schedule").prefetch_related("schedule__amounts")
    return get_object_or_404(
        Procedure.objects.active().prefetch_related(
            Prefetch("checklist_items", queryset=ChecklistItem.objects.order_by("position")),
            Prefetch("fee_links", queryset=fee_links.order_by("position")),
        ),
        slug=slug,
    )


@require_safe
def procedure_detail(request, slug):
    context = {"page": procedure_page(request, slug), "report_form": ProblemReportForm(), "start_form": StartForm()}
    return render(request, "procedures/procedure_detail.html", context)


def procedure_page(request, slug) -> dict:
    """The procedure page's sections, the same for everyone: rendered once per catalogue version,
    release, language and day (the fees shown follow the year), in each process's memory. Its
    forms are not part of it: they carry each visitor's CSRF token."""
    today = timezone.localdate()
    key = f"procedure-page:{slug}:{catalogue_version(today)}"
    page = fragments.get(key)
    if page is None:
        procedure = _procedure_with_catalogue(slug)
        fees = []
        for link in procedure.fee_links.all():
            year = amounts_for_year(link.schedule.amounts.all(), today.year)
            fees.append(
                {
                    "link": link,
                    "year": year,
                    "half_fee": half_fee_note(procedure.slug, link.schedule.key, today.year),
                }
            )
        context = {
            "procedure": procedure,
            "items": procedure.checklist_items.all(),
            "fees": fees,
            "fee_year": today.year,
            "deadline_text": deadline_rule_text(procedure),
            "filing_rule_text": filing_rule_text(procedure),
        }
        page = {
            "slug": procedure.slug,
            "name_es": procedure.name_es,
            "has_wizard": procedure.has_wizard,
            "description": localized(procedure, "summary"),
            "intro": render_to_string("procedures/_procedure_intro.html", context, request),
            "details": render_to_string("procedures/_procedure_details.html", context, request),
        }
        fragments.set(key, page, timeout=86400)
    return {**page, "intro": mark_safe(page["intro"]), "details": mark_safe(page["details"])}  # noqa: S308


def catalogue_version(today) -> str:
    """What a cached page of the catalogue varies on: the reference version, the release, the
    language and the day (notices and fee years follow the day)."""
    return f"{reference_version()}.{release_digest()}.{translation.get_language()}.{today.isoformat()}"


@require_safe
def office_list(request):
    today = timezone.localdate()
    current_notices = OfficeNotice.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    offices = (
        Office.objects.active()
        .select_related("nearest_online_office")
        .prefetch_related(Prefetch("notices", queryset=current_notices.order_by("starts_on")))
        .order_by("kind", "city")
    )
    states = State.objects.prefetch_related(Prefetch("offices", queryset=offices)).order_by("name")
    # The list is the same for everyone: cached until the catalogue, the release or the day (for
    # notices) changes.
    context = {"states": states, "cache_version": catalogue_version(today)}
    return render(request, "procedures/office_list.html", context)


@require_safe
def privacy(request):
    operator = {
        "name": settings.INMPREP_OPERATOR_NAME,
        "address": settings.INMPREP_OPERATOR_ADDRESS,
        "email": settings.INMPREP_OPERATOR_PRIVACY_EMAIL,
    }
    return render(request, "procedures/privacy.html", {"operator": operator})


@require_http_methods(["GET", "HEAD", "POST"])
def procedure_report(request, slug):
    procedure = get_object_or_404(Procedure.objects.active(), slug=slug)
    return _report(request, procedure=procedure, back=procedure_url(procedure))


@require_http_methods(["GET", "HEAD", "POST"])
def office_report(request, code):
    office = get_object_or_404(Office.objects.active(), code=code)
    return _report(request, office=office, back=office_url(office))


def procedure_url(procedure: Procedure) -> str:
    return reverse("procedures:procedure_detail", args=[procedure.slug])


def office_url(office: Office) -> str:
    return reverse("procedures:office_list") + f"#office-{office.code}"


def _report(request, *, back: str, procedure=None, office=None):
    if request.method == "POST" and over_limit(request, group="report", rate=settings.INMPREP_REPORT_RATE):
        return too_many_requests(request)
    form = ProblemReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        problem_report_create(
            message=form.cleaned_data["message"],
            email=form.cleaned_data["email"],
            language=translation.get_language(),
            procedure=procedure,
            office=office,
        )
        messages.success(request, _("Thank you: your report reached our staff, who check every one."))
        return redirect(back)
    context = {"form": form, "procedure": procedure, "office": office, "back": back}
    return render(request, "procedures/report.html", context)


# ============================================================================= the wizard


def _now():
    return timezone.now()


def _gone(request, reason: str):
    return render(request, "procedures/wizard/gone.html", {"reason": reason}, status=410)


def with_preparation(view=None, *, packet_page: bool = False):
    """Load the preparation of the token in the URL: 404 unknown, 410 deleted or expired.

    Every page of a preparation is private and personal: never cached, never indexed. With
    ``packet_page``, the packet page stored in the request's language is read with it.
    """
    if view is None:
        return partial(with_preparation, packet_page=packet_page)

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        if over_limit(request, group="token", rate=settings.INMPREP_TOKEN_RATE, method=("GET", "HEAD", "POST")):
            # Also what stops guessing tokens: a guess and a real page count alike.
            response = too_many_requests(request)
        else:
            try:
                language = translation.get_language() if packet_page else None
                preparation = preparation_for_token(token, now=_now(), page_language=language)
                preparation_set_language(preparation=preparation, language=translation.get_language())
                response = view(request, preparation, *args, **kwargs)
            except PreparationGone as gone:
                response = _gone(request, gone.reason)
            except Http404 as missing:
                # Django's own 404 page, but with this wrapper's headers: a shared cache must not
                # keep "no such link" for a link that may be someone's.
                response = response_for_exception(request, missing)
        patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def step_url(preparation, step_name: str) -> str:
    if step_name == steps.REVIEW:
        return reverse("procedures:review", args=[preparation.token])
    return reverse("procedures:wizard_step", args=[preparation.token, step_name])


def _next_url(preparation, today) -> str:
    missing = steps.first_missing_step(preparation.procedure, preparation.answers, today)
    return step_url(preparation, missing.name if missing else steps.REVIEW)


@require_POST
def prepare_start(request):
    if over_limit(request, group="start", rate=settings.INMPREP_START_RATE):
        return too_many_requests(request)
    form = StartForm(request.POST)
    if not form.is_valid():
        chosen = _choose_answers(request.POST)
        if chosen is not None:
            context = choose_context(chosen, today=mexico_today(_now()), start_form=form)
            if context["outcome"] is not None:
                return render(request, "procedures/choose.html", context, status=200)
        return render(request, "procedures/home.html", {"start_form": form}, status=200)
    now = _now()
    family_of = None
    if form.cleaned_data.get("from"):
        try:
            family_of = preparation_for_token(form.cleaned_data["from"], now=now)
        except (Http404, PreparationGone):
            family_of = None
    procedure = form.cleaned_data.get("procedure")
    preparation = preparation_start(
        language=translation.get_language(),
        now=now,
        procedure=procedure,
        family_of=family_of,
        prefill=PrefillForm(request.POST, today=mexico_today(now)).prefill(),
    )
    return redirect(_next_url(preparation, mexico_today(now)) + "?start=1")


def _round_trip_initial(step, data) -> dict:
    """A "look up" or "continue" click: show the form again with what was typed, without errors."""
    return {key: data.get(key) for key in data if not key.startswith(("csrfmiddlewaretoken", "_"))}


@require_http_methods(["GET", "HEAD", "POST"])
@with_preparation
def wizard_step(request, preparation, step):
    now = _now()
    today = mexico_today(now)
    current = steps.BY_NAME.get(step)
    if current is None:
        raise Http404
    procedure, answers = preparation.procedure, preparation.answers
    if not current.applies(procedure, answers, today):
        return redirect(_next_url(preparation, today))
    missing_before = [s for s in steps.steps_before(step, procedure, answers, today) if not steps.is_done(s, answers)]
    if missing_before:
        return redirect(step_url(preparation, missing_before[0].name))
    return_to_review = request.GET.get("next") == "review" or request.POST.get("next") == "review"
    if request.method == "POST" and any(key.startswith("_refresh") for key in request.POST):
        initial, lookup = _round_trip_initial(current, request.POST), None
        if current.name == "address":
            # "Look up this postal code": what depends on the code is replaced, and the page says what it found.
            initial, lookup = postal_code_lookup(initial, states=catalogue_rows.states())
        form = current.form(preparation, today, initial=initial)
        form.lookup = lookup
    elif request.method == "POST":
        form = current.form(preparation, today, data=request.POST)
        if form.is_valid():
            before = interrupting_flags(procedure=procedure, answers=answers, today=today)
            preparation = preparation_save_step(
                preparation=preparation, step=current.name, values=form.answers(), now=now, today=today
            )
            after = interrupting_flags(procedure=preparation.procedure, answers=preparation.answers, today=today)
            if new_interruptions(before=before, after=after):
                interruption = reverse("procedures:wizard_interruption", args=[preparation.token, current.name])
                return redirect(interruption + ("?next=review" if return_to_review else ""))
            then = steps.BY_NAME.get(request.POST.get("then", ""))
            if then is not None and then.applies(preparation.procedure, preparation.answers, today):
                # The interruption page's "prepare for this procedure instead": back to the step that
                # raised the flag, whose questions may differ for the new procedure.
                return redirect(step_url(preparation, then.name) + ("?next=review" if return_to_review else ""))
            return redirect(_after_step_url(preparation, current.name, today, return_to_review=return_to_review))
    else:
        initial = answers.get(current.name)
        if initial is None:
            initial = steps.prefilled(current.name, answers)
        form = current.form(preparation, today, initial=initial)
    applicable = steps.applicable_steps(procedure, answers, today)
    names = [s.name for s in applicable]
    position = names.index(step) + 1 if step in names else 1
    previous = applicable[position - 2] if position > 1 else None
    context = {
        "preparation": preparation,
        "step": current,
        "form": form,
        "position": position,
        "total": len(applicable) + 1,  # and the review
        "previous_url": step_url(preparation, previous.name) if previous else None,
        "return_to_review": return_to_review,
        "show_private_link": request.GET.get("start") == "1",
        "private_url": request.build_absolute_uri(reverse("procedures:resume", args=[preparation.token])),
    }
    return render(request, f"procedures/wizard/{current.name}.html", context)


def _after_step_url(preparation, step_name: str, today, *, return_to_review: bool) -> str:
    """Where a saved step leads: the next step not done yet, or back to the review."""
    if return_to_review:
        return _next_url(preparation, today) if preparation.status == "draft" else step_url(preparation, steps.REVIEW)
    following = steps.next_step(step_name, preparation.procedure, preparation.answers, today)
    return step_url(preparation, following.name if following else steps.REVIEW)


@require_safe
@with_preparation
def wizard_interruption(request, preparation, step):
    """A flag that could get the applicant turned away, at the step that raised it: what it means,
    the procedure that fits, and always "continue anyway" (a flag never blocks)."""
    today = mexico_today(_now())
    current = steps.BY_NAME.get(step)
    if current is None or not steps.is_done(current, preparation.answers):
        raise Http404
    return_to_review = request.GET.get("next") == "review"
    continue_url = _after_step_url(preparation, step, today, return_to_review=return_to_review)
    flags = interrupting_flags(procedure=preparation.procedure, answers=preparation.answers, today=today)
    if not flags:
        # Answers changed since (another tab): nothing to stop for.
        return redirect(continue_url)
    by_slug = {procedure.slug: procedure for procedure in catalogue_rows.procedures_by_id().values()}
    current_slug = preparation.procedure.slug if preparation.procedure else ""
    blocks = [
        {"flag": flag, "fits": by_slug.get(flag.points_to) if flag.points_to != current_slug else None}
        for flag in flags
    ]
    context = {
        "preparation": preparation,
        "step": current,
        "blocks": blocks,
        "continue_url": continue_url,
        "return_to_review": return_to_review,
        "change_url": step_url(preparation, step) + ("?next=review" if return_to_review else ""),
        "procedure_url": step_url(preparation, "procedure"),
    }
    return render(request, "procedures/wizard/interruption.html", context)


@require_safe
@with_preparation
def resume(request, preparation):
    """The private link: back to where the applicant left off, or to the packet when complete."""
    if preparation.status == "complete":
        return redirect("procedures:packet", preparation.token)
    return redirect(_next_url(preparation, mexico_today(_now())))


@require_http_methods(["GET", "HEAD", "POST"])
@with_preparation
def review(request, preparation):
    now = _now()
    today = mexico_today(now)
    missing = steps.first_missing_step(preparation.procedure, preparation.answers, today)
    if missing is not None:
        return redirect(step_url(preparation, missing.name))
    form = ReviewForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        preparation_complete(preparation=preparation, now=now, today=today)
        return redirect("procedures:packet", preparation.token)
    context = {
        "preparation": preparation,
        "form": form,
        "groups": review_groups(preparation, today),
        "position": len(steps.applicable_steps(preparation.procedure, preparation.answers, today)) + 1,
        "total": len(steps.applicable_steps(preparation.procedure, preparation.answers, today)) + 1,
    }
    return render(request, "procedures/wizard/review.html", context)


def review_groups(preparation, today) -> list[dict]:
    """Every answer by step, as the applicant typed it, with a link to change it."""
    return [
        {
            "step": step,
            "rows": step.saved_answers(preparation),
            "change_url": step_url(preparation, step.name) + "?next=review",
        }
        for step in steps.applicable_steps(preparation.procedure, preparation.answers, today)
    ]


def _packet_page(request, preparation, appointment_form=None, status=200):
    now = _now()
    today = mexico_today(now)
    appointment = preparation.answers.get("appointment")
    context = {
        "preparation": preparation,
        "appointment": appointment,
        "body": mark_safe(packet_page_body(preparation, today=today, now=now)),  # noqa: S308  (our template's output)
        "start_form": StartForm(),
        # The applicant's own form with its errors, or one holding their recorded appointment (or
        # the office to book at).
        "appointment_form": appointment_form
        or AppointmentForm(offices=_bookable_offices(), today=today, initial=_appointment_initial(preparation)),
        "private_url": request.build_absolute_uri(reverse("procedures:resume", args=[preparation.token])),
    }
    return render(request, "procedures/packet/packet.html", context, status=status)


def _appointment_initial(preparation) -> dict:
    """The recorded appointment to change, or the office to book at."""
    appointment = preparation.answers.get("appointment")
    at = recorded_at(appointment)
    if at is None:
        return {"appointment_office": _suggested_office(preparation)}
    return {
        "appointment_date": at.date(),
        "appointment_time": at.time(),
        "appointment_office": appointment.get("appointment_office", ""),
        "pieza": appointment.get("pieza", ""),
    }


def _bookable_offices():
    return catalogue_rows.active_offices()


def _suggested_office(preparation) -> str:
    office = preparation.office
    if office and office.online_booking == "no" and office.nearest_online_office_id:
        return office.nearest_online_office.code
    return office.code if office else ""


@require_safe
@with_preparation(packet_page=True)
def packet(request, preparation):
    if preparation.status != "complete":
        return redirect(_next_url(preparation, mexico_today(_now())))
    return _packet_page(request, preparation)


@require_POST
@with_preparation
def packet_appointment(request, preparation):
    if preparation.status != "complete":
        return redirect(_next_url(preparation, mexico_today(_now())))
    now = _now()
    if request.POST.get("remove") == "1":
        had_one = "appointment" in preparation.answers
        preparation_remove_appointment(preparation=preparation, now=now)
        if had_one:
            messages.success(request, _("Your appointment was removed from this packet."))
        return redirect("procedures:packet", preparation.token)
    form = AppointmentForm(request.POST, offices=_bookable_offices(), today=mexico_today(now), now=now)
    if not form.is_valid():
        return _packet_page(request, preparation, appointment_form=form)
    changed = "appointment" in preparation.answers
    preparation_record_appointment(
        preparation=preparation,
        when=form.appointment_at(),
        office_code=form.cleaned_data["appointment_office"],
        pieza=form.cleaned_data["pieza"],
        now=now,
    )
    messages.success(request, _("Your appointment was changed.") if changed else _("Your appointment is recorded."))
    # Back to the top, where the message and any flag on the appointment (after the deadline…) are.
    return redirect("procedures:packet", preparation.token)


@require_POST
@with_preparation
def packet_extend(request, preparation):
    preparation_extend(preparation=preparation, now=_now())
    messages.success(
        request,
        _("Your preparation will be kept until %(date)s.")
        % {"date": date_format(timezone.localtime(preparation.expires_at), "DATE_FORMAT")},
    )
    return redirect("procedures:packet", preparation.token)


@require_http_methods(["GET", "HEAD", "POST"])
@with_preparation
def packet_delete(request, preparation):
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        preparation_delete(preparation=preparation, reason=TombstoneReason.DELETED, now=_now())
        return render(request, "procedures/wizard/deleted.html")
    return render(request, "procedures/wizard/delete_confirm.html", {"preparation": preparation})


# ============================================================================= help me choose


@require_http_methods(["GET", "HEAD", "POST"])
def choose_view(request):
    """Document and need, then only the follow-up questions of the matching row; answers by POST."""
    context = choose_context(request.POST if request.method == "POST" else None, today=mexico_today(_now()))
    return render(request, "procedures/choose.html", context)


CHOOSE_PREFIX = "choose."


def choose_context(data, *, today, start_form=None) -> dict:
    """The help-me-choose page for these answers: the questions still to ask, or the outcome with
    the start form (``start_form``: one sent back with its errors)."""
    form = ChooseForm(data)
    context = {"form": form, "follow_up": None, "outcome": None}
    if data is None or not form.is_valid():
        return context
    document, need = form.cleaned_data["document"], form.cleaned_data["need"]
    questions = choose.questions_for(document, need)
    asked = data.get("_stage") == "follow_up"
    follow_up = FollowUpForm(data if asked else None, questions=questions, today=today)
    context.update(
        document_label=ChooseDocument(document).label,
        need_label=Need(need).label,
        follow_up=follow_up if questions else None,
    )
    if not questions or (asked and follow_up.is_valid()):
        answers = follow_up.cleaned_data if questions else {}
        outcome = choose.choose(document, need, answers, today=today)
        procedure = Procedure.objects.active().filter(slug=outcome.slug).first() if outcome.slug else None
        see_also = Procedure.objects.active().filter(slug=outcome.see_also).first() if outcome.see_also else None
        # The answers that led here, sent again with the start form: a start without consent shows
        # this result again, with its error, instead of losing it.
        asked_again = {"document": document, "need": need, **{q.name: data.get(q.name, "") for q in questions}}
        context.update(
            outcome=outcome,
            procedure=procedure,
            see_also=see_also,
            start_form=start_form or StartForm(),
            follow_up=None,
            # Carried into the new preparation by the start form's POST (never in a URL).
            prefill=choose.wizard_prefill(document, answers, outcome, today=today),
            choose_answers={f"{CHOOSE_PREFIX}{name}": value for name, value in asked_again.items()},
        )
    return context


def _choose_answers(post) -> dict | None:
    """The help-me-choose answers a start form carries, as the choose page posts them; None when
    the start form did not come from there."""
    answers = {key.removeprefix(CHOOSE_PREFIX): post.get(key) for key in post if key.startswith(CHOOSE_PREFIX)}
    if not answers.get("document"):
        return None
    return {**answers, "_stage": "follow_up"}


@require_safe
@with_preparation
def packet_pdf_view(request, preparation):
    """The packet as PDF, in the preparation's language, downloaded under the procedure's name."""
    if preparation.status != "complete":
        return redirect(_next_url(preparation, mexico_today(_now())))
    now = _now()
    today = mexico_today(now)
    if request.method == "HEAD":
        # A link checker or a download manager asking: the headers, never a rendering.
        response = HttpResponse(content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{pdf_filename(preparation, today)}"'
        return response
    try:
        content, _rendered = packet_pdf(preparation, today=today, now=now)
    except PDFRenderError as error:
        logger.warning("Packet PDF failed to render (%s) for procedure %s", error, preparation.procedure.slug)
        return render(request, "procedures/packet/pdf_error.html", {"preparation": preparation}, status=500)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(preparation, today)}"'
    return response


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@with_preparation
def deadline_calendar(request, preparation):
    """The last filing day as a calendar event, with reminders a week before and on the try-to-book-by
    day; 404 when there is no day left to file."""
    now = _now()
    today = mexico_today(now)
    if preparation.status != "complete":
        raise Http404
    with translation.override(preparation.language):
        context = packet_context(preparation, today=today, now=now)
        calendar = context["calendar"]
        filing = calendar["filing"]
        if not filing.open_to_file:
            raise Http404
        reminders = deadline_reminders(
            filing, procedure_name=preparation.procedure.name_es, professional_first=context["professional_first"]
        )
        content = deadline_ics(
            uid=f"deadline-{preparation.pk}@inmprep",
            day=filing.last_filing_day,
            summary=_("Last day to file: %(procedure)s") % {"procedure": preparation.procedure.name_es},
            description=deadline_description(context),
            now=now,
            week_before=reminders.week_before,
            week_before_days=reminders.week_before_days,
            book_by=local_appointment(reminders.book_by_day, time(9, 0), office_zone(calendar["office"]))
            if reminders.book_by_day
            else None,
            book_by_text=reminders.book_by_text,
        )
    return _ics_response(content, "deadline.ics")


def deadline_description(context) -> str:
    """The event's text: the legal last day, why the filing day is earlier, when to book."""
    calendar, deadline = context["calendar"], context["deadline"]
    filing = calendar["filing"]
    lines = [calendar["headline"]]
    as_before = year_end_as_before_text(filing, with_count=False)
    if as_before:
        lines.append(as_before + " " + _("(Not confirmed.)"))
    lines.append(
        _("Legal last day: %(date)s. %(rule)s")
        % {"date": weekday_date(deadline.closes_on), "rule": context["deadline_rule_text"]}
    )
    if context["professional_first"]:
        lines.append(_("See an immigration professional before you book (read the warning in your packet)."))
    elif filing.try_by_passed:
        lines.append(
            (
                _("Book now: since %(date)s the portal has offered slots up to your last filing day.")
                if filing.horizon.confirmed
                else _(
                    "Book now: since %(date)s the portal may have offered slots up to your last filing day (not "
                    "confirmed by an official source)."
                )
            )
            % {"date": weekday_date(filing.try_to_book_by)}
        )
    elif filing.try_to_book_by:
        lines.append(_("Try to book by: %(date)s.") % {"date": weekday_date(filing.try_to_book_by)})
    lines.append(_("Appointments are free: never pay anyone for one."))
    return "\n".join(lines)


@require_safe
@with_preparation
def appointment_calendar(request, preparation):
    """The booked appointment as a calendar event, with a reminder the day before listing what to
    bring; 404 when none is recorded."""
    if preparation.status != "complete":
        raise Http404
    now = _now()
    with translation.override(preparation.language):
        context = packet_context(preparation, today=mexico_today(now), now=now)
        appointment = context["situation"].appointment
        if appointment is None:
            raise Http404
        start, office = appointment.at, context["appointment_office"]
        bring = [_("this packet"), _("the signed application form")]
        bring += [localized(item, "text") for item in context["checklist"].items]
        bring.append(_("the bank receipt of the fee"))
        where = f"{office.name}, {office.city}" if office else ""
        content = appointment_ics(
            uid=f"appointment-{preparation.pk}@inmprep",
            start=start,
            summary=_("INM appointment: %(procedure)s") % {"procedure": preparation.procedure.name_es},
            location=f"{where}. {office.address}" if office and office.address else where,
            description=_("Arrive 10 minutes early with your packet, the signed form and every document.")
            + "\n"
            + _("Bring:")
            + "\n"
            + "\n".join(f"- {thing}" for thing in bring),
            now=now,
            reminder=_("Tomorrow at %(time)s: your INM appointment at %(office)s. Bring: %(things)s.")
            % {"time": start.strftime("%H:%M"), "office": where, "things": "; ".join(str(thing) for thing in bring)},
        )
    return _ics_response(content, "appointment.ics")

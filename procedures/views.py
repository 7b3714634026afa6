"""Thin views: load, call one rule or service, render."""

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.db.models import Prefetch, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from .catalogue import procedures_by_menu
from .deadlines import deadline_rule_text
from .fees import amounts_for_year
from .forms import ProblemReportForm
from .models import ChecklistItem, Office, OfficeNotice, Procedure, ProcedureFee, State
from .services import problem_report_create


@require_GET
def root(request):
    """Send "/" to /en/ or /es/ by the browser's Accept-Language."""
    language = translation.get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language}/")


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers, 503 when not (load balancers, benchmarks)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001  (any database failure is "not healthy")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def home(request):
    return render(request, "procedures/home.html")


@require_GET
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


@require_GET
def procedure_detail(request, slug):
    procedure = _procedure_with_catalogue(slug)
    year = timezone.localdate().year
    fees = [
        {"link": link, "year": amounts_for_year(link.schedule.amounts.all(), year)}
        for link in procedure.fee_links.all()
    ]
    context = {
        "procedure": procedure,
        "items": procedure.checklist_items.all(),
        "fees": fees,
        "fee_year": year,
        "deadline_text": deadline_rule_text(procedure),
        "report_form": ProblemReportForm(),
    }
    return render(request, "procedures/procedure_detail.html", context)


@require_GET
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
    return render(request, "procedures/office_list.html", {"states": states})


@require_GET
def privacy(request):
    operator = {
        "name": settings.INMPREP_OPERATOR_NAME,
        "address": settings.INMPREP_OPERATOR_ADDRESS,
        "email": settings.INMPREP_OPERATOR_PRIVACY_EMAIL,
    }
    return render(request, "procedures/privacy.html", {"operator": operator})


def too_many_requests(request):
    return render(request, "429.html", status=429)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=lambda group, request: settings.INMPREP_REPORT_RATE, method="POST", block=False)
def procedure_report(request, slug):
    procedure = get_object_or_404(Procedure.objects.active(), slug=slug)
    return _report(request, procedure=procedure, back=procedure_url(procedure))


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=lambda group, request: settings.INMPREP_REPORT_RATE, method="POST", block=False)
def office_report(request, code):
    office = get_object_or_404(Office.objects.active(), code=code)
    return _report(request, office=office, back=office_url(office))


def procedure_url(procedure: Procedure) -> str:
    return reverse("procedures:procedure_detail", args=[procedure.slug])


def office_url(office: Office) -> str:
    return reverse("procedures:office_list") + f"#office-{office.code}"


def _report(request, *, back: str, procedure=None, office=None):
    if request.method == "POST" and getattr(request, "limited", False):
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

"""The packet PDF rendered by the task worker: when a render is enqueued, what the task does, the
download with and without the worker, limits, retention and the staff screens.

The database backend (the site's own) is the one of these tests, as of production; the worker
is django_tasks_db's own, run in this process until the queue is empty. Tasks are enqueued when
the applicant's transaction commits, so the tests run those callbacks as a commit would.
"""

import json
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from procedures import packet as packet_module
from procedures.models import FeeSchedule, PacketPDF, Preparation, PreparationStatus
from procedures.tasks import RenderOutcome, outcome_label, packet_pdf_render, task_label, task_results_prune

from .test_packet import CANJE, core
from .test_pdf import download, flat, pdf_text
from .wizard import APPLICANT, NOW, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def renders(monkeypatch):
    """The PDFs WeasyPrint rendered during the test (not read back from PacketPDF), by language."""
    rendered = []
    real_render = packet_module.render_pdf

    def counting(context):
        from django.utils.translation import get_language

        rendered.append(get_language())
        return real_render(context)

    monkeypatch.setattr(packet_module, "render_pdf", counting)
    return rendered


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the code defers to the commit of its transaction (the enqueueing), as a commit would."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def run_worker() -> None:
    """django_tasks_db's worker on the queue until it is empty (``db_worker --batch``).

    Inside the test's transaction, as Django's test client does for requests, it must not close
    the connection between tasks (``close_old_connections`` would: the transaction is open).
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()


def tasks():
    return list(DBTaskResult.objects.order_by("enqueued_at"))


def complete(client, committed, language="en"):
    return committed(walk, client, language, "canje", core(CANJE))


@time_machine.travel(NOW, tick=False)
def test_completing_enqueues_one_render_that_carries_the_primary_key_never_the_token(client, committed):
    preparation = complete(client, committed)
    (task,) = tasks()
    assert task.task_path == "procedures.tasks.packet_pdf_render"
    assert task.args_kwargs == {"args": [preparation.pk], "kwargs": {}}
    assert task.status == "READY"
    stored = json.dumps([task.args_kwargs, task.return_value, task.traceback])
    assert preparation.token not in stored and "Pérez" not in stored


@time_machine.travel(NOW, tick=False)
def test_the_wizard_steps_before_completion_enqueue_nothing(client, committed):
    from .wizard import start

    preparation, location = committed(start, client, "en", "canje")
    response = committed(client.post, location.split("?")[0], APPLICANT)
    assert response.status_code == 302
    assert tasks() == [] and Preparation.objects.get(pk=preparation.pk).status == PreparationStatus.DRAFT


@time_machine.travel(NOW, tick=False)
def test_the_first_download_after_completion_is_served_from_the_workers_render(client, committed, renders):
    preparation = complete(client, committed)
    run_worker()
    (task,) = tasks()
    assert (task.status, task.return_value) == ("SUCCESSFUL", RenderOutcome.RENDERED)
    assert renders == ["en"]
    stored = PacketPDF.objects.get(preparation=preparation, language="en")
    _, content = download(client, preparation)
    assert content == bytes(stored.content)
    assert renders == ["en"]  # the download rendered nothing
    text = flat(pdf_text(content))
    assert "Pérez O'Neill" in text and "Legal deadline" in text


@time_machine.travel(NOW, tick=False)
def test_the_worker_away_still_gives_a_correct_pdf_and_its_late_task_renders_nothing(client, committed, renders):
    preparation = complete(client, committed)
    _, content = download(client, preparation)  # no worker has run: the download renders
    text = flat(pdf_text(content))
    assert "Pérez O'Neill" in text and "Apellido(s)" in text and "LFD art. 8 fr. VI" in text
    assert renders == ["en"] and tasks()[0].status == "READY"
    run_worker()  # the worker comes back: the stored PDF is current, nothing to render
    assert tasks()[0].return_value == RenderOutcome.CURRENT
    assert renders == ["en"]


@time_machine.travel(NOW, tick=False)
def test_a_language_switch_enqueues_nothing_and_the_other_language_renders_on_download(client, committed, renders):
    preparation = complete(client, committed)
    run_worker()
    assert committed(client.get, url("packet", "es", preparation.token)).status_code == 200
    preparation.refresh_from_db()
    assert preparation.language == "es"
    assert len(tasks()) == 1  # the completion's only
    _, content = committed(download, client, preparation, "es")
    assert "Plazo legal" in flat(pdf_text(content))
    assert renders == ["en", "es"] and len(tasks()) == 1
    # Back to English: the worker's English PDF is still current.
    committed(download, client, preparation, "en")
    assert renders == ["en", "es"] and len(tasks()) == 1


def test_a_change_to_a_complete_preparation_is_rendered_by_the_worker(client, committed, renders):
    with time_machine.travel(NOW, tick=False) as traveller:
        preparation = complete(client, committed)
        run_worker()
        traveller.shift(timedelta(minutes=1))
        changed = {**APPLICANT, "given_names": "María Josefina"}
        response = committed(client.post, url("wizard_step", "en", preparation.token, "applicant"), changed)
        check_the_change_is_rendered(client, preparation, response, renders)


def check_the_change_is_rendered(client, preparation, response, renders):
    assert response.status_code == 302
    assert [task.status for task in tasks()] == ["SUCCESSFUL", "READY"]
    run_worker()
    assert tasks()[1].return_value == RenderOutcome.RENDERED and renders == ["en", "en"]
    _, content = download(client, preparation)
    assert "María Josefina" in flat(pdf_text(content)) and len(renders) == 2


def test_changes_while_a_render_waits_enqueue_no_second_one(client, committed, renders):
    with time_machine.travel(NOW, tick=False) as traveller:
        preparation = complete(client, committed)
        for given_names in ("María Josefina", "María Josefa"):
            traveller.shift(timedelta(minutes=1))
            step = url("wizard_step", "en", preparation.token, "applicant")
            committed(client.post, step, {**APPLICANT, "given_names": given_names})
        assert len(tasks()) == 1  # the waiting one reads the preparation when it runs
        run_worker()
        assert renders == ["en"]
        _, content = download(client, preparation)
        assert "María Josefa" in flat(pdf_text(content)) and renders == ["en"]
        traveller.shift(timedelta(minutes=1))
        committed(client.post, step, APPLICANT)
        assert len(tasks()) == 2  # none waiting any more: a new one


@time_machine.travel(NOW, tick=False)
def test_recording_or_removing_an_appointment_and_keeping_30_more_days_enqueue_a_render(client, committed):
    preparation = complete(client, committed)
    run_worker()
    data = {"appointment_date": "2026-12-09", "appointment_time": "10:30", "appointment_office": "jal-guadalajara"}
    response = committed(client.post, url("packet_appointment", "en", preparation.token), data)
    assert response.status_code == 302
    assert len(tasks()) == 2 and tasks()[1].args_kwargs["args"] == [preparation.pk]
    run_worker()
    committed(client.post, url("packet_appointment", "en", preparation.token), {"remove": "1"})
    assert len(tasks()) == 3
    run_worker()
    committed(client.post, url("packet_extend", "en", preparation.token))  # "keep 30 more days"
    assert len(tasks()) == 4


@time_machine.travel(NOW, tick=False)
def test_a_catalogue_edit_enqueues_nothing_and_the_packet_renders_on_download(client, committed, renders):
    preparation = complete(client, committed)
    run_worker()
    schedule = FeeSchedule.objects.get(key="rt_card")
    schedule.legal_basis = "LFD art. 8 fr. VI a)–d) (reformed)"
    committed(schedule.save)
    assert len(tasks()) == 1
    _, content = download(client, preparation)
    assert "LFD art. 8 fr. VI a)–d) (reformed)" in flat(pdf_text(content)) and len(renders) == 2


@time_machine.travel(NOW, tick=False)
def test_head_on_the_pdf_never_renders_nor_enqueues(client, committed, renders):
    preparation = complete(client, committed)
    response = committed(client.head, url("packet_pdf", "en", preparation.token))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert renders == [] and not PacketPDF.objects.exists() and len(tasks()) == 1


@time_machine.travel(NOW, tick=False)
def test_with_the_immediate_backend_the_pdf_is_stored_on_completion(client, committed, renders, settings):
    settings.TASKS = IMMEDIATE
    preparation = complete(client, committed)
    assert renders == ["en"] and PacketPDF.objects.filter(preparation=preparation).exists()
    download(client, preparation)
    assert renders == ["en"]
    assert not DBTaskResult.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_task_exits_for_a_preparation_gone_or_back_to_draft(client, committed, renders):
    preparation = complete(client, committed)
    Preparation.objects.filter(pk=preparation.pk).update(status=PreparationStatus.DRAFT, completed_at=None)
    assert packet_pdf_render.call(preparation.pk) == RenderOutcome.DRAFT
    assert packet_pdf_render.call(preparation.pk + 1000) == RenderOutcome.GONE
    client.post(url("packet_delete", "en", preparation.token), {"confirm": "yes"})
    run_worker()
    assert tasks()[0].return_value == RenderOutcome.GONE and renders == []


def test_renders_are_limited_to_ten_an_hour_per_preparation(client, committed, renders, settings):
    assert settings.INMPREP_PDF_RENDERS_PER_HOUR == 10
    settings.INMPREP_PDF_RENDERS_PER_HOUR = 2  # the same rule, fewer WeasyPrint renders
    with time_machine.travel(NOW, tick=False) as traveller:
        preparation = complete(client, committed)
        other = complete(client, committed)
        outcomes = []
        for _ in range(3):
            traveller.shift(timedelta(minutes=1))
            preparation.save()  # a change: the stored PDF is no longer current
            outcomes.append(packet_pdf_render.call(preparation.pk))
        assert outcomes == ["rendered", "rendered", "limited"]
        assert packet_pdf_render.call(other.pk) == "rendered"  # its own count
        _, content = download(client, preparation)  # past the limit, the download renders
        assert "Pérez O'Neill" in flat(pdf_text(content))
        traveller.shift(timedelta(minutes=61))
        preparation.save()
        assert packet_pdf_render.call(preparation.pk) == "rendered"


@time_machine.travel(NOW, tick=False)
def test_a_render_that_fails_in_the_worker_is_recorded_and_the_download_still_renders(
    client, committed, monkeypatch, caplog
):
    preparation = complete(client, committed)

    def broken(context):
        # An exception whose message quotes the packet, as a rendering error's may.
        raise packet_module.PDFRenderError("FontError") from ValueError("no glyph in 'Pérez O'Neill'")

    with monkeypatch.context() as patch:
        patch.setattr(packet_module, "render_pdf", broken)
        run_worker()
    (task,) = tasks()
    assert task.status == "FAILED" and "PDFRenderError" in task.traceback  # for superusers
    assert preparation.token not in task.traceback
    failed = [record for record in caplog.records if "state=FAILED" in record.getMessage()]
    assert failed and all(record.exc_info is None for record in failed)
    assert "PDFRenderError; traceback in the task result" in caplog.text
    assert "Pérez" not in caplog.text and "Traceback" not in caplog.text
    _, content = download(client, preparation)
    assert "Pérez O'Neill" in flat(pdf_text(content))


def test_task_results_are_pruned_after_a_day_with_the_nightly_purge(client, committed):
    with time_machine.travel(NOW, tick=False) as traveller:
        preparation = complete(client, committed)
        run_worker()  # finished now
        committed(client.post, url("wizard_step", "en", preparation.token, "applicant"), APPLICANT)  # left waiting
        traveller.shift(timedelta(hours=20))
        complete(client, committed)  # another applicant's, recent
        assert task_results_prune(now=timezone.now()) == 0
        traveller.shift(timedelta(hours=5))
        call_command("purge_preparations", stdout=StringIO())
        (kept,) = tasks()
        assert kept.enqueued_at == timezone.now() - timedelta(hours=5)


@time_machine.travel(NOW, tick=False)
def test_healthz_does_not_depend_on_the_worker(client, committed):
    complete(client, committed)
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # no worker has run
    assert client.get("/healthz").status_code == 200


@time_machine.travel(NOW, tick=False)
def test_the_admin_index_shows_the_queue_and_task_results_are_for_superusers_only(
    client, committed, staff_user, django_user_model
):
    from .clients import FormClient
    from .conftest import member_of, verified_login

    complete(client, committed)
    superuser = verified_login(FormClient(), staff_user)
    editor = verified_login(FormClient(), member_of(django_user_model, "editor", "Reference editors"))
    results = "/admin/django_tasks_database/dbtaskresult/"
    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=False):
        page = superuser.get("/admin/").content.decode()
        assert 'data-waiting="1"' in page and "1 task waiting" in page and "5\xa0minutes" in page
        dashboard = page[page.index('id="staff-dashboard"') :]
        assert "1 packet PDF waiting to be rendered" in dashboard  # the dashboard's "To do" names the queue
        assert results in page
        assert superuser.get(results).status_code == 200
        editors = editor.get("/admin/").content.decode()
        assert 'data-waiting="1"' in editors and "dbtaskresult" not in editors
        assert editor.get(results).status_code == 403
        task = DBTaskResult.objects.get()
        assert editor.get(f"{results}{task.pk}/change/").status_code == 403


@time_machine.travel(NOW, tick=False)
def test_the_task_queue_screens_are_in_spanish(client, committed, staff_user):
    """django_tasks_db ships no translations: our catalogue names its app, fields and states."""
    from .clients import FormClient
    from .conftest import verified_login

    complete(client, committed)
    superuser = verified_login(FormClient(), staff_user)
    results = "/admin/django_tasks_database/dbtaskresult/"
    task = DBTaskResult.objects.get()
    index = superuser.get("/admin/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Cola de tareas" in index and "Resultados de tareas" in index
    assert "Tasks Database Backend" not in index and "Task Results" not in index
    listing = superuser.get(results, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for header in ("tarea", "estado", "en cola desde", "iniciada", "terminada", "prioridad", "nombre de la cola"):
        assert f">{header.capitalize()}<" in listing or f">{header}<" in listing, header
    assert "En espera" in listing  # the status column and its filter: the task waits for a worker
    assert ">Ready<" not in listing and "Enqueued at" not in listing
    assert "Generar el PDF de la guía" in listing and "packet_pdf_render" not in listing
    detail = superuser.get(f"{results}{task.pk}/change/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Traza del error" in detail and "Ejecutar a partir de" in detail and "Argumentos" in detail
    english = superuser.get(results, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Task queue" in english and "Enqueued at" in english and "Ready" in english
    assert "Select task result to" in english and "Task Results" not in english
    assert "Render the packet PDF" in english


def test_a_task_results_page_names_the_task_and_what_it_did_in_words(client, committed, staff_user):
    """The model has no __str__: without ours the page would be titled "DBTaskResult object (…)"."""
    from .clients import FormClient
    from .conftest import verified_login

    complete(client, committed)
    run_worker()
    superuser = verified_login(FormClient(), staff_user)
    task = DBTaskResult.objects.get()
    page = f"/admin/django_tasks_database/dbtaskresult/{task.pk}/change/"
    spanish = superuser.get(page, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "DBTaskResult object" not in spanish and str(task.pk) not in spanish.split("<main", 1)[0]
    assert "<h2>Generar el PDF de la guía · " in spanish and "generado y guardado" in spanish
    assert "&rsaquo; Generar el PDF de la guía · " in spanish  # the breadcrumb
    assert "/history/" not in spanish  # nobody changes a task result
    listing = superuser.get("/admin/django_tasks_database/dbtaskresult/", HTTP_ACCEPT_LANGUAGE="es")
    assert "generado y guardado" in listing.content.decode() and ">Resultado<" in listing.content.decode()
    english = superuser.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h2>Render the packet PDF · " in english and "rendered and stored" in english


@pytest.mark.parametrize(
    ("return_value", "words"),
    [
        (RenderOutcome.RENDERED, "rendered and stored"),
        ("current", "already current: nothing rendered"),
        ("limited", "hourly limit reached: the download renders it"),
        ("gone", "preparation deleted: nothing rendered"),
        ("draft", "preparation back to draft: nothing rendered"),
        ("an older release's word", "an older release's word"),
        (None, None),  # failed, or not run yet
    ],
)
def test_a_render_tasks_result_in_words(return_value, words):
    assert outcome_label(packet_pdf_render.module_path, return_value) == words


def test_a_task_this_project_does_not_name_is_shown_by_its_functions_name():
    assert task_label(packet_pdf_render.module_path) == "Render the packet PDF"
    assert task_label("somewhere.else.prune_sessions") == "prune_sessions"
    assert outcome_label("somewhere.else.prune_sessions", 3) == "3"


def test_the_procedures_app_keeps_its_own_config():
    """procedures/apps.py also holds the task queue's config: the app must still start as itself."""
    from django.apps import apps

    from procedures.apps import ProceduresConfig, TaskQueueConfig

    assert type(apps.get_app_config("procedures")) is ProceduresConfig
    assert type(apps.get_app_config("django_tasks_database")) is TaskQueueConfig

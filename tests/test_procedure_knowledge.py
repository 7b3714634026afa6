"""Procedure knowledge in the catalogue: what the wizard asks, the rules' traits, the form sections
and the common mistakes are rows and fields staff edit, carried by load_reference and
export_reference; code names as few procedures as it can."""

import ast
import io
import json
import re
import tokenize
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from procedures.models import TRAIT_FIELDS, Mistake, Procedure
from procedures.reference import FIXTURES_DIR, content_hash, reference_export, reference_load

from .admin_pages import change_url, page_data, post_change
from .test_packet import CANJE, core
from .test_reference import copy_fixtures, edit_fixture
from .wizard import url, walk

pytestmark = pytest.mark.django_db

PROCEDURES_DIR = Path(__file__).resolve().parent.parent / "procedures"
# The help-me-choose decision table (reference/choose.md) names the procedure each row leads to.
CHOOSE_TABLE = PROCEDURES_DIR / "choose.py"
MOST_SLUGS_IN_CODE = 25
NOW = "2026-11-27 17:00:00+00:00"


def shipped_slugs() -> set[str]:
    rows = json.loads((FIXTURES_DIR / "procedures.json").read_text(encoding="utf-8"))
    return {row["fields"]["slug"] for row in rows}


def slugs_written_in(path: Path, slugs: set[str]) -> list[str]:
    """Every string literal in ``path`` that is a procedure slug, one entry per occurrence."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):  # an f-string
                continue
            if value in slugs:
                found.append(f"{path.relative_to(PROCEDURES_DIR.parent)}:{token.start[0]} {value}")
    return found


def code_files() -> list[Path]:
    return [
        path
        for path in sorted(PROCEDURES_DIR.rglob("*.py"))
        if not {"migrations", "fixtures"} & set(path.relative_to(PROCEDURES_DIR).parts) and path != CHOOSE_TABLE
    ]


def test_at_most_25_procedure_slugs_are_written_in_code_outside_the_choose_table():
    slugs = shipped_slugs()
    written = [entry for path in code_files() for entry in slugs_written_in(path, slugs)]
    assert len(written) <= MOST_SLUGS_IN_CODE, "\n".join(written)
    # The count sees slugs where they are: the choose table names many.
    assert len(slugs_written_in(CHOOSE_TABLE, slugs)) > MOST_SLUGS_IN_CODE


# ----------------------------------------------------------------------------- load and export


def snapshot() -> dict:
    return {
        model._meta.label_lower: sorted((str(row.natural_key()), content_hash(row)) for row in model.objects.all())
        for model in (Procedure, Mistake)
    }


def test_load_reference_is_idempotent_with_the_knowledge_and_the_mistakes(loaded_catalogue):
    assert Mistake.objects.count() == len(json.loads((FIXTURES_DIR / "mistakes.json").read_text()))
    canje = Procedure.objects.get(slug="canje")
    assert canje.years_requested_for == ["resident_visa"] and canje.form_sections == ["ALL", "EXP"]
    before = snapshot()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "0 added, 0 updated" in out.getvalue() and "0 changed by staff" in out.getvalue()
    assert snapshot() == before


def test_load_reference_keeps_staff_edits_of_the_knowledge_and_of_a_mistake(loaded_catalogue, tmp_path):
    renewal = Procedure.objects.get(slug="renovacion")
    renewal.years_requested_for = []
    renewal.expired_card_becomes = ""
    renewal.save()
    mistake = Mistake.objects.get(key="photos_off_spec")
    mistake.text_en = "Photos: as the office in Chapala asks them (edited by staff)."
    mistake.when = "always"
    mistake.save()
    directory = copy_fixtures(tmp_path)
    edit_fixture(directory, "procedures", "procedures.procedure", "slug", "renovacion", name_en="Renewal, reworded")
    edit_fixture(directory, "mistakes", "procedures.mistake", "key", "photos_off_spec", text_es="Fotos, nuevo texto.")

    report = reference_load(directory=directory)

    assert report.kept_staff_edits == ["procedures.procedure renovacion", "procedures.mistake photos_off_spec"]
    renewal.refresh_from_db()
    mistake.refresh_from_db()
    assert renewal.years_requested_for == [] and renewal.expired_card_becomes == ""
    assert renewal.name_en != "Renewal, reworded"
    assert mistake.when == "always" and "edited by staff" in mistake.text_en
    # --update gives the release's knowledge back.
    reference_load(directory=directory, force=True)
    renewal.refresh_from_db()
    assert renewal.years_requested_for == ["temporary_card"]
    assert renewal.expired_card_becomes == "regularizacion_documento_vencido"


def test_load_reference_updates_untouched_knowledge_when_the_release_changes_it(loaded_catalogue, tmp_path):
    directory = copy_fixtures(tmp_path)
    edit_fixture(directory, "procedures", "procedures.procedure", "slug", "reposicion", asks_entry_date=False)
    report = reference_load(directory=directory)
    assert report.updated == ["procedures.procedure reposicion"]
    assert Procedure.objects.get(slug="reposicion").asks_entry_date is False


def test_export_reference_carries_the_knowledge_and_the_mistakes(loaded_catalogue, tmp_path):
    notice = Procedure.objects.get(slug="notif_domicilio")
    notice.change_kind = "workplace"
    notice.save()
    Mistake.objects.filter(key="wrong_procedure").update(text_es="Texto de la oficina.")
    counts = reference_export(directory=tmp_path)
    assert counts["mistakes"] == Mistake.objects.count()
    exported = {row["fields"]["slug"]: row["fields"] for row in json.loads((tmp_path / "procedures.json").read_text())}
    assert exported["notif_domicilio"]["change_kind"] == "workplace"
    assert set(TRAIT_FIELDS) | {"form_sections", "sample_document"} <= set(exported["canje"])
    mistakes = {row["fields"]["key"]: row["fields"] for row in json.loads((tmp_path / "mistakes.json").read_text())}
    assert mistakes["wrong_procedure"]["text_es"] == "Texto de la oficina."


# ----------------------------------------------------------------------------- admin edits reach applicants


@time_machine.travel(NOW, tick=False)
def test_an_admin_edit_of_a_mistake_changes_the_packet(loaded_catalogue, staff_client):
    client = staff = staff_client  # the wizard needs no account: one client walks it and edits
    preparation = walk(client, "en", "canje", core(CANJE))
    packet_url = url("packet", "en", preparation.token)
    assert "Photos off-spec" in client.get(packet_url).content.decode()
    mistake = Mistake.objects.get(key="photos_off_spec")
    response = post_change(
        staff,
        mistake,
        text_en="Photos not as the INM asks (2.5 × 3 cm, white background).",
        text_es="Fotografías que no cumplen lo que pide el INM (2.5 × 3 cm, fondo blanco).",
        translations_checked="on",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    body = client.get(packet_url).content.decode()
    assert "Photos off-spec" not in body
    assert "Photos not as the INM asks (2.5 × 3 cm, white background)." in body
    # A mistake only for another procedure is not shown.
    post_change(staff, mistake, procedure=str(Procedure.objects.get(slug="renovacion").pk))
    assert "Photos not as the INM asks" not in client.get(packet_url).content.decode()


RENEWAL = {
    "current_document": "temporary_card",
    "card_expires": "2026-12-15",
    "resident_since": "2024-12-15",
    "years_requested": "1",
    "nue": "",
}


@time_machine.travel(NOW, tick=False)
def test_an_admin_edit_of_the_wizard_questions_changes_the_wizard_and_the_packet(loaded_catalogue, staff_client):
    client = staff = staff_client
    asked = walk(client, "en", "renovacion", core(RENEWAL))
    assert "years_requested" in asked.answers["status"]
    before = client.get(url("packet", "en", asked.token)).content.decode()
    assert 'name="years_requested"' in client.get(url("wizard_step", "en", asked.token, "status")).content.decode()

    renewal = Procedure.objects.get(slug="renovacion")
    data = page_data(staff.get(change_url(renewal)))
    data.pop("years_requested_for", None)  # every box unticked
    data["change_reason"] = "The office no longer asks the years at filing"
    response = staff.post(change_url(renewal), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Procedure.objects.get(slug="renovacion").years_requested_for == []

    not_asked = walk(client, "en", "renovacion", core(RENEWAL))
    status_page = client.get(url("wizard_step", "en", not_asked.token, "status")).content.decode()
    assert 'name="years_requested"' not in status_page
    assert "years_requested" not in not_asked.answers["status"]
    assert set(not_asked.answers["status"]) == {"current_document", "card_expires", "resident_since"}
    after = client.get(url("packet", "en", not_asked.token)).content.decode()
    # Without the years asked, the card fee is every variant, not the one chosen.
    assert "Amounts for 2026: 1 year: $11,140.74 MXN\n" in before
    assert "Amounts for 2026: 1 year: $11,140.74 MXN; 2 years: $16,693.36 MXN" in after


# ----------------------------------------------------------------------------- the migration


MIGRATION = "0013_procedure_knowledge_and_mistakes"


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_knowledge_and_an_untouched_row_stays_untouched():
    """A database loaded before this change: its procedures get their knowledge, and one staff never
    edited still counts as untouched (the next load_reference updates it, not keeps it)."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("procedures", "0012_online_booking_confidence_length")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("procedures")
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("procedures", "Procedure")
    migration = importlib.import_module(f"procedures.migrations.{MIGRATION}")
    names = {field.name for field in old._meta.concrete_fields} - {"id", "content_hash", "verified_by"}
    assert set(migration.NEW_FIELDS).isdisjoint(names)
    added_later = {"portal_especifica_confidence"}  # 0015
    assert (
        set(migration.NEW_FIELDS)
        == {field.name for field in Procedure._meta.concrete_fields}
        - names
        - {
            "id",
            "content_hash",
            "verified_by",
        }
        - added_later
    )
    shipped = {
        row["fields"]["slug"]: row["fields"] for row in json.loads((FIXTURES_DIR / "procedures.json").read_text())
    }
    for slug in ("canje", "renovacion"):
        row = old.objects.create(**{name: value for name, value in shipped[slug].items() if name in names})
        row.refresh_from_db()
        row.content_hash = migration._content_hash(row)  # as load_reference would have stored it
        row.save(update_fields=["content_hash"])
    old.objects.filter(slug="renovacion").update(summary_en="Edited by staff.")  # its hash no longer matches

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)

    canje = Procedure.objects.get(slug="canje")
    renewal = Procedure.objects.get(slug="renovacion")
    assert canje.years_requested_for == ["resident_visa"] and canje.visa_picks_card
    assert renewal.four_year_renewal and renewal.expired_card_becomes == "regularizacion_documento_vencido"
    assert canje.content_hash == content_hash(canje)
    assert renewal.content_hash != content_hash(renewal)
    report = reference_load()
    assert "procedures.procedure canje" in report.unchanged
    assert report.kept_staff_edits == ["procedures.procedure renovacion"]


@pytest.mark.django_db(transaction=True)
def test_the_wording_migration_rates_each_especifica_and_an_untouched_row_stays_untouched():
    """A database of 0014: the canje's "Especifica" wording (one unofficial mirror) becomes
    secondary, the renewal's (the INM's sheet too) verified, and rows staff never edited still count
    as untouched for the next load_reference."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("procedures", "0014_packet_page")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("procedures")
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("procedures", "Procedure")
    migration = importlib.import_module("procedures.migrations.0015_procedure_portal_especifica_confidence")
    names = {field.name for field in old._meta.concrete_fields} - {"id", "content_hash", "verified_by"}
    assert migration.NEW_FIELD not in names
    shipped = {
        row["fields"]["slug"]: row["fields"] for row in json.loads((FIXTURES_DIR / "procedures.json").read_text())
    }
    for slug in ("canje", "renovacion", "notif_nombre", "visas"):
        row = old.objects.create(**{name: value for name, value in shipped[slug].items() if name in names})
        row.refresh_from_db()
        row.content_hash = migration._content_hash(row)  # as load_reference would have stored it
        row.save(update_fields=["content_hash"])
    old.objects.filter(slug="notif_nombre").update(summary_en="Edited by staff.")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)

    rated = dict(Procedure.objects.values_list("slug", "portal_especifica_confidence"))
    assert rated == {"canje": "secondary", "renovacion": "verified", "notif_nombre": "secondary", "visas": "unverified"}
    assert rated == {slug: shipped[slug]["portal_especifica_confidence"] for slug in rated}
    for slug in ("canje", "renovacion", "visas"):
        procedure = Procedure.objects.get(slug=slug)
        assert procedure.content_hash == content_hash(procedure), slug
    report = reference_load()
    assert {"procedures.procedure canje", "procedures.procedure renovacion"} <= set(report.unchanged)
    assert report.kept_staff_edits == ["procedures.procedure notif_nombre"]


# ----------------------------------------------------------------------------- items some offices ask for


def test_every_shipped_item_some_offices_ask_for_is_a_checklist_item_of_its_procedure():
    items = json.loads((FIXTURES_DIR / "checklist_items.json").read_text(encoding="utf-8"))
    keys = {(row["fields"]["procedure"][0], row["fields"]["key"]) for row in items}
    named = [
        (row["fields"]["slug"], key)
        for row in json.loads((FIXTURES_DIR / "procedures.json").read_text(encoding="utf-8"))
        for key in row["fields"].get("items_if_asked", [])
    ]
    assert named, "no procedure names an item some offices ask for: the test reads nothing"
    assert [pair for pair in named if pair not in keys] == []


def test_staff_tick_the_items_some_offices_ask_for_among_the_procedures_own(loaded_catalogue, staff_client):
    from procedures.models import ChecklistItem

    canje = Procedure.objects.get(slug="canje")
    page = staff_client.get(change_url(canje), HTTP_ACCEPT_LANGUAGE="en")
    offered = dict(page.context["adminform"].form.fields["items_if_asked"].choices)
    assert set(offered) == set(canje.checklist_items.values_list("key", flat=True))
    assert "comprobante_domicilio" in offered and "(comprobante_domicilio)" in offered["comprobante_domicilio"]
    ticked = re.search(
        r'<input[^>]*name="items_if_asked"[^>]*value="comprobante_domicilio"[^>]*>', page.content.decode()
    )
    assert ticked and "checked" in ticked.group()

    # A key that is not one of its items is refused, with the keys it has.
    data = page_data(page)
    data["items_if_asked"] = ["comprobante_domicilio", "photos"]
    data["change_reason"] = "Offices ask for photos"
    refused = staff_client.post(change_url(canje), data)
    assert refused.status_code == 200
    assert "photos" in str(refused.context["adminform"].form.errors["items_if_asked"])
    assert Procedure.objects.get(slug="canje").items_if_asked == ["comprobante_domicilio"]

    # Its item renamed behind its back (a fixture, the shell): the stale key is shown, and refused.
    ChecklistItem.objects.filter(procedure=canje, key="comprobante_domicilio").update(key="domicilio")
    stale_page = staff_client.get(change_url(canje), HTTP_ACCEPT_LANGUAGE="en")
    stale = dict(stale_page.context["adminform"].form.fields["items_if_asked"].choices)
    assert "no checklist item of this procedure has this key" in stale["comprobante_domicilio"]
    stale_data = page_data(stale_page)
    stale_data["change_reason"] = "Another fix"
    assert staff_client.post(change_url(canje), stale_data).status_code == 200
    stale_data["items_if_asked"] = ["domicilio"]
    assert staff_client.post(change_url(canje), stale_data).status_code == 302
    assert Procedure.objects.get(slug="canje").items_if_asked == ["domicilio"]

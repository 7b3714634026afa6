"""The reference version: one database row, changed by any change to the catalogue, seen alike by
every process."""

import os
import subprocess

import pytest
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.test.utils import isolate_apps

from procedures.models import (
    ChecklistItem,
    FeeAmount,
    GeneralRule,
    LoadedRow,
    Office,
    OfficeNotice,
    ReferenceFact,
    ReferenceRowQuerySet,
    ReferenceVersion,
    State,
)
from procedures.signals import reference_models, reference_version

from .makers import (
    make_amount,
    make_fee_link,
    make_horizon,
    make_item,
    make_mistake,
    make_notice,
    make_office,
    make_period,
    make_procedure,
    make_rule,
    make_schedule,
    make_state,
    make_uma,
)
from .servers import BASE_DIR, PYTHON

pytestmark = pytest.mark.django_db


def test_the_reference_models_are_every_reference_row():
    names = {model.__name__ for model in reference_models()}
    assert names == {
        "State",
        "Procedure",
        "ChecklistItem",
        "GeneralRule",
        "Mistake",
        "FeeSchedule",
        "FeeAmount",
        "ProcedureFee",
        "Office",
        "OfficeNotice",
        "UmaValue",
        "NonWorkingPeriod",
        "BookingHorizon",
    }


@isolate_apps("procedures")
def test_a_new_kind_of_reference_data_joins_by_subclassing():
    from django.apps import apps

    class ConsularFee(ReferenceFact):
        amount = models.PositiveIntegerField()

        class Meta:
            app_label = "procedures"

    class NonWorkingDay(LoadedRow):
        day = models.DateField()

        class Meta:
            app_label = "procedures"

    class Unrelated(models.Model):  # noqa: DJ008
        name = models.CharField(max_length=10)

        class Meta:
            app_label = "procedures"

    assert ConsularFee._meta.apps is not apps  # an isolated registry, as a new release would have
    found = set(reference_models(ConsularFee._meta.apps))
    assert {ConsularFee, NonWorkingDay} <= found and Unrelated not in found
    # Their managers bump the version on bulk writes too, without a line of their own.
    assert isinstance(ConsularFee.objects.all(), ReferenceRowQuerySet)


@pytest.mark.parametrize("model", reference_models(), ids=lambda model: model.__name__)
def test_every_reference_model_bumps_the_version_on_every_kind_of_write(model):
    for signal in (pre_save, post_save, pre_delete, post_delete):
        assert signal.has_listeners(model), (model, signal)
    assert isinstance(model._default_manager.all(), ReferenceRowQuerySet)
    assert isinstance(model.objects.all(), ReferenceRowQuerySet)


def make_one_of_each():
    state = make_state()
    procedure = make_procedure()
    schedule = make_schedule()
    office = make_office(state)
    return {
        "State": state,
        "Procedure": procedure,
        "ChecklistItem": make_item(procedure),
        "GeneralRule": make_rule(),
        "Mistake": make_mistake(),
        "FeeSchedule": schedule,
        "FeeAmount": make_amount(schedule),
        "ProcedureFee": make_fee_link(procedure, schedule),
        "Office": office,
        "OfficeNotice": make_notice(office),
        "UmaValue": make_uma(),
        "NonWorkingPeriod": make_period(),
        "BookingHorizon": make_horizon(),
    }


@pytest.mark.parametrize("name", [model.__name__ for model in reference_models()])
def test_a_save_and_a_bulk_update_each_make_a_new_version(name):
    row = make_one_of_each()[name]
    before = reference_version()
    row.save()
    after_save = reference_version()
    type(row).objects.filter(pk=row.pk).update(id=F("id"))
    assert len({before, after_save, reference_version()}) == 3


def test_each_delete_makes_a_new_version():
    rows = make_one_of_each()
    order = ["OfficeNotice", "ProcedureFee", "FeeAmount", "ChecklistItem", "GeneralRule", "Mistake", "UmaValue"]
    order += ["NonWorkingPeriod", "BookingHorizon", "Office", "FeeSchedule", "Procedure", "State"]
    assert set(order) == set(rows)
    for name in order:
        before = reference_version()
        rows[name].delete()
        assert reference_version() != before, name


def test_bulk_create_makes_a_new_version():
    procedure = make_procedure()
    before = reference_version()
    ChecklistItem.objects.bulk_create([ChecklistItem(procedure=procedure, key="extra", text_en="x", text_es="x")])
    assert reference_version() != before


def test_deleting_a_procedure_with_its_items_makes_a_new_version():
    procedure = make_procedure()
    make_item(procedure)
    before = reference_version()
    procedure.delete()
    assert reference_version() != before and not ChecklistItem.objects.exists()


def test_a_rolled_back_change_leaves_the_version_as_it_was():
    make_state()
    before = reference_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_rule()
        raise RuntimeError("staff cancelled")
    assert reference_version() == before
    assert not GeneralRule.objects.exists()


def test_preparations_and_reports_do_not_change_the_version():
    from .makers import make_preparation, make_report

    procedure = make_procedure()
    before = reference_version()
    make_preparation(procedure)
    make_report(procedure)
    assert reference_version() == before


def test_a_missing_row_is_created_on_first_read():
    ReferenceVersion.objects.all().delete()
    first = reference_version()
    assert ReferenceVersion.objects.get().value == first
    assert reference_version() == first


def test_load_reference_makes_new_versions_and_then_none(loaded_catalogue):
    from procedures.reference import reference_load

    before = reference_version()
    report = reference_load()  # nothing to change: no row is saved
    assert not report.changed
    assert reference_version() == before
    FeeAmount.objects.filter(year=2026).update(note="checked")
    assert reference_version() != before


# ----------------------------------------------------------------------------- two processes

PROGRAM = """
import sys
import django

django.setup()
from procedures.models import State
from procedures.signals import reference_version
from django.conf import settings

print(settings.CACHES["default"]["BACKEND"], flush=True)
for line in sys.stdin:
    if line.strip() == "edit":
        names = {"name": "Jalisco", "name_inm": "Jalisco", "name_sepomex": "Jalisco"}
        State.objects.update_or_create(code="14", defaults=names)
    print(reference_version(), flush=True)
"""


class Process:
    """A Django process of its own over a file database, answering "read" and "edit" on stdin."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [PYTHON, "-c", PROGRAM],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.cache_backend = self.process.stdout.readline().strip()

    def ask(self, command: str) -> str:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def stop(self):
        _out, errors = self.process.communicate(timeout=30)  # closes stdin: the program ends
        assert self.process.returncode == 0, errors


def test_two_processes_with_memory_caches_agree_on_the_version(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "inmprep.settings",
        "INMPREP_DOTENV": "",
        "INMPREP_TESTING": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=BASE_DIR, env=env, check=True, timeout=300)
    one, two = Process(env), Process(env)
    try:
        assert one.cache_backend == two.cache_backend == "django.core.cache.backends.locmem.LocMemCache"
        first = one.ask("read")
        assert two.ask("read") == first
        edited = two.ask("edit")
        assert edited != first
        assert one.ask("read") == edited == two.ask("read")
    finally:
        one.stop()
        two.stop()


def test_the_version_row_is_not_part_of_the_catalogue():
    assert ReferenceVersion not in reference_models()
    assert not issubclass(ReferenceVersion, (LoadedRow, ReferenceFact))
    assert {State, Office, OfficeNotice} <= set(reference_models())

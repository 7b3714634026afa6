"""Loading and exporting the reference catalogue (the fixtures in ``procedures/fixtures/``).

A release ships new fixtures; ``reference_load`` brings a database in step with them without
undoing the work of staff. Each loaded row keeps the hash of the fixture content it was loaded
from. On the next load, a row whose content still hashes to that value was never touched by
staff, so it is updated; a row whose content differs was edited in admin, so it is left alone
and reported (``force`` overwrites it).

Hashes are taken over Django's own JSON serialisation of an instance (natural keys, no primary
key, no hash field), both for the fixture object and for the row in the database, so that
"5328" and "5328.00" or a reordered JSON object never look like a change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.db import models, transaction

from .models import (
    BookingHorizon,
    ChecklistItem,
    FeeAmount,
    FeeSchedule,
    GeneralRule,
    Mistake,
    NonWorkingPeriod,
    Office,
    Procedure,
    ProcedureFee,
    State,
    UmaValue,
)

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"

# File name → the models it holds, in load order (a row's foreign keys point to earlier rows).
FIXTURE_FILES: dict[str, tuple[type[models.Model], ...]] = {
    "states": (State,),
    "procedures": (Procedure,),
    "checklist_items": (ChecklistItem,),
    "general_rules": (GeneralRule,),
    "mistakes": (Mistake,),
    "fees": (FeeSchedule, FeeAmount, ProcedureFee),
    "offices": (Office,),
    "uma_values": (UmaValue,),
    "calendar": (NonWorkingPeriod, BookingHorizon),
}

# Who checked a fact is a staff account of this database, not reference content: another
# database has other accounts (its confidence, date and note do travel).
HASH_EXCLUDED = {"content_hash", "verified_by"}
LOAD_REASON = "load_reference"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_staff_edits: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _fields_of(instance: models.Model) -> dict:
    data = json.loads(
        serializers.serialize("json", [instance], use_natural_foreign_keys=True, use_natural_primary_keys=True)
    )[0]
    return {name: value for name, value in data["fields"].items() if name not in HASH_EXCLUDED}


def content_hash(instance: models.Model) -> str:
    """The hash of a row's reference content, as it would appear in a fixture."""
    canonical = json.dumps(
        [instance._meta.label_lower, _fields_of(instance)], sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _label(instance: models.Model) -> str:
    return f"{instance._meta.label_lower} {'/'.join(str(part) for part in instance.natural_key())}"


def _fixture_objects(directory: Path) -> Iterable[dict]:
    for name in FIXTURE_FILES:
        path = directory / f"{name}.json"
        yield from json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def reference_load(*, directory: Path = FIXTURES_DIR, force: bool = False) -> LoadReport:
    """Add missing reference rows, update rows staff never touched, report rows staff edited."""
    report = LoadReport()
    for entry in _fixture_objects(directory):
        entry = {key: value for key, value in entry.items() if key != "pk"}
        entry["fields"] = {k: v for k, v in entry["fields"].items() if k not in HASH_EXCLUDED}
        (incoming,) = serializers.deserialize("json", json.dumps([entry]), ignorenonexistent=True)
        new = incoming.object
        new_hash = content_hash(new)
        label = _label(new)
        if new.pk is None:
            new.content_hash = new_hash
            new._change_reason = LOAD_REASON
            new.save()
            report.created.append(label)
            continue
        stored = type(new).objects.get(pk=new.pk)
        current_hash = content_hash(stored)
        if current_hash == new_hash:
            if stored.content_hash != new_hash:
                # Staff made the row equal to the release: from now on it counts as untouched.
                type(new).objects.filter(pk=stored.pk).update(content_hash=new_hash)
            report.unchanged.append(label)
        elif current_hash == stored.content_hash or force:
            new.content_hash = new_hash
            new._change_reason = LOAD_REASON
            new.save()
            report.updated.append(label)
        else:
            report.kept_staff_edits.append(label)
    return report


def _export_order(model: type[models.Model]) -> models.QuerySet:
    queryset = model._default_manager.all()
    if model is Office:
        # An office that points to its nearest bookable office comes after it.
        return queryset.order_by(models.F("nearest_online_office").asc(nulls_first=True), "code")
    return queryset


def reference_export(*, directory: Path) -> dict[str, int]:
    """Write the catalogue as staff have it now, in the fixture format ``reference_load`` reads."""
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, model_classes in FIXTURE_FILES.items():
        objects = []
        for model in model_classes:
            for instance in _export_order(model):
                objects.append({"model": instance._meta.label_lower, "fields": _fields_of(instance)})
        (directory / f"{name}.json").write_text(
            json.dumps(objects, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        counts[name] = len(objects)
    return counts

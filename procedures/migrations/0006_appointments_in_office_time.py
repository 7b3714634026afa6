"""Recorded appointments move to their office's clock.

Until now an appointment's time was saved as Mexico City time, whatever the office: 09:30 typed for
Hermosillo was kept as 09:30 in Mexico City, an hour off. The applicant typed the time the portal
showed, which is the office's own, so the wall time is kept and the zone becomes the office's.
Reversible: back to the same wall time in Mexico City.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import migrations

MEXICO_CITY = "America/Mexico_City"


def _wall_time(appointment: dict, zone: str) -> datetime | None:
    """The appointment's time as the applicant typed it (no zone), read on ``zone``'s clock."""
    try:
        moment = datetime.fromisoformat(appointment["appointment_at"])
    except (KeyError, TypeError, ValueError):
        return None
    return (moment.astimezone(ZoneInfo(zone)) if moment.tzinfo else moment).replace(tzinfo=None)


def _appointments(apps):
    Preparation = apps.get_model("procedures", "Preparation")
    for preparation in Preparation.objects.filter(answers__has_key="appointment").iterator():
        appointment = preparation.answers.get("appointment")
        if isinstance(appointment, dict):
            yield preparation, appointment


def _save(apps, preparation, appointment: dict) -> None:
    # An update, not .save(): the row's updated_at (its expiry, its cached PDF) stays as it was.
    answers = {**preparation.answers, "appointment": appointment}
    apps.get_model("procedures", "Preparation").objects.filter(pk=preparation.pk).update(answers=answers)


def to_office_time(apps, schema_editor):
    zones = dict(apps.get_model("procedures", "Office").objects.values_list("code", "time_zone"))
    for preparation, appointment in _appointments(apps):
        if "time_zone" in appointment:
            continue  # recorded on the office's clock already
        wall = _wall_time(appointment, MEXICO_CITY)
        if wall is None:
            continue
        zone = zones.get(appointment.get("appointment_office")) or MEXICO_CITY
        moved = {**appointment, "appointment_at": wall.replace(tzinfo=ZoneInfo(zone)).isoformat(), "time_zone": zone}
        _save(apps, preparation, moved)


def to_mexico_city_time(apps, schema_editor):
    for preparation, appointment in _appointments(apps):
        if "time_zone" not in appointment:
            continue
        wall = _wall_time(appointment, appointment["time_zone"])
        if wall is None:
            continue
        moved = {key: value for key, value in appointment.items() if key != "time_zone"}
        moved["appointment_at"] = wall.replace(tzinfo=ZoneInfo(MEXICO_CITY)).isoformat()
        _save(apps, preparation, moved)


class Migration(migrations.Migration):
    dependencies = [("procedures", "0005_calendar_reference")]

    operations = [migrations.RunPython(to_office_time, to_mexico_city_time)]

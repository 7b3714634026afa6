"""The appointment an applicant booked in the portal, in the office's own time.

The portal shows the time of a slot on the office's clock: 09:30 in Hermosillo is 09:30 in
Hermosillo. A recorded appointment keeps that wall time with the office's IANA zone, so calendars
get the right instant whatever the reader's device is set to.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

# Mexico City's clock (models.TimeZone.MEXICO_CITY, written out: the situation reads this module,
# and the models read the situation's vocabulary).
DEFAULT_ZONE = "America/Mexico_City"


def zone_named(name: str | None) -> ZoneInfo:
    """The IANA zone of that name; Mexico City's when there is none."""
    return ZoneInfo(name or DEFAULT_ZONE)


def office_zone(office) -> ZoneInfo:
    """The office's time zone (Mexico City for an office without one, or no office)."""
    return zone_named(getattr(office, "time_zone", ""))


def local_appointment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The appointment as an aware datetime on the office's clock."""
    return datetime.combine(day, at, tzinfo=zone)


def recorded_at(appointment: Mapping | None) -> datetime | None:
    """A recorded appointment's date and time, on its office's clock; None when none is recorded."""
    if not appointment or not appointment.get("appointment_at"):
        return None
    try:
        moment = datetime.fromisoformat(appointment["appointment_at"])
    except (TypeError, ValueError):
        return None
    zone = zone_named(appointment.get("time_zone"))
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def today_at(zone: ZoneInfo, now: datetime) -> date:
    """Today's date on the office's clock."""
    return now.astimezone(zone).date()

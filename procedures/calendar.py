"""Calendar files (iCalendar, RFC 5545) for the legal deadline and the booked appointment."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

# Every way text may break a line: CR LF, a bare CR or LF, NEL and the Unicode separators.
LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): line breaks as ``\\n``, other control characters removed.

    Staff write the texts that end up here (office names, procedure names): a bare CR or any
    other control character would end the property line early or inject a new one.
    """
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = LINE_BREAKS.sub("\\\\n", text)
    # Tab is the one control character TEXT allows; Cc also covers NUL, DEL and the C1 range.
    return "".join(char for char in text if char == "\t" or unicodedata.category(char) != "Cc")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 §3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > 74:
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


@dataclass(frozen=True)
class Alarm:
    """A reminder: ``before`` the event's start (relative), or ``at`` an instant (absolute, UTC)."""

    text: str
    before: timedelta | None = None
    at: datetime | None = None

    def lines(self) -> list[str]:
        if self.at is not None:
            trigger = f"TRIGGER;VALUE=DATE-TIME:{self.at.astimezone(UTC):%Y%m%dT%H%M%SZ}"
        else:
            trigger = f"TRIGGER:-P{self.before.days}D"
        return ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(self.text)}", trigger, "END:VALARM"]


def _calendar(uid: str, stamp: datetime, event: list[str], alarms: list[Alarm]) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//inmprep//packet//ES",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        *event,
        *(line for alarm in alarms for line in alarm.lines()),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()


def deadline_ics(
    *,
    uid: str,
    day: date,
    summary: str,
    description: str,
    now: datetime,
    week_before: str = "",
    week_before_days: int = 7,
    book_by: datetime | None = None,
    book_by_text: str = "",
) -> bytes:
    """An all-day event on the last filing day, with a reminder a week before (``week_before``,
    when that is still ahead; ``week_before_days`` before the event, when the day to aim for is
    earlier than the event's, as before a possible year-end closure) and one on the try-to-book-by
    day (``book_by``, an instant)."""
    event = [
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "TRANSP:TRANSPARENT",
    ]
    alarms = []
    if week_before:
        alarms.append(Alarm(week_before, before=timedelta(days=week_before_days)))
    if book_by is not None:
        alarms.append(Alarm(book_by_text, at=book_by))
    return _calendar(uid, now, event, alarms)


def appointment_ics(
    *, uid: str, start: datetime, summary: str, location: str, description: str, now: datetime, reminder: str = ""
) -> bytes:
    """The booked appointment (an hour, in UTC), with a reminder the day before (``reminder``:
    what to bring)."""
    utc = start.astimezone(UTC)
    event = [
        f"DTSTART:{utc:%Y%m%dT%H%M%SZ}",
        f"DTEND:{utc + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
    ]
    return _calendar(uid, now, event, [Alarm(reminder or summary, before=timedelta(days=1))])

"""Calendar files (iCalendar, RFC 5545) for the legal deadline and the booked appointment."""

from __future__ import annotations

import re
import unicodedata
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


def _calendar(uid: str, stamp: datetime, event: list[str], alarm_before: timedelta, alarm_text: str) -> bytes:
    days = alarm_before.days
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//inmprep//packet//ES",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        *event,
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(alarm_text)}",
        f"TRIGGER:-P{days}D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()


def deadline_ics(*, uid: str, day: date, summary: str, description: str, now: datetime) -> bytes:
    """An all-day event on the last day to file, with a reminder a week before."""
    event = [
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
    ]
    return _calendar(uid, now, event, timedelta(days=7), summary)


def appointment_ics(
    *, uid: str, start: datetime, summary: str, location: str, description: str, now: datetime
) -> bytes:
    """The booked appointment (an hour), with a reminder the day before."""
    utc = start.astimezone(UTC)
    event = [
        f"DTSTART:{utc:%Y%m%dT%H%M%SZ}",
        f"DTEND:{utc + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
    ]
    return _calendar(uid, now, event, timedelta(days=1), summary)

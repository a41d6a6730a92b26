"""The deadline calendar as an iCalendar file (RFC 5545): one all-day event per deadline.

Outlook, Google Calendar and Apple Calendar import it. Each event's UID is stable (the deal's id and
the deadline's key), so importing a newer file updates the events instead of doubling them; an event
whose date, title or description changed since the previous file gets the next SEQUENCE, which is how
calendar programs know it is newer. Nothing depends on the clock: DTSTAMP is fixed (the Closing Date,
at midnight UTC), so the same deal gives the same bytes.
"""
from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event, vText

from ..compute.deadlines import Deadline

PRODID = "-//closingdocs//deadline calendar//EN"
DOMAIN = "closingdocs.invalid"      # UIDs are <key>.<deal id>@closingdocs.invalid


def uid(deal_id: str, deadline: Deadline) -> str:
    return f"{deadline.key}.{deal_id}@{DOMAIN}"


def summary(deadline: Deadline) -> str:
    return f"{deadline.person}: {deadline.what}"


def description(deal, deadline: Deadline) -> str:
    return "\n".join([
        f"{deal.agreement.title} of {deal.company.name} dated {deal.agreement.date:%B} {deal.agreement.date.day}, "
        f"{deal.agreement.date.year}: {deadline.section}.",
        f"Due: {deadline.date:%A, %B} {deadline.date.day}, {deadline.date.year}, {deadline.rule}.",
        f"Status: {deadline.status}.",
        f"Deal file: {deal.id} (closingdocs calendar)."])


def previous_events(content: bytes | None) -> dict[str, tuple[int, tuple]]:
    """UID -> (SEQUENCE, what the event said) of a calendar this module wrote before; {} if none or unreadable."""
    if not content:
        return {}
    try:
        calendar = Calendar.from_ical(content)
    except Exception:   # a file someone edited into something else: start the sequence again
        return {}
    out = {}
    for event in calendar.walk("VEVENT"):
        try:
            start = event.decoded("DTSTART")
            if not isinstance(start, dt.date):     # a start that is no date or time: not one this module wrote
                continue
            out[str(event["UID"])] = (int(event.get("SEQUENCE", 0)), _said(start, str(event["SUMMARY"]),
                                                                           str(event.get("DESCRIPTION", ""))))
        except (KeyError, ValueError, TypeError, AttributeError):
            continue
    return out


def _said(start, title: str, text: str) -> tuple:
    return (start.isoformat() if isinstance(start, dt.date) else str(start), title, text.replace("\r\n", "\n"))


def calendar_bytes(deal, deadlines: list[Deadline], reminder_days: int, previous: bytes | None = None) -> bytes:
    """The .ics of ``deadlines``; ``previous`` (the file as last written) sets each event's SEQUENCE."""
    before = previous_events(previous)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{deal.company.name}: deadlines ({deal.id})")
    stamp = dt.datetime.combine(deal.closing_date, dt.time(0, 0), tzinfo=dt.UTC)
    for deadline in deadlines:
        event = Event()
        key = uid(deal.id, deadline)
        title, text = summary(deadline), description(deal, deadline)
        sequence, said = before.get(key, (0, None))
        if said is not None and said != _said(deadline.date, title, text):
            sequence += 1
        event.add("uid", key)
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", title)
        event.add("description", text)
        event.add("categories", [deadline.kind])
        event.add("transp", "TRANSPARENT")
        event.add("sequence", sequence)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", vText(f"In {reminder_days} day(s): {title}"))
        alarm.add("trigger", dt.timedelta(days=-reminder_days))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()

"""The policy's deadlines: business days that skip weekends, US federal holidays and district closures,
calendar-day response dates, and the breach-notice clocks.

Business days follow the federal calendar as the `holidays` package publishes it, with the observed
dates (Independence Day on a Saturday closes the Friday before). A district calendar file adds its
own closures (storm days, recesses); see `read_closures` for its format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from clausecheck.errors import UsageError

WEEKEND = {5: "Saturday", 6: "Sunday"}


@dataclass(frozen=True)
class BusinessDeadline:
    """`days` business days after `start`; `skipped` says which days did not count and why."""

    start: date
    days: int
    due: date
    skipped: tuple[tuple[date, str], ...] = ()


class BusinessCalendar:
    """Which days are business days: not a weekend, not a US federal holiday, not a district closure."""

    def __init__(self, closures: Mapping[date, str] | None = None, federal_holidays: bool = True) -> None:
        self.closures = dict(closures or {})
        self._federal = None
        self._use_federal = federal_holidays

    def _federal_holiday(self, day: date) -> str | None:
        if not self._use_federal:
            return None
        if self._federal is None:
            import holidays

            self._federal = holidays.country_holidays("US", observed=True)
        return self._federal.get(day)

    def closed(self, day: date) -> str | None:
        """Why `day` is not a business day, or None when it is one."""
        if day.weekday() in WEEKEND:
            return WEEKEND[day.weekday()]
        return self._federal_holiday(day) or self.closures.get(day)

    def add_business_days(self, start: date, days: int) -> BusinessDeadline:
        """The day `days` business days after `start` (the start day itself never counts)."""
        if days < 0:
            raise UsageError(f"a number of business days cannot be negative ({days})")
        day, counted, skipped = start, 0, []
        while counted < days:
            day += timedelta(days=1)
            reason = self.closed(day)
            if reason:
                skipped.append((day, reason))
            else:
                counted += 1
        return BusinessDeadline(start=start, days=days, due=day, skipped=tuple(skipped))

    def next_business_day(self, day: date) -> date:
        """`day` itself when it is a business day, else the first business day after it."""
        while self.closed(day):
            day += timedelta(days=1)
        return day


@dataclass(frozen=True)
class ResponseDate:
    """The date a vendor is asked to answer by, and how it was set."""

    due: date
    calendar_days: int | None = None
    moved_from: date | None = None  # the calendar-day date fell on a closed day
    moved_because: str = ""


def response_date(letter_date: date, within_days: int | None, respond_by: date | None,
                  calendar: BusinessCalendar) -> ResponseDate:
    """`respond_by` as given, or `within_days` calendar days after the letter, moved to the next business
    day when it falls on a weekend or holiday (a reply due on a Sunday is due on Monday)."""
    if respond_by is not None:
        if respond_by <= letter_date:
            raise UsageError(f"--respond-by {respond_by.isoformat()} is not after the letter date "
                             f"{letter_date.isoformat()}")
        return ResponseDate(due=respond_by)
    if within_days is None or within_days < 1:
        raise UsageError("--respond-within must be at least 1 day")
    nominal = letter_date + timedelta(days=within_days)
    due = calendar.next_business_day(nominal)
    if due != nominal:
        return ResponseDate(due=due, calendar_days=within_days, moved_from=nominal,
                            moved_because=calendar.closed(nominal) or "")
    return ResponseDate(due=due, calendar_days=within_days)


@dataclass(frozen=True)
class BreachClock:
    """One deadline of a breach: who must act, by when, and (when known) whether it was met."""

    duty: str
    due: datetime | date
    basis: str
    met: bool | None = None
    done_on: datetime | date | None = None


def family_notice_due(vendor_notified: datetime, hours: float | None, business_days: int | None,
                      calendar: BusinessCalendar) -> BreachClock:
    """When the board must notify the affected families: `hours` after the contractor's notice to the
    board (48 in the board policy), or `business_days` business days after it (P.A. 17-200's wording)."""
    if business_days is not None:
        deadline = calendar.add_business_days(vendor_notified.date(), business_days)
        due = datetime.combine(deadline.due, vendor_notified.time())
        return BreachClock(duty="board-to-families", due=due,
                           basis=f"{business_days} business days after the contractor's notice to the board")
    hours = 48 if hours is None else hours
    if hours <= 0:
        raise UsageError(f"--hours must be more than 0, not {hours:g}")
    return BreachClock(duty="board-to-families", due=vendor_notified + timedelta(hours=hours),
                       basis=f"{hours:g} hours after the contractor's notice to the board")


CONTRACTOR_DAYS = (
    ("contractor-student-information", 30,
     "for student information other than directory information (Conn. Gen. Stat. § 10-234dd: without "
     "unreasonable delay, at most 30 days after discovery)"),
    ("contractor-directory-information", 60,
     "for directory information, student records or student-generated content (§ 10-234dd: without "
     "unreasonable delay, at most 60 days after discovery)"),
)


def contractor_deadlines(discovered: datetime, vendor_notified: datetime | None,
                         contract_hours: float | None = 48) -> tuple[BreachClock, ...]:
    """The contractor's own deadlines to notify the board, counted from its discovery of the breach:
    the statute's 30 and 60 calendar days, and the contract's hours when the contract follows the
    policy (item 6: 48 hours). When the contractor's notice date is known, each says if it was met."""
    clocks = []
    if contract_hours:
        due = discovered + timedelta(hours=contract_hours)
        clocks.append(BreachClock(
            duty="contractor-contract-hours", due=due,
            basis=f"under the contract, if it follows board policy item 6 (as soon as practical, at most "
                  f"{contract_hours:g} hours after the contractor becomes aware)",
            met=None if vendor_notified is None else vendor_notified <= due, done_on=vendor_notified))
    for duty, days, basis in CONTRACTOR_DAYS:
        due_day = discovered.date() + timedelta(days=days)
        clocks.append(BreachClock(duty=duty, due=due_day, basis=basis,
                                  met=None if vendor_notified is None else vendor_notified.date() <= due_day,
                                  done_on=vendor_notified))
    return tuple(clocks)


_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|to|–|—)\s*(\d{4}-\d{2}-\d{2}))?\s*(.*)$")


def read_closures(path: str | Path) -> dict[date, str]:
    """A district calendar file: one closure a line, a date or a range and an optional name.

        # Cromwell Public Schools 2024-25 closures
        2024-11-27            Staff development day
        2024-12-23..2025-01-01  Winter recess

    Blank lines and lines starting with # are ignored.
    """
    from clausecheck.errors import read_user_file

    path = Path(path)
    lines = read_user_file(path, "district calendar").splitlines()
    closures: dict[date, str] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _RANGE.match(line)
        if not match:
            raise UsageError(f"{path}:{number}: expected a date (YYYY-MM-DD) or a range "
                             f"(YYYY-MM-DD..YYYY-MM-DD) and a name, not '{line}'")
        first = _iso(match.group(1), f"{path}:{number}")
        last = _iso(match.group(2), f"{path}:{number}") if match.group(2) else first
        if last < first:
            raise UsageError(f"{path}:{number}: the range ends before it starts")
        name = match.group(3).strip().lstrip("#").strip() or "district closure"
        day = first
        while day <= last:
            closures[day] = name
            day += timedelta(days=1)
    return closures


def _iso(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{where}: '{text}' is not a date") from None


def parse_date(text: str, option: str) -> date:
    """A date option: YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} expects a date as YYYY-MM-DD, not '{text}'") from None


def parse_datetime(text: str, option: str) -> datetime:
    """A date-and-time option: 'YYYY-MM-DD HH:MM' (or with a T); a bare date means midnight."""
    cleaned = text.strip().replace("T", " ")
    try:
        value = datetime.fromisoformat(cleaned)
    except ValueError:
        raise UsageError(f"{option} expects a date and time as 'YYYY-MM-DD HH:MM', not '{text}'") from None
    if value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # every time is the district's local time
    return value


def long_date(day: date | datetime) -> str:
    """'Thursday, December 5, 2024'."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def short_date(day: date | datetime) -> str:
    """'December 5, 2024'."""
    return f"{day:%B} {day.day}, {day.year}"


def long_datetime(moment: datetime) -> str:
    """'Wednesday, March 6, 2024 at 2:30 PM'."""
    hour = moment.hour % 12 or 12
    return f"{long_date(moment)} at {hour}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'}"

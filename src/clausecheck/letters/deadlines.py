"""The deadlines of the letters and notices: business days that skip weekends, US federal holidays and
district closures, calendar-day response dates, and the breach clocks of the board policy and the statute.

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
    """One deadline of a breach: who must act, by when, which source sets the limit, and (when known)
    whether it was met."""

    duty: str
    due: datetime | date
    basis: str  # the limit in words: "within 48 hours of the contractor's notice to the board"
    source: str  # "board policy", "Conn. Gen. Stat. § 10-234dd, as amended by P.A. 17-200"
    met: bool | None = None
    done_on: datetime | date | None = None
    note: str = ""  # why this limit applies, when that depends on a fact the user gave or did not give


POLICY_FAMILY_HOURS = 48  # board policy, "Notice of Breach of Security"
STATUTE_FAMILY_BUSINESS_DAYS = 2  # Conn. Gen. Stat. § 10-234dd as amended by P.A. 17-200
STATUTE_FAMILY_SOURCE = "Conn. Gen. Stat. § 10-234dd, as amended by P.A. 17-200"


def family_notice_clocks(vendor_notified: datetime, policy_hours: float | None,
                         calendar: BusinessCalendar) -> tuple[BreachClock, BreachClock]:
    """The board's two limits to notify the affected families, both counted from the contractor's notice
    to the board: the board policy's hours (48 unless the district's policy says otherwise) and the
    statute's two business days, electronically. A business day ends at the time of day the contractor's
    notice came (the stricter reading), so 48 hours never come later than two business days."""
    hours = POLICY_FAMILY_HOURS if policy_hours is None else policy_hours
    if hours <= 0:
        raise UsageError(f"--hours must be more than 0, not {hours:g}")
    policy = BreachClock(duty="board-to-families-policy", due=vendor_notified + timedelta(hours=hours),
                         basis=f"within {hours:g} hours of the contractor's notice to the board",
                         source="board policy")
    deadline = calendar.add_business_days(vendor_notified.date(), STATUTE_FAMILY_BUSINESS_DAYS)
    statute = BreachClock(duty="board-to-families-statute", due=datetime.combine(deadline.due, vendor_notified.time()),
                          basis=f"electronically, within {_in_words(STATUTE_FAMILY_BUSINESS_DAYS)} business days "
                                "of the contractor's notice to the board",
                          source=STATUTE_FAMILY_SOURCE)
    return policy, statute


def earliest(clocks: tuple[BreachClock, ...]) -> BreachClock:
    """The clock that runs out first (the first one given, when several run out together)."""
    return min(clocks, key=lambda clock: _as_datetime(clock.due))


# What the user says the breach involved (`--information-involved`), which decides the contractor's
# limit under § 10-234dd: the days, and why they apply.
UNKNOWN_INFORMATION = "unknown"
CONTRACTOR_LIMITS = {
    UNKNOWN_INFORMATION: (30, "The kind of information involved is not known, so the 30-day limit applies: the "
                              "limit is 60 days only when the breach involved nothing but directory information, "
                              "student records or student-generated content."),
    "student-information": (30, "Student information other than directory information was involved, so the "
                                "30-day limit applies."),
    "only-directory-records-content": (60, "Only directory information, student records or student-generated "
                                           "content was involved, so the 60-day limit applies; if any other "
                                           "student information was involved, the limit is 30 days."),
}
CONTRACTOR_STATUTE_SOURCE = "Conn. Gen. Stat. § 10-234dd and board policy"
POLICY_CONTRACTOR_HOURS = 48  # board policy item 6: the contract's term for the contractor's notice


def information_involved(text: str | None) -> str:
    """The `--information-involved` value, checked: a key of CONTRACTOR_LIMITS (default: unknown)."""
    value = (text or UNKNOWN_INFORMATION).strip().lower()
    if value not in CONTRACTOR_LIMITS:
        raise UsageError(f"--information-involved must be one of {', '.join(CONTRACTOR_LIMITS)}, not '{text}'")
    return value


def contractor_deadlines(discovered: datetime, vendor_notified: datetime | None, contract_hours: float | None = None,
                         information: str = UNKNOWN_INFORMATION) -> tuple[BreachClock, ...]:
    """The contractor's own deadlines to notify the board, counted from its discovery of the breach.

    The contract's term: `contract_hours` when the user gives it; when not given, board policy item 6's
    48 hours, labelled as applying only if the contract follows the policy; 0 leaves it out. The
    statute's limit (§ 10-234dd, repeated by the board policy): 30 calendar days whenever student
    information other than directory information was involved or that is not known, 60 days only when
    only directory information, student records or student-generated content was. When the
    contractor's notice date is known, each clock says if it was met."""
    if contract_hours is not None and contract_hours < 0:
        raise UsageError(f"--contract-hours cannot be negative ({contract_hours:g})")
    clocks = []
    if contract_hours is None or contract_hours > 0:
        hours = POLICY_CONTRACTOR_HOURS if contract_hours is None else contract_hours
        due = discovered + timedelta(hours=hours)
        if contract_hours is None:
            basis = (f"as soon as practical and at most {hours:g} hours after it becomes aware of or suspects "
                     "unauthorized access")
            source = "the contract, if it follows board policy item 6"
        else:
            basis = f"at most {hours:g} hours after it becomes aware of the breach"
            source = "the contract's own term"
        clocks.append(BreachClock(duty="contractor-to-board-contract", due=due, basis=basis, source=source,
                                  met=None if vendor_notified is None else vendor_notified <= due,
                                  done_on=vendor_notified))
    days, note = CONTRACTOR_LIMITS[information_involved(information)]
    due_day = discovered.date() + timedelta(days=days)
    clocks.append(BreachClock(duty="contractor-to-board-statute", due=due_day,
                              basis=f"without unreasonable delay and at most {days} days after discovering the breach",
                              source=CONTRACTOR_STATUTE_SOURCE, note=note,
                              met=None if vendor_notified is None else vendor_notified.date() <= due_day,
                              done_on=vendor_notified))
    return tuple(clocks)


def _as_datetime(moment: datetime | date) -> datetime:
    return moment if isinstance(moment, datetime) else datetime.combine(moment, datetime.max.time())


def _in_words(number: int) -> str:
    return {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}.get(number, str(number))


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

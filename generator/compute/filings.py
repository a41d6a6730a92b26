"""The filings and periods that start at the closing: Form D and the copy each Buyer is promised, the Form 8-K
items the financing is (by the rule in force on the event's date), the state notice filings where Buyers reside,
and the ends of the lock-up and survival periods the agreement sets.

Each is a dated obligation with the rule that fixes its date, that rule's source and the date it applies from,
and the business days it counts on: the SEC's (``business_days.SEC``: federal holidays) for the SEC's filings,
the state's own for a state's, never the deal's bank calendar; the days in its window where the SEC's calendar
and the Federal Reserve's or the NYSE's differ are named. What the deal data records as filed or sent by a day
is known on that day only (``Deal.as_of``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.citation import cite, long_date
from ..deal.model import CurrentReport, Deal, FormD, Period, PeriodLength, StateNotice
from .business_days import SEC, BusinessCalendar, add_months, differing_days, holiday_name, state_market

COMPANY = "the Company"


@dataclass(frozen=True)
class Rule:
    """A rule of law as of a date: its words as applied, where it is, and from (and until) when it applies."""

    id: str
    words: str
    source: str
    applies_from: dt.date | None       # None: in force before any deal closingdocs reads
    applies_until: dt.date | None = None

    def applies(self, day: dt.date) -> bool:
        return (self.applies_from is None or day >= self.applies_from) and \
            (self.applies_until is None or day <= self.applies_until)


ROLL_0_3 = ("if the last day falls on a Saturday, Sunday or holiday, the filing may be made on the first business "
            "day following")
RULES = (
    Rule("form-d-1982", "a notice on Form D no later than 15 days after the first sale of securities; " + ROLL_0_3,
         "Rule 503(a) of Regulation D (17 CFR 230.503(a)) before its 2008 amendment, with Rule 0-3(a) under the "
         "Securities Act (17 CFR 230.0-3(a)) for a last day on a Saturday, Sunday or holiday",
         dt.date(1982, 4, 15), dt.date(2008, 9, 14)),
    Rule("form-d-2008", "a notice of sales on Form D no later than 15 calendar days after the first sale of securities "
         "in the offering, unless the end of that period falls on a Saturday, Sunday or holiday, in which case the "
         "due date is the first business day following",
         "Rule 503(a)(1) of Regulation D (17 CFR 230.503(a)(1)), as amended by Release No. 33-8891, effective "
         "September 15, 2008", dt.date(2008, 9, 15)),
    Rule("form-8-k-before-2004", "no 8-K item required: Form 8-K before August 23, 2004 had no item for entering "
         "into a material agreement, creating a direct financial obligation or an unregistered sale of equity "
         "securities (its Item 5, Other Events, was at the registrant's option); an unregistered sale was reported "
         "in the next quarterly report (Part II, Item 2 of Form 10-Q or 10-QSB; Item 701 of Regulation S-K)",
         "Form 8-K, General Instruction B and Items 1 to 12, as in force before Release No. 33-8400", None,
         dt.date(2004, 8, 22)),
    Rule("form-8-k-2004", "within four business days after the event; an event on a Saturday, Sunday or holiday on "
         "which the Commission is not open for business starts the four business days on, and including, the first "
         "business day after it",
         "Form 8-K, General Instruction B.1, as amended by Release No. 33-8400, effective August 23, 2004",
         dt.date(2004, 8, 23)),
)
RULE = {r.id: r for r in RULES}

# The Form 8-K item each event of a financing is, under the 2004 form (Release No. 33-8400), and the event in words.
ITEMS = {"material-agreement": ("1.01", "Entry into a Material Definitive Agreement"),
         "financial-obligation": ("2.03", "Creation of a Direct Financial Obligation"),
         "unregistered-sale": ("3.02", "Unregistered Sales of Equity Securities")}
EVENTS = {"material-agreement": "entry into a material definitive agreement",
          "financial-obligation": "creation of a direct financial obligation",
          "unregistered-sale": "unregistered sale of equity securities"}


def rule_on(prefix: str, day: dt.date) -> Rule:
    """The rule named ``prefix`` in force on ``day``."""
    return next(r for r in RULES if r.id.startswith(prefix + "-") and r.applies(day))


@dataclass(frozen=True)
class Filing:
    key: str                    # stable, unique in the deal: form-d, form-d-copy, form-8-k-1.01, state-notice-CT
    kind: str                   # form-d, form-d-copy, form-8-k, state-notice, lock-up, survival
    title: str                  # what is to be done
    by: str                     # who does it
    date: dt.date | None        # due (or the period's last day); None where no item is required
    rule: str                   # the rule's words, applied to this deal's dates
    source: str                 # where the rule is (a regulation, the agreement's section, the deal's counsel)
    applies_from: dt.date | None   # the date the rule applies from (None: before any deal closingdocs reads)
    calendar: str               # the business days it counts on ("" where it counts none)
    differs: tuple[str, ...]    # days in its window the SEC's calendar and the bank's or exchange's differ
    section: str                # "Section 4(b)", or "" where the agreement does not call for it
    status: str                 # open, "filed May 20, 2003", "no 8-K item required"


def filings(deal: Deal, as_of: dt.date | None = None) -> list[Filing]:
    """Every filing and period end the deal data implies, in date order (undated last), as the deal data stood
    at the end of ``as_of`` (default: everything it records)."""
    if as_of is not None:
        deal = deal.as_of(as_of)
    out: list[Filing] = []
    for filing in deal.filings:
        if isinstance(filing, FormD):
            out += _form_d(deal, filing)
        elif isinstance(filing, CurrentReport):
            out += _form_8k(deal, filing)
        elif isinstance(filing, StateNotice):
            out.append(_state_notice(deal, filing))
    out += [_period(deal, p) for p in deal.periods]
    return sorted(out, key=lambda f: (f.date or dt.date.max, f.key))


def _done(word: str, day: dt.date | None) -> str:
    return f"{word} {long_date(day)}" if day is not None else "open"


def _differs(start: dt.date, end: dt.date) -> tuple[str, ...]:
    """The days after ``start`` up to ``end`` the SEC's calendar differs from the Federal Reserve's or the NYSE's."""
    found: dict[dt.date, list[str]] = {}
    for market in ("XFED", "XNYS"):
        for day, what in differing_days(SEC, BusinessCalendar(market), start, end):
            found.setdefault(day, []).append(what)
    return tuple(f"{long_date(day)}: " + "; ".join(found[day]) for day in sorted(found))


def _form_d(deal: Deal, form: FormD) -> list[Filing]:
    rule = rule_on("form-d", form.first_sale)
    last = form.first_sale + dt.timedelta(days=15)
    due = SEC.on_or_after(last)
    moved = "" if due == last else (f"; the fifteenth day, {last:%A}, {long_date(last)}, is not a business day of the "
                                    f"SEC ({_closures(last, due)}), so {due:%A}, {long_date(due)}")
    out = [Filing(
        "form-d", "form-d", "file a notice of sales on Form D with the SEC", COMPANY, due,
        f"{rule.words}: the first sale on {long_date(form.first_sale)} ({form.first_sale_source.describe()}), "
        f"15 days later {long_date(last)}{moved}",
        rule.source, rule.applies_from, SEC.description, _differs(form.first_sale, due), "",
        _done("filed", form.filed_on))]
    if form.copy_section is not None:
        day = form.filed_on or due
        shown = f"shown on the day of the filing, {long_date(day)}" if form.filed_on else \
            f"shown on the day the filing is due, {long_date(day)}, until the deal data records it filed"
        out.append(Filing(
            "form-d-copy", "form-d-copy", "provide a copy of the Form D to each Buyer", COMPANY, day,
            f"promptly after the filing: the agreement sets no number of days; {shown}",
            f"the agreement, {cite(form.copy_section)}", None, "", (), cite(form.copy_section),
            _done("sent", form.copies_sent_on)))
    return out


def _closures(after: dt.date, through: dt.date) -> str:
    """What the days from ``after`` to the day before ``through`` are: "Saturday; Sunday; Memorial Day"."""
    names = []
    day = after
    while day < through:
        names.append(f"{day:%A}" if day.weekday() >= 5 else (holiday_name("SEC", day) or "a closure"))
        day += dt.timedelta(days=1)
    return ", ".join(names)


def four_business_days(event: dt.date) -> dt.date:
    """Form 8-K's four business days after ``event`` (General Instruction B.1 as of August 23, 2004): counted from the
    event; an event on a day the SEC is closed starts the count on, and including, the next business day."""
    if SEC.is_business_day(event):
        return SEC.add_business_days(event, 4)
    return SEC.add_business_days(SEC.next_business_day(event), 3)


def _form_8k(deal: Deal, report: CurrentReport) -> list[Filing]:
    out = []
    section = cite(report.section) if report.section else ""
    for event in report.events:
        rule = rule_on("form-8-k", event.date)
        number, name = ITEMS[event.event]
        if rule.id == "form-8-k-before-2004":
            out.append(Filing(
                f"form-8-k-{event.event}", "form-8-k",
                f"Form 8-K: the {EVENTS[event.event]} on {long_date(event.date)}", COMPANY,
                None, f"{rule.words} (the event: {event.source.describe()})", rule.source, rule.applies_from, "", (),
                section, "no 8-K item required"))
            continue
        due = four_business_days(event.date)
        out.append(Filing(
            f"form-8-k-{event.event}", "form-8-k", f"file a current report on Form 8-K, Item {number} ({name})", COMPANY, due,
            f"{rule.words}: the event on {long_date(event.date)} ({event.source.describe()})",
            rule.source, rule.applies_from, SEC.description, _differs(event.date, due), section,
            _done("filed", report.filed_on)))
    return out


def _state_notice(deal: Deal, notice: StateNotice) -> Filing:
    form = next((f for f in deal.filings if isinstance(f, FormD)), None)
    market = state_market(notice.state)
    assert form is not None and market is not None   # validate: a state notice needs the Form D's first sale
    calendar = BusinessCalendar(market)
    last = form.first_sale + dt.timedelta(days=notice.days_after_first_sale)
    due = calendar.on_or_after(last) if notice.business_day_rule == "next-business-day" else last
    names = ", ".join(deal.buyer(b).name for b in notice.buyers)
    moved = f", moved to the next business day, {long_date(due)}" if due != last else ""
    rolled = "; a last day on a weekend or state holiday moves to the next business day" \
        if notice.business_day_rule == "next-business-day" else "; not moved for weekends or holidays"
    return Filing(
        f"state-notice-{market[3:]}", "state-notice", f"{notice.filing} ({notice.state}: {names})", COMPANY, due,
        f"{notice.days_after_first_sale} days after the first sale, {long_date(form.first_sale)}{rolled}: "
        f"{long_date(last)}{moved}", notice.source.describe(), None,
        calendar.description if notice.business_day_rule == "next-business-day" else "", (), "",
        _done("filed", notice.filed_on))


def after(day: dt.date, length: PeriodLength) -> dt.date:
    """The day ``length`` after ``day``: N days later, or the same day N months or years later (the month's last
    day where it is shorter)."""
    if length.days is not None:
        return day + dt.timedelta(days=length.days)
    return add_months(day, length.months if length.months is not None else 12 * (length.years or 0))


def words(length: PeriodLength) -> str:
    for unit in ("days", "months", "years"):
        value = getattr(length, unit)
        if value is not None:
            return f"{value} {unit[:-1] if value == 1 else unit}"
    raise AssertionError("a period has a length")   # the model requires exactly one


def _period(deal: Deal, period: Period) -> Filing:
    first = after(deal.closing_date, period.length)
    rule = f"{words(period.length)} after the Closing Date, {long_date(deal.closing_date)}: {long_date(first)}"
    end, status = first, f"ends {long_date(first)}"
    later = period.or_later
    if later is not None:
        known = later.date
        if known is None:
            rule += (f", or {words(later.length)} after {later.after}, if later (not yet known: the period ends no "
                     f"earlier than {long_date(first)})")
            status = f"ends no earlier than {long_date(first)}"
        else:
            second = after(known, later.length)
            rule += f", or {words(later.length)} after {later.after} on {long_date(known)}: {long_date(second)}, if later"
            end = max(first, second)
            status = f"ends {long_date(end)}"
    what = {"lock-up": "end of the lock-up", "survival": "end of the survival period"}[period.kind]
    return Filing(
        f"{period.kind}-{period.id}" if period.id != period.kind else period.kind, period.kind,
        f"{what}: {period.title}", "the Company and each Buyer", end,
        f"{rule}; the period's last day, not moved for weekends or holidays (no act falls due on it)",
        f"the agreement, {cite(period.section)}", None, "", (), cite(period.section), status)

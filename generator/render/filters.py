"""Jinja filters that write figures the way a US securities lawyer writes them.

They present figures; ``compute/rounding.py`` names the rules that compute them. Here:
  * money is shown to the cent by the rule ``CENTS_HALF_UP`` (half-up), cents only where a
    value has them;
  * a share count must be whole by the time it reaches a template (``SHARES_UP`` in ``compute``).
A :class:`Pending` fact passes through every filter unchanged, so it renders as ``[●]``.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from markupsafe import Markup
from num2words import num2words

from ..deal.citation import cite
from ..deal.citation import long_date as written_date
from ..deal.load import Pending

CENTS = Decimal("0.01")
PENDING_MARK = Markup('<span class="pending">[●]</span>')


def _passthrough_pending(fn):
    def wrapper(value, *args, **kwargs):
        if isinstance(value, Pending):
            return value
        return fn(value, *args, **kwargs)
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def words(number: int) -> str:
    """1750000 -> 'One Million Seven Hundred Fifty Thousand' (US legal style, no 'and')."""
    if number < 0 or int(number) != number:
        raise ValueError(f"words() takes a whole, non-negative number, not {number}")
    text = num2words(int(number), lang="en").replace(",", "").replace(" and ", " ")
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in text.split())


def _to_decimal(value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"expected an exact number (int or Decimal), got {type(value).__name__}: {value!r}")
    return Decimal(value)


@_passthrough_pending
def money(value, cents: bool | None = None) -> str:
    """$1,000,000 / $1,234.50; ``cents=True`` always shows cents."""
    amount = _to_decimal(value).quantize(CENTS, rounding=ROUND_HALF_UP)
    whole = amount == amount.to_integral_value()
    if cents is None:
        cents = not whole
    sign = "-" if amount < 0 else ""
    body = f"{abs(amount):,.2f}" if cents else f"{abs(amount):,.0f}"
    return f"{sign}${body}"


@_passthrough_pending
def money_words(value) -> str:
    """One Million Dollars ($1,000,000); cents as 'and 50/100'."""
    amount = _to_decimal(value).quantize(CENTS, rounding=ROUND_HALF_UP)
    dollars = int(amount)
    cents = int((amount - dollars) * 100)
    unit = "Dollar" if dollars == 1 else "Dollars"
    spelled = f"{words(dollars)} {unit}" + (f" and {cents:02d}/100" if cents else "")
    return f"{spelled} ({money(amount)})"


@_passthrough_pending
def shares(value) -> str:
    """2,500,000 (a whole number of shares)."""
    number = _to_decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"a share count must be whole by the time it is printed, got {number}")
    return f"{int(number):,}"


@_passthrough_pending
def shares_words(value) -> str:
    """Two Million Five Hundred Thousand (2,500,000)."""
    return f"{words(int(_to_decimal(value)))} ({shares(value)})"


@_passthrough_pending
def price(value) -> str:
    """A price per share with all its significant places: $0.007."""
    amount = _to_decimal(value)
    exponent = amount.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        raise TypeError(f"expected a finite price, got {amount}")
    places = max(2, -exponent)
    return f"${amount:,.{places}f}"


@_passthrough_pending
def percent(value) -> str:
    """12 -> 12%; 2.5 -> 2.5%."""
    return f"{_to_decimal(value).normalize():f}%"


@_passthrough_pending
def long_date(value) -> str:
    """May 9, 2003."""
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a date, got {value!r}")
    return written_date(value)


def ordinal_day(value) -> str | Pending:
    """9th day of May, 2003."""
    if isinstance(value, Pending):
        return value
    suffix = "th" if 11 <= value.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(value.day % 10, "th")
    return f"{value.day}{suffix} day of {value:%B}, {value.year}"


@_passthrough_pending
def upper(value) -> str:
    """Capitals (a Pending fact stays a visible [●] marker)."""
    return str(value).upper()


def number_words(value) -> str:
    """5 -> 'five (5)', as lawyers write a count of days."""
    return f"{words(int(value)).lower()} ({int(value)})"


@_passthrough_pending
def multiple(value) -> str:
    """2 -> 'two'; 1.5 -> '1.5' (a Reserved Amount multiple in words where it is whole)."""
    number = _to_decimal(value)
    return words(int(number)).lower() if number == number.to_integral_value() else f"{number.normalize():f}"


@_passthrough_pending
def figure(value) -> str:
    """An exact decimal as written, without trailing zeros: 2, 1.5."""
    return f"{_to_decimal(value).normalize():f}"


@_passthrough_pending
def quote_lead(value) -> str:
    """A quotation that leads into 'said ...': its closing period becomes a comma, as US style writes it."""
    text = str(value).rstrip()
    return text[:-1] + "," if text.endswith(".") else text if text.endswith(("!", "?", ",")) else text + ","


def next_day(value):
    """The day after a date (a period that ends on a day begins again the next)."""
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a date, got {value!r}")
    return value + dt.timedelta(days=1)


FILTERS = {
    "next_day": next_day,
    "quote_lead": quote_lead,
    "multiple": multiple,
    "figure": figure,
    "cite": cite,
    "number_words": number_words,
    "upper": upper,
    "money": money,
    "money_words": money_words,
    "shares": shares,
    "shares_words": shares_words,
    "price": price,
    "percent": percent,
    "date": long_date,
    "ordinal_day": ordinal_day,
    "words": words,
}

"""Field types of the deal data: money, share counts, prices, dates, text, ids.

Every validator takes only exact values (``int``, ``Decimal`` or digit strings, never
``float``) and says in a paralegal's words what it expected. Every number, date and text is
bounded (``generator/limits.py``), so no figure can overflow a computation or a document.
"""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, NoReturn

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..limits import (
    DATE_RANGE,
    MAX_COUNT,
    MAX_COVERAGE_PERCENT,
    MAX_MONEY,
    MAX_NAME,
    MAX_PERCENT_PLACES,
    MAX_PRICE,
    MAX_PRICE_PLACES,
    MAX_SHARES,
    MAX_TEXT,
    date_in_range,
)
from .load import Pending

_DECIMAL_TEXT = re.compile(r"-?\d{1,30}(\.\d{1,30})?")
_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")   # matched whole (fullmatch): no trailing newline


def _fail(kind: str, message: str) -> NoReturn:
    raise PydanticCustomError(kind, message)


def _exponent(number: Decimal) -> int:
    """A finite number's exponent (-2 for 12.34); the validators see finite numbers only."""
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int), number   # 'n', 'N' or 'F' (NaN, infinity): refused before it gets here
    return exponent


def _decimal(value: Any, what: str, example: str) -> Decimal:
    if isinstance(value, bool):
        _fail(what, f"expected {what} like {example}, not true/false")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value.strip()):
        number = Decimal(value.strip())
    else:
        if isinstance(value, Pending):
            _fail(what, f"{what} cannot be left to be confirmed here; the figures depend on it")
        _fail(what, f"expected {what} written as a plain number like {example} (no $, commas or words), "
              f"got {_shown(value)}")
    if abs(number) >= Decimal(10) ** 25 or _exponent(number) < -30:   # before any arithmetic on it
        _fail(what, f"{_shown(value)} is far beyond any figure a document can hold")
    if _exponent(number) > 0:        # 1.5e+3 as written in YAML: the same number, in plain digits
        number = number.quantize(Decimal(1))
    return number


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def money(value: Any) -> Decimal:
    amount = _decimal(value, "an amount of money", "500000 or 500000.00")
    if amount < 0:
        _fail("money", "an amount of money cannot be negative")
    if _exponent(amount) < -2:
        _fail("money", f"an amount of money has at most two decimal places (cents), got {amount}")
    if amount > MAX_MONEY:
        _fail("money", f"an amount of money is at most {MAX_MONEY:,} (one trillion), got {amount:,}")
    return amount


def price(value: Any) -> Decimal:
    amount = _decimal(value, "a price per share", "0.007")
    if amount <= 0:
        _fail("price", "a price per share must be greater than zero")
    if _exponent(amount) < -MAX_PRICE_PLACES:
        _fail("price", f"a price per share has at most {MAX_PRICE_PLACES} decimal places, got {amount}")
    if amount > MAX_PRICE:
        _fail("price", f"a price per share is at most {MAX_PRICE:,}, got {amount:,}")
    return amount


NO_PAR_VALUE = "no par value"


def par_value(value: Any) -> Decimal | str:
    """A par value per share, or the words ``no par value`` (printed as such)."""
    if isinstance(value, str) and value.strip().lower() == NO_PAR_VALUE:
        return NO_PAR_VALUE
    amount = _decimal(value, "a par value per share", "0.001, or the words: no par value")
    if amount <= 0:
        _fail("par_value", "a par value must be greater than zero; for common stock without par value write "
              f"the words instead (par_value: {NO_PAR_VALUE})")
    return price(amount)


def percent(value: Any) -> Decimal:
    rate = _decimal(value, "a percentage", "12 (for 12%)")
    if not 0 <= rate <= 100:
        _fail("percent", f"a percentage must be between 0 and 100, got {rate}")
    if _exponent(rate) < -MAX_PERCENT_PLACES:
        _fail("percent", f"a percentage has at most {MAX_PERCENT_PLACES} decimal places, got {rate}")
    return rate


def coverage(value: Any) -> Decimal:
    """Warrant coverage: a percentage of the conversion shares, above zero and at most MAX_COVERAGE_PERCENT."""
    rate = _decimal(value, "a percentage", "50 (for 50%)")
    if not 0 < rate <= MAX_COVERAGE_PERCENT:
        _fail("coverage", f"warrant coverage is a percentage above 0 and at most {MAX_COVERAGE_PERCENT}, got {rate}")
    if _exponent(rate) < -MAX_PERCENT_PLACES:
        _fail("coverage", f"a percentage has at most {MAX_PERCENT_PLACES} decimal places, got {rate}")
    return rate


def shares(value: Any) -> int:
    if isinstance(value, Pending):
        _fail("shares", "a share count cannot be left to be confirmed here; the figures depend on it")
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, Decimal) and value.is_finite() and abs(value) <= MAX_SHARES \
            and value == value.to_integral_value():
        number = int(value)
    if number is None or number < 0:
        _fail("shares", f"expected a whole number of shares like 2500000 (no commas), got {_shown(value)}")
    if number > MAX_SHARES:
        _fail("shares", f"a share count is at most {MAX_SHARES:,} (one trillion), got {number:,}")
    return number


def date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        if not date_in_range(value):
            _fail("date", f"expected a date {DATE_RANGE}, got {value.isoformat()}")
        return value
    if isinstance(value, Pending):
        _fail("date", "this date cannot be left to be confirmed; the deadlines depend on it")
    _fail("date", f"expected a date written as YYYY-MM-DD (e.g. 2003-05-09), got {_shown(value)}")


def text(value: Any, limit: int = MAX_TEXT) -> str:
    if isinstance(value, Pending):
        _fail("text", "this fact cannot be left to be confirmed")
    if isinstance(value, str) and value.strip():
        if len(value) > limit:
            _fail("text", f"at most {limit:,} characters are allowed here, got {len(value):,}")
        return " ".join(value.split()) if "\n" not in value.strip() else value.strip()
    if isinstance(value, bool):   # YAML reads a bare yes/no/on/off (Norway's code NO) as true/false
        _fail("text", f"expected text, got {str(value).lower()}: put the words in quotes")
    _fail("text", f"expected text, got {_shown(value)}" if value is not None else "expected text, got nothing")


def name(value: Any) -> str:
    """A company's, Buyer's or officer's name: one line of text of at most ``MAX_NAME`` characters (it goes into
    calendar lines, document properties and CSV cells, where a line break or control character cannot)."""
    value = text(value, MAX_NAME)
    if any(c in value for c in "\n\r\x0b\x0c\x85\u2028\u2029") or any(ord(c) < 32 or ord(c) == 127 for c in value):
        _fail("text", "a name is one line of text: no line breaks (a YAML block scalar | or > makes one) or "
                      "control characters")
    return value


def fact_name(value: Any) -> str | Pending:
    return value if isinstance(value, Pending) else name(value)


def fact_text(value: Any) -> str | Pending:
    return value if isinstance(value, Pending) else text(value)


def fact_date(value: Any) -> dt.date | Pending:
    return value if isinstance(value, Pending) else date(value)


def ident(value: Any) -> str:
    if isinstance(value, str) and _ID.fullmatch(value):
        return value
    _fail("id", "expected an id of lower-case letters, digits and inner hyphens (e.g. amnis-2003), "
          f"at most 64 characters, got {_shown(value)}")


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    _fail("flag", f"expected true or false, got {value!r}")


Money = Annotated[Decimal, PlainValidator(money), WithJsonSchema({"type": "number", "minimum": 0, "description": "an amount of money, at most two decimal places (no $ or commas)"})]
Price = Annotated[Decimal, PlainValidator(price), WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "description": "a price per share"})]
ParValue = Annotated[Any, PlainValidator(par_value), WithJsonSchema({"anyOf": [{"type": "number", "exclusiveMinimum": 0}, {"const": NO_PAR_VALUE}], "description": "a par value per share, or the words: no par value"})]
Percent = Annotated[Decimal, PlainValidator(percent), WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100, "description": "a percentage: 12 for 12%"})]
Coverage = Annotated[Decimal, PlainValidator(coverage), WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": MAX_COVERAGE_PERCENT, "description": "a percentage of the conversion shares: 50 for 50%"})]
Shares = Annotated[int, PlainValidator(shares), WithJsonSchema({"type": "integer", "minimum": 0, "description": "a whole number of shares (no commas)"})]
Date = Annotated[dt.date, PlainValidator(date), WithJsonSchema({"type": "string", "format": "date", "description": "a date, YYYY-MM-DD"})]
Text = Annotated[str, PlainValidator(text), WithJsonSchema({"type": "string", "minLength": 1})]
Name = Annotated[str, PlainValidator(name), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 255})]
FactName = Annotated[Any, PlainValidator(fact_name), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 255, "description": "a name, or TBC: what is missing"})]
FactText = Annotated[Any, PlainValidator(fact_text), WithJsonSchema({"type": "string", "minLength": 1, "description": "text, or TBC: what is missing"})]
FactDate = Annotated[Any, PlainValidator(fact_date), WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": "^TBC"}], "description": "a date, YYYY-MM-DD, or TBC: what is missing"})]
Id = Annotated[str, PlainValidator(ident), WithJsonSchema({"type": "string", "pattern": "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", "description": "lower-case letters, digits and inner hyphens"})]
Flag = Annotated[bool, PlainValidator(flag), WithJsonSchema({"type": "boolean"})]


def fact_price(value: Any) -> Decimal | Pending:
    return value if isinstance(value, Pending) else price(value)


def fact_money(value: Any) -> Decimal | Pending:
    return value if isinstance(value, Pending) else money(value)


FactMoney = Annotated[Any, PlainValidator(fact_money), WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": "^TBC"}], "description": "an amount of money, or TBC: what is missing"})]
FactPrice = Annotated[Any, PlainValidator(fact_price), WithJsonSchema({"anyOf": [{"type": "number", "exclusiveMinimum": 0}, {"type": "string", "pattern": "^TBC"}], "description": "a price per share, or TBC: what is missing"})]


_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def month(value: Any) -> str:
    if isinstance(value, str) and _MONTH.fullmatch(value.strip()):
        first = dt.date(int(value.strip()[:4]), int(value.strip()[5:7]), 1)
        if not date_in_range(first):
            _fail("month", f"expected a month {DATE_RANGE}, got {value.strip()}")
        return value.strip()
    _fail("month", f"expected a month written as YYYY-MM (e.g. 2003-06), got {_shown(value)}")


def month_end(month: str) -> dt.date:
    """'2003-05' -> 2003-05-31."""
    year, number = map(int, month.split("-"))
    return dt.date(year, number, _calendar.monthrange(year, number)[1])


def month_of(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def whole(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value > MAX_COUNT:
        _fail("whole", f"expected a whole number of at most {MAX_COUNT:,}, got {value:,}")
    _fail("whole", f"expected a whole number like 5, got {_shown(value)}")


def positive_days(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 365:
        return value
    _fail("positive_days", f"expected a positive whole number of days, 1 to 365, got {_shown(value)}")


def month_number(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return value
    _fail("month_number", f"expected the number of a month, 1 (January) to 12 (December), got {_shown(value)}")


Month = Annotated[str, PlainValidator(month), WithJsonSchema({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$", "description": "a month, YYYY-MM"})]
Whole = Annotated[int, PlainValidator(whole), WithJsonSchema({"type": "integer", "minimum": 0})]
PositiveDays = Annotated[int, PlainValidator(positive_days), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 365})]


_SECTION = re.compile(r"^[0-9IVXLC]+(?:[.(][0-9A-Za-z]+\)?)*(?:\([0-9a-z]+\))*$")


def section(value: Any) -> str:
    """A section number as the agreement writes it: 4(h), 5, 4.8, 7.1(c), IV."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _SECTION.match(value.strip()) and len(value.strip()) <= 16:
        return value.strip()
    _fail("section", "expected a section number as the agreement writes it, like 4(h), 5 or 4.8 (without the "
          f"word Section), got {value!r}")


def multiple(value: Any) -> Decimal:
    amount = _decimal(value, "a multiple", "2 or 1.5")
    if not 0 < amount <= 10:
        _fail("multiple", f"a multiple must be greater than 0 and at most 10, got {amount}")
    return amount



def payment_day(value: Any) -> str | int:
    if value in ("month-end", "first-business-day"):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 31:
        return value
    _fail("payment_day", f"expected month-end, first-business-day or a day of the month from 1 to 31, got {value!r}")


Section = Annotated[str, PlainValidator(section), WithJsonSchema({"type": "string", "description": "section number, e.g. 4(h) or 4.8"})]
Multiple = Annotated[Decimal, PlainValidator(multiple), WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 10, "description": "a multiple: 2 or 1.5"})]
MonthNumber = Annotated[int, PlainValidator(month_number), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 12})]
PaymentDay = Annotated[Any, PlainValidator(payment_day), WithJsonSchema({"anyOf": [{"enum": ["month-end", "first-business-day"]}, {"type": "integer", "minimum": 1, "maximum": 31}]})]

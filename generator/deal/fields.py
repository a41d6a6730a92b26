"""Field types of the deal data: money, share counts, prices, dates, text, ids.

Every validator takes only exact values (``int``, ``Decimal`` or digit strings, never
``float``) and says in a paralegal's words what it expected.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .load import Pending

_DECIMAL_TEXT = re.compile(r"^-?\d+(\.\d+)?$")
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


def _fail(kind: str, message: str):
    raise PydanticCustomError(kind, message)


def _decimal(value: Any, what: str, example: str) -> Decimal:
    if isinstance(value, bool):
        _fail(what, f"expected {what} like {example}, not true/false")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and _DECIMAL_TEXT.match(value.strip()):
        return Decimal(value.strip())
    if isinstance(value, Pending):
        _fail(what, f"{what} cannot be left to be confirmed here; the figures depend on it")
    _fail(what, f"expected {what} written as a plain number like {example} (no $, commas or words), got {value!r}")


def money(value: Any) -> Decimal:
    amount = _decimal(value, "an amount of money", "500000 or 500000.00")
    if amount < 0:
        _fail("money", "an amount of money cannot be negative")
    if amount.as_tuple().exponent < -2:
        _fail("money", f"an amount of money has at most two decimal places (cents), got {amount}")
    return amount


def price(value: Any) -> Decimal:
    amount = _decimal(value, "a price per share", "0.007")
    if amount <= 0:
        _fail("price", "a price per share must be greater than zero")
    return amount


def percent(value: Any) -> Decimal:
    rate = _decimal(value, "a percentage", "12 (for 12%)")
    if not 0 <= rate <= 100:
        _fail("percent", f"a percentage must be between 0 and 100, got {rate}")
    return rate


def shares(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value() and value >= 0:
        return int(value)
    if isinstance(value, Pending):
        _fail("shares", "a share count cannot be left to be confirmed here; the figures depend on it")
    _fail("shares", f"expected a whole number of shares like 2500000 (no commas), got {value!r}")


def date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, Pending):
        _fail("date", "this date cannot be left to be confirmed; the deadlines depend on it")
    _fail("date", f"expected a date written as YYYY-MM-DD (e.g. 2003-05-09), got {value!r}")


def text(value: Any) -> str:
    if isinstance(value, Pending):
        _fail("text", "this fact cannot be left to be confirmed")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split()) if "\n" not in value.strip() else value.strip()
    _fail("text", f"expected text, got {value!r}" if value is not None else "expected text, got nothing")


def fact_text(value: Any) -> str | Pending:
    return value if isinstance(value, Pending) else text(value)


def fact_date(value: Any) -> dt.date | Pending:
    return value if isinstance(value, Pending) else date(value)


def ident(value: Any) -> str:
    if isinstance(value, str) and _ID.match(value):
        return value
    _fail("id", "expected an id of lower-case letters, digits and inner hyphens (e.g. amnis-2003), "
          f"at most 64 characters, got {value!r}")


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    _fail("flag", f"expected true or false, got {value!r}")


Money = Annotated[Decimal, PlainValidator(money), WithJsonSchema({"type": "number", "minimum": 0, "description": "an amount of money, at most two decimal places (no $ or commas)"})]
Price = Annotated[Decimal, PlainValidator(price), WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "description": "a price per share"})]
Percent = Annotated[Decimal, PlainValidator(percent), WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100, "description": "a percentage: 12 for 12%"})]
Shares = Annotated[int, PlainValidator(shares), WithJsonSchema({"type": "integer", "minimum": 0, "description": "a whole number of shares (no commas)"})]
Date = Annotated[dt.date, PlainValidator(date), WithJsonSchema({"type": "string", "format": "date", "description": "a date, YYYY-MM-DD"})]
Text = Annotated[str, PlainValidator(text), WithJsonSchema({"type": "string", "minLength": 1})]
FactText = Annotated[Any, PlainValidator(fact_text), WithJsonSchema({"type": "string", "minLength": 1, "description": "text, or TBC: what is missing"})]
FactDate = Annotated[Any, PlainValidator(fact_date), WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": "^TBC"}], "description": "a date, YYYY-MM-DD, or TBC: what is missing"})]
Id = Annotated[str, PlainValidator(ident), WithJsonSchema({"type": "string", "pattern": "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", "description": "lower-case letters, digits and inner hyphens"})]
Flag = Annotated[bool, PlainValidator(flag), WithJsonSchema({"type": "boolean"})]


def fact_price(value: Any) -> Decimal | Pending:
    return value if isinstance(value, Pending) else price(value)


FactPrice = Annotated[Any, PlainValidator(fact_price), WithJsonSchema({"anyOf": [{"type": "number", "exclusiveMinimum": 0}, {"type": "string", "pattern": "^TBC"}], "description": "a price per share, or TBC: what is missing"})]


_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month(value: Any) -> str:
    if isinstance(value, str) and _MONTH.match(value.strip()):
        return value.strip()
    _fail("month", f"expected a month written as YYYY-MM (e.g. 2003-06), got {value!r}")


def whole(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    _fail("whole", f"expected a whole number like 5, got {value!r}")


Month = Annotated[str, PlainValidator(month), WithJsonSchema({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$", "description": "a month, YYYY-MM"})]
Whole = Annotated[int, PlainValidator(whole), WithJsonSchema({"type": "integer", "minimum": 0})]


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


def month_number(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return value
    _fail("month_number", f"expected a month number from 1 to 12, got {value!r}")


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

"""The deal, as the Securities Purchase Agreement describes it: validated, immutable facts."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from ..limits import MAX_BUYERS
from .fields import (
    Date,
    FactDate,
    FactName,
    FactPrice,
    FactText,
    Flag,
    Id,
    Money,
    Month,
    MonthNumber,
    Name,
    Percent,
    Price,
    Shares,
    Text,
    Whole,
)


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class NoticeDetails(Fact):
    """Where notices go (SPA s.8(f)): a name, address lines and how to reach the person."""

    name: Text | None = None
    address: list[FactText] = Field(min_length=1)
    attention: FactText | None = None
    telephone: FactText | None = None
    facsimile: FactText | None = None
    email: FactText | None = None


class Officer(Fact):
    id: Id
    name: FactName
    title: Text


class Company(Fact):
    name: Name
    state: Text
    entity_type: Text = "corporation"
    headquarters: list[FactText] = Field(min_length=1)
    notice: NoticeDetails
    copies_to: list[NoticeDetails] = []
    officers: list[Officer] = Field(min_length=1)
    chief_executive_officer: Id
    secretary: Id
    quote: FactText | None = None


class Signatory(Fact):
    name: FactText
    title: FactText


class PaymentDetails(Fact):
    """Where a Buyer is paid (wire instructions)."""

    bank: FactText
    account_name: FactText
    account_number: FactText
    routing: FactText
    reference: FactText | None = None


class Buyer(Fact):
    """A purchaser, as set forth below its name on the signature pages."""

    id: Id
    name: Name
    residence: Text
    notice: NoticeDetails
    signatory: Signatory
    principal: Money
    warrants: Shares
    purchase_price: Money
    payment: PaymentDetails | None = None
    consents_to_be_named: Flag = False          # s.4(c), s.4(q): written consent to be named publicly
    consent_recorded_on: Date | None = None
    aliases: list[Text] = []                     # other names the press-release guard looks for


class Agreement(Fact):
    title: Text
    date: Date
    governing_law: Text


class CommonStock(Fact):
    par_value: Price


class ConversionPrice(Fact):
    """The Conversion Price the Company determined, from a date, and the basis for it."""

    price: Price
    effective: Date
    basis: Text


class InterestDates(Fact):
    """Interest payment dates: the last day of the listed months, from ``first``."""

    first: Date
    months: list[MonthNumber] = Field(min_length=1)


class Debentures(Fact):
    title: Text
    interest_rate_percent: Percent
    day_count: Literal["actual/365"] = "actual/365"
    interest_dates: InterestDates
    maturity_date: Date
    aggregate_principal: Money
    conversion_price: ConversionPrice
    exhibit: Text


class Warrants(Fact):
    title: Text
    aggregate_shares: Shares
    exercise_price: FactPrice
    expiration_date: FactDate | None = None
    exhibit: Text


class Securities(Fact):
    common_stock: CommonStock
    debentures: Debentures
    warrants: Warrants
    registration_rights_agreement_exhibit: Text
    legend: Text


class ReserveLine(Fact):
    """Shares reserved for a purpose (SPA s.3(c)); an optional breakdown must add up."""

    purpose: Text
    shares: Shares
    breakdown: list["ReserveLine"] = []


class Capitalization(Fact):
    """The Company's capital as of the agreement date (SPA s.3(c))."""

    as_of: Date
    authorized_common: Shares
    common_outstanding: Shares
    authorized_preferred: Shares
    preferred_outstanding: Shares
    reserved: list[ReserveLine] = []
    buyers_reserve_on_approval: Shares


class TransferAgent(Fact):
    name: FactText
    notice: NoticeDetails


class CorporateRecord(Fact):
    title: Text
    exhibit: Text
    adopted_on: FactDate | None = None


class CorporateRecords(Fact):
    """What the Secretary's Certificate certifies (SPA s.3(c), s.7(d))."""

    certificate_of_incorporation: CorporateRecord
    bylaws: CorporateRecord
    resolutions: CorporateRecord


class Covenants(Fact):
    """The numbers of the Company's covenants (SPA s.2(f), s.4(c), s.4(f), s.4(h), s.4(l), s.4(q))."""

    reserve_multiple: Whole = 2
    list_due_business_days: Whole = 5
    shortfall_cure_days: Whole = 30
    information_statement_deadline: Date
    stockholder_approval_deadline: Date
    damages_first_month_percent: Percent = Decimal(2)      # Standard Liquidated Damages Amount, s.2(f)
    damages_later_months_percent: Percent = Decimal(3)
    opinion_acceptance_business_days: Whole = 3            # s.2(f)
    expense_payment_business_days: Whole = 5               # s.4(f)
    expense_interest_percent: Percent = Decimal(15)
    press_release_business_days: Whole = 1                 # s.4(q) (s.4(c) allows two)


class Contact(Fact):
    name: FactText
    title: FactText | None = None
    telephone: FactText | None = None
    email: FactText | None = None


class Quote(Fact):
    text: FactText
    officer: Id


class PressRelease(Fact):
    """The closing press release (SPA s.4(c), s.4(q), s.8(j))."""

    headline: Text
    dateline_city: Text
    contact: Contact
    use_of_proceeds: FactText
    registration_rights: Text
    quote: Quote
    about_company: FactText
    reviewed_by_buyers_on: FactDate | None = None


class Calendar(Fact):
    """Business days: a holiday calendar of the ``holidays`` package and any extra closures."""

    name: Literal["XFED", "XNYS"] = "XFED"
    extra_closures: list[Date] = []


# -- the ledger: what happens after closing, dated ------------------------------------------
class Event(Fact):
    date: Date
    note: Text | None = None


class Conversion(Event):
    event: Literal["conversion"]
    buyer: Id
    principal: Money
    conversion_price: Price
    shares_issued: Shares


class WarrantExercise(Event):
    event: Literal["warrant_exercise"]
    buyer: Id
    shares: Shares


class InterestPayment(Event):
    event: Literal["interest_payment"]
    buyer: Id
    amount: Money
    method: Literal["cash", "shares"]
    conversion_price: Price | None = None
    shares_issued: Shares | None = None


class ConversionPriceChange(Event):
    event: Literal["conversion_price"]
    price: Price
    basis: Text


class AuthorizedShares(Event):
    event: Literal["authorized_shares"]
    authorized_common: Shares
    stockholder_approval: Flag = False
    basis: Text


class CapitalizationUpdate(Event):
    event: Literal["capitalization"]
    common_outstanding: Shares
    reserved_for_others: Shares
    basis: Text


class Reserve(Event):
    event: Literal["reserve"]
    shares: Shares
    basis: Text


class ListDelivered(Event):
    event: Literal["list_delivered"]
    month: Month
    buyer: Id | None = None


class InformationStatementFiled(Event):
    event: Literal["information_statement_filed"]


class BreachRecorded(Event):
    """A breach the agreement does not date by itself: a representation (s.3(z)) or covenant (s.4(r))."""

    event: Literal["breach"]
    id: Id
    section: Text
    description: Text
    cured: Date | None = None
    buyers: list[Id] = []          # empty: every Buyer


class OpinionDelivered(Event):
    """A Buyer's opinion of counsel for a transfer (s.2(f)); ``accepted`` when the Company accepted it."""

    event: Literal["opinion_delivered"]
    buyer: Id
    accepted: Date | None = None


class ExpenseItem(Fact):
    description: Text
    amount: Money


class ExpenseInvoice(Event):
    """A Buyer's invoice for expenses the Company must reimburse (s.4(f))."""

    event: Literal["expense_invoice"]
    id: Id
    buyer: Id
    items: list[ExpenseItem] = Field(min_length=1)


class ExpensePayment(Event):
    event: Literal["expense_payment"]
    invoice: Id
    amount: Money


LedgerEvent = Annotated[Union[Conversion, WarrantExercise, InterestPayment, ConversionPriceChange,
                              AuthorizedShares, CapitalizationUpdate, Reserve, ListDelivered,
                              InformationStatementFiled, BreachRecorded, OpinionDelivered, ExpenseInvoice,
                              ExpensePayment], Field(discriminator="event")]

EVENT_KINDS = ("conversion", "warrant_exercise", "interest_payment", "conversion_price", "authorized_shares",
               "capitalization", "reserve", "list_delivered", "information_statement_filed", "breach",
               "opinion_delivered", "expense_invoice", "expense_payment")


class Deal(Fact):
    id: Id
    example: Flag = False          # an illustration, not the deal's real facts: marked on every page
    agreement: Agreement
    closing_date: Date
    company: Company
    buyers: list[Buyer] = Field(min_length=1, max_length=MAX_BUYERS)
    securities: Securities
    capitalization: Capitalization
    transfer_agent: TransferAgent
    corporate_records: CorporateRecords
    covenants: Covenants
    press_release: PressRelease
    calendar: Calendar = Calendar()
    ledger: list[LedgerEvent] = []

    def officer(self, officer_id: str) -> Officer:
        return next(o for o in self.company.officers if o.id == officer_id)

    def buyer(self, buyer_id: str) -> Buyer:
        return next(b for b in self.buyers if b.id == buyer_id)

    def events(self, *kinds: str) -> list:
        """Ledger events of the given kinds, in date order (stable for the same date)."""
        return sorted((e for e in self.ledger if e.event in kinds), key=lambda e: e.date)

    @property
    def chief_executive_officer(self) -> Officer:
        return self.officer(self.company.chief_executive_officer)

    @property
    def secretary(self) -> Officer:
        return self.officer(self.company.secretary)

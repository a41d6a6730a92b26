"""The deal, as the Securities Purchase Agreement describes it: validated, immutable facts."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .fields import Date, FactDate, FactPrice, FactText, Flag, Id, Money, Percent, Price, Shares, Text


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
    name: FactText
    title: Text


class Company(Fact):
    name: Text
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


class Buyer(Fact):
    """A purchaser, as set forth below its name on the signature pages."""

    id: Id
    name: Text
    residence: Text
    notice: NoticeDetails
    signatory: Signatory
    principal: Money
    warrants: Shares
    purchase_price: Money
    consents_to_be_named: Flag = False


class Agreement(Fact):
    title: Text
    date: Date
    governing_law: Text


class CommonStock(Fact):
    par_value: Price


class Debentures(Fact):
    title: Text
    interest_rate_percent: Percent
    aggregate_principal: Money
    exhibit: Text


class Warrants(Fact):
    title: Text
    aggregate_shares: Shares
    exercise_price: FactPrice
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


class Deal(Fact):
    id: Id
    agreement: Agreement
    closing_date: Date
    company: Company
    buyers: list[Buyer] = Field(min_length=1)
    securities: Securities
    capitalization: Capitalization
    transfer_agent: TransferAgent
    corporate_records: CorporateRecords

    def officer(self, officer_id: str) -> Officer:
        return next(o for o in self.company.officers if o.id == officer_id)

    @property
    def chief_executive_officer(self) -> Officer:
        return self.officer(self.company.chief_executive_officer)

    @property
    def secretary(self) -> Officer:
        return self.officer(self.company.secretary)

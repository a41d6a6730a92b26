"""The deal, as the Securities Purchase Agreement describes it: validated, immutable facts."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..limits import MAX_BUYERS
from .family import SECURITY_WORDS, SecurityWords
from .fields import (
    Coverage,
    Date,
    FactDate,
    FactMoney,
    FactName,
    FactPrice,
    FactText,
    Flag,
    Id,
    Money,
    Month,
    MonthNumber,
    Multiple,
    Name,
    ParValue,
    PaymentDay,
    Percent,
    PositiveDays,
    Price,
    Section,
    Shares,
    Text,
    Whole,
)
from .jurisdictions import CHARTER_NAMES, corporate_words, formal_name, rolls_deadlines_by_default


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Source(Fact):
    """Where a fact comes from: a section of the agreement, a named document the deal file records (an
    exhibit, a schedule, the convertible security's own terms, a board consent), a derivation, or nothing yet. ``confirmed: false``
    says the fact is still to be confirmed against that source: a final document will not print it, nor
    any figure derived from it."""

    section: Section | None = None        # of the agreement: 4(h)
    document: Text | None = None          # a named document: an exhibit, a schedule, the board's written consent
    derived: Text | None = None           # how it is derived, from what
    unconfirmed: Text | None = None       # no source yet: what is missing
    confirmed: Flag = True

    @model_validator(mode="after")
    def _one_kind(self) -> Source:
        given = [k for k in ("section", "document", "derived", "unconfirmed") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a source is exactly one of section (of the agreement), document (a named document "
                             "the deal file records), derived (how) or unconfirmed (what is missing), got "
                             + (", ".join(given) if given else "none"))
        if self.unconfirmed is not None and "confirmed" in self.model_fields_set and self.confirmed:
            raise ValueError("a fact with no source yet (unconfirmed) cannot be confirmed: name its section, "
                             "document or derivation")
        return self

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed and self.unconfirmed is None

    def describe(self) -> str:
        if self.section is not None:
            return f"Section {self.section} of the agreement"
        if self.document is not None:
            return f"the {self.document}" if not self.document.lower().startswith("the ") else self.document
        if self.derived is not None:
            return f"derived: {self.derived}"
        return f"no source yet: {self.unconfirmed}"


class Sourced(Fact):
    """Facts that may say where each comes from: ``sources`` maps a key of this mapping to its source."""

    sources: dict[str, Source] = {}


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


class Charter(Fact):
    """The names of the company's charter documents in its jurisdiction."""

    name: Text          # e.g. the Certificate or Articles of Incorporation (jurisdictions.CHARTER_NAMES)
    bylaws: Text        # By-laws, Bylaws, Limited Liability Company Agreement


class CorporateWords(Fact):
    """What the company's statute calls its owners: "stockholders" (Delaware, New York, Nevada) or
    "shareholders" (Pennsylvania, Washington, Minnesota, ...); default: jurisdictions.OWNER_WORDS."""

    owners: Literal["stockholders", "shareholders", "members"]


class Company(Sourced):
    name: Name
    state: Text
    entity_type: Literal["corporation", "limited liability company"] = "corporation"
    charter: Charter | None = None      # default: the usual names in its state (CHARTER_NAMES)
    words: CorporateWords | None = None  # default: what its state's statute calls its owners (OWNER_WORDS)
    headquarters: list[FactText] = Field(min_length=1)
    notice: NoticeDetails
    copies_to: list[NoticeDetails] = []
    officers: list[Officer] = Field(min_length=1)
    chief_executive_officer: Id
    secretary: Id
    quote: FactText | None = None

    @property
    def charter_documents(self) -> Charter:
        if self.charter is not None:
            return self.charter
        names = CHARTER_NAMES[self.entity_type]
        name, bylaws = names.get(self.state, names["default"])
        return Charter(name=name, bylaws=bylaws)

    @property
    def owners(self) -> str:
        """"stockholders" or "shareholders" (or "members"), as the company's statute says."""
        return self.words.owners if self.words is not None else corporate_words(self.entity_type, self.state)


class SigningEntity(Fact):
    """An entity through which a Buyer signs: its general partner, manager or investment manager."""

    name: Text
    capacity: Text                  # "its general partner", "its manager"


class Signatory(Fact):
    """A person who signs for a party: name, title, the capacity in which the person signs (default: the
    title), and the entities the party signs through (a fund by its general partner or manager)."""

    id: Id | None = None                # the signer's key (default: the Buyer's id, then <buyer>-2, <buyer>-3, ...)
    name: FactText
    title: FactText
    capacity: Text | None = None        # "authorized signatory", "attorney-in-fact" (default: the title)
    through: list[SigningEntity] = []   # outermost first: a partnership signing by its general partner


class PaymentDetails(Fact):
    """Where a Buyer is paid (wire instructions)."""

    bank: FactText
    account_name: FactText
    account_number: FactText
    routing: FactText
    reference: FactText | None = None


class Buyer(Sourced):
    """A purchaser, as set forth below its name on the signature pages."""

    id: Id
    name: Name
    residence: Text
    notice: NoticeDetails
    signatory: Signatory | None = None          # one person signs for the Buyer, or
    signatories: list[Signatory] = []           # several (a fund that signs by two officers)
    principal: Money | None = None                # debt: the principal amount of its Debentures or Notes
    preferred_shares: Shares | None = None        # preferred: the number of its Preferred Shares
    warrants: Shares | None = None      # shares under its Warrants; with warrant coverage, derived when left out
    purchase_price: Money
    payment: PaymentDetails | None = None
    consents_to_be_named: Flag = False          # s.4(c), s.4(q): written consent to be named publicly
    consent_recorded_on: Date | None = None
    aliases: list[Text] = []                     # other names the press-release guard looks for

    @model_validator(mode="after")
    def _signed_by(self) -> Buyer:
        if (self.signatory is None) == (not self.signatories):
            raise ValueError("give the Buyer's signatory (one person) or signatories (a list of them), not "
                             + ("both" if self.signatory is not None else "neither"))
        return self

    @property
    def signers(self) -> list[Signatory]:
        """Everyone who signs for the Buyer, in order."""
        return [self.signatory] if self.signatory is not None else list(self.signatories)

    def signer_key(self, index: int) -> str:
        """The stable key of the Buyer's ``index``-th signer (from 0): its id, or the Buyer's id for the first
        and ``<buyer>-<n>`` for the n-th."""
        signer = self.signers[index]
        if signer.id is not None:
            return signer.id
        return self.id if index == 0 else f"{self.id}-{index + 1}"

    @property
    def signer_keys(self) -> list[str]:
        return [self.signer_key(i) for i in range(len(self.signers))]


class Sections(Fact):
    """Where the agreement says what the closing documents cite, in its own numbering."""

    capitalization: Section                          # the capitalization representation
    transfer_agent_instructions: Section             # the covenant to deliver them
    legend: Section                                  # the restrictive legend
    closing_conditions: list[Section] = Field(min_length=1)   # the Buyers' conditions the certificates satisfy
    #   (each certificate cites those of closing.items that name it; these where the deal has no checklist)
    certificates: Section | None = None              # where the agreement describes the two certificates
    transfer_agent_acknowledgment: Section | None = None      # the condition that the agent acknowledge them
    stop_transfer: Section | None = None             # the limits on transfer (opinion of counsel)
    injunctive_relief: Section | None = None
    notices: Section | None = None
    purchase_price: Section | None = None
    buyers_review: Section | None = None             # the Buyers' review of public statements


class Agreement(Sourced):
    title: Text
    date: Date
    governing_law: Text
    sections: Sections

    @property
    def governing_jurisdiction(self) -> str:
        """"the State of New York" or "the Commonwealth of Pennsylvania", as a governing-law clause says it."""
        return formal_name(self.governing_law)


class CommonStock(Sourced):
    par_value: ParValue       # a price per share, or the words "no par value" (printed as such)

    @property
    def par_value_words(self) -> str:
        """"par value $0.001 per share" or "no par value", as the documents print it."""
        if isinstance(self.par_value, str):
            return self.par_value
        return f"par value ${self.par_value} per share"


class ConversionPrice(Fact):
    """The Conversion Price the Company determined, from a date, and the basis for it."""

    price: Price
    effective: Date
    basis: Text
    confirmed: Flag = True          # false: inferred (not from the security's terms); not published as fact


# Day count conventions of the 2006 ISDA Definitions s.4.16 (generator/compute/day_count.py):
# "actual/365" is Actual/365 (Fixed); "30/360" the US bond basis (s.4.16(f)).
DayCount = Literal["actual/365", "actual/360", "actual/actual (ISDA)", "30/360", "30E/360", "30E/360 (ISDA)"]
Frequency = Literal["monthly", "quarterly", "semi-annual", "annual"]
BusinessDayConvention = Literal["none", "following", "modified-following"]
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "semi-annual": 6, "annual": 12}


class PaymentSchedule(Fact):
    """Payment dates of an accrual (interest, dividends): from ``first``, every ``frequency`` (or in the
    listed ``months``), on the month end, the first business day or a fixed day (the month end where the
    month is shorter); a date that is not a business day of the deal's calendar moves under
    ``business_day``; the accrual periods end on the dates as scheduled unless ``accrual`` says adjusted."""

    first: Date                               # the first payment date, one the schedule fixes (before any move for a business day)
    frequency: Frequency | None = None        # monthly, quarterly, semi-annual, annual: counted from the month of first
    months: list[MonthNumber] | None = Field(default=None, min_length=1)   # or the months listed (1-12); one of the two
    day: PaymentDay = "month-end"            # month-end, first-business-day, or a day of the month (1-31; the month end where the month is shorter)
    business_day: BusinessDayConvention = "none"   # a date not a business day: kept (none), moved to the next one (following), or to the next one unless in the next month, then to the one before (modified-following)
    accrual: Literal["unadjusted", "adjusted"] = "unadjusted"   # each period accrues to the date as scheduled (default), or to the date as moved by business_day

    @model_validator(mode="after")
    def _months_or_frequency(self) -> PaymentSchedule:
        if (self.months is None) == (self.frequency is None):
            raise ValueError("give the payment months as one of frequency (monthly, quarterly, semi-annual, "
                             "annual) or months (a list of 1-12), " + ("not both" if self.months else "got neither"))
        return self

    @property
    def payment_months(self) -> list[int]:
        """The months with a payment date: the listed ones, or every ``frequency`` from the first's month."""
        if self.months is not None:
            return sorted(set(self.months))
        step = FREQUENCY_MONTHS[self.frequency or "monthly"]
        return sorted({(self.first.month - 1 + k * step) % 12 + 1 for k in range(12 // step)})


class Security(Fact):
    """The security interest that secures the convertible security (e.g. SPA s.7(i): a Pledge and Security
    Agreement): the press release states it."""

    agreement: Text                    # "Pledge and Security Agreement"
    collateral: FactText               # what it is secured by: "substantially all of the Company's assets"
    priority: Text | None = None       # "first-priority"
    section: Section | None = None     # where the agreement calls for it


class Accrual(NamedTuple):
    """What accrues on the convertible security, whatever its kind calls it: interest on principal, or
    dividends on the Stated Value (compute/interest.py counts both the same way)."""

    rate_percent: Decimal
    day_count: str
    payments: PaymentSchedule
    cumulative: bool                    # unpaid amounts carry forward (always, for interest)


class ConvertibleTerms(Sourced):
    """What every convertible security of the family has, debt or preferred stock."""

    defined_term: Text                 # plural, as the documents use it: "Debentures", "Notes", "Preferred Shares"
    title: Text                        # "12% Convertible Debentures", "Series B Convertible Preferred Stock"
    conversion_price: ConversionPrice
    exhibit: Text | None = None
    delivery_business_days: Whole | None = None   # certificates due within these business days of a notice
    dwac: Flag = False              # shares may be delivered through DTC's DWAC system once they are free to trade

    @property
    def words(self) -> SecurityWords:
        """The security's own words (family.SECURITY_WORDS): principal and interest, or Stated Value and dividends."""
        return SECURITY_WORDS[self.kind]     # type: ignore[attr-defined]


class ConvertibleSecurity(ConvertibleTerms):
    """Convertible debt as the agreement defines it (Debentures, Notes): principal, interest, maturity.
    ``kind: debt`` may be left out (the default)."""

    kind: Literal["debt"] = "debt"
    interest_rate_percent: Percent
    day_count: DayCount = "actual/365"    # actual/365 (Fixed), actual/360, actual/actual (ISDA), 30/360 (US bond basis), 30E/360 (Eurobond basis), 30E/360 (ISDA): the 2006 ISDA Definitions s.4.16
    interest_payments: PaymentSchedule
    maturity_date: Date
    aggregate_principal: Money
    security: Security | None = None   # secured: by what, under which agreement

    @property
    def aggregate_amount(self) -> Decimal:
        return self.aggregate_principal

    @property
    def accrual(self) -> Accrual:
        return Accrual(self.interest_rate_percent, self.day_count, self.interest_payments, True)

    @property
    def end_date(self) -> dt.date:
        """The maturity date."""
        return self.maturity_date

    ACCRUAL_KEYS: ClassVar[tuple[str, ...]] = ("interest_rate_percent", "day_count", "interest_payments", "maturity_date")


class Dividends(Fact):
    """Dividends on the Preferred Shares: a rate a year on the Stated Value, accruing from the Closing Date
    like interest (the same day counts and payment dates)."""

    rate_percent: Percent
    cumulative: Flag                   # unpaid dividends accumulate (cumulative) or lapse at each payment date
    day_count: DayCount = "actual/365"    # as for interest: the 2006 ISDA Definitions s.4.16
    payments: PaymentSchedule          # the dividend payment dates
    paid_in: Literal["cash", "shares", "cash-or-shares"] = "cash"   # shares: of Common Stock, at the Conversion Price
    convert_with_shares: Flag = False  # accrued and unpaid dividends convert with the Preferred Shares


class LiquidationPreference(Fact):
    """What a holder receives per Preferred Share on a liquidation before the Common Stock."""

    multiple: Multiple | None = None           # times the Stated Value (none: once)
    plus_accrued_dividends: Flag = True        # plus accrued and unpaid dividends


class MandatoryRedemption(Fact):
    """The date the Company must redeem every Preferred Share still outstanding (the security's end)."""

    date: Date
    premium_percent: Percent | None = None     # redeemed at the Stated Value plus this percentage of it
    paid_in: Literal["cash", "shares", "cash-or-shares"] = "cash"


class OptionalRedemption(Fact):
    """A right to redeem Preferred Shares before the mandatory date: the Company's or the holders'."""

    at_option_of: Literal["company", "holders"]
    after: Date | None = None                   # not before this date
    premium_percent: Percent | None = None
    notice_days: Whole | None = None            # days' written notice


class RedemptionTerms(Fact):
    mandatory: MandatoryRedemption              # a perpetual preferred (no mandatory redemption) is not modelled yet
    optional: list[OptionalRedemption] = []


class ConvertiblePreferred(ConvertibleTerms):
    """Convertible preferred stock (``kind: preferred``): a series of Preferred Shares, each with a Stated Value,
    carrying dividends and redeemed (not repaid) on the mandatory redemption date. Each Buyer's number of
    Preferred Shares is ``buyers[].preferred_shares``; a conversion converts shares x Stated Value (plus accrued
    dividends where ``dividends.convert_with_shares``) at the Conversion Price."""

    kind: Literal["preferred"]
    series: Text                       # "Series B"
    stated_value: Price                # per Preferred Share
    aggregate_shares: Shares           # Preferred Shares sold to all the Buyers
    dividends: Dividends
    liquidation_preference: LiquidationPreference = LiquidationPreference()
    redemption: RedemptionTerms
    certificate_of_designations: Text | None = None   # the document that sets the series' terms

    @property
    def aggregate_amount(self) -> Decimal:
        """The aggregate Stated Value: the shares sold x the Stated Value."""
        return self.aggregate_shares * self.stated_value

    @property
    def accrual(self) -> Accrual:
        d = self.dividends
        return Accrual(d.rate_percent, d.day_count, d.payments, d.cumulative)

    @property
    def end_date(self) -> dt.date:
        """The mandatory redemption date."""
        return self.redemption.mandatory.date

    @property
    def liquidation_amount(self) -> Decimal:
        """The liquidation preference per Preferred Share (before accrued dividends)."""
        return self.stated_value * (self.liquidation_preference.multiple or 1)

    ACCRUAL_KEYS: ClassVar[tuple[str, ...]] = ("dividends", "redemption")


def _convertible_kind(value: Any) -> Any:
    """``kind`` defaults to debt: the deal files written before preferred stock existed stay valid."""
    if isinstance(value, dict) and "kind" not in value:
        return {"kind": "debt", **value}
    return value


Convertible = Annotated[Annotated[ConvertibleSecurity | ConvertiblePreferred, Field(discriminator="kind")],
                        BeforeValidator(_convertible_kind)]


class WarrantCoverage(Fact):
    """Warrant coverage as the agreement states it: each Buyer's Warrants cover this percentage of the shares
    issuable on conversion of its convertible security at the initial Conversion Price, rounded under the
    agreement's rule (compute/rounding.py: COVERAGE_RULES)."""

    percent: Coverage                                   # 50 for 50% of the conversion shares
    rounding: Literal["down", "up", "half-up"] = "down"    # to a whole share
    section: Section | None = None                      # where the agreement states the coverage


class Warrants(Sourced):
    defined_term: Text = "Warrants"
    title: Text
    coverage: WarrantCoverage | None = None   # the Buyers' Warrants as a percentage of their conversion shares
    aggregate_shares: Shares | None = None    # the Buyers' Warrants together; derived from the coverage when left out
    exercise_price: FactPrice
    expiration_date: FactDate | None = None
    exhibit: Text


class Securities(Fact):
    common_stock: CommonStock
    convertible: Convertible            # kind: debt (the default) or preferred
    warrants: Warrants | None = None      # a deal without warrants never mentions them
    registration_rights_agreement_exhibit: Text | None = None
    legend: Text


class ReserveLine(Fact):
    """Shares reserved for a purpose (SPA s.3(c)); an optional breakdown must add up."""

    purpose: Text
    shares: Shares
    breakdown: list[ReserveLine] = []


class Capitalization(Sourced):
    """The Company's capital as of the agreement date (SPA s.3(c))."""

    as_of: Date
    authorized_common: Shares
    common_outstanding: Shares
    authorized_preferred: Shares
    preferred_outstanding: Shares
    reserved: list[ReserveLine] = []


class TransferAgent(Sourced):
    name: FactText
    notice: NoticeDetails
    signatories: list[Signatory] = []   # none: one authorized signatory, who writes in name and title

    def signer_key(self, index: int) -> str:
        """The stable key of the agent's ``index``-th signer (from 0; with no signatories, the one who writes in
        name and title): its id, or ``transfer-agent`` for the first and ``transfer-agent-<n>`` for the n-th."""
        signer = self.signatories[index] if self.signatories else None
        if signer is not None and signer.id is not None:
            return signer.id
        return "transfer-agent" if index == 0 else f"transfer-agent-{index + 1}"

    @property
    def signer_keys(self) -> list[str]:
        return [self.signer_key(i) for i in range(max(1, len(self.signatories)))]


class CorporateRecord(Sourced):
    title: Text
    exhibit: Text
    adopted_on: FactDate | None = None
    adopted_by: Literal["meeting", "written-consent"] | None = None   # how resolutions were adopted


class CorporateRecords(Fact):
    """What the Secretary's Certificate certifies: the charter, the bylaws and the resolutions."""

    charter: CorporateRecord
    bylaws: CorporateRecord
    resolutions: CorporateRecord
    convertible_terms: CorporateRecord | None = None   # the terms of convertible securities furnished to the Buyers


class LiquidatedDamages(Sourced):
    """The liquidated damages for the breaches the agreement names (SPA s.2(f)), as it words them: a
    monthly rate (a first month's and the later months' rate, or one flat rate for every month), prorated
    for a partial month, of a base, with a cap on each Buyer's damages where the agreement has one."""

    section: Section
    defined_term: Text                        # "Standard Liquidated Damages Amount"
    first_month_percent: Percent | None = None     # the first month's rate (with later_months_percent)
    later_months_percent: Percent | None = None    # each later month's rate
    monthly_percent: Percent | None = None          # or one flat rate for every month
    base: Literal["outstanding-plus-accrued", "purchase-price"] = "outstanding-plus-accrued"   # of what, per Buyer: its outstanding amount plus accrued and unpaid return (debt: principal plus interest; preferred: Stated Value plus dividends) at the start of each month, or its purchase price
    cap_percent: Percent | None = None         # a cap on each Buyer's damages, all breaches together
    cap_of: Literal["original-amount", "purchase-price"] = "original-amount"   # the cap in % of the Buyer's original amount of the security (debt: its principal amount) or of its purchase price

    @model_validator(mode="after")
    def _one_schedule(self) -> LiquidatedDamages:
        tiered = [k for k in ("first_month_percent", "later_months_percent") if getattr(self, k) is not None]
        if self.monthly_percent is not None and tiered:
            raise ValueError("the rate is either one flat monthly_percent or a first_month_percent and a "
                             f"later_months_percent, not both (got monthly_percent and {' and '.join(tiered)})")
        if self.monthly_percent is None and len(tiered) != 2:
            missing = [k for k in ("first_month_percent", "later_months_percent") if k not in tiered]
            raise ValueError("the rate needs a first_month_percent and a later_months_percent, or one flat "
                             f"monthly_percent for every month (missing: {' and '.join(missing)})")
        if "cap_of" in self.model_fields_set and self.cap_percent is None:
            raise ValueError("cap_of says what a cap is a percentage of, but there is no cap_percent")
        return self

    def rate(self, month: int) -> Decimal:
        """The rate for the ``month``-th monthly period (1 = the first)."""
        if self.monthly_percent is not None:
            return self.monthly_percent
        rate = self.first_month_percent if month == 1 else self.later_months_percent
        assert rate is not None   # the schedule is checked whole (_one_schedule)
        return rate

    @property
    def flat(self) -> bool:
        return self.monthly_percent is not None


class Publicity(Sourced):
    """The press release covenant: one or two sections; the shorter deadline governs."""

    sections: list[Section] = Field(min_length=1, max_length=2)
    business_days: Whole                      # the stricter of the sections' deadlines
    governing_section: Section                # the section that sets it


class ShareReserve(Sourced):
    """The share reserve and the monthly list (SPA s.4(h))."""

    section: Section
    multiple: Multiple                        # Reserved Amount = multiple x the shares issuable
    interest_shares_counted: Flag = False     # whether one year of interest shares count in it
    list_due_business_days: Whole
    shortfall_cure_days: Whole
    lists_start: Literal["closing-month", "first-full-month"] = "closing-month"   # the first list is as of the end of the closing's month, or of the first full calendar month after the Closing Date (the month after the closing's, whatever its day)


class StockholderApproval(Sourced):
    """An approval to increase the authorized shares, with its information statement (SPA s.4(l))."""

    section: Section
    defined_term: Text                        # "Stockholder Approval"
    deadline_term: Text | None = None         # "Approval Date"
    information_statement_deadline: Date
    approval_deadline: Date
    reserve_on_approval: Shares               # the shares the Company will reserve once it is obtained


class OpinionAcceptance(Sourced):
    section: Section
    business_days: Whole


class ExpenseReimbursement(Sourced):
    section: Section
    business_days: Whole
    interest_percent: Percent


class Covenants(Fact):
    """The Company's covenants this agreement has, each with its section; an absent one has no effect."""

    liquidated_damages: LiquidatedDamages
    share_reserve: ShareReserve
    publicity: Publicity | None = None
    stockholder_approval: StockholderApproval | None = None
    opinion_acceptance: OpinionAcceptance | None = None
    expense_reimbursement: ExpenseReimbursement | None = None
    representations: Section | None = None    # where a breach of the representations is damages
    covenants: Section | None = None          # where a breach of the covenants is damages


class Readings(Fact):
    """How the deal reads the agreement where it can be read two ways; each default is the reading the
    README argues for; the figures JSON and the Company summary's working copy state them (README: Readings)."""

    # 1. deadlines that end on a weekend or holiday move to the next business day (NY GCL s.25);
    #    default: on where the governing law is New York, off otherwise
    roll_deadlines_to_business_day: Flag | None = None
    # 2. a reserve shortfall while the approval is pending (not obtained, deadline not passed) does not
    #    start the cure period ("tolled"), or does ("runs")
    shortfall_before_approval: Literal["tolled", "runs"] = "tolled"
    # 3. before the approval each Buyer converts only against its own allocation, or against all shares available
    conversions_before_approval: Literal["own-allocation", "all-available"] = "own-allocation"
    # 4. each reservation is allocated pro rata when made and a Buyer's issuances use only its part
    #    ("fixed-when-reserved"), or the remaining reserve is re-split among the Buyers on every date
    allocation: Literal["fixed-when-reserved", "re-split"] = "fixed-when-reserved"
    # 5. interest paid in shares comes out of the Buyers' reserve, or out of unreserved authorized shares
    interest_shares_from: Literal["buyers-reserve", "unreserved-shares"] = "buyers-reserve"
    # 6. a breach counts the day of its cure (and a late payment its payment day), or stops the day before
    cure_day: Literal["counted", "not-counted"] = "counted"
    # 7. a monthly period from a day its later month lacks (January 31) ends on that month's last day
    #    (NY GCL s.30), or the next period starts on that last day
    short_months: Literal["governing-law", "next-period-on-last-day"] = "governing-law"
    # 8. expense interest on the total amount to be reimbursed (the words) or on the unpaid balance,
    expense_interest_on: Literal["total", "unpaid-balance"] = "total"
    #    from the submission of the invoice or from the day after the payment deadline
    expense_interest_from: Literal["submission", "after-deadline"] = "submission"
    # 9. figures "as of" a date include that whole day (interest and damages alike), or stop at its start
    as_of: Literal["end-of-day", "start-of-day"] = "end-of-day"


class Contact(Fact):
    name: FactText
    title: FactText | None = None
    telephone: FactText | None = None
    email: FactText | None = None


class Quote(Fact):
    text: FactText
    officer: Id


class PressRelease(Sourced):
    """The closing press release (SPA s.4(c), s.4(q), s.8(j))."""

    headline: Text
    dateline_city: Text
    contact: Contact
    use_of_proceeds: FactText
    registration_rights: Text | None = None
    quote: Quote
    about_company: FactText
    reviewed_by_buyers_on: FactDate | None = None   # the Buyers' prior review; a final build needs it
    release_date: Date | None = None                # the dateline; default: the day the release is due
    safe_harbor: Flag = False       # the PSLRA safe harbor is available (not to a penny-stock issuer)


class Calendar(Fact):
    """Business days: a holiday calendar of the ``holidays`` package and any extra closures."""

    name: Literal["XFED", "XNYS"] = "XFED"
    extra_closures: list[Date] = []
    reminder_days: PositiveDays = 3     # the deadline calendar's reminder, this many days before each event


# -- the closing: its conditions and deliverables, and where each stands ---------------------
# The closing set's documents a checklist item may name (generator/plan/documents.py makes them).
CLOSING_DOCUMENTS = ("transfer-agent-instructions", "officers-certificate", "secretarys-certificate", "press-release")
Party = Literal["company", "buyers", "transfer-agent", "company-counsel", "buyers-counsel"]


class ClosingItem(Fact):
    """A condition of the closing, or a deliverable, as the agreement states it: its section, who
    delivers it to whom, and the documents closingdocs makes for it (slugs of the closing set)."""

    id: Id
    section: Section
    kind: Literal["condition", "delivery"]
    title: Text
    by: Party | None = None           # who delivers it (none: a state of affairs, such as no injunction)
    to: Party | None = None
    documents: list[Id] = []          # closing set documents that satisfy it, e.g. officers-certificate


class Delivery(Fact):
    """Where one condition or deliverable stands: pending, received (a deliverable, or what a condition calls
    for), satisfied (a condition) or waived, with its date. The checklist says a condition is satisfied."""

    item: Id
    status: Literal["pending", "received", "satisfied", "waived"]
    date: Date | None = None
    note: Text | None = None


class ThirdPartyDeliverable(Fact):
    """A deliverable a third party makes for the closing: its due date, the date it bears, when it came in."""

    id: Id
    section: Section                  # where the agreement calls for it
    item: Id | None = None            # the closing item it satisfies (closing.items), if one
    due: Date                         # when it is wanted (the Closing Date, or before)
    dated: Date | None = None         # the date the certificate, opinion or acknowledgment bears
    received: Date | None = None      # when it came in
    note: Text | None = None


class GoodStanding(ThirdPartyDeliverable):
    """A certificate of good standing from one jurisdiction, which is stale when dated more than
    ``bring_down_days`` before the Closing Date (then a bring-down, by telephone or a new certificate)."""

    kind: Literal["good-standing"]
    jurisdiction: Text                # Delaware, California (where the Company is qualified)
    issued_by: Text                   # the Delaware Secretary of State
    bring_down_days: Whole            # the bring-down window: dated no more than this many days before closing


class LegalOpinion(ThirdPartyDeliverable):
    """An opinion of counsel delivered at closing."""

    kind: Literal["legal-opinion"]
    counsel: Text                     # who gives it
    addressed_to: Text = "the Buyers"


class TransferAgentAcknowledgment(ThirdPartyDeliverable):
    """The transfer agent's written acknowledgment of its irrevocable instructions."""

    kind: Literal["transfer-agent-acknowledgment"]


ThirdParty = Annotated[GoodStanding | LegalOpinion | TransferAgentAcknowledgment, Field(discriminator="kind")]


# Who may be a party to a document signed at closing, besides a Buyer named by its id.
DOCUMENT_PARTIES = ("company", "buyers", "transfer-agent")


class DocumentParty(Fact):
    """A party to a document signed at closing, and who signs for it: the Company by its officers; each
    Buyer (``buyers``) or one Buyer (its id) by its signatories; the transfer agent by its own."""

    party: Id                        # company, buyers (each Buyer), transfer-agent, or a Buyer's id
    signers: list[Id] = []           # the Company: officers' ids (required); a Buyer or the transfer agent:
    #                                  keys of its signatories (default: all of them; each Buyer's for buyers)
    specimens: list[Id] = []         # the Company's officers who give a specimen signature (an incumbency)
    label: Text | None = None        # the words above the party's block, "ACKNOWLEDGED AND AGREED:" (default:
    #                                  COMPANY:, BUYER:, TRANSFER AGENT:, or the party's name in capitals)
    name: FactText | None = None     # a party the deal has nowhere else (an escrow agent): its name,
    signatories: list[Signatory] = []    # and who signs for it

    def signer_key(self, index: int) -> str:
        """The key of such a party's ``index``-th signatory: its id, or the party's id, then ``<party>-<n>``."""
        signer = self.signatories[index]
        if signer.id is not None:
            return signer.id
        return self.party if index == 0 else f"{self.party}-{index + 1}"

    @property
    def signer_keys(self) -> list[str]:
        return [self.signer_key(i) for i in range(len(self.signatories))]


class TransactionDocument(Fact):
    """An agreement or instrument signed at closing: its parties and who signs for each, and whether
    closingdocs makes it (a document of the closing set, by its slug) or it comes from counsel."""

    id: Id                           # closingdocs' documents: their slug (transfer-agent-instructions)
    title: Text                      # as its signature page's caption names it: "Securities Purchase Agreement"
    made_by: Literal["closingdocs", "counsel"]
    exhibit: Text | None = None      # the exhibit of the agreement it is in the form of
    issued_to: Literal["each-buyer"] | None = None   # an instrument issued to each Buyer (a Debenture, a Warrant):
    #                                                  signed once for each Buyer's
    parties: list[DocumentParty] = Field(min_length=1)


class Closing(Fact):
    """The closing checklist: every condition and deliverable of the agreement, and their status; and the
    documents signed at closing, with who signs each."""

    items: list[ClosingItem] = Field(min_length=1)
    deliveries: list[Delivery] = []
    documents: list[TransactionDocument] = []
    third_party: list[ThirdParty] = []   # certificates, opinions and acknowledgments third parties deliver


# -- after the closing: the filings the securities laws require, and the periods the agreement sets --
class FormD(Fact):
    """The notice of sales on Form D (Rule 503 of Regulation D), due after the first sale, and the copy the
    agreement promises each Buyer."""

    kind: Literal["form-d"]
    first_sale: Date                  # when the first investor was irrevocably contractually committed
    first_sale_source: Source         # how that date is known (the signature date, the Closing Date)
    copy_section: Section | None = None   # where the agreement promises each Buyer a copy (promptly after filing)
    filed_on: Date | None = None
    copies_sent_on: Date | None = None


ReportableEvent = Literal["material-agreement", "financial-obligation", "unregistered-sale"]


class ReportedEvent(Fact):
    """An event of the financing that a current report may have to report, with its date and source."""

    event: ReportableEvent
    date: Date
    source: Source


class CurrentReport(Fact):
    """The Company's current report on Form 8-K: which events the financing is, by the rule of their date."""

    kind: Literal["form-8-k"]
    events: list[ReportedEvent] = Field(min_length=1)
    section: Section | None = None    # where the agreement calls for it (a press release or Form 8-K)
    filed_on: Date | None = None


class StateNotice(Fact):
    """A state notice filing where Buyers reside: its period after the first sale in that state, and its source
    (the state's statute or rule, as the deal's counsel gives it: closingdocs holds no state law of its own)."""

    kind: Literal["state-notice"]
    state: Text
    buyers: list[Id] = Field(min_length=1)    # the Buyers residing there
    filing: Text                      # what is filed, with whom
    days_after_first_sale: Whole      # the period
    business_day_rule: Literal["next-business-day", "none"] = "next-business-day"
    source: Source
    filed_on: Date | None = None


Filing = Annotated[FormD | CurrentReport | StateNotice, Field(discriminator="kind")]
FILING_KINDS = ("form-d", "form-8-k", "state-notice")


class PeriodLength(Fact):
    """A period after a day: in days, months or years (exactly one)."""

    days: Whole | None = None
    months: Whole | None = None
    years: Whole | None = None

    @model_validator(mode="after")
    def _one(self) -> PeriodLength:
        given = [k for k in ("days", "months", "years") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a period is exactly one of days, months or years, got "
                             + (", ".join(given) if given else "none"))
        return self


class LaterLimb(Fact):
    """The second limb of a period that ends on the later of two days: a period after another event."""

    length: PeriodLength
    after: Text                       # "the Registration Statement is declared effective"
    date: Date | None = None          # the event's date, once it has happened (absent until then)


class Period(Fact):
    """A period the agreement sets from the Closing Date: a lock-up, the survival of representations."""

    id: Id
    kind: Literal["lock-up", "survival"]
    section: Section
    title: Text
    length: PeriodLength              # after the Closing Date
    or_later: LaterLimb | None = None


# -- the funds flow at closing, and the closing memorandum that records it ----------------------
class Wire(Sourced):
    """One Buyer's wire of its Purchase Price at closing: how much (its Purchase Price less what it pays at
    closing itself), when it was received and the bank's confirmation of it."""

    buyer: Id
    amount: FactMoney | None = None      # default: its Purchase Price less the payments it makes itself
    received: Date | None = None         # the day the receiving account had the funds
    confirmation: FactText | None = None  # the bank's reference (Fed reference number)


class ClosingPayment(Sourced):
    """An amount paid at closing out of the Purchase Price: a fee or expense the Company pays directly under the
    agreement's expense covenant (from the funds wired to it or to escrow), or one a Buyer pays itself and
    deducts from its wire (``paid_by``)."""

    id: Id
    payee: FactText
    description: Text                    # what it pays for: "legal fees of the Buyers' counsel"
    amount: FactMoney
    section: Section | None = None       # where the agreement provides for it: the expense covenant
    paid_by: Id | None = None            # a Buyer that pays it out of its own Purchase Price (deducted from its wire)
    paid_on: Date | None = None          # default: the Closing Date


class FundsFlow(Sourced):
    """Where the Purchase Price goes at closing: each Buyer wires its Purchase Price (less what it pays itself) to
    the Company or to an escrow agent; fees and expenses are paid out of it at closing; any amount the escrow
    agent holds back stays in escrow; the rest is the Company's net proceeds. The totals are checked:
    Purchase Price = wires + amounts paid by the Buyers themselves; wires = amounts paid out of them + amounts
    held in escrow + net proceeds to the Company."""

    wired_to: Literal["company", "escrow"] = "company"
    escrow_agent: FactText | None = None          # with wired_to: escrow
    escrow_agreement: Text | None = None          # its name: "Funds Escrow Agreement"
    wire_instructions: PaymentDetails | None = None   # the receiving account (TBC until given)
    wires: list[Wire] = []                        # each Buyer's wire as received; a Buyer not listed is pending
    paid_at_closing: list[ClosingPayment] = []
    held_in_escrow: FactMoney = 0                 # wired to escrow and held there after closing
    net_proceeds: FactMoney | None = None         # as the closing statement states it; default: derived


class Memorandum(Fact):
    """The closing memorandum: who prepares it, to whom it goes, and whether a final one distributed beyond the
    working group may print the wire instructions."""

    prepared_by: Text | None = None               # default: the Company's counsel (company.copies_to)
    distribution: Literal["working-group", "parties"] = "working-group"
    print_wire_instructions: Flag = False         # a final memorandum to the parties prints them only with this


# -- the ledger: what happens after closing, dated ------------------------------------------
class Event(Fact):
    date: Date
    note: Text | None = None


class Conversion(Event):
    """A conversion: of principal (debt), or of Preferred Shares (their Stated Value, with the accrued
    dividends where the terms convert them)."""

    event: Literal["conversion"]
    buyer: Id
    principal: Money | None = None           # debt
    preferred_shares: Shares | None = None   # preferred
    dividends: Money | None = None           # preferred: accrued dividends converted with them
    conversion_price: Price
    shares_issued: Shares


class WarrantExercise(Event):
    event: Literal["warrant_exercise"]
    buyer: Id
    shares: Shares


class IncomePayment(Event):
    """What accrues on a Buyer's convertible security, paid in cash or in shares of Common Stock."""

    event: Literal["interest_payment", "dividend_payment"]     # each kind narrows it to its own
    buyer: Id
    amount: Money
    method: Literal["cash", "shares"]
    conversion_price: Price | None = None
    shares_issued: Shares | None = None


class InterestPayment(IncomePayment):
    event: Literal["interest_payment"]


class DividendPayment(IncomePayment):
    """Dividends paid on a Buyer's Preferred Shares, in cash or in shares of Common Stock."""

    event: Literal["dividend_payment"]


class ConversionPriceChange(Event):
    event: Literal["conversion_price"]
    price: Price
    basis: Text


class AuthorizedShares(Event):
    event: Literal["authorized_shares"]
    authorized_common: Shares
    stockholder_approval: Flag = False
    basis: Text


class Repayment(Event):
    """Principal repaid in cash (at maturity or before)."""

    event: Literal["repayment"]
    buyer: Id
    principal: Money


class Redemption(Event):
    """Principal, or Preferred Shares, redeemed in cash or in shares of Common Stock at a stated price."""

    event: Literal["redemption"]
    buyer: Id
    principal: Money | None = None           # debt
    preferred_shares: Shares | None = None   # preferred: redeemed at their Stated Value
    method: Literal["cash", "shares"]
    price: Price | None = None
    shares_issued: Shares | None = None


class WarrantExpiry(Event):
    """Warrants that expired unexercised (every Buyer's, unless one is named)."""

    event: Literal["warrant_expiry"]
    buyer: Id | None = None


class DefaultRecorded(Event):
    """An event of default under the convertible security: monthly lists continue past maturity."""

    event: Literal["default"]
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
    section: Section               # the section breached: covenants.representations or covenants.covenants
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


LedgerEvent = Annotated[Conversion | WarrantExercise | InterestPayment | DividendPayment | ConversionPriceChange | Repayment
                        | Redemption | WarrantExpiry | DefaultRecorded
                        | AuthorizedShares | CapitalizationUpdate | Reserve | ListDelivered
                        | InformationStatementFiled | BreachRecorded | OpinionDelivered | ExpenseInvoice
                        | ExpensePayment, Field(discriminator="event")]

# Each ledger entry's kind (its ``event:``), as the LedgerEvent types above declare them.
EVENT_KINDS: tuple[str, ...] = tuple(kind for member in get_args(get_args(LedgerEvent)[0])
                                     for kind in get_args(member.model_fields["event"].annotation))


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
    press_release: PressRelease | None = None     # with a publicity covenant
    closing: Closing | None = None                # the checklist's conditions and deliverables
    filings: list[Filing] = []                    # Form D, Form 8-K, state notices: the post-closing filings
    periods: list[Period] = []                    # lock-up and survival periods the agreement sets
    funds_flow: FundsFlow | None = None           # the Purchase Price at closing: wires, payments, net proceeds
    memorandum: Memorandum = Memorandum()         # the closing memorandum: its author and distribution
    calendar: Calendar = Calendar()
    readings: Readings = Readings()
    ledger: list[LedgerEvent] = []

    def as_of(self, day: dt.date) -> Deal:
        """The deal as it stood at the end of ``day``: only the ledger entries dated on or before it, a cure
        or acceptance an entry records for a later day not yet happened, a closing delivery dated later
        still pending, the Buyers' review of the press release recorded later not yet given, a Buyer's written
        consent to be named recorded later not yet given, and a wire received later not yet received. Every
        document, figure and decision dated ``day`` is computed from this, never from what was recorded later
        (the same deal when nothing is later)."""
        ledger = [_event_as_of(e, day) for e in self.ledger if e.date <= day]
        closing = self.closing
        if closing is not None and any(d.date is not None and d.date > day for d in closing.deliveries):
            closing = closing.model_copy(update={"deliveries": [
                d if d.date is None or d.date <= day else Delivery(item=d.item, status="pending")
                for d in closing.deliveries]})
        if closing is not None and any(_recorded_later(t, day) for t in closing.third_party):
            closing = closing.model_copy(update={"third_party": [_recorded_later(t, day) or t
                                                                 for t in closing.third_party]})
        filings = [_recorded_later(f, day) or f for f in self.filings]
        flow = self.funds_flow
        if flow is not None and any(w.received is not None and w.received > day for w in flow.wires):
            flow = flow.model_copy(update={"wires": [     # a wire received later: not yet received, unconfirmed
                w if w.received is None or w.received <= day else w.model_copy(update={"received": None,
                                                                                       "confirmation": None})
                for w in flow.wires]})
        buyers = [_buyer_as_of(b, day) for b in self.buyers]
        press_release = self.press_release
        if press_release is not None and _later(press_release.reviewed_by_buyers_on, day):
            press_release = press_release.model_copy(update={"reviewed_by_buyers_on": None})
        if closing is self.closing and press_release is self.press_release and flow is self.funds_flow \
                and all(a is b for a, b in zip(buyers, self.buyers, strict=True)) \
                and all(a is b for a, b in zip(filings, self.filings, strict=True)) \
                and len(ledger) == len(self.ledger) and all(a is b for a, b in zip(ledger, self.ledger, strict=True)):
            return self
        return self.model_copy(update={"ledger": ledger, "closing": closing, "buyers": buyers,
                                       "press_release": press_release, "funds_flow": flow, "filings": filings})

    def amount(self, item: Buyer | Conversion | Redemption | Repayment) -> Decimal:
        """The principal amount of a Buyer's security or of a ledger entry (debt), or the Stated Value of the
        Preferred Shares it names (preferred): the amount conversions, dividends and interest are counted on."""
        terms = self.securities.convertible
        if isinstance(terms, ConvertiblePreferred):
            return Decimal(getattr(item, "preferred_shares", None) or 0) * terms.stated_value
        return getattr(item, "principal", None) or Decimal(0)

    def officer(self, officer_id: str) -> Officer:
        return next(o for o in self.company.officers if o.id == officer_id)

    def buyer(self, buyer_id: str) -> Buyer:
        return next(b for b in self.buyers if b.id == buyer_id)

    def events(self, *kinds: str) -> list:
        """Ledger events of the given kinds, in date order (stable for the same date)."""
        return sorted((e for e in self.ledger if e.event in kinds), key=lambda e: e.date)

    @property
    def rolls_deadlines(self) -> bool:
        """Whether date and calendar-day deadlines move off weekends and holidays (Readings)."""
        chosen = self.readings.roll_deadlines_to_business_day
        return chosen if chosen is not None else rolls_deadlines_by_default(self.agreement.governing_law)

    @property
    def first_list_month(self) -> str:
        """The first month a monthly list is owed for (YYYY-MM): the closing's month, or the month after it
        (``covenants.share_reserve.lists_start``)."""
        day = self.closing_date
        if self.covenants.share_reserve.lists_start == "first-full-month":
            day = day.replace(day=1) + dt.timedelta(days=32)
        return f"{day:%Y-%m}"

    @property
    def chief_executive_officer(self) -> Officer:
        return self.officer(self.company.chief_executive_officer)

    @property
    def secretary(self) -> Officer:
        return self.officer(self.company.secretary)


def _later(value, day: dt.date) -> bool:
    """A date after ``day`` (a fact still TBC is no date: it stays as it is, pending)."""
    return isinstance(value, dt.date) and value > day


def _buyer_as_of(buyer: Buyer, day: dt.date) -> Buyer:
    """A Buyer as it stood at the end of ``day``: a written consent to be named recorded later not yet given
    (not consenting, no date recorded, as the deal file says it before the consent)."""
    if not _later(buyer.consent_recorded_on, day):
        return buyer
    return buyer.model_copy(update={"consents_to_be_named": False, "consent_recorded_on": None})


def _event_as_of(event, day: dt.date):
    """A ledger entry as it stood at the end of ``day``: a cure or acceptance it records for a later day is
    not yet known."""
    later = {name: None for name in ("cured", "accepted")
             if isinstance(getattr(event, name, None), dt.date) and getattr(event, name) > day}
    return event.model_copy(update=later) if later else event


# The dates a deliverable or filing records that are not yet known at the end of an earlier day.
_RECORDED = ("dated", "received", "filed_on", "copies_sent_on")


def _recorded_later(fact, day: dt.date):
    """``fact`` as it stood at the end of ``day`` (what it records for a later day not yet happened), or None
    when nothing it records is later."""
    later = {name: None for name in _RECORDED
             if isinstance(getattr(fact, name, None), dt.date) and getattr(fact, name) > day}
    return fact.model_copy(update=later) if later else None

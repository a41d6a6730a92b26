"""Stage 2, validate: turn loaded data into a :class:`Deal`, or report every problem at once."""
from __future__ import annotations

import datetime as dt
import typing
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from pydantic import BaseModel, ValidationError

from ..compute.business_days import month_end, month_of
from ..compute.interest import accrued_interest
from ..compute.reserve import allocations, capital
from ..compute.rounding import cents
from ..errors import DealDataError, PendingFactsError, Problem
from .load import LoadedDeal, Path_, Pending, dotted
from .model import CLOSING_DOCUMENTS, EVENT_KINDS, Deal, ReserveLine, Sourced
from .provenance import check_sources, unconfirmed


def validate(loaded: LoadedDeal, final: bool = False) -> Deal:
    """Validate structure, then cross-check the figures; raise with all problems found."""
    problems = list(loaded.problems)
    deal = None
    try:
        deal = Deal.model_validate(loaded.data)
    except ValidationError as exc:
        bad_paths = [_parse(p.path) for p in loaded.problems]
        for err in exc.errors():
            path = _trim(tuple(err["loc"]), loaded)
            if any(path[: len(bad)] == bad for bad in bad_paths):
                continue  # already reported by the loader
            problems.append(_describe(err, path, loaded))
    if deal is not None:
        problems += cross_check(deal, loaded)
    else:
        problems += _date_order(loaded)
    if problems:
        raise DealDataError(problems)
    if final:
        facts = [*loaded.pending, *unconfirmed(deal, loaded).values()]
        if facts:
            raise PendingFactsError([loaded.problem(_parse(p.path), f"still to be confirmed: {p.note}")
                                     for p in facts])
    return deal


def _date_order(loaded: LoadedDeal) -> list[Problem]:
    """The date orderings checked on the raw data when the model itself could not be built, so that
    they are reported with the structural problems, all at once (cross_check repeats them otherwise)."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    closing = data.get("closing_date")
    convertible = (data.get("securities") or {}).get("convertible") if isinstance(data.get("securities"), dict) else None
    maturity = convertible.get("maturity_date") if isinstance(convertible, dict) else None
    if isinstance(closing, dt.date) and isinstance(maturity, dt.date) and maturity <= closing:
        return [loaded.problem(("securities", "convertible", "maturity_date"),
                               f"the maturity date {maturity} is not after the closing date {closing}")]
    return []


def _parse(dotted_path: str) -> Path_:
    out: list[str | int] = []
    for part in dotted_path.replace("[", ".[").split("."):
        if not part:
            continue
        out.append(int(part[1:-1]) if part.startswith("[") else part)
    return tuple(out)


def _trim(loc: tuple, loaded: LoadedDeal) -> Path_:
    """Drop pydantic's internal loc parts (union branches, event tags, validator names)."""
    kept: list[str | int] = []
    for i, part in enumerate(loc):
        candidate = tuple(kept) + (part,)
        last = i == len(loc) - 1
        if isinstance(part, int) or candidate in loaded.value_marks or candidate in loaded.key_marks:
            kept.append(part)
        elif last and "[" not in part and part not in EVENT_KINDS and part not in {"str", "none"}:
            kept.append(part)  # a missing key
    return tuple(kept)


def _describe(err: dict, path: Path_, loaded: LoadedDeal) -> Problem:
    kind = err["type"]
    if kind == "missing":
        return loaded.problem(path, "required fact is missing")
    if kind == "extra_forbidden" and path[-1] in ("sources", "source", "confirmed"):
        return loaded.problem(path, _source_misplaced(path), key=True)
    if kind == "extra_forbidden":
        return loaded.problem(path, f"unknown key '{path[-1]}'" + _expected_keys_hint(path[:-1]), key=True)
    if kind == "too_short":
        return loaded.problem(path, "at least one entry is required")
    if kind == "literal_error":
        return loaded.problem(path, f"expected {err['ctx']['expected']}, got {err['input']!r}")
    if kind in ("model_type", "list_type", "dict_type"):
        want = "a list (lines starting with '- ')" if kind == "list_type" else "a mapping of keys and values"
        return loaded.problem(path, f"expected {want}")
    return loaded.problem(path, err["msg"])


def _source_misplaced(path: Path_) -> str:
    """Why a source or confirmed flag cannot stand where it was written."""
    model = _model_at(path[:-1])
    where = dotted(path[:-1]) or "the top level"
    if model is not None and issubclass(model, Sourced):
        return (f"'{path[-1]}' is not a key of {where}: a fact's source, with confirmed: false while it is still "
                f"to be confirmed, goes under {where}.sources, keyed by the fact (e.g. sources: {{maturity_date: "
                "{document: Exhibit A, confirmed: false}})")
    return (f"'{path[-1]}': {where} holds no fact that can have a source or be confirmed; only the deal's facts "
            "(the agreement, company, Buyers, securities, capitalization, corporate records, covenants, press "
            "release) can have sources")


def _expected_keys_hint(parent: Path_) -> str:
    model = _model_at(parent)
    if model is None:
        return ""
    keys = sorted(model.model_fields, key=lambda k: k == "sources")     # a mapping's facts first, their sources last
    return "; expected one of: " + ", ".join(keys)


def _model_at(path: Path_) -> type[BaseModel] | None:
    model: type[BaseModel] = Deal
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        candidates = [field.annotation, *typing.get_args(field.annotation)]
        nxt = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if nxt is None:
            return None
        model = nxt
    return model


def cross_check(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """The sums and orderings the agreement implies."""
    out: list[Problem] = []

    def say(path: Path_, message: str) -> None:
        out.append(loaded.problem(path, message))

    security, war = deal.securities.convertible, deal.securities.warrants
    principal = sum((b.principal for b in deal.buyers), start=security.aggregate_principal * 0)
    if principal != security.aggregate_principal:
        say(("securities", "convertible", "aggregate_principal"),
            f"the buyers' principal amounts add up to {principal:,}, not {security.aggregate_principal:,}")
    warrants = sum(b.warrants for b in deal.buyers)
    if war is not None and warrants != war.aggregate_shares:
        say(("securities", "warrants", "aggregate_shares"),
            f"the buyers' warrants add up to {warrants:,} shares, not {war.aggregate_shares:,}")
    if war is None:
        for i, buyer in enumerate(deal.buyers):
            if buyer.warrants:
                say(("buyers", i, "warrants"), "the deal has no warrants (securities.warrants is absent), so a "
                    "buyer cannot hold any")
    if security.maturity_date <= deal.closing_date:
        say(("securities", "convertible", "maturity_date"),
            f"the maturity date {security.maturity_date} is not after the closing date {deal.closing_date}")
    if security.interest_payments.first <= deal.closing_date:
        say(("securities", "convertible", "interest_payments", "first"),
            "the first interest payment date must be after the closing date")
    out += _check_covenants(deal, loaded)
    seen: dict[str, int] = {}
    for i, buyer in enumerate(deal.buyers):
        if buyer.id in seen:
            say(("buyers", i, "id"), f"buyer id '{buyer.id}' is used twice (also buyers[{seen[buyer.id]}])")
        seen.setdefault(buyer.id, i)
        if buyer.purchase_price != buyer.principal:
            say(("buyers", i, "purchase_price"),
                f"the purchase price {buyer.purchase_price:,} should equal the principal amount "
                f"{buyer.principal:,}{_cite(deal.agreement.sections.purchase_price)}")

    officers = {o.id for o in deal.company.officers}
    for role in ("chief_executive_officer", "secretary"):
        if getattr(deal.company, role) not in officers:
            say(("company", role), f"'{getattr(deal.company, role)}' is not one of the officers "
                f"({', '.join(sorted(officers))})")
    if deal.company.chief_executive_officer == deal.company.secretary:
        say(("company", "secretary"), "the Secretary's Certificate needs another officer to "
            "certify the Secretary; the secretary cannot be the chief executive officer")

    cap = deal.capitalization
    for i, line in enumerate(cap.reserved):
        out += _check_breakdown(line, ("capitalization", "reserved", i), loaded)
    committed = cap.common_outstanding + sum(r.shares for r in cap.reserved)
    if committed > cap.authorized_common:
        say(("capitalization", "authorized_common"),
            f"outstanding and reserved shares ({committed:,}) exceed the authorized common stock "
            f"({cap.authorized_common:,})")
    if cap.preferred_outstanding > cap.authorized_preferred:
        say(("capitalization", "preferred_outstanding"), "more preferred shares outstanding than authorized")

    if deal.closing_date < deal.agreement.date:
        say(("closing_date",), f"the closing date {deal.closing_date} is before the agreement date "
            f"{deal.agreement.date}")
    if cap.as_of > deal.closing_date:
        say(("capitalization", "as_of"), "the capitalization is stated as of a date after the closing date")
    for key in ("charter", "bylaws", "resolutions"):
        adopted = getattr(deal.corporate_records, key).adopted_on
        if adopted is not None and not isinstance(adopted, Pending) and adopted > deal.closing_date:
            say(("corporate_records", key, "adopted_on"), "adopted after the closing date; a "
                "certificate at closing cannot certify it")
    out += _check_consents(deal, loaded)
    out += check_sources(deal, loaded)
    out += _check_closing(deal, loaded)
    out += _check_ledger(deal, loaded)
    return out


def _check_closing(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """The checklist: each item once, each delivery for an item the agreement has, dated once received or waived."""
    if deal.closing is None:
        return []
    out: list[Problem] = []
    seen: dict[str, int] = {}
    made = set(CLOSING_DOCUMENTS) if deal.covenants.publicity else set(CLOSING_DOCUMENTS) - {"press-release"}
    for i, item in enumerate(deal.closing.items):
        if item.id in seen:
            out.append(loaded.problem(("closing", "items", i, "id"), f"the item '{item.id}' is listed twice "
                                      f"(also closing.items[{seen[item.id]}])"))
        seen.setdefault(item.id, i)
        for j, slug in enumerate(item.documents):
            if slug not in made:
                out.append(loaded.problem(("closing", "items", i, "documents", j), f"'{slug}' is not a document of "
                                          f"the closing set ({', '.join(sorted(made))})"))
    recorded: dict[str, int] = {}
    for i, delivery in enumerate(deal.closing.deliveries):
        if delivery.item not in seen:
            out.append(loaded.problem(("closing", "deliveries", i, "item"), f"'{delivery.item}' is not a condition or "
                                      "deliverable of the agreement (closing.items): "
                                      f"{', '.join(seen) or 'none listed'}"))
        elif delivery.item in recorded:
            out.append(loaded.problem(("closing", "deliveries", i, "item"), f"'{delivery.item}' already has a status "
                                      f"(closing.deliveries[{recorded[delivery.item]}])"))
        recorded.setdefault(delivery.item, i)
        if delivery.status != "pending" and delivery.date is None:
            out.append(loaded.problem(("closing", "deliveries", i, "status"), f"a delivery {delivery.status} needs "
                                      "its date: add date: YYYY-MM-DD"))
    return out


def _cite(section: str | None) -> str:
    return f" (Section {section})" if section else ""


def _check_covenants(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """Dates in order, and the facts each covenant needs where the deal has it."""
    out: list[Problem] = []
    cov = deal.covenants
    approval = cov.stockholder_approval
    if approval is not None:
        for key in ("information_statement_deadline", "approval_deadline"):
            if getattr(approval, key) < deal.closing_date:
                out.append(loaded.problem(("covenants", "stockholder_approval", key),
                                          "this deadline is before the closing date"))
        if approval.approval_deadline < approval.information_statement_deadline:
            out.append(loaded.problem(("covenants", "stockholder_approval", "approval_deadline"),
                                      "the approval is due before its information statement"))
    if cov.publicity is not None:
        if deal.press_release is None:
            out.append(loaded.problem(("press_release",), "the deal has a publicity covenant "
                                      "(covenants.publicity), so the press release's facts are required"))
        if cov.publicity.governing_section not in cov.publicity.sections:
            out.append(loaded.problem(("covenants", "publicity", "governing_section"),
                                      f"must be one of the publicity sections ({', '.join(cov.publicity.sections)})"))
    elif deal.press_release is not None:
        out.append(loaded.problem(("press_release",), "a press release without a publicity covenant: add "
                                  "covenants.publicity with its section(s) and business days", key=True))
    kinds = {"stockholder_approval": ("authorized_shares", "information_statement_filed"),
             "opinion_acceptance": ("opinion_delivered",), "expense_reimbursement": ("expense_invoice",)}
    for covenant, events in kinds.items():
        if getattr(cov, covenant) is None:
            for i, event in enumerate(deal.ledger):
                if event.event in events and not (event.event == "authorized_shares"
                                                  and not event.stockholder_approval):
                    out.append(loaded.problem(("ledger", i, "event"), f"a '{event.event}' entry needs the "
                                              f"covenant it belongs to (covenants.{covenant}), which the deal "
                                              "does not have"))
    if deal.securities.warrants is None:
        for i, event in enumerate(deal.ledger):
            if event.event in ("warrant_exercise", "warrant_expiry"):
                out.append(loaded.problem(("ledger", i, "event"), "the deal has no warrants"))
    return out


def _check_consents(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """A Buyer's written consent to be named publicly (the publicity covenant) is recorded with its date, or not at all."""
    out = []
    for i, buyer in enumerate(deal.buyers):
        if buyer.consents_to_be_named and buyer.consent_recorded_on is None:
            out.append(loaded.problem(("buyers", i, "consents_to_be_named"), "a Buyer's written consent to be named "
                                      "needs the date it was recorded: add consent_recorded_on: YYYY-MM-DD; until both are given the Buyer is not named"))
        if not buyer.consents_to_be_named and buyer.consent_recorded_on is not None:
            out.append(loaded.problem(("buyers", i, "consent_recorded_on"), "a consent is recorded but "
                                      "consents_to_be_named is false: set it to true, or remove consent_recorded_on"))
    return out


def _check_ledger(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """Ledger entries must be dated after closing, name real buyers and add up."""
    out: list[Problem] = []
    buyers = {b.id: b for b in deal.buyers}
    principal = {b.id: b.principal for b in deal.buyers}
    warrants = {b.id: b.warrants for b in deal.buyers}
    indexed = sorted(enumerate(deal.ledger), key=lambda pair: pair[1].date)
    for i, event in indexed:
        path = ("ledger", i)

        def say(key: str, message: str) -> None:
            out.append(loaded.problem(path + ((key,) if key else ()), message))

        if event.date < deal.closing_date:
            say("date", f"dated {event.date}, before the closing date {deal.closing_date}")
        buyer = getattr(event, "buyer", None)
        if buyer is not None and buyer not in buyers:
            say("buyer", f"'{buyer}' is not one of the buyers ({', '.join(buyers)})")
            continue
        if event.event in ("conversion", "repayment", "redemption"):
            if event.principal > principal[buyer]:
                say("principal", f"{event.event} of {event.principal:,} but only {principal[buyer]:,} of "
                    f"{buyer}'s principal is outstanding on {event.date}")
            principal[buyer] -= event.principal
        if event.event == "redemption" and event.method == "shares":
            if event.price is None or event.shares_issued is None:
                say("", "a redemption in shares needs price and shares_issued")
            elif (exact := _unmatched(event.principal, event.price, event.shares_issued)) is not None:
                say("shares_issued", f"{event.shares_issued:,} shares does not match the principal redeemed "
                    f"divided by the price ({exact:,.4f} shares)")
        if event.event == "conversion":
            exact = _unmatched(event.principal, event.conversion_price, event.shares_issued)
            if exact is not None:
                say("shares_issued", f"{event.shares_issued:,} shares does not match the principal converted "
                    f"divided by the conversion price ({exact:,.4f} shares)")
        elif event.event == "warrant_exercise":
            if event.shares > warrants[buyer]:
                say("shares", f"exercises {event.shares:,} but {buyer} holds Warrants for only "
                    f"{warrants[buyer]:,} shares on {event.date}")
            warrants[buyer] -= event.shares
        elif event.event == "interest_payment" and event.method == "shares":
            if event.conversion_price is None or event.shares_issued is None:
                say("", "interest paid in shares needs conversion_price and shares_issued")
        elif event.event == "list_delivered":
            if event.date < month_end(event.month):
                say("date", f"a list for {event.month} cannot be delivered on {event.date}, before that month ends")
    out += _check_ids(deal, loaded, buyers)
    out += _check_list_months(deal, loaded)
    out += _check_expense_payments(deal, loaded)
    if not out:
        out += _check_interest_payments(deal, loaded)
        out += _check_authorized(deal, loaded)
        out += _check_reserves(deal, loaded)
    return out


def _check_list_months(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """A monthly list is owed from the closing's month on: none is delivered for a month before it."""
    first = month_of(deal.closing_date)
    return [loaded.problem(("ledger", i, "month"), f"no list is owed for {event.month}, a month before the "
                           f"closing ({first} is the first)")
            for i, event in enumerate(deal.ledger) if event.event == "list_delivered" and event.month < first]


def _check_expense_payments(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """Payments of an expense invoice come after it and add up to no more than it."""
    out = []
    invoices = {e.id: e for e in deal.ledger if e.event == "expense_invoice"}
    paid: dict[str, Decimal] = {}
    payments = sorted(((i, e) for i, e in enumerate(deal.ledger) if e.event == "expense_payment"
                       and e.invoice in invoices), key=lambda pair: pair[1].date)
    for i, event in payments:
        invoice = invoices[event.invoice]
        total = sum((item.amount for item in invoice.items), Decimal(0))
        if event.date < invoice.date:
            out.append(loaded.problem(("ledger", i, "date"), f"paid on {event.date}, before the invoice "
                                      f"'{invoice.id}' was submitted on {invoice.date}"))
        paid[invoice.id] = paid.get(invoice.id, Decimal(0)) + event.amount
        if paid[invoice.id] > total:
            out.append(loaded.problem(("ledger", i, "amount"), f"the payments of '{invoice.id}' add up to "
                                      f"{paid[invoice.id]:,.2f} by {event.date}, more than the invoice's total "
                                      f"{total:,.2f}"))
    return out


def _unmatched(amount: Decimal, price: Decimal, shares: int) -> Decimal | None:
    """The exact shares ``amount`` buys at ``price`` where ``shares`` is neither it rounded down nor up; else None."""
    exact = amount / price
    return None if shares in (exact.to_integral_value(ROUND_FLOOR), exact.to_integral_value(ROUND_CEILING)) \
        else exact


def _check_interest_payments(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """Interest paid is no more than has accrued unpaid, and interest shares match the amount and price."""
    out = []
    paid: dict[str, Decimal] = {}
    for i, event in sorted(enumerate(deal.ledger), key=lambda pair: pair[1].date):
        if event.event != "interest_payment":
            continue
        path = ("ledger", i)
        buyer = deal.buyer(event.buyer)
        # interest accrued through the payment date itself, to the cent, less what was paid before
        accrued = accrued_interest(deal, buyer, event.date + dt.timedelta(days=1))
        unpaid = cents(accrued - paid.get(buyer.id, Decimal(0)))
        if event.amount > unpaid:
            out.append(loaded.problem(path + ("amount",), f"pays {event.amount:,.2f} of interest, but only "
                                      f"{max(unpaid, Decimal(0)):,.2f} has accrued unpaid on {buyer.id}'s {deal.securities.convertible.defined_term} "
                                      f"by {event.date}"))
        paid[buyer.id] = paid.get(buyer.id, Decimal(0)) + event.amount
        if event.method == "cash":
            extra = [k for k in ("conversion_price", "shares_issued") if getattr(event, k) is not None]
            if extra:
                out.append(loaded.problem(path + (extra[0],), f"interest paid in cash issues no shares: remove "
                                          f"{' and '.join(extra)}, or set method: shares"))
        elif event.conversion_price is not None and event.shares_issued is not None:
            exact = _unmatched(event.amount, event.conversion_price, event.shares_issued)
            if exact is not None:
                out.append(loaded.problem(path + ("shares_issued",), f"{event.shares_issued:,} shares does not match "
                                          f"the interest paid divided by the conversion price ({exact:,.4f} shares)"))
    return out


def _check_authorized(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """After a change of the authorized shares or a restated capitalization, the authorized common stock
    still covers what is outstanding and reserved (for others and for the Buyers)."""
    out = []
    for i, event in enumerate(deal.ledger):
        if event.event not in ("authorized_shares", "capitalization"):
            continue
        cap = capital(deal, event.date)
        key = "authorized_common" if event.event == "authorized_shares" else "common_outstanding"
        needed = cap.common_outstanding + cap.reserved_for_others
        if cap.headroom < 0:
            out.append(loaded.problem(("ledger", i, key), f"leaves {cap.authorized_common:,} authorized shares of "
                                      f"common stock on {event.date}, fewer than the {needed:,} outstanding and "
                                      "reserved for others"))
        elif cap.unreserved < 0:
            out.append(loaded.problem(("ledger", i, key), f"leaves {cap.authorized_common:,} authorized shares of "
                                      f"common stock on {event.date}, fewer than the {needed:,} outstanding and "
                                      f"reserved for others plus the {cap.reserved_for_buyers:,} reserved for the "
                                      "Buyers; record a smaller reserve first"))
    return out


def _check_ids(deal: Deal, loaded: LoadedDeal, buyers: dict) -> list[Problem]:
    """Breach and expense-invoice ids are unique; payments name an invoice; dates run forward."""
    out: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    invoices = {e.id for e in deal.ledger if e.event == "expense_invoice"}
    for i, event in enumerate(deal.ledger):
        if event.event in ("breach", "expense_invoice"):
            key = (event.event, event.id)
            if key in seen:
                out.append(loaded.problem(("ledger", i, "id"), f"id '{event.id}' is already used by ledger[{seen[key]}]"))
            seen.setdefault(key, i)
        if event.event == "breach":
            allowed = [x for x in (deal.covenants.representations, deal.covenants.covenants) if x]
            if event.section not in allowed:
                out.append(loaded.problem(("ledger", i, "section"), f"section {event.section} is not one whose "
                                          "breach the deal says costs damages (covenants.representations, "
                                          f"covenants.covenants: {', '.join(allowed) or 'none given'})"))
            for j, buyer in enumerate(event.buyers):
                if buyer not in buyers:
                    out.append(loaded.problem(("ledger", i, "buyers", j), f"'{buyer}' is not one of the buyers"))
            if event.cured is not None and event.cured < event.date:
                out.append(loaded.problem(("ledger", i, "cured"), "cured before the breach began"))
        if event.event == "opinion_delivered" and event.accepted is not None and event.accepted < event.date:
            out.append(loaded.problem(("ledger", i, "accepted"), "accepted before it was delivered"))
        if event.event == "expense_payment" and event.invoice not in invoices:
            out.append(loaded.problem(("ledger", i, "invoice"), f"no expense_invoice with id '{event.invoice}' "
                                      f"({', '.join(sorted(invoices)) or 'none recorded'})"))
    return out


def _check_reserves(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """The Company cannot reserve for the Buyers more shares than it has authorized and free."""
    out = []
    for i, event in enumerate(deal.ledger):
        if event.event in ("conversion", "warrant_exercise", "interest_payment", "redemption"):
            free = capital(deal, event.date).headroom
            if free < 0:
                out.append(loaded.problem(("ledger", i), f"shares issued on {event.date} leave the Company "
                                          f"{-free:,} shares beyond its authorized, unreserved common stock: the "
                                          "Company cannot issue shares it has not authorized"))
        if event.event in ("conversion", "warrant_exercise"):
            out += _check_own_allocation(deal, loaded, i, event)
        if event.event != "reserve":
            continue
        free = capital(deal, event.date).headroom
        if event.shares > free:
            out.append(loaded.problem(("ledger", i, "shares"), f"reserves {event.shares:,} shares for the Buyers "
                                      f"on {event.date}, but only {free:,} authorized shares are neither "
                                      "outstanding nor reserved for others then"))
    return out


def _check_own_allocation(deal: Deal, loaded: LoadedDeal, index: int, event) -> list[Problem]:
    """Before the approval, a Buyer converts or exercises only against its own allocation, where the
    deal reads the agreement that way (Readings: conversions_before_approval)."""
    covenant = deal.covenants.stockholder_approval
    if covenant is None or deal.readings.conversions_before_approval != "own-allocation":
        return []
    obtained = next((e.date for e in deal.events("authorized_shares") if e.stockholder_approval), None)
    if obtained is not None and obtained <= event.date:
        return []
    allocated = allocations(deal, event.date - dt.timedelta(days=1))[event.buyer]
    issued = sum((e.shares if e.event == "warrant_exercise" else e.shares_issued)
                 for e in deal.events("conversion", "warrant_exercise")
                 if e.buyer == event.buyer and e.date == event.date)
    if issued <= allocated:
        return []
    return [loaded.problem(("ledger", index), f"{event.buyer} is issued {issued:,} shares on {event.date}, but "
                           f"before the {covenant.defined_term} it may convert or exercise only against the "
                           f"{allocated:,} shares allocated to it (readings.conversions_before_approval: "
                           "own-allocation)")]


def _check_breakdown(line: ReserveLine, path: Path_, loaded: LoadedDeal) -> list[Problem]:
    if not line.breakdown:
        return []
    out = []
    total = sum(part.shares for part in line.breakdown)
    if total != line.shares:
        out.append(loaded.problem(path + ("shares",), f"the breakdown adds up to {total:,} shares, "
                                  f"not {line.shares:,}"))
    for i, part in enumerate(line.breakdown):
        out += _check_breakdown(part, path + ("breakdown", i), loaded)
    return out


__all__ = ["validate", "cross_check", "dotted"]

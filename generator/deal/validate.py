"""Stage 2, validate: turn loaded data into a :class:`Deal`, or report every problem at once.

The facts only: their structure, and the sums and orderings the facts themselves must hold. The checks
that need figures (interest accrued, shares authorized and free on a date) are compute's
(``compute/validate.py``), which passes them in as ``figures``: they run, and are reported with these,
once the ledger's own entries hold together."""
from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ..errors import DealDataError, PendingFactsError, Problem
from .fields import month_end, month_of
from .jurisdictions import US_STATES
from .load import LoadedDeal, Path_, Pending, dotted
from .model import CLOSING_DOCUMENTS, DOCUMENT_PARTIES, CurrentReport, Deal, FormD, ReserveLine, Sourced, StateNotice
from .provenance import check_sources, unconfirmed

Check = Callable[[Deal, LoadedDeal], list[Problem]]
Derive = Callable[[Deal, LoadedDeal], tuple[Deal, list[Problem]]]


def validate(loaded: LoadedDeal, final: bool = False, figures: Check | None = None,
             derive: Derive | None = None, sums: Check | None = None) -> Deal:
    """Validate structure, put in the facts the agreement states as a derivation (``derive``: compute's, for
    warrant coverage), then cross-check the facts (and, given ``figures``, the figures once the ledger holds
    together; given ``sums``, the sums compute makes of the facts, such as the funds flow's); raise with all
    problems found. A deal with warrant coverage needs ``derive``
    (``compute.validate.validate`` passes it)."""
    problems = list(loaded.problems)
    deal = None
    try:
        deal = Deal.model_validate(loaded.data)
    except ValidationError as exc:
        bad_paths = [_parse(p.path) for p in loaded.problems]
        errors: list[tuple[ErrorDetails, Path_]] = []
        for err in exc.errors():
            path = _trim(tuple(err["loc"]))
            if any(path[: len(bad)] == bad for bad in bad_paths):
                continue  # already reported by the loader
            errors.append((err, path))
        typos = _typos(errors)
        for err, path in errors:
            if err["type"] == "missing" and path in typos:
                continue  # reported with the unknown key that is its misspelling
            problems.append(_describe(err, path, loaded, typos))
    if deal is not None:
        deal, found = _warrants(deal, loaded, derive)
        problems += found
        problems += cross_check(deal, loaded, figures)
        if sums is not None and not any(p.path.startswith("funds_flow") for p in problems):
            problems += sums(deal, loaded)   # all at once, unless the facts they add are themselves wrong
    else:
        problems += _date_order(loaded)
    if problems:
        raise DealDataError(problems)
    assert deal is not None   # a deal that did not validate has problems
    if final:
        facts = [*loaded.pending, *unconfirmed(deal, loaded).values()]
        if facts:
            # each where the fact is written, as a final build reports it (generator/render/set.py)
            raise PendingFactsError([p.problem(loaded.file) for p in facts])
    return deal


def _warrants(deal: Deal, loaded: LoadedDeal, derive: Derive | None) -> tuple[Deal, list[Problem]]:
    """Each Buyer's Warrants as a number of shares: derived from the coverage where the agreement states one
    (``derive``), else as typed (none typed: no Warrants), with their aggregate typed too."""
    war = deal.securities.warrants
    if war is not None and war.coverage is not None:
        if derive is None:
            raise TypeError("a deal with warrant coverage is validated with compute.validate.validate, which "
                            "derives each Buyer's Warrants from it")
        return derive(deal, loaded)
    out = []
    buyers = [b if b.warrants is not None else b.model_copy(update={"warrants": 0}) for b in deal.buyers]
    securities = deal.securities
    if war is not None and war.aggregate_shares is None:
        out.append(loaded.problem(("securities", "warrants"), "the Warrants need aggregate_shares (the shares they "
                                  "cover in all, each Buyer's under buyers[].warrants), or a coverage: "
                                  "{percent: 50, rounding: down} to derive them from the conversion shares"))
        securities = securities.model_copy(update={"warrants": war.model_copy(
            update={"aggregate_shares": sum(b.warrants or 0 for b in buyers)})})
    return deal.model_copy(update={"buyers": buyers, "securities": securities}), out


def _date_order(loaded: LoadedDeal) -> list[Problem]:
    """The date orderings checked on the raw data when the model itself could not be built, so that
    they are reported with the structural problems, all at once (cross_check repeats them otherwise)."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    closing = data.get("closing_date")
    convertible = (data.get("securities") or {}).get("convertible") if isinstance(data.get("securities"), dict) else None
    maturity = convertible.get("maturity_date") if isinstance(convertible, dict) else None
    if isinstance(convertible, dict) and convertible.get("kind") == "preferred":
        return []     # no maturity: its mandatory redemption date is checked once the model is built
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


def _trim(loc: tuple) -> Path_:
    """The key path in the deal data of a pydantic error's ``loc``, read against the model's structure: a
    model's field, a list's index and a mapping's key are places in the data; the tag pydantic adds to
    name a tagged union's member (a ledger entry's event kind) is not, nor anything below a plain value."""
    kept: list[str | int] = []
    kind: Any = Deal
    for part in loc:
        kind, tag = _unwrapped(kind)
        if tag is not None:                  # the part names the member of a tagged union
            kind = _member(kind, tag, part)
            continue
        if kind is None or not _holds_places(kind):
            break                            # below a plain value: a validator's own name, not data
        kept.append(part)
        kind = _inside(kind, part)
    return tuple(kept)


def _unwrapped(kind: Any) -> tuple[Any, str | None]:
    """``kind`` without ``Annotated`` and ``| None``, and the discriminator of a tagged union it is."""
    tag = None
    while True:
        if typing.get_origin(kind) is typing.Annotated:
            kind, *meta = typing.get_args(kind)
            tag = next((m.discriminator for m in meta if isinstance(m, FieldInfo) and isinstance(m.discriminator, str)),
                       tag)
            continue
        if typing.get_origin(kind) in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(kind) if a is not type(None)]
            if len(members) == 1:
                kind = members[0]
                continue
        return kind, tag


def _holds_places(kind: Any) -> bool:
    return (isinstance(kind, type) and issubclass(kind, BaseModel)) or typing.get_origin(kind) in (list, tuple, dict)


def _inside(kind: Any, part: str | int) -> Any:
    """The type at ``part`` of a model, list or mapping (None where the model has no such field)."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        field = kind.model_fields.get(part) if isinstance(part, str) else None
        if field is None:
            return None
        return typing.Annotated[field.annotation, field] if field.discriminator else field.annotation
    args = typing.get_args(kind)
    if not args:
        return None
    return args[1] if typing.get_origin(kind) is dict else args[0]


def _member(union: Any, tag: str, value: Any) -> Any:
    """The member of a tagged union whose ``tag`` field is ``value``."""
    for member in typing.get_args(union):
        field = member.model_fields.get(tag) if isinstance(member, type) and issubclass(member, BaseModel) else None
        if field is not None and value in typing.get_args(field.annotation):
            return member
    return None


def _typos(errors: list[tuple[ErrorDetails, Path_]]) -> dict[Path_, Path_]:
    """Each missing required key that an unknown key beside it misspells (difflib): missing path -> unknown path."""
    missing = [path for err, path in errors if err["type"] == "missing" and path and isinstance(path[-1], str)]
    typos: dict[Path_, Path_] = {}
    for err, path in errors:
        if err["type"] != "extra_forbidden" or not path:
            continue
        names = [str(p[-1]) for p in missing if p[:-1] == path[:-1] and p not in typos]
        match = difflib.get_close_matches(str(path[-1]), names, n=1)
        if match:
            typos[path[:-1] + (match[0],)] = path
    return typos


def _describe(err: ErrorDetails, path: Path_, loaded: LoadedDeal, typos: dict[Path_, Path_]) -> Problem:
    kind = err["type"]
    if kind == "missing":
        return loaded.problem(path, "required fact is missing")
    if kind == "extra_forbidden" and path[-1] in ("sources", "source", "confirmed"):
        return loaded.problem(path, _source_misplaced(path), key=True)
    if kind == "extra_forbidden" and (other := _other_kinds_key(path, loaded)):
        return loaded.problem(path, other, key=True)
    if kind == "extra_forbidden":
        meant = next((m for m, typo in typos.items() if typo == path), None)
        if meant is not None:
            return loaded.problem(path, f"unknown key '{path[-1]}': did you mean '{meant[-1]}'? (the required fact "
                                  f"{dotted(meant)} is missing)", key=True)
        return loaded.problem(path, f"unknown key '{path[-1]}'" + _expected_keys_hint(path), key=True)
    if kind == "too_short":
        return loaded.problem(path, "at least one entry is required")
    if kind == "literal_error":
        return loaded.problem(path, f"expected {err['ctx']['expected']}, got {err['input']!r}")
    if kind in ("model_type", "list_type", "dict_type"):
        want = "a list (lines starting with '- ')" if kind == "list_type" else "a mapping of keys and values"
        return loaded.problem(path, f"expected {want}")
    return loaded.problem(path, err["msg"])


# What each kind of convertible security has instead of a key of the other kind (the message for that key).
_INSTEAD = {
    ("preferred", "maturity_date"): "Preferred Shares do not mature: they are redeemed, on redemption.mandatory.date",
    ("preferred", "interest_rate_percent"): "Preferred Shares carry dividends, not interest: dividends.rate_percent",
    ("preferred", "interest_payments"): "Preferred Shares carry dividends, not interest: dividends.payments",
    ("preferred", "aggregate_principal"): "Preferred Shares have a Stated Value, not a principal amount: "
                                          "stated_value (per share) and aggregate_shares",
    ("preferred", "day_count"): "the day count of the dividends is dividends.day_count",
    ("preferred", "security"): "Preferred Shares are not secured debt: remove security",
    ("debt", "stated_value"): "debt has a principal amount, not a Stated Value: aggregate_principal (and each "
                              "buyer's principal); for convertible preferred stock write kind: preferred",
    ("debt", "dividends"): "debt bears interest, not dividends: interest_rate_percent and interest_payments; for "
                           "convertible preferred stock write kind: preferred",
    ("debt", "redemption"): "debt matures on maturity_date; a redemption schedule belongs to convertible preferred "
                            "stock (kind: preferred)",
    ("debt", "aggregate_shares"): "debt has an aggregate_principal, not a number of shares; for convertible "
                                  "preferred stock write kind: preferred",
    ("debt", "series"): "a series belongs to convertible preferred stock (kind: preferred)",
    ("debt", "liquidation_preference"): "a liquidation preference belongs to convertible preferred stock "
                                        "(kind: preferred)",
}


def _other_kinds_key(path: Path_, loaded: LoadedDeal) -> str | None:
    """Where a key of the other kind of convertible security was given (a maturity date on preferred stock, a
    Stated Value on debt): what this kind has instead."""
    if len(path) != 3 or path[:2] != ("securities", "convertible"):
        return None
    data = loaded.data if isinstance(loaded.data, dict) else {}
    convertible = (data.get("securities") or {}).get("convertible") if isinstance(data.get("securities"), dict) \
        else None
    kind = convertible.get("kind", "debt") if isinstance(convertible, dict) else "debt"
    instead = _INSTEAD.get((kind, str(path[2])))
    return f"a {kind} security has no {path[2]}: {instead}" if instead else None


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


def _expected_keys_hint(path: Path_) -> str:
    """The key the unknown one misspells, if one is close (difflib), else every key expected there (a
    mapping's facts first, their sources last)."""
    model = _model_at(path[:-1])
    if model is None:
        return ""
    match = difflib.get_close_matches(str(path[-1]), list(model.model_fields), n=1)
    keys = sorted(model.model_fields, key=lambda k: k == "sources")
    return f": did you mean '{match[0]}'?" if match else "; expected one of: " + ", ".join(keys)


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


def cross_check(deal: Deal, loaded: LoadedDeal, figures: Check | None = None) -> list[Problem]:
    """The sums and orderings the agreement implies."""
    out: list[Problem] = []

    def say(path: Path_, message: str) -> None:
        out.append(loaded.problem(path, message))

    security, war = deal.securities.convertible, deal.securities.warrants
    out += _check_kind(deal, loaded)
    warrants = sum(b.warrants or 0 for b in deal.buyers)
    if war is not None and warrants != war.aggregate_shares:
        say(("securities", "warrants", "aggregate_shares"),
            f"the buyers' warrants add up to {warrants:,} shares, not {war.aggregate_shares:,}")
    if war is None:
        for i, buyer in enumerate(deal.buyers):
            if buyer.warrants:
                say(("buyers", i, "warrants"), "the deal has no warrants (securities.warrants is absent), so a "
                    "buyer cannot hold any")
    end = (("maturity_date",) if security.kind == "debt" else ("redemption", "mandatory", "date"))
    if security.end_date <= deal.closing_date:
        say(("securities", "convertible", *end),
            f"the {security.words.end_date} {security.end_date} is not after the closing date {deal.closing_date}")
    payments = ("interest_payments",) if security.kind == "debt" else ("dividends", "payments")
    if security.accrual.payments.first <= deal.closing_date:
        say(("securities", "convertible", *payments, "first"),
            f"the first {security.words.income_of} payment date must be after the closing date")
    out += _check_covenants(deal, loaded)
    seen: dict[str, int] = {}
    for i, buyer in enumerate(deal.buyers):
        if buyer.id in seen:
            say(("buyers", i, "id"), f"buyer id '{buyer.id}' is used twice (also buyers[{seen[buyer.id]}])")
        seen.setdefault(buyer.id, i)
        amount = deal.amount(buyer)
        if (buyer.principal is not None or buyer.preferred_shares is not None) and buyer.purchase_price != amount:
            say(("buyers", i, "purchase_price"),
                f"the purchase price {buyer.purchase_price:,} should equal the {security.words.amount} "
                f"{amount:,}{_cite(deal.agreement.sections.purchase_price)}")

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
    out += _check_filings(deal, loaded)
    out += _check_signers(deal, loaded)
    out += _check_funds_flow(deal, loaded)
    out += _check_ledger(deal, loaded, figures)
    return out


def _check_filings(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """The filings after the closing: one Form D and one Form 8-K at most; a first sale between the agreement and
    the Closing Date; each state notice for a state of the United States where the Buyers it names reside, and one
    for every such state a Buyer resides in; filings recorded after what they follow; periods and third-party
    deliverables each once."""
    out: list[Problem] = []

    def say(path: Path_, message: str) -> None:
        out.append(loaded.problem(path, message))

    buyers = {b.id: b for b in deal.buyers}
    kinds: dict[str, int] = {}
    states: dict[str, int] = {}
    form = next((f for f in deal.filings if isinstance(f, FormD)), None)
    for i, filing in enumerate(deal.filings):
        at = ("filings", i)
        if isinstance(filing, FormD | CurrentReport):
            if filing.kind in kinds:
                say((*at, "kind"), f"a second {filing.kind} (also filings[{kinds[filing.kind]}]): list one, with "
                    "every event it reports")
            kinds.setdefault(filing.kind, i)
        if isinstance(filing, FormD):
            if filing.first_sale > deal.closing_date:
                say((*at, "first_sale"), f"the first sale {filing.first_sale} is after the closing date "
                    f"{deal.closing_date}: every Buyer has bought by the closing")
            if filing.first_sale < deal.agreement.date:
                say((*at, "first_sale"), f"the first sale {filing.first_sale} is before the agreement date "
                    f"{deal.agreement.date}: no investor was committed before the agreement")
            if filing.filed_on is not None and filing.filed_on < filing.first_sale:
                say((*at, "filed_on"), "filed before the first sale: a notice of sales follows a sale")
            if filing.copies_sent_on is not None and (filing.filed_on is None or filing.copies_sent_on < filing.filed_on):
                say((*at, "copies_sent_on"), "copies sent before the Form D was filed (filed_on): a copy follows the "
                    "filing")
        if isinstance(filing, CurrentReport):
            seen: dict[str, int] = {}
            for j, event in enumerate(filing.events):
                if event.event in seen:
                    say((*at, "events", j, "event"), f"'{event.event}' is listed twice (also events[{seen[event.event]}])")
                seen.setdefault(event.event, j)
        if isinstance(filing, StateNotice):
            if filing.state not in US_STATES:
                say((*at, "state"), f"'{filing.state}' is not a state or territory of the United States (by its full "
                    "name, e.g. Connecticut); a state notice filing is due only in one")
            elif filing.state in states:
                say((*at, "state"), f"{filing.state} has a notice filing already (filings[{states[filing.state]}])")
            states.setdefault(filing.state, i)
            if form is None:
                say((*at, "kind"), "a state notice filing runs from the first sale: the deal needs its Form D "
                    "(a filings entry of kind form-d, with first_sale)")
            for j, buyer_id in enumerate(filing.buyers):
                buyer = buyers.get(buyer_id)
                if buyer is None:
                    say((*at, "buyers", j), f"'{buyer_id}' is not a Buyer ({', '.join(buyers)})")
                elif buyer.residence != filing.state:
                    say((*at, "buyers", j), f"{buyer.name} resides in {buyer.residence} (buyers[].residence), not in "
                        f"{filing.state}")
    if form is not None:
        for i, buyer in enumerate(deal.buyers):
            if buyer.residence in US_STATES and buyer.residence not in states:
                say(("buyers", i, "residence"), f"{buyer.name} resides in {buyer.residence}: the deal's filings need "
                    f"a state notice for {buyer.residence} (kind: state-notice, with its period and its source)")
    ids: dict[str, int] = {}
    for i, period in enumerate(deal.periods):
        if period.id in ids:
            say(("periods", i, "id"), f"the period '{period.id}' is listed twice (also periods[{ids[period.id]}])")
        ids.setdefault(period.id, i)
    if deal.closing is not None:
        items = {item.id for item in deal.closing.items}
        seen_ids: dict[str, int] = {}
        for i, t in enumerate(deal.closing.third_party):
            place: Path_ = ("closing", "third_party", i)
            if t.id in seen_ids:
                say((*place, "id"), f"'{t.id}' is listed twice (also closing.third_party[{seen_ids[t.id]}])")
            elif t.id in items:
                say((*place, "id"), f"'{t.id}' is the id of a closing item (closing.items): a third party's deliverable "
                    "needs its own id (it names the item it satisfies under item:)")
            seen_ids.setdefault(t.id, i)
            if t.item is not None and t.item not in items:
                say((*place, "item"), f"'{t.item}' is not a condition or deliverable of the agreement (closing.items)")
            if t.received is not None and t.dated is not None and t.received < t.dated:
                say((*place, "received"), f"received {t.received}, before the date it bears ({t.dated})")
    return out


# Each kind's key for a Buyer's holding and a ledger entry's amount, and the other kind's, which it refuses.
_HOLDING = {"debt": "principal", "preferred": "preferred_shares"}


def _check_kind(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """Each Buyer holds the deal's kind of security (a principal amount of debt, or a number of Preferred
    Shares), the holdings add up, and the ledger counts amounts in the same terms."""
    out: list[Problem] = []
    security = deal.securities.convertible
    key, other = _HOLDING[security.kind], _HOLDING["preferred" if security.kind == "debt" else "debt"]
    what = {"principal": "a principal amount (principal:)", "preferred_shares": "a number of Preferred Shares "
            "(preferred_shares:)"}
    for i, buyer in enumerate(deal.buyers):
        if getattr(buyer, key) is None:
            out.append(loaded.problem(("buyers", i, key), f"the deal's convertible security is {security.kind}"
                                      f" (securities.convertible.kind): each buyer holds {what[key]}"))
        if getattr(buyer, other) is not None:
            out.append(loaded.problem(("buyers", i, other), f"the deal's convertible security is {security.kind}"
                                      f" (securities.convertible.kind): a buyer holds {what[key]}, not "
                                      f"{what[other]}"))
    for i, event in enumerate(deal.ledger):
        if event.event in ("conversion", "redemption", "repayment"):
            if event.event == "repayment" and security.kind == "preferred":
                out.append(loaded.problem(("ledger", i, "event"), "Preferred Shares are not repaid: record a "
                                          "redemption (event: redemption, preferred_shares: N)"))
                continue
            if getattr(event, key, None) is None:
                out.append(loaded.problem(("ledger", i), f"a {event.event} of {security.kind} names {what[key]}"))
            if getattr(event, other, None) is not None:
                out.append(loaded.problem(("ledger", i, other), f"the deal's convertible security is "
                                          f"{security.kind}: a {event.event} names {what[key]}, not {what[other]}"))
            if security.kind == "debt" and getattr(event, "dividends", None) is not None:
                out.append(loaded.problem(("ledger", i, "dividends"), "debt pays interest, not dividends: "
                                          "remove dividends"))
        elif event.event == "interest_payment" and security.kind == "preferred":
            out.append(loaded.problem(("ledger", i, "event"), "Preferred Shares pay dividends, not interest: "
                                      "record event: dividend_payment"))
        elif event.event == "dividend_payment" and security.kind == "debt":
            out.append(loaded.problem(("ledger", i, "event"), "debt pays interest, not dividends: record "
                                      "event: interest_payment"))
    if out:
        return out
    if security.kind == "debt":
        total = sum((b.principal or Decimal(0) for b in deal.buyers), Decimal(0))
        if total != security.aggregate_principal:
            out.append(loaded.problem(("securities", "convertible", "aggregate_principal"),
                       f"the buyers' principal amounts add up to {total:,}, not {security.aggregate_principal:,}"))
    else:
        count = sum(b.preferred_shares or 0 for b in deal.buyers)
        if count != security.aggregate_shares:
            out.append(loaded.problem(("securities", "convertible", "aggregate_shares"),
                       f"the buyers' Preferred Shares add up to {count:,}, not {security.aggregate_shares:,}"))
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
        kind = next((item.kind for item in deal.closing.items if item.id == delivery.item), None)
        if delivery.status == "satisfied" and kind == "delivery":
            out.append(loaded.problem(("closing", "deliveries", i, "status"), f"'{delivery.item}' is a deliverable: "
                                      "it is received (or waived), not satisfied; a condition is satisfied"))
        if delivery.status != "pending" and delivery.date is None:
            out.append(loaded.problem(("closing", "deliveries", i, "status"), f"a delivery {delivery.status} needs "
                                      "its date: add date: YYYY-MM-DD"))
    return out


def _check_funds_flow(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """The funds flow names real Buyers, each wire once, each payment once; escrow only with an escrow agent
    (its sums are compute's: ``compute/funds_flow.py``)."""
    flow = deal.funds_flow
    if flow is None:
        return []
    out: list[Problem] = []
    buyers = [b.id for b in deal.buyers]
    base: Path_ = ("funds_flow",)
    seen: dict[str, int] = {}
    for i, wire in enumerate(flow.wires):
        if wire.buyer not in buyers:
            out.append(loaded.problem(base + ("wires", i, "buyer"), f"'{wire.buyer}' is not one of the buyers "
                                      f"({', '.join(buyers)})"))
        elif wire.buyer in seen:
            out.append(loaded.problem(base + ("wires", i, "buyer"), f"{wire.buyer}'s wire is listed twice (also "
                                      f"funds_flow.wires[{seen[wire.buyer]}]); list each Buyer's wire once"))
        seen.setdefault(wire.buyer, i)
        if wire.confirmation is not None and wire.received is None:
            out.append(loaded.problem(base + ("wires", i, "confirmation"), "a wire confirmed must be received: add "
                                      "received: YYYY-MM-DD (the day the account had the funds)"))
        if wire.received is not None and wire.received < deal.agreement.date:
            out.append(loaded.problem(base + ("wires", i, "received"), f"received {wire.received}, before the "
                                      f"agreement's date {deal.agreement.date}"))
    ids: dict[str, int] = {}
    for i, payment in enumerate(flow.paid_at_closing):
        if payment.id in ids:
            out.append(loaded.problem(base + ("paid_at_closing", i, "id"), f"the payment '{payment.id}' is listed "
                                      f"twice (also funds_flow.paid_at_closing[{ids[payment.id]}])"))
        ids.setdefault(payment.id, i)
        if payment.paid_by is not None and payment.paid_by not in buyers:
            out.append(loaded.problem(base + ("paid_at_closing", i, "paid_by"), f"'{payment.paid_by}' is not one "
                                      f"of the buyers ({', '.join(buyers)}); leave paid_by out for an amount paid "
                                      "out of the funds wired"))
    if flow.wired_to == "escrow" and flow.escrow_agent is None:
        out.append(loaded.problem(base + ("wired_to",), "the Purchase Price is wired to escrow: name the escrow "
                                  "agent (escrow_agent, TBC until known)"))
    if flow.wired_to == "company":
        for key in ("escrow_agent", "escrow_agreement"):
            if getattr(flow, key) is not None:
                out.append(loaded.problem(base + (key,), "the Purchase Price is wired to the Company (wired_to: "
                                          "company): there is no escrow; set wired_to: escrow, or remove it"))
        if not isinstance(flow.held_in_escrow, Pending) and flow.held_in_escrow:
            out.append(loaded.problem(base + ("held_in_escrow",), "the Purchase Price is wired to the Company "
                                      "(wired_to: company): nothing can be held in escrow"))
    return out


# The closing set's documents signed at closing (the press release and its cover note are not signed).
SIGNED_CLOSING_DOCUMENTS = tuple(d for d in CLOSING_DOCUMENTS if d != "press-release")


# Who signs each document of the closing set, as its template's signature blocks have it: the Company's
# officers by their role, the transfer agent (its blank block); the Secretary's Certificate's incumbency
# has a specimen signature of every officer.
TEMPLATE_SIGNERS: dict[str, dict[str, tuple[str, ...]]] = {
    "transfer-agent-instructions": {"company": ("chief_executive_officer",), "transfer-agent": ()},
    "officers-certificate": {"company": ("chief_executive_officer",)},
    "secretarys-certificate": {"company": ("secretary", "chief_executive_officer")},
}
SPECIMENS = {"secretarys-certificate"}


def _check_template_signers(deal: Deal, loaded: LoadedDeal, d: int) -> list[Problem]:
    """A document closingdocs makes is signed as its template's blocks say: the list must agree with it."""
    document = deal.closing.documents[d] if deal.closing else None
    assert document is not None
    at: Path_ = ("closing", "documents", d)
    wanted = TEMPLATE_SIGNERS[document.id]
    company = deal.company
    officers = {role: getattr(company, role) for role in ("chief_executive_officer", "secretary")}
    out = []
    given = [p.party for p in document.parties]
    if sorted(given) != sorted(wanted):
        out.append(loaded.problem((*at, "parties"), f"the {document.title} closingdocs makes is signed by "
                                  f"{' and '.join(wanted)} (its template's signature blocks), not "
                                  f"{' and '.join(given)}"))
        return out
    for p, party in enumerate(document.parties):
        if party.party != "company":
            continue
        expected = [officers[role] for role in wanted["company"]]
        if list(party.signers) != expected:
            out.append(loaded.problem((*at, "parties", p, "signers"), f"the {document.title} closingdocs makes "
                                      f"is signed for the Company by {', '.join(expected)} (in that order: "
                                      + ", ".join(r.replace("_", " ") for r in wanted["company"]) + ")"))
        specimens = sorted(o.id for o in company.officers) if document.id in SPECIMENS else []
        if sorted(party.specimens) != specimens:
            out.append(loaded.problem((*at, "parties", p, "specimens"), (
                f"the {document.title}'s incumbency has a specimen signature of every officer: specimens: "
                f"[{', '.join(o.id for o in company.officers)}]") if specimens else
                f"the {document.title} closingdocs makes has no specimen signatures"))
    return out


def _check_signers(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """Every signer has one key; each document signed at closing names parties the deal has, and signers who
    sign for that party: the Company's officers, a Buyer's or the transfer agent's signatories."""
    out: list[Problem] = []
    keys: dict[str, Path_] = {o.id: ("company", "officers", i, "id") for i, o in enumerate(deal.company.officers)}
    owners: list[tuple[str, Path_]] = []
    for i, buyer in enumerate(deal.buyers):
        field = "signatory" if buyer.signatory is not None else "signatories"
        for n in range(len(buyer.signers)):
            owners.append((buyer.signer_key(n), ("buyers", i, field) if field == "signatory" else ("buyers", i, field, n)))
    agent = deal.transfer_agent
    for n, key in enumerate(agent.signer_keys):
        owners.append((key, ("transfer_agent", "signatories", n) if agent.signatories else ("transfer_agent",)))
    for key, path in owners:
        if key in keys:
            out.append(loaded.problem(path, f"the signer key '{key}' is already taken ({dotted(keys[key])}); give "
                                      "this signatory an id of its own (id: ...)"))
        keys.setdefault(key, path)
    if deal.closing is None:
        return out
    others: dict[str, tuple] = {}    # a party named in a document only (an escrow agent): its name, signers
    for d, document in enumerate(deal.closing.documents):
        for p, party in enumerate(document.parties):
            if party.name is None and not party.signatories:
                continue
            where: Path_ = ("closing", "documents", d, "parties", p)
            if party.party in DOCUMENT_PARTIES or party.party in {b.id for b in deal.buyers}:
                out.append(loaded.problem((*where, "name" if party.name is not None else "signatories"),
                                          f"'{party.party}' is a party the deal already describes: its name and "
                                          "signatories are given there"))
                continue
            if party.name is None or not party.signatories:
                out.append(loaded.problem(where, f"the party '{party.party}' needs its name and signatories "
                                          "(name: ..., signatories: [{name: ..., title: ...}])"))
                continue
            if party.party in others:
                if (party.name, party.signatories) != others[party.party][:2]:
                    out.append(loaded.problem(where, f"the party '{party.party}' is described differently in "
                                              f"{dotted(others[party.party][2])}; describe it once, alike"))
                continue
            others[party.party] = (party.name, party.signatories, where, party.signer_keys)
            for n, key in enumerate(party.signer_keys):
                if key in keys:
                    out.append(loaded.problem((*where, "signatories", n), f"the signer key '{key}' is already taken "
                                              f"({dotted(keys[key])}); give this signatory an id of its own (id: ...)"))
                keys.setdefault(key, (*where, "signatories", n))
    buyers = {b.id: b for b in deal.buyers}
    officers = [o.id for o in deal.company.officers]
    seen: dict[str, int] = {}
    for d, document in enumerate(deal.closing.documents):
        at: Path_ = ("closing", "documents", d)
        if document.id in seen:
            out.append(loaded.problem((*at, "id"), f"the document '{document.id}' is listed twice "
                                      f"(also closing.documents[{seen[document.id]}])"))
        seen.setdefault(document.id, d)
        if document.made_by == "closingdocs" and document.id not in SIGNED_CLOSING_DOCUMENTS:
            out.append(loaded.problem((*at, "id"), f"'{document.id}' is not a document closingdocs makes and "
                                      f"signs ({', '.join(SIGNED_CLOSING_DOCUMENTS)}); a document from counsel "
                                      "says made_by: counsel"))
        if document.made_by == "closingdocs" and document.id in TEMPLATE_SIGNERS:
            out += _check_template_signers(deal, loaded, d)
        parties: dict[str, int] = {}
        for p, party in enumerate(document.parties):
            here: Path_ = (*at, "parties", p)
            if party.party not in DOCUMENT_PARTIES and party.party not in buyers and party.party not in others:
                out.append(loaded.problem((*here, "party"), f"'{party.party}' is not a party the deal has: "
                                          f"{', '.join(DOCUMENT_PARTIES)}, a Buyer's id ({', '.join(buyers)}), "
                                          "or another party described with its name and signatories"))
                continue
            covered = [b for b in buyers if party.party in (b, "buyers")] if party.party not in ("company",
                                                                                             "transfer-agent") else []
            twice = [x for x in ([party.party] + covered) if x in parties]
            if twice:
                out.append(loaded.problem((*here, "party"), f"'{twice[0]}' is already a party to this document "
                                          f"(parties[{parties[twice[0]]}])"))
            for x in [party.party, *covered]:
                parties.setdefault(x, p)
            if party.party == "company":
                if not party.signers:
                    out.append(loaded.problem(here, "the Company signs by its officers: name who signs "
                                              f"(signers: officers' ids, {', '.join(officers)})"))
                allowed = officers
                whose = "an officer of the Company (company.officers)"
            elif party.party == "transfer-agent":
                allowed = agent.signer_keys
                whose = "a signatory of the transfer agent (transfer_agent.signatories)"
            elif party.party == "buyers":
                allowed = []
                whose = "not named for the Buyers as one: each Buyer signs by all its signatories (leave signers " \
                        "out, or list one Buyer by its id)"
            elif party.party in others:
                allowed = others[party.party][3]
                whose = f"a signatory of {others[party.party][0]}"
            else:
                allowed = buyers[party.party].signer_keys
                whose = f"a signatory of {buyers[party.party].name} (buyers[{list(buyers).index(party.party)}])"
            for s, signer in enumerate(party.signers):
                if signer not in allowed:
                    sign_for = "the Company" if party.party == "company" else party.party
                    out.append(loaded.problem((*here, "signers", s), f"'{signer}' does not sign for {sign_for}: a "
                                              f"signer here is {whose}" + (f" ({', '.join(allowed)})" if allowed else "")))
            if party.specimens and party.party != "company":
                out.append(loaded.problem((*here, "specimens"), "only the Company's officers give specimen "
                                          "signatures (an incumbency)"))
            for s, signer in enumerate(party.specimens if party.party == "company" else []):
                if signer not in officers:
                    out.append(loaded.problem((*here, "specimens", s), f"'{signer}' is not an officer of the "
                                              f"Company ({', '.join(officers)})"))
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


def _check_ledger(deal: Deal, loaded: LoadedDeal, figures: Check | None = None) -> list[Problem]:
    """Ledger entries must be dated after closing, name real buyers and add up (and then, given ``figures``,
    agree with the figures computed from them)."""
    out: list[Problem] = []
    buyers = {b.id: b for b in deal.buyers}
    principal = {b.id: deal.amount(b) for b in deal.buyers}
    words = deal.securities.convertible.words
    warrants = {b.id: b.warrants or 0 for b in deal.buyers}
    indexed = sorted(enumerate(deal.ledger), key=lambda pair: pair[1].date)
    for i, event in indexed:
        path = ("ledger", i)

        def say(key: str, message: str, path: Path_ = path) -> None:
            out.append(loaded.problem(path + ((key,) if key else ()), message))

        if event.date < deal.closing_date:
            say("date", f"dated {event.date}, before the closing date {deal.closing_date}")
        buyer = getattr(event, "buyer", None) or ""   # "" where the event names no Buyer
        if buyer and buyer not in buyers:
            say("buyer", f"'{buyer}' is not one of the buyers ({', '.join(buyers)})")
            continue
        if event.event in ("conversion", "repayment", "redemption"):
            amount = deal.amount(event)
            key = "principal" if words.kind == "debt" else "preferred_shares"
            if amount > principal[buyer]:
                say(key, f"{event.event} of {amount:,} but only {principal[buyer]:,} of "
                    f"{buyer}'s {words.short} is outstanding on {event.date}")
            principal[buyer] -= amount
        if event.event == "redemption" and event.method == "shares":
            if event.price is None or event.shares_issued is None:
                say("", "a redemption in shares needs price and shares_issued")
            elif (exact := unmatched(deal.amount(event), event.price, event.shares_issued)) is not None:
                say("shares_issued", f"{event.shares_issued:,} shares does not match the {words.short} redeemed "
                    f"divided by the price ({exact:,.4f} shares)")
        if event.event == "conversion":
            converted = deal.amount(event) + (event.dividends or 0)
            exact = unmatched(converted, event.conversion_price, event.shares_issued)
            if exact is not None:
                plus = f" plus the {words.income} converted" if event.dividends else ""
                say("shares_issued", f"{event.shares_issued:,} shares does not match the {words.short} converted"
                    f"{plus} divided by the conversion price ({exact:,.4f} shares)")
        elif event.event == "warrant_exercise":
            if event.shares > warrants[buyer]:
                say("shares", f"exercises {event.shares:,} but {buyer} holds Warrants for only "
                    f"{warrants[buyer]:,} shares on {event.date}")
            warrants[buyer] -= event.shares
        elif event.event in ("interest_payment", "dividend_payment") and event.method == "shares":
            if event.conversion_price is None or event.shares_issued is None:
                say("", f"{words.income} paid in shares needs conversion_price and shares_issued")
        elif event.event == "list_delivered":
            if event.date <= month_end(event.month):
                say("date", f"a list for {event.month} cannot be delivered on {event.date}: it is a list as of "
                    f"the end of {month_end(event.month)}, delivered after that day")
    out += _check_ids(deal, loaded, buyers)
    out += _check_list_months(deal, loaded)
    out += _check_expense_payments(deal, loaded)
    if not out and figures is not None:
        out += figures(deal, loaded)
    return out


def _check_list_months(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """A monthly list is owed from the first list month on: none is delivered for a month before it."""
    first = deal.first_list_month
    before = "a month before the closing" if first == month_of(deal.closing_date) else \
        "a month before the first full calendar month after the closing (lists_start: first-full-month)"
    return [loaded.problem(("ledger", i, "month"), f"no list is owed for {event.month}, {before} "
                           f"({first} is the first)")
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


def unmatched(amount: Decimal, price: Decimal, shares: int) -> Decimal | None:
    """The exact shares ``amount`` buys at ``price`` where ``shares`` is neither it rounded down nor up; else None."""
    exact = amount / price
    return None if shares in (exact.to_integral_value(ROUND_FLOOR), exact.to_integral_value(ROUND_CEILING)) \
        else exact






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


__all__ = ["Check", "validate", "cross_check", "dotted", "unmatched"]

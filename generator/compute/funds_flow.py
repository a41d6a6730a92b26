"""The funds flow at closing (``funds_flow``): each Buyer's Purchase Price, its wire, what is paid out of the
Purchase Price at closing, what stays in escrow and the Company's net proceeds, with the totals checked.

Two sums must hold, each Buyer's and the whole closing's:
  * a Buyer's Purchase Price = its wire + the amounts it pays at closing itself (deducted from its wire);
  * the wires = the amounts paid out of them at closing + the amount held in escrow + the net proceeds;
so the aggregate Purchase Price = every amount paid at closing + the amount held in escrow + the net proceeds.
A figure the deal file states (a wire, the net proceeds) is checked against the others; one it leaves out is
derived from them. A figure written TBC, or given with a source still to be confirmed, is open: so is every
figure derived from it (a draft prints it as [●], a final document may not be made).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..deal.load import Path_, Pending, dotted
from ..deal.model import Buyer, ClosingPayment, Deal, FundsFlow
from ..deal.provenance import unconfirmed

ZERO = Decimal(0)


@dataclass(frozen=True)
class Figure:
    """An amount of the funds flow: its value (None: written TBC) and the facts still to be confirmed it is, or
    is derived from (their dotted paths); ``stated``: the deal file gives it (else it is derived)."""

    value: Decimal | None
    open: tuple[Pending, ...] = ()
    stated: bool = True

    @property
    def shown(self) -> Decimal | Pending:
        """What a document prints: the amount, or the first fact it waits for (a draft's [●])."""
        if self.open:
            return self.open[0]
        assert self.value is not None, "a figure without a value is open"
        return self.value

    @property
    def known(self) -> bool:
        return self.value is not None


def _add(*figures: Figure, stated: bool = False) -> Figure:
    return _combine(figures, [1] * len(figures), stated)


def _combine(figures, signs, stated: bool = False) -> Figure:
    values = [f.value for f in figures]
    total = None if any(v is None for v in values) else sum(
        (v * s for v, s in zip(values, signs, strict=True)), start=ZERO)
    return Figure(total, tuple(dict.fromkeys(p for f in figures for p in f.open)), stated)


@dataclass(frozen=True)
class BuyerFunds:
    """One Buyer's line of the funds flow."""

    buyer: Buyer
    purchase_price: Figure
    paid_itself: Figure                  # the amounts it pays at closing itself, deducted from its wire
    wire: Figure                         # stated, or its Purchase Price less what it pays itself
    received: dt.date | None             # as the deal stood on the memorandum's date
    confirmation: object = None          # the bank's reference: text, a TBC fact, or None
    wire_index: int | None = None        # its entry in funds_flow.wires


@dataclass(frozen=True)
class Payment:
    """An amount paid at closing out of the Purchase Price."""

    payment: ClosingPayment
    amount: Figure
    index: int
    paid_by: Buyer | None                # a Buyer paying it itself; None: paid out of the funds wired


@dataclass(frozen=True)
class Funds:
    """The whole funds flow on one date."""

    flow: FundsFlow
    buyers: tuple[BuyerFunds, ...]
    payments: tuple[Payment, ...]
    purchase_price: Figure               # the aggregate Purchase Price
    wires: Figure                        # the wires, added up
    paid_by_buyers: Figure               # the amounts the Buyers pay themselves at closing
    paid_from_wires: Figure              # the amounts paid at closing out of the funds wired
    paid_at_closing: Figure              # every amount paid at closing
    held_in_escrow: Figure
    net_proceeds: Figure                 # stated, or the wires less what is paid out of them and held in escrow
    derived_net_proceeds: Figure         # always derived (the check of a stated figure)

    @property
    def received(self) -> tuple[BuyerFunds, ...]:
        return tuple(b for b in self.buyers if b.received is not None)

    @property
    def all_received(self) -> bool:
        return len(self.received) == len(self.buyers)


def _figure(value, path: Path_, open_facts: dict[str, Pending]) -> Figure:
    """A figure the deal file gives at ``path``: open when written TBC or its source is still to be confirmed."""
    if isinstance(value, Pending):
        return Figure(None, (value,))
    fact = open_facts.get(dotted(path))
    return Figure(value, (fact,) if fact is not None else ())


def funds(deal: Deal) -> Funds | None:
    """The funds flow as the deal stands (pass ``deal.as_of(day)`` for a day), or None without one."""
    flow = deal.funds_flow
    if flow is None:
        return None
    open_facts = unconfirmed(deal)
    base: Path_ = ("funds_flow",)
    payments = tuple(Payment(p, _figure(p.amount, base + ("paid_at_closing", i, "amount"), open_facts), i,
                             next((b for b in deal.buyers if b.id == p.paid_by), None) if p.paid_by else None)
                     for i, p in enumerate(flow.paid_at_closing))
    wires = {w.buyer: (i, w) for i, w in reversed(list(enumerate(flow.wires)))}   # the first entry of a Buyer
    lines = []
    for b, buyer in enumerate(deal.buyers):
        price = _figure(buyer.purchase_price, ("buyers", b, "purchase_price"), open_facts)
        own = _add(*(p.amount for p in payments if p.paid_by is buyer), Figure(ZERO))
        derived = _combine((price, own), (1, -1))
        index, wire = wires.get(buyer.id, (None, None))
        if wire is not None and wire.amount is not None and index is not None:
            stated = _figure(wire.amount, (*base, "wires", index, "amount"), open_facts)
        else:
            stated = derived
        lines.append(BuyerFunds(buyer, price, own, stated, wire.received if wire else None,
                                wire.confirmation if wire else None, index))
    purchase_price = _add(*(line.purchase_price for line in lines))
    total_wires = _add(*(line.wire for line in lines))
    by_buyers = _add(*(p.amount for p in payments if p.paid_by is not None), Figure(ZERO))
    from_wires = _add(*(p.amount for p in payments if p.paid_by is None), Figure(ZERO))
    held = _figure(flow.held_in_escrow, base + ("held_in_escrow",), open_facts)
    derived_net = _combine((total_wires, from_wires, held), (1, -1, -1))
    net = _figure(flow.net_proceeds, base + ("net_proceeds",), open_facts) if flow.net_proceeds is not None \
        else derived_net
    return Funds(flow, tuple(lines), payments, purchase_price, total_wires, by_buyers, from_wires,
                 _add(by_buyers, from_wires, stated=True), held, net, derived_net)


@dataclass(frozen=True)
class Discrepancy:
    """A funds flow that does not add up: where (a deal-file path) and the figures that disagree."""

    path: Path_
    message: str


def _money(value: Decimal | None) -> str:
    assert value is not None, "only a known figure is named in a message"
    return f"${value:,.2f}"


def _below_zero(figure: Figure) -> bool:
    return figure.value is not None and figure.value < 0


def discrepancies(deal: Deal) -> list[Discrepancy]:
    """Every sum of the funds flow that does not hold, each naming its figures (none where a figure is TBC)."""
    found = funds(deal)
    if found is None:
        return []
    out = []
    for line in found.buyers:
        if line.wire_index is None or not line.wire.stated:
            if _below_zero(line.wire):
                out.append(Discrepancy(("funds_flow", "paid_at_closing"), f"{line.buyer.name} pays "
                                       f"{_money(line.paid_itself.value)} at closing itself, more than its Purchase "
                                       f"Price of {_money(line.purchase_price.value)}"))
            continue
        wire, own, price = line.wire.value, line.paid_itself.value, line.purchase_price.value
        if wire is None or own is None or price is None:
            continue
        total = wire + own
        if total != price:
            ids = [p.payment.id for p in found.payments if p.paid_by is line.buyer]
            out.append(Discrepancy(
                ("funds_flow", "wires", line.wire_index, "amount"),
                f"{line.buyer.name}'s wire of {_money(line.wire.value)}"
                + (f" and the {_money(line.paid_itself.value)} it pays at closing itself ({', '.join(ids)})"
                   if ids else "")
                + f" add up to {_money(total)}, not its Purchase Price of {_money(line.purchase_price.value)}"))
    derived = found.derived_net_proceeds
    if _below_zero(derived):
        out.append(Discrepancy(("funds_flow", "paid_at_closing"), _uses(found, "the wires")
                               + f" come to more than the wires of {_money(found.wires.value)}"))
    elif found.net_proceeds.stated and found.net_proceeds.known and derived.known \
            and found.net_proceeds.value != derived.value:
        out.append(Discrepancy(("funds_flow", "net_proceeds"),
                               f"the net proceeds to the Company of {_money(found.net_proceeds.value)} are not "
                               f"the wires of {_money(found.wires.value)} less {_uses(found)}: that leaves "
                               f"{_money(derived.value)}"))
    return out


def _uses(found: Funds, wires: str = "them") -> str:
    """The amounts paid out of the wires and held in escrow, as an error message lists them."""
    parts = [f"the {_money(found.paid_from_wires.value)} paid out of {wires} at closing"]
    paid = [f"{p.payment.id} {_money(p.amount.value)}" for p in found.payments
            if p.paid_by is None and p.amount.known]
    if paid:
        parts[0] += f" ({', '.join(paid)})"
    if found.held_in_escrow.value:
        parts.append(f"the {_money(found.held_in_escrow.value)} held in escrow")
    return " and ".join(parts)

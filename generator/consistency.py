"""The set agrees with itself: between rendering and writing, every document of a set is checked against the
deal's figures and against the other documents of the set, before anything is written.

What is checked, each from data (the tables below), never by a rule for one document:
  * figures: each labelled quantity (the aggregate principal, the Reserved Amount, the shares reserved for the
    Buyers, the Warrant shares, the conversion price) wherever a document states it, in words the deal file
    typed (a headline) or a template wrote, against the one figure the deal's model has for it; and a figure
    the deal file states for the same quantity (``reserve_on_approval``, s.3(c)) against that figure;
  * tables: every table's total row against the rows above it (their sum, or the first row less the others);
  * dates of the same event: a closing document against the checklist's record of its delivery (the press
    release is dated the day it was released; nothing is received before the date it bears), and the
    deadline calendar and index page against the checklist (a release received is not an open deadline);
  * section citations by purpose: each citation of a known purpose (the certificate's condition, the
    capitalization representation, the share reserve covenant ...) against ``agreement.sections``,
    ``covenants`` and ``closing.items``;
  * defined terms: the deal's own (its Buyers, its convertible security), not another agreement's.

A mismatch names both places. In a final set it is an error (nothing is written); in a draft a warning.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .compute import position
from .compute.deadlines import deadlines
from .compute.funds_flow import funds
from .deal.citation import cite, long_date
from .deal.family import BUYER_TERM, PARTY_TERMS, SECURITY_TERMS
from .deal.load import LoadedDeal
from .deal.model import Deal
from .errors import ExitCode, ListedError
from .render.environment import RenderedDocument
from .render.markup import Paragraph, Table

# -- what a mismatch is ------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Mismatch:
    """Two places of a set that say different things about the same quantity, date, section or term."""

    kind: str          # figure, total, date, citation, term
    here: str          # the place that disagrees
    there: str         # the place (or the deal file's key) it disagrees with
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.here} | {self.there}: {self.message}"


class InconsistentSetError(ListedError):
    """A final set whose documents disagree with the deal's figures or with each other."""

    exit_code = ExitCode.INCONSISTENT
    title = "the documents of the set do not agree"
    noun = "mismatch(es)"

    @property
    def mismatches(self) -> list[Mismatch]:
        return self.found


def consistency_stage(deal: Deal, documents: list[RenderedDocument], final: bool,
                      loaded: LoadedDeal | None = None, warn=None) -> list[Mismatch]:
    """Check the set: in a final one a mismatch is an error (raised before anything is written); in a draft
    each is printed as a warning (to ``warn``, default stderr) and returned."""
    found = check_set(deal, documents, loaded)
    if found and final:
        raise InconsistentSetError(found)
    if found:
        out = warn or sys.stderr
        print(f"closingdocs: WARNING {deal.id}: the documents of this draft do not agree ({len(found)}); a final "
              "build refuses them:", file=out)
        for m in found:
            print(f"  {m}", file=out)
    return found


def check_set(deal: Deal, documents: list[RenderedDocument], loaded: LoadedDeal | None = None) -> list[Mismatch]:
    """Every mismatch in the set, in a stable order."""
    statements = [s for d in documents for s in _statements(d)]
    found = (_figures(deal, documents, statements, loaded) + _totals(documents) + _dates(deal, documents)
             + _citations(deal, statements) + _terms(deal, documents))
    return sorted(set(found))


# -- where a document says something ---------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    slug: str
    where: str         # "paragraph 3", "table 1, row 4"
    text: str          # the words around it

    def __str__(self) -> str:
        excerpt = self.text if len(self.text) <= 120 else self.text[:117] + "..."
        return f"{self.slug}, {self.where}: \u201c{excerpt}\u201d"


@dataclass(frozen=True)
class Statement:
    place: Place
    text: str          # the whole paragraph (or cell)
    document: RenderedDocument


def _statements(document: RenderedDocument) -> list[Statement]:
    out, paragraph, table = [], 0, 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            paragraph += 1
            if block.text.strip():
                out.append(Statement(Place(document.spec.slug, f"paragraph {paragraph}", block.text), block.text,
                                     document))
        elif isinstance(block, Table):
            table += 1
            for r, row in enumerate(block.rows, 1):
                for cell in row:
                    text = " ".join(p.text for p in cell.paragraphs)
                    if text.strip():
                        out.append(Statement(Place(document.spec.slug, f"table {table}, row {r}", text), text,
                                             document))
    return out


def _excerpt(text: str, match: re.Match, group: str | int = 0) -> str:
    """The words around what was found (its group ``group``), at most about a hundred characters."""
    a, b = match.span(group)
    start, end = max(0, a - 60), min(len(text), b + 25)
    return ("..." if start else "") + text[start:end].strip() + ("..." if end < len(text) else "")


# -- figures -----------------------------------------------------------------------------------------------

_MONEY = r"\$[\d,]+(?:\.\d+)?(?: [Mm]illion)?"
_SHARES = r"[\d,]+"


def money(text: str) -> Decimal | None:
    """"$1,000,000" / "$2.4 Million" -> the amount."""
    text = text.strip()
    scale = Decimal(1)
    if text.lower().endswith(" million"):
        text, scale = text[: -len(" million")], Decimal(1_000_000)
    try:
        return Decimal(text.lstrip("$").replace(",", "")) * scale
    except InvalidOperation:
        return None


def shares(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Quantity:
    """A quantity the deal's model knows and the closing documents state: its name, the model's figure (None:
    the deal has none), where that figure comes from, and the words that state it (group ``n``)."""

    name: str
    value: Callable[[Deal], Decimal | int | None]
    source: str
    patterns: tuple[str, ...]
    parse: Callable[[str], Decimal | None]
    shown: Callable[[Decimal], str]
    # a figure the deal file itself states for the same quantity: (figure, its key, what the agreement calls it)
    typed: Callable[[Deal], tuple[int, tuple, str] | None] = lambda deal: None


def _reserve_on_approval(deal: Deal):
    approval = deal.covenants.stockholder_approval
    if approval is None:
        return None
    return (approval.reserve_on_approval, ("covenants", "stockholder_approval", "reserve_on_approval"),
            f"shares to be reserved once the {approval.defined_term} is obtained ({cite(approval.section)})")


def _at_closing(deal: Deal):
    return position(deal, deal.closing_date)


def _conversion_price(deal: Deal):
    price = deal.securities.convertible.conversion_price
    return price.price if price.confirmed else None


def _funds(pick: str):
    """A figure of the funds flow (``compute/funds_flow.py``), where the deal has one and it is not open."""
    def value(deal: Deal):
        flow = funds(deal)
        figure = getattr(flow, pick) if flow is not None else None
        return figure.value if figure is not None and not figure.open else None
    return value


QUANTITIES = (
    Quantity("the aggregate principal amount",
             lambda d: d.securities.convertible.aggregate_amount if d.securities.convertible.kind == "debt" else None,
             "securities.convertible.aggregate_principal (the Buyers' principal amounts added up)",
             (rf"(?P<n>{_MONEY}) (?:principal amount|[Pp]rivate [Pp]lacement|[\w% -]*?[Ff]inancing)",
              rf"(?:private placement|purchase price) of (?P<n>{_MONEY})",
              rf"aggregate principal amount of [A-Z][\w -]*?\((?P<n>{_MONEY})\)"),
             money, lambda v: f"${v:,.2f}".replace(".00", "")),
    Quantity("the aggregate Stated Value",
             lambda d: d.securities.convertible.aggregate_amount if d.securities.convertible.kind == "preferred"
             else None,
             "securities.convertible.aggregate_shares x stated_value (the Buyers' Preferred Shares added up)",
             (rf"(?P<n>{_MONEY}) (?:[Pp]rivate [Pp]lacement|[\w% -]*?[Ff]inancing)",
              rf"(?:private placement|purchase price) of (?P<n>{_MONEY})",
              rf"aggregate Stated Value of (?P<n>{_MONEY})"),
             money, lambda v: f"${v:,.2f}".replace(".00", "")),
    Quantity("the Reserved Amount at closing", lambda d: _at_closing(d).aggregate_reserved_amount,
             "the Reserved Amount the model computes at closing (covenants.share_reserve)",
             (rf"Reserved Amount under Section \S+ is (?P<n>{_SHARES}) shares",
              rf"will reserve an aggregate of (?P<n>{_SHARES}) shares"),
             shares, lambda v: f"{v:,}", _reserve_on_approval),
    Quantity("the shares reserved for the Buyers at closing", lambda d: _at_closing(d).reserved_for_buyers,
             "the ledger's reservations at closing (ledger: reserve)",
             (rf"(?:has|have) reserved (?P<n>{_SHARES}) shares",),
             shares, lambda v: f"{v:,}"),
    Quantity("the shares covered by the Warrants",
             lambda d: d.securities.warrants.aggregate_shares if d.securities.warrants else None,
             "securities.warrants.aggregate_shares",
             (rf"warrants to purchase (?:an aggregate of )?(?:[A-Z][\w -]*?\()?(?P<n>{_SHARES})\)? shares",),
             shares, lambda v: f"{v:,}"),
    Quantity("the aggregate purchase price", _funds("purchase_price"),
             "buyers[].purchase_price, added up (funds_flow)",
             (rf"purchase price totalling (?P<n>{_MONEY})", rf"The purchase price, (?P<n>{_MONEY}) in the aggregate"),
             money, lambda v: f"${v:,.2f}"),
    Quantity("the wires at closing", _funds("wires"), "funds_flow.wires (each Buyer's purchase price less what it "
             "pays at closing itself)", (rf"equals the wires of (?P<n>{_MONEY})",), money, lambda v: f"${v:,.2f}"),
    Quantity("the net proceeds to the Company", _funds("net_proceeds"),
             "funds_flow.net_proceeds (or the wires less the amounts paid out of them and held in escrow)",
             (rf"net proceeds to the Company of (?P<n>{_MONEY})",), money, lambda v: f"${v:,.2f}"),
    Quantity("the conversion price at closing", _conversion_price,
             "securities.convertible.conversion_price",
             (r"conversion price of (?P<n>\$[\d,]*\.?\d+) per share",),
             money, lambda v: f"${v}"),
)


def _closing_set(documents: list[RenderedDocument]) -> list[RenderedDocument]:
    return [d for d in documents if d.spec.folder == "closing"]


def _figures(deal: Deal, documents, statements: list[Statement], loaded: LoadedDeal | None) -> list[Mismatch]:
    """Each labelled quantity, wherever a closing document states it, against the model's figure."""
    closing = {id(d) for d in _closing_set(documents)}
    out = []
    for q in QUANTITIES:
        expected = q.value(deal)
        if expected is None:
            continue
        expected = Decimal(expected)
        found = []
        for s in statements:
            if id(s.document) not in closing:
                continue
            for pattern in q.patterns:
                for match in re.finditer(pattern, s.text):
                    value = q.parse(match.group("n"))
                    if value is not None:
                        found.append((value, Place(s.place.slug, s.place.where, _excerpt(s.text, match, "n"))))
        for value, place in found:
            if value != expected:
                # the place that states the model's figure: in the same document if it does, else the first
                agreeing = sorted((p.slug != place.slug, i) for i, (v, p) in enumerate(found) if v == expected)
                there = str(found[agreeing[0][1]][1]) if agreeing else f"the deal: {q.source}"
                out.append(Mismatch("figure", str(place), there,
                                    f"{q.name} is {q.shown(expected)}, not {q.shown(value)}"))
        out += _typed_figures(deal, q, expected, found, loaded)
    return out


def _typed_figures(deal: Deal, q: Quantity, expected: Decimal, found, loaded: LoadedDeal | None) -> list[Mismatch]:
    """A figure the deal file states for a quantity the model derives (the SPA's s.3(c): the shares to be
    reserved once the Stockholder Approval is obtained are the Reserved Amount at closing)."""
    typed = q.typed(deal)
    if typed is None or typed[0] == expected:
        return []
    figure, key, what = typed
    where = ".".join(key)
    if loaded is not None:
        line, _ = loaded.where(key)
        where = f"{loaded.file_of(key)}:{line}: {where}"
    there = str(found[0][1]) if found else f"the deal: {q.source}"
    return [Mismatch("figure", where, there, f"the deal file states {q.shown(Decimal(figure))} {what}; "
                     f"{q.name} its figures give is {q.shown(expected)}")]


# -- tables ------------------------------------------------------------------------------------------------

def _number(text: str) -> Decimal | None:
    text = text.strip()
    if not re.fullmatch(r"\(?-?\$?[\d,]+(?:\.\d+)?\)?", text):
        return None
    negative = text.startswith("(") or text.startswith("-")
    value = Decimal(re.sub(r"[^\d.]", "", text))
    return -value if negative else value


# A total row whose label says it is computed, not added, is not checked against the rows above it.
COMPUTED_TOTALS = (r"\bon the aggregate\b",)     # s.3(c): the Reserved Amount on the aggregate principal


def _totals(documents: list[RenderedDocument]) -> list[Mismatch]:
    """Each table's total row against the rows above it (since the last total row, which may head them): their
    sum, or a remainder (the first less the others, as 'authorized and neither outstanding nor reserved'), or an
    excess (the others less the first, as 'reserved beyond the Reserved Amount')."""
    out = []
    for document in documents:
        tables = [b for b in document.blocks if isinstance(b, Table)]
        for t, table in enumerate(tables, 1):
            classes = list(table.row_classes) or [frozenset()] * len(table.rows)
            body: list[tuple] = []
            previous = None
            for r, (row, row_class) in enumerate(zip(table.rows, classes, strict=True), 1):
                if all(c.header for c in row):
                    continue
                if "total" not in row_class:
                    body.append(row)
                    continue
                label = _cell(row[0])
                if not any(re.search(p, label) for p in COMPUTED_TOTALS):
                    out += _check_total(document, t, r, row, label, body, previous)
                previous, body = row, []
    return out


def _cell(cell) -> str:
    return " ".join(p.text for p in cell.paragraphs)


def _check_total(document, t: int, r: int, row, label: str, body: list, previous) -> list[Mismatch]:
    out = []
    for c, cell in enumerate(row):
        total = _number(_cell(cell)) if "num" in cell.classes else None
        if total is None:
            continue
        column = [v for v in (_number(_cell(b[c])) for b in body if c < len(b)) if v is not None]
        if not column:
            continue
        headed = ([_number(_cell(previous[c]))] if previous is not None and c < len(previous) else []) + column
        readings = {sum(column), column[0] - sum(column[1:]), sum(column[1:]) - column[0]}
        if headed and headed[0] is not None:
            readings |= {sum(headed), headed[0] - sum(headed[1:])}
        if total in readings:
            continue
        out.append(Mismatch("total", str(Place(document.spec.slug, f"table {t}, row {r}", f"{label} {_cell(cell)}")),
                            f"{document.spec.slug}, table {t}, the {len(column)} row(s) above it",
                            f"the total is {_shown(total)}; the rows above it add up to {_shown(sum(column))}"))
    return out


def _shown(value: Decimal) -> str:
    return f"{value:,}"


# -- dates of the same event -------------------------------------------------------------------------------

def _dates(deal: Deal, documents: list[RenderedDocument]) -> list[Mismatch]:
    """A closing document and the checklist's record of its delivery; the release deadline and the checklist."""
    if deal.closing is None:
        return []
    out = []
    recorded = {d.item: (i, d) for i, d in enumerate(deal.closing.deliveries)}
    made = {d.spec.slug: d for d in documents}
    for item in deal.closing.items:
        if item.id not in recorded or recorded[item.id][1].status not in ("received", "satisfied"):
            continue
        index, delivery = recorded[item.id]
        there = (f"checklist, {cite(item.section)} ({item.id}): {delivery.status} {long_date(delivery.date)} "
                 f"(closing.deliveries[{index}])")
        for slug in item.documents:
            document = made.get(slug)
            if document is None or document.date is None:
                continue
            dated = f"{slug}: dated {long_date(document.date)}"
            if document.spec.public and document.date != delivery.date:
                out.append(Mismatch("date", dated, there, "the release is dated the day it is released"))
            elif document.date > delivery.date:
                out.append(Mismatch("date", dated, there, "a document cannot be received before the date it bears"))
    if "checklist" in made:
        release_items = {i.id: i for i in deal.closing.items if "press-release" in i.documents}
        received = [(recorded[k][1], release_items[k]) for k in release_items
                    if k in recorded and recorded[k][1].status != "pending"]
        for deadline in deadlines(deal):
            if deadline.kind == "press-release" and deadline.status == "open" and received:
                delivery, item = received[0]
                out.append(Mismatch("date", f"deadlines.ics and index.html: the release deadline "
                                    f"{long_date(deadline.date)} shown open",
                                    f"checklist, {cite(item.section)}: {delivery.status} {long_date(delivery.date)}",
                                    "a deadline met is not open"))
    return out


# -- section citations, by purpose -------------------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """Words that cite a section for a purpose, and the sections the deal gives that purpose."""

    purpose: str
    pattern: str                                       # group ``s``: the citation ("Sections 3(c) and 7(h)")
    expected: Callable[[Deal, str], list[str] | None]  # (deal, document slug) -> sections; None: not checked
    source: str


_CITED = r"(?P<s>Sections? [\w().]+(?:(?:, | and |, and )[\w().]+)*)"


def _certificate(deal: Deal, slug: str) -> list[str] | None:
    """A certificate cites the conditions that call for it (closing.items naming it) and the section that
    describes the certificates; the deal's checklist says which."""
    if deal.closing is None:
        return None
    conditions = [i.section for i in deal.closing.items if slug in i.documents]
    described = deal.agreement.sections.certificates
    return [*([described] if described else []), *conditions] if conditions else None


CITATIONS = (
    Citation("the conditions that call for the certificate", rf"delivers this certificate pursuant to {_CITED}",
             _certificate, "closing.items naming the certificate, and agreement.sections.certificates"),
    Citation("the capitalization representation", rf"capitalization of the Company was as set forth in {_CITED}",
             lambda d, s: [d.agreement.sections.capitalization], "agreement.sections.capitalization"),
    Citation("the covenant to deliver the transfer agent instructions",
             rf"Transfer Agent Instructions referred to in {_CITED}",
             lambda d, s: [d.agreement.sections.transfer_agent_instructions],
             "agreement.sections.transfer_agent_instructions"),
    Citation("the share reserve covenant", rf"(?:Reserved Amount under|from time to time under) {_CITED}",
             lambda d, s: [d.covenants.share_reserve.section], "covenants.share_reserve.section"),
    Citation("the stockholder approval covenant", rf"{{approval}} (?:described in|under) {_CITED}",
             lambda d, s: [d.covenants.stockholder_approval.section] if d.covenants.stockholder_approval else None,
             "covenants.stockholder_approval.section"),
)


def _sections(citation: str) -> list[str]:
    body = re.sub(r"^Sections? ", "", citation)
    return [p for p in re.split(r", and |, | and ", body) if p]


def _citations(deal: Deal, statements: list[Statement]) -> list[Mismatch]:
    approval = deal.covenants.stockholder_approval
    out = []
    for c in CITATIONS:
        if "{approval}" in c.pattern and approval is None:
            continue
        pattern = c.pattern.replace("{approval}", re.escape(approval.defined_term) if approval else "")
        for s in statements:
            for match in re.finditer(pattern, s.text):
                expected = c.expected(deal, s.place.slug)
                if expected is None:
                    continue
                cited = _sections(match.group("s"))
                if sorted(cited) != sorted(dict.fromkeys(expected)):
                    out.append(Mismatch("citation", str(Place(s.place.slug, s.place.where,
                                                              _excerpt(s.text, match, "s"))),
                                        f"the deal: {c.source}: {cite(list(dict.fromkeys(expected)))}",
                                        f"{c.purpose} is {cite(list(dict.fromkeys(expected)))}, not "
                                        f"{cite(cited)}"))
    return out


# -- defined terms -----------------------------------------------------------------------------------------

def _terms(deal: Deal, documents: list[RenderedDocument]) -> list[Mismatch]:
    """A defined term of another agreement of the family where the deal has its own."""
    term = deal.securities.convertible.defined_term     # plural, as the documents use it ("Debentures")
    own = next((t for t in SECURITY_TERMS if term in (t, t + "s")), term)
    foreign = [(t, BUYER_TERM) for t in PARTY_TERMS] + [(t, own) for t in SECURITY_TERMS if t != own]
    first_use = {}
    out = []
    for document in documents:
        for s in _statements(document):
            for term, ours in foreign:
                if ours not in first_use and re.search(rf"\b{ours}s?\b", s.text):
                    first_use[ours] = s.place
                for match in re.finditer(rf"\b{term}(?:s|\(s\))?(?:'s?|\u2019s?)?(?![\w-])", s.text):
                    if _part_of_a_name(deal, s.text, match):
                        continue
                    ours_at = first_use.get(ours)
                    there = str(Place(ours_at.slug, ours_at.where, ours)) if ours_at else f"the deal's term: {ours}"
                    out.append(Mismatch("term", str(Place(s.place.slug, s.place.where, _excerpt(s.text, match))),
                                        there, f"the deal's defined term is \u201c{ours}\u201d, not "
                                        f"\u201c{match.group(0)}\u201d"))
    return out


def _part_of_a_name(deal: Deal, text: str, match: re.Match) -> bool:
    """A word inside a name or title the deal itself gives (the agreement's title, "Cover Note")."""
    names = [deal.agreement.title, deal.securities.convertible.title, "Cover Note"]
    return any(name in text and text.find(name) <= match.start() < text.find(name) + len(name) for name in names
               if match.group(0) in name)

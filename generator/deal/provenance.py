"""Where each fact comes from (``sources``), and which facts are still to be confirmed.

A fact's source is a section of the agreement, a named document the deal file records, a derivation, or
nothing yet (``model.Source``). Two kinds of fact are still to be confirmed: a value written ``TBC``
(``load.Pending``), and a value given with a source marked ``confirmed: false`` (or ``unconfirmed``),
such as a term of the convertible security taken from an exhibit the deal file does not hold, or the Conversion Price
inferred from another section (``conversion_price.confirmed: false``, its ``basis`` the derivation). The
second kind is a real value the figures are computed from; a final document may print neither it nor a
figure derived from it. Each is reported as a :class:`Pending` at the line of the fact itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ..errors import Problem
from .load import LoadedDeal, Path_, Pending, dotted
from .model import ConversionPrice, Deal, Source, Sourced

# Keys of a mapping that are not facts and so have no source of their own
NOT_FACTS = frozenset({"id", "sources"})
# The fields of a fact that carries its own source (the Conversion Price: its basis and confirmed flag)
OWN_SOURCE_FIELDS = frozenset({"basis", "confirmed"})


@dataclass(frozen=True)
class Watch:
    """An attribute of a deal object that holds a fact still to be confirmed: a template reading it prints
    that fact (or decides on it), so the document relies on it."""

    owner: object
    attribute: str
    fact: Pending


def _walk(value, path: Path_):
    """(path, model) for every model in the deal, depth first."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, path + (i,))


def _note(source: Source | None, basis: str = "") -> str:
    """What the refusal says of an unconfirmed fact: where it is to come from, and that it has not."""
    if source is None:
        return f"inferred, not confirmed ({basis})"
    if source.unconfirmed is not None:
        return f"no source yet: {source.unconfirmed}"
    if source.derived is not None:
        return f"derived, not confirmed ({source.derived})"
    return f"from {source.describe()}, not yet confirmed against it"


def unconfirmed(deal: Deal, loaded: LoadedDeal | None = None) -> dict[str, Pending]:
    """Each fact given with a source not yet confirmed, by its dotted path (the ledger is not searched:
    its events are records, not facts with sources)."""
    return {p.path: p for p in (w.fact for w in watches(deal, loaded)) if p.path}


def watches(deal: Deal, loaded: LoadedDeal | None = None) -> list[Watch]:
    """Every (object, attribute) holding an unconfirmed fact, and for a fact that is a mapping (the interest
    payment dates) each of its own fields too."""
    out: list[Watch] = []
    seen: set[str] = set()

    def located(path: Path_, note: str) -> Pending:
        if loaded is None:
            return Pending(note, dotted(path), 0, "")
        line, column = loaded.where(path, key=path in loaded.key_marks)     # where the fact is named
        return Pending(note, dotted(path), line, loaded.file_of(path), column)

    for path, model in _walk(deal, ()):
        if path[:1] == ("ledger",):
            continue
        if isinstance(model, ConversionPrice) and not model.confirmed:
            fact = located(path, _note(None, model.basis))
            if fact.path not in seen:
                seen.add(fact.path)
                out += [Watch(model, name, fact) for name in type(model).model_fields if name not in OWN_SOURCE_FIELDS]
        for name in type(model).model_fields:       # a rule or event with its own source (a filing's period)
            own = getattr(model, name)
            if name != "sources" and isinstance(own, Source) and not own.is_confirmed:
                fact = located(path + (name,), _note(own))
                if fact.path not in seen:
                    seen.add(fact.path)
                    out += [Watch(model, field, fact) for field in type(model).model_fields
                            if field != name and field not in NOT_FACTS]
        if not isinstance(model, Sourced):
            continue
        for name, source in model.sources.items():
            if source.is_confirmed or name not in type(model).model_fields:
                continue
            value = getattr(model, name)
            if isinstance(value, Pending):
                continue        # already a fact to be confirmed (TBC), reported as such
            fact = located(path + (name,), _note(source))
            seen.add(fact.path)
            out.append(Watch(model, name, fact))
            if isinstance(value, BaseModel):
                out += [Watch(value, inner, fact) for inner in type(value).model_fields if inner not in NOT_FACTS]
    return out


def check_sources(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """A source must name a fact this mapping gives: not a key it does not have, not one left out of the
    file, not one that is no fact (an id), and a fact written TBC cannot be confirmed."""
    out: list[Problem] = []
    for path, model in _walk(deal, ()):
        if not isinstance(model, Sourced):
            continue
        fields = type(model).model_fields
        for name, source in model.sources.items():
            where = path + ("sources", name)
            if name in NOT_FACTS or name not in fields:
                facts = ", ".join(f for f in fields if f not in NOT_FACTS)
                out.append(loaded.problem(where, f"'{name}' is not a fact here, so it cannot have a source; "
                                          f"expected one of: {facts}", key=True))
                continue
            if name not in model.model_fields_set:
                out.append(loaded.problem(where, f"a source for '{name}', which this mapping does not give; "
                                          "give the fact, or remove its source", key=True))
                continue
            value = getattr(model, name)
            if isinstance(value, ConversionPrice):
                out.append(loaded.problem(where, "the Conversion Price carries its own source: its basis (how it "
                                          "was determined) and confirmed: true/false", key=True))
            elif isinstance(value, Pending) and "confirmed" in source.model_fields_set and source.confirmed:
                out.append(loaded.problem(where, f"'{name}' is written TBC (still to be confirmed), so its source "
                                          "cannot say confirmed: true; fill in the fact first", key=True))
    return out

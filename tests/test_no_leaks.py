"""Nothing of one agreement lives in the form: the three example deals build every kind of document, no fact
of one appears in the other's words, every section cited exists in that deal's own numbering, and no
template or module holds a defined term or section number of the Amnis agreement."""
from __future__ import annotations

import ast
import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

from generator.compute import breaches
from generator.compute.validate import validate
from generator.deal.load import load
from generator.plan.documents import (
    closing_documents,
    damages_invoice_documents,
    expense_invoice_documents,
    reserve_list_documents,
)
from generator.plan.memorandum import closing_memorandum_documents
from generator.render.environment import Renderer, search_path
from generator.render.markup import plain_text
from generator.render.set import render_all

from .conftest import EXAMPLE, PREFERRED, ROOT

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
# (deal file, a month of lists, the date invoices are counted to)
DEALS = {"amnis": (EXAMPLE, "2003-08", dt.date(2003, 10, 15)), "sierra": (SIERRA, "2024-11", dt.date(2025, 3, 31)),
         "allegheny": (PREFERRED, "2025-12", dt.date(2026, 4, 30))}     # convertible preferred stock


@cache
def documents(name: str) -> tuple:
    """(deal, {document slug: plain text}) for every kind of document the deal makes."""
    path, month, through = DEALS[name]
    deal = validate(load(path))
    specs = closing_documents(deal) + closing_memorandum_documents(deal) + reserve_list_documents(deal, month)
    found = breaches(deal, through)
    assert found, "each example deal must have a breach to invoice"
    specs += damages_invoice_documents(deal, found[0].id, through)
    for invoice in deal.events("expense_invoice"):
        specs += expense_invoice_documents(deal, invoice.id, through)
    rendered = render_all(Renderer(search_path([])), specs, deal, draft=True)
    kinds = {spec.template for spec in specs}
    assert {"closing/transfer-agent-instructions.html.j2", "reserve/summary.html.j2", "invoices/damages.html.j2",
            *(["invoices/expenses.html.j2"] if deal.events("expense_invoice") else [])} <= kinds
    return deal, {doc.spec.slug: plain_text(doc.blocks) for doc in rendered}


def _long(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def facts(deal) -> set[str]:
    """Words a document of this deal may print and another deal's never should."""
    out = {deal.company.name, deal.agreement.title if deal.agreement.title != "Securities Purchase Agreement" else "",
           deal.securities.convertible.title, deal.securities.convertible.defined_term,
           deal.securities.legend[:60], deal.transfer_agent.name, _long(deal.closing_date),
           _long(deal.agreement.date), deal.company.headquarters[0]}
    out |= {b.name for b in deal.buyers} | {str(o.name) for o in deal.company.officers}
    out |= {f"${deal.securities.convertible.aggregate_amount:,}"}
    if deal.covenants.stockholder_approval:
        out.add(deal.covenants.stockholder_approval.defined_term)
    out.add(deal.covenants.liquidated_damages.defined_term)
    return {str(f) for f in out if f and "[●]" not in str(f)}


def section_numbers(deal) -> set[str]:
    s = deal.agreement.sections
    numbers = {s.capitalization, s.transfer_agent_instructions, s.legend, *s.closing_conditions, s.certificates,
               s.transfer_agent_acknowledgment, s.stop_transfer, s.injunctive_relief, s.notices, s.purchase_price,
               s.buyers_review}
    c = deal.covenants
    for covenant in (c.liquidated_damages, c.share_reserve, c.stockholder_approval, c.opinion_acceptance,
                     c.expense_reimbursement):
        if covenant is not None:
            numbers.add(covenant.section)
    if c.publicity:
        numbers |= set(c.publicity.sections)
    numbers |= {c.representations, c.covenants}
    # the closing memorandum cites each condition and deliverable of the closing, and each payment at closing
    numbers |= {i.section for i in deal.closing.items} if deal.closing else set()
    numbers |= {p.section for p in deal.funds_flow.paid_at_closing} if deal.funds_flow else set()
    war = deal.securities.warrants
    numbers |= {war.coverage.section} if war is not None and war.coverage is not None else set()
    # its post-closing agenda cites where the agreement calls for each filing (a copy of the Form D, the 8-K)
    numbers |= {getattr(f, "copy_section", None) or getattr(f, "section", None) for f in deal.filings}
    numbers |= {p.section for p in deal.periods}
    return {n for n in numbers if n}


@pytest.mark.parametrize("this, other", [(a, b) for a in sorted(DEALS) for b in sorted(DEALS) if a != b])
def test_no_fact_of_one_deal_appears_in_the_others_documents(this, other):
    deal, _ = documents(this)
    other_deal, texts = documents(other)
    own = facts(other_deal)
    # a fact inside one of the other deal's own (Liquidated Damages Amount in Standard Liquidated Damages
    # Amount) is not a leak
    mine = {f for f in facts(deal) if not any(f in o for o in own)}
    leaks = [(slug, fact) for fact in sorted(mine) for slug, text in texts.items() if fact in text]
    assert leaks == []


CITATION = re.compile(r"\bSections? ((?:[0-9IVX][^\s,;)]*(?:\)[^\s,;]*)?)(?:(?:, | and )[0-9IVX][^\s,;]*)*)"
                      r"(?! of the New York)")


@pytest.mark.parametrize("name", sorted(DEALS))
def test_every_section_cited_is_one_of_the_deals_own(name):
    deal, texts = documents(name)
    known = section_numbers(deal)
    terms = deal.securities.convertible
    other_instruments = (f"of the {terms.defined_term}", "of the New York General",
                         *([f"of the {terms.certificate_of_designations}"]
                           if terms.kind == "preferred" and terms.certificate_of_designations else []))
    cited = set()
    for text in texts.values():
        for match in re.finditer(r"\bSections? ((?:[0-9IVX][\w.()]*)(?:(?:, | and )[0-9IVX][\w.()]*)*)", text):
            if text[match.end():match.end() + 120].lstrip().startswith(other_instruments):
                continue
            cited |= {_balanced(ref.rstrip(".")) for ref in re.split(r", | and ", match.group(1))}
    assert cited and cited <= known, cited - known


def _balanced(ref: str) -> str:
    """'2(f))' (a citation inside parentheses) -> '2(f)'."""
    while ref.endswith(")") and ref.count(")") > ref.count("("):
        ref = ref[:-1]
    return ref


def test_the_second_deal_says_notes_and_never_debentures_or_warrants():
    _, texts = documents("sierra")
    for slug, text in texts.items():
        assert "Debenture" not in text and "Warrant" not in text and "warrants to purchase" not in text, slug
        assert "Stockholder Approval" not in text and "Certificate of Incorporation" not in text, slug
    assert "the Notes" in texts["transfer-agent-instructions"]
    assert "Articles of Incorporation" in texts["secretarys-certificate"]


# The words of the other kind of security (family.SECURITY_WORDS): "Note" as the security, not a cover note.
DEBT_WORDS = re.compile(r"(?i:principal|interest|maturity|mature|repay|debenture)|(?<!Cover )\bNotes?\b")
PREFERRED_WORDS = re.compile(r"Stated Value|dividend|redemption", re.I)


def test_the_preferred_deal_says_stated_value_and_dividends_and_never_a_debt_word():
    deal, texts = documents("allegheny")
    assert deal.securities.convertible.kind == "preferred"
    assert [(slug, m.group(0)) for slug, text in texts.items() for m in DEBT_WORDS.finditer(text)] == []
    assert "Stated Value" in texts["transfer-agent-instructions"] and "dividends" in texts["press-release"]
    assert "mandatory redemption" in texts["press-release"] or "redeem" in texts["press-release"]


@pytest.mark.parametrize("name", ["amnis", "sierra"])
def test_a_debt_deal_never_says_stated_value_dividends_or_redemption(name):
    deal, texts = documents(name)
    assert deal.securities.convertible.kind == "debt"
    assert [(slug, m.group(0)) for slug, text in texts.items() for m in PREFERRED_WORDS.finditer(text)] == []


# -- the form holds no term of one agreement -------------------------------------------------------------
AMNIS_WORDS = ("Debenture", "Stockholder Approval", "Certificate of Incorporation", "Standard Liquidated Damages")
SECTION_NUMBER = re.compile(r"\b(?:Sections?|s\.)\s*\d")
# the law of a jurisdiction, not an agreement: charter names by state and the NY General Construction Law
# and the family's vocabulary (the consistency stage looks for another agreement's word for the Buyers or the security)
ALLOWED = {ROOT / "generator" / "deal" / "jurisdictions.py", ROOT / "generator" / "deal" / "family.py"}


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, docstrings excluded."""
    tree = ast.parse(path.read_text())
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _offences(text: str) -> list[str]:
    found = [w for w in AMNIS_WORDS if w in text]
    found += SECTION_NUMBER.findall(text)
    return found


def test_no_template_or_module_holds_a_term_or_section_number_of_one_agreement():
    offences = []
    for path in sorted((ROOT / "templates").rglob("*.j2")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "{#" not in line:
                offences += [f"{path.relative_to(ROOT)}:{number}: {o}" for o in _offences(line)]
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path in ALLOWED:
            continue
        for number, value in _string_literals(path):
            offences += [f"{path.relative_to(ROOT)}:{number}: {o}" for o in _offences(value)]
    assert offences == []


def test_the_literal_check_can_fail():
    assert _offences('f"under Section 4(h) of the Agreement"') and _offences("the Debentures")
    assert not _offences("{{ reserve.section|cite }} of the {{ note.defined_term }}")

"""Bad inputs and faults (issue 12), one row each: the exit status, a message naming the file and line
(for data), no traceback, and the output folder as it was (an older set stays whole).

Each row runs `closingdocs` in this process (``generator.cli.main``) against a deal repository in a
temporary folder, with an output folder that already holds an older closing set and an older month
of reserve lists. Faults (a full disk, a file that cannot be replaced, Ctrl-C) are injected with
pytest's monkeypatch. ``test_interrupts.py`` does the same with real signals and a real kill -9.
"""
from __future__ import annotations

import errno
import json
import os
import signal
from pathlib import Path

import pytest

from generator.deal.load import load
from generator.render.locate import BUILTIN_TEMPLATES

from ..producers import public, real_writers_for, word_files
from .harness import Case, run_case

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop

BUILD = ("build", "{deal}", "--output", "{out}", "--jobs", "1")
CHECK = ("check", "{deal}")
VERIFY = ("verify", "{deal}", "--output", "{out}")
MEMO = ("memorandum", "{deal}", "--output", "{out}", "--jobs", "1")


def _ledger(entry: str) -> str:
    return "  - " + entry


# -- fault injection --------------------------------------------------------------------------------
def _fail_stage(after: int, error=lambda: OSError(errno.ENOSPC, "No space left on device")):
    """The disk fills (or Ctrl-C comes) while the set's files are written: the ``after``+1-th fails."""
    def fault(monkeypatch):
        import generator.output as output
        real, calls = output._stage, []

        def stage(target, content):
            calls.append(target)
            if len(calls) > after:
                raise error()
            return real(target, content)
        monkeypatch.setattr(output, "_stage", stage)
    return fault


def _fail_replace(after: int, error=lambda: OSError(errno.EACCES, "Permission denied")):
    """Renaming the ``after``+1-th new file over its target fails (a file that cannot be replaced)."""
    def fault(monkeypatch):
        real, calls = os.replace, []

        def replace(src, dst, *args, **kwargs):
            if str(src).endswith(".tmp") and ".closingdocs-journal" not in str(src):
                calls.append(dst)
                if len(calls) > after:
                    raise error()
            return real(src, dst, *args, **kwargs)
        monkeypatch.setattr(os, "replace", replace)
    return fault


def _raise_in(target: str, error):
    def fault(monkeypatch):
        def boom(*args, **kwargs):
            raise error
        monkeypatch.setattr(target, boom)
    return fault


def _read_only_output(monkeypatch):
    """Nothing can be made or written under the output folder (EACCES), as for a read-only folder."""
    import generator.output as output

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(output, "_makedirs", denied)
    monkeypatch.setattr(output, "_stage", denied)


def _blocked_by_file(name: str):
    def prepare(tmp: Path):
        folder = tmp / "out" / name
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        folder.rmdir()
        folder.write_text("a file where the deal's folder should be")
    return prepare


def _symlinked_output(tmp: Path):
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "release.pdf").write_bytes(b"somebody else's file")
    target = tmp / "out" / "amnis-2003" / "closing" / "press-release.pdf"
    target.unlink()
    target.symlink_to(elsewhere / "release.pdf")


def _leftovers(tmp: Path):
    closing = tmp / "out" / "amnis-2003" / "closing"
    (closing / ".press-release.pdf.0123456789abcdef.tmp").write_bytes(b"half a file")
    (closing / ".officers-certificate.docx.k2j4_x9q.tmp").write_bytes(b"half a file, earlier version")
    (closing / ".secretarys-certificate.pdf.fedcba9876543210.old").write_bytes(b"a kept old version")


def _no_leftovers(tmp: Path):
    closing = tmp / "out" / "amnis-2003" / "closing"
    assert sorted(p.name for p in closing.iterdir()) == sorted(["checklist.csv", "signature-pages", *(
        f"{s}.{e}" for s in ("transfer-agent-instructions", "officers-certificate", "secretarys-certificate",
                             "press-release", "press-release-cover", "checklist") for e in ("pdf", "docx"))])
    assert not [p for p in (closing / "signature-pages").iterdir() if p.name.startswith(".")]
    assert all(not p.read_bytes().startswith(b"old ") for p in closing.iterdir() if p.is_file())


def _fifo(tmp: Path):
    os.mkfifo(tmp / "fifo.yaml")


def _a_file(tmp: Path):
    (tmp / "a-file").write_text("not a folder")


def _override(name: str, body: str, links: dict[str, str] | None = None, root: str = "tpl"):
    def prepare(tmp: Path):
        folder = tmp / root
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(body)
        for link, target in (links or {}).items():
            (folder / link).symlink_to(target)
    return prepare


def _page(inner: str) -> str:
    return "{% extends 'base.html.j2' %}{% block content %}\n<p>" + inner + "</p>\n{% endblock %}\n"


def _loose_deal(tmp: Path):
    """A deal file outside any deal_data/ folder, with a broken templates/ folder two levels up."""
    (tmp / "loose" / "sub").mkdir(parents=True)
    (tmp / "loose" / "sub" / "deal.yaml").write_text((tmp / "repo" / "deal_data" / "amnis-2003.yaml").read_text())
    _override("closing/officers-certificate.html.j2", "{% broken", root="templates")(tmp / "loose")


def _deal_in_subfolder(tmp: Path):
    """A deal in deal_data/sub/ of a repository whose templates/ overrides the Officer's Certificate."""
    sub = tmp / "repo" / "deal_data" / "sub"
    sub.mkdir()
    (sub / "deal.yaml").write_text((tmp / "repo" / "deal_data" / "amnis-2003.yaml").read_text())
    source = (BUILTIN_TEMPLATES / "closing" / "officers-certificate.html.j2").read_text()
    _override("closing/officers-certificate.html.j2",
              source.replace("Officer&rsquo;s Certificate</h2>", "Officer&rsquo;s Certificate (Firm Form)</h2>"),
              root="templates")(tmp / "repo")


def _firm_form_used(tmp: Path):
    import docx
    document = docx.Document(tmp / "out" / "amnis-2003" / "closing" / "officers-certificate.docx")
    assert any(p.text == "Officer’s Certificate (Firm Form)" for p in document.paragraphs)


def _example_month_built(month: str):
    def check(tmp: Path):
        folder = tmp / "out" / "amnis-2003-example" / "reserve-lists" / month
        # three Buyers' lists, the summary and its working copy
        assert len(list(folder.glob("*.pdf"))) == 5 and len(list(folder.glob("*.docx"))) == 5
    return check


def _unchanged_file(name: str, text: str):
    def check(tmp: Path):
        assert (tmp / name).read_text() == text
    return check


def _manifest(content: str = "", kind: str = "file", deal: str = "amnis-2003"):
    """The deal folder's manifest.json: ``content``, a named pipe, or a link to ``content``."""
    def prepare(tmp: Path):
        path = tmp / "out" / deal / "manifest.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "link":
            path.symlink_to(content)
        else:
            path.write_text(content)
    return prepare


def _shaped(**changes) -> str:
    """A manifest of closingdocs' shape, with ``changes`` at its top level."""
    return json.dumps({"manifest": 1, "deal": "amnis-2003", "sets": {}, "files": {}, **changes})


_ENTRY = {"sha256": "0" * 64, "bytes": 3, "set": "closing"}


def _victim(tmp: Path):
    """A journal of a dead run that would have recovery delete a file outside the deal folder."""
    (tmp / "victim.txt").write_text("not closingdocs'")
    (tmp / "out" / "amnis-2003" / ".closingdocs-journal").write_text(
        json.dumps([{"target": "../../victim.txt", "old": None}]))


def _manifest_rebuilt(tmp: Path):
    data = json.loads((tmp / "out" / "amnis-2003" / "manifest.json").read_text())
    assert not (tmp / "out" / "amnis-2003" / "manifest.json").is_symlink() and "closing" in data["sets"]


# -- the table --------------------------------------------------------------------------------------
COLLATE = ("collate", "{deal}", "{tmp}/signed/scan.jpg", "{tmp}/signed/locked.pdf", "--output", "{out}",
           "--jobs", "1")
EXECUTED_BINDER = ("binder", "{deal}", "--executed", "--output", "{out}", "--jobs", "1")


def _returned(tmp: Path) -> None:
    """A photo where a PDF was expected, and a PDF that needs a password."""
    import io

    from pypdf import PdfWriter

    (tmp / "signed").mkdir()
    (tmp / "signed" / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt(user_password="secret", owner_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    (tmp / "signed" / "locked.pdf").write_bytes(out.getvalue())


def _linked_record(tmp: Path) -> None:
    """The collation record a link to a file elsewhere (as an attacker with write access to the folder makes)."""
    (tmp / "elsewhere.json").write_text("{}")
    (tmp / "out" / "amnis-2003" / "executed").mkdir(parents=True)
    os.symlink(tmp / "elsewhere.json", tmp / "out" / "amnis-2003" / "executed" / "collation.json")


CASES = [
    # Data read wrongly or accepted when it should be refused: exit 2 with file:line:column
    Case("leading-zero-octal", BUILD, 2, ("leading zero", "octal", "write 20000000"),
         "authorized_preferred: 020000000", edits=(("authorized_preferred: 20000000", "authorized_preferred: 020000000"),)),
    Case("hexadecimal-number", CHECK, 2, ("not a plain decimal number",), "warrants: 0x2625A0",
         edits=(("    warrants: 2500000", "    warrants: 0x2625A0"),)),
    Case("warrant-coverage-disagrees-with-the-typed-count", BUILD, 2,
         ("typed as 2,500,000 shares here, but the warrant coverage", "gives 35,714,285",
          "typed as 5,000,000 shares here", "gives the Buyers 71,428,570 in all"), "    warrants: 2500000",
         edits=(("    aggregate_shares: 5000000", "    aggregate_shares: 5000000\n    coverage: {percent: 50, rounding: down}"),)),
    # a security of one kind with the other kind's terms (issue 19): every such key reported, with what this kind
    # has instead, and nothing written
    Case("preferred-security-with-a-maturity-date", BUILD, 2,
         ("securities.convertible.maturity_date: a preferred security has no maturity_date",
          "redemption.mandatory.date", "securities.convertible.interest_rate_percent: a preferred security has no",
          "dividends.rate_percent"), "    maturity_date: 2028-09-12", base="preferred",
         edits=(("    kind: preferred\n", "    kind: preferred\n    maturity_date: 2028-09-12\n    interest_rate_percent: 8\n"),)),
    Case("debt-security-with-a-stated-value", BUILD, 2,
         ("securities.convertible.stated_value: a debt security has no stated_value", "kind: preferred",
          "securities.convertible.dividends: a debt security has no dividends"), "    stated_value: 1000",
         edits=(("    aggregate_principal: 1000000", "    aggregate_principal: 1000000\n    stated_value: 1000\n"
                 "    dividends: {rate_percent: 8, cumulative: true}"),)),
    Case("consent-without-its-date", BUILD, 2, ("consent_recorded_on",), "consents_to_be_named: yes",
         edits=(("    consents_to_be_named: false\n    aliases: [Bristol Investment]",
                 "    consents_to_be_named: yes\n    aliases: [Bristol Investment]"),)),
    # Who signs (closing.documents, signatories): each bad signer named by its line, all at once
    Case("signer-not-a-party", BUILD, 2, ("'sds' does not sign for the Company",
                                          "'lenders' is not a party the deal has"),
         "{party: company, signers: [sds]}",
         edits=(("        - {party: company, signers: [ceo]}      # signature page",
                 "        - {party: company, signers: [sds]}      # signature page"),
                ("        - {party: buyers}                       # each Buyer",
                 "        - {party: lenders}                      # each Buyer"))),
    Case("signer-without-name-or-title", BUILD, 2, ("buyers[2].signatory.name: required fact is missing",
                                                    "buyers[0].signatory.title: required fact is missing"),
         "      name: Scott E. Derby", edits=(("      name: Paul Kessler\n", ""),
                                     ("      title: \"TBC: title of SDS's signatory (blank on the signature page)\"\n",
                                      ""))),
    Case("id-with-trailing-newline", BUILD, 2, ("expected an id",), 'id: "amnis-2003\\n"',
         edits=(("id: amnis-2003", 'id: "amnis-2003\\n"'),)),
    Case("tag-on-a-mapping", BUILD, 2, ("the YAML tag !!python/object:os.system is not allowed",),
         "company: !!python/object:os.system",
         edits=(("company:\n  name: Amnis Systems Inc.", "company: !!python/object:os.system\n  name: Amnis Systems Inc."),)),
    Case("tag-on-a-sequence", BUILD, 2, ("the YAML tag !!python/tuple is not allowed",), "headquarters: !!python/tuple",
         edits=(("  headquarters:                         # preamble", "  headquarters: !!python/tuple"),)),
    Case("impossible-date", BUILD, 2, ("2003-02-30 is not a date on the calendar",), "closing_date: 2003-02-30",
         edits=(("closing_date: 2003-05-09                # s.1(c)", "closing_date: 2003-02-30"),)),
    *[Case(f"raw-control-byte-{ord(c):02x}", BUILD, 2, (f"control character U+{ord(c):04X}",), "  name: Amnis",
           edits=(("  name: Amnis Systems Inc.\n  state", f"  name: Amnis{c} Systems Inc.\n  state"),))
      for c in ("\x00", "\x07", "\x1b")],
    *[Case(f"raw-noncharacter-{ord(c):04x}", BUILD, 2, (f"U+{ord(c):04X}",), "residence: Conn",
           edits=(("residence: Connecticut", f"residence: Conn{c}ecticut"),)) for c in ("\ufffe", "\uffff")],
    Case("escaped-noncharacter-passes-check-today", CHECK, 2, ("U+FFFE",), "residence:",
         edits=(("residence: Connecticut", 'residence: "Conn\\uFFFEecticut"'),)),
    # Bounds on every number, date, length and depth the documents can hold
    Case("company-name-over-255-characters", BUILD, 2, ("at most 255 characters",), "  name: AAAA",
         edits=(("  name: Amnis Systems Inc.\n  state", "  name: " + "A" * 300 + "\n  state"),)),
    Case("amount-of-ten-to-the-24", BUILD, 2, ("at most 1,000,000,000,000",), "aggregate_principal: 1" + "0" * 24,
         edits=(("aggregate_principal: 1000000", "aggregate_principal: 1" + "0" * 24),)),
    Case("integer-of-5000-digits", BUILD, 2, ("5,000 characters is too long",), "warrants: 999",
         edits=(("    warrants: 2500000", "    warrants: " + "9" * 5000),)),
    Case("list-nested-10000-deep", BUILD, 2, ("nested more than",), "deep_list:",
         append="deep_list: " + "[" * 10000 + "]" * 10000),
    Case("extends-dev-zero", BUILD, 2, ("an absolute path",), "extends: /dev/zero",
         edits=(("id: amnis-2003", "extends: /dev/zero\nid: amnis-2003"),)),
    Case("extends-dev-zero-relatively", BUILD, 2, ("not a regular file",), "extends: ../../",
         edits=(("id: amnis-2003", "extends: " + "../" * 40 + "dev/zero\nid: amnis-2003"),)),
    Case("fifo-as-the-deal-file", ("check", "{tmp}/fifo.yaml"), 2, ("{tmp}/fifo.yaml", "not a regular file"),
         prepare=_fifo),
    Case("folder-as-the-deal-file", ("build", "{tmp}", "--output", "{out}"), 2, ("it is a folder",)),
    Case("interest-month-13", BUILD, 2, ("1 (January) to 12 (December), got 13",), "months: [3, 6, 9, 13]",
         edits=(("months: [3, 6, 9, 12]", "months: [3, 6, 9, 13]"),)),
    Case("unknown-day-count-and-business-day-convention", BUILD, 2,
         ("securities.convertible.day_count: expected 'actual/365', 'actual/360', 'actual/actual (ISDA)', "
          "'30/360', '30E/360' or '30E/360 (ISDA)', got '30/365'",
          "securities.convertible.interest_payments.business_day: expected 'none', 'following' or "
          "'modified-following', got 'preceding'", "problems (2)"), "day_count: 30/365",
         edits=(("day_count: actual/365 ", "day_count: 30/365 "),
                ("      day: month-end", "      day: month-end\n      business_day: preceding"))),
    Case("unknown-start-of-the-lists", BUILD, 2,
         ("covenants.share_reserve.lists_start: expected 'closing-month' or 'first-full-month', got 'closing-day'",),
         "lists_start: closing-day",
         edits=(("    shortfall_cure_days: 30\n", "    shortfall_cure_days: 30\n    lists_start: closing-day\n"),)),
    Case("press-release-business-days-100000000", BUILD, 2, ("at most 1,000",), "  business_days: 100000000",
         edits=(("    business_days: 1\n    governing_section: 4(q)", "    business_days: 100000000\n"
                 "    governing_section: 4(q)"),)),
    Case("price-with-20-decimal-places", BUILD, 2, ("at most 8 decimal places",), "      price: 0.000",
         edits=(("      price: 0.007", "      price: 0.00000000000000000007"),)),
    Case("ten-trillion-shares", BUILD, 2, ("at most 1,000,000,000,000",), "aggregate_shares: 10000000000000",
         edits=(("aggregate_shares: 5000000", "aggregate_shares: 10000000000000"),)),
    Case("date-in-1066", BUILD, 2, ("between 1900-01-01 and 2199-12-31",), "date: 1066-10-14",
         edits=(("  date: 2003-05-09                      # preamble", "  date: 1066-10-14"),)),
    Case("text-of-6000-characters", BUILD, 2, ("at most 5,000 characters",), "residence: xxxx",
         edits=(("residence: Connecticut", "residence: " + "x" * 6000),)),
    Case("list-of-3000-entries", BUILD, 2, ("3,000 entries",), "extra_closures: [",
         edits=(("extra_closures: []", "extra_closures: [" + ", ".join(["2004-01-02"] * 3000) + "]"),)),
    Case("month-9999-12", ("reserve-list", "{deal}", "--month", "9999-12", "--output", "{out}"), 2,
         ("expected a month between 1900-01-01 and 2199-12-31",)),
    Case("as-of-9999-12-01", ("figures", "{deal}", "--as-of", "9999-12-01", "--json"), 2,
         ("expected a date between 1900-01-01 and 2199-12-31",)),
    Case("jobs-zero", ("build", "{deal}", "--jobs", "0"), 2, ("expected a number of worker processes",)),
    # The ledger
    Case("cash-interest-beyond-what-accrued", BUILD, 2, ("pays 1,000,000.00 of interest", "accrued unpaid"),
         "amount: 1000000, method: cash",
         append=_ledger("{date: 2003-06-30, event: interest_payment, buyer: sds, amount: 1000000, method: cash}")),
    Case("interest-shares-do-not-match", BUILD, 2, ("does not match the interest paid",), "method: shares",
         append=_ledger("{date: 2003-06-30, event: interest_payment, buyer: sds, amount: 1000, method: shares, "
                        "conversion_price: 0.007, shares_issued: 1}")),
    Case("authorized-below-outstanding", BUILD, 2, ("fewer than the 407,142,858 outstanding",),
         "authorized_common: 1000,", base="example",
         append=_ledger("{date: 2003-09-01, event: authorized_shares, authorized_common: 1000, basis: x}")),
    Case("list-for-a-month-before-closing", BUILD, 2, ("no list is owed for 2003-04",), "month: 2003-04",
         append=_ledger("{date: 2003-06-05, event: list_delivered, month: 2003-04}")),
    Case("maturity-before-closing", BUILD, 2, ("not after the closing date",), "maturity_date: 2003-01-01",
         edits=(("maturity_date: 2005-05-09", "maturity_date: 2003-01-01"),)),
    # the closing memorandum's funds flow (issue 21): each sum names its figures, at the line of the figure
    Case("funds-flow-does-not-add-up", MEMO, 2, ("the funds flow does not add up", "of $872,000.00 are not the wires "
         "of $995,000.00", "that leaves $872,500.00"), "net_proceeds: 872000", base="example",
         edits=(("net_proceeds: 872500", "net_proceeds: 872000"),)),
    Case("wire-does-not-add-up", MEMO, 2, ("Bristol Investment Fund, Ltd.'s wire of $150,000.00",
         "add up to $155,000.00, not its Purchase Price of $150,000.00"), "amount: 150000", base="example",
         edits=(("amount: 145000", "amount: 150000"),)),
    Case("payment-by-a-buyer-the-deal-does-not-have", MEMO, 2, ("'brystol' is not one of the buyers",),
         "paid_by: brystol", base="example", edits=(("paid_by: bristol", "paid_by: brystol"),)),
    Case("memorandum-before-the-closing", (*MEMO, "--date", "2003-05-01"), 2, ("before the Closing Date",),
         base="example"),
    Case("final-memorandum-with-a-fee-still-to-be-confirmed", (*MEMO, "--final"), 4,
         ("funds_flow.paid_at_closing[2].amount", "no source yet: the Transaction Fee Agreement"),
         "amount: 100000", base="example"),
    Case("expenses-through-before-the-invoice",
         ("expenses", "{deal}", "--invoice", "sds-closing-costs", "--through", "2003-05-01", "--output", "{out}"),
         2, ("before the expense invoice 'sds-closing-costs' was submitted",), base="example"),
    Case("expense-payment-larger-than-the-invoice",
         ("expenses", "{deal}", "--invoice", "sds-closing-costs", "--through", "2003-07-01", "--output", "{out}"),
         2, ("add up to 36,500.00", "more than the invoice's total 26,500.00"), "amount: 21500.00", base="example",
         edits=(("amount: 11500.00}", "amount: 21500.00}"),)),
    # The publicity guard
    Case("buyers-named-by-short-names-in-use-of-proceeds", BUILD, 7,
         ('names Bristol Investment Fund, Ltd. (found as "bristol")', 'names Alpha Capital Aktiengesellschaft'),
         edits=(('use_of_proceeds: "TBC: use of proceeds as disclosed on Schedule 4(d) (not in the SPA)"',
                 'use_of_proceeds: "working capital; the round was led by Bristol and Alpha"'),)),
    Case("buyer-named-by-a-short-name-in-the-quote", BUILD, 7, ('(found as "bristol")',),
         edits=(('text: "TBC: the Chief Executive Officer\'s quote"', 'text: "We thank Bristol for its confidence"'),)),
    # Failures that must leave nothing behind
    Case("disk-fills-during-build", BUILD, 5, ("No space left on device", "nothing was changed"),
         fault=_fail_stage(after=3)),
    Case("disk-fills-during-due", ("due", "{example}", "--today", "2003-07-10", "--output", "{out}", "--jobs", "1", "--draft"),
         5, ("No space left on device",), fault=_fail_stage(after=3)),
    Case("output-file-cannot-be-replaced", BUILD, 5, ("Permission denied", "the previous files were put back"),
         fault=_fail_replace(after=6)),
    Case("symlinked-output-file", BUILD, 5, ("is a symbolic link",), prepare=_symlinked_output,
         check=_unchanged_file("elsewhere/release.pdf", "somebody else's file")),
    Case("leftovers-of-a-killed-run-are-removed", BUILD, 0, (), prepare=_leftovers, may_change=("amnis-2003",),
         check=_no_leftovers),
    Case("due-into-a-read-only-output-folder",
         ("due", "{deal}", "--today", "2003-07-10", "--output", "{out}", "--jobs", "1"), 5,
         ("{deal}: closingdocs: output error", "Permission denied"), fault=_read_only_output),
    Case("due-with-output-pointing-at-a-file",
         ("due", "{deal}", "--today", "2003-06-10", "--output", "{tmp}/a-file", "--jobs", "1"), 5,
         ("a-file is a file, where a folder is needed",), prepare=_a_file,
         check=_unchanged_file("a-file", "not a folder")),
    Case("build-with-output-pointing-at-a-file", ("build", "{deal}", "--output", "{tmp}/a-file", "--jobs", "1"), 5,
         ("a-file is a file, where a folder is needed",), prepare=_a_file,
         check=_unchanged_file("a-file", "not a folder")),
    Case("due-with-one-deal-folder-blocked-by-a-file",
         ("due", "{deal}", "{example}", "--today", "2003-07-10", "--output", "{out}", "--jobs", "1", "--draft"), 5,
         ("{deal}: closingdocs: output error", "amnis-2003 is a file, where a folder is needed"),
         prepare=_blocked_by_file("amnis-2003"), may_change=("amnis-2003-example",),
         check=_example_month_built("2003-06")),
    Case("due-with-two-files-of-one-id", ("due", "{deal}", "{amnis}", "--today", "2003-06-10", "--output", "{out}"),
         2, ("the deal id 'amnis-2003' is also the id of {amnis}", "is also the id of {deal}"), "id: amnis-2003"),
    Case("due-with-the-same-file-twice", ("due", "{deal}", "{deal}", "--today", "2003-06-10", "--output", "{out}"),
         2, ("{deal} is given 2 times",), "id: amnis-2003"),
    Case("ctrl-c-while-rendering", BUILD, 130, ("interrupted; no file was left half-written",),
         fault=_raise_in("generator.build.render_all", KeyboardInterrupt())),
    Case("ctrl-c-while-writing", BUILD, 130, ("interrupted",), fault=_fail_stage(after=4, error=KeyboardInterrupt)),
    Case("ctrl-c-while-committing", BUILD, 130, ("interrupted",),
         fault=_fail_replace(after=5, error=KeyboardInterrupt)),
    Case("unexpected-error", BUILD, 1, ("unexpected error: RuntimeError: boom", "rerun with --debug"),
         fault=_raise_in("generator.build.render_all", RuntimeError("boom"))),
    # Templates (overrides are input too): exit 3 with the template's file and line
    Case("symlink-out-of-the-templates-folder", BUILD + ("--templates", "{tmp}/tpl"), 3,
         ("leak.txt is a link to /etc/passwd, outside the template folders",),
         prepare=_override("closing/officers-certificate.html.j2", _page("{% include 'leak.txt' %}"),
                           {"leak.txt": "/etc/passwd"})),
    Case("division-by-zero", BUILD + ("--templates", "{tmp}/tpl"), 3,
         ("officers-certificate.html.j2:2: ZeroDivisionError",),
         prepare=_override("closing/officers-certificate.html.j2", _page("{{ 1/0 }}"))),
    Case("huge-power", BUILD + ("--templates", "{tmp}/tpl"), 3,
         ("officers-certificate.html.j2:2:", "too large a number"),
         prepare=_override("closing/officers-certificate.html.j2", _page("{{ 9**(9**9) }}"))),
    Case("huge-range", BUILD + ("--templates", "{tmp}/tpl"), 3, ("officers-certificate.html.j2:2:", "Range too big"),
         prepare=_override("closing/officers-certificate.html.j2", _page("{{ range(1000000)|length }}"))),
    Case("doubling-string", BUILD + ("--templates", "{tmp}/tpl"), 3,
         ("officers-certificate.html.j2:2:", "longer than 1,000,000"),
         prepare=_override("closing/officers-certificate.html.j2", _page(
             "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"))),
    Case("huge-padding", BUILD + ("--templates", "{tmp}/tpl"), 3, ("officers-certificate.html.j2:2:", "memory"),
         prepare=_override("closing/officers-certificate.html.j2", _page("{{ 'x'|center(4000000000) }}"))),
    Case("templates-folder-that-does-not-exist", BUILD + ("--templates", "/nonexistent"), 3,
         ("--templates /nonexistent: no such folder",)),
    Case("templates-folder-two-levels-up-is-not-used", ("build", "{tmp}/loose/sub/deal.yaml", "--output", "{out}",
                                                         "--jobs", "1"), 0, (),
         prepare=_loose_deal, may_change=("amnis-2003",)),
    Case("deal-in-deal-data-sub-uses-the-repository-templates",
         ("build", "{tmp}/repo/deal_data/sub/deal.yaml", "--output", "{out}", "--jobs", "1"), 0, (),
         prepare=_deal_in_subfolder, may_change=("amnis-2003",), check=_firm_form_used),
    # Writers get only what the model or the command line has checked for them (issue 20)
    Case("company-name-over-two-lines", CHECK, 2, ("a name is one line of text",), "  name: |",
         edits=(("\n  name: Amnis Systems Inc.\n", "\n  name: |\n    Amnis\n    Systems Inc.\n"),)),
    Case("redline-author-with-a-control-character",
         ("diff", "{deal}", "{example}", "--redline", "--author", "a\x1bb", "--output", "{out}"), 2,
         ("--author", "no control character")),
    Case("override-stylesheet-naming-a-system-font", BUILD + ("--templates", "{tmp}/tpl"), 3,
         ("tpl/assets/closingdocs.css: names the font family 'DejaVu Sans'", "only the fonts closingdocs ships"),
         prepare=_override("assets/closingdocs.css", (BUILTIN_TEMPLATES / "assets" / "closingdocs.css").read_text()
                           + "\nbody { font-family: 'DejaVu Sans'; }\n")),
    # The output folder is input too (issue 20): a manifest or journal closingdocs did not write is corrupt;
    # verify exits 10, build and due rebuild over it, nothing is read or removed outside the deal folder
    Case("manifest-whose-files-is-a-list", VERIFY, 10, ("corrupt manifest", "files: expected a mapping"),
         prepare=_manifest(_shaped(files=[]))),
    Case("manifest-entry-that-is-a-string", VERIFY, 10, ("corrupt manifest", "files.closing/x.pdf: expected a mapping"),
         prepare=_manifest(_shaped(files={"closing/x.pdf": "abc"}))),
    Case("manifest-nested-100000-deep", VERIFY, 10, ("corrupt manifest", "nested more than 16 deep"),
         prepare=_manifest("[" * 100_000 + "]" * 100_000)),
    Case("manifest-truncated", VERIFY, 10, ("corrupt manifest", "not JSON"), prepare=_manifest(_shaped()[:-20])),
    Case("manifest-that-is-a-named-pipe", VERIFY, 10, ("corrupt manifest", "is not a regular file"),
         prepare=_manifest(kind="fifo")),
    Case("manifest-linked-to-dev-zero", VERIFY, 10, ("corrupt manifest", "is a symbolic link"),
         prepare=_manifest("/dev/zero", kind="link")),
    Case("manifest-naming-a-file-outside-the-folder", VERIFY, 10,
         ("corrupt manifest", "'../../../../etc/hostname' is not a path inside the deal folder"),
         prepare=_manifest(_shaped(files={"../../../../etc/hostname": _ENTRY}))),
    Case("manifest-due-schedule-months-x", VERIFY, 10, ("corrupt manifest", "schedule"),
         prepare=_manifest(_shaped(schedule={"months": "x"}))),
    Case("build-over-a-manifest-whose-files-is-a-list", BUILD, 0,
         ("corrupt manifest", "rebuilding as if it were absent"),
         prepare=_manifest(_shaped(files=[])), may_change=("amnis-2003",), check=_manifest_rebuilt),
    Case("build-over-a-manifest-linked-to-dev-zero", BUILD, 0, ("corrupt manifest", "is a symbolic link"),
         prepare=_manifest("/dev/zero", kind="link"), may_change=("amnis-2003",), check=_manifest_rebuilt),
    Case("due-over-a-schedule-whose-months-is-x",
         ("due", "{example}", "--today", "2003-07-10", "--output", "{out}", "--jobs", "1"), 0,
         ("corrupt manifest", "schedule.key: missing", "rebuilding as if it were absent"),
         prepare=_manifest(json.dumps({"manifest": 1, "deal": "amnis-2003-example", "sets": {}, "files": {},
                                       "schedule": {"months": "x"}}), deal="amnis-2003-example"),
         may_change=("amnis-2003-example",), check=_example_month_built("2003-06")),
    Case("journal-naming-a-file-outside-the-folder", BUILD, 0, (".closingdocs-journal is corrupt",
                                                                "not a path inside the deal folder"),
         prepare=_victim, may_change=("amnis-2003",), check=_unchanged_file("victim.txt", "not closingdocs'")),
    # signed pages returned (closingdocs collate): files from outside, each named with why; nothing written
    Case("collate-a-file-that-is-not-a-pdf", COLLATE, 14, ("signed pages that cannot be read (2)",
                                                          "{tmp}/signed/scan.jpg: is not a PDF",
                                                          "{tmp}/signed/locked.pdf: is protected by a password"),
         prepare=_returned),
    Case("binder-executed-before-any-collation", EXECUTED_BINDER, 5, ("collation.json is missing",
                                                                      "collate the signed pages first")),
    Case("binder-executed-over-a-collation-record-linked-elsewhere", EXECUTED_BINDER, 10,
         ("collation.json is a symbolic link", "run closingdocs collate again"), prepare=_linked_record),
]


# Rows that build a set although their subject is an error path, the journal, the manifest, a lock or writing all
# or nothing, not the bytes of a PDF or DOCX: the documents are made as text (tests/producers.py).
MADE_AS_TEXT = {
    "disk-fills-during-build", "disk-fills-during-due", "output-file-cannot-be-replaced", "symlinked-output-file",
    "leftovers-of-a-killed-run-are-removed", "build-with-output-pointing-at-a-file",
    "due-with-one-deal-folder-blocked-by-a-file", "ctrl-c-while-writing", "ctrl-c-while-committing",
    "templates-folder-two-levels-up-is-not-used", "build-over-a-manifest-whose-files-is-a-list",
    "build-over-a-manifest-linked-to-dev-zero", "due-over-a-schedule-whose-months-is-x",
    "journal-naming-a-file-outside-the-folder",
}
# Rows whose subject is in some files' writer: those files are made by the real writers, the others as text.
REAL_WRITERS_FOR = {
    "buyers-named-by-short-names-in-use-of-proceeds": public,     # the guard reads the press release as laid out
    "buyer-named-by-a-short-name-in-the-quote": public,
    "deal-in-deal-data-sub-uses-the-repository-templates": word_files,   # _firm_form_used opens the Word file
}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile(case, tmp_path, capsys, monkeypatch, request):
    if case.id in MADE_AS_TEXT:
        request.getfixturevalue("text_only")
    elif case.id in REAL_WRITERS_FOR:
        real_writers_for(monkeypatch, REAL_WRITERS_FOR[case.id])
    code, out, err, values = run_case(case, tmp_path, capsys, monkeypatch)
    if case.id == "templates-folder-two-levels-up-is-not-used":
        assert "templates: the built-in ones (no override folder)" in out
    if case.id == "deal-in-deal-data-sub-uses-the-repository-templates":
        assert f"templates: overrides from {tmp_path / 'repo' / 'templates'}" in out
    if case.exit == 130:
        assert err.strip().count("\n") == 0, err      # one line


def test_the_rows_made_as_text_are_rows_of_the_table():
    assert (MADE_AS_TEXT | set(REAL_WRITERS_FOR)) <= {case.id for case in CASES}


@pytest.mark.usefixtures("text_only")   # the subject is the named pipe, not the set's bytes
def test_a_manifest_that_is_a_named_pipe_never_hangs_a_build(tmp_path, capsys, monkeypatch):
    def hung(*args):
        raise AssertionError("the build hung on the named pipe")
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(300)
    try:
        run_case(Case("build-over-a-manifest-that-is-a-named-pipe", BUILD, 0, ("corrupt manifest", "not a regular file"),
                      prepare=_manifest(kind="fifo"), may_change=("amnis-2003",), check=_manifest_rebuilt),
                 tmp_path, capsys, monkeypatch)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_table_holds_every_case_of_the_issue():
    assert len(CASES) >= 55


def test_every_row_of_bad_data_names_a_line():
    for case in CASES:
        if case.exit == 2 and (case.edits or case.append):
            assert case.line, case.id


def test_a_bad_file_loads_no_faster_than_its_size_allows(tmp_path):
    """A 5 MB file of one long scalar is refused by its size, not read and parsed."""
    big = tmp_path / "big.yaml"
    big.write_bytes(b"id: " + b"x" * 6_000_000 + b"\n")
    from generator.errors import DealDataError
    with pytest.raises(DealDataError) as info:
        load(big)
    assert "a deal file has at most 5,000,000" in info.value.report()

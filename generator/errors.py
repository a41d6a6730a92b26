"""One exception base, and the one table of exit codes the CLI turns each kind into."""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit status of ``closingdocs``; the CLI's ``--help`` prints this table."""

    OK = 0
    UNEXPECTED = 1
    DEAL_DATA = 2
    TEMPLATE = 3
    PENDING_FACTS = 4
    OUTPUT = 5
    OVERDUE = 6
    PUBLICITY = 7
    PAST_MATURITY = 8
    MODIFIED = 9
    CORRUPT = 10
    INCONSISTENT = 11
    SIGNATURES_MISSING = 12
    SIGNED_PAGES_UNKNOWN = 13
    SIGNED_FILE_UNREADABLE = 14


EXIT_CODE_MEANINGS = {
    ExitCode.OK: "done",
    ExitCode.UNEXPECTED: "unexpected error",
    ExitCode.DEAL_DATA: "the deal data has problems (each listed with file:line:column and key), what was "
                        "asked for does not match it, or the command line is wrong",
    ExitCode.TEMPLATE: "a template is missing, broken or uses unsupported markup",
    ExitCode.PENDING_FACTS: "facts still marked TBC where final documents were asked for (each listed)",
    ExitCode.OUTPUT: "the output folder cannot be written",
    ExitCode.OVERDUE: "(due) a reserve list is past due and not recorded as delivered: damages accrue",
    ExitCode.PUBLICITY: "a public document (the press release) would name a Buyer without its written consent",
    ExitCode.PAST_MATURITY: "(due) a deal is past maturity with principal unpaid and nothing recorded: no list is "
                            "built until the ledger records a repayment, conversion, redemption or default",
    ExitCode.MODIFIED: "(verify) the output folder differs from its manifest: a file edited, missing or extra "
                       "(hidden files and links included); (binder --executed) an execution version is not as "
                       "collate wrote it",
    ExitCode.CORRUPT: "(verify) the manifest is not one closingdocs writes (a link, a pipe, too large, not JSON, "
                      "not of its shape, or naming a path outside the deal folder); build and due rebuild over it; "
                      "(binder --executed) the same of the collation record",
    ExitCode.INCONSISTENT: "the documents of a final set disagree with the deal's figures or with each other (each "
                           "mismatch named with both places); a draft only warns",
    ExitCode.SIGNATURES_MISSING: "(collate) every page returned is placed, but signature pages are still missing "
                                 "(each listed with its document and signer); the documents complete are written",
    ExitCode.SIGNED_PAGES_UNKNOWN: "(collate) a page returned is duplicated, or unknown: another deal's, for a "
                                   "document the deal does not have, or not identifiable (each listed with its file "
                                   "and page); it is not bound",
    ExitCode.SIGNED_FILE_UNREADABLE: "(collate) a file returned cannot be read: not a PDF, damaged, protected by a "
                                     "password, or beyond the limits (each named); nothing was written",
}


class DiffStatus(IntEnum):
    """``closingdocs diff`` exits as diff(1) does: 0 and 1 say whether anything changed, not whether it
    failed; 2 is bad input or trouble (every other error keeps its code in the table above)."""

    SAME = 0
    DIFFERENT = 1
    TROUBLE = 2


DIFF_STATUS_TEXT = ("exit status of diff (as diff(1)): 0 nothing changes; 1 something changes (a fact, a figure or "
                    "the words of a document); 2 bad input (a deal file with problems, an unknown revision, a "
                    "wrong command line) or an unexpected error; 3, 5 and 11 as for every command (a template, the "
                    "output folder, a set that disagrees with itself)")

# Also: 130 when interrupted (Ctrl-C) and 143 when terminated (TERM), with no file left half-written.


def exit_code_table() -> str:
    return ("exit status:\n" + "\n".join(f"  {int(code)}  {text}" for code, text in EXIT_CODE_MEANINGS.items())
            + "\n  130  interrupted (Ctrl-C), 143 terminated: no file was left half-written"
            + "\n  (diff: 0 nothing changes, 1 something changes, 2 bad input or trouble, as diff(1); 11 as build)")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a deal file, located for a paralegal to fix."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        key = f" {self.path}:" if self.path else ""
        return f"{where}:{key} {self.message}"


class ClosingDocsError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code = ExitCode.UNEXPECTED
    title = "error"

    def report(self) -> str:
        return f"closingdocs: {self.title}: {self}"


class ListedError(ClosingDocsError):
    """An error carrying everything found at once: each once, in order, a line each under its title."""

    noun = "problem(s)"

    def __init__(self, found: list):
        self.found = sorted(set(found))
        super().__init__(f"{len(self.found)} {self.noun}")

    def report(self) -> str:
        lines = [f"closingdocs: {self.title} ({len(self.found)}); nothing was written:"]
        lines += [f"  {item}" for item in self.found]
        return "\n".join(lines)


class DealDataError(ListedError):
    """The deal file is unreadable, malformed or inconsistent; carries every problem found."""

    exit_code = ExitCode.DEAL_DATA
    title = "the deal data has problems"

    @property
    def problems(self) -> list[Problem]:
        return self.found


class PendingFactsError(DealDataError):
    """A final build was asked for while facts are still marked to be confirmed."""

    exit_code = ExitCode.PENDING_FACTS
    title = "final documents refused: facts still to be confirmed"


class RequestError(ClosingDocsError):
    """What was asked for (a month, a breach, an invoice) does not match the deal data."""

    exit_code = ExitCode.DEAL_DATA
    title = "cannot do that for this deal"


class ComparisonError(ClosingDocsError):
    """``closingdocs diff`` cannot read what it was asked to compare (a revision, the files named)."""

    exit_code = ExitCode.DEAL_DATA
    title = "cannot compare"


class TemplateError(ClosingDocsError):
    """A template is missing, broken, or asks for something the writers cannot render."""

    exit_code = ExitCode.TEMPLATE
    title = "template error"


class OutputError(ClosingDocsError):
    """The output location is unsafe or cannot be written."""

    exit_code = ExitCode.OUTPUT
    title = "output error"


class CorruptManifestError(ClosingDocsError):
    """A file closingdocs reads back from its output folder is not one it writes."""

    exit_code = ExitCode.CORRUPT
    title = "corrupt manifest"


class SignedFileError(ListedError):
    """Files of signed pages that cannot be read (not a PDF, damaged, encrypted, too large): each named."""

    exit_code = ExitCode.SIGNED_FILE_UNREADABLE
    title = "signed pages that cannot be read"
    noun = "file(s)"


class SignaturesMissingError(ListedError):
    """Signature pages not yet returned, where every document's execution version is needed (binder --executed)."""

    exit_code = ExitCode.SIGNATURES_MISSING
    title = "signature pages still missing: not every document is executed"
    noun = "page(s)"


class ModifiedOutputError(ClosingDocsError):
    """A file closingdocs wrote and reads back is not as it wrote it (edited, missing, not readable)."""

    exit_code = ExitCode.MODIFIED
    title = "output changed since closingdocs wrote it"


class PublicityError(ClosingDocsError):
    """A public document names a Buyer without its recorded written consent."""

    exit_code = ExitCode.PUBLICITY
    title = "a Buyer would be named without its written consent"

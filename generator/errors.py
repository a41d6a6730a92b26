"""One exception base; the CLI turns each kind into a message and an exit code."""
from __future__ import annotations

from dataclasses import dataclass


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

    exit_code = 1
    title = "error"

    def report(self) -> str:
        return f"closingdocs: {self.title}: {self}"


class DealDataError(ClosingDocsError):
    """The deal file is unreadable, malformed or inconsistent; carries every problem found."""

    exit_code = 2
    title = "the deal data has problems"

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s)")

    def report(self) -> str:
        lines = [f"closingdocs: {self.title} ({len(self.problems)}); nothing was written:"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class PendingFactsError(DealDataError):
    """A final build was asked for while facts are still marked to be confirmed."""

    exit_code = 4
    title = "final documents refused: facts still to be confirmed"


class RequestError(ClosingDocsError):
    """What was asked for (a month, a breach, an invoice) does not match the deal data."""

    exit_code = 2
    title = "cannot do that for this deal"


class TemplateError(ClosingDocsError):
    """A template is missing, broken, or asks for something the writers cannot render."""

    exit_code = 3
    title = "template error"


class OutputError(ClosingDocsError):
    """The output location is unsafe or cannot be written."""

    exit_code = 5
    title = "output error"

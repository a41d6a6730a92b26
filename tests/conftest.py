from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.deal import load as load_stage
from generator.options import Options

from .parsed_once import parsed_once
from .processes import kill_all
from .producers import text_only  # noqa: F401  (a fixture: documents made as text, for tests of words and files)
from .sets import built_into, sets  # noqa: F401  (fixtures: real sets built once per test process, copied)

ROOT = Path(__file__).resolve().parent.parent
AMNIS = ROOT / "deal_data" / "amnis-2003.yaml"
EXAMPLE = ROOT / "deal_data" / "examples" / "amnis-2003-example.yaml"
PREFERRED = ROOT / "deal_data" / "examples" / "allegheny-vireo-2025.yaml"   # convertible preferred stock


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The end-to-end tests (marked slow) first, each module's tests in their order: with ``-n auto`` the cores
    share out the long tests early and finish together on short ones (a long test run last leaves a core idle)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session", autouse=True)
def _deal_files_parsed_once():
    """Every deal file's bytes parsed once per test process (tests/parsed_once.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load_stage, "parse", parsed_once)
        yield


@pytest.fixture(autouse=True)
def _no_child_left_running():
    """A test's child processes (started through tests/processes.py) do not outlive it."""
    yield
    kill_all()


@pytest.fixture(scope="session")
def amnis_text() -> str:
    return AMNIS.read_text(encoding="utf-8")


def mutate(text: str, old: str, new: str) -> str:
    """Replace exactly one occurrence (the test is wrong if the anchor is not unique)."""
    assert text.count(old) == 1, f"anchor {old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def filled_in(text: str) -> str:
    """The deal text with every TBC fact filled in (dates and prices with values of their type) and every
    source confirmed (as once checked against the executed documents), the inferred Conversion Price among them."""
    import re

    text = text.replace("confirmed: false", "confirmed: true")
    text = re.sub(r"\{unconfirmed: \"[^\"]*\"\}", "{document: the Board's written consent}", text)

    text = re.sub(r'"TBC:[^"]*"', '"Filled In"', text)
    for key, value in (("adopted_on", "2003-05-08"), ("exercise_price", "0.01"), ("expiration_date", "2008-05-09"),
                       ("reviewed_by_buyers_on", "2003-05-09"), ("amount", "1000")):
        text = text.replace(f'{key}: "Filled In"', f"{key}: {value}")
    # the inferred Conversion Price, confirmed (a final release refuses it otherwise)
    return re.sub(r"confirmed: false( *#.*)?", "confirmed: true", text)


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def closing_set_files(deal_file: Path) -> int:
    """How many files ``closingdocs build`` writes for a deal: each document of its closing set (the signature
    pages included) and the checklist in PDF and DOCX, then the checklist's CSV, the deadline calendar, the
    index page and the manifest (the plan's count, so a test need not be edited when a document is added)."""
    from generator.compute.validate import validate
    from generator.deal.load import load
    from generator.plan.documents import closing_documents

    return 2 * (len(closing_documents(validate(load(deal_file)))) + 1) + 4


def confirmed_example(folder: Path) -> Path:
    """A copy of the example deal (and the deal it extends) in ``folder``, as it stands once the Debentures'
    terms, the Conversion Price and the board's consent have been checked: every source confirmed, the TBC
    facts left as they are (the lists print none). Returns the example's path."""
    import re

    text = AMNIS.read_text(encoding="utf-8").replace("confirmed: false", "confirmed: true")
    text = re.sub(r"\{unconfirmed: \"[^\"]*\"\}", "{document: the Board's written consent}", text)
    (folder / "examples").mkdir(parents=True, exist_ok=True)
    (folder / AMNIS.name).write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLE, folder / "examples" / EXAMPLE.name)
    return folder / "examples" / EXAMPLE.name


@pytest.fixture
def deal_repo(tmp_path) -> Path:
    """A throwaway document repository: deal_data/ with the Amnis file, templates/ empty."""
    (tmp_path / "deal_data").mkdir()
    shutil.copy(AMNIS, tmp_path / "deal_data" / "amnis-2003.yaml")
    (tmp_path / "templates").mkdir()
    return tmp_path


@pytest.fixture(scope="session")
def built_set(request):
    """The Amnis draft closing set, built once for the tests that read the files (the shared one: never changed)."""
    return request.getfixturevalue("sets").built("closing", AMNIS) / "amnis-2003" / "closing"


@pytest.fixture(scope="session")
def built_example(tmp_path_factory):
    """A reserve-list month and damages and expense invoices from the example ledger, built once."""
    import datetime as dt

    from generator.build import (
        build_damages_invoices,
        build_expense_invoice,
        build_reserve_list,
    )

    out = tmp_path_factory.mktemp("example")
    options = Options(deal_file=EXAMPLE, output_root=out, jobs=1)
    # a draft: the example's lists rely on Debenture terms still to be confirmed (a final list is refused)
    build_reserve_list(Options(deal_file=EXAMPLE, output_root=out, jobs=1, final=False), "2003-08")
    build_damages_invoices(options, "list-2003-07", None)
    build_expense_invoice(options, "sds-closing-costs", dt.date(2003, 7, 1))
    return out / "amnis-2003-example"


# The other reading of each of the SPA's open questions (docs/readings.md): the hand calculations of
# tests/compute/test_damages.py and test_reserve.py were worked under these; test_readings.py works
# each default by hand beside them.
OTHER_READINGS = dict(shortfall_before_approval="runs", conversions_before_approval="all-available",
                      allocation="re-split", cure_day="not-counted", short_months="next-period-on-last-day",
                      expense_interest_on="unpaid-balance", expense_interest_from="after-deadline",
                      as_of="start-of-day")


def with_readings(deal, **chosen):
    """The validated deal read another way (the readings are the deal file's `readings:` section)."""
    return deal.model_copy(update={"readings": deal.readings.model_copy(update=chosen)})

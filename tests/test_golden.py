"""Golden text: each document closingdocs renders, compared byte for byte with its text in tests/golden/.

After a deliberate change of wording or figures, regenerate with `python -m tests.golden`, read the
diff, and commit it with the change.
"""
from __future__ import annotations

import pytest

from .golden import HERE, golden_texts

GOLDEN_FILES = sorted(p.name for p in HERE.glob("*.txt"))


@pytest.fixture(scope="module")
def rendered():
    return golden_texts()


def test_the_regenerate_script_makes_every_golden_text_and_only_those(rendered):
    assert sorted(rendered) == GOLDEN_FILES
    # the closing set, a reserve list for one Buyer, the Company summary and its working copy, and each kind
    # of invoice
    assert {"transfer-agent-instructions.txt", "officers-certificate.txt", "secretarys-certificate.txt",
            "press-release.txt", "reserve-list-2003-08-buyer-sds.txt", "reserve-list-2003-08-summary.txt",
            "reserve-list-2003-08-summary-working-copy.txt",
            "invoice-list-2003-07-sds.txt", "invoice-expenses-sds-closing-costs-2003-07-01.txt"} \
        <= set(GOLDEN_FILES)


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_rendered_text_matches_golden(rendered, name):
    expected = (HERE / name).read_bytes()
    actual = rendered[name].encode("utf-8")
    assert actual == expected, f"{name} differs from its golden text; `python -m tests.golden` regenerates it"

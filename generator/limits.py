"""Every bound on what closingdocs reads: sizes, depths, numbers, dates and lengths.

Documents hold figures a securities lawyer would sign; anything beyond these bounds is a typing
mistake or an attack, and is refused with its location instead of being computed (or hanging).
Kept light (no imports from the pipeline) so the command line can check its own arguments.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

# -- the deal file ----------------------------------------------------------------------------
MAX_FILE_BYTES = 5_000_000          # a deal file (the Amnis file is 10 KB)
MAX_DEPTH = 24                      # lists and mappings inside each other
MAX_ITEMS = 2_000                   # entries of one list or keys of one mapping
MAX_NUMBER_CHARS = 40               # characters of a number as written (a 40-digit figure is a typo)
MAX_EXTENDS = 4                     # `extends:` chain

# -- values ---------------------------------------------------------------------------------------
MAX_TEXT = 5_000                    # characters of one text value (the s.2(g) legend is ~600)
MAX_NAME = 255                      # a company's, buyer's or officer's name (Word's limit for a property)
MAX_MONEY = Decimal(10) ** 12       # one trillion dollars
MAX_SHARES = 10 ** 12               # one trillion shares
MAX_PRICE = Decimal(10) ** 6        # a price per share
MAX_PRICE_PLACES = 8                # decimal places of a price ($0.00000001)
MAX_PERCENT_PLACES = 6
MAX_COVERAGE_PERCENT = 1_000          # warrant coverage: 1,000% of the conversion shares
MAX_COUNT = 1_000                   # a count of days, business days or a multiple
MAX_BUYERS = 100
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)

# -- templates ------------------------------------------------------------------------------------
MAX_TEMPLATE_BYTES = 1_000_000      # one template file
MAX_RENDERED_CHARS = 2_000_000      # one rendered document's HTML
MAX_TEMPLATE_VALUE = 1_000_000      # a string or list a template builds (characters or items)
MAX_TEMPLATE_INT_BITS = 4_096       # an integer a template computes
RENDER_SECONDS = 10                 # rendering one document
RENDER_MEMORY = 1 << 30             # address space a render may add (bytes), where the OS allows a limit


# -- signed pages returned (closingdocs collate): PDFs from outside, read as untrusted input ----------------
MAX_SIGNED_FILES = 1_000            # files given to one collate run
MAX_SIGNED_FILE_BYTES = 100_000_000  # one returned PDF (a scanned packet of 40 pages at 300 dpi is ~30 MB)
MAX_SIGNED_PAGES = 5_000            # pages of every file given, together
MAX_PAGE_TEXT = 100_000             # characters of one page's text layer read (a signature page has ~1,000)


def date_in_range(day: dt.date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


DATE_RANGE = f"between {FIRST_DATE.isoformat()} and {LAST_DATE.isoformat()}"

import json

from generator.cli import main

from .conftest import AMNIS, EXAMPLE


def test_figures_json_at_closing(capsys):
    assert main(["figures", str(AMNIS), "--as-of", "2003-05-09", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["aggregate"]["reserved_amount"] == 295714286
    assert data["company"]["headroom"] == 20000000
    assert data["conversion_price"]["price"] == "0.007"
    sds = data["buyers"][0]
    assert sds["outstanding_principal"] == "500000" and sds["shares_issuable_on_conversion"] == 71428572
    assert isinstance(sds["one_year_interest"], str)       # decimals as strings, never floats


def test_figures_json_with_a_ledger(capsys):
    assert main(["figures", str(EXAMPLE), "--as-of", "2003-07-31", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["deal"] == "amnis-2003-example"
    # each part fixed when the 20,000,000 were reserved at closing (10,000,000 / 7,000,000 / 3,000,000), SDS's
    # less the 7,142,858 shares it converted on June 16 (the default reading; see test_readings for the other)
    assert [b["authorized_and_reserved"] for b in data["buyers"]] == [2857142, 7000000, 3000000]
    # interest to the end of July 31: (500,000 x 38 + 450,000 x 46 days) x 12% / 365 - 8,317.81 paid
    assert data["buyers"][0]["accrued_unpaid_interest_cents"] == "4734.24"
    assert data["readings"]["allocation"] == "fixed-when-reserved"
    assert [m["month"] for m in data["reserve_lists"]] == ["2003-05", "2003-06", "2003-07"]
    # July's list was delivered on August 12, after the as-of date: not yet known on July 31
    assert data["reserve_lists"][1]["delivered"]["sds"] == "2003-07-03"
    assert data["reserve_lists"][2]["delivered"]["sds"] is None
    # the interest due June 30 was paid to SDS only: Alpha's and Bristol's, 52 days at 12%, were missed
    assert [(m["date"], m["buyer"], m["unpaid"], m["paid_on"]) for m in data["missed_interest"]] == [
        ("2003-06-30", "alpha", "5983.56", None), ("2003-06-30", "bristol", "2564.38", None)]


def test_figures_as_text_by_default_say_what_the_json_says(capsys):
    assert main(["figures", str(EXAMPLE), "--as-of", "2003-07-31"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["deal: amnis-2003-example", "as of: 2003-07-31"]
    buyers = lines.index("buyers:")
    assert lines[buyers + 1:buyers + 3] == ["  - id: sds", "    name: SDS Merchant Fund, LP"]
    # the same figures as the JSON above, exact, with thousands separators
    assert "    authorized and reserved: 2,857,142" in lines and "    accrued unpaid interest cents: 4,734.24" in lines
    assert "  allocation: fixed-when-reserved" in lines
    months = lines.index("reserve lists:")
    assert lines[months + 1:months + 4] == ["  - month: 2003-05", "    as of: 2003-05-31", "    due: 2003-06-06"]
    assert "warrant expiration: none" in lines and not any("{" in line or '"' in line for line in lines)

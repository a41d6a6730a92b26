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
    assert [b["authorized_and_reserved"] for b in data["buyers"]] == [6098901, 4730769, 2027472]
    assert data["buyers"][0]["accrued_unpaid_interest_cents"] == "4586.30"
    assert [m["month"] for m in data["reserve_lists"]] == ["2003-05", "2003-06", "2003-07"]
    assert data["reserve_lists"][2]["delivered"]["sds"] == "2003-08-12"

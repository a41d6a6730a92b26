"""Who signs: several signatories per party (each with name, title and capacity) and the documents signed at
closing (closing.documents), with every bad list reported by file, line and key path, all at once."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.deal.load import load
from generator.deal.validate import validate
from generator.errors import DealDataError

from ..conftest import AMNIS, line_of, mutate
from ..deals import validated

SIERRA = Path(AMNIS).parent / "examples" / "sierra-lumen-2024.yaml"


def _deal(tmp_path, text):
    path = tmp_path / "deal.yaml"
    path.write_text(text, encoding="utf-8")
    return validate(load(path))


def _problems(tmp_path, text) -> DealDataError:
    with pytest.raises(DealDataError) as info:
        _deal(tmp_path, text)
    return info.value


def test_a_buyer_signs_by_one_signatory_or_several():
    deal = validated(SIERRA, validate)
    harbor = deal.buyer("harbor")
    assert [s.name for s in harbor.signers] == ["Cordelia Ashworth", "Nigel Okonkwo-Barnes"]
    assert harbor.signer_keys == ["harbor", "harbor-2"]
    brevent = deal.buyer("brevent")
    assert brevent.signer_keys == ["brevent"]
    assert [(e.name, e.capacity) for e in brevent.signers[0].through] == [("Brévent & Associés GP, LLC",
                                                                           "its general partner")]
    assert deal.transfer_agent.signer_keys == ["transfer-agent"]


def test_documents_signed_at_closing_are_data():
    deal = validated(AMNIS, validate)
    assert deal.closing is not None
    documents = {d.id: d for d in deal.closing.documents}
    assert list(documents)[:2] == ["securities-purchase-agreement", "registration-rights-agreement"]
    assert documents["registration-rights-agreement"].exhibit == "C"
    assert documents["debentures"].issued_to == "each-buyer"
    assert {d.made_by for d in documents.values()} == {"counsel", "closingdocs"}
    assert [p.party for p in documents["funds-escrow-agreement"].parties] == ["company", "buyers", "escrow-agent"]
    assert documents["secretarys-certificate"].parties[0].specimens == ["ceo", "secretary"]


def test_a_signatory_with_an_id_and_a_capacity(tmp_path, amnis_text):
    text = mutate(amnis_text, "      name: Paul Kessler\n      title: Director\n",
                  "      id: kessler\n      name: Paul Kessler\n      title: Director\n"
                  "      capacity: authorized signatory\n")
    deal = _deal(tmp_path, text)
    bristol = deal.buyer("bristol")
    assert bristol.signer_keys == ["kessler"] and bristol.signers[0].capacity == "authorized signatory"


# (id, edits, key path, message fragment, text on the expected line)
BAD = [
    ("signatory-and-signatories", [("    signatory:\n      name: Paul Kessler\n      title: Director\n",
                                    "    signatory:\n      name: Paul Kessler\n      title: Director\n"
                                    "    signatories:\n      - {name: Amy Wang, title: Director}\n")],
     "buyers[2]", "signatory (one person) or signatories", "- id: bristol"),
    ("no-signatory", [("    signatory:\n      name: Paul Kessler\n      title: Director\n", "")],
     "buyers[2]", "not neither", "- id: bristol"),
    ("signer-without-name", [("      name: Paul Kessler\n", "")],
     "buyers[2].signatory.name", "required fact is missing", None),
    ("signer-without-title", [("      name: Paul Kessler\n      title: Director\n", "      name: Paul Kessler\n")],
     "buyers[2].signatory.title", "required fact is missing", None),
    ("signer-not-a-party", [("        - {party: company, signers: [ceo]}      # signature page",
                             "        - {party: company, signers: [sds]}      # signature page")],
     "closing.documents[0].parties[0].signers[0]", "'sds' does not sign for the Company",
     "{party: company, signers: [sds]}"),
    ("party-unknown", [("        - {party: buyers}                       # each Buyer",
                        "        - {party: lenders}                      # each Buyer")],
     "closing.documents[0].parties[1].party", "'lenders' is not a party the deal has", "{party: lenders}"),
    ("company-without-signers", [("        - {party: company, signers: [ceo]}      # signature page",
                                  "        - {party: company}      # signature page")],
     "closing.documents[0].parties[0]", "the Company signs by its officers", "{party: company}"),
    ("buyer-signer-of-another-buyer", [("        - {party: buyers}                       # each Buyer",
                                        "        - {party: sds, signers: [bristol]}      # each Buyer")],
     "closing.documents[0].parties[1].signers[0]", "'bristol' does not sign for sds",
     "{party: sds, signers: [bristol]}"),
    ("party-twice", [("        - {party: buyers}                       # each Buyer",
                      "        - {party: buyers}\n        - {party: alpha}    # each Buyer")],
     "closing.documents[0].parties[2].party", "'alpha' is already a party", "{party: alpha}"),
    ("document-twice", [("    - id: registration-rights-agreement        # recital C",
                         "    - id: securities-purchase-agreement        # recital C")],
     "closing.documents[1].id", "listed twice", "- id: securities-purchase-agreement        # recital C"),
    ("closingdocs-does-not-make-it", [("      title: Pledge and Security Agreement\n      made_by: counsel",
                                       "      title: Pledge and Security Agreement\n      made_by: closingdocs")],
     "closing.documents[2].id", "not a document closingdocs makes", "- id: pledge-and-security-agreement"),
    ("template-signs-otherwise", [("        - {party: company, signers: [secretary, ceo], specimens: [ceo, secretary]}",
                                   "        - {party: company, signers: [ceo], specimens: [ceo, secretary]}")],
     "closing.documents[8].parties[0].signers", "signed for the Company by secretary, ceo",
     "{party: company, signers: [ceo], specimens"),
    ("incumbency-lacks-an-officer", [("specimens: [ceo, secretary]}", "specimens: [ceo]}")],
     "closing.documents[8].parties[0].specimens", "specimen signature of every officer", "specimens: [ceo]}"),
    ("specimen-of-a-buyer", [("        - {party: buyers}                       # each Buyer",
                              "        - {party: buyers, specimens: [ceo]}     # each Buyer")],
     "closing.documents[0].parties[1].specimens", "only the Company's officers", "{party: buyers, specimens"),
    ("other-party-without-signatories", [
        ("          label: \"ESCROW AGENT:\"\n          signatories:\n"
         "            - name: \"TBC: name of the escrow agent's signatory\"\n"
         "              title: \"TBC: title of the escrow agent's signatory\"\n",
         "          label: \"ESCROW AGENT:\"\n")],
     "closing.documents[3].parties[2]", "needs its name and signatories", "- party: escrow-agent"),
    ("signer-key-taken", [("      name: Paul Kessler\n", "      id: ceo\n      name: Paul Kessler\n")],
     "buyers[2].signatory", "the signer key 'ceo' is already taken", None),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_a_bad_list_of_signers_is_reported_with_its_place(case, tmp_path, amnis_text):
    _id, edits, key_path, fragment, line_text = case
    text = amnis_text
    for old, new in edits:
        text = mutate(text, old, new)
    error = _problems(tmp_path, text)
    matches = [p for p in error.problems if fragment in p.message]
    assert matches, f"no problem mentions {fragment!r}: {error.report()}"
    problem = matches[0]
    assert problem.path == key_path, error.report()
    assert problem.file == str(tmp_path / "deal.yaml") and problem.line > 0
    if line_text is not None:
        assert problem.line == line_of(text, line_text), error.report()


def test_every_bad_signer_is_reported_at_once(tmp_path, amnis_text):
    text = mutate(amnis_text, "        - {party: company, signers: [ceo]}      # signature page",
                  "        - {party: company, signers: [sds]}      # signature page")
    text = mutate(text, "        - {party: buyers}                       # each Buyer",
                  "        - {party: lenders}                      # each Buyer")
    text = mutate(text, "specimens: [ceo, secretary]}", "specimens: [ceo]}")
    error = _problems(tmp_path, text)
    paths = {p.path for p in error.problems}
    assert {"closing.documents[0].parties[0].signers[0]", "closing.documents[0].parties[1].party",
            "closing.documents[8].parties[0].specimens"} <= paths, error.report()


def test_signers_without_name_or_title_are_reported_at_once(tmp_path, amnis_text):
    """A signatory's missing name or title is a problem of the file's structure: each is reported, together."""
    text = mutate(amnis_text, "      name: Paul Kessler\n", "")
    text = mutate(text, "      name: Scott E. Derby\n      title: \"TBC: title of SDS's signatory (blank on the "
                  "signature page)\"\n", "      name: Scott E. Derby\n")
    error = _problems(tmp_path, text)
    assert {"buyers[2].signatory.name", "buyers[0].signatory.title"} <= {p.path for p in error.problems}


def test_the_cli_writes_nothing_on_a_bad_signer(tmp_path, amnis_text):
    from generator.build import build
    from generator.options import Options

    path = tmp_path / "deal.yaml"
    path.write_text(mutate(amnis_text, "        - {party: company, signers: [ceo]}      # signature page",
                           "        - {party: company, signers: [sds]}      # signature page"), encoding="utf-8")
    with pytest.raises(DealDataError):
        build(Options(deal_file=path, output_root=tmp_path / "out"))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))

"""Compliance list parsers: printed forms, negatives, and the hand-labelled real documents."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pdfplumber
import pypdfium2
import pytesseract
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.compliance import (
    conclusion,
    container_numbers,
    directives,
    hs_codes,
    incoterm,
    notified_body_numbers,
    regulations,
    report_type,
    standard_key,
    standards,
    substances,
    substances_stated_compliant,
)

REALDOCS = Path("/work/shared/realdocs")
needs_realdocs = pytest.mark.skipif(not REALDOCS.is_dir(), reason="real documents not present")


@cache
def pdf_text(relative: str, pages: int | None = None) -> str:
    with pdfplumber.open(REALDOCS / relative) as pdf:
        return "\n".join((page.extract_text() or "") for page in pdf.pages[:pages])


@cache
def ocr_text(relative: str) -> str:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pdf = pypdfium2.PdfDocument(str(REALDOCS / relative))
    images = [pdf[i].render(scale=300 / 72).to_pil() for i in range(len(pdf))]
    return "\n".join(pytesseract.image_to_string(image, lang="eng") for image in images)


def label(relative: str) -> dict:
    return json.loads((REALDOCS / "labels" / f"{Path(relative).name}.json").read_text())["fields"]


# ---------------------------------------------------------------------------------------------
# directives


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Directive 2014/30/EU", ["2014/30/EU"]),
        ("EMC Directive 2014/30/EU, LVD 2014/35/EU", ["2014/30/EU", "2014/35/EU"]),
        (
            "Restriction of the use of certain hazardous substances ROHS 2011/65 and EU\n2015/863.",
            ["2011/65/EU", "(EU) 2015/863"],
        ),
        ("Delegated Directive (EU) 2015/863 amending Annex II", ["(EU) 2015/863"]),
        ("RoHSDirective2011/65/EUand(EU)2015/863.", ["2011/65/EU", "(EU) 2015/863"]),
        ("LVD 2014/35/EC", ["2014/35/EC"]),  # a real typo stays as printed
        ("EMC-directive 2004/108/EC\nLV-directive 2006/95/EC", ["2004/108/EC", "2006/95/EC"]),
        ("Directive 2014/30/UE (compatibilité électromagnétique)", ["2014/30/EU"]),
        ("2015/863/EU", ["(EU) 2015/863"]),
        ("EMC 89/336/EEC", ["89/336/EEC"]),
        ("Directive 2014/30/EU ... Directive 2014/30/EU", ["2014/30/EU"]),
    ],
)
def test_directives(text: str, expected: list[str]) -> None:
    assert directives(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Valid 2014/2015",  # a year range
        "Test period 2018/09/30 - 2019/03/01",  # dates
        "REACH 1907/2006",
        "Regulation (EC) No 1907/2006",
        "Regulation (EU) 2019/1020 on market surveillance",
        "Page 12/32",
        "(EU) 2019/2020",  # unknown act with nothing saying it is a directive
    ],
)
def test_directives_rejects(text: str) -> None:
    assert directives(text) == []


@settings(deadline=None)  # regex timing varies on a shared machine
@given(
    st.integers(min_value=1990, max_value=2014),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["EU", "EC", "EEC"]),
    st.sampled_from(["Directive {}", "{} (EMC)", "conform to {},", "Richtlinie {}", "LVD {}\n"]),
)
def test_directives_round_trip_before_2015(year: int, number: int, suffix: str, template: str) -> None:
    act = f"{year}/{number}/{suffix}"
    assert directives(template.format(act)) == [act]


@settings(deadline=None)  # regex timing varies on a shared machine
@given(
    st.integers(min_value=2015, max_value=2030),
    st.integers(min_value=1, max_value=2999),
    st.sampled_from(["Directive (EU) {}", "Delegated Directive (EU){}", "Directive EU {}"]),
)
def test_directives_round_trip_since_2015(year: int, number: int, template: str) -> None:
    assert directives(template.format(f"{year}/{number}")) == [f"(EU) {year}/{number}"]


def test_regulations_are_kept_apart() -> None:
    text = "RoHS 2011/65/EU; REACH 1907/2006; Regulation (EU) 2019/1020; (EU) No 10/2011"
    assert directives(text) == ["2011/65/EU"]
    assert regulations(text) == ["(EC) No 1907/2006", "(EU) 2019/1020", "(EU) No 10/2011"]


# ---------------------------------------------------------------------------------------------
# standards


@pytest.mark.parametrize(
    "printed",
    [
        "EN 55032:2015+A11:2020",
        "EN IEC 63000:2018",
        "ETSI EN 301 489-1 V2.2.3 (2019-11)",
        "IEC 62321-3-1:2013",
        "EN 62368-1:2014 + A11:2017",
        "EN 60335-2-15:2016",
        "IEC CISPR 22:2008",
        "EVS-EN 60669-1:2001/A2:2008",
        "IEC 60950-1 :2005 (Second edition) + A1 :2009 + A2 :2013",
        "EN 60335-1 ed.3:2012+A13:2018",
        "IEC 62321-7-2-2017",
        "EN 62471",
    ],
)
def test_standards_printed_forms(printed: str) -> None:
    assert standards(f"Applied standards: {printed}\nSigned") == [printed]


def test_standards_skip_undated_pointers_in_result_rows() -> None:
    text = (
        "Standards Applied\nEN 55014-1:2017+A11:2020\nEN 61000-3-2:2014\n"
        "Test Item Basic Standard Result\n"
        "Conducted disturbance EN 55014-1 / EN 55032 PASS\n"
        "Surge immunity EN 61000-4-5 PASS\n"
        "Please refer to ETSI EN 301 489-1 Clause 8.2.3\n"
    )
    assert standards(text) == ["EN 55014-1:2017+A11:2020", "EN 61000-3-2:2014"]
    # an undated standard in a list is still a citation
    assert standards("EMC: EN 55032: 2015\nIEC 61000-4-2\nIEC 61000-4-3") == [
        "EN 55032: 2015",
        "IEC 61000-4-2",
        "IEC 61000-4-3",
    ]


def test_standards_in_order_without_duplicates_and_notes() -> None:
    text = (
        "EN 55032:2015\nEN 55035:2017\n Note: Draft ETSI EN 305 550 V2.1.0 (2017-10)\n"
        "based on EN ISO/IEC 17050-1:2004\nEN 55032:2015\nsee EN 55032 clause 4"
    )
    assert standards(text) == ["EN 55032:2015", "EN 55035:2017"]


@pytest.mark.parametrize(
    "text",
    [
        "Report No.: QHJ2206002801/EN\n2 pages",
        "OPEN 1234",
        "en 2020 nous",
        "Tel: 86-755-86632632",
        "2014/30/EU",
        "Mercury (Hg) mg/kg IEC 1000",  # a method cell cut in two beside its limit
    ],
)
def test_standards_rejects(text: str) -> None:
    assert standards(text) == []


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("EN 55032:2015+A11:2020", ("EN 55032", "2015", ("A11:2020",))),
        ("EN 62368-1:2014 + A11:2017", ("EN 62368-1", "2014", ("A11:2017",))),
        ("EN IEC 63000:2018", ("EN 63000", "2018", ())),
        ("ETSI EN 301 489-1 V2.2.3 (2019-11)", ("EN 301 489-1 V2.2.3", "2019", ())),
        ("ETSI EN 301 489-1 V2.2.3: 2019-11", ("EN 301 489-1 V2.2.3", "2019", ())),
        ("EN301489-1 V2.2.3:2019-11", ("EN 301 489-1 V2.2.3", "2019", ())),
        ("IEC 62321-3-1-2013", ("IEC 62321-3-1", "2013", ())),
        ("IEC62321-3-1:2013(Ed1.0)", ("IEC 62321-3-1", "2013", ())),
        ("IEC 62321 -3-1:2013", ("IEC 62321-3-1", "2013", ())),  # OCR spaces the part
        ("IEC CISPR -24:2010 (Second Edition)", ("CISPR 24", "2010", ())),
        ("EVS-EN 60669-1:2001/A2:2008", ("EN 60669-1", "2001", ("A2:2008",))),
        ("NEN 1020/A2:2004", ("NEN 1020", None, ("A2:2004",))),
        ("EN 62471", ("EN 62471", None, ())),
        ("EN 55014-1 ed.4:2017; device cat. B", ("EN 55014-1", "2017", ())),
    ],
)
def test_standard_key(printed: str, key: tuple) -> None:
    assert standard_key(printed) == key


@settings(deadline=None)  # regex timing varies on a shared machine
@given(
    st.sampled_from(["EN", "EN IEC", "IEC", "BS EN", "EVS-EN"]),
    st.integers(min_value=10000, max_value=99999),
    st.lists(st.integers(min_value=1, max_value=20), max_size=2),
    st.integers(min_value=1990, max_value=2030),
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=15), st.integers(min_value=1990, max_value=2030)),
        max_size=2,
    ),
    st.sampled_from([":", ": ", " :"]),
    st.sampled_from(["+", " + ", "/"]),
)
def test_standard_round_trip(prefix, number, parts, year, amendments, colon, plus) -> None:
    base = f"{number}" + "".join(f"-{p}" for p in parts)
    printed = f"{prefix} {base}{colon}{year}" + "".join(f"{plus}A{a}:{y}" for a, y in amendments)
    assert standards(f"Standards applied:\n{printed}\nPlace of issue") == [printed]
    expected_prefix = "IEC" if prefix == "IEC" else "EN"
    assert standard_key(printed) == (
        f"{expected_prefix} {base}",
        str(year),
        tuple(f"A{a}:{y}" for a, y in amendments),
    )


# ---------------------------------------------------------------------------------------------
# notified bodies, containers, HS codes, incoterms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Notified Body No. 0123", ["0123"]),
        ("NB 1282 performed the EU-type examination", ["1282"]),
        ("Notified body: TÜV SÜD Product Service GmbH (0123)", ["0123"]),
        ("Benannte Stelle Nr. 0197", ["0197"]),
        ("CE 0700", ["0700"]),
        ("Notified Body No. 0123 ... NB 0123", ["0123"]),
    ],
)
def test_notified_body_numbers(text: str, expected: list[str]) -> None:
    assert notified_body_numbers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Oratek SA, Chemin du Dévent 7, 1024 Ecublens",  # a postcode
        "Notified Body: TÜV SÜD, Ridlerstraße 65, 80339 München",
        "CE 2017",  # a year beside the CE mark
        "EN 55032:2015",
        "Notified Body: none",
    ],
)
def test_notified_body_numbers_rejects(text: str) -> None:
    assert notified_body_numbers(text) == []


def test_container_numbers() -> None:
    text = "CONTAINER/SEAL: MSCU 123456-5 / SL778899, TGHU1234560; FFAUI234567/40'HQ; MSCU1234565"
    assert container_numbers(text) == ["MSCU1234565", "TGHU1234560", "FFAU1234567"]


@pytest.mark.parametrize("text", ["SEAL NO: ABC1234567", "HOLUIOOOIO", "INVOICE 12345678901", "MSCU12345"])
def test_container_numbers_rejects(text: str) -> None:
    assert container_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8516.71", ["8516.71"]),
        ("8516.71.00", ["8516.71.00"]),
        ("HS CODE: 85167100", ["85167100"]),
        ("H.S. Code 8516.71, 8516.79", ["8516.71", "8516.79"]),
        ("Electric kettles 8516.71.00 and toasters 8516.72.00", ["8516.71.00", "8516.72.00"]),
        ("HS: 8516 71 00", ["85167100"]),
    ],
)
def test_hs_codes(text: str, expected: list[str]) -> None:
    assert hs_codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tel: 86-755-86632632 Fax: 86-574-87654321",
        "TOTAL 16,440.00 USD 5120.00 KGS",  # amounts and weights are not codes
        "Issued 2022.06.29",
        "9999.99",  # chapter 99 does not exist
        "HS CODE: 1234567",  # seven digits
    ],
)
def test_hs_codes_rejects(text: str) -> None:
    assert hs_codes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FOB NINGBO", ("FOB", "Ningbo")),
        ("CIF Hamburg Incoterms 2020", ("CIF", "Hamburg")),
        ("Terms of delivery: FOB Shanghai Port, China", ("FOB", "Shanghai")),
        ("C&F ROTTERDAM", ("CFR", "Rotterdam")),
        ("Incoterm: EXW", ("EXW", None)),
        ("DAP Duisburg, Germany", ("DAP", "Duisburg")),
        ("FOB Ningbo USD 16,440.00", ("FOB", "Ningbo")),
    ],
)
def test_incoterm(text: str, expected: tuple[str, str | None]) -> None:
    assert incoterm(text) == expected


@pytest.mark.parametrize("text", ["FOBBING", "Information", "CIFRA 2020", ""])
def test_incoterm_rejects(text: str) -> None:
    assert incoterm(text) is None


# ---------------------------------------------------------------------------------------------
# RoHS substances, report type, conclusion

SGS_TABLE = [
    "Test Item(s) Unit MDL 001 Limit",
    "Cadmium (Cd) mg/kg 2 n.d. 100",
    "Lead (Pb) mg/kg 2 12 1000",
    "Mercury (Hg) mg/kg 2 N.D. 1000",
    "Hexavalent Chromium Cr(VI) mg/kg 8 ND 1000",
    "Sum of PBBs mg/kg - n.d. 1000",
    "Sum of PBDEs mg/kg - n.d. 1000",
    "Bis(2-ethylhexyl) phthalate (DEHP) % 0.003 n.d. 0.1%",
    "Butyl benzyl phthalate (BBP) mg/kg 50 <50 1000",
    "Dibutyl phthalate (DBP) mg/kg 50 n.d. 1000",
    "Diisobutyl phthalate (DIBP) mg/kg 50 n.d. 1000",
]


def test_substances_sgs_layout() -> None:
    table = substances(SGS_TABLE)
    assert set(table) == {"Pb", "Cd", "Hg", "Cr(VI)", "PBBs", "PBDEs", "DEHP", "BBP", "DBP", "DIBP"}
    assert table["Cd"] == {"result": "ND", "limit": "100"}
    assert table["Pb"] == {"result": "12", "limit": "1000"}
    assert table["DEHP"] == {"result": "ND", "limit": "1000"}
    assert table["BBP"] == {"result": "<50", "limit": "1000"}


def test_substances_other_layouts() -> None:
    rows = [
        "Substance Limit Result MDL",
        "铅 Pb 1000 未检出 2",
        "镉 Cd 100 5 2",
        "Cr6+ 1000 n.d. 8",
        "Mercury (Hg) 1000 ppm (0.1 weight %)",
    ]
    table = substances(rows)
    assert table["Pb"] == {"result": "ND", "limit": "1000"}
    assert table["Cd"] == {"result": "5", "limit": "100"}  # result column before MDL here
    assert table["Cr(VI)"] == {"result": "ND", "limit": "1000"}
    assert table["Hg"] == {"result": None, "limit": "1000"}


def test_substances_rows_with_wrapped_method_cells() -> None:
    # OCR of a table whose "Test Method" cells wrap: the limit lands beside "IEC", the rest below
    rows = [
        "Test Item Unit Test Method MDL Limit Result Verdict",
        "Lead (Pb) mg/kg IEC 62321-5:2013 2 1000 ND P",
        "Mercury (Hg) mg/kg IEC 1000",
        "62321-4:2013+A1:2017 2 ND P",
        "Dibutyl phthalate (DBP) mg/kg EC 1000",
        "62321-8:2017 50 12 P",
    ]
    assert substances(rows) == {
        "Pb": {"result": "ND", "limit": "1000"},
        "Hg": {"result": "ND", "limit": "1000"},
        "DBP": {"result": "12", "limit": "1000"},
    }


def test_substances_printed_sideways() -> None:
    rows = [
        "Substance Pb Hg Cd Cr(VI) PBBs PBDEs DEHP BBP DBP DIBP",
        "Limit (mg/kg) 1000 1000 100 1000 1000 1000 0.1% 1000 1000 1000",
        "MDL (mg/kg) 2 2 2 8 50 50 50 50 50 50",
        "Result (mg/kg) 44 ND 8 ND n.d. ND 156 ND ND <50",
        "Verdict Pass Pass Pass Pass Pass Pass Pass Pass Pass Pass",
    ]
    table = substances(rows)
    assert len(table) == 10
    assert table["Pb"] == {"result": "44", "limit": "1000"}
    assert table["Cd"] == {"result": "8", "limit": "100"}
    assert table["PBBs"] == {"result": "ND", "limit": "1000"}
    assert table["DEHP"] == {"result": "156", "limit": "1000"}
    assert table["DIBP"] == {"result": "<50", "limit": "1000"}


def test_substances_ignores_prose_and_screening_rows() -> None:
    rows = [
        "the Lead(Pb), Cadmium(Cd), Mercury(Hg) content in the submitted sample",
        "Cd BL≤(70-3σ)<X<(130+3σ)≤OL BL≤(70-3σ)<X<(130+3σ)≤OL LOD<X<(150+3σ)≤OL",
        "Total chromium (Cr) 12",
        "Cd P P",
    ]
    assert substances(rows) == {"Cd": {"result": "PASS", "limit": None}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TEST REPORT\nFor EMC\nStandard: ETSI EN 301 489-1", "EMC"),
        ("RoHS Test Report\nIEC 62321-5:2013", "RoHS"),
        ("Test report\nEN 62368-1:2014+A11:2017 Audio/video equipment — safety", "LVD"),
        ("Radio Equipment Directive test report\nEN 300 328 V2.2.2", "RED"),
        ("Food contact test report: Regulation (EC) No 1935/2004, overall migration", "FOOD_CONTACT"),
        ("Test report\nISO 8124-1 toy safety mechanical properties", "other"),
        ("", None),
    ],
)
def test_report_type(text: str, expected: str | None) -> None:
    assert report_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Result ..............: PASS", "PASS"),
        ("Conclusion : Based on the performed tests, the results Comply with RoHS", "PASS"),
        ("Conclusion:\nConform", "PASS"),
        ("结论：符合", "PASS"),
        ("Test result: FAIL", "FAIL"),
        ("Conclusion: the sample does not comply with EN 55032", "FAIL"),
        ("结论：不符合", "FAIL"),
        ("Test Results : Please refer to next page(s).\nConclusion : Pass", "PASS"),
        ("Conclusion — PASS", "PASS"),
        ("Test Result PASS\nTEST RESULTS SUMMARY", "PASS"),
        ("TEST RESULTS SUMMARY\nClause Requirement - Test Verdict", None),
        ("the pass/failure criteria for the equipment", None),
        ("Report No. 123", None),
    ],
)
def test_conclusion(text: str, expected: str | None) -> None:
    assert conclusion(text) == expected


# ---------------------------------------------------------------------------------------------
# the hand-labelled real documents

TEXT_DOCS = [
    "eu_doc/carenuity_sq_panel_eu_doc.pdf",
    "eu_doc/hardwario_chester_ec_doc.pdf",
    "eu_doc/oratek_tofu_eu_doc.pdf",
    "eu_doc/redpitaya_ce_fcc_doc_2023.pdf",
    "eu_doc/rpi_pico_eu_doc.pdf",
    "emc/hardwario_chester_red_tvoc.pdf",
    "rohs/hardwario_chester_rohs_tvoc.pdf",
]


@needs_realdocs
@pytest.mark.parametrize("relative", TEXT_DOCS)
def test_real_directives(relative: str) -> None:
    assert directives(pdf_text(relative)) == label(relative)["directives"]


@needs_realdocs
@pytest.mark.parametrize("relative", TEXT_DOCS)
def test_real_standards(relative: str) -> None:
    got = standards(pdf_text(relative))
    assert [standard_key(s) for s in got] == [standard_key(s) for s in label(relative)["standards"]]


@needs_realdocs
def test_real_standards_printed_as_labelled() -> None:
    for relative in ("eu_doc/oratek_tofu_eu_doc.pdf", "eu_doc/redpitaya_ce_fcc_doc_2023.pdf"):
        assert standards(pdf_text(relative)) == label(relative)["standards"]


@needs_realdocs
def test_real_emc_report_first_page() -> None:
    relative = "emc/hardwario_chester_emc_report_htw.pdf"
    text = pdf_text(relative, pages=1)
    expected = label(relative)
    assert [standard_key(s) for s in standards(text)] == [standard_key(s) for s in expected["standards"]]
    assert report_type(text) == expected["report_type"] == "EMC"
    assert conclusion(text) == expected["conclusion"]


@needs_realdocs
def test_real_rohs_report_glued_text() -> None:
    relative = "rohs/hardwario_chester_rohs_report_ccic.pdf"
    text = pdf_text(relative, pages=4)
    expected = label(relative)
    assert directives(text) == expected["directives"]
    assert {standard_key(s)[0] for s in standards(text)} == {
        standard_key(s)[0] for s in expected["standards"]
    }
    assert report_type(text) == "RoHS"
    assert conclusion(text) == "PASS"
    table = substances(text.splitlines())
    assert set(table) == set(expected["substances"])
    assert all(row["result"] == "PASS" for row in table.values())


@needs_realdocs
@pytest.mark.parametrize("relative", [*TEXT_DOCS, "rohs/nexperia_rohs_declaration.pdf"])
def test_real_documents_hold_no_trade_codes(relative: str) -> None:
    text = pdf_text(relative)
    assert notified_body_numbers(text) == []  # none of these involved a notified body
    assert container_numbers(text) == []
    assert hs_codes(text) == []


@needs_realdocs
def test_real_nexperia_limit_table() -> None:
    table = substances(pdf_text("rohs/nexperia_rohs_declaration.pdf").splitlines())
    assert len(table) == 10
    assert table["Cd"]["limit"] == "100"
    assert all(row["limit"] == "1000" for key, row in table.items() if key != "Cd")


@needs_realdocs
@pytest.mark.slow
def test_real_scanned_doc_by_ocr() -> None:
    relative = "eu_doc/crownstone_eu_doc_scan.pdf"
    text = ocr_text(relative)
    expected = label(relative)
    assert directives(text) == expected["directives"]
    assert standards(text) == expected["standards"]


def test_substances_a_summary_says_comply() -> None:
    text = (
        "Based on the performed tests on submitted sample(s), the results of Cadmium,\n"
        "Lead, Mercury, Hexavalent chromium, Polybrominated biphenyls (PBBs),\n"
        "Polybrominated diphenyl ethers (PBDEs) and Phthalates such as\n"
        "Bis(2-ethylhexyl) phthalate (DEHP), Butyl benzyl phthalate (BBP), Dibutyl\n"
        "phthalate (DBP) and Diisobutyl phthalate (DIBP) comply with the limits as set by RoHS"
    )
    found = substances_stated_compliant(text)
    assert list(found) == ["Cd", "Pb", "Hg", "Cr(VI)", "PBBs", "PBDEs", "DEHP", "BBP", "DBP", "DIBP"]
    assert found["Pb"] == {"result": "Pass", "limit": None}
    assert substances_stated_compliant("the results of Lead and Cadmium do not comply with the limits") == {}
    assert substances_stated_compliant("the results of the tests comply with the requirements") == {}

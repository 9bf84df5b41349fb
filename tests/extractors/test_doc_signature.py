"""Declarations of conformity: signature blocks, model families and acts printed in short form."""

from __future__ import annotations

from extractors.datamodel import Page, Word
from extractors.doctypes.common import parse_models, parse_person
from extractors.doctypes.declaration_of_conformity import stacked, without_company
from extractors.extract import extract_pages
from tests.extractors.printed import page, words

H = 10.0


def doc_page(*lines: list[Word]) -> Page:
    return page(*lines)


def test_model_family_with_a_placeholder_is_spelt_out():
    lines = ["- STEMlab X; where X can be 125-10, 125-14,", "- SDRlab X; where X is 122-16"]
    assert parse_models(lines).value == ["STEMlab 125-10", "STEMlab 125-14", "SDRlab 122-16"]
    assert parse_models(["MX-2xx (where xx = 10, 20)"]).value == ["MX-210", "MX-220"]
    # No placeholder in the model: a sentence, not a family.
    assert parse_models(["Hair dryer where the heat is high"]).value == ["Hair dryer where the heat is high"]


def test_title_stacked_under_a_name_left_centred_or_indented():
    name = (383.0, 720.0, 460.0, 730.0)
    assert stacked(name, (383.0, 734.0, 400.0, 744.0))  # left-aligned
    assert stacked(name, (389.0, 734.0, 410.0, 744.0))  # indented under the first half
    assert stacked(name, (371.0, 734.0, 472.0, 744.0))  # centred, wider
    assert not stacked(name, (440.0, 734.0, 470.0, 744.0))  # under the end of the line only
    assert not stacked(name, (71.0, 734.0, 110.0, 744.0))


def test_company_name_before_the_title_is_not_the_function():
    assert without_company("HARDWARIO CEO", "HARDWARIO a.s.") == "CEO"
    assert without_company("Quality Director", "Quality Electronics Ltd") == "Quality Director"
    assert without_company("General Manager", "Ningbo Gaoxin Ltd") == "General Manager"
    assert without_company("CEO", None) == "CEO"


def test_signature_block_and_short_form_acts_on_a_declaration():
    p = doc_page(
        words("EU Declaration of Conformity", 150, 100),
        words("Manufacturer:", 70, 150),
        words("Blue Orchard d.o.o.", 70, 164),
        words("Vrtna ulica 4, 1000 Ljubljana, Slovenia", 70, 178),
        words("We declare that this product is in conformity with the following:", 70, 300),
        words("- Restriction of hazardous substances ROHS 2011/65 and EU", 70, 320),
        words("2015/863.", 70, 334),
        words("Ljubljana, 04.07.2023", 70, 700),
        words("Ana Novak", 380, 700),
        words("CTO", 388, 714),
    )
    fields = extract_pages([p]).fields
    assert fields["directives"].value == ["2011/65/EU", "(EU) 2015/863"]
    assert fields["signatory_name"].value == "Ana Novak"
    assert fields["signatory_function"].value == "CTO"


def test_person_with_name_particles_and_a_title_after_the_name():
    assert parse_person(["P.M.A. van Tooren cTO"]).value == "P.M.A. van Tooren"
    assert parse_person(["Ursula von der Leyen"]).value == "Ursula von der Leyen"
    assert parse_person(["the manufacturer"]) is None


def _form_page() -> Page:
    """An EN ISO/IEC 17050-1 form: a side column of notes, values on blanks, tiny captions under them."""
    tiny, x = [], 150.0
    for token in ["(name", "of", "responsible", "for", "CE-marking)"]:
        tiny.append(Word(token, x, 575, x + 3 * len(token), 580))
        x += 3 * len(token) + 1.5
    return doc_page(
        words("EU Declaration of Conformity", 150, 100),
        words("We,", 150, 150),
        words("Lumo Lighting B.V.", 220, 150),
        words("This declaration is", 40, 300),
        words("Declare under our sole responsibility -", 150, 320),
        words("that the product:", 390, 320),
        words("based on EN 17050-1", 40, 340),
        words("Lumo Desk LD-2040", 220, 342),
        words("Lumo Floor LF-3060", 220, 364),
        words("(Name, type or model)", 150, 390),
        words("The product complies with the EMC directive 2014/30/EU", 150, 420),
        words("J. de Vries", 210, 520),
        words("CEO", 300, 520),
        tiny,
    )


def test_products_listed_under_the_declaration_in_its_column():
    fields = extract_pages([_form_page()]).fields
    assert fields["product_name"].value == "Lumo Desk, Lumo Floor"
    assert fields["models"].value == ["LD-2040", "LF-3060"]


def test_signatory_over_a_tiny_caption_with_the_title_beside_the_name():
    fields = extract_pages([_form_page()]).fields
    assert fields["signatory_name"].value == "J. de Vries"
    assert fields["signatory_function"].value == "CEO"


def test_declarant_on_its_letterhead_without_a_manufacturer_label():
    p = doc_page(
        words("Nordlys Trading", 300, 40),
        words("Havnegata 12", 300, 52),
        words("7010 Trondheim", 300, 64),
        words("Web", 300, 90),
        words("EU Declaration of Conformity", 150, 200),
        words("Nordlys (Trading) hereby declares that the following product:", 100, 240),
        words("Nordlys Lamp", 130, 270),
        words("is in conformity with the EMC directive 2014/30/EU", 100, 300),
        words("Kari Holm", 100, 600),
        words("COO", 100, 614),
        words("Nordlys (Trading) Limited", 100, 628),
    )
    manufacturer = extract_pages([p]).fields["manufacturer"].value
    assert manufacturer == {"name": "Nordlys (Trading) Limited", "address": "Havnegata 12, 7010 Trondheim"}

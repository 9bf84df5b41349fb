"""Layout: rows and phrases, tolerant label matching, and label → value by position and ruled box.

Pages are built from words and rules the way a backend delivers them, one layout habit per test."""

from __future__ import annotations

from extractors.datamodel import Page, Segment, Word
from extractors.layout import (
    LabelIndex,
    caption_values,
    compile_terms,
    enclosing_box,
    find_labels,
    label_value,
    label_values,
    normalise_token,
    page_layout,
    split_glued_word,
    tokens_match,
)
from tests.extractors.printed import page, words


def rect(x0: float, top: float, x1: float, bottom: float) -> list[Segment]:
    return [
        Segment(x0, top, x1, top),
        Segment(x0, bottom, x1, bottom),
        Segment(x0, top, x0, bottom),
        Segment(x1, top, x1, bottom),
    ]


def value_of(p: Page, vocabulary: dict[str, list[str]], field: str, max_lines: int = 1) -> list[str] | None:
    layouts = [page_layout(p)]
    hits = find_labels(layouts, compile_terms(vocabulary))
    hit = next(h for h in hits if h.field == field)
    value = label_value(LabelIndex(layouts, hits), hit, max_lines)
    return value.line_texts if value else None


def test_glued_label_and_value_are_split():
    parts = split_glued_word(Word("No.:CTC2206002801", 0, 0, 102, 10))
    assert [p.text for p in parts] == ["No.:", "CTC2206002801"]
    assert parts[0].x1 == parts[1].x0


def test_label_tokens_fold_spellings_and_ocr_noise():
    assert normalise_token("No.") == normalise_token("#") == normalise_token("Number") == "no"
    assert normalise_token("Model(s):") == "model"
    assert tokens_match(normalise_token("lnvoice"), "invoice")[0]
    assert not tokens_match("consignor", "consignee")[0]  # two edits: another word


def test_rows_split_into_phrases_at_wide_gaps_and_rules():
    p = page(words("Invoice No.: HD-1", 40, 100), words("Date: 2026-09-28", 300, 100))
    layout = page_layout(p)
    assert [ph.text for ph in layout.rows[0].phrases] == ["Invoice No.: HD-1", "Date: 2026-09-28"]
    ruled = page(words("Qty 10", 40, 100, gap=3), segments=[Segment(62, 90, 62, 120)])
    assert len(page_layout(ruled).rows[0].phrases) == 2


def test_value_right_of_label_in_the_same_phrase():
    p = page(words("Invoice No.: HD-INV-26-0912", 40, 100))
    assert value_of(p, {"invoice_number": ["Invoice No."]}, "invoice_number") == ["HD-INV-26-0912"]


def test_value_in_the_next_phrase_stops_at_the_next_label():
    p = page(words("B/L No.", 40, 100), words("COSU4399425454", 200, 100), words("Vessel", 400, 100))
    vocab = {"bl_number": ["B/L No."], "vessel": ["Vessel"]}
    assert value_of(p, vocab, "bl_number") == ["COSU4399425454"]
    assert value_of(p, vocab, "vessel") is None


def test_bilingual_label_and_party_block_below():
    p = page(
        words("买方 Buyer / Messrs.", 40, 100),
        words("Nordlicht Haushaltswaren GmbH", 42, 112),
        words("Billstraße 112", 42, 124),
        words("20539 Hamburg", 42, 136),
        words("Payment: by L/C", 40, 170),
    )
    vocab = {"buyer": ["Buyer", "买方", "Messrs."]}
    layouts = [page_layout(p)]
    hits = find_labels(layouts, compile_terms(vocab))
    assert len(hits) == 1 and hits[0].end == 4  # '买方 Buyer / Messrs.' is one label
    assert value_of(p, vocab, "buyer", max_lines=6) == [
        "Nordlicht Haushaltswaren GmbH",
        "Billstraße 112",
        "20539 Hamburg",
    ]


def test_parenthetical_note_belongs_to_the_label():
    p = page(
        words("2. Consignee (name and full address)", 40, 100), words("LUMENA VERLICHTING B.V.", 50, 112)
    )
    assert value_of(p, {"consignee": ["Consignee"]}, "consignee", 3) == ["LUMENA VERLICHTING B.V."]


def test_value_in_the_ruled_cell_under_a_label_alone_in_its_cell():
    segments = rect(70, 330, 520, 350) + rect(70, 350, 520, 372)
    p = page(words("Product / name:", 77, 335), words("TOFU V1.0, TOFU V1.1", 77, 356), segments=segments)
    layout = page_layout(p)
    assert enclosing_box(layout, (77, 335, 170, 345)) == (70, 330, 520, 350)
    assert value_of(p, {"product_name": ["Product name"]}, "product_name") == ["TOFU V1.0, TOFU V1.1"]


def test_value_in_the_cell_right_of_a_label_cell():
    segments = rect(60, 100, 240, 120) + rect(240, 100, 540, 120)
    p = page(words("Report No. ....... :", 65, 105), words("CHTEW22090086", 248, 105), segments=segments)
    assert value_of(p, {"report_number": ["Report No."]}, "report_number") == ["CHTEW22090086"]


def test_printed_empty_value_is_none():
    p = page(words("L/C No.", 40, 100), words("N/A", 200, 100), words("Wrong 123", 40, 112))
    assert value_of(p, {"lc_number": ["L/C No."]}, "lc_number") is None


def test_candidates_try_below_when_the_right_is_the_label_tail():
    p = page(words("Shipped on Board the Vessel — Date", 300, 100), words("29.10.2026", 302, 112))
    layouts = [page_layout(p)]
    hits = find_labels(layouts, compile_terms({"on_board_date": ["Shipped on board the vessel"]}))
    texts = [v.text for v in label_values(LabelIndex(layouts, hits), hits[0])]
    assert texts == ["Date", "29.10.2026"]


def test_wrapped_label_over_two_lines_of_a_cell():
    p = page(
        words("2. Name and address of the", 40, 396),
        words("Shenzhen Brightway Co., Ltd.", 250, 396),
        words("manufacturer", 41, 408),
        words("Building B3, Guangming Park", 251, 408),
    )
    vocab = {"manufacturer": ["Name and address of the manufacturer"], "signatory_name": ["Name"]}
    assert value_of(p, vocab, "manufacturer", 4) == [
        "Shenzhen Brightway Co., Ltd.",
        "Building B3, Guangming Park",
    ]


def test_caption_under_its_value():
    p = page(
        words("NINGBO, CHINA 2026/10/02", 45, 600),
        words("signature", 60, 640),
        words("Place and date, signature and stamp of authorised signatory", 45, 680),
    )
    layouts = [page_layout(p)]
    hits = find_labels(
        layouts,
        compile_terms({"issue_date": ["Place and date, signature and stamp of authorised signatory"]}),
    )
    texts = [v.text for v in caption_values(LabelIndex(layouts, []), hits[0])]
    assert texts == ["signature", "NINGBO, CHINA 2026/10/02"]


def test_rest_of_a_label_ending_with_a_colon_is_not_its_value():
    # 'Shipping Marks 唛头:' as OCR reads it: the marks are printed below.
    p = page(
        words("Shipping Marks lt 5k:", 40, 100), words("VDB WONEN", 44, 114), words("ROTTERDAM", 44, 128)
    )
    assert value_of(p, {"marks": ["Shipping Marks"]}, "marks", 2) == ["VDB WONEN", "ROTTERDAM"]
    # With its own colon the label is complete: what follows is the value.
    p = page(words("Shipping Marks: N/M", 40, 100))
    assert value_of(p, {"marks": ["Shipping Marks"]}, "marks") == ["N/M"]


def test_text_far_down_a_large_cell_under_a_label_is_not_its_value():
    # The value under 'Place and date of issue' was not read; the page footer sits in the big cell below.
    segments = rect(300, 610, 510, 652) + rect(300, 652, 510, 800)
    p = page(
        words("Place and date of issue", 306, 618),
        words("Oratek SA, Chemin du Devent 7, Ecublens", 306, 784),
        segments=segments,
    )
    assert value_of(p, {"place_of_issue": ["Place and date of issue"]}, "place_of_issue") is None

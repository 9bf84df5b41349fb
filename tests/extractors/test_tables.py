"""Line-item tables: headers by vocabulary (one or stacked rows), columns by position or rules, items
over several lines, totals rows, and tables running on over a page break."""

from __future__ import annotations

from extractors.datamodel import DocType, Page, Segment, Word
from extractors.doctypes import vocabulary
from extractors.layout import page_layout
from extractors.tables import extract_table, find_headers

H = 10.0
INVOICE = vocabulary(DocType.COMMERCIAL_INVOICE).table
PACKING = vocabulary(DocType.PACKING_LIST).table
assert INVOICE is not None and PACKING is not None


def cell(text: str, x: float, y: float) -> list[Word]:
    out, cx = [], x
    for token in text.split():
        out.append(Word(token, cx, y, cx + 5 * len(token), y + H))
        cx += 5 * len(token) + 3
    return out


def row(y: float, *cells: tuple[str, float]) -> list[Word]:
    return [w for text, x in cells for w in cell(text, x, y)]


def page(number: int, *rows: list[Word], segments: list[Segment] | None = None) -> Page:
    return Page(number, 600, 800, [w for r in rows for w in r], "text", segments or [])


COLS = (40, 100, 260, 330, 380, 440, 510)


def invoice_header(y: float) -> list[list[Word]]:
    return [
        row(
            y,
            ("型号", COLS[0]),
            ("品名", COLS[1]),
            ("HS Code", COLS[2]),
            ("数量", COLS[3]),
            ("单位", COLS[4]),
            ("单价", COLS[5]),
            ("金额", COLS[6]),
        ),
        row(
            y + 11,
            ("Model", COLS[0]),
            ("Description", COLS[1]),
            ("Qty", COLS[3]),
            ("Unit", COLS[4]),
            ("USD", COLS[5]),
            ("USD", COLS[6]),
        ),
    ]


def item(y: float, model: str, desc: str, qty: str, price: str, amount: str) -> list[Word]:
    return row(
        y,
        (model, COLS[0]),
        (desc, COLS[1]),
        ("8516.71", COLS[2]),
        (qty, COLS[3]),
        ("pcs", COLS[4]),
        (price, COLS[5]),
        (amount, COLS[6]),
    )


def test_stacked_bilingual_header_names_every_column():
    p = page(1, *invoice_header(100), item(130, "HD-K1702", "Electric kettle", "2,400", "6.85", "16,440.00"))
    headers = find_headers(page_layout(p), INVOICE)
    assert len(headers) == 1 and (headers[0].row, headers[0].last_row) == (0, 1)
    assert headers[0].names >= {"model", "description", "hs_code", "quantity", "unit", "unit_price", "amount"}


def test_items_with_wrapped_descriptions_and_totals_row():
    p = page(
        1,
        *invoice_header(100),
        item(130, "JL-LB10", "ELECTRIC LUNCH BOX 1.0 L,", "4,800", "6.15", "29,520.00"),
        row(141, ("PP HOUSING", COLS[1])),
        item(160, "JL-LB15D", "ELECTRIC LUNCH BOX 1.5 L", "2,400", "7.80", "18,720.00"),
        row(185, ("TOTAL", COLS[1]), ("7,200", COLS[3]), ("EUR 48,240.00", COLS[6] - 20)),
    )
    table = extract_table([page_layout(p)], INVOICE)
    assert table is not None
    assert [i.text("model") for i in table.items] == ["JL-LB10", "JL-LB15D"]
    assert table.items[0].text("description") == "ELECTRIC LUNCH BOX 1.0 L, PP HOUSING"
    assert table.totals is not None and table.totals.text("amount") == "EUR 48,240.00"


def test_a_totals_row_whose_label_went_unread_is_known_by_its_sums():
    p = page(
        1,
        *invoice_header(100),
        item(130, "JL-LB10", "ELECTRIC LUNCH BOX 1.0 L", "4,800", "6.15", "29,520.00"),
        item(150, "JL-LB15D", "ELECTRIC LUNCH BOX 1.5 L", "2,400", "7.80", "18,720.00"),
        row(175, ("7,200", COLS[3]), ("48,240.00", COLS[6])),  # 'TOTAL' lost by OCR
    )
    table = extract_table([page_layout(p)], INVOICE)
    assert table is not None
    assert [i.text("model") for i in table.items] == ["JL-LB10", "JL-LB15D"]
    assert table.totals is not None and table.totals.text("amount") == "48,240.00"


def test_an_unlabelled_totals_row_may_fill_a_column_whose_header_went_unread():
    header = [[w for w in r if w.text not in ("单位", "Unit")] for r in invoice_header(100)]
    header[1] += cell("Gee", COLS[4], 111)  # the unit column's header, garbled by OCR
    p = page(
        1,
        *header,
        item(130, "KL-T2S850", "TOASTER 2-SLICE", "3,600", "6.00", "21,600.00"),
        row(150, ("3,600", COLS[3]), ("600", COLS[4]), ("21,600.00", COLS[6])),
    )
    columns = find_headers(page_layout(p), INVOICE)[0].columns
    assert "unit" not in {c.name for c in columns} and None in {c.name for c in columns}
    table = extract_table([page_layout(p)], INVOICE)
    assert table is not None and len(table.items) == 1
    assert table.totals is not None and table.totals.text("amount") == "21,600.00"


def test_a_row_of_figures_that_are_not_the_sums_stays_an_item():
    p = page(
        1,
        *invoice_header(100),
        item(130, "JL-LB10", "ELECTRIC LUNCH BOX 1.0 L", "4,800", "6.15", "29,520.00"),
        row(150, ("2,400", COLS[3]), ("7.80", COLS[5]), ("18,720.00", COLS[6])),  # its names unread
    )
    table = extract_table([page_layout(p)], INVOICE)
    assert table is not None and table.totals is None
    assert [i.text("quantity") for i in table.items] == ["4,800", "2,400"]


def test_a_second_item_with_the_same_figures_and_an_hs_code_stays_an_item():
    """Two identical lines, the second's model and description unread: its HS code marks an item."""
    p = page(
        1,
        *invoice_header(100),
        item(130, "JL-LB10", "ELECTRIC LUNCH BOX 1.0 L", "4,800", "6.15", "29,520.00"),
        row(150, ("8516.71", COLS[2]), ("4,800", COLS[3]), ("29,520.00", COLS[6])),
    )
    table = extract_table([page_layout(p)], INVOICE)
    assert table is not None and table.totals is None and len(table.items) == 2


def test_table_continues_on_the_next_page_without_a_header():
    first = page(
        1,
        *invoice_header(100),
        item(130, "A-1", "First", "10", "1.00", "10.00"),
        item(145, "A-2", "Second", "20", "1.00", "20.00"),
    )
    second = page(
        2, item(60, "A-3", "Third", "30", "1.00", "30.00"), row(80, ("TOTAL", COLS[1]), ("60.00", COLS[6]))
    )
    table = extract_table([page_layout(first), page_layout(second)], INVOICE)
    assert table is not None
    assert [i.text("model") for i in table.items] == ["A-1", "A-2", "A-3"]
    assert table.totals is not None and table.totals.page == 2


def test_ruled_grid_bounds_columns():
    rules = [Segment(x, 95, x, 200) for x in (35, 95, 255, 325, 375, 435, 505, 590)]
    p = page(
        1,
        row(
            100,
            ("Model", COLS[0]),
            ("Description", COLS[1]),
            ("Qty", COLS[3]),
            ("N.W. (kg)", COLS[4]),
            ("G.W. (kg)", COLS[5]),
            ("CTNS", COLS[6]),
        ),
        row(
            120,
            ("X-1", COLS[0]),
            ("A long description that runs on", COLS[1]),
            ("600", COLS[3]),
            ("480.0", COLS[4]),
            ("540.0", COLS[5]),
            ("100", COLS[6]),
        ),
        segments=rules,
    )
    table = extract_table([page_layout(p)], PACKING)
    assert table is not None and len(table.items) == 1
    cells = table.items[0]
    assert (cells.text("quantity"), cells.text("net_weight_kg"), cells.text("packages")) == (
        "600",
        "480.0",
        "100",
    )


def test_prose_mentioning_quantity_and_price_is_no_header():
    p = page(1, row(100, ("The quantity, unit price and amount are as agreed in the contract.", 40)))
    assert find_headers(page_layout(p), INVOICE) == []

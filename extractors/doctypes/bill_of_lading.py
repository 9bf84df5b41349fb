"""Bill of lading: containers and seals wherever printed, vessel/voyage printed together, freight terms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from extractors import compliance
from extractors.datamodel import ExtractedField, Word
from extractors.doctypes.common import (
    fallback_fields,
    is_organisation,
    make_field,
    organisation_in_head,
    parse_goods,
)
from extractors.doctypes.context import DocContext
from extractors.identifiers import is_valid_container
from extractors.normalize import (
    VOLUME_UNITS,
    decimal_str,
    normalise_code,
    parse_count,
    parse_decimal,
    parse_volume_cbm,
    parse_weight_kg,
)
from extractors.tables import Table, extract_table

_SEAL = re.compile(r"\bseal(?:\s*(?:no|nos|number|#)\.?)?\s*[:.]?\s*([A-Z0-9][A-Z0-9-]{4,})", re.I)
_VOYAGE = re.compile(
    r"^(?P<vessel>.*?)[\s/,]+(?:voy(?:age)?\.?\s*(?:no\.?)?\s*)?(?P<voyage>[A-Z]{0,3}-?\d[0-9A-Z-]*)$", re.I
)
#: Container and seal printed together: 'CSNU4862873 / CS9277271 / 40HQ'.
_CONTAINER_SEAL = re.compile(r"\b([A-Z]{4}\s?\d{6}-?\d)\s*/\s*([A-Z0-9-]{5,})\b")
#: Shaped like a container number (even with a wrong check digit): not a seal.
_CONTAINER_SHAPE = re.compile(r"^[A-Z]{3}[UJZ]\d{7}$")
_SIZE_TYPE = re.compile(r"^\d{2}(GP|HC|HQ|DC|RF|OT|FR|DV|RH)$", re.I)
_CARRIER_SIGNED = re.compile(r"\b(?:for|as|on behalf of)\s+(?:the\s+)?carrier[:,]?\s+(?P<name>.+)$", re.I)
#: The capacity printed alone under a signature: 'AS CARRIER', 'As agent for the Carrier'.
_AS_CARRIER = re.compile(r"^(?:signed\s+)?(?:as|for)\s+(?:the\s+)?carrier\.?$", re.I)
#: Rows a signature block spans above its capacity line (name, signature, 'BY', date).
_SIGNATURE_ROWS = 4
#: A number with a unit of volume; not the tail of a number OCR split at its decimal point ('1. 5M3').
_VOLUME = re.compile(rf"(?<![\w.,])(?<!\.\s)(?P<number>\d[\d,.]*)\s?(?:{VOLUME_UNITS})(?![^\W\d_])", re.I)
_FREIGHT = re.compile(r"\bfreight\s+(prepaid|collect)\b", re.I)


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    out = fallback_fields(ctx, fields)
    out.update(_containers(ctx, fields))
    out.update(_seals(ctx, fields))
    out.update(_vessel_voyage(fields))
    if "freight_terms" not in fields:
        out.update(_freight(ctx))
    vocab = ctx.vocab.table
    table = extract_table(ctx.layouts, vocab) if vocab else None
    out.update({k: v for k, v in _particulars(ctx, table).items() if k not in fields})
    if "description" not in fields and table is not None:
        out.update(_goods_under_count(ctx, table))
    if "measurement_cbm" not in fields and "measurement_cbm" not in out:
        out.update(_volume_printed(ctx))
    if "carrier" not in fields:
        out.update(_carrier(ctx, fields))
    return out


def _particulars(ctx: DocContext, table: Table | None) -> dict[str, ExtractedField]:
    """Packages, weight and measurement from the particulars table's first row."""
    if table is None or not table.items:
        return {}
    out: dict[str, ExtractedField] = {}
    parsers = {"packages": parse_count, "gross_weight_kg": _weight, "measurement_cbm": _volume}
    for name, parse in parsers.items():
        for item in (table.totals, *table.items) if table.totals else table.items:
            words = item.cells.get(name) if item else None
            value = parse(" ".join(w.text for w in words)) if words else None
            if value is not None and words:
                out[name] = make_field(value, ctx.page(item.page), words, "table")
                break
    return out


def _goods_under_count(ctx: DocContext, table: Table) -> dict[str, ExtractedField]:
    """'Number and kind of packages' and the goods printed in one column ('1CTN ELECTRONIC COMPONENTS'
    / '50 PCS'): the goods are what follows the count, down to the first blank line."""
    cells = [item.cells.get("packages", ()) for item in table.items]
    first = next((i for i, c in enumerate(cells) if c), None)
    if first is None or any(item.cells.get("description") for item in table.items):
        return {}
    lines = [list(cells[first])]
    for cell in cells[first + 1 :]:
        last = lines[-1][-1]
        if not cell or cell[0].top - last.bottom > 1.5 * (last.bottom - last.top):
            break
        lines.append(list(cell))
    head = lines[0]
    skip = 2 if len(head) > 1 and re.fullmatch(r"[\d.,]+", head[0].text) else 1
    if parse_count(" ".join(w.text for w in head[:skip])) is None:
        return {}
    lines[0] = head[skip:]
    words = [w for line in lines for w in line]
    parsed = parse_goods([" ".join(w.text for w in line) for line in lines if line])
    if parsed is None or not words:
        return {}
    return {"description": make_field(parsed.value, ctx.page(table.items[first].page), words, "table")}


def _volume_printed(ctx: DocContext) -> dict[str, ExtractedField]:
    """The first volume printed with its unit ('37.700 CBM') when no measurement label or column was
    read (a header lost to OCR): a B/L states one measurement, in the particulars or their total."""
    for page, row in ctx.rows():
        m = _VOLUME.search(tight_text(row.words))
        cbm = parse_volume_cbm(m.group()) if m else None
        if m is not None and cbm is not None:
            located = ctx.find_words(m.group("number"))
            words = located[1] if located is not None and located[0] is page else row.words
            return {"measurement_cbm": make_field(decimal_str(cbm), page, words, "pattern")}
    return {}


def tight_text(words: Sequence[Word]) -> str:
    """A row's text with the words OCR split inside a printed word joined again: pieces closer than
    a quarter of the type's height ('…KGS/1.' + '5M3' of '1CTN/500KGS/1.5M3')."""
    if not words:
        return ""
    ordered = sorted(words, key=lambda w: w.x0)
    height = sorted(w.bottom - w.top for w in ordered)[len(ordered) // 2]
    out = [ordered[0].text]
    for prev, word in pairwise(ordered):
        out.append(word.text if word.x0 - prev.x1 < 0.25 * height else f" {word.text}")
    return "".join(out)


def _weight(text: str) -> str | None:
    kg = parse_weight_kg(text) or parse_decimal(text)
    return decimal_str(kg) if kg is not None else None


def _volume(text: str) -> str | None:
    cbm = parse_volume_cbm(text) or parse_decimal(text)
    return decimal_str(cbm) if cbm is not None else None


def _carrier(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """The carrier: the company named in the B/L's head (its letterhead), else the one the B/L is
    signed for ('Signed for the carrier MSC …')."""
    parties = [
        f.value["name"]
        for k in ("shipper", "consignee", "notify_party")
        if (f := fields.get(k)) is not None and isinstance(f.value, dict) and f.value.get("name")
    ]
    head = organisation_in_head(ctx, parties)
    if head is not None:
        page, phrase = head
        return {"carrier": make_field(phrase.text.strip(), page, phrase.words, "pattern")}
    for page, row in ctx.rows():
        m = _CARRIER_SIGNED.search(row.text)
        if m:
            return {"carrier": make_field(m.group("name").strip(" .,"), page, row.words, "pattern")}
    return _signed_above_capacity(ctx)


def _signed_above_capacity(ctx: DocContext) -> dict[str, ExtractedField]:
    """A signature block that names the company and, under the signature line, the capacity it signs
    in: 'GLOBAL SHIPPING CO., LTD. / BY ____ / AS CARRIER'."""
    for lay in ctx.layouts:
        for row in lay.rows:
            for phrase in row.phrases:
                if not _AS_CARRIER.match(phrase.text.strip()):
                    continue
                x0 = phrase.bbox[0]
                above = [
                    p
                    for r in lay.rows[max(0, row.index - _SIGNATURE_ROWS) : row.index]
                    for p in r.phrases
                    if abs(p.bbox[0] - x0) <= 2 * phrase.height
                ]
                name = next((p for p in reversed(above) if is_organisation(p.text)), None)
                if name is not None:
                    return {"carrier": make_field(name.text.strip(" ,"), lay.page, name.words, "pattern")}
    return {}


def _containers(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """Every container number in the document, in order; valid check digits lift confidence."""
    found = compliance.container_numbers(ctx.text)
    if not found:
        return {}
    located = ctx.find_words(found[0][:4])
    if located is None:
        return {}
    page, words = located
    valid = all(is_valid_container(c) for c in found)
    prior = fields.get("container_numbers")
    if prior is not None and set(prior.value) == set(found):
        return {}
    return {
        "container_numbers": make_field(found, page, words, "pattern", valid=valid, text=", ".join(found))
    }


def _seals(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    containers = {normalise_code(c) for c in fields.get("container_numbers", ExtractedField(value=[])).value}
    containers |= set(compliance.container_numbers(ctx.text))
    found = [(m.start(), normalise_code(m.group(1))) for m in _SEAL.finditer(ctx.text)] + [
        (m.start(2), normalise_code(m.group(2))) for m in _CONTAINER_SEAL.finditer(ctx.text)
    ]
    seals = [
        s
        for s in dict.fromkeys(code for _, code in sorted(found))
        if s not in containers
        and re.search(r"\d", s)
        and not _SIZE_TYPE.match(s)
        and not _CONTAINER_SHAPE.match(s)
    ]
    prior = fields.get("seal_numbers")
    if not seals and prior is not None:
        # A labelled seal box may print the container beside the seal: keep only the seals.
        kept = [s for s in prior.value if s not in containers and not _CONTAINER_SHAPE.match(s)]
        return {"seal_numbers": prior.model_copy(update={"value": kept or None})}
    if not seals:
        return {}
    located = ctx.find_words(seals[0])
    if located is None:
        return {}
    page, words = located
    return {"seal_numbers": make_field(seals, page, words, "pattern", text=", ".join(seals))}


def _vessel_voyage(fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """'COSCO SHIPPING ARIES / 042W' under one label: the trailing code is the voyage."""
    vessel = fields.get("vessel")
    if vessel is None or not isinstance(vessel.value, str):
        return {}
    m = _VOYAGE.match(vessel.value.strip())
    if not m or not m.group("vessel").strip(" /"):
        return {}
    out = {"vessel": vessel.model_copy(update={"value": m.group("vessel").strip(" /,")})}
    voyage = fields.get("voyage")
    if voyage is None or voyage.value == vessel.value:
        out["voyage"] = vessel.model_copy(update={"value": m.group("voyage")})
    return out


def _freight(ctx: DocContext) -> dict[str, ExtractedField]:
    m = _FREIGHT.search(ctx.text)
    if not m:
        return {}
    located = ctx.find_words(m.group(1))
    if located is None:
        return {}
    page, words = located
    return {"freight_terms": make_field(m.group(1).upper(), page, words, "pattern", valid=True)}

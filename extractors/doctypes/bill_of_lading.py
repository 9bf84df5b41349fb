"""Bill of lading: containers and seals wherever printed, vessel/voyage printed together, freight terms."""

from __future__ import annotations

import re

from extractors import compliance
from extractors.datamodel import ExtractedField
from extractors.doctypes.common import make_field, organisation_in_head
from extractors.doctypes.context import DocContext
from extractors.identifiers import is_valid_container
from extractors.normalize import (
    decimal_str,
    normalise_code,
    parse_count,
    parse_decimal,
    parse_volume_cbm,
    parse_weight_kg,
)
from extractors.tables import extract_table

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
_FREIGHT = re.compile(r"\bfreight\s+(prepaid|collect)\b", re.I)


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    out: dict[str, ExtractedField] = {}
    out.update(_containers(ctx, fields))
    out.update(_seals(ctx, fields))
    out.update(_vessel_voyage(fields))
    if "freight_terms" not in fields:
        out.update(_freight(ctx))
    out.update({k: v for k, v in _particulars(ctx).items() if k not in fields})
    if "carrier" not in fields:
        out.update(_carrier(ctx, fields))
    return out


def _particulars(ctx: DocContext) -> dict[str, ExtractedField]:
    """Packages, weight and measurement from the particulars table's first row."""
    vocab = ctx.vocab.table
    table = extract_table(ctx.layouts, vocab) if vocab else None
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

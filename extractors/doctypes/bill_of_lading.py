"""Bill of lading: containers and seals wherever printed, vessel/voyage printed together, freight terms."""

from __future__ import annotations

import re

from extractors import compliance
from extractors.datamodel import ExtractedField
from extractors.doctypes.common import make_field
from extractors.doctypes.context import DocContext
from extractors.identifiers import is_valid_container
from extractors.normalize import normalise_code

_SEAL = re.compile(r"\bseal(?:\s*(?:no|nos|number|#)\.?)?\s*[:.]?\s*([A-Z0-9][A-Z0-9-]{4,})", re.I)
_VOYAGE = re.compile(r"^(?P<vessel>.*?)[\s/,]+(?:voy(?:age)?\.?\s*(?:no\.?)?\s*)?(?P<voyage>[0-9][0-9A-Z-]*[A-Z]?|[A-Z]-?\d{2,}[A-Z]?)$",
                     re.I)
_FREIGHT = re.compile(r"\bfreight\s+(prepaid|collect)\b", re.I)


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    out: dict[str, ExtractedField] = {}
    out.update(_containers(ctx, fields))
    out.update(_seals(ctx, fields))
    out.update(_vessel_voyage(fields))
    if "freight_terms" not in fields:
        out.update(_freight(ctx))
    return out


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
    return {"container_numbers": make_field(found, page, words, "pattern", valid=valid, text=", ".join(found))}


def _seals(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    containers = {normalise_code(c) for c in fields.get("container_numbers", ExtractedField(value=[])).value}
    containers |= set(compliance.container_numbers(ctx.text))
    seals = [
        s for s in dict.fromkeys(normalise_code(m.group(1)) for m in _SEAL.finditer(ctx.text))
        if s not in containers and re.search(r"\d", s)
    ]
    if not seals:
        return {}
    prior = fields.get("seal_numbers")
    if prior is not None and [s for s in prior.value if s not in containers] == seals:
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

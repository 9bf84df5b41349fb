"""The rules' reference data (rules/data/*.json), validated with pydantic when first used.

Data, not code: superseded acts and withdrawn standards with their dates, RoHS Annex II limits,
Incoterms 2020, ports, carriers, word lists. ISO 4217 and ISO 3166 codes come from pycountry.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal, TypeVar

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator

_DATA = resources.files("rules") / "data"
_M = TypeVar("_M", bound=BaseModel)


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Act(_Data):
    number: str
    family: str
    title: str
    nb_procedure: Literal["none", "optional"]


class SupersededAct(_Data):
    number: str
    family: str
    replaced_by: str
    cutoff: date
    source: str
    confirmed: bool


class Acts(_Data):
    about: str = Field(alias="_about")
    acts: list[Act]
    superseded: list[SupersededAct]
    standard_families: dict[str, list[str]]


class WithdrawnStandard(_Data):
    cores: list[str]
    years: list[str] | None = None  # None: every edition
    label: str
    replaced_by: str
    cessation: date | None
    source: str
    confirmed: bool


class Standards(_Data):
    about: str = Field(alias="_about")
    families: dict[str, list[str]]
    withdrawn: list[WithdrawnStandard]


class Substance(_Data):
    symbol: str
    names: list[str]
    limit_mg_kg: Decimal
    applies_from: date


class Annex2(_Data):
    about: str = Field(alias="_about")
    substances: list[Substance] = Field(min_length=10, max_length=10)


class Incoterm(_Data):
    code: str
    mode: Literal["any", "sea"]
    place: Literal["port_of_loading", "port_of_discharge", "named"]
    freight: Literal["PREPAID", "COLLECT"]


class Incoterms(_Data):
    about: str = Field(alias="_about")
    terms: list[Incoterm] = Field(min_length=11, max_length=11)
    obsolete: dict[str, str]


class Port(_Data):
    locode: str = Field(pattern=r"^[A-Z]{2}[A-Z2-9]{3}$")
    names: list[str]

    @field_validator("locode")
    @classmethod
    def _country_exists(cls, v: str) -> str:
        if pycountry.countries.get(alpha_2=v[:2]) is None:
            raise ValueError(f"{v}: {v[:2]} is not an ISO 3166-1 alpha-2 code")
        return v


class Ports(_Data):
    about: str = Field(alias="_about")
    ports: list[Port]


class Carrier(_Data):
    scac: str = Field(pattern=r"^[A-Z]{2,4}$")
    names: list[str]


class Carriers(_Data):
    about: str = Field(alias="_about")
    carriers: list[Carrier]


class Currencies(_Data):
    about: str = Field(alias="_about")
    minor_units: dict[str, int]
    aliases: dict[str, str]

    @field_validator("minor_units")
    @classmethod
    def _codes_exist(cls, v: dict[str, int]) -> dict[str, int]:
        unknown = [c for c in v if pycountry.currencies.get(alpha_3=c) is None]
        if unknown:
            raise ValueError(f"not ISO 4217 codes: {unknown}")
        return v


class Words(_Data):
    about: str = Field(alias="_about")
    company_suffixes: list[str]
    lab_words: list[str]
    component_words: list[str]
    co_authorities: list[str]
    to_order: list[str]
    same_as_consignee: list[str]
    counted_units: list[str]
    about_words: list[str]
    placeholders: list[str]


def _load(name: str, model: type[_M]) -> _M:
    text = (_DATA / name).read_text(encoding="utf-8")
    return model.model_validate(json.loads(text))


@cache
def acts() -> Acts:
    return _load("acts.json", Acts)


@cache
def standards() -> Standards:
    return _load("standards.json", Standards)


@cache
def annex2() -> Annex2:
    return _load("rohs_annex2.json", Annex2)


@cache
def incoterms() -> Incoterms:
    return _load("incoterms.json", Incoterms)


@cache
def ports() -> Ports:
    return _load("ports.json", Ports)


@cache
def carriers() -> Carriers:
    return _load("carriers.json", Carriers)


@cache
def currencies() -> Currencies:
    return _load("currency_minor_units.json", Currencies)


@cache
def words() -> Words:
    return _load("words.json", Words)

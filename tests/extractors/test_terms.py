"""The term index gives exactly the terms a scan of every term would: it only skips the hopeless."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.layout import compile_terms, tokens_match

WORDS = [
    "invoice",
    "invoce",
    "number",
    "no",
    "port",
    "of",
    "loading",
    "発票",
    "发票号",
    "发票",
    "ship",
    "shipper",
]
printed = st.sampled_from([*WORDS, "lnvoice", "numbers", "发票号码", "x", "portt", "loadin"])
vocab = st.dictionaries(
    st.sampled_from(["a", "b", "c"]),
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4),
    min_size=1,
)


@settings(max_examples=300, deadline=None)
@given(vocab, printed)
def test_terms_starting_at_a_token_are_those_whose_first_token_matches_it(vocabulary, token):
    terms = compile_terms(vocabulary)
    expected = tuple(t for t in terms if tokens_match(token, t.tokens[0])[0])
    assert terms.starting_at(token) == expected


def test_terms_are_longest_first_and_split_by_field():
    terms = compile_terms({"pol": ["Port", "Port of Loading"], "pod": ["Port of Discharge"]})
    assert [t.text for t in terms][:2] == ["Port of Discharge", "Port of Loading"]
    assert [t.text for t in terms.of_field("pol")] == ["Port of Loading", "Port"]
    assert compile_terms({"pol": ["Port", "Port of Loading"], "pod": ["Port of Discharge"]}) is terms

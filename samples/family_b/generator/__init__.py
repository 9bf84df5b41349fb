"""Family B of tradecheck's sample documents: an independently designed set of layouts.

One data model per order (`world`), canonical per-document field values derived from it
(`truth`), seeded discrepancies applied to those values (`discrepancies`), and layouts that
render the values (`layouts`), so what is printed and what truth.json says cannot drift.
"""

"""One module per catalogue section; importing them registers every rule (rules.registry)."""

from rules.checks import aql, bl, ce, co, dates, fcm, ids, invoice, lab, packing, rohs, std, xdoc

__all__ = ["aql", "bl", "ce", "co", "dates", "fcm", "ids", "invoice", "lab", "packing", "rohs", "std", "xdoc"]

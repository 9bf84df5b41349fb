"""Generator of sample family A (see samples/README.md)."""

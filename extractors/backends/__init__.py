"""Backends: how a file becomes pages of positioned words (text layer, OCR, image preparation)."""

"""Synthetic business cards with ground truth (see samples/README.md)."""

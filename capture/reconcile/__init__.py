"""Reconcile two engines' readings of one card field by field (see `merge` for the rules)."""

from capture.reconcile.merge import count_sources, reconcile, source_of, with_source

__all__ = ["count_sources", "reconcile", "source_of", "with_source"]

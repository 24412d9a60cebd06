"""The JSON API, with per-council tokens."""

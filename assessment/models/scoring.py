"""Rubrics, indicators and scores for the year-end assessment (§3.4, §4.3)."""

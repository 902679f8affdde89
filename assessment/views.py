"""Views of the assessment app."""

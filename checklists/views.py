"""Views of the checklists app."""

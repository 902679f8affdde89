"""Annual plans and reports (§4.1), joint meetings (§4.2) and inspections with rectifications (§4.3)."""

"""The resource library (§3.3) and needs analysis (§3.2). Filled in by the supporting-mechanisms work."""

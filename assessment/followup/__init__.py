"""What a rectification (``assessment.oversight``) and an accountability measure (``assessment.decisions``) share:
the agency answers by a deadline, with evidence; the bureau closes the follow-up or sends it back with a reason.
Each feature keeps its own rows and words and calls these steps with them."""

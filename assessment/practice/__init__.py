"""Good practice (好的经验做法, §4.2): the bureau marks an activity, a year-end report or a joint meeting."""

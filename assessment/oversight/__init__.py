"""Plans and reports, joint meetings, inspections and rectifications (普法工作机制的监督)."""

"""Plans beyond the year (§4.1 工作规划、重点工作): an agency's multi-year plan and its year's key work items."""

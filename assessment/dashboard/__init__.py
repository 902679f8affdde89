"""The leadership dashboard (数据看板): its figures and their charts."""

"""Demo data for this app (see puffa/management/commands/seed_demo.py). Idempotent."""


def seed() -> list:
    return []

"""Cards this app adds to the home pages (see puffa.home)."""

from puffa.home import Panel  # noqa: F401


def home_panels(user, year: int) -> list:
    return []

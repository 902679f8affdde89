"""The demo district that ``python manage.py seed_demo`` builds: one module per part of Puffa.

Kept out of the apps: production code never imports this package; only ``seed_demo``, ``seed_scale``'s law
catalogue, the tests and the benchmarks do.
"""

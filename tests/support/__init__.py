"""Tooling the product does not ship: the demo state, years of made-up history, the moments
of a live session and the steadied look that screenshots, snapshot tests and benchmarks share.

Imported as `support.*` with `tests/` on the path: pytest puts it there (rootdir conftest),
mypy finds it through `mypy_path`, and `scripts/screenshots.py` and `benchmarks/*` add it
themselves. Nothing under `trainer/` may import it (tests/test_import_hygiene.py).
"""

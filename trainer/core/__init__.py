"""The trainer's logic, importable without Textual (tests/test_import_hygiene.py)."""

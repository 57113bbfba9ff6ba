"""The trainer's logic, importable and testable without Textual (see tests/test_import_hygiene.py)."""

"""Submissions out of the system: CSV for back offices, streamed from the database."""

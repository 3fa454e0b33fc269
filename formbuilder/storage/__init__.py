"""Persistence: models, database set-up and the queries the flows need."""

"""The back office: finding submissions, their status and history (issue 6)."""

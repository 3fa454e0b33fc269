"""The citizen's PDF receipt (控え)."""

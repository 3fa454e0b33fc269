"""The citizen journey: drafts, page order under the rules, checking, submitting."""

"""Staff of the municipality: accounts, two-factor sign-in, server-side sessions, audit (issue 6)."""

"""Input assistance: normalising what people type on Japanese phones and PCs."""

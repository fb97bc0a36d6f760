"""Report: every output format, rendered from the same records."""

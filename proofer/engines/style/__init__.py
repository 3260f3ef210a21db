"""House-style engine: Vale-compatible rule kinds, Vale styles and configuration."""

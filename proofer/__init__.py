"""proofer: editorial proofreading for Markdown and plain-text drafts."""

__version__ = "0.1.0"

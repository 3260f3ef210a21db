"""One analysis of a document shared by the engines: its blocks, pieces and spaCy parses."""

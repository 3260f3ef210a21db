"""LanguageTool: provisioning (install), the local server, curation and the engine."""

"""Renderers: turn core results into files (Markdown, Excel, HTML)."""

"""The command line: `main` (the entry point, with a fast path that imports no Textual or
Typer), `options` (the root options, read by both paths), `commands` (the Typer app) and one
module per command group. Imports nothing, so the fast path stays fast."""

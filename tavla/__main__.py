"""Lets `python -m tavla` behave like the `tavla` command."""

from tavla.cli.main import main

main()

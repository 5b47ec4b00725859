"""Lets `python -m tavla` behave like the `tavla` command."""

from tavla.cli import main

main()

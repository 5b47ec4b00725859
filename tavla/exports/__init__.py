"""Files that leave tavla: read from the store, written to disk; no Textual here."""

"""The domain: the board's rules and vocabularies. No SQL, no Textual, no Rich; imports nothing
of tavla but `tavla.errors`, `tavla.i18n` and the domain itself."""

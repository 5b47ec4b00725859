"""Text for people, shared by the command line and the screens: the record, the agenda, the
plans and what changed in them, the lane cells and charts as Rich Text. No Textual here."""

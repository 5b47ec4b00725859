"""tavla: the coordination board for integrated psychiatry and social services."""

__version__ = "0.1.0"

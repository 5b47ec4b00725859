"""Errors that are the user's to fix: shown as one sentence, never as a traceback."""


class UserError(Exception):
    """A mistake in what the user asked for; the message is a translated sentence."""


class NotFound(UserError):
    """Something named by the user does not exist (a code, a lane)."""

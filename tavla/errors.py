"""Errors that are the user's to fix: shown as one sentence, never as a traceback."""


class UserError(Exception):
    """A mistake in what the user asked for; the message is a translated sentence."""


class NotFound(UserError):
    """Something named by the user does not exist (a code, a lane)."""


class Conflict(UserError):
    """Someone else saved what this edit began from; nothing was saved.

    The message says who changed what. `current` is what is stored now: an edit
    saved again with it as its base is made knowingly, on top of theirs. `theirs`
    holds the changed text fields as (label, text now stored), so a form can show
    them beside what the user typed.
    """

    def __init__(
        self, message: str, current: object, theirs: tuple[tuple[str, str], ...] = ()
    ) -> None:
        super().__init__(message)
        self.current = current
        self.theirs = theirs

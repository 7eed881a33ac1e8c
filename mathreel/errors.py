"""The one error type that reaches a user as a single line, without a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from a user (a file, an option, a missing tool): shown as one line, exit status 2."""


class NarrationError(UserError):
    """A narration file is malformed; the message starts with ``file:line:``."""

    def __init__(self, path: object, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.detail = message
        super().__init__(f"{path}:{line}: {message}")

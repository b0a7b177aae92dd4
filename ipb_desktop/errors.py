"""One family of exceptions whose text a person can read.

The GUI shows `str(error)` in plain words; the CLI prints it and exits with `error.exit_code`.
Exit codes are documented in the README: 0 ok, 2 usage, 3 wrong passphrase, 4 not a store or damaged,
5 invalid input, 6 store busy, too new, or read-only here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipb_desktop.i18n import _

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_NOT_A_STORE = 4
EXIT_INVALID_INPUT = 5
EXIT_STORE_UNAVAILABLE = 6


class IpbError(Exception):
    """Base class: the message is already plain English for the person using the app."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class WrongPassphrase(IpbError):
    exit_code = EXIT_WRONG_PASSPHRASE

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "That passphrase does not open this budget store. Check Caps Lock and try again. "
                "Nothing in the store has been changed."
            )
        )


class NotAStore(IpbError):
    """The file is not an ipb-desktop store, or it is damaged."""

    exit_code = EXIT_NOT_A_STORE


class StoreTooNew(IpbError):
    exit_code = EXIT_STORE_UNAVAILABLE


class StoreInUse(IpbError):
    exit_code = EXIT_STORE_UNAVAILABLE


class StoreNotFound(IpbError):
    exit_code = EXIT_NOT_A_STORE


class FileProblem(IpbError):
    """A file could not be read or written (a full disk, a missing USB stick, no permission)."""

    exit_code = EXIT_NOT_A_STORE


class StoreReadOnly(IpbError):
    """A change was asked of a store opened read-only (its file or folder cannot be written by this user)."""

    exit_code = EXIT_STORE_UNAVAILABLE

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "This budget store can only be read here: its file or folder cannot be changed (a CD, a locked USB "
                "stick, or a folder that belongs to someone else). You can look, print and export. To make changes, "
                "copy the store to a folder of your own and open that copy."
            )
        )


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one input: which field, what is wrong, and how to put it right."""

    field: str
    reason: str


class InvalidInput(IpbError):
    """Input that cannot be accepted. Carries every problem found, each with the field it belongs to."""

    exit_code = EXIT_INVALID_INPUT

    def __init__(self, field: str, reason: str, *more: FieldProblem) -> None:
        self.problems: tuple[FieldProblem, ...] = (FieldProblem(field, reason), *more)
        text = "; ".join(f"{p.field}: {p.reason}" for p in self.problems)
        super().__init__(text)

    @property
    def field(self) -> str:
        return self.problems[0].field

    @property
    def reason(self) -> str:
        return self.problems[0].reason

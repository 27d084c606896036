"""The exception hierarchy: every error says what went wrong and how to fix it.

Exit codes at the CLI edge: 2 for usage errors (bad arguments, unusable input), 1 for runtime failures,
4 for a batch where some briefs failed (the others are written).
"""

from __future__ import annotations


class BriefError(Exception):
    """Base class of every error briefer raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} ({hint})" if hint else message)


class UsageError(BriefError):
    """Bad arguments or settings."""

    exit_code = 2


class InputError(UsageError):
    """An article cannot be read or holds no text."""


class ConfigError(UsageError):
    """Settings that cannot work together (a remote model without a key, an unknown mode)."""


class SetupError(BriefError):
    """The embedded runtime or model is missing or broken."""


class ModelError(BriefError):
    """The model server failed: unreachable, erroring, or answering with something unusable."""


class ValidationFailed(ModelError):
    """The model's answers stayed invalid after the re-asks."""


class ContextTooLong(UsageError):
    """The prompt does not fit the model's context window."""


class RenderError(BriefError):
    """A page cannot be made: the brief does not fit one page even with every optional item cut."""


class BatchFailed(BriefError):
    """Some briefs of a batch failed; the others were written, and a rerun retries the failed ones."""

    exit_code = 4

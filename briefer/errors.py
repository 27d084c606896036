"""The exception hierarchy: every error says what went wrong and how to fix it.

Exit codes at the CLI edge: 2 for usage and setup errors the user fixes (bad arguments, unusable input, a
key the server refuses), 1 for runtime failures (the server, the model, failed eval cases), 4 for a batch
where some briefs failed (the others are written); 3 (eval thresholds) and 130 (interrupted) are the CLI's.
"""

from __future__ import annotations

from briefer.redact import redact


class BriefError(Exception):
    """Base class of every error briefer raises on purpose. Its text often quotes a server or a model:
    keys and bearer credentials are redacted from it here, once for every error."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = redact(message)
        self.hint = redact(hint) if hint else hint
        super().__init__(f"{self.message} ({self.hint})" if self.hint else self.message)


class UsageError(BriefError):
    """Bad arguments or settings."""

    exit_code = 2


class InputError(UsageError):
    """An article cannot be read or holds no text."""


class ConfigError(UsageError):
    """Settings that cannot work together (a remote model without a key, an unknown mode), or that the
    server refuses (a rejected key, an unknown model)."""


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


class CasesFailed(BriefError):
    """Eval cases whose brief could not be made, beyond what ``--max-failed`` allows."""


class BatchFailed(BriefError):
    """Some briefs of a batch failed; the others were written, and a rerun retries the failed ones."""

    exit_code = 4

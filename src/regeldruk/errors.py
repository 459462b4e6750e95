"""Domain errors. Their message is Dutch and meant for the user as it is."""


class RegeldrukError(Exception):
    """A user-facing error: the CLI and TUI show ``str(err)`` and nothing else."""


class ConfigError(RegeldrukError):
    pass


class ParseError(RegeldrukError):
    pass


class NotFoundError(RegeldrukError):
    pass


class OverlapError(RegeldrukError):
    def __init__(self, message: str, conflicting_id: int) -> None:
        super().__init__(message)
        self.conflicting_id = conflicting_id


class PrivacyError(RegeldrukError):
    pass


class DatabaseError(RegeldrukError):
    pass


class LockedError(RegeldrukError):
    """The change touches a week that a team lead has approved."""


def quote(value: object, limit: int = 40) -> str:
    """User input as it may appear in a one-line message: quoted, escaped, shortened."""
    text = str(value)
    shortened = text[:limit] + ("…" if len(text) > limit else "")
    return repr(shortened)

"""The one exception the public API raises for input it cannot read."""


class ParseError(Exception):
    """A file that cannot be read as a plan. ``str(err)`` is one line fit to show a user."""

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

"""The optional LanguageTool backend: grammar and spelling matches from a LanguageTool server.

A newsroom runs the server itself and names it in .newslint.yaml
(``languagetool: {url: http://localhost:8081, language: en-GB}``) or in the environment variable
``NEWSLINT_LANGUAGETOOL_URL``. newslint sends the article's prose to the server's documented
``/v2/check`` API through language-tool-python (``pip install 'newslint[languagetool]'``). It
never downloads LanguageTool or starts a server; without a configured server the embedded
checker (``newslint.text.spelling``) is all there is.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple
from urllib.parse import urlsplit

ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"
DEFAULT_LANGUAGE = "en-US"
CONNECT_TIMEOUT = 3.0  # seconds to wait for the server to accept a connection
BLOCK_SEPARATOR = "\n\n"  # LanguageTool reads a blank line as a paragraph break


class ServerSettings(NamedTuple):
    """Where the server is and which language variant to check."""

    url: str
    language: str = DEFAULT_LANGUAGE


def server_settings(
    settings: Mapping[str, Any], environ: Mapping[str, str] = os.environ, url: str | None = None
) -> ServerSettings | None:
    """The configured server: ``url`` if given, else the config's ``languagetool.url``, else the
    environment variable; None when there is none."""
    conf = settings.get("languagetool") or {}
    found = url or conf.get("url") or environ.get(ENV_URL)
    if not found:
        return None
    return ServerSettings(str(found), str(conf.get("language") or DEFAULT_LANGUAGE))


class Match(NamedTuple):
    """One LanguageTool match, with offsets into the text that was checked."""

    start: int
    end: int
    rule_id: str
    category: str  # TYPOS, GRAMMAR, PUNCTUATION ...
    issue_type: str  # misspelling, grammar, style ...
    message: str
    replacements: tuple[str, ...]

    @property
    def spelling(self) -> bool:
        return self.category == "TYPOS" or self.issue_type == "misspelling"


class Unavailable(Exception):
    """The configured server cannot be used; the message says why."""


class Server:
    """A LanguageTool server, connected on first use. After a failure it is not asked again:
    ``failure`` keeps the reason."""

    def __init__(self, settings: ServerSettings, disabled_rules: Iterable[str] = ()) -> None:
        self.settings = settings
        self.failure: str | None = None
        self._disabled = set(disabled_rules)
        self._tool: Any = None

    def check(self, text: str) -> list[Match]:
        """The matches in ``text``; raises Unavailable when the server cannot be used."""
        if self.failure:
            raise Unavailable(self.failure)
        try:
            found = (self._tool or self._connect()).check(text)
        except Unavailable as exc:
            self.failure = str(exc)
            raise
        except (OSError, ValueError, _tool_error()) as exc:  # refused, timed out, bad answer
            self.failure = f"LanguageTool server {self.settings.url} failed: {exc}"
            raise Unavailable(self.failure) from exc
        return [
            Match(m.offset, m.offset + m.error_length, m.rule_id, m.category, m.rule_issue_type, m.message,
                  tuple(m.replacements))
            for m in found
        ]

    def _connect(self) -> Any:
        import socket

        url = self.settings.url if "://" in self.settings.url else f"http://{self.settings.url}"
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            socket.create_connection((parts.hostname or "localhost", port), timeout=CONNECT_TIMEOUT).close()
        except OSError as exc:
            raise Unavailable(f"LanguageTool server {self.settings.url} is unreachable ({exc})") from exc
        try:
            import language_tool_python
        except ImportError as exc:
            raise Unavailable("language-tool-python is not installed: pip install 'newslint[languagetool]'") from exc
        tool = language_tool_python.LanguageTool(self.settings.language, remote_server=url)
        tool.disabled_rules = set(self._disabled)
        self._tool = tool
        return tool


def _tool_error() -> type[Exception]:
    """language-tool-python's error class (ValueError when the package is not installed)."""
    try:
        from language_tool_python.exceptions import LanguageToolError
    except ImportError:
        return ValueError
    return LanguageToolError


class Composed(NamedTuple):
    """Pieces of an article joined into one text for the server, with the way back."""

    text: str
    starts: tuple[int, ...]  # where each piece begins in ``text``
    origins: tuple[int, ...]  # where each piece begins in the article

    @classmethod
    def of(cls, pieces: Sequence[tuple[int, str]]) -> Composed:
        """``pieces`` are (article offset, text) pairs in order."""
        starts, pos = [], 0
        for _, piece in pieces:
            starts.append(pos)
            pos += len(piece) + len(BLOCK_SEPARATOR)
        text = BLOCK_SEPARATOR.join(piece for _, piece in pieces)
        return cls(text, tuple(starts), tuple(origin for origin, _ in pieces))

    def to_article(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.origins[i] + offset - self.starts[i]

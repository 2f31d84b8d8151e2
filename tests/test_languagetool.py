"""The LanguageTool backend against a local stand-in server speaking the documented /v2 protocol.

The stand-in (http.server on 127.0.0.1, a random port) answers GET /v2/languages and POST
/v2/check like a LanguageTool server; it reports the grammar and spelling matches planted below.
Every text here was written for these tests.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from conftest import article

from newslint.checks.typos import LanguageToolCheck
from newslint.config import Config
from newslint.config import FixedResolver
from newslint.engine import Engine
from newslint.languagetool import ENV_URL, Composed, Server, ServerSettings, Unavailable, server_settings
from newslint.rule import Context

PLANTED = [  # (pattern, rule id, category, issue type, message, replacement)
    (r"\ba(?= apple)", "EN_A_VS_AN", "GRAMMAR", "grammar", "Use “an” instead of “a”.", "an"),
    (r"\b(?:wih|Zorbanek|colour|recieved)\b", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling",
     "Possible spelling mistake found.", "with"),
]


class StandIn(BaseHTTPRequestHandler):
    requests: list[dict[str, str]]

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        languages = [{"name": "English (US)", "code": "en", "longCode": "en-US"},
                     {"name": "English (GB)", "code": "en", "longCode": "en-GB"}]
        self._send(200, json.dumps(languages).encode())

    def do_POST(self) -> None:  # noqa: N802
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
        self.requests.append(form)
        if "BREAK" in form["text"]:
            self._send(500, b"<html>Internal error</html>", "text/html")
            return
        text = form["text"]
        units = [0]  # LanguageTool counts UTF-16 code units: characters beyond U+FFFF count twice
        for ch in text:
            units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
        matches = [
            {
                "message": message,
                "shortMessage": "",
                "replacements": [{"value": replacement}],
                "offset": units[m.start()],
                "length": units[m.end()] - units[m.start()],
                "context": {"text": text[:60], "offset": 0, "length": 1},
                "sentence": text,
                "rule": {"id": rule, "description": rule, "issueType": issue,
                         "category": {"id": category, "name": category.title()}},
            }
            for pattern, rule, category, issue, message, replacement in PLANTED
            for m in re.finditer(pattern, text)
        ]
        reply = {"software": {"name": "LanguageTool", "version": "6.6"}, "language": {"code": form["language"]},
                 "matches": matches}
        self._send(200, json.dumps(reply).encode())


@pytest.fixture
def server() -> Iterator[tuple[str, list[dict[str, str]]]]:
    handler = type("Handler", (StandIn,), {"requests": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler.requests
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> str:
    """A local URL nothing listens on."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    port = httpd.server_address[1]
    httpd.server_close()
    return f"http://127.0.0.1:{port}"


def check(text: str, url: str, path: str = "story.md", **conf) -> list:
    ctx = Context(settings={"languagetool": {"url": url, **conf}})
    a = article(text, path)
    return [(a.text[f.start : f.end], f) for f in LanguageToolCheck().check(a, ctx)]


STORY = "# Orchard news\n\nThe grower sold a apple wih a smile to Zorbanek, who recieved it.\n"


def test_matches_become_findings_with_the_rule_id_and_a_suggestion(server):
    url, requests = server
    found = check(STORY, url)
    assert [span for span, _ in found] == ["a", "wih"]
    grammar, spelling = (f for _, f in found)
    assert "EN_A_VS_AN" in grammar.message and "“an”" in grammar.message
    assert grammar.data["languagetool_rule"] == "EN_A_VS_AN" and grammar.data["suggestion"] == "an"
    assert not grammar.fix.safe and grammar.fix.edits[0].replacement == "an"
    assert "MORFOLOGIK_RULE_EN_US" in spelling.message
    assert requests[0]["language"] == "en-US"
    assert "ENGLISH_WORD_REPEAT_RULE" in requests[0]["disabledRules"]


def test_names_real_spellings_and_words_the_embedded_rules_report_are_dropped(server):
    url, _ = server
    spans = [span for span, _ in check(STORY, url)]
    assert "Zorbanek" not in spans  # a name: capitalised mid-sentence
    assert "recieved" not in spans  # typos/misspelling reports it
    assert [s for s, _ in check("# Orchard\n\nThe colour of the apple wih seeds.\n", url)] == ["wih"]


def test_offsets_map_back_across_blocks_and_wide_characters(server):
    url, requests = server
    text = "Orchard news 🍏\n\nThe grower waved. 🍎🍎 She sold a apple.\n"
    found = check(text, url, path="story.txt")
    assert [span for span, _ in found] == ["a"]
    assert found[0][1].start == text.index("a apple")
    assert requests[0]["text"].startswith("Orchard news 🍏\n\nThe grower")  # only the prose is sent


def test_quoted_speech_urls_and_other_languages_are_not_reported(server):
    url, requests = server
    text = (
        "# Orchard\n\n“I sold a apple,” she said. See https://example.org/a-apple-wih for more.\n\n"
        "Die Bauern verkaufen die Äpfel auf dem Markt und sind mit der Ernte sehr zufrieden.\n"
    )
    assert check(text, url) == []
    assert "Bauern" not in requests[0]["text"]


def test_the_language_variant_comes_from_the_config(server):
    url, requests = server
    check(STORY, url, language="en-GB")
    assert requests[0]["language"] == "en-GB"


def test_the_environment_names_the_server_when_the_config_does_not():
    assert server_settings({}, {ENV_URL: "http://lt.example:8081"}) == ServerSettings("http://lt.example:8081")
    assert server_settings({"languagetool": {"url": "http://a:1"}}, {ENV_URL: "http://b:2"}).url == "http://a:1"
    assert server_settings({"languagetool": {}}, {}) is None


def test_without_a_server_the_rule_does_nothing(monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    assert list(LanguageToolCheck().check(article(STORY), Context())) == []


def test_an_unreachable_server_gives_one_warning_per_run_and_the_embedded_rules_still_work(tmp_path: Path):
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text("# Vote\n\nThe council will reprot on Monday.\n", encoding="utf-8")
    config = Config(select=("typos",), languagetool={"url": closed_port()})
    findings = Engine(FixedResolver(config), plugins=False).run([str(tmp_path)]).findings
    warnings = [f for f in findings if f.rule == "typos/languagetool"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0].message and "languagetool.url" in warnings[0].message
    assert sum(f.rule == "typos/spelling" for f in findings) == 3


def test_a_server_that_answers_badly_is_reported_once_not_a_crash(server):
    url, requests = server
    rule = LanguageToolCheck()
    ctx = Context(settings={"languagetool": {"url": url}})
    first = list(rule.check(article("# Vote\n\nBREAK the council said.\n"), ctx))
    second = list(rule.check(article(STORY), ctx))
    assert len(first) == 1 and "failed" in first[0].message
    assert second == [] and len(requests) == 1  # not asked again


def test_server_reports_unavailable_with_the_reason():
    server = Server(ServerSettings(closed_port()))
    with pytest.raises(Unavailable, match="unreachable"):
        server.check("text")
    assert server.failure and "unreachable" in server.failure


def test_composed_text_maps_offsets_back():
    composed = Composed.of([(10, "Headline"), (30, "Body text here.")])
    assert composed.text == "Headline\n\nBody text here."
    assert composed.to_article(composed.text.index("text")) == 30 + 5
    assert composed.to_article(0) == 10

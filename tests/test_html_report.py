"""--format html: one self-contained page. Parsed for escaping and highlights, then loaded in
headless chromium (DevTools protocol over --remote-debugging-pipe, plain subprocess): no console
errors, no network, every highlight on the text at its finding's offsets, filters that work.

The browser part needs Debian's ``chromium`` package and skips when no chromium binary is found.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import ndjson, run_cli

from newslint.model import Finding, Severity
from newslint.reporters.html_format import Span, marked

PACK = Path(__file__).parent / "data" / "testonly-pack.yaml"
RULES = ("spam/testonly-promo-line", "typos/testonly-misspelling", "leakage/testonly-marker")
STORY = (
    "---\ntitle: Talks <resume> & “continue”\n---\n\n"
    "🗞️ Both sides recieve the draft, ZORBLAX said. <script>alert(1)</script>\n\n"
    "PROMO recieve ZORBLAX now\n\n"
    "Délégués 🇨🇭 recieve it.\n"
)
OTHER = "# Other story\r\n\r\nThey recieve it & more.\r\n"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, list[dict[str, Any]], dict[str, str]]:
    """The HTML page, the run's findings (from --format json) and the texts of the files."""
    root = tmp_path_factory.mktemp("html")
    (root / ".newslint.yaml").write_text(f"rule-packs: [{PACK}]\nselect: [{', '.join(RULES)}]\n", encoding="utf-8")
    texts = {"story.md": STORY, "z-other.md": OTHER}
    for name, text in texts.items():
        (root / name).write_bytes(text.encode("utf-8"))
    proc = run_cli("check", "--format", "html", "--output", "report.html", *texts, cwd=root)
    assert (proc.returncode, proc.stderr) == (1, b"")
    findings = json.loads(run_cli("check", "--format", "json", *texts, cwd=root).stdout)["findings"]
    return root / "report.html", findings, texts


def expected_highlights(findings: list[dict[str, Any]], texts: dict[str, str]) -> dict[str, str]:
    """Finding number -> the file's text between the finding's start and end (from line and column)."""
    out = {}
    for number, f in enumerate(findings):
        lines = texts[f["path"]].split("\n")
        start = sum(len(line) + 1 for line in lines[: f["line"] - 1]) + f["column"] - 1
        end = sum(len(line) + 1 for line in lines[: f["end_line"] - 1]) + f["end_column"] - 1
        out[str(number)] = texts[f["path"]][start:end]
    return out


class _Page(HTMLParser):
    """Marks' text per finding number (nested marks count for each enclosing mark), scripts, URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.marks: dict[str, str] = {}
        self.scripts = 0
        self.urls: list[str] = []
        self.csp = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "mark":
            self.open.append(a.get("data-finding"))
            self.marks.setdefault(a.get("data-finding") or "", "")
        self.scripts += tag == "script"
        self.urls += [v for k, v in attrs if k in ("src", "href") and v and not v.startswith("#")]
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a.get("content") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for number in self.open:
            self.marks[number or ""] += data


def test_page_is_self_contained_escaped_and_highlights_the_right_text(report):
    path, findings, texts = report
    html = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    assert page.scripts == 1 and "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt; 100% sure" in html  # a message is text, not markup
    assert page.urls == [] and "default-src 'none'" in page.csp
    assert [(f["path"], f["rule"], f["line"]) for f in findings] == [
        ("story.md", "typos/testonly-misspelling", 5), ("story.md", "leakage/testonly-marker", 5),
        ("story.md", "spam/testonly-promo-line", 7), ("story.md", "typos/testonly-misspelling", 7),
        ("story.md", "leakage/testonly-marker", 7), ("story.md", "typos/testonly-misspelling", 9),
        ("z-other.md", "typos/testonly-misspelling", 3),
    ]
    highlights = expected_highlights(findings, texts)
    assert highlights["2"] == "PROMO recieve ZORBLAX now" and highlights["6"] == "recieve"
    assert page.marks == highlights  # the promo line's mark holds the two marks inside it


def test_every_record_of_a_stream_has_its_findings_highlighted(tmp_path):
    (tmp_path / ".newslint.yaml").write_text(f"rule-packs: [{PACK}]\nselect: [{', '.join(RULES)}]\n",
                                             encoding="utf-8")
    records = [{"uri": f"urn:x:{n}", "headline": f"Talks {n}", "body_text": f"Both sides recieve draft {n}."}
               for n in range(3)]
    (tmp_path / "wire.ndjson").write_bytes(ndjson(*records))
    proc = run_cli("check", "--format", "html", "--output", "report.html", "wire.ndjson", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(run_cli("check", "--format", "json", "wire.ndjson", cwd=tmp_path).stdout)["findings"]
    assert [(f["record"], f["line"]) for f in findings] == [(f"urn:x:{n}", n + 1) for n in range(3)]
    page = _Page()
    page.feed((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert page.marks == {"0": "recieve", "1": "recieve", "2": "recieve"}  # records on lines 2 and 3 too


def test_crossing_nested_and_empty_spans_nest_as_marks():
    def f(n: int) -> Finding:
        return Finding(f"spam/r{n}", Severity.WARNING, f"m{n}")

    text = "abcdefghijklmnop"
    spans = [Span(0, 10, 0, f(0)), Span(5, 15, 1, f(1)), Span(7, 7, 2, f(2))]
    out = marked(text, spans)
    page = _Page()
    page.feed(out)
    assert page.marks == {"0": text[0:10], "1": text[5:15], "2": ""}
    assert out.count("<mark") == 4 and out.count('id="f1"') == 1  # finding 1 is split in two pieces


# -- the browser ------------------------------------------------------------------------------


def _high(fd: int) -> int:
    """``fd`` duplicated to a number above 9 (the original is closed)."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


class DevTools:
    """A minimal DevTools protocol client over chromium's --remote-debugging-pipe (fds 3 and 4)."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The child's ends move above 9 so that "3<&N 4>&M" cannot clobber them (bash: dash
        # only takes one-digit descriptors).
        to_browser_r, from_browser_w = (_high(fd) for fd in (to_browser_r, from_browser_w))
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(
            ["bash", "-c", f'exec "$0" "$@" 3<&{to_browser_r} 4>&{from_browser_w}', binary, *flags],
            pass_fds=(to_browser_r, from_browser_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict[str, Any] | None = None, timeout: float = 30) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                assert "error" not in reply, reply
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events):
            self.events.append(self._receive(deadline))

    def open_page(self) -> None:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.call(f"{domain}.enable")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def close(self) -> None:
        with contextlib.suppress(OSError, EOFError, TimeoutError):
            self.call("Browser.close", timeout=10)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


HIGHLIGHTS_JS = """JSON.stringify([...document.querySelectorAll('mark[data-finding]')].reduce((acc, m) => {
  acc[m.dataset.finding] = (acc[m.dataset.finding] || '') + m.textContent; return acc; }, {}))"""
SHOWN_JS = "document.getElementById('shown').textContent"
VISIBLE_JS = """JSON.stringify([...document.querySelectorAll('li[data-finding]')]
  .filter((li) => li.offsetParent !== null).map((li) => li.dataset.finding))"""


@pytest.mark.skipif(BROWSER is None, reason="no chromium binary (Debian: apt-get install chromium); "
                                              "the HTML report's browser test needs it")
def test_page_in_headless_chromium(report, tmp_path):
    path, findings, texts = report
    browser = DevTools(BROWSER, tmp_path / "profile")
    try:
        browser.open_page()
        browser.call("Page.navigate", {"url": path.as_uri()})
        browser.wait_for("Page.loadEventFired")
        highlights = json.loads(browser.evaluate(HIGHLIGHTS_JS))
        assert highlights == expected_highlights(findings, texts)
        everything = [str(n) for n in range(len(findings))]
        assert json.loads(browser.evaluate(VISIBLE_JS)) == everything
        assert browser.evaluate(SHOWN_JS) == f"{len(findings)} of {len(findings)} findings shown"
        # Filters: hide errors, then also the typos family; marks lose their highlight, list items hide.
        browser.evaluate("document.querySelector('input[data-filter=severity][value=error]').click()")
        not_errors = [str(n) for n, f in enumerate(findings) if f["severity"] != "error"]
        assert json.loads(browser.evaluate(VISIBLE_JS)) == not_errors
        assert browser.evaluate("[...document.querySelectorAll('mark[data-severity=error]')].every((m) => m.classList"
                                ".contains('off') && getComputedStyle(m).backgroundColor === 'rgba(0, 0, 0, 0)')")
        browser.evaluate("document.querySelector('input[data-filter=family][value=typos]').click()")
        rest = [str(n) for n, f in enumerate(findings) if f["severity"] != "error" and f["family"] != "typos"]
        assert json.loads(browser.evaluate(VISIBLE_JS)) == rest
        assert browser.evaluate(SHOWN_JS) == f"{len(rest)} of {len(findings)} findings shown"
        problems = [e for e in browser.events if e.get("method") == "Runtime.exceptionThrown"
                    or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
                    or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]
        assert problems == []
        requests = {e["params"]["request"]["url"] for e in browser.events
                    if e.get("method") == "Network.requestWillBeSent"}
        assert requests == {path.as_uri()}
    finally:
        browser.close()

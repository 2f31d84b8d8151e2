"""--fix, --unsafe-fixes and --diff: each kind of fix, quoted speech, overlapping edits, encodings,
line endings, atomic writes, and files that must stay byte-identical.

The rules here are test-only: small Rule subclasses run through ``Engine(extra_rules=...)`` for
each kind of fix newslint's families provide, and a test-only YAML pack (tests/data) for the
command line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from conftest import run_cli

from newslint.config import Config
from newslint.config import FixedResolver
from newslint.engine import Engine
from newslint.fixes import FileFix, apply_edits, fix_paths, unified_diff, write_atomic
from newslint.model import Article, Edit, Fix, Severity
from newslint.rule import Context, Rule

PACK = Path(__file__).parent / "data" / "testonly-pack.yaml"


def delete_lines(article: Article, start: int, end: int) -> Fix:
    """Delete the lines covering ``start``..``end`` with their line break (for a last line
    without one, the break before it), as line-removing rules do."""
    text = article.text
    first = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    if stop == -1:
        return Fix("delete the line", (Edit(max(first - 1, 0), len(text), ""),))
    return Fix("delete the line", (Edit(first, stop + 1, ""),))


class PromoLine(Rule):
    id = "spam/testonly-promo"
    severity = Severity.ERROR
    summary = "A promotional line"

    def check(self, article: Article, ctx: Context):
        for b in article.blocks:
            if b.text.startswith("PROMO"):
                yield self.finding(b.start, b.end, "promo line", fix=delete_lines(article, b.start, b.end))


class DuplicatedLine(Rule):
    id = "spam/testonly-duplicated-line"
    summary = "A paragraph repeated word for word"

    def check(self, article: Article, ctx: Context):
        seen: set[str] = set()
        for b in article.paragraphs:
            if b.text in seen:
                yield self.finding(b.start, b.end, "repeated", fix=delete_lines(article, b.start, b.end))
            seen.add(b.text)


class DuplicateSource(Rule):
    id = "provenance/testonly-duplicate-source"
    summary = "A source listed twice"

    def check(self, article: Article, ctx: Context):
        seen: set[str] = set()
        for b in article.source_items:
            if b.text in seen:
                yield self.finding(b.start, b.end, "listed twice", fix=delete_lines(article, b.start, b.end))
            seen.add(b.text)


class TrackingParams(Rule):
    id = "provenance/testonly-tracking"
    summary = "A link carries utm_ parameters"

    def check(self, article: Article, ctx: Context):
        for m in re.finditer(r"https?://[^\s)>\]]+", article.text):
            parts = urlsplit(m.group(0))
            query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
            clean = urlunsplit(parts._replace(query=urlencode(query)))
            if clean != m.group(0):
                fix = Fix("strip tracking parameters", (Edit(m.start(), m.end(), clean),))
                yield self.finding(m.start(), m.end(), "tracking parameters", fix=fix)


class Misspelling(Rule):
    """Deliberately careless: it offers its fix inside quotes too, so fixes.py must refuse it there."""

    id = "typos/testonly-curated"
    summary = "A misspelling from a curated list"
    LIST = {"recieve": ("receive",), "teh": ("the", "tea")}

    def check(self, article: Article, ctx: Context):
        for m in re.finditer(r"\b(recieve|teh)\b", article.text):
            options = self.LIST[m.group(0)]
            fix = Fix(f"write {options[0]}", (Edit(m.start(), m.end(), options[0]),)) if len(options) == 1 else None
            yield self.finding(m.start(), m.end(), "misspelling", fix=fix)


class AddBreak(Rule):
    """An unsafe fix whose replacement holds a line break (splits a glued dateline)."""

    id = "structure/testonly-glued-dateline"
    summary = "A dateline glued to the first paragraph"

    def check(self, article: Article, ctx: Context):
        for m in re.finditer(r"(GENEVA \(Reuters\)) - ", article.text):
            fix = Fix("put the dateline on its own line", (Edit(m.end(1), m.end(), "\n\n"),), safe=False)
            yield self.finding(m.start(), m.end(), "glued dateline", fix=fix)


RULES = (PromoLine, DuplicatedLine, DuplicateSource, TrackingParams, Misspelling, AddBreak)


def _fix(path: Path, unsafe: bool = False, rules: tuple[type[Rule], ...] = RULES) -> FileFix:
    engine = Engine(FixedResolver(Config(select=tuple(r.id for r in rules))), plugins=False, extra_rules=rules)
    [ff] = fix_paths(engine, [str(path)], unsafe=unsafe)
    return ff


def _fixed_text(tmp_path: Path, text: str, unsafe: bool = False, name: str = "story.md") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    ff = _fix(path, unsafe)
    assert ff.problem is None
    return ff.after.decode("utf-8")


HEAD = "# Talks resume\n\nTalks resumed in Geneva on Monday, the ministry said.\n\n"


@pytest.mark.parametrize(
    ("body", "fixed"),
    [
        pytest.param("PROMO Subscribe for 1 dollar\n\nThe next round is in May.\n",
                     "\nThe next round is in May.\n", id="spam-line"),
        pytest.param("The next round is in May.\n\nThe next round is in May.\n",
                     "The next round is in May.\n\n", id="duplicated-line"),
        pytest.param("Sources\n\n- https://example.org/a\n- https://example.org/b\n- https://example.org/a\n",
                     "Sources\n\n- https://example.org/a\n- https://example.org/b\n", id="duplicate-source"),
        pytest.param("See https://example.org/talks?id=4&utm_source=feed&utm_medium=rss for details.\n",
                     "See https://example.org/talks?id=4 for details.\n", id="tracking-params"),
        pytest.param("Both sides recieve the draft; teh text is long.\n",
                     "Both sides receive the draft; teh text is long.\n", id="misspelling-one-suggestion"),
    ],
)
def test_each_kind_of_safe_fix(tmp_path, body, fixed):
    assert _fixed_text(tmp_path, HEAD + body) == HEAD + fixed


def test_unsafe_fixes_only_when_asked(tmp_path):
    text = HEAD + "GENEVA (Reuters) - The talks went on.\n"
    assert _fixed_text(tmp_path, text) == text
    assert _fixed_text(tmp_path, text, unsafe=True) == HEAD + "GENEVA (Reuters)\n\nThe talks went on.\n"


def test_quoted_speech_is_never_touched(tmp_path):
    text = HEAD + "“We recieve nothing,” he said, and they recieve nothing.\n"
    assert _fixed_text(tmp_path, text) == HEAD + "“We recieve nothing,” he said, and they receive nothing.\n"


def test_a_line_with_quoted_speech_is_not_deleted(tmp_path):
    text = HEAD + "PROMO “Best deal of the year,” says our shop\n"
    assert _fixed_text(tmp_path, text) == text


def test_overlapping_fixes_apply_one_at_a_time(tmp_path):
    # The promo line deletion and the misspelling in it overlap: one pass deletes the line, the
    # next pass lints again and finds nothing left to fix; the text is never edited twice.
    text = HEAD + "PROMO recieve https://example.org/x?utm_source=a\n\nThe end.\n"
    assert _fixed_text(tmp_path, text) == HEAD + "\nThe end.\n"


def test_fixes_chain_over_passes(tmp_path):
    # The misspelling fix makes the two paragraphs identical; the next pass removes the repeat.
    text = HEAD + "They recieve it.\n\nThey receive it.\n"
    assert _fixed_text(tmp_path, text) == HEAD + "They receive it.\n\n"


def test_apply_edits_keeps_text_between_edits():
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "A"), Edit(2, 2, "+")]) == "Ab+cdEf"


def test_crlf_line_endings_are_kept(tmp_path):
    # The last line has no line break: deleting it must take the whole CR LF before it.
    text = HEAD + "PROMO Subscribe\n\nGENEVA (Reuters) - They recieve it.\n\nPROMO last line without break"
    path = tmp_path / "story.md"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    after = _fix(path, unsafe=True).after.decode("utf-8")
    assert after == (HEAD + "\nGENEVA (Reuters)\n\nThey receive it.\n").replace("\n", "\r\n")


def test_edits_never_split_a_crlf_pair():
    from newslint.fixes import _whole_crlf

    text = "ab\r\ncd\r\n"
    assert _whole_crlf(text, Edit(3, 3, "x\n")) == Edit(2, 2, "x\r\n")  # an insertion moves before the CR
    assert _whole_crlf(text, Edit(3, 5, "")) == Edit(2, 5, "")  # a deletion takes the CR with its LF
    assert _whole_crlf(text, Edit(4, 7, "")) == Edit(4, 8, "")  # ... and the LF with its CR


def test_windows_1252_file_stays_windows_1252(tmp_path):
    text = HEAD + "The café will recieve guests.\n"
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode("cp1252"))
    ff = _fix(path)
    assert ff.problem is None
    assert ff.after == (HEAD + "The café will receive guests.\n").encode("cp1252")


def test_windows_1252_file_with_undefined_bytes_is_left_alone(tmp_path):
    data = (HEAD + "They recieve it.\n").encode("cp1252") + b"\x81\n"
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    ff = _fix(path)
    assert not ff.changed and ff.after == data
    assert "not fixed" in (ff.problem or "")


def test_fix_adding_a_character_windows_1252_lacks_is_refused(tmp_path):
    class ToArrow(Rule):
        id = "structure/testonly-arrow"
        summary = "An ASCII arrow"

        def check(self, article: Article, ctx: Context):
            for m in re.finditer("->", article.text):
                yield self.finding(m.start(), m.end(), "arrow", fix=Fix("use ⇒", (Edit(m.start(), m.end(), "⇒"),)))

    data = (HEAD + "Café -> bar.\n").encode("cp1252")
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    ff = _fix(path, rules=(ToArrow,))
    assert ff.after == data and "cannot store" in (ff.problem or "")


def test_utf8_bom_is_kept(tmp_path):
    path = tmp_path / "story.md"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + "They recieve it.\n").encode("utf-8"))
    assert _fix(path).after == b"\xef\xbb\xbf" + (HEAD + "They receive it.\n").encode("utf-8")


def test_formats_with_a_source_map_are_not_fixed(tmp_path, monkeypatch):
    from newslint import fixes
    from newslint.model import SourceMap

    text = HEAD + "They recieve it.\n"
    real = fixes.parser_for("markdown")

    def mapped(t: str, p: str) -> Article:
        article = real(t, p)
        article.source_map = SourceMap(t, ())
        return article

    monkeypatch.setattr(fixes, "parser_for", lambda fmt: mapped)
    assert _fixed_text(tmp_path, text) == text


def test_write_atomic_keeps_mode_and_symlink_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "real.md"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, b"new\n")
    assert link.is_symlink() and target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


# -- the command line -------------------------------------------------------------------------


def _project(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A folder whose config runs only the test pack's curated misspelling rule ("recieve" has one
    suggestion, "teh" two)."""
    (tmp_path / ".newslint.yaml").write_text(f"rule-packs: [{PACK}]\nselect: [typos/testonly-misspelling]\n",
                                             encoding="utf-8")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


STORY = (HEAD + "Both sides recieve teh draft.\n\nThey will recieve it.\n").encode("utf-8")
STORY_FIXED = (HEAD + "Both sides receive teh draft.\n\nThey will receive it.\n").encode("utf-8")


def test_cli_fix_writes_then_reports_what_is_left(tmp_path):
    _project(tmp_path, {"story.md": STORY})
    proc = run_cli("check", "--fix", "--format", "json", "story.md", cwd=tmp_path)
    assert (tmp_path / "story.md").read_bytes() == STORY_FIXED
    left = json.loads(proc.stdout)["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in left] == [("typos/testonly-misspelling", 5, 20)]  # "teh"
    assert proc.returncode == 1
    assert b"applied 2 fixes in 1 file" in proc.stderr


def test_cli_diff_previews_without_writing(tmp_path):
    _project(tmp_path, {"story.md": STORY})
    proc = run_cli("check", "--diff", "story.md", cwd=tmp_path)
    assert proc.returncode == 1  # there is something to fix
    assert (tmp_path / "story.md").read_bytes() == STORY
    patch = proc.stdout.decode("utf-8")
    assert patch.startswith("--- a/story.md\n+++ b/story.md\n")
    assert "-Both sides recieve teh draft.\n" in patch and "+They will receive it.\n" in patch


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_cli_diff_is_a_patch_git_applies_giving_what_fix_writes(tmp_path):
    _project(tmp_path, {"story.md": STORY})
    proc = run_cli("check", "--diff", "story.md", cwd=tmp_path)
    subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=proc.stdout, check=True, capture_output=True)
    assert (tmp_path / "story.md").read_bytes() == STORY_FIXED


def test_cli_diff_is_empty_and_exit_zero_when_nothing_to_fix(tmp_path):
    _project(tmp_path, {"story.md": STORY_FIXED})
    proc = run_cli("check", "--diff", "story.md", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, b"")


def test_cli_nothing_fixable_leaves_the_file_byte_identical(tmp_path):
    # A finding without a fix ("teh" has two suggestions), CRLF, odd spacing, no final line break.
    data = b"# Talks\r\n\r\nBoth  sides saw teh draft.   \r\n\r\n\r\nNo final break"
    path = _project(tmp_path, {"story.md": data}) / "story.md"
    before = path.stat()
    proc = run_cli("check", "--fix", "story.md", cwd=tmp_path)
    assert proc.returncode == 1 and b"teh" in proc.stdout
    after = path.stat()
    assert path.read_bytes() == data
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # never rewritten


def test_cli_unsafe_fixes_alone_also_applies_safe_fixes(tmp_path):
    _project(tmp_path, {"story.md": STORY})
    run_cli("check", "--unsafe-fixes", "story.md", cwd=tmp_path)
    assert (tmp_path / "story.md").read_bytes() == STORY_FIXED


def test_unified_diff_marks_missing_final_newline(tmp_path):
    ff = FileFix(tmp_path / "a.md", "a.md", b"one\ntwo", b"one\nthree")
    assert unified_diff(ff).endswith("-two\n\\ No newline at end of file\n+three\n\\ No newline at end of file\n")


def test_fix_is_skipped_for_stdin(tmp_path):
    _project(tmp_path, {})
    proc = run_cli("check", "--fix", "--stdin-filename", "story.md", "-", cwd=tmp_path, stdin=STORY)
    assert b"recieve" in proc.stdout and proc.returncode == 1
    assert os.listdir(tmp_path) == [".newslint.yaml"]

"""structure/*: input that cannot be read as an article, missing parts, stray suppressions.

Rules about the article's shape beyond these live in ``structure_shape.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.model import Article, Finding, Severity
from newslint.rule import Context, Rule


class ReaderRule(Rule):
    """A rule whose findings come from the reader (see ``newslint/readers``), not from ``check``."""

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        return iter(())


class UnreadableFile(ReaderRule):
    id = "structure/unreadable-file"
    severity = Severity.ERROR
    summary = "A file could not be read as an article (missing, binary, too large, unreadable)"
    docs = """A path that does not exist, cannot be opened, holds binary data, or is larger than
    `max-file-size`. The run goes on with the other files; this one is reported so it is not
    silently skipped. Fix the path, exclude the file, or raise the limit."""
    bad = ({"text": "\x00\x01\x02 binary", "path": "photo.txt"},)
    good = ("# Council approves budget\n\nThe council approved the budget on Monday, its clerk said.\n",)


class NoArticles(ReaderRule):
    id = "structure/no-articles"
    severity = Severity.WARNING
    summary = "A folder given on the command line holds no article files"
    docs = """newslint walks folders for `.md`, `.markdown` and `.txt` files (skipping hidden ones).
    A folder with none usually means a wrong path in a hook or CI job."""
    bad = ({"text": "", "path": "empty-folder/"},)
    good = ("# Council approves budget\n\nThe council approved the budget on Monday, its clerk said.\n",)


class NotUtf8(ReaderRule):
    id = "structure/not-utf8"
    severity = Severity.WARNING
    summary = "The file is not UTF-8 and was read as Windows-1252"
    docs = """Copy saved in a legacy encoding shows up as mojibake once published. newslint reads it
    as Windows-1252 so the rest of the checks still run, and tells you to re-save it as UTF-8."""
    bad = ({"text": "# Café reopens\n\nThe café reopened on Monday, its owner said.\n", "path": "cafe.md", "encoding": "cp1252"},)
    good = ("# Café reopens\n\nThe café reopened on Monday, its owner said.\n",)


class MalformedFrontMatter(ReaderRule):
    id = "structure/malformed-front-matter"
    severity = Severity.ERROR
    summary = "The YAML front matter cannot be parsed"
    docs = """Broken front matter means the title, date and sources are lost to the site generator and
    to the rules that check them. The body is still checked; the finding points at the YAML error."""
    bad = ("---\ntitle: Council approves budget\ndate: [2026-06-28\n---\n\nThe council approved it, its clerk said.\n",)
    good = ("---\ntitle: Council approves budget\ndate: 2026-06-28\n---\n\nThe council approved it, its clerk said.\n",)


class UnusedSuppression(ReaderRule):
    id = "structure/unused-suppression"
    severity = Severity.INFO
    summary = "A suppression comment or front-matter ignore silences nothing"
    docs = """`<!-- newslint-disable-next-line RULE -->`, `disable`/`enable` ranges and the front-matter
    key `newslint: {ignore: [RULE]}` should only stay while they silence something; a stale one hides
    the next real problem. Remove it."""
    bad = ("# Council approves budget\n\n<!-- newslint-disable-next-line typos -->\nThe council approved the budget, its clerk said.\n",)
    good = ("# Council approves budget\n\nThe council approved the budget, its clerk said.\n",)


class MissingHeadline(Rule):
    id = "structure/missing-headline"
    severity = Severity.WARNING
    summary = "The article has no headline"
    docs = """Neither a front-matter `title`, a `# Heading`, nor a headline-like first line (short, no
    final full stop) was found: the copy starts straight with a body paragraph, as scraped or
    machine-assembled copy often does. Add a headline."""
    bad = (
        {"text": "Iran is preparing to stop talks with the United States, officials said on Sunday.\n"
                 "The move follows weeks of tension, according to state media.\n", "path": "a.txt"},
    )
    good = (
        {"text": "Iran Halts Talks With US\n\nIran is preparing to stop talks with the United States, "
                 "officials said on Sunday.\n", "path": "a.txt"},
        "---\ntitle: Iran halts talks\n---\n\nIran is preparing to stop talks, officials said.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        if article.headline is None and article.body:
            s, e = article.anchor
            yield self.finding(s, e, "no headline: the copy opens with a body paragraph; add a headline "
                               "(a first line without a final full stop, a '# Heading', or a front-matter title)")


class EmptyArticle(Rule):
    id = "structure/empty-article"
    severity = Severity.ERROR
    summary = "The article has no body text"
    docs = """An empty file, or one with only a headline, front matter or a source list, cannot be
    published. Usually a failed export or a placeholder committed by mistake."""
    bad = ("", "---\ntitle: Council approves budget\n---\n", "# Council approves budget\n")
    good = ("# Council approves budget\n\nThe council approved the budget on Monday, its clerk said.\n",)

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        if not article.paragraphs:
            s, e = article.anchor
            what = "the file is empty" if not article.text.strip() else "there is no body paragraph"
            yield self.finding(s, e, f"empty article: {what}; add the story's text or remove the file")


RULES = (UnreadableFile, NoArticles, NotUtf8, MalformedFrontMatter, UnusedSuppression, MissingHeadline, EmptyArticle)

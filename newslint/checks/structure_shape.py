"""structure/*: an article whose shape is broken in ways a reader sees.

A headline that repeats the lede, a dek longer than the story, a section label left above the
headline, encoding damage, quotation marks and brackets that never close, runs of blank lines and
trailing white space. Missing headline, empty article and reader problems are in ``structure.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache

from newslint.model import Article, Block, BlockKind, Edit, Finding, Fix, Severity
from newslint.rule import Context, Rule
from newslint.text import rx
from newslint.text.readability import prose_words
from newslint.text.sentences import split_text

PROSE = frozenset({BlockKind.HEADLINE, BlockKind.DEK, BlockKind.HEADING, BlockKind.PARAGRAPH,
                   BlockKind.QUOTE, BlockKind.LIST_ITEM})


def _show(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _visible(text: str) -> str:
    """``text`` with invisible C1 control characters written as escapes (\\x9d)."""
    return "".join(f"\\x{ord(c):02x}" if 0x80 <= ord(c) < 0xA0 else c for c in text)


def _delete_paragraph_fix(article: Article, block: Block, description: str) -> Fix:
    """Delete the lines of ``block`` with the blank lines after them (before them at the end of
    the file), so no run of blank lines is left behind."""
    text = article.text
    start = text.rfind("\n", 0, block.start) + 1
    end = block.end
    while end < len(text) and text[end] in " \t\r\n":
        end += 1
    if end == len(text):
        while start > 0 and text[start - 1] in " \t\r\n":
            start -= 1
        return Fix(description, (Edit(start, end, "\n" if start else ""),))
    return Fix(description, (Edit(start, end, ""),))


_TOKEN = rx.compile(r"[^\W_]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


# -- headline, dek, label ----------------------------------------------------------------------


class HeadlineRepeatsLede(Rule):
    id = "structure/headline-repeats-lede"
    severity = Severity.WARNING
    summary = "The headline only repeats the first sentence of the story"
    docs = """The first sentence under the headline says the same thing in the same words, usually
    because scraped or pasted copy kept the title twice, once as headline and once as the first
    paragraph. The reader reads it twice and learns nothing from the headline. Case and
    punctuation are ignored; a headline that summarises the lede in fewer words is fine.

    Fix: delete the duplicated line (the safe fix does when the whole paragraph is the headline),
    or rewrite the lede so it adds the who, when and source the headline leaves out."""
    fixable = True
    defaults = {"similarity": 0.85}
    bad = (
        {"text": "Council Approves Budget After Long Debate\n\nCouncil approves budget after long debate\n\n"
                 "The council approved the budget on Monday after a four-hour debate, its clerk said.\n",
         "path": "a.txt"},
        "# Port reopens after storm\n\nPort reopens after storm. Ships began docking again on Tuesday, "
        "the harbour authority said.\n",
    )
    good = (
        "# Port reopens after storm\n\nThe port reopened on Tuesday, three days after a storm damaged "
        "two of its cranes, the harbour authority said.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        head = article.headline
        h = _tokens(head.text) if head else []
        if len(h) < 3:
            return
        threshold = float(self.options["similarity"])
        for block in self._candidates(article):
            first = split_text(block.text, block.start)[:1]
            if not first:
                continue
            s, e = first[0]
            lede = _tokens(article.text[s:e])
            # the ratio is at most that of the shorter length to the mean (difflib's real_quick_ratio)
            if 2.0 * min(len(h), len(lede)) / (len(h) + len(lede)) < threshold:
                continue
            if SequenceMatcher(None, h, lede, autojunk=False).ratio() < threshold:
                continue
            whole = not article.text[e : block.end].strip()
            in_metadata = block.kind is BlockKind.DEK and article.format != "text"  # a front-matter dek
            fix = None
            if whole and not in_metadata:
                fix = _delete_paragraph_fix(article, block, "delete the duplicated line")
            advice = "delete the duplicated line" if whole else "rewrite the lede so it adds what the headline leaves out"
            yield self.finding(s, e, f"“{_show(article.text[s:e])}” only repeats the headline; {advice}", fix=fix)
            return

    @staticmethod
    def _candidates(article: Article) -> list[Block]:
        """The block right after the headline (dek, subheading or paragraph) and the first paragraph."""
        kinds = (BlockKind.DEK, BlockKind.HEADING, BlockKind.PARAGRAPH)
        after = [b for b in article.blocks if b.kind in kinds]
        first_para = next((b for b in after if b.kind is BlockKind.PARAGRAPH), None)
        return list(dict.fromkeys(b for b in (after[:1] + [first_para]) if b is not None))


class DekLongerThanBody(Rule):
    id = "structure/dek-longer-than-body"
    severity = Severity.WARNING
    summary = "The dek (standfirst) is longer than the story under it"
    docs = """A dek summarises the story in a sentence or two. When it has more words than the whole
    body, the body was usually cut off in export or scraping, or the story was pasted into the
    dek field. Either way the reader gets a teaser with no story. In plain text, where the dek is
    only the reader's guess (a short paragraph under the headline), the body must be under a third
    of the dek's length, so a two-paragraph brief is not flagged.

    Fix: restore the missing body text, or move the text from the dek into the body and write a
    one-sentence dek."""
    bad = (
        {"text": "Council Approves Budget\n\nThe council approved next year's budget on Monday after a "
                 "four-hour debate about road repairs, library hours and the cost of the new pool, "
                 "its clerk said.\n\nMore soon.\n", "path": "a.txt"},
    )
    good = (
        {"text": "Council Approves Budget\n\nThe council approved next year's budget after a long debate.\n\n"
                 "The council approved the budget on Monday after a four-hour debate about road repairs, "
                 "library hours and the cost of the new pool, its clerk said.\n", "path": "a.txt"},
        {"text": "Council Approves Budget\n\nThe council approved next year's budget on Monday, its clerk "
                 "said.\n\nThe vote was nine to four.\n", "path": "a.txt"},
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        dek = article.dek
        if dek is None:
            return
        dek_words = len(prose_words(dek.text))
        body_words = sum(len(prose_words(b.text)) for b in article.body)
        # A plain-text dek is the reader's guess, and may be the lede of a short brief: there the
        # body must be under a third of the dek before it looks cut off.
        factor = 3 if article.format == "text" else 1
        if 0 < body_words * factor < dek_words:
            yield self.finding(
                dek.start, dek.end,
                f"the dek has {dek_words} words but the body only {body_words}: restore the missing "
                "body text, or move this text into the body and write a one-sentence dek",
            )


class SectionLabel(Rule):
    id = "structure/section-label"
    severity = Severity.WARNING
    summary = "A section label from the source page is left above the headline"
    docs = """Copy taken from a web page often keeps the page's section or category label ("policy",
    "WORLD NEWS") as its first line. It is navigation, not part of the story, and published above
    the headline it looks like a broken kicker.

    Fix: delete the line (the safe fix does); put the section in the metadata if it matters."""
    fixable = True
    bad = ({"text": "policy\n\nIran Pulls Out of Technical Talks\n\nIran withdrew from technical talks on "
                    "Sunday, an official told state television.\n", "path": "a.txt"},)
    good = ({"text": "Iran Pulls Out of Technical Talks\n\nIran withdrew from technical talks on Sunday, "
                     "an official told state television.\n", "path": "a.txt"},)

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for block in article.blocks_of(BlockKind.LABEL):
            yield self.finding(
                block.start, block.end,
                f"section label “{_show(block.text)}” left above the headline; delete the line",
                fix=_delete_paragraph_fix(article, block, "delete the label line"),
            )


# -- encoding damage ---------------------------------------------------------------------------


def _cp1252(byte: int) -> str:
    """The character a Windows-1252 decoder shows for ``byte`` (undefined bytes pass through)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_SHOWN_AS = {_cp1252(b): b for b in range(0x80, 0x100)}
_CONT = re.escape("".join(_cp1252(b) for b in range(0x80, 0xC0)))
# A UTF-8 sequence (lead byte plus continuation bytes) read as Windows-1252: "â€™" for "’".
# Two-byte sequences only with the lead bytes of Latin-1, Latin Extended-A, Greek, Cyrillic,
# Hebrew and Arabic: other leads read as capitals such as "É" or "Ö", or "ß", which real text
# follows with punctuation ("É…", "Fuß“").
_LEAD2 = "\u00c2-\u00c5\u00ce\u00cf\u00d0\u00d1\u00d7-\u00d9"
_MOJIBAKE = rx.compile(f"(?:[{_LEAD2}][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}})+")
_MOJIBAKE_LEAD = rx.compile(f"[{_LEAD2}\u00e0-\u00f4]")  # what every run opens with
_REPLACEMENT = rx.compile("\ufffd+")
# An apostrophe lost to "?" in a charset conversion ("Kosovo?s", "don?t", "I?m") or turned into
# a double quote ('Brazil"s', 'don"t'). The word is matched possessively (``++``): the mark after
# it is no letter, so giving letters back one by one at every word (what re would try) cannot help.
_LOST_APOSTROPHE = rx.compile(r"\b([A-Za-z]++)[?\"](s|t|m|d|ll|re|ve)\b(?![=&/])")
_PRONOUNS = frozenset("i you we they he she it who that there what".split())


def _repair(run: str) -> str | None:
    """The text ``run`` was before its UTF-8 bytes were read as Windows-1252, or None."""
    try:
        return bytes(_SHOWN_AS[c] for c in run).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None


def _fully_repaired(run: str) -> str | None:
    """Undo one or more rounds of mojibake ("Ã¢â‚¬â„¢" -> "â€™" -> "’")."""
    fixed = _repair(run)
    while fixed is not None and _MOJIBAKE.fullmatch(fixed):
        again = _repair(fixed)
        if again is None:
            break
        fixed = again
    return fixed


def _lost_apostrophe(word: str, suffix: str) -> bool:
    w = word.lower()
    if suffix == "s":
        return len(w) >= 2
    if suffix == "t":
        return w.endswith("n")
    if suffix == "m":
        return w == "i"
    if suffix == "re":
        return w in _PRONOUNS - {"i", "he", "she", "it", "that"}
    return w in _PRONOUNS


def lost_apostrophes(text: str) -> Iterator[re.Match[str]]:
    """Matches of a word, a "?" or '"' standing for an apostrophe, and its clitic ("Iran?s")."""
    if "?" not in text and '"' not in text:  # the mark the expression needs
        return
    for m in _LOST_APOSTROPHE.finditer(text):
        if _lost_apostrophe(m.group(1), m.group(2)) and not _in_url(text, m.start()):
            yield m


def _in_url(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a URL-like token (contains ://, /, = or &)."""
    start = max(text.rfind(c, 0, pos) for c in " \n\t(") + 1
    ends = [i for i in (text.find(c, pos) for c in " \n\t)") if i != -1]
    token = text[start : min(ends, default=len(text))]
    return any(c in token for c in "/=&")


class EncodingDamage(Rule):
    id = "structure/encoding-damage"
    severity = Severity.WARNING
    summary = "Characters garbled by a wrong text encoding (mojibake, “?” for an apostrophe, “�”)"
    docs = """Copy that passed through a system with the wrong character set shows it: "donâ€™t"
    (UTF-8 read as Windows-1252), "Kosovo?s" (a curly apostrophe replaced by a question mark),
    or "�" (a character lost for good). Readers see broken text and trust the story less.

    Only unambiguous damage is flagged: a mojibake sequence must decode back to real UTF-8, and a
    question mark counts as a lost apostrophe only between a word and "s", "t" (after n), "m",
    "re", "ll", "ve" or "d" after a pronoun, outside URLs. Fix: re-export the copy as UTF-8. The
    mojibake fix restores the original characters (safe outside quotes); the apostrophe fix is
    offered but not applied automatically; a "�" must be restored by hand from the source."""
    fixable = True
    bad = (
        "# Talks resume\n\nThe ministerâ€™s office said talks would resume on Monday.\n",
        "# Talks resume\n\nKosovo?s prime minister said talks would resume on Monday.\n",
        "# Talks resume\n\nThe minister\ufffds office said talks would resume on Monday.\n",
    )
    good = (
        "# Talks resume\n\nThe minister’s office said talks would resume in São Paulo. Why? Nobody said.\n",
        "# Talks resume\n\nThe agenda is at https://example.org/search?s=talks&page=2 on the ministry site.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        apostrophe = "’" if article.text.count("’") >= article.text.count("'") else "'"
        for block in article.blocks:
            if block.kind is BlockKind.CODE:
                continue
            if not block.text.isascii() and _MOJIBAKE_LEAD.search(block.text):  # mojibake is not ASCII
                yield from self._mojibake(article, block)
            for m in _REPLACEMENT.finditer(block.text) if "\ufffd" in block.text else ():
                s, e = block.start + m.start(), block.start + m.end()
                yield self.finding(
                    s, e,
                    f"replacement character “�” in “{_show(self._around(article, s, e), 40)}”: a character "
                    "was lost in conversion; restore it from the original copy",
                )
            for m in lost_apostrophes(block.text):
                q = block.start + m.start(2) - 1
                mark = block.text[m.start(2) - 1]
                fix = Fix(f"replace “{mark}” with “{apostrophe}”", (Edit(q, q + 1, apostrophe),), safe=False)
                yield self.finding(
                    block.start + m.start(), block.start + m.end(),
                    f"“{m.group(0)}”: an apostrophe was replaced by “{mark}” in a conversion; write "
                    f"“{m.group(1)}{apostrophe}{m.group(2)}” and re-export the copy as UTF-8",
                    fix=fix,
                )

    def _mojibake(self, article: Article, block: Block) -> Iterator[Finding]:
        for m in _MOJIBAKE.finditer(block.text):
            fixed = _fully_repaired(m.group(0))
            if fixed is None:
                continue
            s, e = block.start + m.start(), block.start + m.end()
            shown = _visible(m.group(0))
            fix = Fix(f"replace “{shown}” with “{fixed}”", (Edit(s, e, fixed),), safe=not article.in_quote(s, e))
            yield self.finding(
                s, e,
                f"mojibake “{shown}” in “{_visible(_show(self._around(article, s, e), 40))}” should read "
                f"“{fixed}”: UTF-8 text was read as Windows-1252; re-export the copy as UTF-8",
                fix=fix,
            )

    @staticmethod
    def _around(article: Article, start: int, end: int) -> str:
        """The word(s) around ``start``..``end`` on the same line."""
        text = article.text
        left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        stops = [i for i in (text.find(" ", end), text.find("\n", end)) if i != -1]
        return text[left : min(stops, default=len(text))]


# -- quotation marks and brackets --------------------------------------------------------------

_MASK = rx.compile(
    r"`[^`\n]*`"  # inline code
    r"|(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"  # Markdown link targets
    r"|</?[A-Za-z][^<>\n]*>"  # HTML tags
    r"|(?:https?://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?')\]]",  # bare URLs
    re.IGNORECASE,
)
_BRACKET = rx.compile(r"[()\[\]]")
_DOUBLE_QUOTE = rx.compile(r"“|”|\"|«|»|’’|‘‘")  # single marks spelled out: scanned by first character
_OPENERS = ("“", "«", "‘‘")
_CONTINUES = rx.compile(r"^[\s>*_-]*[“\"«]")
_ENUMERATOR = rx.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)")  # "1)", "b)" in a list
_EMOTICON_EYES = ":;="
_PAIRS = {")": "(", "]": "["}


@lru_cache(maxsize=256)
def _masked(text: str) -> str:
    """``text`` with inline code, link targets, HTML tags and URLs blanked (same length).
    Remembered: the quotation and bracket rules mask the same blocks."""
    if not ("`" in text or "](" in text or "<" in text or "://" in text or "www." in text.lower()):
        return text  # nothing the mask covers can be there
    return _MASK.sub(lambda m: " " * len(m.group(0)), text)


def _loose_closer(text: str, i: int) -> bool:
    """A closer that needs no opener: a list enumerator ("1)", "b)") or an emoticon (":)")."""
    if i > 0 and text[i - 1] in _EMOTICON_EYES or text[i - 2 : i] in (":-", ";-"):
        return True
    return any(m.end() == i + 1 for m in _ENUMERATOR.finditer(text, max(0, i - 5), i + 1))


def _direction(text: str, i: int, j: int) -> str:
    """Which way the mark at ``text[i:j]`` faces by its neighbours: "open" after a space and before
    a word, "close" after a word and before a space or punctuation, else "glyph" (trust the mark;
    a loosely spaced “ word ” faces the way it is drawn)."""
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    spaced_before = before.isspace() or before in "([{—–-/"
    spaced_after = after.isspace() or after in ".,;:!?)]}—–-"
    if spaced_before != spaced_after:
        return "open" if spaced_before else "close"
    return "glyph"


def _is_arrow(text: str, i: int) -> bool:
    """A guillemet standing alone between spaces ("Read more »") is an arrow, not a quote."""
    return text[i] in "«»" and (i == 0 or text[i - 1].isspace()) and (i + 1 == len(text) or text[i + 1].isspace())


def _quote_marks(text: str) -> tuple[list[tuple[int, str]], int | None]:
    """Problems ``(offset, "stray"|"unclosed")`` in ``text`` and the offset of a quotation still
    open at its end. A mark's direction comes from its neighbours (a mis-curled ”word” still
    opens); straight quotes between words toggle; guillemets may nest."""
    problems: list[tuple[int, str]] = []
    marks = list(_DOUBLE_QUOTE.finditer(text))
    if not marks or "„" in text or "‚" in text:  # German-style quotes close with “: not checked
        return problems, None
    damaged = {m.start(2) - 1 for m in lost_apostrophes(text)}
    opened: list[int] = []
    for m in marks:
        i, mark = m.start(), m.group(0)
        if i in damaged or _is_arrow(text, i) or (mark == '"' and not opened and i > 0 and text[i - 1].isdigit()):
            continue  # an apostrophe, an arrow, or an inch mark (2")
        facing = _direction(text, i, m.end())
        if facing == "glyph":
            facing = "open" if mark in _OPENERS or (mark == '"' and not opened) else "close"
        if facing == "open":
            if opened and mark not in "«»":
                problems.append((opened.pop(), "unclosed"))
            opened.append(i)
        elif opened:
            opened.pop()
        else:
            problems.append((i, "stray"))
    problems += [(i, "unclosed") for i in opened[:-1]]
    return problems, opened[-1] if opened else None


class UnbalancedQuotes(Rule):
    id = "structure/unbalanced-quotes"
    severity = Severity.WARNING
    summary = "A quotation mark opens and never closes, or closes without opening"
    docs = """Within a paragraph every opening double quotation mark needs its closing one. A missing
    mark hides where the speaker's words end, which is an attribution problem as much as a
    typographical one. A quote that runs over several paragraphs follows the news convention: no
    closing mark at the end of a paragraph when the next one reopens the quote.

    Straight quotes after a digit (inch marks, 6'2") and single quotes (apostrophes) are not
    counted; German-style „…“ paragraphs are skipped. Fix: add the missing mark where the quoted
    words end, or delete the stray one."""
    bad = (
        "# Talks resume\n\n“We will be back at the table on Monday, the minister said.\n\nOfficials "
        "gave no details.\n",
        "# Talks resume\n\nThe minister said talks would resume on Monday.” Officials gave no details.\n",
    )
    good = (
        "# Talks resume\n\n“We will be back at the table on Monday,” the minister said.\n",
        "# Talks resume\n\n“We will be back at the table on Monday.\n\n“We have always said so,” the "
        "minister said.\n",
        '# Storm damage\n\nHailstones 2" across fell on the town, the weather service said.\n',
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        blocks = [b for b in article.blocks if b.kind in PROSE]
        for i, block in enumerate(blocks):
            if not _DOUBLE_QUOTE.search(block.text):  # most paragraphs; masking only removes marks
                continue
            problems, open_at = _quote_marks(_masked(block.text))
            if open_at is not None:
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                if nxt is None or not _CONTINUES.match(nxt.text):
                    problems.append((open_at, "unclosed"))
            for offset, kind in sorted(problems):
                at = block.start + offset
                if kind == "unclosed":
                    message = (f"quotation opened at “{_show(block.text[offset:], 40)}” is never closed; add the "
                               "closing mark where the quoted words end")
                else:
                    before = _show(block.text[max(0, offset - 40) : offset + 1], 41)
                    message = (f"closing quotation mark in “{before}” has no opening mark; add the opening "
                               "mark or delete this one")
                yield self.finding(at, at + 1, message)


class UnbalancedBrackets(Rule):
    id = "structure/unbalanced-brackets"
    severity = Severity.WARNING
    summary = "A bracket opens and never closes, or closes without opening"
    docs = """Every "(" and "[" in a paragraph needs its ")" or "]". An unclosed bracket usually
    means a cut or a bad merge swallowed the rest of an aside, and the reader cannot tell where the
    aside ends. List enumerators such as "1)" or "b)", emoticons, URLs, inline code and Markdown
    link targets are not counted. Fix: close the bracket where the aside ends, or delete the
    stray one."""
    bad = (
        "# Talks resume\n\nThe minister (who returned from Geneva on Sunday said talks would resume.\n",
        "# Talks resume\n\nThe minister said talks would resume on Monday] after a pause.\n",
    )
    good = (
        "# Talks resume\n\nThe minister (who returned from Geneva on Sunday) said talks would resume "
        "([agenda](https://example.org/wiki/Talks_(2026))). The options are a) resume or b) wait.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for block in article.blocks:
            if block.kind not in PROSE:
                continue
            if not ("(" in block.text or ")" in block.text or "[" in block.text or "]" in block.text):
                continue
            stack: list[int] = []
            unclosed: list[int] = []
            text = _masked(block.text)
            for m in _BRACKET.finditer(text):
                i, ch = m.start(), m.group()
                if ch in "([":
                    stack.append(i)
                elif ch in ")]":
                    match = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == _PAIRS[ch]), None)
                    if match is not None:
                        unclosed.extend(stack[match + 1 :])
                        del stack[match:]
                    elif not _loose_closer(text, i):
                        at = block.start + i
                        before = _show(block.text[max(0, i - 40) : i + 1], 41)
                        yield self.finding(at, at + 1, f"“{ch}” in “{before}” closes a bracket that was never "
                                           "opened; add the opening one or delete it")
            for i in sorted(unclosed + stack):
                if i > 0 and text[i - 1] in _EMOTICON_EYES:  # ":(" is an emoticon
                    continue
                at = block.start + i
                close = ")" if text[i] == "(" else "]"
                yield self.finding(at, at + 1, f"bracket opened at “{_show(block.text[i:], 40)}” is never "
                                   f"closed; add “{close}” where the aside ends")


# -- white space -------------------------------------------------------------------------------


def _skipped_ranges(article: Article) -> list[tuple[int, int]]:
    """Front matter and code blocks: white space there is content."""
    ranges = [(b.start, b.end) for b in article.blocks if b.kind is BlockKind.CODE]
    if article.format == "markdown":
        from newslint.readers.markdown import split_front_matter

        fm = split_front_matter(article.text)
        if fm and fm[2] != -1:
            ranges.append((0, fm[2]))
    return ranges


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in ranges)


@lru_cache(maxsize=8)
def _blank_run_res(least: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A run of ``least`` or more blank lines, alone and after the line break before it."""
    lines = r"(?:[ \t]*\r?\n){%d,}" % least
    return rx.compile(lines), rx.compile("\n(" + lines + ")")


def _blank_runs(text: str, least: int) -> Iterator[tuple[int, int]]:
    """Spans of the runs of ``least`` or more blank (white-space-only) lines, each from a line
    start. Past the first line a run is matched from the line break before it: an expression
    that opens with a literal lets re jump from line break to line break instead of trying a
    look-behind at every character (a fourteenth of the time on news copy)."""
    at_start, after_break = _blank_run_res(least)
    first = at_start.match(text)
    if first:
        yield first.span()
    for m in after_break.finditer(text, first.end() if first else 0):
        yield m.span(1)


class BlankLines(Rule):
    id = "structure/blank-lines"
    severity = Severity.INFO
    summary = "A run of blank lines"
    docs = """More than `max-blank-lines` (default 1) blank lines in a row, between paragraphs, at the
    start or at the end of the file. Pasted and exported copy collects them; some publishing
    systems turn each into an empty paragraph. Blank lines inside code blocks and front matter are
    left alone. Fix: the safe fix collapses the run (and removes extra blank lines at the start
    and end of the file)."""
    fixable = True
    defaults = {"max-blank-lines": 1}
    bad = ("# Talks resume\n\nTalks resume on Monday, officials said.\n\n\n\nNo agenda was given.\n",
           "# Talks resume\n\nTalks resume on Monday, officials said.\n\n\n\n\n")
    good = ("# Talks resume\n\nTalks resume on Monday, officials said.\n\nNo agenda was given.\n",)

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        if article.source_map is not None:  # the text is not the file
            return
        keep = int(self.options["max-blank-lines"])
        text = article.text
        # a run needs keep + 1 blank lines at a line start: where no blank line holds spaces, tabs
        # or carriage returns, that is keep + 2 line breaks in a row (or keep + 1 at the start;
        # tested first: where there is a run, the rest need not be searched)
        if "\n" * (keep + 2) not in text and not text.startswith("\n" * (keep + 1)):
            if not ("\r" in text or " \n" in text or "\t\n" in text):
                return
        skipped = _skipped_ranges(article)
        for s, e in _blank_runs(text, keep + 1):
            if _overlaps(skipped, s, e):
                continue
            run = text[s:e]
            blank = run.count("\n")
            if s == 0 or e == len(text):
                where = "start" if s == 0 else "end"
                message, replacement = f"{blank} blank lines at the {where} of the file; delete them", ""
            else:
                message = f"{blank} blank lines in a row; keep at most {keep}"
                replacement = ("\r\n" if "\r" in run else "\n") * keep
            yield self.finding(
                s, e,
                message + " (the fix does)",
                fix=Fix("collapse the blank lines", (Edit(s, e, replacement),)),
                blank_lines=blank,
            )


def _may_end_lines_with_space(text: str) -> bool:
    """False when no line of ``text`` ends with white space: then there is no space or tab
    before a "\n", no "\r" (before "\r\n") and no no-break space (single characters are found
    fastest), and the text does not end with a space or tab."""
    return " \n" in text or "\t\n" in text or "\r" in text or "\u00a0" in text or text.endswith((" ", "\t"))


class TrailingWhitespace(Rule):
    id = "structure/trailing-whitespace"
    severity = Severity.INFO
    summary = "White space at the end of a line"
    docs = """Spaces or tabs after the last character of a line: invisible in the editor, but they
    show up as noise in diffs and review tools and some systems carry them into the published
    page. Markdown hard line breaks (two or more spaces before a following line), front matter and
    code blocks are left alone. Fix: the safe fix deletes the white space."""
    fixable = True
    bad = ("# Talks resume\n\nTalks resume on Monday, officials said. \t\n\nNo agenda was given.\n",)
    good = ("# Talks resume\n\nTalks resume on Monday,  \nofficials said.\n",)

    _TRAILING = rx.compile(r"(?<=\S)[ \t\u00a0]+(?=\r?\n|\Z)")

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        if article.source_map is not None:
            return
        text = article.text
        if not _may_end_lines_with_space(text):
            return
        skipped = _skipped_ranges(article)
        for m in self._TRAILING.finditer(text):
            s, e = m.span()
            if _overlaps(skipped, s, e):
                continue
            if article.format == "markdown" and self._hard_break(text, m):
                continue
            yield self.finding(
                s, e,
                f"{e - s} white-space character{'s' if e - s > 1 else ''} at the end of the line; delete "
                "them (the fix does)",
                fix=Fix("delete the trailing white space", (Edit(s, e, ""),)),
            )

    @staticmethod
    def _hard_break(text: str, m: re.Match[str]) -> bool:
        """Two or more spaces before a non-blank line: a Markdown line break, not noise."""
        if len(m.group(0)) < 2 or m.group(0).strip(" "):
            return False
        newline = text.find("\n", m.end())
        if newline == -1:
            return False
        following = text[newline + 1 :].split("\n", 1)[0]
        return bool(following.strip())


RULES = (
    HeadlineRepeatsLede,
    DekLongerThanBody,
    SectionLabel,
    EncodingDamage,
    UnbalancedQuotes,
    UnbalancedBrackets,
    BlankLines,
    TrailingWhitespace,
)

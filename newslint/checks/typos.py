"""typos/*: slips an editor fixes before publishing.

Misspellings from a curated list, likely slips the dictionary does not know (judged with the
article's own evidence: capitals, sentence starts, repetition), repeated words, words the
newsroom rejects, and LanguageTool's matches when a server is configured. Spelling is not
judged inside quoted speech, code, links or source lists.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from newslint.data import load_data
from newslint.languagetool import Composed, Server, ServerSettings, Unavailable, server_settings
from newslint.languagetool import Match as LTMatch
from newslint.model import Article, Block, Edit, Finding, Fix, Severity
from newslint.rule import Context, Rule, Vocabulary
from newslint.text import rx
from newslint.text.spelling import match_case
from newslint.text.words import (
    SPELL_KINDS,
    TITLE_KINDS,
    Prose,
    Shape,
    Spot,
    Word,
    lexicon_words,
    skip_spans,
    words,
)


def _judgement(spot: Spot, prose: Prose, ctx: Context) -> bool | None:
    """How to judge a word: None to leave it alone (quoted, a name, a term the article repeats,
    accepted by the newsroom, ALL CAPS, diacritics); True to judge it strictly as a capitalised
    word that may be a name; False to judge it as an ordinary word."""
    word = spot.word
    if spot.quoted or not word.is_ascii or not word.stem.isalpha():
        return None
    if word is not spot.token and spot.token.text[0].isupper() and not (spot.initial or spot.title_case):
        return None  # a part of a capitalised compound: Li Ka-shing, Qatari-hosted
    if prose.counts[word.stem.lower()] > 1 or _accepted(ctx, spot):
        return None
    shape = word.shape
    if shape is Shape.LOWER:
        return False
    if shape is Shape.TITLE and (spot.title_case or (spot.initial and not spot.before_capital)):
        return True
    return None


def _accepted(ctx: Context, spot: Spot) -> bool:
    vocab = ctx.vocabulary
    return any(vocab.accepts(w) for w in (spot.word.text, spot.word.stem, spot.token.text, spot.token.stem))


def _judged_case(prose: Prose) -> Callable[[Block, str], bool]:
    """A test of whether ``_judgement`` may judge a word (a lowercase stem of ASCII letters, so
    a prefix of its token) somewhere in a block, read from the block's text without tokenising
    it: only lowercase words are judged, or Capitalised ones where a sentence or block starts
    (``Prose.opens``) or in a heading that may be in Title Case."""
    opens = prose.opens

    def judged_case(block: Block, word: str) -> bool:
        text = block.text
        if word in text:
            return True
        title = word.capitalize()
        if block.kind in TITLE_KINDS:
            return title in text
        at = text.find(title)
        while at >= 0:
            if opens(block.start + at):
                return True
            at = text.find(title, at + 1)
        return False

    return judged_case


def _stem_end(word: Word) -> int:
    """End offset of the word without its possessive or clitic (the part a fix replaces)."""
    stem = word.stem
    return word.start + len(stem) if word.norm.startswith(stem) else word.end


class Misspelling(Rule):
    id = "typos/misspelling"
    severity = Severity.ERROR
    summary = "A common misspelling from newslint's curated list"
    docs = """Words such as "recieved", "goverment", "occured" or "teh" that are never correct
    English, from a curated list of frequent misspellings (rules/data/misspellings.yaml). The fix
    replaces the word and is applied by `--fix` when the list gives exactly one correction and the
    word is not inside quoted speech. Quoted speech, code and links are not checked. A name that
    really is spelled this way belongs in `accept` in .newslint.yaml."""
    bad = ("# Council vote\n\nThe council recieved the report on Monday.\n",)
    good = ("# Council vote\n\nThe council received the report on Monday.\n",)
    fixable = True

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        swaps: dict[str, str | list[str]] = load_data("misspellings")["swap"]
        prose = article.prose
        if swaps.keys().isdisjoint(prose.counts):  # no block has one: the common case
            return
        for spot in prose.spots(swaps.__contains__, lambda _, runs: swaps.keys() & runs):
            word = spot.word
            if spot.quoted or _accepted(ctx, spot):
                continue
            fixes = swaps[word.stem.lower()]
            fixes = [fixes] if isinstance(fixes, str) else fixes
            stem = word.stem
            options = [match_case(f, stem) for f in fixes]
            end = _stem_end(word)
            fix = Fix(f"replace with “{options[0]}”", (Edit(word.start, end, options[0]),), safe=len(options) == 1)
            alts = " or ".join(f"“{o}”" for o in options)
            yield self.finding(
                word.start, end, f"“{stem}” is misspelled: write {alts}", fix=fix, word=stem, suggestion=options[0]
            )


class Spelling(Rule):
    id = "typos/spelling"
    severity = Severity.WARNING
    summary = "A word the dictionary does not know, one or two letters away from a common word"
    docs = """An unknown word that sits one edit (two for long words) from a common English word
    is most likely a slip: "Theore are stated" for "There are stated", "weks" for "weeks". The
    checker weighs the evidence an editor would: a capitalised word in mid-sentence, a word
    followed by another capitalised word, or one used more than once in the article is taken for
    a name or a term and left alone; a sentence-initial capitalised word is flagged only when it
    is one letter from a very common word. British and American spellings are both accepted.
    Words in other scripts or languages, with diacritics, in ALL CAPS, with digits, in URLs, code
    and quoted speech are not checked. The message gives the best suggestion; the fix is not
    applied automatically because a rare name can look like a slip: add such names to `accept`
    in .newslint.yaml, or seed the list with `newslint vocab`."""
    bad = (
        {"text": "Talks stall\n\nThe memorandum is intact. Theore are stated, the goods are not.\n", "path": "a.txt"},
        "# Council vote\n\nThe vote was delayed by two weks, the clerk said.\n",
    )
    good = (
        "# Talks stall\n\nForeign Minister Abbas Araqchi said in Isfahan that the colour of the deal had not changed.\n",
        "# Talks stall\n\nThe tuition was cancelled; Araqchi said the programme was honoured.\n",
        "# Grain report\n\nWheat sowings and rice tenderings rose this week, the farm ministry said.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        from newslint.text.spelling import MIN_LENGTH, lexicon

        prose = article.prose
        lex = lexicon()
        curated = load_data("misspellings")["swap"]
        common = lex.common_words
        counts = prose.counts
        in_dictionary = lex.in_dictionary

        def judged(w: str) -> bool:
            """Whether a word is worth judging at all: used once, of ASCII letters, not in the
            dictionary (``_judgement`` and ``Lexicon.slip`` leave every other word alone)."""
            return counts[w] <= 1 and w.isascii() and w.isalpha() and not in_dictionary(w)

        def keep(w: str) -> bool:
            return len(w) >= MIN_LENGTH and w not in common and w not in curated and judged(w)

        unknown = {w for w in lex.uncommon(counts) if len(w) >= MIN_LENGTH and w not in curated}
        if not unknown:
            return
        judged_case = _judged_case(prose)

        def wanted(block: Block, runs: list[str]) -> set[str]:
            """The block's words worth judging: left out where ``_judgement`` would leave them
            alone anyway (a word used once is in one block only, so it is judged there)."""
            unknown_here = unknown.intersection(runs)
            if not unknown_here:  # such a block was never read, nor its contractions
                return unknown_here
            found = {w for w in unknown_here if judged(w) and judged_case(block, w)}
            if not found and "t" in runs:  # "Xn't" leaves the stem "X", not a letter run
                found.update(w for w in (r[:-1] for r in runs if r[-1:] == "n") if keep(w))
            return found

        for spot in prose.spots(keep, wanted):
            strict = _judgement(spot, prose, ctx)
            if strict is None:
                continue
            stem = spot.word.stem
            slip = lex.slip(stem.lower(), strict=strict, context=prose.counts)
            if slip is None:
                continue
            suggestion = match_case(slip.word, stem)
            end = _stem_end(spot.word)
            fix = Fix(f"replace with “{suggestion}”", (Edit(spot.word.start, end, suggestion),), safe=False)
            yield self.finding(
                spot.word.start,
                end,
                f"“{stem}” looks like a typo for “{suggestion}”: correct it, or add the word to `accept` if it is right",
                fix=fix,
                word=stem,
                suggestion=suggestion,
            )


_WH = rx.compile(r"\b(?:what|whatever|where|who|whoever|how|why|when|all)\b", re.IGNORECASE)


class RepeatedWord(Rule):
    id = "typos/repeated-word"
    severity = Severity.ERROR
    summary = "The same word twice in a row"
    docs = """"the the", "to to", "was was": a doubled word, also across a line break, is almost
    always an editing slip. Grammatical doubles are left alone: "that that", "had had", "her her"
    ("gave her her keys"), "is is" and "was was" after a clause ("what it is is a scam"),
    emphatic doubles such as "very very" or "no no", and capitalised names such as "Walla
    Walla". The fix deletes the second word; it is not applied automatically inside quoted
    speech."""
    bad = (
        "# Council vote\n\nThe council approved the the budget on Monday.\n",
        {"text": "Council vote\n\nThe council said it would review the\nthe budget on Monday.\n", "path": "a.txt"},
    )
    good = (
        "# Council vote\n\nShe said that that budget had had its day, and what it is is a mess.\n",
        "# Council vote\n\nThe council met in Walla Walla on Monday.\n",
    )
    fixable = True

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        prose = article.prose
        doubles = lexicon_words("doubles")
        text = article.text
        for block in prose.doubled:
            toks = list(words(block.text, block.start))
            for a, b in zip(toks, toks[1:]):
                lower = a.text.lower()
                if lower != b.text.lower() or text[a.end : b.start].strip() or lower in doubles:
                    continue
                if b.text[0].isupper() or (lower in ("is", "was") and self._after_clause(text, block, a)):
                    continue
                quoted = prose.quoted(a.start, b.end)
                fix = Fix(f"delete the second “{b.text}”", (Edit(a.end, b.end, ""),), safe=not quoted)
                yield self.finding(
                    a.start, b.end, f"“{a.text} {b.text}”: the word is repeated; delete one", fix=fix, word=a.text
                )

    @staticmethod
    def _after_clause(text: str, block: Block, first: Word) -> bool:
        """Whether "is is"/"was was" closes a clause that is the subject ("what it is is ...")."""
        head = text[block.start : first.start]
        sentence = re.split(r"[.!?;:]\s", head)[-1]
        return bool(_WH.search(sentence))


class RejectedWord(Rule):
    id = "typos/rejected-word"
    severity = Severity.WARNING
    summary = "A word the newsroom's vocabulary rejects"
    docs = """Words listed under `reject` in .newslint.yaml (house style: a banned spelling or a
    word the desk never uses) are flagged wherever they appear, quoted speech included. Entries
    are matched as written, and lowercase entries match any casing, like `accept`. The option
    `words` adds entries for this rule alone."""
    bad = ({"text": "# Council vote\n\nThe council sent an e-mail on Monday.\n", "options": {"words": ["e-mail"]}},)
    good = (
        {"text": "# Council vote\n\nThe council sent an email on Monday.\n", "options": {"words": ["e-mail"]}},
    )
    defaults = {"words": []}

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        vocab = Vocabulary(reject=ctx.vocabulary.reject | frozenset(self.options["words"]))
        if not vocab.reject:
            return
        for block in article.blocks:
            if block.kind not in SPELL_KINDS:
                continue
            for tok in words(block.text, block.start):
                for word in [tok, *tok.parts()] if tok.hyphenated else [tok]:
                    if vocab.rejects(word.text) or vocab.rejects(word.stem):
                        yield self.finding(
                            word.start, word.end, f"“{word.text}” is on the newsroom's reject list: reword it",
                            word=word.text,
                        )
                        break


class LanguageToolCheck(Rule):
    id = "typos/languagetool"
    severity = Severity.WARNING
    summary = "A grammar or spelling problem reported by the configured LanguageTool server"
    docs = """When a LanguageTool server is configured (`languagetool: {url: http://localhost:8081,
    language: en-GB}` in .newslint.yaml, or the environment variable NEWSLINT_LANGUAGETOOL_URL),
    the article's English prose is sent to it and each match becomes a finding that quotes
    LanguageTool's message and rule id (e.g. `EN_A_VS_AN`) and offers its first suggestion as an
    unsafe fix. Matches in quoted speech, URLs and code are dropped, and so are spelling matches
    on names, on words the article repeats or the newsroom accepts, on real British or American
    spellings and on words the embedded rules already report. Rules that duplicate newslint's
    own or misread Markdown are off (option `disabled-rules`). Without a server this rule does
    nothing and the embedded checker works alone; when the configured server cannot be reached
    the run warns once and goes on. Start a server with the official Docker image or
    `java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081`."""
    bad = (
        {
            "text": "# Council vote\n\nThe council approved the budget on Monday.\n",
            "options": {"url": "http://127.0.0.1:9"},  # nothing listens there: the one warning
        },
    )
    good = ("# Council vote\n\nThe council approved the budget on Monday.\n",)
    defaults = {
        "url": None,  # a server for this rule alone; normally the config's `languagetool.url`
        "disabled-rules": [
            "ENGLISH_WORD_REPEAT_RULE",  # typos/repeated-word
            "WHITESPACE_RULE",  # Markdown line breaks and indentation
            "EN_QUOTES",  # straight quotes are house style, not an error
            "DASH_RULE",
            "UPPERCASE_SENTENCE_START",  # list items and headings
            "PUNCTUATION_PARAGRAPH_END",  # headlines and headings
        ],
    }

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        # one connection per process (a worker forked from the engine opens its own)
        self._servers: dict[tuple[int, ServerSettings], Server] = {}

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        settings = server_settings(ctx.settings, url=self.options["url"])
        if settings is None:
            return
        key = (os.getpid(), settings)
        server = self._servers.get(key)
        if server is None:
            server = self._servers[key] = Server(settings, self.options["disabled-rules"])
        if server.failure:  # reported once, on the first article
            return
        prose = article.prose
        composed = Composed.of([(b.start, b.text) for b, _ in prose.blocks])
        if not composed.text.strip():
            return
        try:
            matches = server.check(composed.text)
        except Unavailable as exc:
            start, end = article.anchor
            yield self.finding(
                start,
                end,
                f"{exc}: LanguageTool checks are skipped for this run. Start the server, or correct "
                "`languagetool.url` in .newslint.yaml (or NEWSLINT_LANGUAGETOOL_URL)",
                unreachable=settings.url,
                run_level=True,
            )
            return
        yield from self._findings(article, prose, composed, matches, ctx)

    def _findings(
        self, article: Article, prose: Prose, composed: Composed, matches: list[LTMatch], ctx: Context
    ) -> Iterator[Finding]:
        skips = [(b.start + s, b.start + e) for b, _ in prose.blocks for s, e in skip_spans(b.text)]
        located = [(composed.to_article(m.start), m) for m in matches]
        reportable = self._spelling_judged(article, prose, located, ctx)
        for start, m in located:
            end = start + m.end - m.start
            if prose.quoted(start, end) or any(s < end and start < e for s, e in skips):
                continue
            if m.spelling and start not in reportable:
                continue
            text = article.text[start:end]
            best = m.replacements[0] if m.replacements else None
            advice = f": write “{best}”" if best is not None else ""
            fix = Fix(f"replace with “{best}”", (Edit(start, end, best),), safe=False) if best is not None else None
            yield self.finding(
                start,
                end,
                f"“{text}”: {m.message} (LanguageTool {m.rule_id}){advice}",
                fix=fix,
                languagetool_rule=m.rule_id,
                category=m.category,
                suggestion=best,
            )

    @staticmethod
    def _spelling_judged(
        article: Article, prose: Prose, located: list[tuple[int, LTMatch]], ctx: Context
    ) -> set[int]:
        """Starts of the spelling matches worth reporting: ordinary lowercase words that the
        embedded lexicon does not know and that the embedded rules do not already report."""
        from newslint.text.spelling import lexicon

        wanted = {article.text[s : s + m.end - m.start].lower() for s, m in located if m.spelling}
        if not wanted:
            return set()
        lex = lexicon()
        curated = load_data("misspellings")["swap"]
        keep = set()
        for spot in prose.spots(wanted.__contains__):
            lower = spot.word.stem.lower()
            if _judgement(spot, prose, ctx) is not False or lower in curated or lex.known(lower):
                continue
            if lex.slip(lower) is None:
                keep.add(spot.word.start)
        return keep


RULES = (Misspelling, Spelling, RepeatedWord, RejectedWord, LanguageToolCheck)

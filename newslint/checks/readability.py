"""readability/*: overlong sentences and copy written above the newsroom's reading level.

Both rules are ``info``: readability is a house choice, not an error. They measure English body
prose only (see ``newslint/text/readability.py``) and skip copy in other languages, where the
Flesch formulas and the word counts mean nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.model import Article, Finding, Severity
from newslint.rule import Context, Rule
from newslint.text.readability import body_english, body_units


def _quoted_share(article: Article, start: int, end: int) -> float:
    """Share of ``start``..``end`` that lies inside quoted speech."""
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in article.quotes)
    return inside / max(1, end - start)


def _excerpt(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


class LongSentence(Rule):
    id = "readability/long-sentence"
    severity = Severity.INFO
    summary = "A sentence is longer than the newsroom's limit"
    docs = """A body sentence with more words than `max-words` (default 55). Comprehension falls
    quickly with sentence length: wire style guides ask for one idea per sentence and an average
    well under 25 words. The default sits at the longest one per cent of sentences in published
    wire and web copy, so it flags the sentences an editor would split, not house style; set
    `max-words` lower for a stricter desk.

    Sentences that are mostly quoted speech are skipped (an editor cannot split a quote), and so
    are lines of lists and tables that lack full stops. Fix: split the sentence where it changes
    subject, or move the background clause into a sentence of its own."""
    defaults = {"max-words": 55}
    bad = (
        "# Council approves budget\n\nThe council approved the budget on Monday after a debate that "
        "lasted most of the afternoon and touched on road repairs, the library's opening hours, the "
        "cost of the new swimming pool, the salaries of senior officers and a proposal from the "
        "opposition to cut parking fees in the town centre during the Christmas period, its clerk said.\n",
        {"text": "# Council approves budget\n\nThe council approved the budget on Monday after a debate "
                 "that lasted most of the afternoon and touched on road repairs and parking fees, its "
                 "clerk said.\n", "options": {"max-words": 20}},
    )
    good = (
        "# Council approves budget\n\nThe council approved the budget on Monday, its clerk said. The "
        "debate lasted most of the afternoon. It touched on road repairs, the library's opening hours "
        "and the cost of the new swimming pool.\n",
        "# Council approves budget\n\n“We approved a budget that repairs the roads, keeps the library "
        "open on Sundays, pays for the new swimming pool, freezes the salaries of senior officers and "
        "cuts parking fees in the town centre during the whole of the Christmas period for every "
        "resident and every visitor alike,” the mayor said.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        limit = int(self.options["max-words"])
        if not body_english(article):  # is_english of the body sentences
            return
        for start, line, words in body_units(article):  # the units of each sentence, in order
            n = len(words)
            if n <= limit:
                continue
            end = start + len(line)
            if _quoted_share(article, start, end) > 0.5:
                continue
            yield self.finding(
                start, end,
                f"sentence of {n} words (limit {limit}): “{_excerpt(line)}”; split it where it "
                "changes subject or move a clause into a sentence of its own",
                words=n,
            )


class GradeLevel(Rule):
    id = "readability/grade-level"
    severity = Severity.INFO
    summary = "The article reads above the newsroom's grade-level ceiling"
    docs = """The Flesch-Kincaid grade level of the body prose is above `max-grade` (default 14,
    the level of a university text). General-audience news usually aims at grade 8 to 12; set
    `max-grade` to your desk's target. Articles shorter than `min-words` (default 100) are not
    scored: a few sentences give an unstable grade. The score is reported with the Flesch reading
    ease and the average sentence length, so you can see which drives it.

    Fix: shorten the longest sentences first, then replace long words with short ones where the
    meaning allows ("use" for "utilise", "about" for "approximately")."""
    defaults = {"max-grade": 14.0, "min-words": 100}
    bad = (
        {"text": "# Council approves budget\n\n" + "The municipal administration's comprehensive "
                 "infrastructure rehabilitation programme necessitates considerable additional "
                 "expenditure, according to documentation circulated to councillors. " * 6,
         "options": {"min-words": 20}},
    )
    good = (
        "# Council approves budget\n\n" + "The council voted to fix the roads. It will cost a lot. "
        "The work starts in May, the clerk said. " * 8,
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        m = article.metrics  # shared with the JSON output and --statistics: computed once
        if m["grade_level"] is None or m["words"] < int(self.options["min-words"]):
            return
        ceiling = float(self.options["max-grade"])
        if m["grade_level"] <= ceiling or not body_english(article):
            return
        s, e = article.anchor
        yield self.finding(
            s, e,
            f"grade level {m['grade_level']:g} is above the ceiling {ceiling:g} (Flesch reading ease "
            f"{m['flesch_reading_ease']:g}, {m['words_per_sentence']:g} words a sentence); shorten "
            "the longest sentences and prefer shorter words",
            grade_level=m["grade_level"],
            flesch_reading_ease=m["flesch_reading_ease"],
        )


RULES = (LongSentence, GradeLevel)

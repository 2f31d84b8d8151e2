"""Learning a newsroom's vocabulary: the names and terms its copy uses that the dictionary lacks.

``newslint vocab content/ -o newsroom-words.txt`` reads every article under the folders and
writes a word file for ``accept: newsroom-words.txt`` in .newslint.yaml: each word the
dictionary does not know and at least ``--min-articles`` articles use, written as the copy
writes it (lowercase when any use is lowercase, so it matches every casing). Recurring words
that sit one letter from a common word are listed commented out, to be checked before they are
accepted: a desk can misspell a word the same way twice.
"""

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, NamedTuple, Optional

import typer


class Term(NamedTuple):
    """A word the dictionary does not know, as the copy writes it."""

    word: str
    articles: int  # how many articles use it
    uses: int
    suggestion: str | None = None  # a common word it may be a slip for: check before accepting


def learn(paths: Sequence[str], min_articles: int = 2) -> tuple[list[Term], int]:
    """The terms at least ``min_articles`` articles under ``paths`` use, most widespread first,
    and the number of articles read."""
    from newslint.config import Config
    from newslint.readers import ReadFailure, iter_files, read_file
    from newslint.text.spelling import lexicon

    lex = lexicon()
    casings: dict[str, Counter[str]] = {}
    spread: Counter[str] = Counter()
    read = 0
    for item in iter_files(list(paths)):
        if isinstance(item, ReadFailure):
            continue
        path, display = item
        for article in read_file(path, display, Config().max_file_size):
            if isinstance(article, ReadFailure):
                continue
            read += 1
            seen = set()
            for spot in article.prose.spots(lambda w: len(w) > 1 and not (lex.common(w) or lex.in_dictionary(w))):
                word = spot.word.stem
                if not word.isalpha() or (word.isupper() and len(word) > 1):
                    continue  # acronyms are never flagged
                casings.setdefault(word.lower(), Counter())[word] += 1
                seen.add(word.lower())
            spread.update(seen)
    terms = []
    for lower, n in spread.items():
        if n < min_articles:
            continue
        forms = casings[lower]
        written = lower if lower in forms else forms.most_common(1)[0][0]
        slip = lex.slip(lower, strict=written != lower)
        terms.append(Term(written, n, sum(forms.values()), slip.word if slip else None))
    terms.sort(key=lambda t: (-t.articles, t.word.lower()))
    return terms, read


def render(terms: Sequence[Term], paths: Sequence[str], read: int, min_articles: int) -> str:
    """A word file for ``accept:``: one word a line, comments starting with #."""
    lines = [
        f"# Newsroom vocabulary learned by `newslint vocab` from {', '.join(paths)} ({read} articles):",
        f"# words used in at least {min_articles} articles that newslint's dictionary does not know.",
        "# Use it with `accept: <this file>` in .newslint.yaml; delete any line that is a mistake.",
    ]
    lines += [t.word for t in terms if t.suggestion is None]
    doubtful = [t for t in terms if t.suggestion is not None]
    if doubtful:
        lines.append("# One letter from a common word: delete the # before one only if it is right.")
        for t in doubtful:
            lines += [f"# ({t.articles} articles; not “{t.suggestion}”?)", f"#{t.word}"]
    return "\n".join(lines) + "\n"


def vocab_command(
    paths: Annotated[list[Path], typer.Argument(help="Folders or files of copy to learn from.")],
    min_articles: Annotated[
        int, typer.Option("--min-articles", min=1, help="Keep words used in at least this many articles.")
    ] = 2,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the word file here.")] = None,
) -> None:
    """Learn the names and terms a body of copy uses, as a word file for `accept`."""
    names = [str(p) for p in paths]
    terms, read = learn(names, min_articles)
    text = render(terms, names, read, min_articles)
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    kept = sum(t.suggestion is None for t in terms)
    typer.echo(f"{output}: {kept} words from {read} articles ({len(terms) - kept} more to check)", err=True)

"""Plain-text articles: headline, optional dek, one paragraph per line or per blank-line group,
and a trailing source list. Hard-wrapped paragraphs are joined back together."""

from __future__ import annotations

from newslint.model import Article
from newslint.readers import shape
from newslint.readers.blocks import Raw, classify, lines, parse_directive, trimmed

_OPEN_END = tuple(".!?:;\"”’)]…→")


def read_text(text: str, path: str) -> Article:
    raws: list[Raw] = []
    directives = []
    prev_blank = True
    for line_no, (start, end) in enumerate(lines(text), 1):
        s, e = trimmed(text, start, end)
        line = text[s:e]
        if not line:
            prev_blank = True
            continue
        directive = parse_directive(line, s, line_no)
        if directive:
            directives.append(directive)
            prev_blank = True
            continue
        if shape.is_list_item(line):
            marker = shape.list_marker_end(line)
            raws.append(Raw(s + marker, e, line[marker:], "list"))
        elif (
            not prev_blank
            and raws
            and raws[-1].hint == "para"
            and not raws[-1].text.endswith(_OPEN_END)
            and line[0].islower()
        ):
            last = raws[-1]
            raws[-1] = Raw(last.start, e, text[last.start : e], "para")
        else:
            raws.append(Raw(s, e, line, "para"))
        prev_blank = False
    blocks = classify(text, raws, find_headline=True, plain=True)
    return Article(path=path, text=text, blocks=blocks, format="text", directives=directives)

"""Tokenising like an editor reads (newslint.text.words). Every text here was written for these tests."""

from __future__ import annotations

import random

import pytest
from conftest import article

from newslint.text.words import _INITIALS, Prose, Shape, Word, skip_spans, words


def texts(text: str) -> list[str]:
    return [w.text for w in words(text)]


def test_offsets_point_at_the_words_even_when_shifted():
    text = "The minister’s aide said—twice—that it's over."
    for w in words(text, offset=100):
        assert text[w.start - 100 : w.end - 100] == w.text
    assert texts(text) == ["The", "minister’s", "aide", "said", "twice", "that", "it's", "over"]


@pytest.mark.parametrize(
    "text",
    [
        "see https://example.org/reprot/teh-page?x=1 now",
        "see www.exmaple.co.uk/pagez now",
        "write to desk.edtor@example.com now",
        "follow @newsdeskk and #breakingnews now",
        "run `pip instal newslint` now",
        "see [the report](http://example.org/reprot) now",
        "see <span class='xyzzy'> now",
        "buy from <Acmecorp Holdings Inc> now",
        "see bbc.com/newsbeatt now",
        "open /usr/lcoal/bin now",
        "the snake_case_nmae variable now",
        "the U.S. and e.g. now",
        "the 4v6Zgeb code and COVID19 and 1990s now",
        "the &amp; entity now",
    ],
)
def test_non_prose_is_skipped(text):
    assert texts(text)[-1] == "now"
    odd = {"reprot", "teh", "page", "exmaple", "pagez", "edtor", "newsdeskk", "breakingnews", "instal",
           "xyzzy", "Acmecorp", "newsbeatt", "lcoal", "snake", "nmae", "U", "S", "e", "g", "v", "Zgeb",
           "COVID", "s", "amp"}
    assert not odd & set(texts(text))


def test_the_link_label_is_prose_but_its_target_is_not():
    assert texts("see [the reprot](http://example.org/x) now") == ["see", "the", "reprot", "now"]


def test_other_scripts_are_skipped_and_diacritics_kept():
    found = list(words("Москва said taqābul al-iltizām in القاهرة and café"))
    assert [w.text for w in found] == ["said", "taqābul", "al-iltizām", "in", "and", "café"]
    assert not found[1].is_ascii and found[0].is_ascii


def test_a_word_mixing_scripts_is_skipped():
    assert texts("the Тehran office") == ["the", "office"]  # Cyrillic Т


def test_hyphenated_compounds_keep_their_parts_with_offsets():
    text = "a state-aligned, 19-year-old Omani- or Qatari-hosted talk"
    tokens = list(words(text))
    assert [t.text for t in tokens] == ["a", "state-aligned", "year-old", "Omani", "or", "Qatari-hosted", "talk"]
    parts = tokens[1].parts()
    assert [p.text for p in parts] == ["state", "aligned"]
    assert all(text[p.start : p.end] == p.text for p in parts)
    assert tokens[0].parts() == [tokens[0]]


@pytest.mark.parametrize(
    ("token", "stem"),
    [
        ("Iran's", "Iran"),
        ("Iran’s", "Iran"),
        ("Reuters'", "Reuters"),
        ("experts’", "experts"),
        ("they're", "they"),
        ("we’ve", "we"),
        ("don't", "do"),
        ("can’t", "can"),
        ("won't", "will"),
        ("O'Brien", "O'Brien"),
        ("its", "its"),
    ],
)
def test_possessives_and_clitics_are_stripped(token, stem):
    assert Word(0, len(token), token).stem == stem


def test_a_quote_mark_after_a_word_not_ending_in_s_is_not_part_of_it():
    assert texts("the ‘expert’ view") == ["the", "expert", "view"]


@pytest.mark.parametrize(
    ("word", "shape"),
    [("theore", Shape.LOWER), ("Theore", Shape.TITLE), ("NATO", Shape.UPPER), ("iPhone", Shape.MIXED),
     ("McDonald", Shape.MIXED), ("A", Shape.TITLE), ("al-Alam", Shape.MIXED), ("Rouyn-Noranda", Shape.MIXED)],
)
def test_shapes(word, shape):
    assert Word(0, len(word), word).shape is shape


def test_skip_spans_are_ordered_and_do_not_overlap():
    text = "a `https://x.org/y` b <https://x.org/z> c https://x.org/w"
    spans = skip_spans(text)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


# -- Prose: an article's words in context -------------------------------------------------------

STORY = """# Council Approves Bugdet

The council met on Monday. Abbas Araqchi said the vote was close, and R.M. Nicel agreed.

“Theore is more to do,” the clerk said.

Die elektronische Patientenakte soll die Versorgung verbessern und wird von vielen Kassen angeboten.
"""


def spots(text: str, words_wanted: set[str]):
    return {s.word.text: s for s in Prose(article(text)).spots(words_wanted.__contains__)}


def test_spots_carry_their_context():
    found = spots(STORY, {"bugdet", "council", "abbas", "araqchi", "nicel", "theore", "clerk"})
    assert found["Bugdet"].title_case  # the headline is in Title Case
    assert found["Abbas"].initial and found["Abbas"].before_capital  # "Abbas Araqchi": a name
    assert not found["Araqchi"].initial
    assert not found["Nicel"].initial  # after initials, not after a full stop
    assert found["Theore"].quoted and found["Theore"].initial
    assert not found["clerk"].quoted


def test_blocks_in_another_language_are_left_out():
    found = spots(STORY, {"patientenakte", "versorgung", "council"})
    assert {w.lower() for w in found} == {"council"}


def test_telegraphic_english_is_still_english():
    text = "# Acme sets payout\n\nQtly div 12 cts vs 10 cts prior pay April one record March 15\n"
    assert "cts" in spots(text, {"cts"})


def test_counts_ignore_urls():
    prose = Prose(article("# Note\n\nThe wih team met. See https://example.org/wih for more.\n"))
    assert prose.counts["wih"] == 1


# -- shortcuts against the plain computation ----------------------------------------------------

def random_story(rng: random.Random) -> str:
    """A made-up article mixing what the prose readers weigh: sentence starts after initials and
    abbreviations, quotes, capitals, contractions, compounds, slips, URLs and short blocks."""
    vocab = ["the", "council", "said", "Monday", "R.M.", "Nicel", "U.S.", "Dr.", "bugdet", "reprot",
             "Theore", "it's", "don't", "state-aligned", "Araqchi", "“Weks", "are”", "(see", "it)",
             "https://example.org/x", "A.", "Francis", "12", "cts", "vs", "qtly", "div", "—", "and"]
    blocks = []
    for _ in range(rng.randint(1, 6)):
        words_ = [rng.choice(vocab) for _ in range(rng.randint(1, 30))]
        ends = [rng.choice(("", "", "", ".", ",", "?", ". ", ".\n")) for _ in words_]
        body = " ".join(w + e for w, e in zip(words_, ends))
        blocks.append(rng.choice(("", "", "# ", "- ")) + body)
    return "\n\n".join(blocks) + "\n"


def plain_starts(prose: Prose) -> set[int]:
    """The first letter or digit from each sentence and block start, but after initials: what
    ``Prose.opens`` answers, worked out for every start."""
    text = prose.article.text
    out = set()
    for i in [s.start for s in prose.article.sentences] + [b.start for b, _ in prose._runs]:
        while i < len(text) and not text[i].isalnum():
            i += 1
        before = text[max(0, i - 12) : i]
        if not (before.rstrip()[-2:-1].isupper() and _INITIALS.search(before)):
            out.add(i)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_opens_agrees_with_every_start_worked_out(seed):
    rng = random.Random(seed)
    text = STORY if seed == 0 else random_story(rng)
    prose = Prose(article(text))
    starts = plain_starts(prose)
    body = prose.article.text
    assert [i for i, ch in enumerate(body) if ch.isalnum() and prose.opens(i)] == sorted(
        i for i in starts if i < len(body)
    )


@pytest.mark.parametrize("seed", range(40))
def test_blocks_judge_each_distinct_word_once_as_every_word_would(seed):
    from newslint.text.spelling import lexicon
    from newslint.text.words import DICTIONARY_SHARE, FUNCTION_SHARE, MIN_JUDGED_WORDS, lexicon_words

    prose = Prose(article(random_story(random.Random(seed))))
    function_words = lexicon_words("function-words")
    in_dictionary = lexicon().in_dictionary

    def english(runs: list[str]) -> bool:
        weighed = [w for w in runs if len(w) > 1]
        return not weighed or sum(w in function_words for w in weighed) >= FUNCTION_SHARE * len(weighed) or (
            sum(map(in_dictionary, weighed)) >= DICTIONARY_SHARE * len(weighed)
        )

    whole = english([w for _, runs in prose._runs for w in runs])
    expected = [b for b, runs in prose._runs if (english(runs) if len(runs) >= MIN_JUDGED_WORDS else whole)]
    assert [b for b, _ in prose.blocks] == expected

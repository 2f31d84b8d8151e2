"""The story digest's fast paths give what the plain definitions give."""

from __future__ import annotations

import random
from collections import Counter

from newslint.readers import read_bytes
from newslint.text.story import (
    COMMON_ZIPF, KEY_TERMS, SKETCH, _WORD, _key_terms, _smallest, _words, _words_of, generic_names, stem,
)
from newslint.text.spelling import lexicon

ARTICLE = (
    "---\ntitle: Rotterdam dockworkers strike\n---\n\n"
    "Dockworkers at the Port of Rotterdam walked off the job on Tuesday, the FNV union said. "
    "Maersk and Hapag-Lloyd diverted three feeder vessels to Antwerp. U.S. and E.U. officials said Mr. Stam's "
    "union rejected the plan.\n\n"
    "> “We will not accept robots,” FNV negotiator Niek Stam said. Stam’s union wants guarantees.\n\n"
    "- NEWSROOM NOTE: Maasvlakte terminals stay shut until Thursday, the Rotterdam port authority said.\n"
    "- The 1990s-era cranes, rock-'n'-roll music and a--b stay.\n\n"
    "Rotterdam’s mayor said Rotterdam would talk to Maersk, Maersk said, and Maersk agreed.\n"
)


def _reference_key_terms(article):
    """The key terms as first written: one word at a time, in text order."""
    zipf = lexicon().zipf
    weights: Counter[str] = Counter()
    forms: dict[str, dict[str, int]] = {}
    names: set[str] = set()
    for sentence in article.sentences:
        for n, w in enumerate(_WORD.findall(sentence.text)):
            if len(w) < 3 or (len(w) > 4 and w.isupper()) or zipf(w.lower()) >= COMMON_ZIPF:
                continue
            weight, key = max(0.5, 6.5 - zipf(w.lower())), stem(w)
            if n and w[0].isupper() and not w.isupper() and w not in generic_names():
                weight *= 1.5
                names.add(key)
            weights[key] = weights.get(key, 0) + weight
            forms.setdefault(key, {})[w] = forms.get(key, {}).get(w, 0) + 1
    top = weights.most_common(KEY_TERMS)
    shown = tuple(Counter(forms[t]).most_common(1)[0][0] for t, _ in top)
    return tuple((t, round(v, 2)) for t, v in top), shown, frozenset(names & {t for t, _ in top})


def test_key_terms_match_the_word_by_word_definition() -> None:
    article = read_bytes(ARTICLE.encode(), "a.md")
    words, openers, _ = _words(article)
    terms, weights, shown, names = _key_terms(words, openers)
    assert (tuple(zip(terms, weights)), shown, names) == _reference_key_terms(article)


def test_paragraph_words_come_from_their_sentences() -> None:
    article = read_bytes(ARTICLE.encode(), "a.md")
    assert _words(article)[2] == [w for b in article.paragraphs for w in _WORD.findall(b.text)]


def test_smallest_hashes() -> None:
    rng = random.Random(7)
    for n in (0, 1, SKETCH, 2 * SKETCH + 1, 300, 5000):
        hashes = {rng.getrandbits(32) for _ in range(n)}
        assert _smallest(hashes) == tuple(sorted(hashes)[:SKETCH])
    crowded = {(1 << 32) - 1 - i for i in range(1000)}  # too few below the cut: sorts them all
    assert _smallest(crowded) == tuple(sorted(crowded)[:SKETCH])


def test_words_split_as_the_expression_splits() -> None:
    rng = random.Random(11)
    alphabet = "aZq'’-  .é_1\u212a\u017f\n"  # letters, joiners, separators, letters outside A-Z (é, K, long s)
    texts = [ARTICLE, *ARTICLE.splitlines(), "", "'tis the ’90s -- a- -b x_y 3rd", "Café déjà-vu naïve"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(30))) for _ in range(3000)]
    for text in texts:
        assert _words_of(text) == _WORD.findall(text), text


def test_word_memos_stay_bounded(monkeypatch):
    """The story's word memos are plain memos emptied past WORD_MEMO words each (per digest)."""
    from newslint.text import story

    monkeypatch.setattr(story, "WORD_MEMO", 5)
    story.story_digest(read_bytes(ARTICLE.encode(), "a.md"))
    assert story._terms.cache_info().currsize > 5
    story.story_digest(read_bytes(b"# Talks\n\nTalks resumed.\n", "b.md"))  # two words
    assert 0 < story._terms.cache_info().currsize <= 5 and story._topic_stem.cache_info().currsize <= 5

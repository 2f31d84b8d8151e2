"""Who said what: attribution cues, the speaker each names, and the speaker of each quotation.

A *cue* is a reporting verb with its speaker ("X said", "said X", "X told Reuters", "the survey
found"), "according to X", "per X", "citing X", "X was quoted as saying", or a link in the
sentence. Its *speaker* is classified from the words of its noun phrase: a named person or
organisation, a document, a pronoun (a speaker named earlier), an anonymous source (unnamed but
described: "a senior US official", "people familiar with the talks") or a vague one ("sources",
"officials", "experts", "Iranian outlets"). Cues inside quoted speech belong to the quoted
speaker and are ignored. ``analyze`` runs this over an article (``Article.attribution`` keeps
the result) and carries attribution through a paragraph and through quotations that continue
across paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.data import load_data
from newslint.text import rx
from newslint.text.ascii import LOWER_LETTERS, run_table, runs
from newslint.text.memo import bound
from newslint.text.sentences import ABBREVIATIONS, split_text

if TYPE_CHECKING:
    from newslint.model import Article
    from newslint.text.quotes import Quote
    from newslint.text.sentences import Sentence


class SpeakerKind(str, Enum):
    """What a speaker's noun phrase tells the reader about who is speaking."""

    PERSON = "person"  # "John Smith", "Dodd", "the company's chairman"
    ORGANISATION = "organisation"  # "Computer Terminal Systems Inc", "the ministry", "a company spokesman"
    DOCUMENT = "document"  # "the report", "data", "a statement", a linked page
    PRONOUN = "pronoun"  # "he", "they": a speaker named earlier
    ANONYMOUS = "anonymous"  # unnamed but described: "a senior US official", "industry sources"
    VAGUE = "vague"  # undescribed: "a source", "officials", "experts", "Iranian outlets"
    UNKNOWN = "unknown"  # a reporting verb whose subject could not be read

    @property
    def named(self) -> bool:
        """The reader can tell who stands behind the words."""
        return self in _NAMED


_NAMED = frozenset({SpeakerKind.PERSON, SpeakerKind.ORGANISATION, SpeakerKind.DOCUMENT, SpeakerKind.PRONOUN})


class CueKind(str, Enum):
    VERB = "verb"  # "X said", "said X", "the data showed"
    ACCORDING_TO = "according-to"
    PER = "per"  # "per X", "via X"
    CITING = "citing"  # "citing X", "quoted X as saying"
    LINK = "link"  # a link or a numbered reference ("[1]") inside the sentence


class Speaker(NamedTuple):
    """The noun phrase a cue names as its source. ``role`` is the anonymous-source role noun's
    class (source, official, insider, spokesperson, group, opinion, media) or ""."""

    start: int
    end: int
    text: str
    kind: SpeakerKind
    role: str = ""
    plural: bool = False
    affiliated: bool = False  # an affiliation is given ("US", "Treasury", "at the bank")
    knowledge: bool = False  # how they know is given ("familiar with the talks")
    definite: bool = False  # "the official": refers back to a source described earlier


class Cue(NamedTuple):
    """An attribution cue: ``start``..``end`` covers the cue words ("said", "according to")."""

    start: int
    end: int
    kind: CueKind
    word: str
    speaker: Speaker | None

    @property
    def named(self) -> bool:
        return self.speaker is not None and self.speaker.kind.named


class QuoteSpeech(NamedTuple):
    """A quotation and the cue naming its speaker.

    ``where`` says where the speaker is named: ``before`` or ``after`` the quotation (in its own
    sentences, the paragraph's other sentences), ``introduced`` (a colon introduces it),
    ``signed`` (a dash line follows it: "— Jane Doe"), ``continued`` (it continues a quotation
    from the previous paragraph), ``later`` (a continuation in a later paragraph names the
    speaker), ``adjacent`` (the sentence just before it names a speaker or a named subject), or
    "" when nothing does. ``lead`` (on the first paragraph of a
    quotation) counts the quoted sentences the reader gets through before the speaker is named;
    ``late`` counts those of them in paragraphs before the one that names the speaker.
    """

    quote: Quote
    cue: Cue | None
    where: str
    sentences: int
    lead: int
    speech: bool  # looks like direct speech, not a scare quote or a title
    late: int = 0

    @property
    def speaker(self) -> Speaker | None:
        return self.cue.speaker if self.cue else None


def sentences_by_block(sentences: Iterable[Sentence]) -> dict[int, list[int]]:
    """Block index -> the indices of its sentences, in order."""
    out: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        out.setdefault(s.block, []).append(i)
    return out


@dataclass(frozen=True)
class Attribution:
    """Attribution over a whole article. ``cues[i]`` are the cues of ``sentences[i]``;
    ``speech[j]`` attributes ``article.quotes[j]``."""

    sentences: tuple[Sentence, ...]
    cues: tuple[tuple[Cue, ...], ...]
    speech: tuple[QuoteSpeech, ...]
    plain: tuple[str, ...]  # each sentence with its quoted speech blanked out (offsets kept)
    body: tuple[str, ...]  # the texts of the body blocks
    lowered: tuple[str, ...]  # each ``plain`` text lowercased
    words: tuple[frozenset[str], ...]  # the ``PLAIN_WORD`` words of each ``lowered`` text
    by_block: Mapping[int, list[int]]  # block index -> the indices of its sentences, in order

    @cached_property
    def english(self) -> bool:
        """The body reads as English (the lexicons are English). Computed on first use: the
        rules ask only once they have something to report."""
        from newslint.text.readability import is_english

        texts = list(self.body)
        return sum(len(t.split()) for t in texts) < 40 or is_english(texts)  # too short to tell: assume English

    @cached_property
    def _quoted(self) -> dict[int, QuoteSpeech]:
        """Sentence index -> the quotation it lies (mostly) inside."""
        out: dict[int, QuoteSpeech] = {}
        for qs in self.speech:
            q = qs.quote
            for i in self.by_block.get(q.block, ()):
                s = self.sentences[i]
                overlap = min(s.end, q.end) - max(s.start, q.start)
                if overlap > 0 and overlap * 2 >= s.end - s.start:
                    out.setdefault(i, qs)
        return out

    def quote_of(self, index: int) -> QuoteSpeech | None:
        """The quotation sentence ``index`` lies inside (mostly), if any."""
        return self._quoted.get(index)

    def paragraph_cues(self, index: int) -> list[Cue]:
        """Cues of the other sentences in the same block as sentence ``index``, nearest first."""
        near = [
            (abs(j - index), j > index, cue)
            for j in self.by_block[self.sentences[index].block]
            if j != index
            for cue in self.cues[j]
        ]
        return [cue for *_, cue in sorted(near, key=lambda t: (t[0], t[1]))]

    def context(self, index: int) -> Cue | None:
        """The cue that attributes sentence ``index``: its own, the speaker of the quotation it
        lies in, or one carried from another sentence of its paragraph."""
        if self.cues[index]:
            return self.cues[index][0]
        quoted = self.quote_of(index)
        if quoted is not None and quoted.cue is not None:
            return quoted.cue
        near = self.paragraph_cues(index)
        return near[0] if near else None


# -- lexicons ---------------------------------------------------------------------------------


class _Lexicon(NamedTuple):  # (a named tuple: a frozen dataclass costs several times more to define at import)
    verbs: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> (form, category), longest first
    roles: dict[str, str]  # role noun -> role class
    role_pairs: dict[tuple[str, str], str]
    empty: frozenset[str]
    media_modifiers: frozenset[str]
    knowledge: dict[str, tuple[tuple[str, ...], ...]]  # first word -> the phrases it starts
    organisations: frozenset[str]
    org_names: frozenset[str]
    documents: frozenset[str]
    unsourced: frozenset[str]
    triggers: frozenset[str]  # words that can start a cue: a cheap test before tokenizing
    unquoted: frozenset[str]  # those that can start one in a sentence without quotation (not quote-only verbs)
    starts: frozenset[str]  # keys of the tokens that can start a cue: the triggers and "["
    titles: frozenset[str]
    pronouns: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    forms: dict[tuple[str, ...], str] = {}
    data = load_data("reporting-verbs")
    for category in ("speech", "quote-only", "evidence", "cognition"):
        for entry in data[category]:
            for form in entry.split(","):
                forms.setdefault(tuple(form.split()), category)
    verbs: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for form, category in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        verbs.setdefault(form[0], []).append((form, category))
    anon = load_data("anonymous-sources")
    roles: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    for role, words in anon["roles"].items():
        for word in words:
            parts = tuple(str(word).split())
            if len(parts) == 2:
                pairs[(parts[0], parts[1])] = role
            else:
                roles[parts[0]] = role
    knowledge: dict[str, list[tuple[str, ...]]] = {}
    for phrase in anon["knowledge"]:
        words = tuple(phrase.split())
        knowledge.setdefault(words[0], []).append(words)
    speakers = load_data("attribution-speakers")
    other = {"according", "per", "via", "citing", "cited", "quoting", "quoted"}
    triggers = frozenset(verbs) | other
    quote_only = {k for k, v in verbs.items() if k not in other and all(c == "quote-only" for _, c in v)}
    return _Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        roles=roles,
        role_pairs=pairs,
        empty=frozenset(anon["empty-modifiers"]),
        media_modifiers=frozenset(anon["media-modifiers"]),
        knowledge={k: tuple(v) for k, v in knowledge.items()},
        organisations=frozenset(speakers["organisations"]),
        org_names=frozenset(speakers["organisation-names"]),
        documents=frozenset(speakers["documents"]),
        unsourced=frozenset(speakers["unsourced-documents"]),
        triggers=triggers,
        unquoted=triggers - quote_only,
        starts=triggers | {"["},
        titles=frozenset(speakers["titles"]),
        pronouns=frozenset(speakers["pronouns"]),
    )


# -- tokens -----------------------------------------------------------------------------------

QUOTE_TOKEN = '"'
_TOKEN = rx.compile(r"[^\W_]++(?:[_&'’.\-]++[^\W_]++)*+\.?|[,;:()\[\]—–!?\"“”«»„]")
_PUNCT = frozenset(",;:()[]—–!?\"“”«»„")
_DETERMINERS = frozenset("a an the this that these those its their his her our my your some any".split())
_BE = frozenset("is are was were be been being 's".split())
_PASSIVE_ADVERBS = frozenset("also not widely often repeatedly previously never being".split())
_SKIP_BEFORE_VERB = frozenset(
    """also later previously earlier has have had would will could might may did does do not
    never recently repeatedly publicly privately separately further then again once already
    first last yesterday today tonight now still just since ever n't""".split()
)
_STOP = frozenset(
    """that which who whom whose where when while as because if although though since after
    before than so but or nor then is are was were be been being has have had will would could
    should can may might must did do does not what how why whether also said says say told
    there here yet even only just however""".split()
)
_PREPOSITIONS = frozenset("of for at with from in on to by about near over under into among across within".split())
_POST_START = frozenset(
    """for of at with from in close familiar affiliated linked connected aligned based who
    by on to involved knowledgeable briefed near inside within representing speaking working
    loyal allied tied""".split()
)
_AFFILIATING = frozenset(
    """at of for from in with within inside representing affiliated linked close familiar connected
    aligned allied loyal tied based by on""".split()
)
_RELATIVE = frozenset({"who", "which", "that"})
_APPOSITION_OPENERS = frozenset("a an the who which whose its his her their one another now formerly".split())
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec today yesterday tonight morning evening afternoon week month year
    weekend""".split()
)
_CHANNEL_AFTER = frozenset("statement interview filing letter conference briefing release speech post tweet".split())
_AFTER_INVERTED = frozenset("in on at during after last this yesterday today".split())
_DEMONYM = rx.compile(r"^[A-Z][a-z]{2,}(?:ian|ean|ese|ish|can|man|i)$")
_AFFILIATION_CODES = frozenset("us u.s uk u.k eu un u.n western arab gulf".split())
_TRAILING_ADVERBS = frozenset("on in at late early earlier later".split())
_LY_NOUNS = frozenset("family italy rally ally supply assembly".split())
_QUANTIFIERS = frozenset(
    "many some others most few several all both everyone everybody anyone nobody somebody someone".split()
)


@dataclass(slots=True)
class _Token:
    """A word or punctuation mark. Not frozen: a sentence builds dozens of them, and a frozen
    dataclass's ``__init__`` costs several times more; nothing mutates them."""

    start: int
    end: int
    text: str
    key: str  # lowercase, without a trailing period or possessive

    @property
    def punct(self) -> bool:
        return self.text in _PUNCT

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


def _key(word: str) -> str:
    low = word.lower()
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    return low.rstrip(".") or low


WORD_MEMO = 1 << 15  # distinct tokens whose text and key a process remembers before starting afresh


@cache
def _word(raw: str) -> tuple[str, str]:
    """The text and key of the token a ``_TOKEN`` match makes: a sentence-final period is
    dropped, an abbreviation's is kept (words repeat, so this is remembered: a plain memo,
    ``text.memo``, which ``analyze`` empties past WORD_MEMO tokens)."""
    word = raw
    if word.endswith(".") and len(word) > 2 and "." not in word[:-1] and word[:-1].lower() not in ABBREVIATIONS:
        word = word[:-1]
    return word, _key(word)


def tokenize(text: str, offset: int = 0, masks: Sequence[tuple[int, int]] = ()) -> list[_Token]:
    """Word and punctuation tokens of ``text``; each masked span (quoted speech, in article
    offsets) becomes a single quote token."""
    out: list[_Token] = []
    spans = sorted((s - offset, e - offset) for s, e in masks)
    pos = 0
    for s, e in spans + [(len(text), len(text))]:
        s, e = max(s, pos), min(max(e, 0), len(text))
        if s < pos:
            continue
        for m in _TOKEN.finditer(text, pos, s):
            word, key = _word(m.group())
            at = offset + m.start()
            out.append(_Token(at, at + len(word), word, key))
        if e > s:
            out.append(_Token(offset + s, offset + e, QUOTE_TOKEN, QUOTE_TOKEN))
        pos = max(pos, e)
    return out


# -- speakers ---------------------------------------------------------------------------------


def _is_demonym(tok: _Token) -> bool:
    return bool(_DEMONYM.match(tok.text.rstrip("'’s"))) or tok.key in _AFFILIATION_CODES


def _is_name(tok: _Token, first: bool, lex: _Lexicon) -> bool:
    """A capitalised word that names someone (not a title, role, determiner or time word)."""
    if not tok.capital or tok.punct:
        return False
    if tok.key in lex.titles or tok.key in lex.roles or tok.key in _DETERMINERS or tok.key in _TIME_WORDS:
        return False
    if first and (
        tok.key in lex.organisations
        or tok.key in lex.documents
        or tok.key in _PREPOSITIONS
        or tok.key in _QUANTIFIERS
        or tok.key in lex.pronouns
    ):
        return False
    return True


def _has(tokens: Sequence[_Token], phrases: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    """Whether the keys of ``tokens`` contain one of ``phrases`` (filed by their first word)."""
    keys = tuple(t.key for t in tokens)
    return any(keys[i : i + len(p)] == p for i, key in enumerate(keys) for p in phrases.get(key, ()))


def classify(tokens: Sequence[_Token], sentence_start: int = -1) -> Speaker | None:
    """The speaker a noun phrase names; None for an empty phrase."""
    lex = _lexicon()
    tokens = _trim(tokens)
    if not tokens:
        return None
    text_span = (tokens[0].start, tokens[-1].end)

    def make(kind: SpeakerKind, **kw: object) -> Speaker:
        text = " ".join([t.text for t in tokens])
        return Speaker(text_span[0], text_span[1], text, kind, **kw)  # type: ignore[arg-type]

    if len(tokens) == 1 and tokens[0].key in lex.pronouns:
        return make(SpeakerKind.PRONOUN)
    if tokens[0].key in _QUANTIFIERS and len(tokens) == 1:
        return make(SpeakerKind.VAGUE, role="opinion", plural=True)
    cut = next((i for i, t in enumerate(tokens) if i > 0 and t.key in _POST_START), len(tokens))
    head, post = tokens[:cut], tokens[cut:]
    first = [t.start == sentence_start for t in head]
    names = [i for i, t in enumerate(head) if _is_name(t, first[i], lex)]
    role_at, role = _find_role(head, lex)
    affiliating = bool(post) and post[0].key in _AFFILIATING
    post_names = affiliating and any(_is_name(t, False, lex) or _is_demonym(t) for t in post)
    post_orgs = affiliating and any(t.key in lex.organisations for t in post)
    if role:
        if any(i > role_at for i in names):
            return make(SpeakerKind.PERSON)  # "Treasury spokesman John Smith"
        plural = head[role_at].key.endswith("s") or head[role_at].key in ("people", "media", "press")
        definite = head[0].key in ("the", "this", "that", "these", "those")
        if definite and not plural and head[role_at].key in lex.titles and role_at > 1:
            return make(SpeakerKind.PERSON, role=role, definite=True)  # "the foreign minister": one office-holder
        if role == "spokesperson":
            return make(SpeakerKind.ORGANISATION, role=role, plural=plural, affiliated=True, definite=definite)
        if role == "media":
            by = bool(post) and post[0].key in ("by", "from", "in", "on")
            outlet_names = [i for i in names if i < role_at and head[i].key not in lex.media_modifiers]
            named = any(not _is_demonym(head[i]) for i in outlet_names) or (by and post_names)
            if named or (definite and not plural):
                return make(SpeakerKind.DOCUMENT, role=role, plural=plural, affiliated=True, definite=definite)
            return make(SpeakerKind.VAGUE, role=role, plural=plural)
        modifiers = head[:role_at]
        affiliated = (
            any(t.capital and not first[i] or _is_demonym(t) for i, t in enumerate(modifiers))
            or any(t.key not in lex.empty and not t.text[:1].isdigit() for t in modifiers)
            or post_names
            or post_orgs
        )
        knowledge = _has(post, lex.knowledge)
        kind = SpeakerKind.ANONYMOUS if affiliated or knowledge else SpeakerKind.VAGUE
        return make(kind, role=role, plural=plural, affiliated=affiliated, knowledge=knowledge, definite=definite)
    keys = [t.key for t in head]
    if names:
        org = any(head[i].key in lex.org_names or _is_acronym(head[i]) for i in names) or any(
            k in lex.organisations for k in keys
        )
        return make(SpeakerKind.ORGANISATION if org else SpeakerKind.PERSON)
    if any(k in lex.titles for k in keys):
        return make(SpeakerKind.PERSON)  # "the company's chairman"
    if any(k in lex.organisations or " ".join(keys[i : i + 2]) in lex.organisations for i, k in enumerate(keys)):
        return make(SpeakerKind.ORGANISATION)
    if len(keys) == 1 and not post and keys[0] in lex.unsourced:
        return make(SpeakerKind.VAGUE, role="document", plural=True)  # "studies show"
    if any(k in lex.documents for k in keys):
        return make(SpeakerKind.DOCUMENT)
    return make(SpeakerKind.UNKNOWN)


def _is_acronym(tok: _Token) -> bool:
    letters = tok.text.replace(".", "").rstrip("'’s")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _find_role(head: Sequence[_Token], lex: _Lexicon) -> tuple[int, str]:
    """Index and class of the role noun heading ``head`` ("a senior US official", "Treasury
    spokesman John Smith"); a role word followed by another common noun is a modifier
    ("official statistics")."""
    for i in range(len(head) - 1, -1, -1):
        if i > 0 and (head[i - 1].key, head[i].key) in lex.role_pairs:
            return i, lex.role_pairs[(head[i - 1].key, head[i].key)]
        role = lex.roles.get(head[i].key)
        if role:
            return i, role
        if not head[i].capital:
            break
    return -1, ""


def _trim(tokens: Sequence[_Token]) -> list[_Token]:
    """Drop leading prepositions, numbers and time words ("On Tuesday the company")."""
    out = list(tokens)
    while out and (
        out[0].key in _PREPOSITIONS
        or out[0].key in _TIME_WORDS
        or out[0].text[:1].isdigit()
        or out[0].key in ("and", "but", "or")
    ):
        out.pop(0)
    while out and (out[-1].key in _TIME_WORDS or out[-1].key in _TRAILING_ADVERBS):
        out.pop()
    return out


# -- cues -------------------------------------------------------------------------------------


def find_cues(
    text: str,
    offset: int = 0,
    masks: Sequence[tuple[int, int]] = (),
) -> list[Cue]:
    """Attribution cues in one sentence ``text`` starting at article offset ``offset``.

    ``masks`` are spans (article offsets) of quoted speech: words inside them are not cues.
    """
    tokens = tokenize(text, offset, masks)
    return _cues(tokens, offset)


def _cues(tokens: list[_Token], sentence_start: int) -> list[Cue]:
    lex = _lexicon()
    starts = lex.starts
    out: list[Cue] = []
    n = len(tokens)
    after = 0  # tokens before this one belong to a cue found already
    for i in [i for i, t in enumerate(tokens) if t.key in starts]:
        if i < after:
            continue
        tok = tokens[i]
        key = tok.key
        cue: Cue | None = None
        width = 1
        if key == "according" and i + 1 < n and tokens[i + 1].key == "to":
            width = 2
            speaker = _forward(tokens, i + 2, sentence_start)
            if speaker is not None:
                cue = Cue(tok.start, tokens[i + 1].end, CueKind.ACCORDING_TO, "according to", speaker)
        elif key in ("per", "via") and i + 1 < n:
            speaker = _per_speaker(tokens, i + 1, sentence_start)
            if speaker is not None:
                cue = Cue(tok.start, tok.end, CueKind.PER, key, speaker)
        elif tok.text == "[" and i + 2 < n and tokens[i + 1].text.isdigit() and tokens[i + 2].text == "]":
            width = 3
            note = tokens[i + 2]
            speaker = Speaker(tok.start, note.end, f"[{tokens[i + 1].text}]", SpeakerKind.DOCUMENT)
            cue = Cue(tok.start, note.end, CueKind.LINK, "reference", speaker)
        elif key in ("citing", "cited", "quoting", "quoted"):
            passive = _passive(tokens, i)
            speaker = _subject(tokens, i, sentence_start) if passive else _forward(tokens, i + 1, sentence_start)
            if passive and not _quoted_as_saying(tokens, i + 1):
                speaker = None  # "was cited for speeding"
            if speaker is not None and speaker.kind is not SpeakerKind.UNKNOWN:
                cue = Cue(tok.start, tok.end, CueKind.CITING, key, speaker)
        elif key == "saying" and i > 0 and tokens[i - 1].key == "as":
            pass  # "quoted X as saying": the cue is "quoted"
        elif key in lex.verbs:
            cue, width = _verb_cue(tokens, i, sentence_start, lex)
        if cue is not None:
            if cue.speaker is None and out and out[-1].speaker is not None:
                cue = cue._replace(speaker=out[-1].speaker)  # "X said, adding that ..."
            out.append(cue)
            if cue.speaker is not None and cue.speaker.start >= tok.end:
                while i + width < n and tokens[i + width].start < cue.speaker.end:
                    width += 1  # the speaker's words are not cues themselves
        after = i + width
    return out


def _verb_cue(tokens: list[_Token], i: int, sentence_start: int, lex: _Lexicon) -> tuple[Cue | None, int]:
    form, category = _match_verb(tokens, i, lex)
    if not form:
        return None, 1
    width = len(form)
    tok, last = tokens[i], tokens[i + width - 1]
    word = " ".join(form)
    prev = tokens[i - 1].key if i > 0 else ""
    if prev in _DETERMINERS or (i > 0 and tokens[i - 1].text.endswith(("'s", "’s", "s'"))):
        return None, width  # a noun: "a warning", "its forecast"
    if prev == "to":
        return None, width  # an infinitive: "declined to say"
    if tok.key.endswith("ing") and prev in _PREPOSITIONS | {"without", "after", "before", "while"}:
        return None, width  # a gerund: "restraint in reporting"
    if category == "quote-only" and not _next_to_quote(tokens, i, width):
        return None, width
    if _passive(tokens, i):
        agent = _agent(tokens, i + width, sentence_start)
        if agent is not None:
            return Cue(tok.start, last.end, CueKind.VERB, word, agent), width
        return None, width
    speaker = _subject(tokens, i, sentence_start)
    if speaker is None or (speaker.kind is SpeakerKind.UNKNOWN and _inverted_slot(tokens, i)):
        speaker = _forward(tokens, i + width, sentence_start, inverted=True) or speaker
    if category == "evidence":
        if speaker is None or speaker.kind not in (SpeakerKind.DOCUMENT, SpeakerKind.ORGANISATION):
            return None, width
        if word in ("found", "find", "finds") and speaker.kind is not SpeakerKind.DOCUMENT:
            return None, width
    elif category == "cognition":
        if speaker is None or speaker.kind in (SpeakerKind.UNKNOWN, SpeakerKind.DOCUMENT):
            return None, width
    return Cue(tok.start, last.end, CueKind.VERB, word, speaker), width


def _next_to_quote(tokens: list[_Token], i: int, width: int) -> bool:
    """A quotation stands within four tokens before the verb or two after it."""
    before = tokens[max(0, i - 4) : i]
    after = tokens[i + width : i + width + 2]
    return any(t.text == QUOTE_TOKEN for t in before + after)


def _match_verb(tokens: list[_Token], i: int, lex: _Lexicon) -> tuple[tuple[str, ...], str]:
    for form, category in lex.verbs.get(tokens[i].key, ()):
        if len(form) == 1 or tuple(t.key for t in tokens[i : i + len(form)]) == form:  # (a form starts with its key)
            return form, category
    return (), ""


def _passive(tokens: list[_Token], i: int) -> bool:
    j = i - 1
    while j >= 0 and tokens[j].key in _PASSIVE_ADVERBS:
        j -= 1
    return j >= 0 and tokens[j].key in _BE


def _quoted_as_saying(tokens: list[_Token], j: int) -> bool:
    keys = [t.key for t in tokens[j : j + 2]]
    return keys[:2] == ["as", "saying"]


def _agent(tokens: list[_Token], j: int, sentence_start: int) -> Speaker | None:
    """The speaker after "by" in a passive ("was confirmed by the ministry")."""
    for k in range(j, min(j + 3, len(tokens))):
        if tokens[k].key == "by":
            return _forward(tokens, k + 1, sentence_start)
        if tokens[k].punct:
            break
    return None


def _inverted_slot(tokens: list[_Token], i: int) -> bool:
    """The verb follows a quotation or a comma: the speaker may come after it ("..., said X")."""
    return i == 0 or tokens[i - 1].text in (QUOTE_TOKEN, ",", ":")


def _subject(tokens: list[_Token], i: int, sentence_start: int) -> Speaker | None:
    """The speaker before the verb at ``i``: "X said", "X, a spokesman, said", "X, who ..., said"."""
    j = i - 1
    while j >= 0 and (tokens[j].key in _SKIP_BEFORE_VERB or tokens[j].key in _BE or _is_adverb(tokens[j])):
        j -= 1
    if j < 0:
        return None
    tok = tokens[j]
    after_quote = tok.text == "," and j > 0 and tokens[j - 1].text == QUOTE_TOKEN
    if tok.text == QUOTE_TOKEN or tok.text in ":;" or after_quote:
        return None  # after a quotation: the speaker follows the verb
    if tok.key in _RELATIVE:
        k = j - 1
        if k >= 0 and tokens[k].text == ",":
            k -= 1
        return _backward(tokens, k, sentence_start)
    if tok.text == ",":
        return _after_apposition(tokens, j, i, sentence_start)
    return _backward(tokens, j, sentence_start)


def _is_adverb(tok: _Token) -> bool:
    return tok.key.endswith("ly") and len(tok.key) > 4 and not tok.capital and tok.key not in _LY_NOUNS


def _after_apposition(tokens: list[_Token], comma: int, verb: int, sentence_start: int) -> Speaker | None:
    """Speaker when a comma stands before the verb: "X, a spokesman, said" or "..., said X"."""
    end = comma
    appositive = False
    for _ in range(3):
        start = end - 1
        while start >= 0 and tokens[start].text not in _PUNCT:
            start -= 1
        segment = tokens[start + 1 : end]
        if segment and start >= 0 and tokens[start].text == "," and _apposition(segment):
            end, appositive = start, True
            continue
        break
    if appositive:
        subject = _backward(tokens, end - 1, sentence_start)
        if subject is not None and subject.kind is not SpeakerKind.UNKNOWN:
            return subject
    if tokens[verb].key not in ("told", "tell", "tells"):
        after = _forward(tokens, verb + 1, sentence_start, inverted=True)
        if after is not None and after.kind is not SpeakerKind.UNKNOWN:
            return after
    return _backward(tokens, comma - 1, sentence_start)


def _apposition(segment: Sequence[_Token]) -> bool:
    """A comma-delimited insertion describing the subject: "a co-sponsor of the bill", "55",
    "who heads the agency", "D-Conn"."""
    lex = _lexicon()
    first = segment[0]
    if first.key in _APPOSITION_OPENERS:
        return True
    if first.text[:1].isdigit() and len(segment) <= 2:
        return True
    if first.key in lex.titles or first.key in lex.roles:
        return True
    return len(segment) <= 2 and all(t.capital for t in segment)


def _backward(tokens: list[_Token], j: int, sentence_start: int) -> Speaker | None:
    """The noun phrase ending at token ``j``."""
    k = j
    while k >= 0 and j - k < 12:
        tok = tokens[k]
        if tok.punct or tok.key in _STOP or (tok.key == "and" and not _joins_names(tokens, k)):
            break
        k -= 1
    return classify(tokens[k + 1 : j + 1], sentence_start)


def _joins_names(tokens: list[_Token], k: int) -> bool:
    """The "and" at ``k`` joins two names ("Smith and Jones said")."""
    return 0 < k < len(tokens) - 1 and tokens[k - 1].capital and tokens[k + 1].capital


def _forward(tokens: list[_Token], j: int, sentence_start: int, *, inverted: bool = False) -> Speaker | None:
    """The noun phrase starting at token ``j`` ("according to X", "said X, a spokesman")."""
    n = len(tokens)
    if j < n and tokens[j].key == "to":
        return None  # "expects to report": an infinitive, not a speaker
    k = j
    while k < n and k - j < 12:
        tok = tokens[k]
        if tok.punct or tok.key in _STOP or tok.key in _SKIP_BEFORE_VERB:
            break
        if k > j and (_ends_phrase(tokens, k) or (inverted and _match_verb(tokens, k, _lexicon())[0])):
            break
        if tok.key == "and" and not (k > j and _joins_names(tokens, k)):
            break
        k += 1
    if inverted and not (k >= n or tokens[k].punct or tokens[k].key in _AFTER_INVERTED):
        return None  # "said X" must end the clause: "said Smith." / "said Smith, a spokesman"
    return classify(tokens[j:k], sentence_start)


def _ends_phrase(tokens: list[_Token], k: int) -> bool:
    """Token ``k`` starts an adjunct after a noun phrase: "on Tuesday", "in a statement",
    "during the hearing"."""
    key = tokens[k].key
    if key in ("during", "after", "before", "last", "this"):
        return True
    if k + 1 >= len(tokens):
        return False
    nxt = tokens[k + 1]
    if key == "on":
        return nxt.capital or nxt.text[:1].isdigit() or nxt.key in _TIME_WORDS  # "on 28 June"
    if key in ("in", "at") and not nxt.capital:
        return nxt.key in ("a", "an") or nxt.key in _TIME_WORDS or nxt.key in _CHANNEL_AFTER or nxt.key.isdigit()
    return False


def _per_speaker(tokens: list[_Token], j: int, sentence_start: int) -> Speaker | None:
    """"per Reuters", "via state media", "per the report"; not "per share", "via email"."""
    tok = tokens[j]
    speaker = _forward(tokens, j, sentence_start)
    if speaker is None or speaker.kind in (SpeakerKind.UNKNOWN, SpeakerKind.PRONOUN):
        return None
    introduced = tok.capital or tok.key in ("the", "a", "an", "its", "their", "his", "her") or _is_demonym(tok)
    if not introduced and speaker.role != "media":
        return None  # "per person", "per head"
    return speaker


# -- quotations -------------------------------------------------------------------------------

_WORD = rx.compile(r"[^\W_][\w'’\-]*")
PLAIN_WORD = rx.compile(r"[a-z][a-z'’-]*")  # the words ``Attribution.words`` holds
_PLAIN_CHARS = run_table(lambda b: 0x61 <= b <= 0x7A or b in b"'-")  # ``PLAIN_WORD``'s ASCII characters


@cache
def _dash_line() -> re.Pattern[str]:
    """A line that signs a quotation ("— Jane Doe"): compiled on first use (rare)."""
    return rx.compile(r"^[ \t]*[—–-]{1,2}[ \t]*\S")


_SMALL_WORDS = frozenset("a an the and or but of in on at to for with by from as nor vs".split())


@lru_cache(maxsize=1024)
def looks_like_speech(inner: str) -> bool:
    """Direct speech rather than a scare quote, a partial quote, a nickname or a title: it opens
    with a capital, has three words or more, and is not Title Case. (Remembered: a paragraph's
    quotations are each asked about again for every quotation before them.)"""
    stripped = inner.strip(" .…'‘’")
    words = _WORD.findall(stripped)
    if len(words) < 3 or not stripped[:1].isupper():
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if sum(1 for w in content if w[0].isupper()) * 10 >= len(content) * 8:
        return False  # a title: "Dancing with the Stars"
    return len(words) >= 6 or inner.rstrip()[-1:] in ".,!?…"


def count_sentences(text: str) -> int:
    """Sentences of three words or more in ``text`` (at least one)."""
    return max(1, sum(1 for s, e in split_text(text) if len(_WORD.findall(text[s:e])) >= 3))


def analyze(article: Article) -> Attribution:
    """Cues of every sentence and the speaker of every quotation of ``article``."""
    bound(_word, WORD_MEMO)
    sentences = tuple(article.sentences)
    quotes = list(article.quotes)
    by_block: dict[int, list[tuple[int, int]]] = {}
    for q in quotes:
        by_block.setdefault(q.block, []).append((q.start, q.end))
    link_spans = [(ln.start, ln.end, ln.label) for ln in article.links if not ln.in_sources]
    cues: list[tuple[Cue, ...]] = []
    plain: list[str] = []
    lowered: list[str] = []
    words: list[frozenset[str]] = []
    lex = _lexicon()
    for s in sentences:
        masks = [m for m in by_block.get(s.block, ()) if m[0] < s.end and m[1] > s.start]
        text = _blank(s.text, s.start, masks)
        low = text.lower()
        found_words = plain_words(low)
        triggers = lex.triggers if masks or '"' in text else lex.unquoted  # (a quote-only verb needs a quote token)
        found = find_cues(s.text, s.start, masks) if _triggered(text, low, found_words, triggers) else []
        if link_spans:
            found.extend(_link_cues(link_spans, s, masks))
        cues.append(tuple(found))
        plain.append(text)
        lowered.append(low)
        words.append(found_words)
    cues_of = tuple(cues)
    by_block = sentences_by_block(sentences)
    speech = _QuoteReader(article, sentences, cues_of, by_block).read(quotes) if quotes else ()
    body = tuple(b.text for b in article.body)
    return Attribution(sentences, cues_of, speech, tuple(plain), body, tuple(lowered), tuple(words), by_block)


def plain_words(low: str) -> frozenset[str]:
    """The ``PLAIN_WORD`` words of a lowercased text, split in C unless it has a "’": each run
    of ASCII letters, ' and - from its first letter on."""
    if "’" in low:
        return frozenset(PLAIN_WORD.findall(low))
    if "'" not in low and "-" not in low:
        return frozenset(runs(low, LOWER_LETTERS))
    return frozenset([run.lstrip("'-") for run in runs(low, _PLAIN_CHARS)]) - {""}


def _triggered(text: str, low: str, words: frozenset[str], triggers: frozenset[str]) -> bool:
    """Whether a sentence (``text`` with quoted speech blanked, ``low`` lowercased, ``words``
    its ``PLAIN_WORD`` words) may hold a cue: a "[" or a run of letters that is a trigger word
    (the triggers are letters only). A word without ' ’ or - is such a run; the runs inside the
    others are read only when the sentence has one of those marks."""
    if "[" in text or not triggers.isdisjoint(words):
        return True
    joined = "'" in low or "’" in low or "-" in low
    return joined and not triggers.isdisjoint(runs(low, LOWER_LETTERS))


def _blank(text: str, offset: int, masks: Sequence[tuple[int, int]]) -> str:
    """``text`` with the masked spans (article offsets) replaced by spaces."""
    for s, e in masks:
        a, b = max(0, s - offset), min(len(text), e - offset)
        if b > a:
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _link_cues(links: Iterable[tuple[int, int, str]], s: Sentence, masks: Sequence[tuple[int, int]]) -> list[Cue]:
    out = []
    for start, end, label in links:
        if s.start <= start < s.end and not any(a <= start < b for a, b in masks):
            speaker = Speaker(start, end, label or "", SpeakerKind.DOCUMENT)
            out.append(Cue(start, end, CueKind.LINK, "link", speaker))
    return out


class _QuoteReader(NamedTuple):
    """Finds the speaker of each quotation of one article, following quotations that continue
    from paragraph to paragraph (a paragraph ending inside a quotation, the next opening with a
    quote mark)."""

    article: Article
    sentences: tuple[Sentence, ...]
    cues: tuple[tuple[Cue, ...], ...]
    by_block: dict[int, list[int]]  # block index -> the indices of its sentences, in order

    def read(self, quotes: list[Quote]) -> tuple[QuoteSpeech, ...]:
        out: list[QuoteSpeech] = []
        for chain in self._chains(quotes):
            parts = [(quotes[i], *self._local(quotes[i], quotes[i + 1 :])) for i in chain]
            out.extend(self._attribute(parts, out[-1] if out else None))
        return tuple(out)

    def _chains(self, quotes: list[Quote]) -> list[list[int]]:
        chains: list[list[int]] = []
        for i, q in enumerate(quotes):
            if chains and i > 0 and self._continues(quotes[i - 1], q):
                chains[-1].append(i)
            else:
                chains.append([i])
        return chains

    def _continues(self, prev: Quote, q: Quote) -> bool:
        block = self.article.blocks[q.block]
        opens_block = q.start == block.start + len(block.text) - len(block.text.lstrip())
        return not prev.closed and prev.block == q.block - 1 and opens_block

    def _attribute(
        self, parts: list[tuple[Quote, Cue | None, str]], previous: QuoteSpeech | None
    ) -> list[QuoteSpeech]:
        """QuoteSpeech for each paragraph of one quotation; ``previous`` attributes the quotation
        before it."""
        counts = [count_sentences(q.inner) for q, _, _ in parts]
        first = next((k for k, (_, cue, where) in enumerate(parts) if where), None)
        if first is None:
            cue, where = self._context(parts[0][0], previous)
            if where:
                return [QuoteSpeech(q, cue, where, counts[k], 0, True) for k, (q, _, _) in enumerate(parts)]
        chain_cue = parts[first][1] if first is not None else None
        lead = 0
        if first is not None and parts[first][2] == "after":
            lead = sum(counts[: first + 1])
        elif first is not None:
            lead = sum(counts[:first])
        out = []
        for k, (q, cue, where) in enumerate(parts):
            speech = len(parts) > 1 or (looks_like_speech(q.inner) and self._speech_position(q))
            if not where and first is not None:
                where, cue = ("continued" if k > first else "later"), chain_cue
            out.append(
                QuoteSpeech(
                    q,
                    cue,
                    where,
                    counts[k],
                    lead if k == 0 else 0,
                    speech,
                    late=sum(counts[:first]) if k == 0 and first is not None else 0,
                )
            )
        return out

    def _local(self, q: Quote, later: list[Quote]) -> tuple[Cue | None, str]:
        """The cue naming the speaker of ``q`` within its paragraph (or a colon or dash line
        around it), and where it stands. (A quotation lies inside its block, as do the
        sentences.)"""
        sentences = self.sentences
        idx = [i for i in self.by_block.get(q.block, ()) if sentences[i].start < q.end and sentences[i].end > q.start]
        if not idx:
            return None, ""
        cues = self.cues
        next_start = next(
            (o.start for o in later if o.block == q.block and looks_like_speech(o.inner) and self._speech_position(o)),
            None,
        )
        first, last = idx[0], idx[-1]
        block = self.sentences[first].block
        for c in cues[last]:
            if c.start >= q.end and (next_start is None or c.start < next_start):
                return c, "after"
        for c in reversed(cues[first]):
            if c.end <= q.start:
                return c, "before"
        if last + 1 < len(self.sentences) and self.sentences[last + 1].block == block:
            for c in cues[last + 1]:
                if next_start is None or c.start < next_start:
                    return c, "after"
        if first > 0 and self.sentences[first - 1].block == block and cues[first - 1]:
            return cues[first - 1][-1], "before"
        same = [c for j in self.by_block[block] for c in cues[j]]
        names = {c.speaker.text.lower() for c in same if c.speaker and c.speaker.kind is not SpeakerKind.PRONOUN}
        if same and len(names) <= 1:  # the paragraph has one speaker
            return same[0], "before" if same[0].end <= q.start else "after"
        if self._introduced(q, first):
            intro = cues[first][-1] if cues[first] else (cues[first - 1][-1] if first > 0 and cues[first - 1] else None)
            return intro, "introduced"
        if self._signed(q):
            return None, "signed"
        return None, ""

    def _context(self, q: Quote, previous: QuoteSpeech | None) -> tuple[Cue | None, str]:
        """The speaker of a quotation its own paragraph does not name: a cue in the sentence just
        before it, across a paragraph break ("... he wrote on Instagram." then a quoted
        paragraph); the speaker of a quoted paragraph just before it (wire copy runs one
        speaker's quotes paragraph after paragraph); or a named subject of the sentence before it
        ("Aderholt returned to the issue. “What ...?”"). The next paragraph does not count: it
        usually moves on to another source."""
        j = next((i for i, s in enumerate(self.sentences) if s.end > q.start), 0) - 1
        if j < 0:
            return None, ""
        if self.cues[j]:
            return self.cues[j][-1], "adjacent"
        before = self.sentences[j]
        if previous is not None and previous.cue is not None and previous.quote.block == before.block:
            block = self.article.blocks[before.block]
            if previous.quote.start - block.start <= 1 and before.block == q.block - 1:
                return previous.cue, "continued"
        if before.block == q.block and _named_subject(before.text, before.start):
            return None, "adjacent"
        return None, ""

    def _speech_position(self, q: Quote) -> bool:
        """The quotation stands where speech stands: opening its sentence or paragraph, or after
        a colon, comma, dash, "that" or a verb; not after an article, a possessive or a noun
        ("the slogan “...”", "South Dakota’s “...” campaign"), where it names something."""
        block = self.article.blocks[q.block]
        before = self.article.text[block.start : q.start].rstrip()
        if not before or before[-1] in ":,.!?;—–-(…":
            return True
        last = before.split()[-1].lower().strip("*_")
        return last in ("that", "and", "or", "but", "then") or last in _lexicon().verbs

    def _introduced(self, q: Quote, first: int) -> bool:
        """A colon introduces the quotation: "He said:" or "the statement read:"."""
        s = self.sentences[first]
        block = self.article.blocks[s.block]
        before = self.article.text[block.start : q.start].rstrip()
        if before:
            return before.endswith(":")
        return first > 0 and self.sentences[first - 1].text.rstrip().endswith(":")

    def _signed(self, q: Quote) -> bool:
        """A dash line names the speaker after the quotation ("— Jane Doe, reader")."""
        text = self.article.text
        block = self.article.blocks[q.block]
        rest = text[q.end : block.end]
        if rest.strip():
            return bool(_dash_line().match(rest))
        nxt = text[block.end : block.end + 200].lstrip("\r\n")
        line = nxt.split("\n", 1)[0]
        return bool(_dash_line().match(line)) and len(line.split()) <= 15


def _named_subject(text: str, offset: int) -> bool:
    """The sentence opens with a named person ("Aderholt returned to the issue.")."""
    tokens = tokenize(text, offset)
    k = 0
    while k < len(tokens) and k < 4 and tokens[k].capital and not tokens[k].punct:
        k += 1
    speaker = classify(tokens[:k], offset) if k else None
    return speaker is not None and speaker.kind is SpeakerKind.PERSON

"""Who said what: attribution cues, speakers and quotation speakers (newslint/text/attribution.py).

All sentences are written for these tests in the style of wire and web copy.
"""

from __future__ import annotations

import pytest
from conftest import article

from newslint.text.attribution import (
    CueKind,
    SpeakerKind,
    count_sentences,
    find_cues,
    looks_like_speech,
)
from newslint.text.quotes import quote_spans


def cues(sentence: str):
    masks = [(s, e) for s, e, _ in quote_spans(sentence)]
    return find_cues(sentence, 0, masks)


def speaker(sentence: str):
    found = cues(sentence)
    assert found, f"no cue in {sentence!r}"
    assert found[0].speaker is not None, f"no speaker in {sentence!r}"
    return found[0].speaker


# -- wire-style cues and speakers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "kind"),
    [
        ("Harbor Freight Lines Inc said it had sold its trucking unit.", "Harbor Freight Lines Inc", SpeakerKind.ORGANISATION),
        ("The company said the warrants expire in five years.", "The company", SpeakerKind.ORGANISATION),
        ("Exports will rise 4 pct this year, the ministry said.", "the ministry", SpeakerKind.ORGANISATION),
        ("Prices will stay firm, said Maria Lopez, a grain analyst.", "Maria Lopez", SpeakerKind.PERSON),
        ("“We are not leaving,” said Tom Reyes.", "Tom Reyes", SpeakerKind.PERSON),
        ("“We are not leaving,” Reyes told reporters.", "Reyes", SpeakerKind.PERSON),
        ("Sen. Ann Holt, D-Ore., a sponsor of the bill, said banks hide fees.", "Sen. Ann Holt", SpeakerKind.PERSON),
        ("Holt said in a statement that the bill would pass.", "Holt", SpeakerKind.PERSON),
        ("Mayor Dan Ruiz told Reuters the bridge would reopen in May.", "Mayor Dan Ruiz", SpeakerKind.PERSON),
        ("Ruiz, who took office in March, said the bridge was safe.", "Ruiz", SpeakerKind.PERSON),
        ("It also said it would cut 300 jobs.", "It", SpeakerKind.PRONOUN),
        ("A company spokesman said the plant would close.", "A company spokesman", SpeakerKind.ORGANISATION),
        ("The survey found that most voters were undecided.", "The survey", SpeakerKind.DOCUMENT),
        ("Data from the labour office showed hiring slowed.", "Data from the labour office", SpeakerKind.DOCUMENT),
    ],
)
def test_named_speakers(sentence, text, kind):
    sp = speaker(sentence)
    assert (sp.text, sp.kind) == (text, kind)
    assert sp.kind.named


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "role"),
    [
        ("The deal is off, a source said.", "a source", SpeakerKind.VAGUE, "source"),
        ("Sources say the deal is off.", "Sources", SpeakerKind.VAGUE, "source"),
        ("Officials said the road would stay closed.", "Officials", SpeakerKind.VAGUE, "official"),
        ("A senior official said the talks had stalled.", "A senior official", SpeakerKind.VAGUE, "official"),
        ("A senior US official said the talks had stalled.", "A senior US official", SpeakerKind.ANONYMOUS, "official"),
        ("Peruvian officials said the mine would reopen.", "Peruvian officials", SpeakerKind.ANONYMOUS, "official"),
        ("Shipping sources said two tankers were delayed.", "Shipping sources", SpeakerKind.ANONYMOUS, "source"),
        ("People familiar with the talks said a deal was near.", "People familiar with the talks", SpeakerKind.ANONYMOUS, "insider"),
        ("Experts say the bridge is unsafe.", "Experts", SpeakerKind.VAGUE, "opinion"),
        ("Local media reported that the mayor had resigned.", "Local media", SpeakerKind.VAGUE, "media"),
        ("Chilean outlets described the vote as a rebuke.", "Chilean outlets", SpeakerKind.VAGUE, "media"),
        (
            "An outlet affiliated with the ruling party claimed the vote was rigged.",
            "An outlet affiliated with the ruling party",
            SpeakerKind.VAGUE,
            "media",
        ),
    ],
)
def test_unnamed_speakers(sentence, text, kind, role):
    sp = speaker(sentence)
    assert (sp.text, sp.kind, sp.role) == (text, kind, role)
    assert not sp.kind.named


def test_speaker_details():
    sp = speaker("People familiar with the matter said the bid would fail.")
    assert sp.knowledge and sp.plural
    sp = speaker("A Treasury official told Reuters the auction was postponed.")
    assert sp.affiliated and not sp.plural and not sp.knowledge
    assert speaker("The official said the auction was postponed.").definite
    assert speaker("The source, who asked not to be named, said the talks failed.").definite


def test_role_word_used_as_modifier_is_not_a_role():
    # "official statistics" are a document, not an official
    found = cues("Exports rose 3 pct, according to official statistics.")
    assert found[0].kind is CueKind.ACCORDING_TO
    assert found[0].speaker.role == ""


@pytest.mark.parametrize(
    ("sentence", "kind", "text"),
    [
        ("According to the central bank, reserves fell.", CueKind.ACCORDING_TO, "the central bank"),
        ("Reserves fell, according to people briefed on the figures.", CueKind.ACCORDING_TO, "people briefed on the figures"),
        ("Reserves fell, per Bloomberg.", CueKind.PER, "Bloomberg"),
        ("The remarks, relayed via state media, drew criticism.", CueKind.PER, "state media"),
        ("Reuters, citing two diplomats, reported the talks had ended.", CueKind.CITING, "two diplomats"),
        ("The newspaper quoted a police officer as saying the road was shut.", CueKind.CITING, "a police officer"),
        ("She was quoted as saying the road was shut.", CueKind.CITING, "She"),
        ("The closure was confirmed by the transport ministry.", CueKind.VERB, "the transport ministry"),
        ("Most alarms need no response [2].", CueKind.LINK, "[2]"),
    ],
)
def test_other_cue_forms(sentence, kind, text):
    found = cues(sentence)
    assert [(c.kind, c.speaker.text) for c in found][:1] == [(kind, text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The shares rose 2 dlrs per share.",
        "The port was shut, citing bad weather.",  # a reason, not a source
        "He declined to say how many people were hurt.",
        "The deal was announced on Monday.",  # agentless passive
        "The plan drew a warning from the union.",  # a noun, not a verb
        "The board was praised for restraint in reporting the case.",  # a gerund
        "The loss is expected to widen.",
        "Sales continued to climb in May.",  # "continued" attributes only next to a quote
        "The bus costs $5 per person.",
    ],
)
def test_not_cues(sentence):
    assert [c for c in cues(sentence) if c.speaker is not None and c.speaker.kind is not SpeakerKind.UNKNOWN] == []


def test_cues_inside_quotes_belong_to_the_quoted_speaker():
    found = cues("“Officials said it was safe,” Lena Park said.")
    assert [c.speaker.text for c in found] == ["Lena Park"]


def test_participle_inherits_the_speaker():
    found = cues("“It is over,” Park said, adding that she would resign.")
    assert [c.speaker.text for c in found] == ["Park", "Park"]


def test_quote_only_verbs_need_a_quote():
    assert speaker("“Step out of the car,” an officer ordered.").text == "an officer"
    assert cues("The court ordered a new trial.") == []


# -- quotations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("We will not come back to the table,", True),
        ("This is over.", True),
        ("on track", False),  # a scare quote
        ("dead in the water", False),  # a partial quote
        ("Dancing with the Stars", False),  # a title
        ("Financial Freedom: A Proven Path to All the Money You Will Ever Need", False),
    ],
)
def test_looks_like_speech(inner, expected):
    assert looks_like_speech(inner) is expected


def test_count_sentences():
    assert count_sentences("We are leaving. The attacks must stop. Now.") == 2
    assert count_sentences("Go.") == 1


def speech_of(text: str):
    a = article(text)
    attr = a.attribution
    return [(qs.quote.inner, qs.where, qs.speaker.text if qs.speaker else None, qs.lead, qs.late) for qs in attr.speech]


def test_quote_speaker_after_and_before():
    got = speech_of("# T\n\n“We are leaving,” the minister said. “The attacks must stop.”\n")
    assert got == [
        ("We are leaving,", "after", "the minister", 1, 0),
        ("The attacks must stop.", "before", "the minister", 0, 0),
    ]


def test_quote_introduced_by_a_colon_in_the_previous_paragraph():
    got = speech_of("# T\n\nThe ministry said in a statement:\n\n“The talks are suspended until further notice.”\n")
    assert got[0][1] == "introduced"
    assert got[0][2] == "The ministry"


def test_continuing_quote_across_paragraphs():
    text = (
        "# T\n\n“We will not return to the table,” Foreign Minister Ana Silva said. “The attacks "
        "have to stop first.\n\n“Nobody negotiates under fire. Nobody.”\n"
    )
    got = speech_of(text)
    assert [g[1] for g in got] == ["after", "before", "continued"]
    assert {g[2] for g in got} == {"Foreign Minister Ana Silva"}


def test_continuing_quote_named_only_in_a_later_paragraph():
    text = (
        "# T\n\n“We will not return to the table. The attacks have to stop first.\n\n"
        "“Nobody negotiates under fire,” Silva said.\n"
    )
    got = speech_of(text)
    assert got[0][1:] == ("later", "Silva", 3, 2)
    assert got[1][1] == "after"


def test_quote_with_no_speaker():
    got = speech_of("# T\n\nThe talks ended on Friday.\n\n“We will not return to the table.”\n\nRain fell.\n")
    assert got == [("We will not return to the table.", "", None, 0, 0)]


def test_quote_with_speaker_in_the_sentence_before_across_paragraphs():
    got = speech_of("# T\n\nThe minister wrote on her blog on Friday.\n\n“We will not return to the table.”\n")
    assert got[0][1:3] == ("adjacent", "The minister")


def test_signed_quote():
    got = speech_of("# T\n\n“The show was great and the staff were kind.”\n\n— Dana, a reader\n")
    assert got[0][1] == "signed"


# -- paragraph context ------------------------------------------------------------------------


def test_attribution_carries_over_within_a_paragraph():
    a = article(
        "# T\n\nThe statistics office said exports fell in May. They dropped 12 percent from a year "
        "earlier.\n\nImports rose 3 percent.\n"
    )
    attr = a.attribution
    second = next(i for i, s in enumerate(attr.sentences) if s.text.startswith("They dropped"))
    third = next(i for i, s in enumerate(attr.sentences) if s.text.startswith("Imports"))
    assert attr.context(second).speaker.text == "The statistics office"
    assert attr.context(third) is None


def test_sentence_inside_an_attributed_quote():
    a = article("# T\n\n“We are leaving. Prices rose 40 percent,” the mayor said.\n")
    attr = a.attribution
    first = next(i for i, s in enumerate(attr.sentences) if s.text.startswith("“We"))
    assert attr.quote_of(first).speaker.text == "the mayor"
    assert attr.context(first).speaker.text == "the mayor"


def test_link_is_a_cue():
    a = article("# T\n\nExports fell 12 percent in May ([figures](https://stats.example.org/may)).\n")
    attr = a.attribution
    body = next(i for i, s in enumerate(attr.sentences) if s.text.startswith("Exports"))
    assert [c.kind for c in attr.cues[body]] == [CueKind.LINK]


def test_english_flag():
    assert article("# T\n\nThe minister said the talks would resume on Monday.\n").attribution.english
    german = (
        "# T\n\nDer Minister sagte am Freitag, die Gespräche mit der Regierung würden am Montag in Genf "
        "fortgesetzt. Die Delegationen hätten sich auf einen Zeitplan geeinigt, der bis zum Ende des "
        "Monats gelte. Ein Sprecher der Opposition sagte, man werde die Ergebnisse genau prüfen und "
        "danach über die nächsten Schritte entscheiden.\n"
    )
    assert not article(german).attribution.english

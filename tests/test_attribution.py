"""The attribution/* rules on planted cases and on well-attributed copy.

Every text here was written for these tests; none is taken from real articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, article, flagged_text as flagged, run_rule as run

from newslint.checks import attribution as rules
from newslint.model import Severity
from newslint.rule import Context


WELL_ATTRIBUTED = """# Port strike halts grain exports

Dockworkers at the port of Valmera walked off the job on Monday, halting grain exports, the
port authority said.

About 40 percent of the country's wheat leaves through Valmera, according to the agriculture
ministry. Exports were worth $2.1 billion last year, it said.

“We will stay out until the contract is signed,” union leader Marta Quell told reporters. “Our
members have waited two years.”

Three people were injured in scuffles at the gate, police said. A police spokesman said no
arrests were made.

A senior port official, who spoke on condition of anonymity because he was not authorised to
discuss the talks, said a deal was close.
"""


@pytest.mark.parametrize("cls", rules.RULES, ids=lambda c: c.id)
def test_well_attributed_copy_is_clean(cls):
    assert run(cls, WELL_ATTRIBUTED) == []


# -- unattributed claims ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("# Shelling\n\nAt least 23 people were killed in the shelling of the market on Sunday.\n", "At least 23 people were killed"),
        ("# Blast\n\nThe blast killed nine soldiers and wounded dozens more.\n", "killed nine"),
        ("# Flood\n\nThe death toll rose to 57 on Tuesday as rescuers reached the valley.\n", "death toll rose to 57"),
        ("# Crash\n\nTwo passengers died and 14 were hurt when the bus left the road.\n", "Two passengers died"),
    ],
)
def test_unattributed_casualties(text, claim):
    findings = run(rules.UnattributedCasualties, text)
    assert len(findings) == 1
    assert findings[0].severity is Severity.ERROR
    assert claim in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "# Shelling\n\nAt least 23 people were killed in the shelling, the health ministry said.\n",
        "# Shelling\n\nAt least 23 people were killed in the shelling on Sunday. The regional governor gave "
        "the figure and said the toll could rise.\n",
        "# Shelling\n\n“Twelve people died in my street,” said Omar Dali, a shopkeeper.\n",
        "# Talks\n\nThe two delegations met for six hours in Geneva.\n",
    ],
)
def test_attributed_casualties_pass(text):
    assert run(rules.UnattributedCasualties, text) == []


def test_casualty_source_must_be_next_to_the_count():
    # a source two paragraphs away does not attribute a casualty count (AP: in the same sentence)
    text = (
        "# Shelling\n\nAt least 23 people were killed in the shelling on Sunday.\n\nThe market was "
        "destroyed.\n\nThe regional governor said the army would investigate.\n"
    )
    assert len(run(rules.UnattributedCasualties, text)) == 1


def test_unattributed_figure():
    text = "# Prices\n\nInflation hit 9.4 percent in March, the highest rate in three decades.\n"
    findings = run(rules.UnattributedFigure, text)
    assert [f.data["claim"] for f in findings] == ["9.4 percent"]
    assert findings[0].severity is Severity.WARNING
    assert "percentage" in findings[0].message
    money = run(rules.UnattributedFigure, "# Bridge\n\nThe new bridge will cost $4.5 billion to build.\n")
    assert [f.data["claim"] for f in money] == ["$4.5 billion"]


@pytest.mark.parametrize(
    "text",
    [
        # attributed in the same sentence, the same paragraph, an earlier or the next paragraph
        "# Prices\n\nInflation hit 9.4 percent in March, the statistics office said.\n",
        "# Prices\n\nThe statistics office published March data on Friday. Inflation hit 9.4 percent.\n",
        "# Prices\n\nThe central bank said price pressure was easing.\n\nInflation hit 9.4 percent in March.\n",
        "# Prices\n\nInflation hit 9.4 percent in March.\n\nThe figure, released by the statistics office, "
        "was above forecasts, economists said.\n",
        # a price tag, a first-person account, a table, a heading
        "# Review\n\nThe headphones cost $349 and come in two colours.\n",
        "# Review\n\nI paid $40 for the case and it cracked in a week.\n",
        "# Results\n\nShr 1.10 dlrs vs 95 cts\n\nNet 8.2 mln dlrs vs 7.1 mln dlrs\n",
        "# Deals\n\n## Laptop for $499\n\nA fine machine.\n",
    ],
)
def test_figures_in_attributed_context_pass(text):
    assert run(rules.UnattributedFigure, text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("# Raid\n\nThe militia carried out the massacre in the village last spring.\n", "accusation"),
        ("# Case\n\nThe governor allegedly took bribes from two contractors.\n", "accusation"),
        ("# Camp\n\nThe army has been accused of blocking aid convoys.\n", "accusation"),
        ("# Storm\n\nIt was the deadliest storm to hit the coast in decades.\n", "superlative"),
    ],
)
def test_unattributed_claims(text, kind):
    findings = run(rules.UnattributedClaim, text)
    assert len(findings) == 1 and kind in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "# Raid\n\nThe militia carried out the massacre in the village, survivors told the BBC.\n",
        "# Case\n\nProsecutors say the governor took bribes. He allegedly hid the cash abroad.\n",
        "# Storm\n\nIt was the deadliest storm in decades, according to the weather service.\n",
        "# Deals\n\nThe earbuds are at the lowest price ever for Black Friday.\n",
    ],
)
def test_attributed_claims_pass(text):
    assert run(rules.UnattributedClaim, text) == []


# -- anonymous and vague sources -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("# Talks\n\nThe talks have collapsed, a source said.\n", "a source"),
        ("# Talks\n\nSources say the talks have collapsed.\n", "Sources"),
        ("# Talks\n\nOfficials say the road will reopen in May.\n", "Officials"),
        ("# Talks\n\nThe bid will fail, according to informed sources.\n", "informed sources"),
        ("# Talks\n\nA senior official told Reuters the talks had stalled.\n", "A senior official"),
    ],
)
def test_bare_sources(text, speaker):
    findings = run(rules.BareSource, text)
    assert [f.data["speaker"] for f in findings] == [speaker]
    assert "who they are" in findings[0].message and "why they are not named" in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        # described, named, or referring back to a source described earlier
        "# Talks\n\nA European diplomat familiar with the talks said they had collapsed.\n",
        "# Talks\n\nChilean officials said the mine would reopen. One official said it would take a month.\n",
        "# Talks\n\nA senior US official said the talks had stalled. The official said a new round was "
        "unlikely.\n",
        "# Cat\n\nThe Harbor Animal Shelter announced the cat had been found. Officials said its chip "
        "was still readable.\n",
        # quoted speech belongs to its speaker
        "# Talks\n\n“Sources say all sorts of things,” the minister said.\n",
    ],
)
def test_described_sources_pass(text):
    assert run(rules.BareSource, text) == []


def test_anonymous_source_says_what_is_missing():
    findings = run(rules.AnonymousSource, "# Talks\n\nA senior US official said the meetings remain on track.\n")
    assert [f.data["speaker"] for f in findings] == ["A senior US official"]
    assert findings[0].severity is Severity.INFO
    assert "why they are not named" in findings[0].message
    assert run(
        rules.AnonymousSource,
        "# Talks\n\nA senior US official who attended the meeting said it went well. He spoke on "
        "condition of anonymity because the talks are private.\n",
    ) == []


def test_anonymous_source_reported_once_per_article():
    text = "# Talks\n\nAn Iranian official said the talks were off.\n\nAn Iranian official later said they might resume.\n"
    assert len(run(rules.AnonymousSource, text)) == 1


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("# Vote\n\nChilean outlets described the vote as a rebuke.\n", "Chilean outlets"),
        ("# Vote\n\nAn outlet affiliated with the ruling party claimed the vote was rigged.\n",
         "An outlet affiliated with the ruling party"),
        ("# Fire\n\nThe fire destroyed four homes, local media reported.\n", "local media"),
        ("# Vote\n\nThe remarks, relayed via state media, drew criticism.\n", "state media"),
    ],
)
def test_unnamed_outlets(text, speaker):
    assert [f.data["speaker"] for f in run(rules.UnnamedOutlet, text)] == [speaker]


def test_named_outlets_pass():
    text = "# Vote\n\nThe Daily Courier reported that the vote was close. The report said turnout fell.\n"
    assert run(rules.UnnamedOutlet, text) == []


def test_plural_sources_with_one_source():
    text = (
        "# Talks\n\nSources said the talks had collapsed.\n\nThe source, who asked not to be named because "
        "the talks are private, said a new round was unlikely.\n"
    )
    findings = run(rules.PluralSources, text)
    assert [f.data["speaker"] for f in findings] == ["Sources"]
    counted = text.replace("Sources said", "Two sources said").replace("The source,", "One of the sources,")
    assert run(rules.PluralSources, counted) == []
    assert run(rules.PluralSources, "# Talks\n\nIndustry sources said output would fall.\n") == []


# -- weasel words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("It is widely believed that the ceasefire will not hold.", "It is widely believed"),
        ("Experts say the dam is unsafe.", "Experts say"),
        ("Observers note that turnout was low.", "Observers note"),
        ("Many believe the vote was rigged.", "Many believe"),
        ("Rumors have surfaced that the coach will quit.", "Rumors have surfaced"),
        ("The minister is reportedly planning to resign.", "reportedly"),
        ("It is said that the palace was built in a year.", "It is said"),
        ("The general is said to have ordered the retreat.", "is said to have"),
        ("Studies show that the drug works.", "Studies show"),
    ],
)
def test_weasel_words(sentence, phrase):
    findings = run(rules.WeaselWords, f"# Story\n\n{sentence}\n")
    assert [f.data["phrase"] for f in findings] == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        # a named source next to the weasel phrase, reported speech, quoted speech, a described group
        "# Story\n\nExperts say the dam is unsafe. “The cracks are growing,” said Ines Varga, an engineer "
        "at the state university.\n",
        "# Story\n\nThe minister is reportedly planning to resign, the Daily Courier reported.\n",
        "# Story\n\nThe unions said many believe the vote was rigged.\n",
        "# Story\n\n“It is widely believed that the ceasefire will not hold,” the envoy said.\n",
        "# Story\n\nCongressional observers said the bill would pass.\n",
    ],
)
def test_weasel_words_pass(text):
    assert run(rules.WeaselWords, text) == []


def test_weasel_phrase_reported_once_per_article():
    text = "# Story\n\nExperts say the dam is unsafe.\n\nThe river is rising. Experts say the town is at risk.\n"
    assert len(run(rules.WeaselWords, text)) == 1


# -- quotations --------------------------------------------------------------------------------


def test_unattributed_quote():
    text = "# Talks\n\nThe talks ended on Friday.\n\n“We will not come back until the attacks stop.”\n\nRain fell.\n"
    assert flagged(rules.UnattributedQuote, text) == ["“We will not come back until the attacks stop.”"]


@pytest.mark.parametrize(
    "text",
    [
        "# Talks\n\n“We will not come back until the attacks stop,” the minister said.\n",
        "# Talks\n\nThe minister said: “We will not come back until the attacks stop.”\n",
        "# Talks\n\nThe minister spoke to reporters after the talks.\n\n“We will not come back until the attacks "
        "stop.”\n",
        "# Talks\n\nThe minister called the plan “dead in the water” on Friday.\n",  # a partial quote
        "# Talks\n\nThe state launched a campaign with the slogan “Drive safe, arrive alive.”\n",
        "# Talks\n\nShe starred in “The Long Road Home” last year.\n",  # a title
        # a quotation continued from an attributed paragraph
        "# Talks\n\nThe minister said: “We will not come back.\n\n“Not until the attacks stop. Not before.”\n",
    ],
)
def test_attributed_quotes_pass(text):
    assert run(rules.UnattributedQuote, text) == []


def test_late_speaker_in_one_paragraph():
    text = (
        "# Talks\n\n“We will not come back to the table. The attacks must stop first. Nobody can "
        "negotiate under fire. We have said so for months,” the foreign minister said.\n"
    )
    findings = run(rules.LateSpeaker, text)
    assert len(findings) == 1 and "4 sentences" in findings[0].message
    assert run(rules.LateSpeaker, text, **{"max-sentences": 4}) == []


def test_late_speaker_across_paragraphs():
    text = (
        "# Talks\n\n“We will not come back to the table. The attacks must stop first.\n\n"
        "“Nobody can negotiate under fire,” the foreign minister said.\n"
    )
    assert len(run(rules.LateSpeaker, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "# Talks\n\n“We will not come back,” the minister said. “The attacks must stop first. Nobody "
        "can negotiate under fire. We have said so for months.”\n",
        "# Talks\n\n“We will not come back. The attacks must stop first,” the minister said.\n",
    ],
)
def test_speaker_named_early_passes(text):
    assert run(rules.LateSpeaker, text) == []


# -- language, seeds -----------------------------------------------------------------------------


def test_non_english_copy_is_skipped():
    text = (
        "# Gespräche\n\nQuellen sagen, die Gespräche seien gescheitert. Mindestens 40 Menschen starben bei "
        "den Angriffen auf die Stadt, und die Regierung hat noch keine Erklärung abgegeben. Die Lage in "
        "der Region bleibt nach Angaben von Beobachtern angespannt, und viele Familien sind auf der "
        "Flucht. Es wird allgemein angenommen, dass die Waffenruhe nicht hält.\n"
    )
    for cls in rules.RULES:
        assert run(cls, text) == []


SEEDS = ROOT / "seeds"


def seed_findings(name: str) -> dict[str, list[str]]:
    a = article(Path(SEEDS / name).read_text(encoding="utf-8"), name)
    out: dict[str, list[str]] = {}
    for cls in rules.RULES:
        for f in cls().check(a, Context()):
            out.setdefault(cls.id, []).append(a.text[f.start : f.end])
    return out


def test_seed_instances():
    talks = seed_findings("talks-public-contradictions.txt")
    assert "a senior US official" in talks["attribution/anonymous-source"]
    assert any(s.startswith("An outlet affiliated with Iran") for s in talks["attribution/unnamed-outlet"])
    assert "American media" in talks["attribution/unnamed-outlet"]
    assert seed_findings("stop-talks-protest.txt")["attribution/weasel-words"] == ["reportedly"]
    assert "an Iranian official" in seed_findings("iran-pulls-out.txt")["attribution/anonymous-source"]
    assert "Iranian outlets" in seed_findings("tehran-walks-back.txt")["attribution/unnamed-outlet"]
    assert "an Iranian official" in seed_findings("tehran-walks-out.txt")["attribution/anonymous-source"]

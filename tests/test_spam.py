"""spam/*: shopping calls, teaser links, affiliate links, repeated lines, shouting, FAQ blocks and
the declarative furniture rules of rules/spam.yaml. All texts here are written for these tests."""

from __future__ import annotations

import random
import re
import sys

import pytest

import newslint
from newslint.checks.spam import _SENTENCE_START, _continue_reading, _squeezed, affiliate_markers, shopping
from newslint.config import Config
from newslint.model import Finding, Fix, Severity

SPAM = Config(select=("spam",))
HEAD = "Harbour Budget Approved\n\nThe city council approved the harbour budget on Monday, its clerk said.\n\n"
TAIL = "\n\nThe vote was seven to two, according to the minutes.\n"


def lint(text: str, path: str = "story.txt") -> list[Finding]:
    return newslint.lint_text(text, path=path, config=SPAM)


def rules(text: str, path: str = "story.txt") -> list[str]:
    return sorted(f.rule for f in lint(text, path))


def apply(text: str, fix: Fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def line(text: str) -> str:
    """``text`` as a line of its own inside an otherwise clean article."""
    return HEAD + text + TAIL


def test_clean_article_has_no_spam_findings():
    text = (
        "Harbour Budget Approved\n\nThe city council approved the harbour budget on Monday, its clerk said.\n\n"
        "Shares of the port operator rose 3% after the vote, and 858 shares changed hands in the first hour.\n\n"
        "“Buy now, pay later schemes are not the answer,” the mayor said of the financing.\n\n"
        "Subscribers to the council's newsletter were told of the vote by email on Tuesday.\n\n"
        "WHAT HAPPENS NEXT\n\nThe budget goes to the regional audit office, which has 30 days to respond.\n"
    )
    assert lint(text) == []


# -- one finding per furniture line, each with a fix that deletes it ---------------------------


@pytest.mark.parametrize(
    ("furniture", "rule"),
    [
        ("SHOP AMAZON BEST SELLERS, CLICK TO BUY FROM AMAZON.", "spam/shopping-call"),
        ("Buy Now", "spam/shopping-call"),
        ("Today’s best deals: cordless drills, garden hoses, more", "spam/shopping-call"),
        ("Continue reading at The Daily Ledger →", "spam/continue-reading"),
        ("Read more Mayor Opens New Ferry Terminal →", "spam/read-more"),
        ("ALSO READ: Ferry fares to rise in spring", "spam/read-more"),
        ("Related Articles", "spam/read-more"),
        ("More in politics →", "spam/read-more"),
        ("More in U.S.", "spam/read-more"),
        ("Sign up for our morning newsletter and get the day's headlines in your inbox.", "spam/newsletter-prompt"),
        ("Subscribe now", "spam/newsletter-prompt"),
        ("Harbour Weekly Newsletter", "spam/newsletter-prompt"),
        ("ADVERTISEMENT", "spam/advertisement-label"),
        ("Story continues below advertisement", "spam/advertisement-label"),
        ("12K SHARES", "spam/share-widget"),
        ("Share on Facebook", "spam/share-widget"),
        ("Featured image via City Archive", "spam/featured-image-credit"),
        ("The post Harbour budget approved appeared first on Port City Wire.", "spam/appeared-first-on"),
        ("Copyright 2026 The Associated Press. All rights reserved. This material may not be published, "
         "broadcast, rewritten or redistributed.", "spam/copyright-line"),
        ("© 2026 Port City Media Ltd. All Rights Reserved.", "spam/copyright-line"),
    ],
)
def test_furniture_line_is_reported_once_with_a_removing_fix(furniture, rule):
    text = line(furniture)
    found = lint(text)
    assert [f.rule for f in found] == [rule]
    finding = found[0]
    assert finding.fix is not None and finding.fix.safe
    assert apply(text, finding.fix) == HEAD + TAIL[2:]  # the line, its break and one blank separator are gone
    assert furniture.split()[0] in finding.message  # the message quotes the line


@pytest.mark.parametrize(
    "prose",
    [
        "The shop now employs 40 people, the owner said.",
        "Buy now, pay later services grew 30% last year, regulators said.",
        "Shoppers hunted for the best deals, retailers said.",
        "Pupils will continue reading at home during the closure, the school said.",
        "Related to the dispute, a second meeting was cancelled.",
        "Parents were urged to help their children read more.",
        "More than 2 million people subscribe to her newsletter, which costs $5 a month.",
        "Advertisement spending fell 4% in the quarter, the agency said.",
        "Shares of the company rose 4% on Monday.",
        "The featured image in the report shows the damaged quay, officials said.",
        "Copyright law changed in 2019, when the directive was adopted.",
        "The server answered with code 404 for most of the morning, engineers said.",
        "Sponsored by the harbour authority",
        "« Nous partons », a dit le ministre »",
    ],
)
def test_prose_that_resembles_furniture_is_not_reported(prose):
    assert lint(line(prose)) == []


@pytest.mark.parametrize(
    "mixed",
    [
        "The vote was seven to two. Read the minutes →",
        "The vote was seven to two. Sign up for our newsletter.",
        "The vote was seven to two. © 2026 Port City Media. All rights reserved.",
    ],
)
def test_a_line_holding_a_story_sentence_is_never_deleted_as_furniture(mixed):
    assert [f for f in lint(line(mixed)) if f.fix and f.fix.safe] == []


def test_markdown_furniture_is_reported_too():
    text = "# Harbour budget approved\n\nThe council approved the budget, its clerk said.\n\n## Related Stories\n\nREAD MORE\n"
    assert rules(text, "story.md") == ["spam/read-more", "spam/read-more"]


# -- shopping calls to action inside prose --------------------------------------------------


def test_call_to_action_inside_a_sentence_has_no_fix():
    found = lint(line("The drill costs $99 at the hardware chain. Shop now! Stocks are limited."))
    assert [f.rule for f in found] == ["spam/shopping-call"]
    assert found[0].fix is None
    assert "Shop now" in found[0].message


def test_click_to_buy_is_reported_anywhere_in_a_sentence():
    found = lint(line("The drill costs $99, so click here to buy it before Friday."))
    assert [f.rule for f in found] == ["spam/shopping-call"]


def test_quoted_call_to_action_is_skipped():
    assert lint(line("“Click to buy,” the banner said, before the page crashed.")) == []


def test_coupon_code_is_reported_with_the_code():
    found = lint(line("The drill costs $99. Use code HARBOUR20 for 20% off at checkout."))
    assert [f.rule for f in found] == ["spam/coupon-code"]
    assert "HARBOUR20" in found[0].message


# -- continue reading ----------------------------------------------------------------------


def test_inline_teaser_fix_removes_only_the_teaser_sentence():
    text = line("The budget may change in the coming weeks. Continue reading at The Daily Ledger.")
    found = lint(text)
    assert [f.rule for f in found] == ["spam/continue-reading"]
    assert apply(text, found[0].fix) == line("The budget may change in the coming weeks.")


def test_long_line_opening_with_keep_reading_is_prose():
    prose = "If that sounds like you, keep reading. This guide shows how to start a business with less stress."
    assert lint(line(prose)) == []


_PLAIN_SENTENCE_START = r"(?:(?<=[.!?…]\s)|(?<=[.!?…][\"”’)]\s))"  # without the quick (?<=\s)


@pytest.mark.parametrize("expression", [lambda: shopping().inline, lambda: _continue_reading()[1]])
def test_sentence_start_matches_what_the_plain_look_behinds_match(expression):
    """``_SENTENCE_START`` opens with a quick look-behind for white space; the expressions find
    exactly what they find without it, on random text of their wording, sentence ends, quotes and
    white space (hundreds of the texts hold matches)."""
    fast = expression()
    assert _SENTENCE_START in fast.pattern
    plain = re.compile(fast.pattern.replace(_SENTENCE_START, _PLAIN_SENTENCE_START), fast.flags)
    words = ["shop now", "Buy it now", "click here to buy", "ADD TO CART", "pay later", "Continue reading",
             "continue reading at Reuters", "read the full story on", "READ THE WHOLE ARTICLE AT", "shop", "now", "it"]
    marks = [".", "!", "?", "…", "→", '"', "”", "’", ")", ",", " ", " ", " ", "\n", "\t", "\u00a0", "x"]
    rng = random.Random(23)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(words) + "".join(rng.choices(marks, k=rng.randint(0, 3))) for _ in range(rng.randint(1, 8)))
        spans = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in fast.finditer(text)] == spans, repr(text)
        found += bool(spans)
    assert found > 300


# -- affiliate links -----------------------------------------------------------------------

LINK = "The X100 drill costs $99 at [the hardware chain](https://amzn.to/3DrIlXy)."
FILLER = "The battery lasts two hours.\n\nThe case is sturdy.\n\nThe charger is slow.\n\n"


def test_affiliate_link_without_disclosure_is_an_error():
    found = lint(f"# Drill review\n\n{LINK}\n", "story.md")
    assert [(f.rule, f.severity) for f in found] == [("spam/affiliate-link", Severity.ERROR)]
    assert "amzn.to" in found[0].message and "disclosure" in found[0].message


def test_a_malformed_link_beside_an_affiliate_one_is_skipped_not_a_crash(tmp_path):
    from newslint.config import FixedResolver
    from newslint.engine import Engine

    story = tmp_path / "story.md"
    story.write_text(f"# Drill review\n\nSee [the deal](https://[amzn.to/3DrIlXy). {LINK}\n", encoding="utf-8")
    run = Engine(FixedResolver(Config(select=("spam",)))).run([str(story)])
    assert run.errors == [] and [f.rule for f in run.findings] == ["spam/affiliate-link"]


def test_affiliate_hosts_and_tags_are_read_case_blind():
    assert affiliate_markers().classify("https://WWW.Amazon.com/dp/B0123?Tag=newsdeals-20") == "Amazon tag=newsdeals-20"
    assert affiliate_markers().classify("HTTPS://AMZN.TO/3DrIlXy") == "amzn.to"


def test_affiliate_link_with_disclosure_in_its_paragraph_is_fine():
    text = f"# Drill review\n\n{LINK} We earn a commission if you buy through this link.\n"
    assert lint(text, "story.md") == []


def test_affiliate_link_disclosed_in_the_next_paragraph_is_fine():
    text = f"# Drill review\n\n{LINK}\n\nAs an Amazon Associate we earn from qualifying purchases.\n"
    assert lint(text, "story.md") == []


def test_affiliate_link_disclosed_only_in_a_footer_is_a_warning():
    text = f"# Drill review\n\nThe drill is the best we tested.\n\nIt is light.\n\n{LINK}\n\n{FILLER}" \
           "This article contains affiliate links.\n"
    found = lint(text, "story.md")
    assert [(f.rule, f.severity) for f in found] == [("spam/affiliate-link", Severity.WARNING)]
    assert "line 15" in found[0].message


def test_disclosure_in_the_opening_covers_later_links():
    text = f"# Drill review\n\nThis article contains affiliate links.\n\n{FILLER}{LINK}\n"
    assert lint(text, "story.md") == []


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://www.amazon.com/dp/B0123?tag=harbourdeals-20", "Amazon tag=harbourdeals-20"),
        ("https://www.amazon.co.uk/dp/B0123?ascsubtag=abc", "ascsubtag= marker"),
        ("https://click.linksynergy.com/deeplink?id=x", "click.linksynergy.com"),
        ("https://www.anrdoezrs.net/click-123", "anrdoezrs.net"),
        ("http://amzn.to/3DrIlXy", "amzn.to"),
    ],
)
def test_affiliate_markers(url, why):
    assert affiliate_markers().classify(url) == why


@pytest.mark.parametrize(
    "url",
    ["https://www.amazon.com/dp/B0123", "https://www.amazon.com/s?k=drill&tag=drills", "https://example.org/?tag=news-20"],
)
def test_ordinary_links_are_not_affiliate_links(url):
    assert affiliate_markers().classify(url) is None


def test_bare_affiliate_host_without_scheme_is_found():
    found = lint(line("Get it at amzn.to/3DrIlXy before Friday, the shop said."))
    assert [f.rule for f in found] == ["spam/affiliate-link"]


# -- repeated lines ------------------------------------------------------------------------


def test_repeated_paragraph_fix_deletes_the_later_copy():
    para = "The harbour will close for repairs in March, the port authority said."
    text = f"{HEAD}{para}\n\nFerries will use the north quay instead.\n\n{para}\n"
    found = lint(text)
    assert [f.rule for f in found] == ["spam/repeated-line"]
    assert found[0].data["first_line"] == 5
    assert apply(text, found[0].fix) == f"{HEAD}{para}\n\nFerries will use the north quay instead.\n\n"


def test_repeated_questions_and_table_rows_are_not_reported():
    text = (
        "# Three skippers\n\n## Ana\n\nWhat got you into sailing as a child?\n\nMy uncle's boat.\n\n## Ben\n\n"
        "What got you into sailing as a child?\n\nA school trip.\n\n- Dividend 12 cts vs 10 cts.\n"
        "- Record April 1\n- Dividend 12 cts vs 10 cts.\n"
    )
    assert lint(text, "story.md") == []


def test_line_repeated_directly_below_is_reported_even_when_short():
    text = line("Ferries resume Monday\nFerries resume Monday")
    assert "spam/repeated-line" in rules(text, "story.md")


def test_squeezed_line_is_the_line_split_and_joined():
    """The shortcut of ``_squeezed`` (a printable line without a double space is returned as it
    is) against the plain computation, on stripped lines with every kind of white space."""
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    pieces = ["Ferries", "resume", "Monday.", "a", "—", "\u00ad", "é", "“x”", " ", " ", "  "] + spaces
    rng = random.Random(17)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))).strip()
        assert _squeezed(text) == " ".join(text.split()), repr(text)


# -- shouting ------------------------------------------------------------------------------


def test_all_caps_sentence_is_reported():
    found = lint(line("THIS IS THE BEST OFFER OF THE YEAR FOR ALL OUR READERS!"))
    assert [f.rule for f in found] == ["spam/shouting-line"]
    assert found[0].fix is None


@pytest.mark.parametrize(
    "caps",
    [
        "WHAT THE BUDGET MEANS FOR YOU",  # an all-caps subheading
        "NORTH QUAY: NIL, SOUTH QUAY 1.5 MM, EAST QUAY NIL.",  # a wire table line
        "“WE WILL NOT GIVE UP ON THIS PORT!” the crowd chanted.",  # quoted speech
    ],
)
def test_caps_that_are_not_shouting_are_left_alone(caps):
    assert lint(line(caps)) == []


# -- FAQ blocks ----------------------------------------------------------------------------

FAQ = (
    "Frequently Asked Questions\n\nQ. Why was the budget approved?\n\nThe council backed the repairs.\n\n"
    "Q. When do repairs start?\n\nIn March.\n\n"
)


def test_faq_block_is_reported_once_with_an_unsafe_fix_that_stops_before_later_furniture():
    text = HEAD + "The vote was seven to two.\n\n" + FAQ + "More in politics →\n"
    found = [f for f in lint(text) if f.rule == "spam/faq-block"]
    assert len(found) == 1
    assert found[0].data["questions"] == 2
    assert found[0].fix is not None and not found[0].fix.safe
    assert apply(text, found[0].fix) == HEAD + "The vote was seven to two.\n\nMore in politics →\n"
    assert "spam/read-more" in rules(text)


def test_article_that_is_an_faq_from_the_top_is_not_reported():
    assert lint("Harbour Repairs Explained\n\n" + FAQ) == []


def test_faq_heading_without_questions_is_not_reported():
    assert lint(HEAD + "The vote was seven to two.\n\nFAQ\n\nThe council's FAQ page was updated on Tuesday.\n") == []


def test_many_undisclosed_affiliate_links_are_one_error_naming_every_line():
    links = "".join(f"The model {n} is ${n}9 at https://amzn.to/3Ab{n}x.\n\n" for n in range(1, 6))
    found = lint(f"# Drill deals\n\nFive drills on sale.\n\n{links}", "story.md")
    assert [(f.rule, f.severity, f.line) for f in found] == [("spam/affiliate-link", Severity.ERROR, 5)]
    assert found[0].message.startswith("5 affiliate links (amzn.to) at lines 5, 7, 9, 11, 13 with no disclosure")


def test_a_few_shopping_widget_lines_are_reported_one_by_one():
    text = HEAD + "Buy now\n\nThe harbour tax rises in May, the clerk said.\n\nShop now\n\nBest deals →" + TAIL
    found = [f for f in lint(text) if f.rule == "spam/shopping-call"]
    assert [f.line for f in found] == [5, 9, 11]
    assert all(len(f.fix.edits) == 1 for f in found)


def test_many_shopping_widget_lines_are_one_finding_whose_fix_deletes_them_all():
    items = "".join(f"The model {n} drill is ${n}9 at the hardware chain.\n\nBuy Now\n\n" for n in range(1, 6))
    text = "Five Drill Deals\n\nFive drills are on sale this week, the chain said.\n\n" + items + "Prices may change.\n"
    found = [f for f in lint(text) if f.rule == "spam/shopping-call"]
    assert [f.line for f in found] == [7]
    assert found[0].message.startswith("5 shopping widget lines (“Buy Now”) at lines 7, 11, 15, 19, 23:")
    fixed = apply(text, found[0].fix)
    assert "Buy Now" not in fixed and fixed.count("drill is $") == 5 and "\n\n\n" not in fixed
    assert lint(fixed) == []

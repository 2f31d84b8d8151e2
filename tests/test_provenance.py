"""provenance/* rules on hand-written articles and on the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, article, run_rule as run
from newslint.checks import provenance as prov
from newslint.fixes import apply_edits
from newslint.model import Finding
from newslint.rule import Context

LIST = "\n\n## Sources\n\n"


def quoted(text: str, finding: Finding) -> str:
    return article(text).text[finding.start : finding.end]


# -- no-sources ----------------------------------------------------------------------------------------
def test_no_sources_names_what_the_text_cites():
    text = "# Iran skips talks\n\nAn official told state television the talks were off, a Reuters report said.\n"
    (f,) = run(prov.NoSources, text)
    assert quoted(text, f) == "Iran skips talks"
    assert "state television and Reuters" in f.message
    assert f.data["named"] == ["state television", "Reuters"]


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\nShares rose, [the exchange said](https://example.com/notice-17).\n",
        "---\nsources:\n  - https://www.reuters.com/world/x\n---\n\n# T\n\nShares rose.\n",
        "# T\n\nShares rose." + LIST + "- Company filing, 28 June 2026\n",
    ],
)
def test_no_sources_quiet_when_anything_is_given(text):
    assert run(prov.NoSources, text) == []


# -- vague-source --------------------------------------------------------------------------------------
@pytest.mark.parametrize("entry", ["OSINT", "Social media", "agencies", "Wires.", "Reports", "Iranian state media",
                                   "Telegram channels", "OSINT, social media", "Local media and wires"])  # fmt: skip
def test_vague_entries(entry):
    text = "# T\n\nIran skipped the talks." + LIST + f"- {entry}\n"
    (f,) = run(prov.VagueSource, text)
    assert quoted(text, f) == entry
    assert "only names a kind of source" in f.message


@pytest.mark.parametrize("entry", ["Reuters", "OSINT analysis by Bellingcat of satellite images", "IRNA, 28 June",
                                   "Pentagon officials", "@sprinterpress on X", "https://example.com/osint"])  # fmt: skip
def test_specific_entries_are_not_vague(entry):
    assert run(prov.VagueSource, "# T\n\nIran skipped the talks." + LIST + f"- {entry}\n") == []


def test_vague_metadata_source_points_at_its_value():
    text = "---\ntitle: T\nsource: agencies\n---\n\n# T\n\nIran skipped the talks.\n"
    (f,) = run(prov.VagueSource, text)
    assert quoted(text, f) == "agencies"


# -- shortened-link ------------------------------------------------------------------------------------
def test_vanity_shortener_names_publisher():
    text = "# T\n\nIran skipped the talks." + LIST + "- http://reut.rs/4v6Zgeb\n"
    (f,) = run(prov.ShortenedLink, text)
    assert quoted(text, f) == "http://reut.rs/4v6Zgeb"
    assert "Reuters short link" in f.message and "reuters.com" in f.message
    assert f.data["expands_to"] == "reuters.com"


def test_generic_shortener_in_body_and_metadata():
    text = "---\nsources: [https://bit.ly/3abc]\n---\n\n# T\n\nIt rose, [the agency said](https://tinyurl.com/y7abc).\n"
    found = run(prov.ShortenedLink, text)
    assert sorted(f.data["shortener"] for f in found) == ["bit.ly", "tinyurl.com"]


def test_links_inside_pasted_posts_are_the_posts_own():
    text = ("# T\n\nPeople mocked the slogan online.\n\nNobody will take it, promise. https://t.co/AbC123xyz\n\n"
            "— Jane Roe (@janeroe) November 18, 2019\n\nThe state said it was a success.\n")  # fmt: skip
    assert run(prov.ShortenedLink, text) == []


# -- profile-link and home-page-link --------------------------------------------------------------------
def test_channel_link_reported_once_per_url():
    text = "# T\n\nIt was cancelled." + LIST + "- https://t.me/s/alalamarabic\n- https://t.me/s/alalamarabic\n"
    (f,) = run(prov.ProfileLink, text)
    assert "Telegram channel alalamarabic, not to a post" in f.message


def test_profile_link_in_sources_only():
    body_only = "# T\n\nRead [her profile](https://x.com/janeroe).\n\n## Sources\n\n- https://x.com/janeroe/status/1050118621198921728\n"
    assert run(prov.ProfileLink, body_only) == []
    listed = "# T\n\nShe posted it." + LIST + "- https://x.com/janeroe\n"
    (f,) = run(prov.ProfileLink, listed)
    assert "X profile janeroe" in f.message


def test_home_page_link():
    text = "# T\n\nIt rose." + LIST + "- Reuters: https://www.reuters.com/\n- https://www.reuters.com/markets/oil-2026-06-28/\n"
    (f,) = run(prov.HomePageLink, text)
    assert quoted(text, f) == "https://www.reuters.com/"


# -- duplicate-source ------------------------------------------------------------------------------------
def test_duplicate_source_fix_removes_the_repeat():
    text = ("# T\n\nIt rose." + LIST + "- https://t.me/alalamarabic/48211\n- https://x.com/a/status/1\n"
            "- http://t.me/s/alalamarabic/48211/?utm_source=share\n")  # fmt: skip
    (f,) = run(prov.DuplicateSource, text)
    assert "repeats line 7" in f.message
    fixed = apply_edits(article(text).text, list(f.fix.edits))
    assert fixed.endswith("- https://t.me/alalamarabic/48211\n- https://x.com/a/status/1\n")


def test_text_duplicates_and_distinct_entries():
    assert len(run(prov.DuplicateSource, "# T\n\nIt rose." + LIST + "- Company filing\n- company filing.\n")) == 1
    assert run(prov.DuplicateSource, "# T\n\nIt rose." + LIST + "- https://e.com/a\n- https://e.com/b\n") == []


# -- tracking-params ---------------------------------------------------------------------------------------
def test_tracking_params_fix_and_chatbot_message():
    text = "# T\n\nIt rose." + LIST + "- https://apnews.com/article/oil-4f2a?utm_source=chatgpt.com\n"
    (f,) = run(prov.TrackingParams, text)
    assert "utm_source=chatgpt.com" in f.message and "AI chatbot" in f.message
    assert f.fix is not None and f.fix.safe
    assert apply_edits(article(text).text, list(f.fix.edits)).endswith("- https://apnews.com/article/oil-4f2a\n")


def test_tracking_params_plain():
    text = "# T\n\nIt rose, [AP said](https://apnews.com/article/x?id=9&fbclid=IwAR0&utm_medium=social).\n"
    (f,) = run(prov.TrackingParams, text)
    assert "(fbclid, utm_medium)" in f.message
    assert f.data["cleaned"] == "https://apnews.com/article/x?id=9"
    assert run(prov.TrackingParams, "# T\n\nIt rose, [AP said](https://apnews.com/article/x?id=9).\n") == []


# -- post ids ---------------------------------------------------------------------------------------------
def test_placeholder_and_consecutive_ids():
    text = ("# T\n\nIt was cancelled." + LIST + "- https://x.com/a/status/1802345678901234001\n"
            "- https://x.com/b/status/1802345678901234002\n- https://t.me/chan/1234\n"
            "- https://x.com/c/status/1050118621198921728\n")  # fmt: skip
    found = run(prov.PlaceholderPostId, text)
    assert [quoted(text, f).rsplit("/", 1)[1] for f in found] == ["1802345678901234001", "1802345678901234002", "1234"]
    assert "within 1 of 1802345678901234002" in found[0].message
    assert "would date from 16 June 2024" in found[0].message
    assert "counting sequence 1234" in found[2].message and "date from" not in found[2].message


def test_telegram_neighbours_are_fine():
    text = "# T\n\nIt was cancelled." + LIST + "- https://t.me/chan/48211\n- https://t.me/chan/48212\n"
    assert run(prov.PlaceholderPostId, text) == []


def test_post_after_publication():
    text = "---\ndate: 2018-10-01\n---\n\n# T\n\nShares fell." + LIST + "- https://x.com/a/status/1050118621198921728\n"
    (f,) = run(prov.PostAfterPublication, text)
    assert "10 October 2018, 20:19 UTC" in f.message and "1 October 2018" in f.message
    # within a day of a date-only publication date: a time zone, not an error
    same_day = text.replace("2018-10-01", "2018-10-10")
    assert run(prov.PostAfterPublication, same_day) == []


def test_post_date_far_uses_dates_in_the_copy():
    text = "# T\n\nOn 28 June 2026 Iran skipped the talks." + LIST + "- https://x.com/a/status/1050118621198921728\n"
    (f,) = run(prov.PostDateFar, text)
    assert "10 October 2018" in f.message and "28 June 2026" in f.message
    assert f.data["days"] > 2000


def test_post_date_far_quiet_when_the_year_is_mentioned_or_close():
    mentioned = "# T\n\nOn 28 June 2026 she recalled a post from 2018." + LIST + "- https://x.com/a/status/1050118621198921728\n"
    assert run(prov.PostDateFar, mentioned) == []
    close = "# T\n\nOn 12 October 2018 shares fell." + LIST + "- https://x.com/a/status/1050118621198921728\n"
    assert run(prov.PostDateFar, close) == []
    assert len(run(prov.PostDateFar, close, **{"max-days": 1})) == 1
    undated = "# T\n\nShares fell." + LIST + "- https://x.com/a/status/1050118621198921728\n"
    assert run(prov.PostDateFar, undated) == []


# -- unlisted-source ------------------------------------------------------------------------------------
def test_unlisted_sources():
    text = ("# T\n\nAn official told state television the talks were off. A Polymarket contract priced a 20 percent "
            "chance. The @sprinterpress account relayed it, and a Reuters report said so." + LIST +
            "- https://www.reuters.com/world/iran-2026-06-28/\n")  # fmt: skip
    found = run(prov.UnlistedSource, text)
    assert [quoted(text, f) for f in found] == ["state television", "Polymarket", "@sprinterpress"]
    assert "any state-affiliated outlet" in found[0].message


def test_listed_sources_cover_their_mentions():
    text = ("# T\n\nAn official told state television the talks were off, Al-Alam reported. The @sprinterpress "
            "account relayed a Reuters report." + LIST +
            "- http://reut.rs/4v6Zgeb\n- https://t.me/alalamarabic/48211\n- https://x.com/sprinterpress/status/1\n")  # fmt: skip
    assert run(prov.UnlistedSource, text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "“I saw it on state television,” she said.",  # quoted speech
        "Shares of MacAndrews and Forbes said to be for sale rose.",  # a company name, not the magazine
        "Reuters has 2,500 journalists.",  # named without an attribution cue
    ],
)
def test_mentions_that_are_not_sourcing(sentence):
    assert run(prov.UnlistedSource, f"# T\n\n{sentence}" + LIST + "- https://example.com/a\n") == []


def test_own_outlet_is_not_a_source():
    text = "---\nsitename: Reuters\n---\n\n# T\n\nThe minister told Reuters it was over." + LIST + "- https://example.com/a\n"
    assert run(prov.UnlistedSource, text) == []


def test_unlisted_needs_a_source_list():
    assert run(prov.UnlistedSource, "# T\n\nA Reuters report said so.\n") == []


def test_newsroom_registry_from_config():
    ctx = Context(settings={"source-registry": [
        {"name": "Desk Wire", "kind": "wire", "aliases": ["Desk Wire"], "domains": ["deskwire.example"]}]})  # fmt: skip
    text = "# T\n\nA Desk Wire report said so." + LIST + "- https://example.com/a\n"
    (f,) = run(prov.UnlistedSource, text, ctx=ctx)
    assert "Desk Wire" in f.message
    listed = "# T\n\nA Desk Wire report said so." + LIST + "- https://www.deskwire.example/story/1\n"
    assert run(prov.UnlistedSource, listed, ctx=ctx) == []
    assert run(prov.UnlistedSource, text) == []  # unknown without the config


# -- social-only and state-media-only -------------------------------------------------------------------
def test_social_only_inline_source():
    text = "# Iran halts talks\n\nIran will stop talks, the post said. Source: Ash Crypto.\n"
    (f,) = run(prov.SocialOnlySources, text)
    assert "Ash Crypto (social media influencer)" in f.message


@pytest.mark.parametrize(
    ("entries", "fires"),
    [
        (["https://x.com/someone/status/1803456789012345678", "https://t.me/chan/4821"], True),
        (["https://x.com/Reuters/status/1803456789012345678"], False),  # an outlet's own account
        (["https://x.com/someone/status/1803456789012345678", "https://example.com/report"], False),  # unknown: may be independent
    ],
)
def test_social_only_list(entries, fires):
    text = "# T\n\nIran will stop talks." + LIST + "".join(f"- {e}\n" for e in entries)
    assert bool(run(prov.SocialOnlySources, text)) is fires


def test_embedded_posts_are_not_declared_sources():
    text = "# T\n\nFans cheered.\n\nWhat a goal!\n\n— Club (@club) November 20, 2019\n\nThe match ended 2-1.\n"
    assert run(prov.SocialOnlySources, text) == []


@pytest.mark.parametrize(
    ("entries", "fires"),
    [
        (["https://en.irna.ir/news/85123456/"], True),
        (["https://en.irna.ir/news/85123456/", "https://mfa.gov.ir/statement/1"], True),
        (["https://en.irna.ir/news/85123456/", "https://www.reuters.com/world/x"], False),
        (["https://mfa.gov.ir/statement/1"], False),  # official only, no state outlet
    ],
)
def test_state_media_only(entries, fires):
    text = "# T\n\nIran halted talks." + LIST + "".join(f"- {e}\n" for e in entries)
    found = run(prov.StateMediaOnly, text)
    assert bool(found) is fires
    assert all(f.severity.value == "info" for f in found)


# -- metadata ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("date", "updated", "fires"),
    [
        ("2026-06-28", "2026-06-20", True),
        ("2026-06-28T10:00:00Z", "2026-06-28T09:00:00Z", True),
        ("2026-06-28T10:00:00Z", "2026-06-28", False),  # a date-only update on the same day
        ("2026-06-28", "2026-06-29T08:00:00Z", False),
    ],
)
def test_updated_before_published(date, updated, fires):
    text = f"---\ndate: {date}\nupdated: {updated}\n---\n\n# T\n\nIt rose.\n"
    found = run(prov.UpdatedBeforePublished, text)
    assert bool(found) is fires
    if fires:
        assert quoted(text, found[0]) == updated


@pytest.mark.parametrize(
    ("url", "fires"),
    [
        ("https://example.com/2025/11/03/iran-talks/", True),
        ("https://example.com/world/iran-talks-2025-11-03/", True),
        ("https://example.com/2026/06/29/iran-talks/", False),  # a day off: time zones
        ("https://example.com/world/iran-talks-11574168580", False),  # no date in it
    ],
)
def test_url_date_mismatch(url, fires):
    text = f"---\ndate: 2026-06-28\nurl: {url}\n---\n\n# T\n\nIt rose.\n"
    assert bool(run(prov.UrlDateMismatch, text)) is fires


# -- the seed articles -------------------------------------------------------------------------------------
SEEDS = {
    "tehran-walks-back.txt": {"provenance/shortened-link", "provenance/profile-link", "provenance/duplicate-source"},
    "tehran-walks-out.txt": {"provenance/unlisted-source", "provenance/placeholder-post-id", "provenance/post-date-far"},
    "talks-public-contradictions.txt": {"provenance/vague-source"},
    "stop-talks-protest.txt": {"provenance/no-sources", "provenance/social-only-sources"},
    "iran-pulls-out.txt": {"provenance/no-sources"},
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_provenance(name):
    path = ROOT / "seeds" / name
    a = article(path.read_text(encoding="utf-8"), str(Path(name)))
    rules = {f.rule for cls in prov.RULES for f in cls().check(a, Context())}
    assert rules == SEEDS[name]


def test_walks_out_details():
    path = ROOT / "seeds" / "tehran-walks-out.txt"
    a = article(path.read_text(encoding="utf-8"), "tehran-walks-out.txt")
    unlisted = [a.text[f.start : f.end] for f in prov.UnlistedSource().check(a, Context())]
    assert unlisted == ["state television", "Polymarket"]
    far = list(prov.PostDateFar().check(a, Context()))
    assert all("14 December 2025" in f.message and "28 June 2026" in f.message for f in far) and len(far) == 2


@pytest.mark.parametrize("meta", ["site_name: Reuters", "provider: Reuters", "publisher:\n  name: Reuters",
                                  "og:site_name: Reuters"])
def test_undeclared_basis_knows_the_copy_s_own_outlet_as_the_other_provenance_rules_do(meta):
    from newslint.engine import lint_text

    text = (f"---\ntitle: Port strike\n{meta}\n---\n\n"
            "Dock workers walked out on Monday, according to a Reuters report, the union said.\n")
    assert "provenance/undeclared-basis" not in [f.rule for f in lint_text(text, "a.md")]
    other = text.replace("Reuters\n", "The Daily Courier\n", 1)
    assert "provenance/undeclared-basis" in [f.rule for f in lint_text(other, "a.md")]


@pytest.mark.parametrize("publisher, own", [("The Harbour Post", True), ("Harbour Postal Service", False)])
def test_an_unlisted_outlet_is_the_copy_s_own_only_when_the_publisher_names_it_whole(publisher, own):
    from newslint.engine import lint_text

    text = (f"---\ntitle: Port strike\npublisher: {publisher}\n---\n\n"
            "Dock workers walked out on Monday, according to a Harbour Post report, the union said.\n")
    fired = "provenance/undeclared-basis" in [f.rule for f in lint_text(text, "a.md")]
    assert fired is not own


def test_source_alternations_are_kept_in_the_cache_folder_by_their_phrases(tmp_path, monkeypatch):
    import re

    from newslint.text import sources

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    phrases = ["Reuters", "Reuters TV", "AP", "Agence France-Presse"]
    built = sources._alternation("test-phrases", phrases)
    pattern = re.compile(f"(?:{built})")
    assert [bool(pattern.fullmatch(p)) for p in (*phrases, "Reuter", "APx")] == [True] * 4 + [False, False]
    assert len(list((tmp_path / "newslint").glob("test-phrases-*.marshal"))) == 1

    def built_again(phrases: list[str]) -> str:
        raise AssertionError("the stored alternation was not used")

    monkeypatch.setattr(sources, "_trie", built_again)
    assert sources._alternation("test-phrases", reversed(phrases)) == built  # any order: one key
    with pytest.raises(AssertionError, match="not used"):
        sources._alternation("test-phrases", [*phrases, "Desk Wire"])  # other phrases: built anew

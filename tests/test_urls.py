"""URL parsing and classification (newslint.text.urls) and link finding (newslint.text.links)."""

from __future__ import annotations

import pytest

from conftest import article
from newslint.text import urls
from newslint.text.links import domain_spans, find_handles, handle_spans


def parsed(raw: str) -> urls.Url:
    url = urls.parse_url(raw)
    assert url is not None, raw
    return url


# -- parsing -----------------------------------------------------------------------------------------
def test_tldextract_never_fetches_a_suffix_list():
    extractor = urls._extractor()
    assert tuple(extractor.suffix_list_urls) == ()
    assert not extractor._cache.enabled  # nothing written to disk either


@pytest.mark.parametrize(
    ("raw", "host", "domain", "path"),
    [
        ("https://www.bbc.co.uk/news/world-123", "bbc.co.uk", "bbc.co.uk", "/news/world-123"),
        ("reuters.com/world/iran-talks-2026-06-28/", "reuters.com", "reuters.com", "/world/iran-talks-2026-06-28/"),
        ("www.example.org", "example.org", "example.org", ""),
        ("HTTPS://News.Example.COM:8080/a?b=1#c", "news.example.com", "example.com", "/a"),
        ("<https://t.me/s/channel>", "t.me", "t.me", "/s/channel"),
    ],
)
def test_parse_url(raw, host, domain, path):
    url = parsed(raw)
    assert (url.host, url.domain, url.path) == (host, domain, path)


@pytest.mark.parametrize("raw", ["", "http://", "mailto:desk@example.com", "javascript:void(0)", "https:// spaced.example.com/"])
def test_parse_url_rejects_hostless(raw):
    assert urls.parse_url(raw) is None


# -- shorteners --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "publisher", "expands_to"),
    [
        ("http://reut.rs/4v6Zgeb", "Reuters", "reuters.com"),
        ("https://apne.ws/3xYzAbC", "The Associated Press", "apnews.com"),
        ("https://nyti.ms/2abcDEF", "The New York Times", "nytimes.com"),
        ("https://on.ft.com/3kLm", "Financial Times", "ft.com"),
    ],
)
def test_vanity_shorteners_name_the_publisher(raw, publisher, expands_to):
    short = urls.shortener(parsed(raw))
    assert short is not None and short.vanity
    assert (short.publisher, short.expands_to) == (publisher, expands_to)


@pytest.mark.parametrize("raw", ["https://bit.ly/3abc", "https://t.co/XyZ123", "tinyurl.com/y7abc", "https://j.bit.ly/x"])
def test_generic_shorteners(raw):
    short = urls.shortener(parsed(raw))
    assert short is not None and not short.vanity


@pytest.mark.parametrize(
    "raw",
    [
        "https://bit.ly/",  # the service's own home page hides nothing
        "https://youtu.be/dQw4w9WgXcQ",  # names the video itself
        "https://www.ft.com/content/abc",  # on.ft.com is a shortener, ft.com is not
        "https://www.reuters.com/world/",
    ],
)
def test_not_shorteners(raw):
    assert urls.shortener(parsed(raw)) is None


# -- posts versus accounts -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "platform", "account", "post_id"),
    [
        ("https://x.com/sprinterpress/status/2000000000000000001", "x", "sprinterpress", "2000000000000000001"),
        ("https://twitter.com/i/web/status/1050118621198921728", "x", None, "1050118621198921728"),
        ("https://t.me/IRIran_Military/1234", "telegram", "IRIran_Military", "1234"),
        ("https://t.me/s/alalamarabic/48211", "telegram", "alalamarabic", "48211"),
        ("https://mastodon.social/@Gargron/114913763253121684", "mastodon", "Gargron", "114913763253121684"),
        ("https://journalism.example/@desk/114913763253121684", "mastodon", "desk", "114913763253121684"),
        ("https://www.tiktok.com/@someone/video/7459287841546292488", "tiktok", "someone", "7459287841546292488"),
        ("https://bsky.app/profile/desk.bsky.social/post/3l25zusnsfctk", "bluesky", "desk.bsky.social", "3l25zusnsfctk"),
        (
            "https://www.linkedin.com/posts/jane-doe_news-activity-6904926959046938624-AbCd",
            "linkedin",
            None,
            "6904926959046938624",
        ),
        ("https://www.linkedin.com/feed/update/urn:li:activity:6904926959046938624/", "linkedin", None, "6904926959046938624"),
        ("https://www.instagram.com/p/CqXyZ123abc/", "instagram", None, "CqXyZ123abc"),
        ("https://discord.com/channels/1/2/105484726235607040", "discord", "1", "105484726235607040"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", None, "dQw4w9WgXcQ"),
        ("https://www.facebook.com/SomePage/posts/10158012345678901", "facebook", "SomePage", "10158012345678901"),
        ("https://www.reddit.com/r/worldnews/comments/abc123/title/", "reddit", "worldnews", "abc123"),
    ],
)
def test_post_links(raw, platform, account, post_id):
    link = urls.social_link(parsed(raw))
    assert link is not None and link.kind == "post"
    assert (link.platform, link.account, link.post_id) == (platform, account, post_id)


@pytest.mark.parametrize(
    ("raw", "platform", "noun", "account"),
    [
        ("https://t.me/s/alalamarabic", "telegram", "channel", "alalamarabic"),
        ("https://t.me/alalamarabic", "telegram", "channel", "alalamarabic"),
        ("https://x.com/reuters", "x", "profile", "reuters"),
        ("https://twitter.com/Reuters/media", "x", "profile", "Reuters"),
        ("https://www.youtube.com/@SomeChannel", "youtube", "channel", "SomeChannel"),
        ("https://www.youtube.com/channel/UC123/videos", "youtube", "channel", "UC123"),
        ("https://www.facebook.com/SomePage", "facebook", "profile", "SomePage"),
        ("https://bsky.app/profile/desk.bsky.social", "bluesky", "profile", "desk.bsky.social"),
        ("https://www.instagram.com/someone/", "instagram", "profile", "someone"),
        ("https://www.tiktok.com/@someone", "tiktok", "profile", "someone"),
        ("https://www.linkedin.com/in/jane-doe", "linkedin", "profile", "jane-doe"),
        ("https://www.reddit.com/r/worldnews/", "reddit", "community", "worldnews"),
        ("https://t.me/+AbCdEf123", "telegram", "channel", None),
    ],
)
def test_account_links(raw, platform, noun, account):
    link = urls.social_link(parsed(raw))
    assert link is not None and link.kind == "account"
    assert (link.platform, link.account_noun, link.account) == (platform, noun, account)


@pytest.mark.parametrize(
    "raw",
    [
        "https://x.com/search?q=iran",
        "https://x.com/home",
        "https://www.reuters.com/world/",
        "https://medium.com/@writer/a-story-3f2a",  # a blog post, not a fediverse status
        "https://www.youtube.com/results?search_query=iran",
    ],
)
def test_other_pages_are_not_social_links(raw):
    assert urls.social_link(parsed(raw)) is None


# -- home pages ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw", ["https://www.reuters.com/", "https://www.reuters.com", "https://example.org/en/", "https://example.org/index.html",
            "https://example.org/?utm_source=x"]  # fmt: skip
)
def test_home_pages(raw):
    assert urls.is_home_page(parsed(raw))


@pytest.mark.parametrize(
    "raw", ["https://www.reuters.com/world/", "https://example.org/?p=123", "https://example.org/#!/story/12",
            "https://example.org/news"]  # fmt: skip
)
def test_not_home_pages(raw):
    assert not urls.is_home_page(parsed(raw))


# -- tracking parameters ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "cleaned", "names"),
    [
        ("https://apnews.com/article/x?utm_source=chatgpt.com", "https://apnews.com/article/x", ("utm_source",)),
        ("https://e.com/a?id=3&utm_medium=social&utm_campaign=x#part", "https://e.com/a?id=3#part", ("utm_medium", "utm_campaign")),
        ("https://e.com/a?fbclid=IwAR0&page=2&gclid=abc", "https://e.com/a?page=2", ("fbclid", "gclid")),
        ("https://x.com/a/status/1050118621198921728?s=20&t=Ab12", "https://x.com/a/status/1050118621198921728", ("s", "t")),
        ("https://e.com/a?x=1&amp;utm_source=nl&amp;y=2", "https://e.com/a?x=1&amp;y=2", ("utm_source",)),
        ("https://e.com/a?UTM_Source=nl", "https://e.com/a", ("utm_source",)),
    ],
)
def test_strip_tracking(raw, cleaned, names):
    assert urls.tracking_params(parsed(raw)) == names
    assert urls.strip_tracking(raw) == cleaned


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",  # t is a timestamp on YouTube, tracking only on X
        "https://e.com/search?s=iran",
        "https://e.com/a",
    ],
)
def test_meaningful_parameters_are_kept(raw):
    assert urls.tracking_params(parsed(raw)) == ()
    assert urls.strip_tracking(raw) == raw


def test_chatbot_source():
    assert urls.chatbot_source(parsed("https://e.com/a?utm_source=chatgpt.com")) == "chatgpt.com"
    assert urls.chatbot_source(parsed("https://e.com/a?utm_source=perplexity.ai&x=1")) == "perplexity.ai"
    assert urls.chatbot_source(parsed("https://e.com/a?utm_source=newsletter")) is None


def test_normalise_makes_equivalent_links_equal():
    a = urls.normalise("https://t.me/s/alalamarabic/48211")
    assert a == urls.normalise("http://t.me/alalamarabic/48211/")
    assert urls.normalise("https://twitter.com/Reuters/status/1") == urls.normalise("https://x.com/reuters/status/1?s=20")
    assert urls.normalise("https://www.example.com/a/?utm_source=x") == urls.normalise("example.com/a")
    assert urls.normalise("https://example.com/a") != urls.normalise("https://example.com/b")


# -- links.py: bare domains in source lists, handles --------------------------------------------------------
def test_domain_spans():
    text = "Reuters: reuters.com/world/x, U.S. officials, e.g. Al-Monitor.com; press@bbc.co.uk"
    assert [raw for _, _, raw in domain_spans(text)] == ["reuters.com/world/x", "Al-Monitor.com"]


def test_bare_domains_are_links_only_in_the_source_list():
    a = article("# T\n\nShe wrote for reuters.com/world/x once.\n\n## Sources\n\n- Reuters: reuters.com/world/iran-talks\n")
    assert [(link.url, link.in_sources) for link in a.links] == [("reuters.com/world/iran-talks", True)]
    link = a.links[0]
    assert a.text[link.start : link.end] == link.url


def test_handles():
    text = "Relayed via @sprinterpress on X; mail desk@example.com; see https://medium.com/@writer and @AshCrypto."
    assert [h for _, _, h in handle_spans(text)] == ["sprinterpress", "AshCrypto"]
    a = article("# T\n\nThe @reuters account posted it.\n")
    (handle,) = find_handles(a)
    assert a.text[handle.start : handle.end] == "@reuters"

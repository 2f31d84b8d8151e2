"""URL parsing and classification for source links.

Hosts are split with tldextract's bundled public suffix list (offline: no list is ever fetched).
On top of that: generic and publisher vanity shorteners, social posts versus the profiles and
channels they sit on, site home pages, and click-tracking query parameters (with a cleaned URL
for a safe fix). Lists of hosts and parameters are data in ``rules/data``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote, urlsplit

from newslint.data import load_data
from newslint.text import rx

if TYPE_CHECKING:
    import tldextract

_SCHEME = rx.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_OPAQUE_SCHEME = rx.compile(r"^[a-z][a-z0-9+.-]*:(?!//|\d)", re.IGNORECASE)  # mailto:, tel:, javascript:
_HOME_PATH = rx.compile(r"^/?(?:(?:index|default|home)(?:\.\w{2,5})?|[a-z]{2}(?:[-_][a-z]{2})?)?/?$", re.IGNORECASE)
_QUERY_SPLIT = rx.compile(r"(&amp;|&)")
_DIGITS = rx.compile(r"^\d+$")
_LINKEDIN_ACTIVITY = rx.compile(r"(?:activity|share|ugcPost)[-:](\d{15,20})", re.IGNORECASE)
_VK_WALL = rx.compile(r"^wall-?\d+_(\d+)$")


@cache
def _extractor() -> tldextract.TLDExtract:
    """tldextract with its bundled suffix snapshot only: no download, no disk cache. (Hosts are
    split by ``split_host``, which reads the same snapshot without importing tldextract and its
    HTTP stack: about 0.2 s at start-up.)"""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


# -- public suffixes ------------------------------------------------------------------------------
# tldextract's algorithm over the public (ICANN) part of its bundled Public Suffix List snapshot,
# as ``TLDExtract(suffix_list_urls=())`` runs it: labels matched right to left in a trie, "*"
# wildcards and "!" exceptions, Punycode labels decoded, dotted-quad IPv4 hosts kept whole.
_SUFFIX_LINE = rx.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_PRIVATE_SECTION = "// ===BEGIN PRIVATE DOMAINS==="
_IPV4 = rx.compile(
    r"^(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.){3}(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$",
    re.ASCII,
)


@cache
def _suffixes() -> dict[str, bool]:
    """The public suffixes of tldextract's bundled snapshot, and every shorter suffix on the way
    to one: "co.uk" -> True (a public suffix), "kawasaki.jp" -> False (only on the way to
    "*.kawasaki.jp"). A flat table of strings, built once and kept in the user's cache folder
    (``newslint.text.lexcache``)."""
    from newslint.text.lexcache import cached_data, package_key

    return cached_data("public-suffix-table", package_key("tldextract", "tldextract", ".tld_set_snapshot"),
                       _build_suffixes)


def _build_suffixes() -> dict[str, bool]:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("tldextract")
    assert spec is not None and spec.origin
    text = (Path(spec.origin).parent / ".tld_set_snapshot").read_bytes().decode("utf-8")
    table: dict[str, bool] = {}
    for m in _SUFFIX_LINE.finditer(text.partition(_PRIVATE_SECTION)[0]):
        labels = m.group("suffix").split(".")
        for i in range(len(labels) - 1, 0, -1):
            table.setdefault(".".join(labels[i:]), False)
        table[m.group("suffix")] = True
    return table


def _decode_label(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("xn--"):
        try:
            import idna

            return idna.decode(lowered)
        except (UnicodeError, IndexError):
            pass
    return lowered


@lru_cache(maxsize=4096)
def split_host(host: str) -> tuple[str, str]:
    """(registered name, public suffix) of a host, as tldextract splits it: ("bbc", "co.uk") for
    news.bbc.co.uk; ("", "") or (host, "") when there is no public suffix."""
    netloc = host.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")
    netloc = netloc.replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
    if len(netloc) >= 4 and netloc[0] == "[" and netloc[-1] == "]":
        import ipaddress

        try:
            ipaddress.IPv6Address(netloc[1:-1])
            return netloc, ""
        except ValueError:
            pass
    labels = netloc.split(".")
    table = _suffixes()
    suffix_at = index = len(labels)
    suffix = ""  # the labels matched so far (decoded), from the right
    for label in reversed(labels):
        decoded = _decode_label(label)
        longer = f"{decoded}.{suffix}" if suffix else decoded
        end = table.get(longer)
        if end is not None:
            index -= 1
            suffix = longer
            if end:
                suffix_at = index
            continue
        if (f"*.{suffix}" if suffix else "*") in table:
            exception = (f"!{decoded}.{suffix}" if suffix else f"!{decoded}") in table
            suffix_at = index if exception else index - 1
        break
    if suffix_at == len(labels):
        if len(labels) == 4 and netloc[:1].isdecimal() and _IPV4.fullmatch(netloc):
            return netloc, ""
        return labels[-1], ""
    return (labels[suffix_at - 1] if suffix_at > 0 else ""), ".".join(labels[suffix_at:])


class Url(NamedTuple):
    """A URL split into the parts the provenance rules look at."""

    raw: str
    scheme: str  # "" when the URL was written without one ("reuters.com/world/...")
    host: str  # lowercase, without port and leading "www."
    domain: str  # registered domain ("bbc.co.uk"); the host itself for IPs and local names
    suffix: str  # public suffix ("co.uk"); "" when the host has none
    path: str
    query: str
    fragment: str

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(s for s in self.path.split("/") if s)

    def params(self) -> list[tuple[str, str]]:
        """The query's (name, value) pairs in order: names lowercased, both unquoted."""
        return _query_items(self.query)

    def param(self, name: str) -> str | None:
        """The first value of query parameter ``name`` (case-insensitive), unquoted."""
        for key, value in self.params():
            if key == name.lower():
                return value
        return None


@lru_cache(maxsize=4096)
def parse_url(raw: str) -> Url | None:
    """Parse ``raw`` (with or without a scheme); None when it has no usable host."""
    text = raw.strip().strip("<>")
    scheme = ""
    if _SCHEME.match(text):
        scheme = text.split(":", 1)[0].lower()
    elif _OPAQUE_SCHEME.match(text):
        return None
    else:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if not host or " " in host:
        return None
    if host.startswith("www.") or re.match(r"^www\d\.", host):
        host = host.split(".", 1)[1]
    name, suffix = split_host(host)
    domain = f"{name}.{suffix}" if name and suffix else host
    return Url(raw, scheme, host, domain, suffix, parts.path, parts.query, parts.fragment)


def host_matches(url: Url, hosts: frozenset[str] | set[str] | dict[str, Any]) -> str | None:
    """The entry of ``hosts`` that ``url`` falls under (its host, or a parent domain of it)."""
    labels = url.host.split(".")
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in hosts:
            return candidate
    return None


# -- shorteners -----------------------------------------------------------------------------------
class Shortener(NamedTuple):
    """A shortening service a link goes through; vanity ones name their publisher."""

    host: str
    publisher: str | None = None
    expands_to: str | None = None  # the publisher's own domain

    @property
    def vanity(self) -> bool:
        return self.publisher is not None


@cache
def _generic_shorteners() -> frozenset[str]:
    return frozenset(str(h).lower() for h in load_data("url-shorteners")["hosts"])


@cache
def _vanity_shorteners() -> dict[str, tuple[str, str]]:
    table = load_data("vanity-shorteners")["shorteners"]
    return {str(h).lower(): (str(v["publisher"]), str(v["domain"])) for h, v in table.items()}


def shortener(url: Url) -> Shortener | None:
    """The shortener ``url`` goes through, when it is a short link (a host plus a code)."""
    if not url.segments:
        return None  # the shortener's own home page hides nothing
    vanity = _vanity_shorteners()
    hit = host_matches(url, vanity)
    if hit:
        publisher, domain = vanity[hit]
        return Shortener(hit, publisher, domain)
    hit = host_matches(url, _generic_shorteners())
    return Shortener(hit) if hit else None


# -- social platforms: posts versus profiles and channels --------------------------------------------
_ACCOUNT_NOUNS = MappingProxyType({"telegram": "channel", "youtube": "channel", "discord": "server", "reddit": "community"})


class SocialLink(NamedTuple):
    """A link into a social platform: one post, or the account/channel it belongs to."""

    platform: str  # key in the registry's ``platforms`` ("x", "telegram" ...)
    name: str  # display name ("X", "Telegram")
    kind: str  # "post" or "account"
    account: str | None = None  # handle, channel or page name when the URL carries it
    post_id: str | None = None  # as written in the URL

    @property
    def account_noun(self) -> str:
        """What the platform calls an account page, for messages."""
        return _ACCOUNT_NOUNS.get(self.platform, "profile")


@cache
def _platform_hosts() -> dict[str, str]:
    """host -> platform key."""
    out: dict[str, str] = {}
    for key, entry in load_data("source-registry")["platforms"].items():
        for host in entry["hosts"]:
            out[str(host).lower()] = str(key)
    return out


@cache
def _platform_names() -> dict[str, str]:
    return {str(k): str(v["name"]) for k, v in load_data("source-registry")["platforms"].items()}


_RESERVED = MappingProxyType({
    "x": frozenset({"home", "explore", "search", "i", "hashtag", "intent", "share", "notifications", "messages", "settings",
          "login", "signup", "tos", "privacy", "compose", "about"}),
    "instagram": frozenset({"explore", "accounts", "direct", "about", "developer", "legal", "web", "stories"}),
    "facebook": frozenset({"watch", "groups", "events", "share", "login", "help", "marketplace", "gaming", "pages", "hashtag",
                 "photo.php", "photo", "permalink.php", "story.php", "profile.php", "reel", "videos", "search"}),
    "telegram": frozenset({"joinchat", "addstickers", "share", "proxy", "socks", "iv", "addemoji", "setlanguage"}),
})  # fmt: skip
_PROFILE_TABS = frozenset({"with_replies", "media", "likes", "highlights", "featured", "videos", "streams", "shorts",
                 "about", "community", "playlists", "posts", "reels", "tagged", "photos"})  # fmt: skip


def _account(platform: str, handle: str | None) -> SocialLink:
    return SocialLink(platform, _platform_names()[platform], "account", handle)


def _post(platform: str, handle: str | None, post_id: str | None) -> SocialLink:
    return SocialLink(platform, _platform_names()[platform], "post", handle, post_id)


def _x(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    low = [p.lower() for p in s]
    for i, part in enumerate(low[:-1]):
        if part in ("status", "statuses") and _DIGITS.match(s[i + 1]):
            handle = s[0] if i == 1 and low[0] != "i" else None
            return _post("x", handle, s[i + 1])
    if len(s) == 1 or (len(s) == 2 and low[1] in _PROFILE_TABS):
        return None if low[0] in _RESERVED["x"] else _account("x", s[0])
    return None


def _telegram(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    rest = s[1:] if s and s[0] == "s" else s
    if len(rest) >= 3 and rest[0] == "c" and _DIGITS.match(rest[2]):
        return _post("telegram", rest[1], rest[2])
    if len(rest) >= 2 and _DIGITS.match(rest[1]):
        return _post("telegram", rest[0], rest[1])
    if len(rest) == 1:
        name = rest[0]
        if name.startswith("+") or name.lower() in _RESERVED["telegram"]:
            return _account("telegram", None)
        return _account("telegram", name)
    return None


def _instagram(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    low = [p.lower() for p in s]
    for i, part in enumerate(low[:-1]):
        if part in ("p", "reel", "reels", "tv"):
            return _post("instagram", s[0] if i == 1 else None, s[i + 1])
    if len(s) >= 3 and low[0] == "stories" and _DIGITS.match(s[2]):
        return _post("instagram", s[1], s[2])
    if len(s) == 1 or (len(s) == 2 and low[1] in _PROFILE_TABS):
        return None if low[0] in _RESERVED["instagram"] else _account("instagram", s[0])
    return None


def _facebook(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    low = [p.lower() for p in s]
    if url.host == "fb.watch":
        return _post("facebook", None, s[0]) if s else None
    story = url.param("story_fbid") or url.param("fbid") or (url.param("v") if low[:1] == ["watch"] else None)
    if story:
        return _post("facebook", url.param("id"), story)
    for i, part in enumerate(low[:-1]):
        if part in ("posts", "videos", "photos", "permalink", "reel", "p", "v", "r"):
            return _post("facebook", s[0] if i >= 1 and low[0] not in ("share", "groups") else None, s[-1])
    if low[:1] == ["profile.php"] and url.param("id"):
        return _account("facebook", url.param("id"))
    if len(s) == 2 and low[0] == "groups":
        return _account("facebook", s[1])
    if len(s) == 1 or (len(s) == 2 and low[1] in _PROFILE_TABS):
        return None if low[0] in _RESERVED["facebook"] else _account("facebook", s[0])
    return None


def _handle_path(s: tuple[str, ...]) -> str | None:
    return s[0][1:] if s and s[0].startswith("@") and len(s[0]) > 1 else None


def _tiktok(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    handle = _handle_path(s)
    low = [p.lower() for p in s]
    if len(s) >= 3 and low[1] in ("video", "photo") and _DIGITS.match(s[2]):
        return _post("tiktok", handle, s[2])
    if url.host == "vm.tiktok.com" or low[:1] == ["t"]:
        return _post("tiktok", None, None) if s else None
    if handle and len(s) == 1:
        return _account("tiktok", handle)
    return None


def _youtube(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    low = [p.lower() for p in s]
    if url.host == "youtu.be":
        return _post("youtube", None, s[0]) if s else None
    if low[:1] == ["watch"] and url.param("v"):
        return _post("youtube", None, url.param("v"))
    if len(s) >= 2 and low[0] in ("shorts", "live", "embed", "v"):
        return _post("youtube", None, s[1])
    handle = _handle_path(s)
    if handle and (len(s) == 1 or (len(s) == 2 and low[1] in _PROFILE_TABS)):
        return _account("youtube", handle)
    if len(s) in (2, 3) and low[0] in ("channel", "c", "user") and (len(s) == 2 or low[2] in _PROFILE_TABS):
        return _account("youtube", s[1])
    return None


def _linkedin(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    low = [p.lower() for p in s]
    m = _LINKEDIN_ACTIVITY.search(unquote(url.path))
    if m and low[:1] in (["posts"], ["feed"], ["embed"]):
        return _post("linkedin", None, m.group(1))
    if len(s) >= 2 and low[0] == "pulse":
        return _post("linkedin", None, None)
    if len(s) >= 2 and low[0] in ("in", "company", "school", "showcase") and (len(s) == 2 or low[2] in _PROFILE_TABS):
        return _account("linkedin", s[1])
    return None


def _bluesky(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    low = [p.lower() for p in s]
    if len(s) >= 4 and low[0] == "profile" and low[2] == "post":
        return _post("bluesky", s[1], s[3])
    if len(s) == 2 and low[0] == "profile":
        return _account("bluesky", s[1])
    return None


def _mastodon(url: Url, s: tuple[str, ...], platform: str = "mastodon") -> SocialLink | None:
    handle = _handle_path(s)
    low = [p.lower() for p in s]
    if handle:
        if len(s) >= 2 and _DIGITS.match(s[-1]) and (len(s) == 2 or low[1] == "posts"):
            return _post(platform, handle, s[-1])
        if len(s) == 1:
            return _account(platform, handle)
        return None
    if len(s) >= 4 and low[0] == "users" and low[2] == "statuses" and _DIGITS.match(s[3]):
        return _post(platform, s[1], s[3])
    if len(s) == 2 and low[0] == "users":
        return _account(platform, s[1])
    return None


def _discord(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    low = [p.lower() for p in s]
    if url.host == "discord.gg" or low[:1] == ["invite"]:
        return _account("discord", None) if s else None
    if low[:1] == ["channels"] and len(s) >= 4 and _DIGITS.match(s[3]):
        return _post("discord", s[1], s[3])
    if low[:1] == ["channels"] and len(s) in (2, 3):
        return _account("discord", s[1])
    return None


def _reddit(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    low = [p.lower() for p in s]
    if url.host == "redd.it":
        return _post("reddit", None, s[0]) if s else None
    if len(s) >= 4 and low[0] == "r" and low[2] in ("comments", "s"):
        return _post("reddit", s[1], s[3])
    if len(s) == 2 and low[0] in ("r", "u", "user"):
        return _account("reddit", s[1])
    return None


def _vk(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    if len(s) == 1:
        m = _VK_WALL.match(s[0])
        return _post("vk", None, m.group(1)) if m else _account("vk", s[0])
    return _post("vk", None, url.param("w")) if url.param("w") else None


def _weibo(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    if len(s) == 2 and s[0] != "u":
        return _post("weibo", s[0], s[1])
    if len(s) == 1 or (len(s) == 2 and s[0] == "u"):
        return _account("weibo", s[-1])
    return None


def _rumble(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    if len(s) == 1 and s[0].startswith("v") and s[0].endswith(".html"):
        return _post("rumble", None, s[0])
    if len(s) == 2 and s[0] in ("c", "user"):
        return _account("rumble", s[1])
    return None


def _threads(url: Url, s: tuple[str, ...]) -> SocialLink | None:
    handle = _handle_path(s)
    if handle and len(s) >= 3 and s[1] == "post":
        return _post("threads", handle, s[2])
    return _account("threads", handle) if handle and len(s) == 1 else None


_PARSERS = MappingProxyType({
    "x": _x, "telegram": _telegram, "instagram": _instagram, "facebook": _facebook, "tiktok": _tiktok,
    "youtube": _youtube, "linkedin": _linkedin, "bluesky": _bluesky, "mastodon": _mastodon,
    "discord": _discord, "reddit": _reddit, "vk": _vk, "weibo": _weibo, "rumble": _rumble, "threads": _threads,
})  # fmt: skip


def platform_of(url: Url) -> str | None:
    """The social platform ``url`` belongs to (registry key), if any."""
    table = _platform_hosts()
    hit = host_matches(url, table)
    return table[hit] if hit else None


def social_link(url: Url) -> SocialLink | None:
    """The post or account a social-platform URL points at; None for other pages.

    Hosts outside the registry are recognised by the fediverse's ``/@user/<numeric id>`` shape
    (Mastodon and its forks) and ``/@user`` profile pages.
    """
    platform = platform_of(url)
    s = url.segments
    if platform is None:
        handle = _handle_path(s)
        if handle and len(s) == 2 and _DIGITS.match(s[1]) and len(s[1]) >= 15:
            return _post("mastodon", handle, s[1])
        return None
    parser = _PARSERS.get(platform)
    return parser(url, s) if parser else None


# -- home pages -------------------------------------------------------------------------------------
def is_home_page(url: Url) -> bool:
    """True when ``url`` opens a site's front page (``/``, ``/index.html``, ``/en/``) rather
    than a specific article. Query strings other than tracking parameters make it a page."""
    if not _HOME_PATH.match(url.path or "/"):
        return False
    if url.fragment.startswith("!/"):  # hash-bang route to an inner page
        return False
    return all(_is_tracking(key, url) for key, _ in _query_items(url.query))


# -- tracking parameters ------------------------------------------------------------------------------
class _TrackingTable(NamedTuple):
    prefixes: tuple[str, ...]
    names: frozenset[str]
    per_host: dict[str, frozenset[str]]
    chatbots: frozenset[str]


@cache
def _tracking() -> _TrackingTable:
    data = load_data("tracking-params")
    return _TrackingTable(
        tuple(str(p).lower() for p in data["prefixes"]),
        frozenset(str(p).lower() for p in data["params"]),
        {str(h).lower(): frozenset(str(p).lower() for p in ps) for h, ps in data["host-params"].items()},
        frozenset(str(c).lower() for c in data["chatbot-sources"]),
    )


def _query_items(query: str) -> list[tuple[str, str]]:
    items = []
    for piece in _QUERY_SPLIT.split(query):
        if piece and piece not in ("&", "&amp;"):
            key, _, value = piece.partition("=")
            items.append((unquote(key).strip().lower(), unquote(value.replace("+", " "))))
    return items


def _is_tracking(key: str, url: Url) -> bool:
    table = _tracking()
    if key in table.names or key.startswith(table.prefixes):
        return True
    hit = host_matches(url, table.per_host)
    return hit is not None and key in table.per_host[hit]


def tracking_params(url: Url) -> tuple[str, ...]:
    """Names of the click-tracking parameters in ``url``'s query, in order."""
    return tuple(key for key, _ in _query_items(url.query) if _is_tracking(key, url))


def chatbot_source(url: Url) -> str | None:
    """The chatbot named by ``utm_source`` (``chatgpt.com`` ...), when the link came from one."""
    source = (url.param("utm_source") or "").strip().lower()
    return source if source in _tracking().chatbots else None


def strip_tracking(raw: str) -> str:
    """``raw`` without its tracking parameters; everything else is kept exactly as written."""
    url = parse_url(raw)
    if url is None or not url.query:
        return raw
    q_start = raw.find("?")
    if q_start == -1:
        return raw
    f_start = raw.find("#", q_start)
    query = raw[q_start + 1 : f_start if f_start != -1 else len(raw)]
    kept = [
        piece
        for piece in _QUERY_SPLIT.split(query)
        if piece and piece not in ("&", "&amp;") and not _is_tracking(unquote(piece.partition("=")[0]).strip().lower(), url)
    ]
    separator = "&amp;" if "&amp;" in query else "&"
    rebuilt = raw[:q_start] + ("?" + separator.join(kept) if kept else "")
    return rebuilt + (raw[f_start:] if f_start != -1 else "")


def normalise(raw: str) -> str:
    """A comparison key for duplicate detection: scheme, ``www.``, case of the host, a trailing
    slash, tracking parameters and the fragment do not make two links different; the X/Twitter
    and ``t.me/s/`` preview forms count as the same page."""
    url = parse_url(strip_tracking(raw))
    if url is None:
        return " ".join(raw.casefold().split())
    host = url.host
    path = url.path.rstrip("/")
    platform = platform_of(url)
    if platform == "x":
        host = "x.com"
        path = path.lower()
    elif platform == "telegram":
        host = "t.me"
        path = re.sub(r"^/s/", "/", path).lower()
    return host + path + ("?" + url.query if url.query else "")

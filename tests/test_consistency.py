"""Copies of one story checked together: grouping, and the contradictions between copies."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_cli

from newslint.checks.consistency import candidate_pairs, group_stories, sketch_similarity
from newslint.config import Config
from newslint.config import FixedResolver
from newslint.engine import Engine

STORIES = {
    "port": ("Rotterdam", "Dockworkers at the Port of Rotterdam walked off the job over an automation plan at the "
             "Maasvlakte terminals, the FNV union said. Maersk diverted feeder vessels to Antwerp, the line said."),
    "plague": ("Inner Mongolia", "Health officials in Inner Mongolia confirmed a case of bubonic plague in a herder "
               "from Bayannur, the regional health commission said. Ulanqab hospital isolated two contacts, it said."),
    "budget": ("Kenya", "Kenya's treasury secretary Njuguna Ndung'u presented a budget to parliament in Nairobi "
               "that raises excise duty on mobile money, the treasury said. Safaricom shares fell, the exchange said."),
}


def _copy(story: str, n: int) -> str:
    place, body = STORIES[story]
    return f"# {place} story, version {n}\n\nReported by desk {n}. {body}\n"


UNRELATED = [
    "# Violin maker wins award\n\nA Cremona violin maker, Giulia Ferri, won the Stradivari prize for a viola, the jury said.\n",
    "# Glacier retreat measured\n\nThe Rhone glacier lost 2 metres of ice this summer, ETH Zurich glaciologists said.\n",
    "# Orchard harvest late\n\nApple growers in Kent began picking three weeks late after a cold spring, the NFU said.\n",
    "# Chess final drawn\n\nMagnus Carlsen and Fabiano Caruana drew the final game in Stavanger, the organisers said.\n",
    "# Volcano alert raised\n\nIceland's Met Office raised the alert level for Grindavik after tremors near Fagradalsfjall.\n",
    "# Lighthouse restored\n\nThe Eddystone lighthouse off Plymouth reopened to boat tours, Trinity House said on Friday.\n",
    "# Bakery chain expands\n\nGreggs plans 150 new shops in Scotland and Wales next year, chief executive Roisin Currie said.\n",
    "# Comet visible at dusk\n\nComet Tsuchinshan-ATLAS can be seen low in the west after sunset, NASA astronomers said.\n",
]


def run(folder, select="consistency"):
    engine = Engine(FixedResolver(Config(select=(select,))))
    return engine.run([str(folder)])


def test_seed_pair_reported_with_both_lines():
    result = run(ROOT / "seeds")
    timing = [f for f in result.findings if f.rule == "consistency/report-time"]
    assert len(timing) == 1
    f = timing[0]
    assert f.path.endswith("tehran-walks-out.txt") and f.line == 8  # "... @reuters account at 20:10 UTC ..."
    assert "seeds/tehran-walks-back.txt:13" in f.message  # "... in the early hours of 29 June UTC"
    assert "20:10 UTC" in f.message and "29 June" in f.message
    post = [f for f in result.findings if f.rule == "consistency/post-date"]
    assert [(p.path.rsplit("/", 1)[-1], p.line) for p in post] == [("stop-talks-protest.txt", 12)]
    assert "1 May 2026" in post[0].message and "28 June 2026" in post[0].message


def test_groups_are_reported_in_json(tmp_path):
    for story in STORIES:
        for n in range(3):
            (tmp_path / f"{story}-{n}.md").write_text(_copy(story, n), encoding="utf-8")
    for n, text in enumerate(UNRELATED):
        (tmp_path / f"misc-{n}.md").write_text(text, encoding="utf-8")
    proc = run_cli("check", "--format", "json", "--select", "consistency", "--exit-zero", str(tmp_path))
    groups = json.loads(proc.stdout)["groups"]
    got = sorted(sorted(a.rsplit("/", 1)[-1] for a in g["articles"]) for g in groups)
    assert got == [[f"{s}-{n}.md" for n in range(3)] for s in sorted(STORIES)]
    assert all(g["label"] for g in groups)


def test_rules_sharing_the_grouping_label_its_groups_once(tmp_path, monkeypatch):
    """The five consistency rules share one grouping; its extras (the story groups and their
    labels) are made once per run, not once per rule."""
    import newslint.checks.consistency as consistency

    for story in STORIES:
        for n in range(3):
            (tmp_path / f"{story}-{n}.md").write_text(_copy(story, n), encoding="utf-8")
    labelled: list[list[int]] = []
    label = consistency._label
    monkeypatch.setattr(consistency, "_label", lambda stories, group: labelled.append(group) or label(stories, group))
    result = run(tmp_path)
    assert len(result.extras["groups"]) == len(STORIES)
    assert len(labelled) == len(STORIES)


def test_agreeing_copies_are_not_flagged(tmp_path):
    base = (
        "# Rotterdam port strike\n\nReuters reported the walkout at 09:15 UTC on 3 March 2026. "
        "Dockworkers at the Port of Rotterdam struck over automation at the Maasvlakte terminals, the FNV union said. "
        "The FNV union said 65 percent of Maasvlakte members backed the strike. "
        '"We will not accept robots without guarantees for every worker," FNV negotiator Niek Stam said. '
        "Maersk diverted feeder vessels to Antwerp, the line said.\n"
    )
    (tmp_path / "a.md").write_text(base, encoding="utf-8")
    # a shorter excerpt of the same quotation, the same figure, a time within tolerance: all agree
    (tmp_path / "b.md").write_text(
        base.replace("09:15 UTC", "09:20 UTC").replace("for every worker,", "for every worker").replace(
            '"We will not accept robots without guarantees for every worker,"', '"We will not accept robots,"'),
        encoding="utf-8",
    )
    result = run(tmp_path)
    assert [f.rule for f in result.findings if f.rule != "consistency/near-duplicate"] == []


def test_planted_contradictions_each_found(tmp_path):
    base = (
        "# Rotterdam port strike\n\nReuters reported the walkout at 09:15 UTC on 3 March 2026. "
        "Dockworkers at the Port of Rotterdam struck over automation at the Maasvlakte terminals, the FNV union said. "
        "The FNV union said 65 percent of Maasvlakte members backed the strike.\n\n"
        '"We will not accept robots without guarantees for every worker," FNV negotiator Niek Stam said. '
        "Maersk diverted feeder vessels to Antwerp, the line said.\n"
    )
    other = (base.replace("09:15 UTC", "13:05 UTC").replace("65 percent", "85 percent")
             .replace("without guarantees for every worker", "without job guarantees for all workers"))
    (tmp_path / "a.md").write_text(base, encoding="utf-8")
    (tmp_path / "b.md").write_text(other, encoding="utf-8")
    result = run(tmp_path)
    found = {(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in result.findings}
    assert ("consistency/report-time", "b.md", 3) in found
    assert ("consistency/figure", "b.md", 3) in found
    assert ("consistency/quote-wording", "b.md", 5) in found
    assert all("a.md:" in f.message for f in result.findings if f.rule != "consistency/near-duplicate")


def test_blocking_keeps_candidate_pairs_near_linear():
    from newslint.text.story import Place, StoryDigest

    place = Place(1, 1, 1, 2, "", 1)

    def digest(i: int, terms: list[str]) -> StoryDigest:
        return StoryDigest(f"a{i}.md", None, "", tuple(terms), [1.0] * len(terms), tuple(terms), frozenset(terms[:3]),
                           (), 0, None, (), place)

    # 3,000 articles in 1,000 stories of 3 copies, all sharing a few very common terms
    digests = [digest(i, [f"s{i // 3}x{k}" for k in range(8)] + ["common", "words", "every"]) for i in range(3000)]
    pairs = [(i, j) for j, _, partners in candidate_pairs(digests) for i in partners]
    assert len(pairs) == 3000  # the three pairs inside each story, nothing across stories
    stories = group_stories(digests)
    assert len(stories.groups) == 1000


def test_sketch_similarity():
    a = tuple(range(0, 256, 2))
    assert sketch_similarity(a, a) == 1.0
    assert sketch_similarity(a, tuple(range(1, 256, 2))) == 0.0


def test_sketch_similarity_matches_the_plain_definition():
    import random

    rng = random.Random(3)
    for _ in range(200):
        pool = [rng.getrandbits(12) for _ in range(rng.randint(1, 400))]
        a, b = (tuple(sorted(set(rng.sample(pool, rng.randint(1, len(pool)))))[:128]) for _ in range(2))
        union = sorted(set(a) | set(b))[:128]
        assert sketch_similarity(a, b) == sum(1 for h in union if h in set(a) & set(b)) / len(union)


def test_candidate_pairs_and_labels_match_the_plain_definitions():
    import random
    from collections import Counter, defaultdict

    from newslint.checks.consistency import BLOCKING_TERMS, KeyTerms, Stories, _label
    from newslint.text.story import Place, StoryDigest

    rng = random.Random(5)
    vocab = [f"t{k}" for k in range(300)]
    digests = []
    for i in range(400):
        terms = rng.sample(vocab[: rng.choice((40, 300))], 12)
        digests.append(StoryDigest(f"a{i}.md", None, "", tuple(terms), [round(rng.uniform(0.5, 9), 2) for _ in terms],
                                   tuple(t.upper() for t in terms), frozenset(), (), 0, None, (),
                                   Place(1, 1, 1, 2, "", 1)))
    df = Counter(t for d in digests for t in d.terms)
    cap = max(20, int(4 * len(digests) ** 0.5))
    postings: dict[str, list[int]] = defaultdict(list)
    blocking = []
    for i, d in enumerate(digests):
        terms = sorted((t for t in d.terms if 2 <= df[t] <= cap), key=lambda t: (df[t], t))[:BLOCKING_TERMS]
        blocking.append(terms)
        for t in terms:
            postings[t].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for i, terms in enumerate(blocking):
        for t in terms:
            for j in postings[t]:
                if j > i:
                    shared[(i, j)] += 1
    found = [(j, partners) for j, d, partners in candidate_pairs(digests) if d is digests[j]]
    pairs = [(i, j) for j, partners in found for i in partners]
    assert sorted(pairs) == sorted({pair for pair, count in shared.items() if count >= 2})
    assert all(partners == sorted(partners) for _, partners in found)
    # a story at a time: the later articles in order of their rarest blocking term, then in order
    rarest = [(df[terms[0]], terms[0]) if terms else None for terms in blocking]
    assert [j for j, _ in found] == sorted((j for j, _ in found), key=lambda j: (rarest[j], j))
    # keys with their terms numbered (as grouping makes them) block on the same terms, ties
    # between equally rare terms broken by their words, not their numbers
    numbered = KeyTerms()
    keys = [numbered.key(d) for d in digests]
    assert [(j, partners) for j, _, partners in candidate_pairs(keys, spelling=numbered.spelling)] == found

    stories = Stories(digests, [], [], {}, {})
    for _ in range(50):
        group = rng.sample(range(len(digests)), rng.randint(2, 6))
        weights: Counter[str] = Counter()
        shown: dict[str, str] = {}
        for i in group:
            for term, w, word in zip(digests[i].terms, digests[i].weights, digests[i].words):
                weights[term] += w
                shown.setdefault(term, word)
        seen = Counter(t for i in group for t in digests[i].terms)
        assert _label(stories, group) == ", ".join([shown[t] for t, _ in weights.most_common() if seen[t] > 1][:6])


def test_digests_pickle_compactly_and_share_their_words():
    import pickle
    from array import array

    from newslint.readers import read_bytes

    digest = read_bytes(_copy("budget", 1).encode(), "budget.md").story
    assert isinstance(digest.sketch, array) and digest.sketch.itemsize == 4 and list(digest.sketch) == sorted(digest.sketch)
    one, two = (pickle.loads(pickle.dumps(digest)) for _ in range(2))
    assert one == digest and two == digest
    assert one.terms and all(a is b for a, b in zip(one.terms, two.terms))  # interned, not copied
    assert all(a is b for a, b in zip(one.words, two.words))


def test_each_near_duplicate_copy_is_reported_once_against_the_earliest(tmp_path):
    body = STORIES["port"][1]
    for n in range(6):  # six copies of one wire story: five findings, not fifteen pairs
        (tmp_path / f"copy{n}.md").write_text(f"# Port story {n}\n\n{body} Desk {n} filed it.\n", encoding="utf-8")
    proc = run_cli("check", "--format", "json", "--no-cache", "--select", "consistency/near-duplicate", str(tmp_path))
    found = json.loads(proc.stdout)["findings"]
    assert sorted(f["path"].rsplit("/", 1)[1] for f in found) == [f"copy{n}.md" for n in range(1, 6)]
    assert all(f["data"]["other"].split("/")[-1].startswith("copy0.md:") for f in found)


def test_copies_repeating_a_quote_are_compared_once_per_distinct_wording(tmp_path):
    from newslint.checks.consistency import NearDuplicate, group_stories
    from newslint.readers import read_bytes

    said = "“We will not accept the automation plan,” union leader Jan de Vries said."
    misquoted = "“We will never accept this automation plan,” union leader Jan de Vries said."
    body = STORIES["port"][1]
    texts = [f"# Port story {n}\n\n{body} Desk {n} filed it.\n\n{said if n < 4 else misquoted}\n" for n in range(6)]
    digests = [read_bytes(t.encode(), f"copy{n}.md").story for n, t in enumerate(texts)]
    stories = group_stories(digests)
    assert stories.groups == [list(range(6))]
    pairs = [(da.path, db.path) for da, _, db, _ in NearDuplicate().claim_pairs(stories, "quote")]
    # each later copy against the first copy of each distinct wording before it (6 pairs, not 15)
    assert pairs == [("copy0.md", f"copy{n}.md") for n in range(1, 6)] + [("copy4.md", "copy5.md")]
    for n, text in enumerate(texts):
        (tmp_path / f"copy{n}.md").write_text(text, encoding="utf-8")
    proc = run_cli("check", "--format", "json", "--no-cache", "--select", "consistency/quote-wording", str(tmp_path))
    found = json.loads(proc.stdout)["findings"]
    assert sorted(f["path"].rsplit("/", 1)[1] for f in found) == ["copy4.md", "copy5.md"]


_PORT = ("Dockworkers at the Port of Rotterdam walked off the job over an automation plan at the Maasvlakte "
         "terminals, the FNV union said. Maersk diverted feeder vessels to Antwerp, the line said. The Rotterdam "
         "port authority said the terminals would stay closed until Thursday. Dutch economy minister Sophie "
         "Hermans called for talks between the union and terminal operators. Hapag-Lloyd said three of its ships "
         "were waiting at anchor off Hook of Holland. The FNV union said the strike would continue until the "
         "operators withdrew the plan.")
_PORT_REWRITE = (_PORT.rsplit(". ", 1)[0] + ". Shipping analysts at Drewry said the stoppage would delay container "
                 "traffic across northern Europe for a week. Truck drivers queued for hours outside the Maasvlakte "
                 "gates on Tuesday morning, local broadcaster Rijnmond reported.")


def test_a_lower_min_overlap_finds_looser_copies_and_a_too_low_one_is_a_config_error(tmp_path):
    from newslint.checks.consistency import MIN_OVERLAP_FLOOR
    from newslint.config import ConfigError
    from newslint.readers import read_bytes

    (tmp_path / "a.md").write_text(f"# Rotterdam strike\n\n{_PORT}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# Rotterdam port strike\n\n{_PORT_REWRITE}\n", encoding="utf-8")
    digests = [read_bytes(p.read_bytes(), p.name).story for p in sorted(tmp_path.iterdir())]
    overlap = sketch_similarity(digests[0].sketch, digests[1].sketch)
    assert MIN_OVERLAP_FLOOR < overlap < 0.72  # below what grouping used to keep (0.9 x the default 0.8)

    def found(min_overlap: float) -> list[str]:
        config = Config(select=("consistency/near-duplicate",),
                        options={"consistency/near-duplicate": {"min-overlap": min_overlap}})
        return [f.path.rsplit("/", 1)[-1] for f in Engine(FixedResolver(config)).run([str(tmp_path)]).findings]

    assert found(0.8) == [] and found(round(overlap - 0.02, 2)) == ["b.md"]
    with pytest.raises(ConfigError, match="min-overlap must be a number from 0.5 to 1"):
        found(0.3)

"""Configuration: discovery, extends, overrides, selection, severities and errors with lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from newslint.config import Config, ConfigError, ConfigResolver, glob_to_regex, load_config
from newslint.model import Severity

NO_HEADLINE = "The council approved the harbour budget on Monday, its clerk said in a statement.\nIt passed, the clerk said.\n"


def rules_for(proc) -> set[str]:
    return {f["rule"] for f in json.loads(proc.stdout)["findings"]}


def test_closest_config_wins_and_extends_inherits(tmp_path, write):
    write("base.yaml", "ignore: [readability]\nseverity:\n  structure: info\nfail-on: error\n")
    write(".newslint.yaml", "extends: base.yaml\naccept: [Araqchi]\n")
    write("desk/.newslint.yaml", "extends: ../.newslint.yaml\nfail-on: info\n")
    resolver = ConfigResolver()
    top = resolver.for_file(write("a.md", "x"))
    desk = resolver.for_file(write("desk/b.md", "x"))
    assert top.fail_on is Severity.ERROR and desk.fail_on is Severity.INFO
    assert desk.accept == frozenset({"Araqchi"}) and desk.ignore == ("readability",)
    assert desk.severity_for("structure/missing-headline") is Severity.INFO


def test_select_ignore_specificity():
    cfg = Config(select=("structure",), ignore=("structure/missing-headline",))
    assert cfg.is_enabled("structure/empty-article")
    assert not cfg.is_enabled("structure/missing-headline")
    assert not cfg.is_enabled("typos/misspelling")
    cfg = Config(select=("structure/missing-headline",), ignore=("structure",))
    assert cfg.is_enabled("structure/missing-headline")  # the exact id is more specific than the family


def test_overrides_with_recursive_globs(tmp_path, write):
    write(".newslint.yaml", "overrides:\n  - files: ['archive/**/*.txt']\n    ignore: [structure/missing-headline]\n")
    old = write("archive/1999/old.txt", NO_HEADLINE)
    new = write("new.txt", NO_HEADLINE)
    proc = run_cli("check", "--format", "json", str(old), str(new), cwd=tmp_path)
    by_path = {}
    for f in json.loads(proc.stdout)["findings"]:
        by_path.setdefault(Path(f["path"]).name, set()).add(f["rule"])
    assert "structure/missing-headline" in by_path["new.txt"]
    assert "structure/missing-headline" not in by_path.get("old.txt", set())


@pytest.mark.parametrize(
    ("yaml_text", "line", "fragment"),
    [
        ("select: [structure]\nselct: [typos]\n", 2, "did you mean 'select'"),
        ("fail-on: loud\n", 1, "'fail-on' must be one of"),
        ("severity:\n  typos: fatal\n", 1, "severity of 'typos'"),
        ("ignore: [structure]\noverrides:\n  - ignore: [typos]\n", 3, "needs 'files'"),
        ("select: [structure\n", 2, "invalid YAML"),
    ],
)
def test_broken_config_names_file_and_line(tmp_path, write, yaml_text, line, fragment):
    cfg = write(".newslint.yaml", yaml_text)
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert info.value.line == line and fragment in info.value.message


def test_broken_config_exits_2_with_location(tmp_path, write):
    write(".newslint.yaml", "select: [structure]\nselct: [typos]\n")
    story = write("a.md", "# Title here\n\nBody text, the clerk said.\n")
    proc = run_cli("check", str(story), cwd=tmp_path)
    assert proc.returncode == 2
    assert ".newslint.yaml:2: unknown key 'selct'" in proc.stderr.decode()


def test_unknown_rule_in_select_is_a_config_error(tmp_path, write):
    write(".newslint.yaml", "select: [structure/no-such-rule]\n")
    proc = run_cli("check", str(write("a.md", "# T\n\nBody, he said.\n")), cwd=tmp_path)
    assert proc.returncode == 2 and "unknown rule or family 'structure/no-such-rule'" in proc.stderr.decode()


@pytest.mark.parametrize("option, value, wanted", [
    ("readability/long-sentence: {max-words: lots}", "'lots'", "a number no less than 0"),
    ("readability/long-sentence: {max-words: -3}", "-3", "a number no less than 0"),
    ("readability/long-sentence: {max-words: true}", "True", "a number no less than 0"),
    ("typos/rejected-word: {words: ferry}", "'ferry'", "a list of strings"),
])
def test_an_option_of_the_wrong_kind_is_a_config_error_not_a_crash(tmp_path, write, option, value, wanted):
    write(".newslint.yaml", f"options:\n  {option}\n")
    proc = run_cli("check", str(write("a.md", "# T\n\nBody, he said.\n")), cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and f"must be {wanted}, not {value}" in err and "Traceback" not in err


def test_option_kinds_follow_each_default():
    from newslint.rule import Rule

    class Offsets(Rule):  # as a plugin might declare them
        id = "structure/testonly-offsets"
        summary = "x"
        defaults = {"shift": 0, "limit": 5, "weights": [1, 2], "names": ["a"], "url": None, "strict": False}

    Offsets({"shift": -5, "limit": 2.5, "weights": [3], "names": [], "url": 8080, "strict": True})
    for options, wanted in [({"limit": -1}, "a number no less than 0"), ({"shift": "x"}, "a number"),
                            ({"weights": 3}, "a list"), ({"names": [1]}, "a list of strings"),
                            ({"strict": 1}, "true or false")]:
        with pytest.raises(ValueError, match=f"must be {wanted}, not"):
            Offsets(options)


def test_options_of_the_right_kind_are_taken(tmp_path, write):
    write(".newslint.yaml", "options:\n  readability/long-sentence: {max-words: 4.5}\n  typos/rejected-word: {words: [Rijnmond]}\n")
    proc = run_cli("check", "--format", "json", str(write("a.md", "# T\n\nBody text here is long, he said.\n")),
                   cwd=tmp_path)
    assert "readability/long-sentence" in proc.stdout.decode()


def test_accept_reject_word_files(tmp_path, write):
    write("words/accept.txt", "# names\nAraqchi\nmonexus\n")
    cfg = write(".newslint.yaml", "accept: words/accept.txt\nreject: [irregardless]\n")
    loaded = load_config(cfg)
    assert loaded.accept == frozenset({"Araqchi", "monexus"}) and loaded.reject == frozenset({"irregardless"})


def test_glob_to_regex():
    assert glob_to_regex("archive/**/*.md").fullmatch("archive/2020/05/a.md")
    assert glob_to_regex("archive/**/*.md").fullmatch("archive/a.md")
    assert not glob_to_regex("*.md").fullmatch("archive/a.md")


def test_config_command_shows_effective_config(tmp_path, write):
    write(".newslint.yaml", "ignore: [readability]\noverrides:\n  - files: ['wire/*.md']\n    select: [structure]\n")
    story = write("wire/a.md", "# T\n")
    proc = run_cli("config", str(story), cwd=tmp_path)
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "select:\n- structure" in out and "structure/missing-headline" in out
    assert "typos/" not in out.split("rules:")[1]


def test_cli_select_and_ignore_override_config(tmp_path, write):
    story = write("a.txt", NO_HEADLINE)
    assert rules_for(run_cli("check", "--format", "json", "--select", "structure", str(story))) == {"structure/missing-headline"}
    assert "structure/missing-headline" not in rules_for(
        run_cli("check", "--format", "json", "--ignore", "structure/missing-headline", str(story))
    )


def test_source_registry_from_config_reaches_the_rules(tmp_path, write):
    story = write("a.md", "# Port closes\n\nThe port closed on Monday, Quay Watcher said in a post.\n\nSources:\n- Quay Watcher\n")
    args = ("check", "--format", "json", "--no-cache", "--select", "provenance/social-only-sources", str(story))
    assert json.loads(run_cli(*args, cwd=tmp_path).stdout)["findings"] == []
    write(".newslint.yaml", "source-registry:\n  - {name: Quay Watcher, kind: influencer, aliases: [Quay Watcher]}\n")
    found = json.loads(run_cli(*args, cwd=tmp_path).stdout)["findings"]
    assert [f["rule"] for f in found] == ["provenance/social-only-sources"]
    assert "Quay Watcher" in found[0]["message"]


def test_bad_source_registry_is_a_config_error(tmp_path, write):
    cfg = write(".newslint.yaml", "source-registry:\n  - {aliases: [Quay Watcher]}\n")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert info.value.line == 1 and "'source-registry'" in info.value.message

"""Learning a newsroom's names from a folder of copy (newslint.vocab). Texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import typer
from conftest import article
from typer.testing import CliRunner

from newslint.checks.typos import Spelling
from newslint.rule import Context, Vocabulary
from newslint.vocab import Term, learn, render, vocab_command

STORIES = {
    "a.md": "# Harbour deal\n\nMinister Velkarov met Tanaquil Osterby in Brindmoor. The harbour deal was "
    "targetted at exporters, the ministry said.\n",
    "b.md": "# Harbour talks\n\nVelkarov said the talks in Brindmoor would go on. Exporters were "
    "targetted too, he said.\n",
    "c/c.md": "# Brindmoor vote\n\nThe council in Brindmoor backed the plan. Velkarov welcomed it.\n",
    "d.txt": "Quiet week\n\nNothing happened in Osterfeld this week, the mayor said.\n",
}


def folder(tmp_path: Path) -> Path:
    for name, text in STORIES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_learn_keeps_words_several_articles_use_and_flags_recurring_slips(tmp_path):
    terms, read = learn([str(folder(tmp_path))], min_articles=2)
    assert read == 4
    assert [t for t in terms if t.suggestion is None] == [Term("Brindmoor", 3, 4), Term("Velkarov", 3, 3)]
    assert [t for t in terms if t.suggestion] == [Term("targetted", 2, 2, "targeted")]


def test_min_articles_one_keeps_every_unknown_word(tmp_path):
    terms, _ = learn([str(folder(tmp_path))], min_articles=1)
    assert {"Osterby", "Osterfeld", "Tanaquil"} <= {t.word for t in terms}
    assert not {"harbour", "minister", "exporters"} & {t.word.lower() for t in terms}  # dictionary words


def test_render_is_a_word_file_that_accept_reads(tmp_path):
    terms = [Term("Brindmoor", 3, 4), Term("velkarov", 2, 2), Term("targetted", 2, 2, "targeted")]
    text = render(terms, ["copy/"], 4, 2)
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert lines == ["Brindmoor", "velkarov"]  # the doubtful word stays commented out
    assert "#targetted" in text.splitlines()
    vocab = Vocabulary(accept=frozenset(lines))
    assert vocab.accepts("Brindmoor") and not vocab.accepts("brindmoor")  # capitalised: as written
    assert vocab.accepts("Velkarov") and vocab.accepts("VELKAROV")  # lowercase: any casing


def test_a_word_the_desk_confirms_is_no_longer_flagged():
    text = render([Term("targetted", 2, 2, "targeted")], ["copy/"], 2, 2).replace("#targetted", "targetted")
    accept = frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    story = article("# Vote\n\nThe aid was targetted at farmers.\n")
    assert [f.data["word"] for f in Spelling().check(story, Context())] == ["targetted"]
    assert list(Spelling().check(story, Context(Vocabulary(accept=accept)))) == []


def test_the_command_writes_the_word_file(tmp_path):
    app = typer.Typer()
    app.command("vocab")(vocab_command)
    app.command("other")(lambda: None)  # more than one command: `vocab` is a subcommand, as in newslint
    out = tmp_path / "words.txt"
    result = CliRunner().invoke(app, ["vocab", str(folder(tmp_path / "copy")), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[3:5] == ["Brindmoor", "Velkarov"]
    printed = CliRunner().invoke(app, ["vocab", str(tmp_path / "copy"), "--min-articles", "3"])
    assert "Brindmoor" in printed.output and "targetted" not in printed.output

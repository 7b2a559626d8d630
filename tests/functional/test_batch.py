"""Corpus mode: `synopsis batch` on Dask, its Parquet tables, and `synopsis corpus`."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet as pq
import pytest


from corpus_helpers import articles_of, write_corpus, write_story

import comparators.corpus
import tui.cli.open
from comparators.corpus import sequential
from comparators.corpus_batch import export_path, run_batch
from comparators.corpus_engine import DaskEngine
from comparators.corpus_input import read_articles
from comparators.corpus_tables import SCHEMAS, read_table
from comparators.model import SettingsOverride
from tui.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"
IN_PROCESS = DaskEngine(workers=2, processes=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "stories", stories=3)


@pytest.fixture(scope="module")
def batch(corpus, tmp_path_factory):
    """The corpus compared once on an in-process local cluster."""
    out = tmp_path_factory.mktemp("batch") / "out"
    summary = run_batch(corpus, out, SettingsOverride(), IN_PROCESS)
    return out, summary


def no_work(stories, settings):
    """An engine for runs that must compare nothing."""
    raise AssertionError(f"compared {len(stories)} stories")


def exported_by_cli(story: Path, capsys) -> str:
    capsys.readouterr()
    assert main(["export", str(story)]) == 0
    return capsys.readouterr().out


def test_each_story_is_stored_exactly_as_synopsis_export_writes_it(corpus, batch, capsys):
    out, summary = batch
    assert (summary.stories, summary.compared, summary.failures) == (3, 3, ())
    for story in sorted(p for p in corpus.iterdir()):
        stored = gzip.decompress(export_path(out, story.name).read_bytes()).decode("utf-8")
        assert stored == exported_by_cli(story, capsys)


def test_the_tables_hold_one_row_per_item_of_every_story(corpus, batch):
    out, _ = batch
    exports = {p.name: json.loads(gzip.decompress(export_path(out, p.name).read_bytes())) for p in corpus.iterdir()}
    stories = read_table(out, "stories").to_pylist()
    assert [(s["story"], s["status"], s["error"]) for s in stories] == [(n, "ok", None) for n in sorted(exports)]
    for name, key in (("sources", "sources"), ("groups", "groups"), ("quotes", "quotes"), ("reuse", "reuse")):
        rows = read_table(out, name).to_pylist()
        assert len(rows) == sum(len(e[key]) for e in exports.values()), name
    first = exports["story-000"]["groups"][0]
    group = read_table(out, "groups").to_pylist()[0]
    assert [m["text"] for m in group["members"]] == [m["text"] for m in first["members"]]
    assert group["kind"] == first["kind"]


def test_a_folder_of_saved_web_pages_is_a_story_as_for_synopsis_export(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    page = (
        "<html><head><title>Bridge closed | {site}</title><meta property='og:site_name' content='{site}'></head>"
        "<body><article><h1>Bridge closed</h1><p>The bridge over the Tagus river was closed on Friday after "
        "engineers found cracks in two of its pillars, the city said.</p><p>Traffic was diverted through the "
        "city centre while repairs are planned, officials said on {day}.</p></article></body></html>"
    )
    (corpus / "bridge").mkdir(parents=True)
    for name, day in (("courier", "Friday"), ("gazette", "Saturday")):
        (corpus / "bridge" / f"{name}.html").write_text(page.format(site=f"The {name}", day=day), encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch(corpus, out, SettingsOverride(), IN_PROCESS)
    assert (summary.stories, summary.compared, summary.failures) == (1, 1, ())
    stored = gzip.decompress(export_path(out, "bridge").read_bytes()).decode("utf-8")
    assert stored == exported_by_cli(corpus / "bridge", capsys)


def test_outlet_reuse_adds_up_each_outlet_pair_over_the_corpus(batch):
    out, _ = batch
    reuse = read_table(out, "reuse").to_pylist()
    for pair in read_table(out, "outlet_reuse").to_pylist():
        rows = [r for r in reuse if (r["outlet"], r["other_outlet"]) == (pair["outlet"], pair["other_outlet"])]
        assert pair["stories"] == len({r["story"] for r in rows})
        assert pair["verbatim_words"] == sum(r["verbatim_words"] for r in rows)
        assert pair["words"] == sum(r["words"] for r in rows)


def test_each_outlets_value_of_a_discrepancy_is_a_row_of_its_own(batch, tmp_path):
    from comparators.corpus import read_export, story_rows
    from comparators.corpus_tables import write_table

    out, _ = batch
    export = read_export(export_path(out, "story-000").read_bytes())
    export["discrepancies"] = [
        {
            "id": "d1", "kind": "figure", "fact": "people killed", "group": "g1", "later_update": False,
            "values": [
                {"source": "s001", "paragraph": 0, "text": "14", "value": "14", "published": None},
                {"source": "s002", "paragraph": 2, "text": "fifteen", "value": "15", "published": "2024-05-02"},
            ],
        }
    ]
    rows = story_rows("story-000", export)
    assert rows["stories"][0]["discrepancies"] == 1
    write_table(tmp_path, "discrepancies", rows["discrepancies"])
    table = read_table(tmp_path, "discrepancies").to_pylist()
    assert [(r["discrepancy"], r["source"], r["text"], r["value"]) for r in table] == [
        ("d1", "s001", "14", "14"),
        ("d1", "s002", "fifteen", "15"),
    ]
    assert {r["fact"] for r in table} == {"people killed"}
    assert table[1]["published"] == "2024-05-02"


def documented_columns() -> dict[str, list[str]]:
    """The README's corpus tables: `#### \\`name.parquet\\`` then a `| \\`column\\` | ... |` list."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in README.read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"#### `(\w+)\.parquet`", line):
            current = tables.setdefault(heading[1], [])
        elif line.startswith("#"):
            current = None
        elif current is not None and (cell := re.match(r"\| `(\w+)` \|", line)):
            current.append(cell[1])
    return tables


def test_the_tables_load_with_the_columns_the_readme_documents(batch):
    out, _ = batch
    documented = documented_columns()
    assert set(documented) == set(SCHEMAS)
    for name in SCHEMAS:
        assert pq.read_table(out / f"{name}.parquet").column_names == documented[name], name


def test_a_rerun_compares_nothing_and_a_changed_story_alone_is_compared_again(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch(corpus, out, SettingsOverride(), sequential)
    tables_before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")}
    summary = run_batch(corpus, out, SettingsOverride(), no_work)
    assert (summary.compared, summary.unchanged, summary.tables_written) == (0, 3, False)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")} == tables_before

    article = next((corpus / "story-001").glob("*.txt"))
    original = article.read_text(encoding="utf-8")
    compared = []

    def counting(stories, settings):
        compared.extend(s.id for s in stories)
        yield from sequential(stories, settings)

    try:
        article.write_text(original + "\nA new closing paragraph about the budget talks.\n", encoding="utf-8")
        summary = run_batch(corpus, out, SettingsOverride(), counting)
    finally:
        article.write_text(original, encoding="utf-8")
    assert compared == ["story-001"]
    assert (summary.compared, summary.unchanged) == (1, 2)
    # Other settings are other results: every story again.
    compared.clear()
    run_batch(corpus, out, SettingsOverride(threshold=0.5), counting)
    assert sorted(compared) == ["story-000", "story-001", "story-002"]


def test_an_interrupted_batch_resumes_with_the_stories_it_had_not_finished(corpus, tmp_path):
    out = tmp_path / "out"

    def interrupted_after_one(stories, settings):
        yield from sequential(stories[:1], settings)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(corpus, out, SettingsOverride(), interrupted_after_one)
    compared = []

    def counting(stories, settings):
        compared.extend(s.id for s in stories)
        yield from sequential(stories, settings)

    summary = run_batch(corpus, out, SettingsOverride(), counting)
    assert compared == ["story-001", "story-002"]
    assert (summary.unchanged, summary.failures) == (1, ())
    assert len(read_table(out, "stories")) == 3


def test_a_story_that_raises_is_recorded_and_the_others_are_compared(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "in", stories=2)
    (corpus / "zz-missing-file").mkdir()
    (corpus / "zz-missing-file" / "story.yaml").write_text("title: x\nsources: [gone.txt]\n", encoding="utf-8")
    real_compare = comparators.corpus.compare

    def compare_or_crash(story, settings=None):
        if story.title == "Story 1":
            raise RuntimeError("alignment blew up")
        return real_compare(story, settings)

    # The in-process cluster runs tasks in this process's threads, so the patch reaches them.
    monkeypatch.setattr(comparators.corpus, "compare", compare_or_crash)
    summary = run_batch(corpus, tmp_path / "out", SettingsOverride(), IN_PROCESS)
    assert dict(summary.failures) == {
        "story-001": "RuntimeError: alignment blew up",
        "zz-missing-file": f"{corpus}/zz-missing-file/story.yaml: line 2: {corpus}/zz-missing-file/gone.txt: no such file",
    }
    stories = {s["story"]: s for s in read_table(tmp_path / "out", "stories").to_pylist()}
    assert stories["story-000"]["status"] == "ok" and stories["story-000"]["groups"] > 0
    assert stories["story-001"]["status"] == "failed"
    assert {r["story"] for r in read_table(tmp_path / "out", "groups").to_pylist()} == {"story-000"}
    assert not export_path(tmp_path / "out", "story-001").exists()


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_a_table_of_articles_gives_the_same_results_as_story_folders(suffix, corpus, batch, tmp_path):
    rows = articles_of(corpus)
    table = tmp_path / f"articles{suffix}"
    if suffix == ".jsonl":
        table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    elif suffix == ".csv":
        pa.csv.write_csv(pa.Table.from_pylist(rows), table)
    else:
        pq.write_table(pa.Table.from_pylist(rows), table)
    out = tmp_path / "out"
    summary = run_batch(table, out, SettingsOverride(), sequential)
    assert (summary.compared, summary.failures) == (3, ())
    folders_out, _ = batch
    for name in ("groups", "quotes", "reuse"):
        assert read_table(out, name).to_pylist() == read_table(folders_out, name).to_pylist(), name
    sources = read_table(out, "sources").to_pylist()
    assert sources[0]["url"] == "https://example.org/story-000/s001.txt"
    assert (out / "articles" / "story-000" / "story.yaml").is_file()


def test_a_table_without_a_text_column_is_refused_in_one_line(tmp_path, capsys):
    table = tmp_path / "articles.jsonl"
    table.write_text('{"story": "a", "body": "words"}\n', encoding="utf-8")
    assert main(["batch", str(table), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"synopsis: {table}: no 'text' column\n"


@pytest.mark.parametrize(("name", "text"), [("articles.csv", "story,text\n"), ("articles.jsonl", "\n")])
def test_a_table_without_rows_is_refused_as_having_no_articles(name, text, tmp_path, capsys):
    table = tmp_path / name
    table.write_text(text, encoding="utf-8")
    assert main(["batch", str(table), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"synopsis: {table}: no articles: the table has no rows\n"
    assert not (tmp_path / "out").exists()  # refused: no folder left behind with a batch.json


def test_a_refused_batch_leaves_an_existing_output_folder_as_it_was(tmp_path, capsys):
    table = tmp_path / "articles.csv"
    table.write_text("story,text\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["batch", str(table), "-o", str(out)]) == 2
    assert out.is_dir() and not any(out.iterdir())  # the user's empty folder stays, empty


def test_a_tables_dates_are_kept_as_yyyy_mm_dd_and_one_that_reads_two_ways_is_refused(tmp_path, capsys):
    table = tmp_path / "articles.csv"
    rows = "ferry,The ferry sailed at dawn.,2024-03-02\nferry,A ferry left port.,\"Mar. 3, 2024\"\n"
    table.write_text("story,text,date\n" + rows, encoding="utf-8")
    assert [row["date"] for row in read_articles(table)] == ["2024-03-02", "2024-03-03"]
    table.write_text("story,text,date\n" + rows + "ferry,The ferry docked.,03/04/2024\n", encoding="utf-8")
    assert main(["batch", str(table), "-o", str(tmp_path / "out")]) == 2
    expected = f"synopsis: {table}: line 4: date '03/04/2024' is not a date; write it as YYYY-MM-DD\n"
    assert capsys.readouterr().err == expected


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        # an article's text over several lines, a blank line between records: the line it starts on
        (
            "articles.csv",
            'story,text,date\nferry,"The ferry sailed.\n\nIt sank.",2024-03-02\n\nferry,"It docked.",2024-02-30\n',
            "line 6: date '2024-02-30' is not a date; write it as YYYY-MM-DD",
        ),
        (
            "articles.jsonl",
            '\n{"story": "ferry", "text": "The ferry sailed."}\n{"story": "", "text": "It docked."}\n',
            "line 3: no story",
        ),
        ("articles.jsonl", '{"story": "ferry", "text": ["The ferry", "sailed."]}\n', "line 1: 'text' is a list, not text"),
    ],
)
def test_a_bad_row_is_named_by_the_line_it_starts_on_in_the_file(name, text, problem, tmp_path, capsys):
    table = tmp_path / name
    table.write_text(text, encoding="utf-8")
    assert main(["batch", str(table), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"synopsis: {table}: {problem}\n"


def test_a_csv_article_longer_than_csvs_default_field_limit_is_read_whole(tmp_path):
    table = tmp_path / "articles.csv"
    long_text = "The council met again to discuss the budget and the roads. " * 3000  # 180 KB
    table.write_text(f'story,text\ncouncil,"{long_text}"\ncouncil,The council met.\n', encoding="utf-8")
    assert [row["text"] for row in read_articles(table)] == [long_text, "The council met."]


def test_batch_never_writes_into_a_folder_of_something_else(corpus, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["batch", str(corpus), "-o", str(out)]) == 2
    assert "is a folder of something else" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    ("option", "problem"),
    [
        (["--comparator", "telepathy"], "--comparator: unknown comparator 'telepathy' (known: "),
        (["--threshold", "1.5"], "--threshold: must be a number between 0 and 1, not 1.5"),
        (["--workers", "0"], "--workers: must be 1 or more"),
    ],
)
def test_a_bad_setting_is_refused_before_any_story_is_compared(option, problem, corpus, tmp_path, capsys):
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out"), *option]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"synopsis: {problem}") and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_without_the_corpus_extra_batch_says_what_to_install(corpus, tmp_path, capsys, monkeypatch):
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real_find_spec(name, *a)
    )
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == "synopsis: batch needs distributed: pip install 'synopsis[corpus]'\n"


def test_batch_on_the_command_line_shows_progress_and_exits_1_when_a_story_failed(tmp_path, capsys):
    corpus = tmp_path / "in"
    write_story(corpus / "good", 3, 5, seed=4)
    (corpus / "empty").mkdir()
    (corpus / "empty" / "a.txt").write_text("", encoding="utf-8")
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out"), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"Dask cluster with 1 worker; dashboard at http://127\.0\.0\.1:\d+/status", err)
    assert f"synopsis: empty: failed: {corpus}/empty/a.txt: empty file" in err
    assert re.search(r"2/2 1 failed [\d.]+ stories/s", err)  # the progress bar's last state
    assert re.search(r"2 stories: 1 compared, 1 failed, 0 unchanged in [\d.]+ s", err)


def test_corpus_prints_the_headline_tables(batch, capsys):
    out, _ = batch
    assert main(["corpus", str(out), "--top", "3"]) == 0
    printed = capsys.readouterr().out
    for title in ("Most-copied outlets", "Who copies whom", "Most-travelled quotes", "Stories with the most disagreement"):
        assert title in printed
    assert "3 stories (0 failed)" in printed


@pytest.mark.parametrize("top", ["0", "-1"])
def test_corpus_refuses_a_number_of_rows_below_one(top, batch, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["corpus", str(batch[0]), "--top", top])
    assert exit_.value.code == 2
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err.splitlines()[-1] == f"synopsis corpus: error: argument --top: a number of rows of at least 1, not '{top}'"


def test_a_damaged_table_is_named_and_a_rerun_rebuilds_it_without_comparing(batch, corpus, tmp_path, capsys):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(batch[0], out)
    (out / "quotes.parquet").write_bytes(b"not parquet at all")
    assert main(["corpus", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"synopsis: {out}/quotes.parquet: ") and err.count("\n") == 1
    assert err.endswith("; delete it and rerun 'synopsis batch'\n")
    (out / "quotes.parquet").unlink()

    assert run_batch(corpus, out, SettingsOverride(), no_work).tables_written
    assert read_table(out, "quotes") == read_table(batch[0], "quotes")


def test_corpus_opens_one_story_in_the_reader(batch, corpus, monkeypatch):
    out, _ = batch
    opened = []
    monkeypatch.setattr(tui.cli.open, "run", lambda args: opened.append(args) or 0)
    assert main(["corpus", str(out), "--open", "story-002"]) == 0
    # The batch was given no settings: the story's manifest decides, as in the batch.
    assert [(a.story, a.comparator, a.granularity) for a in opened] == [
        ([str(corpus / "story-002")], None, None)
    ]
    assert main(["corpus", str(out), "--open", "no-such-story"]) == 2


@pytest.fixture
def dask_cluster(tmp_path):
    """A real `dask scheduler` and two `dask worker` processes on 127.0.0.1, stopped afterwards."""
    from distributed import Client

    dask = Path(sys.executable).parent / "dask"
    scheduler_file = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = []
    try:
        processes.append(
            subprocess.Popen(
                [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                 "--scheduler-file", scheduler_file], **quiet,
            )
        )
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file():
            assert time.monotonic() < deadline and processes[0].poll() is None, "the scheduler did not start"
            time.sleep(0.1)
        for number in range(2):
            processes.append(
                subprocess.Popen(
                    [dask, "worker", "--scheduler-file", scheduler_file, "--host", "127.0.0.1",
                     "--nthreads", "1", "--no-nanny", "--no-dashboard",
                     "--local-directory", tmp_path / f"worker-{number}"], **quiet,
                )
            )
        address = json.loads(scheduler_file.read_text())["address"]
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        # Workers first: a scheduler stopped under connected workers lingers on SIGTERM
        # (some 15 s); a test cluster has nothing to save, so a slow one is killed.
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.mark.slow
def test_batch_runs_on_a_running_dask_scheduler_with_two_workers(dask_cluster, corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "-o", str(out), "--scheduler", dask_cluster]) == 0
    assert "Dask cluster with 2 workers" in capsys.readouterr().err
    for story in sorted(corpus.iterdir()):
        stored = gzip.decompress(export_path(out, story.name).read_bytes()).decode("utf-8")
        assert stored == exported_by_cli(story, capsys)


def test_an_unreachable_scheduler_is_named_in_one_line(corpus, tmp_path):
    import socket

    from comparators.errors import StoryError

    with socket.socket() as probe:  # a free port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = DaskEngine(scheduler=f"tcp://127.0.0.1:{port}", timeout="1s")
    with pytest.raises(StoryError) as error:
        run_batch(corpus, tmp_path / "out", SettingsOverride(), engine)
    assert str(error.value).startswith(f"--scheduler tcp://127.0.0.1:{port}: cannot connect")
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("address", ["http://127.0.0.1:8787", "127.0.0.1"])
def test_a_scheduler_address_dask_cannot_use_is_named_in_one_line(address, corpus, tmp_path, capsys):
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out"), "--scheduler", address]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"synopsis: --scheduler {address}: ") and err.count("\n") == 1


def test_the_reader_and_export_never_import_dask_or_pyarrow():
    probe = (
        "import sys, io, contextlib; from tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['export'])\n"
        "try:\n    main(['--version'])\nexcept SystemExit: pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'pyarrow'}))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]")

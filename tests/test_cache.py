"""The claims cache: a re-check gives exactly the report a fresh run gives, does only the work
a change calls for, and a broken cache never fails a run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from factcheck import batch
from factcheck.cache import MAX_ROW_CHARS, ClaimsCache, deflated, inflated
from factcheck.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate as gen  # noqa: E402

N_ARTICLES = 60  # over align.ONE_STORY_UP_TO: the batch is cut into stories


@pytest.fixture()
def batch_dir(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    out = tmp_path / "articles"
    gen.generate(N_ARTICLES, out, seed=11)
    (out / "planted.json").unlink()
    return out


def _check(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    code = main(["check", *args, "--format", "json", "--jobs", "1", "--fail-on", "never",
                 "--no-facts"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


class _Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.extracted: list[str] = []
        self.stories: list[int] = []
        real_one, counter = batch.analyse_one, self

        def one(doc):  # type: ignore[no-untyped-def]
            self.extracted.append(doc.id)
            return real_one(doc)

        class Story(batch.Lineup):  # every story lined up, by its number of articles
            def __init__(self, claims, *args, **kw):  # type: ignore[no-untyped-def]
                counter.stories.append(len({c.article for c in claims}))
                super().__init__(claims, *args, **kw)

        monkeypatch.setattr(batch, "analyse_one", one)
        monkeypatch.setattr(batch, "Lineup", Story)


def test_recheck_equals_fresh_run_and_redoes_one_story(batch_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    cache = str(tmp_path / "cache")
    _, cold, _ = _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert cold["conflicts"], "the generated batch plants conflicts"

    counter = _Counter(monkeypatch)
    _, warm, _ = _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert warm == cold
    assert counter.extracted == [] and counter.stories == []

    changed = sorted(batch_dir.glob("*.txt"))[17]
    with changed.open("a", encoding="utf-8") as fh:
        fh.write("\nOfficials said 4,000 residents had been moved to shelters.\n")
    _, recheck, _ = _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert counter.extracted == [changed.name.split("_")[0]]
    assert len(counter.stories) == 1 and 3 <= counter.stories[0] <= 8  # one story of 3–8 outlets

    monkeypatch.undo()
    _, fresh, _ = _check(str(batch_dir), "--no-cache", capsys=capsys)
    assert recheck == fresh


def test_changed_settings_redo_every_story(batch_dir: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    cache = str(tmp_path / "cache")
    book = tmp_path / "claims.yaml"
    book.write_text("severity:\n  quantity: warning\n", encoding="utf-8")
    main(["check", str(batch_dir), "--cache", cache, "--jobs", "1", "--format", "json",
          "--fail-on", "never", "--no-facts"])
    capsys.readouterr()
    counter = _Counter(monkeypatch)
    code = main(["check", str(batch_dir), "--cache", cache, "--jobs", "1", "--format", "json",
                 "--fail-on", "never", "--facts", str(book)])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and counter.extracted == [] and counter.stories
    severities = {c["severity"] for c in report["conflicts"] if c["kind"] == "quantity"}
    assert severities == {"warning"}


def test_other_code_under_one_version_number_fills_its_own_entries(
        batch_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A checkout whose rules changed, still called 0.1.0, must not be answered by the old
    rules' findings."""
    from factcheck import cache as cache_module
    cache = str(tmp_path / "cache")
    _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert cache_module.code_version().startswith(cache_module.__version__ + "+")
    monkeypatch.setattr(cache_module, "code_version", lambda: "0.1.0+other-rules")
    counter = _Counter(monkeypatch)
    _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert len(counter.extracted) == N_ARTICLES and counter.stories


def test_corrupt_cache_is_rebuilt_with_a_warning(batch_dir: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "cache"
    _, fresh, _ = _check(str(batch_dir), "--no-cache", capsys=capsys)
    cache.mkdir()
    for name in os.listdir(cache) or ["claims-v4.sqlite"]:
        (cache / name).write_bytes(b"this is not a database\x00" * 64)
    code, report, err = _check(str(batch_dir), "--cache", str(cache), capsys=capsys)
    assert code == 0 and report == fresh
    assert "was unreadable" in err and "rebuilt it" in err
    code, again, err = _check(str(batch_dir), "--cache", str(cache), capsys=capsys)
    assert again == fresh and "warning" not in err


def test_bad_rows_cost_only_their_own_work(batch_dir: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "cache"
    _, cold, _ = _check(str(batch_dir), "--cache", str(cache), capsys=capsys)
    db = sqlite3.connect(cache / "claims-v4.sqlite")
    with db:
        db.execute("UPDATE article SET data = '{\"__t\": \"Nothing\"}', names = 'nope'")
        db.execute("UPDATE story SET data = '[{\"__t\": \"Conflict\"}]'")
    db.close()
    code, warm, err = _check(str(batch_dir), "--cache", str(cache), capsys=capsys)
    assert code == 0 and warm == cold


def test_locked_cache_is_bypassed_with_a_warning(batch_dir: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "cache"
    _, cold, _ = _check(str(batch_dir), "--cache", str(cache), capsys=capsys)
    holder = sqlite3.connect(cache / "claims-v4.sqlite", timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, report, err = _check(str(batch_dir), "--cache", str(cache), capsys=capsys)
    finally:
        holder.rollback()
        holder.close()
    assert code == 0 and report == cold
    assert "claims cache" in err and "locked" in err


def test_cache_in_a_file_not_a_folder_is_bypassed(batch_dir: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    _, fresh, _ = _check(str(batch_dir), "--no-cache", capsys=capsys)
    code, report, err = _check(str(batch_dir), "--cache", str(blocker), capsys=capsys)
    assert code == 0 and report == fresh and "cannot be used" in err


def test_cache_never_unpickles() -> None:
    cache_source = Path(batch.__file__).with_name("cache.py").read_text(encoding="utf-8")
    assert "pickle" not in cache_source.replace("never pickle", "")
    with pytest.raises(KeyError):
        from factcheck.cache import decode
        decode({"__t": "os.system", "command": "true"})


def test_report_is_the_same_under_every_hash_seed(batch_dir: Path) -> None:
    """Sets iterate in a different order in every process: the report must not."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "factcheck", "check", str(batch_dir),
                               "--format", "json", "--no-cache", "--no-facts", "--jobs", "1",
                               "--fail-on", "never"], capture_output=True, text=True, env=env,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["conflicts"]


def test_cache_object_degrades_on_a_closed_connection(tmp_path: Path) -> None:
    cache = ClaimsCache(tmp_path / "c")
    assert cache.db is not None
    cache.db.close()
    assert cache.summaries(["x"]) == {}
    assert cache.warnings and "read failed" in cache.warnings[0]
    cache.put_articles({})
    cache.close()


def test_the_cache_folder_keeps_itself_out_of_git(tmp_path):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    from factcheck.cache import ClaimsCache

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    ClaimsCache(tmp_path / ".factcheck-cache")
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert status == ""


def _dated_page(day: str, figure: int) -> str:
    return (f"Updated: {day}\n\nRiver Ferry Returns To Service\n\nThe Ormsby ferry carried "
            f"{figure} passengers on its first day back, officials at Lannick port said.\n")


def test_a_recheck_dates_only_the_files_that_changed(batch_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Finding a page's date is most of loading it: a re-check takes the documents of files
    whose bytes it has loaded before from the cache, and reads only the changed one afresh."""
    from factcheck import load

    cache = str(tmp_path / "cache")
    _, cold, _ = _check(str(batch_dir), "--cache", cache, capsys=capsys)
    dated: list[str] = []
    real = load.published_date

    def counted(text, url=None, today=None):  # type: ignore[no-untyped-def]
        dated.append(text[:40])
        return real(text, url, today)

    monkeypatch.setattr(load, "published_date", counted)
    _, warm, _ = _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert warm == cold and dated == []
    changed = sorted(batch_dir.glob("*.txt"))[5]
    with changed.open("a", encoding="utf-8") as fh:
        fh.write("\nOfficials said 4,000 residents had been moved to shelters.\n")
    _, recheck, _ = _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert len(dated) == 1
    monkeypatch.undo()
    _, fresh, _ = _check(str(batch_dir), "--no-cache", capsys=capsys)
    assert recheck == fresh


@pytest.mark.parametrize("first, second, published", [
    # same size, same second: only the bytes tell the two apart (the "racy" edit)
    (_dated_page("March 4, 2025", 310), _dated_page("March 5, 2025", 310), "2025-03-05"),
    (_dated_page("March 4, 2025", 310), _dated_page("March 4, 2025", 410), "2025-03-04"),
    # negative: the same bytes written again give the same document
    (_dated_page("March 4, 2025", 310), _dated_page("March 4, 2025", 310), "2025-03-04"),
])
def test_a_file_rewritten_within_the_second_is_read_afresh(tmp_path: Path, first: str,
                                                           second: str, published: str,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    page = tmp_path / "ferry.txt"
    cache = str(tmp_path / "cache")
    page.write_text(first, encoding="utf-8")
    stamp = os.stat(page)
    _check(str(page), "--cache", cache, capsys=capsys)
    page.write_text(second, encoding="utf-8")
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # size and mtime unchanged
    assert os.stat(page).st_size == stamp.st_size
    _, report, _ = _check(str(page), "--cache", cache, capsys=capsys)
    _, fresh, _ = _check(str(page), "--no-cache", capsys=capsys)
    assert report == fresh and report["articles"][0]["published"] == published


def test_loading_options_are_part_of_what_the_cache_keeps(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    page = tmp_path / "undated.txt"
    page.write_text("Ferry Returns\n\nThe Ormsby ferry carried 310 passengers on Tuesday.\n",
                    encoding="utf-8")
    cache = str(tmp_path / "cache")
    for day in ("2025-03-04", "2024-11-20", "2025-03-04"):
        _, report, _ = _check(str(page), "--cache", cache, "--published", day, capsys=capsys)
        assert report["articles"][0]["published"] == day


def test_loaded_rows_that_do_not_validate_are_loaded_again(batch_dir: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    cache = tmp_path / "cache"
    _, cold, _ = _check(str(batch_dir), "--cache", str(cache), capsys=capsys)
    db = sqlite3.connect(cache / "claims-v4.sqlite")
    with db:
        assert db.execute("SELECT count(*) FROM loaded").fetchone()[0] == N_ARTICLES
        rows = db.execute("SELECT key FROM loaded").fetchall()
        bad = ['[[true], [{"__t": "Document", "id": 7}]]', '[[true, true], []]', '{"__t": 1}',
               '[' * 5000, "not json"]
        for (key,), data in zip(rows, bad * len(rows)):
            db.execute("UPDATE loaded SET data = ? WHERE key = ?", (data, key))
    db.close()
    code, warm, _ = _check(str(batch_dir), "--cache", str(cache), capsys=capsys)
    assert code == 0 and warm == cold


def test_a_recheck_that_changed_no_profile_keeps_the_events_cut(
        batch_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Cutting the batch into events reads only the articles' profiles: a re-check whose edit
    changed no profile (a sentence with no name added) takes the cut from the cache, one that
    adds a name cuts again; either way the report is a fresh run's, and a damaged row is a
    miss."""
    cache = str(tmp_path / "cache")
    _check(str(batch_dir), "--cache", cache, capsys=capsys)
    cuts: list[int] = []
    real = batch.events

    def counting(profiles, aliases=None, population=None):  # type: ignore[no-untyped-def]
        cuts.append(len(profiles))
        return real(profiles, aliases, population)

    monkeypatch.setattr(batch, "events", counting)
    changed = sorted(batch_dir.glob("*.txt"))[17]
    with changed.open("a", encoding="utf-8") as fh:
        fh.write("\nOfficials said on Friday that a further review would follow.\n")
    _, same_cut, _ = _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert cuts == []
    _, fresh, _ = _check(str(batch_dir), "--no-cache", capsys=capsys)
    assert same_cut == fresh
    cuts.clear()
    lines = changed.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if i > 12 and len(line) > 60 and line.endswith("."))
    lines.insert(at + 1, "Judge Marra Quellstad of Tovenbeck said 40 experts would lead the review.")
    changed.write_text("\n".join(lines), encoding="utf-8")  # in the story's body
    _, new_cut, _ = _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert cuts == [N_ARTICLES]
    db = sqlite3.connect(Path(cache) / "claims-v4.sqlite")
    with db:
        db.execute("UPDATE event SET data = '[[\"nobody\"]]'")
    db.close()
    _, damaged, _ = _check(str(batch_dir), "--cache", cache, capsys=capsys)
    assert cuts == [N_ARTICLES, N_ARTICLES]
    monkeypatch.undo()
    _, fresh, _ = _check(str(batch_dir), "--no-cache", capsys=capsys)
    assert damaged == new_cut == fresh


def _regatta(root: Path, n: int) -> None:
    """`n` short reports of one harbour regatta, each naming three of a chain of invented
    skippers (each shares two with the next: one event of `n` look-alike claims), three more
    naming the middle report's skippers, and the middle report saying 31 boats where every
    other says 24."""
    skippers = [f"Mor{chr(97 + i // 26)}{chr(97 + i % 26)}ek" for i in range(n + 2)]
    root.mkdir()
    middle = n // 2
    for name, i in [(f"r{i:04d}", i) for i in range(n)] + [(f"s{k}", middle) for k in range(3)]:
        boats = 31 if i == middle and name.startswith("r") else 24
        (root / f"{name}.txt").write_text(
            f"Published: June 14, 2025\n\nSails Fill The Harbour\n\nAt the summer regatta "
            f"{skippers[i]} raced {skippers[i + 1]} and {skippers[i + 2]}, and {boats} boats "
            "took part.\n", encoding="utf-8")


class _Judged:
    """Every pair of claims the aligner judges, by their articles."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import factcheck.align as align

        self.pairs: list[tuple[str, str]] = []
        real = align.judge

        def judge(a, b, *rest, **kw):  # type: ignore[no-untyped-def]
            self.pairs.append((a.article, b.article))
            return real(a, b, *rest, **kw)

        monkeypatch.setattr(align, "judge", judge)


def test_a_recheck_of_a_big_event_judges_only_the_pairs_of_the_changed_article(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16: one article of a big event changed its figure. Its event is compared again,
    but of its pairs only those holding the changed article's claim are judged (the others
    are the last run's, kept in the cache, as long as the block's word weights are what they
    were); the report is the fresh run's, finding for finding."""
    monkeypatch.setattr(batch, "KEEP_PAIRS_FROM", 100)
    root = tmp_path / "regatta"
    _regatta(root, 300)
    cache = str(tmp_path / "cache")
    monkeypatch.chdir(tmp_path)
    judged = _Judged(monkeypatch)
    _, cold, _ = _check(str(root), "--cache", cache, capsys=capsys)
    assert len(judged.pairs) > 500
    [finding] = cold["conflicts"]
    assert [c["article"] for c in finding["claims"] if c["role"] == "outlier"] == ["r0150"]

    # The odd report corrects its figure: the finding goes, and only its own pairs are judged.
    odd = root / "r0150.txt"
    odd.write_text(odd.read_text(encoding="utf-8").replace("31 boats", "24 boats"),
                   encoding="utf-8")
    judged.pairs.clear()
    _, recheck, _ = _check(str(root), "--cache", cache, capsys=capsys)
    assert judged.pairs and all("r0150" in pair for pair in judged.pairs), judged.pairs[:5]
    assert len(judged.pairs) <= 10
    _, fresh, _ = _check(str(root), "--no-cache", capsys=capsys)
    assert recheck == fresh and recheck["conflicts"] == []

    # Another report gains a sentence with a word of its own: its block's weights moved, so
    # that block is judged whole; the report is still the fresh run's.
    other = root / "r0040.txt"
    other.write_text(other.read_text(encoding="utf-8").replace(
        "took part.", "took part, a record for the breakwater."), encoding="utf-8")
    judged.pairs.clear()
    _, recheck, _ = _check(str(root), "--cache", cache, capsys=capsys)
    assert len(judged.pairs) > 500
    _, fresh, _ = _check(str(root), "--no-cache", capsys=capsys)
    assert recheck == fresh


def test_kept_pairs_that_do_not_validate_cost_their_event_a_whole_judging(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The kept pairs are untrusted input: a row that does not validate (a pair of three
    ids, a score that is text) is dropped with a warning and the event judged whole."""
    monkeypatch.setattr(batch, "KEEP_PAIRS_FROM", 100)
    root = tmp_path / "regatta"
    _regatta(root, 200)
    cache = tmp_path / "cache"
    monkeypatch.chdir(tmp_path)
    _check(str(root), "--cache", str(cache), capsys=capsys)
    db = sqlite3.connect(cache / "claims-v4.sqlite")
    [(key, data)] = db.execute("SELECT key, data FROM lineup").fetchall()
    row = json.loads(data)
    assert row["families"] and row["families"][0][2]
    row["families"][0][2][0] = ["r0001#1", "r0002#1", "0.9"]
    with db:
        db.execute("UPDATE lineup SET data = ? WHERE key = ?", (json.dumps(row), key))
        # and one article's claims, read back when the event is aligned again: a claim's
        # line given as text
        [(article, claims)] = db.execute(
            "SELECT key, claim_data FROM article WHERE names LIKE '%morabek%' LIMIT 1").fetchall()
        assert '"line": ' in inflated(claims)
        db.execute("UPDATE article SET claim_data = ? WHERE key = ?",
                   (deflated(inflated(claims).replace('"line": ', '"line": "x')), article))
    db.close()
    odd = root / "r0100.txt"
    odd.write_text(odd.read_text(encoding="utf-8").replace("31 boats", "24 boats"),
                   encoding="utf-8")
    judged = _Judged(monkeypatch)
    code, recheck, err = _check(str(root), "--cache", str(cache), capsys=capsys)
    assert code == 0 and "do not validate" in err
    assert len(judged.pairs) > 300
    _, fresh, _ = _check(str(root), "--no-cache", capsys=capsys)
    assert recheck == fresh


# (what is wrong, the row's JSON): the decoder makes records without their __init__, so the
# keys must be checked as __init__ would have; each must be refused. The first is the negative.
def _claim_row() -> dict:
    """A real claim, as the cache writes it."""
    from factcheck.cache import encode
    from factcheck.extract import extract
    from factcheck.model import Document
    from factcheck.segment import segment

    doc = Document(path="a.txt", id="a", text="Harbour news\n\nIn all, 24 boats took part.\n")
    [claim] = extract(segment(doc)).claims
    return encode(claim)


RECORDS = [
    ("nothing", lambda c: None),
    ("a field the record does not have", lambda c: c.update(colour="red")),
    ("a field left out", lambda c: c.pop("line")),
    ("a nested record with a field left out", lambda c: c["value"].pop("unit")),
    ("an unknown record type", lambda c: c["value"].update({"__t": "Nothing"})),
    ("a kind that is not its value's", lambda c: c.update(kind="date")),
    ("a line given as text", lambda c: c.update(line="1")),
    ("terms that are not words", lambda c: c["frame"].update(terms=[1])),
]


@pytest.mark.parametrize("why, how", RECORDS, ids=[r[0] for r in RECORDS])
def test_a_record_is_read_back_only_when_it_is_exactly_one(why: str, how) -> None:
    from factcheck import model
    from factcheck.cache import _load_row

    row = _claim_row()
    how(row)
    got = _load_row(json.dumps(row), model.Claim)
    assert (got is not None) == (why == "nothing"), why
    if got is not None:
        assert (got.value.low, got.value.unit, got.text) == (24.0, "boat", "24 boats")
        assert got == model.Claim(**{**got.__dict__})


# (what is stored, whether it reads back as the JSON text): deflated rows are untrusted too.
_TEXT = '{"names": ["ostra"], "title": "Dam \u2014 opened"}'
INFLATED = [
    ("the row as written", lambda: deflated(_TEXT), _TEXT),
    ("text where deflated bytes belong", lambda: _TEXT, None),
    ("bytes that do not inflate", lambda: b"not deflated at all", None),
    ("a row cut short", lambda: deflated(_TEXT)[:-4], None),
    ("more than a row may hold (a deflate bomb)",
     lambda: zlib.compress(b" " * (MAX_ROW_CHARS + 1), 9), None),
    ("bytes that are not UTF-8", lambda: zlib.compress(b"\xff\xfe{}"), None),
    ("a row with bytes after its end", lambda: deflated(_TEXT) + b"tail", None),
]


@pytest.mark.parametrize("why, stored, text", INFLATED, ids=[r[0] for r in INFLATED])
def test_a_deflated_row_reads_back_only_when_it_is_one(why, stored, text) -> None:
    assert inflated(stored()) == text, why

"""The archive index: `check DRAFT --against ARCHIVE` through it gives the full check's report
byte for byte while reading only the drafts' events, follows the archive's changes, and an index
that cannot answer costs a one-line warning and the full check, never a wrong report."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from factcheck import batch, load
from factcheck import index as archive_index
from factcheck.cli import main
from factcheck.index import FILE

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate as gen  # noqa: E402
from bench.index import drafts as write_drafts  # noqa: E402

N_ARCHIVE = 150


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Path]]:
    """An archive, its cache and index, and three drafts of ours (bench/index.py's)."""
    root = tmp_path_factory.mktemp("indexed")
    archive = root / "archive"
    gen.generate(N_ARCHIVE, archive, seed=5, archive=True)
    planted = json.loads((archive / "planted.json").read_text(encoding="utf-8"))
    (archive / "planted.json").unlink()
    cache = root / "cache"
    assert main(["index", str(archive), "--cache", str(cache), "--jobs", "1"]) == 0
    paths = write_drafts(archive, planted, root / "drafts")
    return archive, cache, {p.stem: p for p in paths}


@pytest.fixture()
def setup(built: tuple[Path, Path, dict[str, Path]], tmp_path: Path
          ) -> tuple[Path, Path, dict[str, Path]]:
    """A copy of the archive and its cache, for the test to change."""
    archive, cache, drafts = built
    shutil.copytree(archive, tmp_path / "archive", copy_function=shutil.copy2)
    shutil.copytree(cache, tmp_path / "cache")
    rebuilt = main(["index", str(tmp_path / "archive"), "--cache", str(tmp_path / "cache"),
                    "--jobs", "1"])
    assert rebuilt == 0
    return tmp_path / "archive", tmp_path / "cache", drafts


def _check(capsys: pytest.CaptureFixture[str], draft: Path, archive: Path, cache: Path,
           *options: str) -> tuple[int, str, str]:
    code = main(["check", str(draft), "--against", str(archive), "--cache", str(cache),
                 *(options or ("--format", "json")), "--no-facts", "--jobs", "1"])
    out, err = capsys.readouterr()
    return code, out, err


def _full(capsys: pytest.CaptureFixture[str], draft: Path, archive: Path, cache: Path,
          *options: str) -> tuple[int, str, str]:
    """The same check with the index moved aside: the full way, through the same cache."""
    index = cache / FILE
    index.rename(cache / "aside")
    try:
        return _check(capsys, draft, archive, cache, *options)
    finally:
        (cache / "aside").rename(index)


class _Reads:
    """The archive files a check opens one by one (the fast path) or walks whole."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[str] = []
        self.walked = 0
        real_file, real_paths = load.load_file, load.load_paths
        import factcheck.cli as cli
        real_read = cli.read_paths

        def one(path, **kw):  # type: ignore[no-untyped-def]
            self.files.append(path)
            return real_file(path, **kw)

        def paths(given, **kw):  # type: ignore[no-untyped-def]
            self.walked += 1
            return real_paths(given, **kw)

        def read(given, **kw):  # type: ignore[no-untyped-def]
            self.walked += 1  # the full check reads its files in processes
            return real_read(given, **kw)

        monkeypatch.setattr(load, "load_file", one)
        monkeypatch.setattr("factcheck.cli.load_paths", paths)
        monkeypatch.setattr("factcheck.cli.read_paths", read)


# draft, findings on it that name its changed figure (the copy's "$N million" or count)
DRAFTS = [("draft_changed", 1), ("draft_new", 0), ("draft_undated", 1)]


@pytest.mark.parametrize("name, changed", DRAFTS)
def test_indexed_check_is_the_full_check(setup, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, name: str,
                                         changed: int) -> None:
    archive, cache, drafts = setup
    reads = _Reads(monkeypatch)
    code, fast, err = _check(capsys, drafts[name], archive, cache)
    # The index answered (no warning of its own); an undated draft is named, and only it.
    warnings = [line for line in err.splitlines() if "warning" in line]
    if name == "draft_undated":
        assert len(warnings) == 1 and f"{name}.txt has no publication date" in warnings[0]
    else:
        assert warnings == []
    assert reads.walked == 1  # the draft alone: the archive is not loaded
    assert len(set(reads.files)) < N_ARCHIVE // 5
    full_code, full, full_err = _full(capsys, drafts[name], archive, cache)
    assert reads.walked == 3  # the full way loads draft and archive
    assert (code, fast, err) == (full_code, full, full_err)
    report = json.loads(fast)
    assert report["summary"]["articles"] == N_ARCHIVE + 1
    on_draft = [c for c in report["conflicts"]
                if any(s["article"] == name for s in c["claims"])]
    assert len(on_draft) == len(report["conflicts"])
    text = drafts[name].read_text(encoding="utf-8")
    named = [c for c in on_draft if any(s["article"] == name and s["text"] in text
                                        and c["kind"] == "quantity" for s in c["claims"])]
    assert len(named) == changed


@pytest.mark.parametrize("options, counted", [
    (("--format", "rich"), True),
    (("--format", "markdown"), True),
    (("--format", "sarif"), False),  # SARIF and annotations name only unreadable articles
    (("--format", "github"), False),
    (("--format", "json", "--statistics"), True),
])
def test_every_format_through_the_index_is_the_full_checks(
        setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        options: tuple[str, ...], counted: bool) -> None:
    """The archive's articles reach the report as entries the index wrote ahead (issue 16):
    every format, and the statistics, count and list them as the full check does."""
    archive, cache, drafts = setup
    reads = _Reads(monkeypatch)
    fast = _check(capsys, drafts["draft_undated"], archive, cache, *options)
    assert reads.walked == 1  # the index answered
    assert fast == _full(capsys, drafts["draft_undated"], archive, cache, *options)
    count = re.compile(rf"\b{N_ARCHIVE + 1} article|^articles +{N_ARCHIVE + 1}$", re.M)
    assert bool(count.search(fast[1] + fast[2])) == counted


@pytest.mark.parametrize("link", ["symlink", "hardlink", "copy"])
def test_a_draft_that_is_an_archive_file_takes_the_full_way(
        setup, capsys: pytest.CaptureFixture[str], tmp_path: Path, link: str) -> None:
    """The same file under another path (a symlink, a hard link) is no draft of its own: the
    index does not answer for it. A copy is a draft like any other."""
    archive, cache, drafts = setup
    source = sorted(archive.glob("*.txt"))[7]
    draft = tmp_path / "desk" / "my_draft.txt"
    draft.parent.mkdir()
    if link == "symlink":
        draft.symlink_to(source)
    elif link == "hardlink":
        os.link(source, draft)
    else:
        shutil.copy(source, draft)
    code, out, err = _check(capsys, draft, archive, cache)
    if link == "copy":
        assert err == ""
    else:
        assert err.count("\n") == 1 and "a draft is also one of the archive's files" in err
    assert (code, out) == _full(capsys, draft, archive, cache)[:2]


def test_archive_titles_with_control_characters_read_as_the_full_check(
        setup, capsys: pytest.CaptureFixture[str]) -> None:
    """The entries the index writes ahead are escaped as the JSON report escapes (DEL and the
    C1 controls as \\u escapes), in JSON and in the formats that read them back."""
    archive, cache, drafts = setup
    (archive / "odd_title.txt").write_text(
        "Harbour\x9b[31m talks\x7f resume\n\nUpdated: March 3, 2021 8:00 am\n\n"
        "Officials met on Tuesday in the port for talks on the ferry route.\n", encoding="utf-8")
    assert main(["index", str(archive), "--cache", str(cache), "--jobs", "1"]) == 0
    capsys.readouterr()
    for options in (("--format", "json"), ("--format", "markdown")):
        fast = _check(capsys, drafts["draft_new"], archive, cache, *options)
        assert fast[2] == "" and fast == _full(capsys, drafts["draft_new"], archive, cache,
                                               *options)
    assert "\\u009b[31m talks\\u007f resume" in _check(capsys, drafts["draft_new"], archive,
                                                       cache)[1]


@pytest.fixture()
def settled(setup, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict[str, Path], list]:
    """The archive indexed as one whose folders settled long ago (the index then vouches for
    their listing), and the walks a check makes."""
    archive, cache, drafts = setup
    (archive / "spare").mkdir()  # an empty folder: what is added into it must count too
    monkeypatch.setattr(archive_index, "_SETTLED_NS", 0)
    assert main(["index", str(archive), "--cache", str(cache), "--jobs", "1"]) == 0
    walks: list = []
    real = load.find_files
    monkeypatch.setattr(load, "find_files", lambda paths: (
        walks.append(paths) if str(archive) in paths else None) or real(paths))
    return archive, cache, drafts, walks


def _add_file(archive: Path) -> str:
    shutil.copy(sorted(archive.glob("*.txt"))[5], archive / "spare" / "late.txt")
    return "added or removed"


def _add_folder(archive: Path) -> str:
    (archive / "new_desk").mkdir()
    shutil.copy(sorted(archive.glob("*.txt"))[6], archive / "new_desk" / "a.txt")
    return "added or removed"


def _remove(archive: Path) -> str:
    sorted(archive.glob("*.txt"))[9].unlink()
    return "added or removed"


def _rename(archive: Path) -> str:
    first = sorted(archive.glob("*.txt"))[11]
    first.rename(first.with_name("zz_" + first.name))
    return "added or removed"


def _edit(archive: Path) -> str:
    victim = sorted(archive.glob("*.txt"))[3]
    victim.write_text(victim.read_text(encoding="utf-8") + "More to follow.\n", encoding="utf-8")
    return f"{victim.name} changed"


def _hidden(archive: Path) -> str:
    (archive / ".notes").write_text("not an article", encoding="utf-8")
    return ""  # the folder changed: walked again, and the walk finds the same articles


@pytest.mark.parametrize("change", [None, _add_file, _add_folder, _remove, _rename, _edit,
                                    _hidden])
def test_unchanged_folders_spare_the_walk_and_any_change_is_seen(
        settled, capsys: pytest.CaptureFixture[str], change) -> None:
    """A folder's change time vouches for its listing (no walk of 100,000 files); an entry
    added, removed or renamed anywhere below, or a file edited, makes the index stale."""
    archive, cache, drafts, walks = settled
    said = change(archive) if change else ""
    code, out, err = _check(capsys, drafts["draft_changed"], archive, cache)
    if said:
        assert err.count("\n") == 1 and "warning" in err and said in err
    else:
        assert err == ""
    # the index walks only when a folder changed (the full check reads in its own way)
    assert len(walks) == (0 if change in (None, _edit) else 1)
    assert (code, out) == _full(capsys, drafts["draft_changed"], archive, cache)[:2]


def test_an_archive_with_a_symlink_is_walked_every_time(setup, capsys, monkeypatch) -> None:
    """A symlink's target decides what the walk finds: such an archive is walked always."""
    archive, cache, drafts = setup
    (archive / "link.txt").symlink_to(sorted(archive.glob("*.txt"))[2])
    monkeypatch.setattr(archive_index, "_SETTLED_NS", 0)
    assert main(["index", str(archive), "--cache", str(cache), "--jobs", "1"]) == 0
    capsys.readouterr()
    walks: list = []
    real = load.find_files
    monkeypatch.setattr(load, "find_files", lambda paths: (
        walks.append(paths) if str(archive) in paths else None) or real(paths))
    code, out, err = _check(capsys, drafts["draft_new"], archive, cache)
    assert err == "" and len(walks) == 1


def test_reindex_unchanged_extracts_nothing(setup, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    archive, cache, _ = setup
    extracted: list[str] = []
    real = batch.analyse_one
    monkeypatch.setattr(batch, "analyse_one", lambda doc: extracted.append(doc.id) or real(doc))
    assert main(["index", str(archive), "--cache", str(cache), "--jobs", "1"]) == 0
    assert extracted == []
    assert f"indexed {N_ARCHIVE} articles" in capsys.readouterr().err


def test_changed_archive_file_falls_back_then_reindex_refreshes(
        setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    archive, cache, drafts = setup
    victim = sorted(archive.glob("*.txt"))[3]
    victim.write_text(victim.read_text(encoding="utf-8").replace(" said", " told reporters"),
                      encoding="utf-8")
    code, stale, err = _check(capsys, drafts["draft_changed"], archive, cache)
    assert err.count("\n") == 1 and "warning" in err and victim.name in err
    full_code, full, _ = _full(capsys, drafts["draft_changed"], archive, cache)
    assert (code, stale) == (full_code, full)
    assert main(["index", str(archive), "--cache", str(cache), "--jobs", "1"]) == 0
    capsys.readouterr()
    reads = _Reads(monkeypatch)
    code, fresh, err = _check(capsys, drafts["draft_changed"], archive, cache)
    assert err == "" and reads.walked == 1
    assert (code, fresh) == (full_code, full)


def test_added_file_and_other_options_fall_back(setup, capsys: pytest.CaptureFixture[str]
                                                ) -> None:
    archive, cache, drafts = setup
    code, out, err = _check(capsys, drafts["draft_new"], archive, cache)
    assert err == ""
    shutil.copy(drafts["draft_new"], archive / "extra_copy.txt")
    _, _, err = _check(capsys, drafts["draft_new"], archive, cache)
    assert "added or removed" in err and err.count("\n") == 1
    (archive / "extra_copy.txt").unlink()
    main(["check", str(drafts["draft_new"]), "--against", str(archive), "--cache", str(cache),
          "--format", "json", "--no-facts", "--jobs", "1", "--published", "2020-01-01"])
    err = capsys.readouterr().err
    assert "other archive paths, options" in err and err.count("\n") == 1


@pytest.mark.parametrize("damage, warned", [
    ("missing", False),  # no index: the check as ever, nothing to say
    ("garbage", True),
    ("empty", True),
])
def test_missing_or_corrupt_index_falls_back(setup, capsys: pytest.CaptureFixture[str],
                                             damage: str, warned: bool) -> None:
    archive, cache, drafts = setup
    full = _full(capsys, drafts["draft_changed"], archive, cache)
    index = cache / FILE
    if damage == "missing":
        index.unlink()
    elif damage == "garbage":
        index.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    else:
        index.write_bytes(b"")
    code, out, err = _check(capsys, drafts["draft_changed"], archive, cache)
    assert (code, out) == full[:2]
    if warned:
        assert err.count("\n") == 1 and err.startswith("factcheck: warning: archive index")
        assert "checking the whole archive" in err
    else:
        assert err == ""


def test_bad_input_exits_2_with_the_file_named(setup, capsys: pytest.CaptureFixture[str]
                                               ) -> None:
    archive, cache, drafts = setup
    (archive / "broken.json").write_text("{not json", encoding="utf-8")
    assert main(["index", str(archive), "--cache", str(cache), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err and "Traceback" not in err
    code, fast, err = _check(capsys, drafts["draft_changed"], archive, cache)
    assert code == 2 and "broken.json" in err and "warning" not in err
    assert (code, fast) == _full(capsys, drafts["draft_changed"], archive, cache)[:2]
    missing = archive.parent / "no_such_draft.txt"
    code, out, err = _check(capsys, missing, archive, cache)
    assert code == 2 and "no_such_draft.txt" in err and "Traceback" not in err
    assert main(["index", str(archive / "nowhere"), "--cache", str(cache)]) == 2
    assert "nowhere" in capsys.readouterr().err

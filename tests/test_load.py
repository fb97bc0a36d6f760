"""Load: formats, publication dates, ids, and a clear reason for every file that cannot be read."""

import json
import os
from datetime import date

import pytest

from factcheck.load import decode, find_published, load_paths

STORY = ("Harbour Crossing Opens\n\nThe new harbour crossing opened on Tuesday after six years "
         "of work, the mayor said.\n")


@pytest.mark.parametrize("text, expected", [
    (" date 2024-06-19 World\nHeadline\n", date(2024, 6, 19)),
    ("Menu\nUpdated: April 25, 2019 1:33:06 pm- 1 / 7\nStory", date(2019, 4, 25)),
    ("Home\nLast Updated : Apr 22 2019 | 11:50 AM IST\n", date(2019, 4, 22)),
    ("By Staff\nSeptember 05, 2023 06:49 am | Updated 06:50 am IST - CITY\n", date(2023, 9, 5)),
    ("Updated : Jun 19, 2024, 06:28 AM IST\n", date(2024, 6, 19)),
    ("Published on 12 March 2025\n", date(2025, 3, 12)),
    ("Posted: 2025-03-14T10:00\n", date(2025, 3, 14)),
    ("Sept. 4, 2023 9:15 p.m.\nStory", date(2023, 9, 4)),
    # The strongest cue wins over a later, weaker one.
    (" date 2024-06-19\nUpdated: April 25, 2019 1:33:06 pm", date(2024, 6, 19)),
    # Dates in the story are about events, not the page: never taken as its date.
    ("The treaty was signed on July 19, 2000, in the capital.\n", None),
    ("Talks resume in March 2025.\n", None),
    ("Updated: February 30, 2024 10:00 am\n", None),  # not a date
    ("", None),
])
def test_find_published(text, expected):
    assert find_published(text) == expected


@pytest.mark.parametrize("data, text, note, error", [
    ("plain ✓".encode(), "plain ✓", None, None),
    (b"\xef\xbb\xbfbom text", "bom text", None, None),
    ("utf16 text".encode("utf-16"), "utf16 text", "decoded as UTF-16 (byte-order mark)", None),
    ("caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "caf\u00e9 \u201cquoted\u201d",
     "not valid UTF-8 (byte 3); decoded as Windows-1252", None),
    (b"\x00\x01\x02binary\x00", None, None, "is not text (binary data)"),
    (bytes(range(1, 9)) * 200, None, None, "is not text (binary data)"),
])
def test_decode(data, text, note, error):
    assert decode(data) == (text, note, error)


def write(tmp_path, name, content):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load(tmp_path, *names, **kw):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        return load_paths(list(names) or ["."], **kw)
    finally:
        os.chdir(old)


def test_txt_id_path_and_date_from_text(tmp_path):
    write(tmp_path, "a/004_51545c6516cfed24.txt", "Updated: March 3, 2025 9:00 am\n" + STORY)
    docs, errors = load(tmp_path)
    assert errors == []
    [doc] = docs
    assert (doc.id, doc.path, doc.published, doc.published_from) == (
        "004", os.path.join("a", "004_51545c6516cfed24.txt"), date(2025, 3, 3), "text")


def test_markdown_front_matter(tmp_path):
    text = ("---\ntitle: Harbour Crossing Opens\ndate: 2025-03-12\noutlet: Coast Post\n"
            "url: https://example.org/x\n---\n" + STORY)
    write(tmp_path, "story.md", text)
    [doc], errors = load(tmp_path)
    assert errors == []
    assert (doc.title, doc.published, doc.outlet, doc.url) == (
        "Harbour Crossing Opens", date(2025, 3, 12), "Coast Post", "https://example.org/x")
    assert doc.text == text and doc.text[doc.body_offset:] == STORY


def test_html_main_text_title_and_date(tmp_path):
    page = ("<html><head><title>Crossing - Coast Post</title>"
            '<meta property="article:published_time" content="2025-03-12T08:00:00Z"></head>'
            "<body><nav>Home | Sport | Weather</nav><article><h1>Harbour Crossing Opens</h1>"
            "<p>The new harbour crossing opened on Tuesday after six years of work, the mayor "
            "said at a ceremony attended by several hundred residents.</p></article>"
            "<script>alert(1)</script></body></html>")
    write(tmp_path, "page.html", page)
    [doc], errors = load(tmp_path)
    assert errors == []
    assert doc.published == date(2025, 3, 12) and doc.published_from == "metadata"
    assert doc.title == "Harbour Crossing Opens"
    assert "six years of work" in doc.text
    assert "alert" not in doc.text and "Sport | Weather" not in doc.text


def test_json_and_jsonl_objects(tmp_path):
    write(tmp_path, "one.json", json.dumps({"text": STORY, "published": "2025-03-12"}))
    lines = [json.dumps({"id": "w1", "text": STORY, "title": "T", "published": "2025-03-13"}),
             "{not json",
             json.dumps({"id": "w3", "text": STORY, "outlet": "Wire"}),
             json.dumps({"title": "no text"})]
    write(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    docs, errors = load(tmp_path, published=date(2025, 1, 1))
    assert [(d.id, d.published, d.published_from) for d in docs] == [
        ("one", date(2025, 3, 12), "metadata"), ("w1", date(2025, 3, 13), "metadata"),
        ("w3", date(2025, 1, 1), "option")]
    assert [(e.path, e.reason.split(" (")[0]) for e in errors] == [
        ("wire.jsonl:2", "not valid JSON"), ("wire.jsonl:4", "object has no 'text' field")]


def test_ids_are_unique(tmp_path):
    write(tmp_path, "a/story.txt", STORY)
    write(tmp_path, "b/story.txt", STORY)
    docs, _ = load(tmp_path)
    assert sorted(d.id for d in docs) == ["story", "story-2"]


def test_folders_skip_readmes_hidden_and_other_files(tmp_path):
    write(tmp_path, "README.md", "# About this folder\n")
    write(tmp_path, ".hidden.txt", STORY)
    write(tmp_path, "notes.csv", "a,b\n")
    write(tmp_path, "story.txt", STORY)
    docs, errors = load(tmp_path)
    assert [d.id for d in docs] == ["story"] and errors == []


def test_globs(tmp_path):
    write(tmp_path, "x/one.txt", STORY)
    write(tmp_path, "x/two.md", STORY)
    docs, errors = load(tmp_path, "x/*.txt", "nothing/*.txt")
    assert [d.id for d in docs] == ["one"]
    assert [(e.path, e.reason) for e in errors] == [("nothing/*.txt", "no file matches this pattern")]


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", "", "is empty"),
    ("blank.txt", "  \n\t\n", "is empty (only whitespace)"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "is not text (binary data)"),
    ("broken.md", "---\ntitle: [unclosed\ndate: 2025-03-12\n---\nBody text here.\n",
     "front matter is not valid YAML"),
    ("open.md", "---\ntitle: never closed\nBody text.\n", "front matter opened with '---' is never closed"),
    ("baddate.md", "---\ndate: 2024-02-30\n---\nBody.\n", "front matter date '2024-02-30' is not a valid date"),
    ("deep.json", "[" * 100000 + "]" * 100000, "JSON is nested more than 64 levels deep"),
    ("bad.json", '{"text": "x",}', "not valid JSON"),
    ("list.json", "[1, 2]", "expected an object with a 'text' field, found int"),
])
def test_bad_files_named_with_reason(tmp_path, name, content, reason):
    write(tmp_path, name, content)
    write(tmp_path, "good.txt", STORY)
    docs, errors = load(tmp_path)
    assert [d.id for d in docs] == ["good"]
    assert errors and all(e.path.startswith(name) for e in errors)
    assert errors[0].reason.startswith(reason)


def test_missing_path_and_size_limit(tmp_path):
    write(tmp_path, "big.txt", STORY * 100)
    docs, errors = load(tmp_path, "big.txt", "missing.txt", max_bytes=1000)
    assert docs == []
    assert errors[0].path == "missing.txt" and errors[0].reason == "no such file or directory"
    assert errors[1].path == "big.txt" and "size limit" in errors[1].reason


def test_cp1252_decoded_with_note(tmp_path):
    write(tmp_path, "old.txt", "The caf\u00e9 \u201creopened\u201d after 12 years.\n".encode("cp1252"))
    [doc], errors = load(tmp_path)
    assert errors == [] and "\u201creopened\u201d" in doc.text
    assert "Windows-1252" in doc.note


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "locked.txt", STORY)
    path.chmod(0)
    try:
        docs, errors = load(tmp_path)
    finally:
        path.chmod(0o644)
    assert docs == [] and [(e.path, e.reason) for e in errors] == [
        ("locked.txt", "cannot be read: permission denied")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_and_escape(tmp_path):
    root = tmp_path / "batch"
    write(root, "story.txt", STORY)
    write(tmp_path, "outside.txt", STORY)
    os.symlink(root, root / "loop")
    os.symlink(tmp_path / "outside.txt", root / "escape.txt")
    os.symlink(root / "nowhere", root / "dangling.txt")
    docs, errors = load(tmp_path, "batch")
    assert [d.id for d in docs] == ["story"]
    reasons = {e.path: e.reason for e in errors}
    assert reasons[os.path.join("batch", "escape.txt")] == "symlink points outside the folder; not followed"
    assert "symlink" in reasons[os.path.join("batch", "dangling.txt")]
    assert any("loop" in r or "already visited" in r for r in reasons.values())


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_one_file_named_three_ways_is_read_once(tmp_path):
    root = tmp_path / "batch"
    write(root, "story.txt", STORY)
    os.symlink(root / "story.txt", root / "alias.txt")
    os.symlink(root, tmp_path / "batch-link")
    docs, errors = load(tmp_path, "batch", os.path.join("batch", "story.txt"),
                        os.path.join("batch-link", "story.txt"))
    assert errors == [] and [d.path for d in docs] == [os.path.join("batch", "alias.txt")]


def test_a_file_that_grew_after_its_size_was_read_is_read_whole(tmp_path, monkeypatch):
    from factcheck import load as load_module
    write(tmp_path, "story.txt", STORY)
    real_stat = os.stat

    def stale(path, *args, **kwargs):
        info = real_stat(path, *args, **kwargs)
        return os.stat_result((*info[:6], 10, *info[7:]))  # st_size: 10 bytes, as before it grew

    monkeypatch.setattr(load_module.os, "stat", stale)
    monkeypatch.setattr(load_module.os, "fstat", stale)
    [doc], errors = load(tmp_path, "story.txt")
    assert errors == [] and doc.text.strip() == STORY.strip()


@pytest.mark.parametrize("pattern", ["x/*.txt", "x/**/*.txt", "**/*.md", "x/*", "x/**", "*/s?b/*",
                                     "x/[st]*/*.txt", "x/**/sub/*", "*.txt", "x/.h*/*.txt"])
def test_globs_match_what_the_glob_module_matches(tmp_path, pattern):
    """Without symlinks a glob walked like a folder names the files the glob module names, in
    its order (which decides which of two same-named files keeps the plain id)."""
    import glob

    for name in ("top.txt", "x/one.txt", "x/two.md", "x/sub/three.txt", "x/sub/deeper/four.txt",
                 "x/sab/five.txt", "x/tee/six.md", "x/.hidden/seven.txt", "y/sub/eight.txt",
                 "x/notes.csv", "x/README.md"):
        write(tmp_path, name, STORY)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        from factcheck.load import find_files
        files, errors = find_files([pattern])
        expected = []
        for m in sorted(glob.glob(pattern, recursive=True)):
            if os.path.isdir(m):
                expected.extend(find_files([m])[0])
            elif m.lower().endswith((".txt", ".md")):
                expected.append(m)
    finally:
        os.chdir(old)
    assert errors == [] and files == list(dict.fromkeys(expected)) and files, (files, expected)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_swapped_in_after_the_check_is_not_read(tmp_path, monkeypatch):
    """The name looked regular when it was listed; opened, it is a FIFO: refused at once (the
    open does not wait for a writer) on what the open file is."""
    from factcheck import load as load_module
    write(tmp_path, "story.txt", STORY)
    os.mkfifo(tmp_path / "late.txt")
    real_stat = os.stat
    monkeypatch.setattr(load_module.os, "stat",
                        lambda path, *a, **k: real_stat(tmp_path / "story.txt"))
    import signal

    def expired(signum, frame):
        raise TimeoutError("opening the FIFO waited for a writer")
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    try:
        docs, errors = load(tmp_path, "late.txt")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert docs == [] and [(e.path, e.reason) for e in errors] == [
        ("late.txt", "is a FIFO (named pipe), not a regular file; skipped")]


@pytest.mark.parametrize("front, expected", [
    # Anchors a desk might use stay fine; what they may add is bounded, not forbidden.
    ("title: &t Harbour Opens\noutlet: *t\ndate: 2025-03-12\n", ("Harbour Opens", "Harbour Opens")),
    ("tags: &x [a, b]\nmore: [*x, *x, *x]\ntitle: T\n", ("T", None)),
])
def test_front_matter_aliases_within_bounds(tmp_path, front, expected):
    write(tmp_path, "story.md", "---\n" + front + "---\n" + STORY)
    [doc], errors = load(tmp_path)
    assert errors == [] and (doc.title, doc.outlet) == expected

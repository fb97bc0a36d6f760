"""Hostile input: every bad file is named with its reason, every good file is still checked, and
nothing crashes, hangs or runs. The corpus is generated here (some of it is large)."""

import itertools
import json
import os
import zlib

import pytest

from factcheck.cli import main

GOOD_A = ("Updated: March 12, 2025 9:00 am\n\nFerry Service Resumes After Storm\n\n"
          "The ferry service between the two islands resumed on Tuesday after a storm closed "
          "the port for three days, the harbour master said.\n")
GOOD_B = ("Updated: March 12, 2025 11:00 am\n\nFerries Sail Again\n\n"
          "The ferry service between the two islands resumed on Tuesday after a storm closed "
          "the port for five days, the harbour master said.\n")
ODD_TEXT = ("Updated: March 13, 2025 8:00 am\n\nOdd Inputs Do Not Break The Desk\n\n"
            "The council met on February 30, 2024 and again on 32 March, officials said. "
            "A reading of 1e400 units and " + "9" * 400 + " more were logged. "
            "Some \u0663\u0664 residents wrote in Arabic digits: \u0645\u0631\u062d\u0628\u0627 "
            "\u0628\u0627\u0644\u0639\u0627\u0644\u0645 and 2\u200b4 people signed with "
            "zero-width spaces inside the number.\n")
HTML = ("<html><head><title>Harbour &amp; Port</title></head><body>"
        "<script>alert(1)</script><iframe src='https://example.invalid'></iframe>"
        "<article><h1>Harbour &amp; Port Reopen</h1><p>The harbour &amp; port reopened on "
        "Tuesday &mdash; three days after the storm &lt;script&gt; closed them, officials said, "
        "and [bold]x[/bold] stayed literal.</p></article></body></html>")

BAD = {  # name → the start of the reason reported for it
    "binary.txt": "is not text (binary data)",
    "empty.txt": "is empty",
    "spaces.txt": "is empty (only whitespace)",
    "deep.json": "JSON is nested more than",
    "malformed.json": "not valid JSON",
    "broken.md": "front matter is not valid YAML",
    "huge.txt": "is ",  # "is 52.4 MB, over the size limit …"
    "lines.jsonl:2": "not valid JSON",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    d = root / "batch"
    d.mkdir()
    (d / "good_a.txt").write_text(GOOD_A, encoding="utf-8")
    (d / "good_b.txt").write_text(GOOD_B, encoding="utf-8")
    (d / "odd.txt").write_text(ODD_TEXT, encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (d / "invalid_utf8.txt").write_bytes(b"Updated: March 12, 2025\n\nA caf\xe9 \xff\xfe reopened "
                                         b"after the storm, its owner said.\n")
    (d / "utf16.txt").write_text(GOOD_A.replace("three days", "three days and nights"),
                                 encoding="utf-16")
    (d / "cp1252.txt").write_bytes("Updated: March 12, 2025\n\nThe caf\u00e9 \u201creopened\u201d "
                                   "on Tuesday, its owner said.\n".encode("cp1252"))
    (d / "empty.txt").write_text("")
    (d / "spaces.txt").write_text("   \n\n\t  \n")
    with open(d / "huge.txt", "w", encoding="utf-8") as fh:
        chunk = "The port authority said the ferry carried 40 people. " * 1000
        for _ in range(1000):  # ~53 MB
            fh.write(chunk + "\n")
    (d / "oneline.txt").write_text("Updated: March 12, 2025\n\n" + ("word " * 200000) + "\n")
    (d / "digits.txt").write_text("Updated: March 12, 2025\n\n" + "1" * 100000 + " people\n")
    (d / "deep.json").write_text("[" * 50000 + "]" * 50000)
    (d / "malformed.json").write_text('{"text": "The ferry sailed.", "title": ')
    (d / "lines.jsonl").write_text(
        json.dumps({"id": "w1", "text": GOOD_A, "published": "2025-03-12"}) + "\n"
        + '{"id": "w2", "text": \n'
        + json.dumps({"id": "w3", "text": GOOD_B, "published": "2025-03-12"}) + "\n")
    (d / "page.html").write_text(HTML, encoding="utf-8")
    (d / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody text of the story.\n")
    os.symlink(d, d / "loop")
    locked = d / "locked.txt"
    locked.write_text(GOOD_A)
    locked.chmod(0)
    yield root
    locked.chmod(0o644)


def run(capsys, root, *args):
    old = os.getcwd()
    os.chdir(root)
    try:
        code = main(["check", "batch", "--no-cache", "--jobs", "1", *args])
    finally:
        os.chdir(old)
    return code, capsys.readouterr()


@pytest.fixture(scope="module")
def report(hostile):
    old = os.getcwd()
    os.chdir(hostile)
    import contextlib
    import io
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", "batch", "--no-cache", "--format", "json"])
    finally:
        os.chdir(old)
    return code, json.loads(out.getvalue()), err.getvalue()


def test_every_bad_file_named_and_exit_2(report):
    code, doc, err = report
    assert code == 2
    errors = {a["path"]: a["error"] for a in doc["articles"] if a["error"]}
    for name, reason in BAD.items():
        path = os.path.join("batch", name)
        assert path in errors, f"{name} not reported"
        assert errors[path].startswith(reason), (name, errors[path])
        assert f"{path}: {errors[path]}" in err
    assert "Traceback" not in err
    assert any("loop" in p or "symlink" in e for p, e in errors.items())
    if os.geteuid() != 0:  # root reads anything
        assert errors[os.path.join("batch", "locked.txt")] == "cannot be read: permission denied"


def test_good_files_still_checked(report):
    _, doc, _ = report
    ids = {a["id"] for a in doc["articles"] if not a["error"]}
    assert {"good_a", "good_b", "odd", "w1", "w3", "page", "utf16", "cp1252", "invalid_utf8",
            "oneline", "digits"} <= ids
    found = {frozenset(c["article"] for c in f["claims"]) for f in doc["conflicts"]
             if f["kind"] == "quantity"}
    # "three days" against "five days": the JSONL copies (which lost only their bad line) and
    # the UTF-16 one join the same finding.
    assert any({"good_a", "good_b", "w1", "w3", "utf16"} <= arts for arts in found), found


def test_odd_values_yield_no_claims(hostile, capsys):
    old = os.getcwd()
    os.chdir(hostile)
    try:
        code = main(["extract", "batch/odd.txt", "batch/digits.txt", "--format", "json",
                     "--no-cache"])
    finally:
        os.chdir(old)
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    texts = [c["text"] for a in doc["articles"] for c in a["claims"]]
    # "February 30" and "32 March" are not dates; 1e400, 400 nines, Arabic digits and a number
    # broken by a zero-width space are not figures an editor would check.
    assert not any(t.startswith(("February 30", "32 March", "1e400", "999", "\u0663", "111"))
                   for t in texts), texts
    for a in doc["articles"]:
        for c in a["claims"]:
            v = c["value"]
            if "low" in v and v["low"] is not None and v["high"] is not None:
                assert v["low"] <= v["high"]


@pytest.mark.parametrize("fmt", ["sarif", "github", "markdown", "html"])
def test_bad_files_in_every_format(hostile, capsys, fmt):
    code, captured = run(capsys, hostile, "--format", fmt)
    assert code == 2
    for name in ("binary.txt", "deep.json", "broken.md"):
        assert name in captured.out, (fmt, name)


def test_html_input_never_runs_and_is_escaped(hostile, capsys):
    code, captured = run(capsys, hostile, "--format", "html")
    assert "<script>alert(1)</script>" not in captured.out
    assert "<iframe" not in captured.out



# ── output safety ─────────────────────────────────────────────────────────────────────────────

import re  # noqa: E402
from collections import Counter  # noqa: E402
import time  # noqa: E402
import signal  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from factcheck.report.safe import has_command_line  # noqa: E402

_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline
_SCHEME_LINK = re.compile(r"""(?i)(href|src)\s*=\s*["']?\s*javascript:|"uri":\s*"javascript:""")
HOSTILE_A = ("Updated: March 12, 2025 9:00 am\n\nFerry Service \x1b]0;pwned\x07Resumes\n\n"
             "The ferry service between the two islands resumed on Tuesday after a storm \x1b[2J "
             "closed the port for three days, the harbour master said.\n\n::error file=x::line\n")
HOSTILE_B = ("Updated: March 12, 2025 11:00 am\n\nFerries Sail Again\n\n"
             "The ferry service between the two islands resumed on Tuesday after a storm\r\n"
             "::warning::wrapped \x9b31m closed the port for five days, the harbour master "
             "\x1b]8;;https://evil.example\x07said\x1b]8;;\x07 on ##[error]Monday.\n")


@contextmanager
def time_limit(seconds: int):
    """The case fails, rather than hangs, past `seconds`."""
    def expired(signum, frame):
        raise TimeoutError(f"over {seconds} s")
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def assert_safe(name: str, text: str, own_commands: int = 0) -> None:
    """No raw control character, no `javascript:` link, and no line that the runner would read
    as a workflow command but the `own_commands` annotations of the github format."""
    bad = _RAW_CONTROL.search(text)
    assert not bad, (name, text[max(0, bad.start() - 60):bad.end() + 20])
    lines = text.split("\n")
    ours = [ln for ln in lines if re.match(r"::(error|warning|notice) [^\n]*::", ln)]
    assert len(ours) == own_commands, (name, ours)
    assert not has_command_line("\n".join(ln for ln in lines if ln not in ours)), name
    assert not _SCHEME_LINK.search(text), name


@pytest.fixture
def hostile_names(tmp_path):
    d = tmp_path / "b"
    d.mkdir()
    (d / "evil\n::error file=x::pwned.txt").write_text(HOSTILE_A)
    (d / "javascript:alert(document.domain).txt").write_text(HOSTILE_B)
    (d / "\x1b[2Jclear\r::error::x.txt").write_text("")  # unreadable: named on stderr
    (d / "j.json").write_text(json.dumps({
        "id": "id\x1b[31mred\n::error::x", "title": "T\x1b]0;t\x07\x9b", "published": "2025-03-12",
        "text": HOSTILE_A.replace("three days", "four days")}))
    return tmp_path


def test_hostile_names_and_text_never_reach_output_raw(hostile_names, capsys, monkeypatch):
    formats = ["rich", "json", "sarif", "github", "markdown", "html"]
    monkeypatch.chdir(hostile_names)
    with time_limit(10):
        code = main(["check", "b", "--no-cache", "--jobs", "1", "--output-dir", "rep",
                     "--format", ",".join(formats)])
        captured = capsys.readouterr()
        assert code == 2  # the empty file
        assert "clear" in captured.err and "Traceback" not in captured.err
        outputs = {p.name: p.read_text(encoding="utf-8") for p in (hostile_names / "rep").iterdir()
                   if p.name.startswith("factcheck.")}
        assert len(outputs) == len(formats)
        outputs["stderr"] = captured.err
        doc = json.loads(outputs["factcheck.json"])
        # the hostile sentences are in findings: three, four and five days, no majority
        assert {c["article"] for f in doc["conflicts"] for c in f["claims"]} >= {
            "evil\n::error file=x::pwned", "javascript:alert(document.domain)"}
        for fmt in formats[1:]:  # every format to stdout too (rich: below, as under Actions)
            main(["check", "b", "--no-cache", "--jobs", "1", "--format", fmt])
            captured = capsys.readouterr()
            outputs[f"stdout {fmt}"], outputs[f"stderr {fmt}"] = captured.out, captured.err
        summary = hostile_names / "summary.md"
        monkeypatch.setenv("GITHUB_ACTIONS", "true")  # rich and github to stdout
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
        main(["check", "b", "--no-cache", "--jobs", "1"])
        captured = capsys.readouterr()
        outputs["stdout actions"], outputs["stderr actions"] = captured.out, captured.err
        outputs["step summary"] = summary.read_text(encoding="utf-8")
        main(["extract", "b", "--no-cache", "--jobs", "1"])
        outputs["extract rich"] = capsys.readouterr().out
    assert "storm" in outputs["stdout actions"] and "::error file=" in outputs["stdout actions"]
    annotations = (len([f for f in doc["conflicts"] if "accepted" not in f])
                   + len([a for a in doc["articles"] if a["error"]]) + len(doc.get("notes", ())))
    for name, text in outputs.items():
        assert_safe(name, text, annotations if name in ("factcheck.annotations.txt",
                                                        "stdout github", "stdout actions") else 0)
    # The escapes say what was there.
    assert "\\x1b[2J" in outputs["factcheck.txt"] and "\\x1b[2J" in outputs["stderr"]
    assert "\\u009b" in outputs["factcheck.json"]


def test_output_refuses_devices_fifos_symlinks_and_inputs(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "a.txt").write_text(GOOD_A)
    (tmp_path / "b" / "b.txt").write_text(GOOD_B)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "real.json").write_text("{}")
    os.symlink(tmp_path / "real.json", tmp_path / "link.json")
    base = ["check", "b", "--no-cache", "--jobs", "1", "--format", "json", "--fail-on", "never"]
    with time_limit(10):
        for target, why in (("fifo", "FIFO"), ("/dev/null", "device"),
                            ("link.json", "symbolic link"), ("b/a.txt", "inputs")):
            assert main(base + ["--output", target]) == 2, target
            err = capsys.readouterr().err
            assert why in err and "Traceback" not in err, (target, err)
        assert (tmp_path / "b" / "a.txt").read_text() == GOOD_A
        assert os.path.islink(tmp_path / "link.json") and os.path.exists("/dev/null")
        assert main(base + ["--output", "real.json"]) == 0  # the link's target itself
        old = os.umask(0o022)
        try:
            assert main(base + ["--output", "new.json"]) == 0
        finally:
            os.umask(old)
        assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644
        # --output-dir writes every format it can and names each one it cannot.
        (tmp_path / "rep").mkdir()
        (tmp_path / "rep" / "factcheck.json").mkdir()
        code = main(["check", "b", "--no-cache", "--jobs", "1", "--fail-on", "never",
                     "--output-dir", "rep", "--format", "json,sarif,markdown"])
        err = capsys.readouterr().err
        assert code == 2 and "json report" in err and "folder" in err, err
        assert (tmp_path / "rep" / "factcheck.sarif").is_file()
        assert (tmp_path / "rep" / "factcheck.md").is_file()
        assert main(base + ["--output", "x.json", "--output-dir", "rep"]) == 2


# ── the cache is untrusted input ──────────────────────────────────────────────────────────────

import sqlite3  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import generate as gen  # noqa: E402
from factcheck.cache import MAX_ROW_CHARS, deflated, inflated  # noqa: E402


@pytest.fixture
def cached_batch(tmp_path):
    gen.generate(60, tmp_path / "b", seed=11)
    (tmp_path / "b" / "planted.json").unlink()
    return tmp_path


def _cached_check(root, capsys, *args):
    code = main(["check", str(root / "b"), "--format", "json", "--jobs", "1", "--fail-on",
                 "never", "--no-facts", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, json.loads(captured.out), captured.err


def test_cache_rows_that_do_not_validate_are_recomputed(cached_batch, capsys):
    cache = str(cached_batch / "cache")
    with time_limit(10):
        _, fresh, _ = _cached_check(cached_batch, capsys, "--no-cache")
        _cached_check(cached_batch, capsys, "--cache", cache)
        db = sqlite3.connect(os.path.join(cache, "claims-v4.sqlite"))
        with db:
            stories = db.execute("SELECT key, data FROM story WHERE data != '[]'").fetchall()
            assert stories
            for key, data in stories:  # every finding of a known shape, but "severe"
                db.execute("UPDATE story SET data = ? WHERE key = ?",
                           (data.replace('"severity": "error"', '"severity": "severe"'), key))
            rows = db.execute("SELECT key, data, claim_data FROM article ORDER BY key").fetchall()
            keys = [k for k, _, _ in rows]
            text = {k: inflated(d) for k, d, _ in rows}
            claims = {k: inflated(c) for k, _, c in rows}

            def put(key, data, column="data"):
                db.execute(f"UPDATE article SET {column} = ? WHERE key = ?", (data, key))

            put(keys[0], deflated("[" * 100_000 + "]" * 100_000))  # deep JSON
            # a string where a number belongs (a claim's line); then not even JSON any more
            assert '"line": ' in claims[keys[1]]
            put(keys[1], deflated(claims[keys[1]].replace('"line": ', '"line": "x')), "claim_data")
            put(keys[2], deflated(text[keys[2]].replace('"start": ', '"start": "')))
            db.execute("UPDATE article SET names = '[1, 2]', claims = 'many' WHERE key = ?",
                       (keys[3],))
            put(keys[4], zlib.compress(b" " * (MAX_ROW_CHARS + 1), 9))  # a deflate bomb
            put(keys[5], deflated(text[keys[5]])[:-9])  # cut short
            put(keys[6], text[keys[6]])  # text where deflated bytes belong
            put(keys[7], deflated("[" * 100_000 + "]" * 100_000), "claim_data")  # deep claims
        db.close()
        code, warm, err = _cached_check(cached_batch, capsys, "--cache", cache)
        assert code == 0 and warm == fresh
        assert "do not validate" in err
        code, again, err = _cached_check(cached_batch, capsys, "--cache", cache)
        assert again == fresh and "warning" not in err  # the recomputed rows were stored


def _corrupt_middle(path: str) -> None:
    """Overwrite three pages in the middle of the database where opening it still works but
    reading the rows does not (the run's first read meets the damage)."""
    clean = open(path, "rb").read()
    pages = len(clean) // 4096
    for page in range(pages // 4, pages - 3):
        damaged = clean[:page * 4096] + b"\xff" * 3 * 4096 + clean[(page + 3) * 4096:]
        with open(path, "wb") as fh:
            fh.write(damaged)
        db = sqlite3.connect(path)
        try:
            db.execute("SELECT count(*) FROM article").fetchone()
            db.execute("SELECT count(*) FROM story").fetchone()
        except sqlite3.DatabaseError:
            continue  # caught on opening: the easy case
        else:
            try:
                db.execute("SELECT names, claims FROM article").fetchall()
            except sqlite3.DatabaseError:
                return
        finally:
            db.close()
    pytest.fail("no page found whose damage shows only on reading")


def test_corrupt_cache_pages_are_moved_aside_and_rebuilt_once(cached_batch, capsys):
    cache = str(cached_batch / "cache")
    with time_limit(10):
        _, fresh, _ = _cached_check(cached_batch, capsys, "--cache", cache)
        _corrupt_middle(os.path.join(cache, "claims-v4.sqlite"))
        code, report, err = _cached_check(cached_batch, capsys, "--cache", cache)
        assert code == 0 and report == fresh
        assert "moved it to claims-v4.sqlite.corrupt" in err and "rebuilt" in err, err
        assert os.path.exists(os.path.join(cache, "claims-v4.sqlite.corrupt"))
        code, again, err = _cached_check(cached_batch, capsys, "--cache", cache)
        assert again == fresh and "warning" not in err, err


# ── claims.yaml ───────────────────────────────────────────────────────────────────────────────


def _one_line_error(capsys, argv, name):
    with time_limit(10):
        began = time.perf_counter()
        code = main(argv)
        took = time.perf_counter() - began
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and err.count("\n") == 1 and name in err, err
    return err, took


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "a.txt").write_text(GOOD_A)
    return tmp_path


def test_deep_claims_yaml_is_one_line_error_in_check_and_accept(desk, capsys):
    (desk / "deep.yaml").write_text("facts: " + "[" * 500 + "]" * 500 + "\n")
    (desk / "deepmap.yaml").write_text("aliases: " + "{a: " * 500 + "x" + "}" * 500 + "\n")
    for name in ("deep.yaml", "deepmap.yaml"):
        err, _ = _one_line_error(capsys, ["check", "b", "--no-cache", "--facts", name], name)
        assert "nested more than" in err
        err, _ = _one_line_error(capsys, ["accept", "12345678", "--reason", "x", "--facts", name],
                                 name)
        assert "nested more than" in err


def test_alias_bomb_in_claims_yaml_is_refused_at_once(desk, capsys):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (desk / "bomb.yaml").write_text("tolerance:\n" + "".join(f"  {ln}\n" for ln in lines)
                                    + "facts: *a9\n")
    for argv in (["check", "b", "--no-cache", "--facts", "bomb.yaml"],
                 ["accept", "12345678", "--reason", "x", "--facts", "bomb.yaml"]):
        err, took = _one_line_error(capsys, argv, "bomb.yaml")
        assert "aliases" in err and took < 1, (err, took)


def test_an_alias_that_holds_itself_in_claims_yaml_is_refused(desk, capsys):
    (desk / "loop.yaml").write_text("aliases:\n  a: &a [*a]\n")  # was a RecursionError
    err, _ = _one_line_error(capsys, ["check", "b", "--no-cache", "--facts", "loop.yaml"],
                             "loop.yaml")
    assert "aliases" in err


def test_big_claims_yaml_is_linear_or_refused(desk, capsys):
    from factcheck.facts import FactBook
    from factcheck.model import Document

    # One line lookup per fact: 50,000 facts (a 5 MB book) looked up in well under a second.
    facts = tuple(Document(id=f"fact-{i}", path="claims.yaml", text="x", trusted=True)
                  for i in range(50_000))
    book = FactBook(facts=facts, fact_lines=tuple(range(1, 50_001)))
    began = time.perf_counter()
    assert [book.line_of(f.id) for f in facts] == list(range(1, 50_001))
    assert time.perf_counter() - began < 1
    with open(desk / "huge.yaml", "wb") as fh:  # 50 MB, sparse: refused before it is read
        fh.truncate(50 * 2**20)
    err, took = _one_line_error(capsys, ["check", "b", "--no-cache", "--facts", "huge.yaml"],
                                "huge.yaml")
    assert "50.0 MB" in err and took < 1, (err, took)


def test_values_echoed_from_claims_yaml_are_cut_short(desk, capsys):
    (desk / "long.yaml").write_text("severity:\n  quote: " + "x" * 1_000_000 + "\n")
    err, _ = _one_line_error(capsys, ["check", "b", "--no-cache", "--facts", "long.yaml"],
                             "long.yaml")
    assert "should be one of" in err and len(err) < 300, len(err)


# ── a batch stage near-linear in the batch ────────────────────────────────────────────────────


def test_one_fact_of_many_look_alike_claims_is_judged_in_linear_time():
    """30,000 tiny articles that share names chain their claims into one fact: judging it must
    cost its relations, not the square of its claims (it took over 600 s)."""
    from factcheck.compare import compare
    from factcheck.model import Claim, Frame, Pair, Quantity

    def claim(i: int, n: int) -> Claim:
        sentence = f"Mayor Voss said {n} people attended the fair."
        return Claim(id=f"a{i:05d}#1", article=f"a{i:05d}", path=f"a{i:05d}.txt", kind="quantity",
                     text=f"{n} people", start=16, end=16 + len(f"{n} people"), line=1,
                     column=17, sentence=sentence, sentence_start=0, role="body",
                     value=Quantity(n, n, "people"),
                     frame=Frame(masked="Mayor Voss said <N> attended the fair.",
                                 terms=("attended", "fair"), names=("Voss",)))

    n = 30_000
    claims = [claim(i, 45 if i >= n - 3 else 40) for i in range(n)]  # the odd ones last
    pairs = [Pair(claims[0], claims[i], 0.9) for i in range(1, n)]  # all lined up with one
    with time_limit(10):
        found = compare(pairs)
    assert len(found) == 1 and found[0].kind == "quantity"
    roles = Counter(s.role for s in found[0].sides)
    assert roles == {"outlier": 3, "consensus": n - 3}
    assert {s.claim.article for s in found[0].sides if s.role == "outlier"} == {
        f"a{i:05d}" for i in range(n - 3, n)}


# ── load: only regular files, globs like folders, bounded parsers ─────────────────────────────


def _load_probe(root, capsys, *paths):
    """`check` over the probe and the two good articles: within 10 s, no traceback, exit 2,
    the ferry finding whole; the report's unreadable files and stderr are returned."""
    with time_limit(10):
        code = main(["check", *paths, "--no-cache", "--jobs", "1", "--format", "json"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and len(captured.err) < 5000, captured.err[-2000:]
    assert code == 2, captured.err
    doc = json.loads(captured.out)
    found = [frozenset(c["article"] for c in f["claims"]) for f in doc["conflicts"]
             if f["kind"] == "quantity"]
    assert frozenset({"good_a", "good_b"}) in found, found
    return {a["path"]: a["error"] for a in doc["articles"] if a["error"]}, captured.err


@pytest.fixture
def desk2(tmp_path, monkeypatch):
    """b/ with the two good articles that disagree, the working directory at its parent."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "good_a.txt").write_text(GOOD_A)
    (tmp_path / "b" / "good_b.txt").write_text(GOOD_B)
    return tmp_path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifos_in_a_folder_or_named_are_skipped_unopened(desk2, capsys):
    os.mkfifo(desk2 / "b" / "pipe.txt")  # opening it for reading blocked for ever
    os.mkfifo(desk2 / "arg.md")
    errors, err = _load_probe(desk2, capsys, "b", "arg.md")
    for path in (os.path.join("b", "pipe.txt"), "arg.md"):
        assert errors[path] == "is a FIFO (named pipe), not a regular file; skipped", errors
        assert path in err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_globs_keep_the_folder_rules(desk2, capsys):
    os.symlink(".", desk2 / "b" / "l1")  # two links to the folder: "**" went round them for
    os.symlink(".", desk2 / "b" / "l2")  # minutes and a gigabyte
    (desk2 / "secret.txt").write_text(GOOD_A.replace("three", "nine"))
    os.symlink(desk2 / "secret.txt", desk2 / "b" / "out.txt")  # a way out of the root given
    errors, err = _load_probe(desk2, capsys, "b/**/*.txt")
    assert errors[os.path.join("b", "out.txt")] == \
        "symlink points outside the folder; not followed"
    assert "loop" in errors[os.path.join("b", "l1")] and "loop" in errors[os.path.join("b", "l2")]
    assert "nine" not in json.dumps(errors) and "secret" not in err


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + f"\ndate: *a{levels - 1}\n"


def test_front_matter_and_json_parsers_are_bounded(desk2, capsys):
    bad = {  # file → content, and the reason it is named with
        "deep.md": ("---\ntitle: " + "[" * 1000 + "]" * 1000 + "\n---\nThe ferry sailed.\n",
                    "front matter is not valid YAML (line 2): nested more than 64 levels deep"),
        "bomb9.md": ("---\n" + _bomb(10) + "---\nThe ferry sailed.\n",  # MemoryError after 58 s
                     "front matter is not valid YAML: aliases (*name) expand to more than"),
        "bomb8.md": ("---\n" + _bomb(9) + "---\nThe ferry sailed.\n",  # 312 MB of messages
                     "front matter is not valid YAML: aliases (*name) expand to more than"),
        "self.md": ("---\ndate: &d [*d]\n---\nThe ferry sailed.\n",
                    "front matter is not valid YAML: aliases (*name) expand to more than"),
        "listed.md": ("---\ndate: [" + ", ".join(["2025-03-12"] * 2000) + "]\n---\nThe ferry.\n",
                      "front matter date a list is not a valid date"),
        "long.md": ("---\ndate: " + "9" * 1_000_000 + "\n---\nThe ferry sailed.\n",
                    "front matter is 976 KB long, over the 64 KB"),
        "longdate.md": ("---\ndate: '" + "x" * 30_000 + "'\n---\nThe ferry sailed.\n",
                        "front matter date 'xxxxx"),
        "tag.md": ("---\ntitle: !" + "t" * 30_000 + " x\n---\nThe ferry sailed.\n",
                   "front matter is not valid YAML (line 2): could not determine a constructor"),
        "digits.json": ('{"text": "The ferry sailed.", "n": ' + "1" * 100_000 + "}",
                        "not valid JSON: a number has more than 4,300 digits"),
        "deep.jsonl": ('{"text": "x", "t": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
                       "JSON is nested more than 64 levels deep"),
        "date.json": (json.dumps({"text": "The ferry sailed.", "published": "z" * 100_000}),
                      "'published' 'zzz"),
    }
    for name, (content, _) in bad.items():
        (desk2 / "b" / name).write_text(content)
    (desk2 / "b" / "items.json").write_text("[" + ",".join(["[]"] * 1_000_000) + "]")
    errors, err = _load_probe(desk2, capsys, "b")
    for name, (_, reason) in bad.items():
        path = os.path.join("b", name + (":1" if name.endswith(".jsonl") else ""))
        assert errors[path].startswith(reason), (name, errors[path])
        assert len(errors[path]) < 200, (name, len(errors[path]))
    items = [e for p, e in errors.items() if p.startswith(os.path.join("b", "items.json"))]
    assert len(items) == 21 and "999,980 more items cannot be used" in items[-1], items[-1]


def test_json_escapes_that_are_no_characters_do_not_stop_the_report(desk2, capsys):
    (desk2 / "b" / "lone.json").write_text(json.dumps({  # written as "\\ud800" escapes
        "text": GOOD_A.replace("storm", "storm \ud800").replace("three", "four"),
        "title": "T\udfff", "id": "lone\udc00"}))
    (desk2 / "b" / "bad.json").write_text("{")
    for fmt in ("json", "html", "markdown", "sarif", "github", "rich"):
        with time_limit(10):
            code = main(["check", "b", "--no-cache", "--jobs", "1", "--format", fmt])
        captured = capsys.readouterr()
        assert code == 2 and "Traceback" not in captured.err, (fmt, captured.err[-500:])
        captured.out.encode("utf-8")  # strict: no surrogate reached the output
        assert "lone" in captured.out, fmt  # its id, in the finding
        if fmt == "json":
            sides = [c for f in json.loads(captured.out)["conflicts"] for c in f["claims"]]
            assert any("storm \ufffd closed" in c["sentence"] for c in sides), sides


def test_html_with_a_crowded_tag_is_read_in_seconds(desk2, capsys):
    attributes = " ".join(f'data-a{i}="v{i}"' for i in range(200_000))  # > 120 s before
    (desk2 / "b" / "crowded.html").write_text(
        f"<html><body><article><p {attributes}>The harbour reopened on Tuesday after the "
        "storm, officials said, and ferries sailed again.</p></article></body></html>")
    (desk2 / "b" / "bad.json").write_text("{")
    with time_limit(10):
        code = main(["check", "b", "--no-cache", "--jobs", "1", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2 and "Traceback" not in captured.err
    doc = json.loads(captured.out)
    [page] = [a for a in doc["articles"] if a["id"] == "crowded"]
    assert page["error"] is None and page["claims"] >= 1  # "on Tuesday"
    found = [frozenset(c["article"] for c in f["claims"]) for f in doc["conflicts"]]
    assert frozenset({"good_a", "good_b"}) in found


# ── work bounded per article: every recognizer and the segmenter linear in the text ──────────

_NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twenty thirty hundred".split()
_PLAIN_WORDS = "house river blue table walks green under city paper slowly".split()
BOUNDED_PROBES = {  # name → a generated article that hung, or was quadratic, before
    "nostop": " ".join(_PLAIN_WORDS[i * 7 % 10] for i in range(100_000)),  # no full stop
    "numwords": " ".join(_NUMBER_WORDS[i % len(_NUMBER_WORDS)] for i in range(100_000)),
    "years_ago": "3 years ago " * 30_000,
    "km": " ".join(f"{i} km" for i in range(1, 50_001)),
    "between": "between 1 and 2 percent " * 8_333,
    "spaces": "a" + " " * 200_000 + "b",
    # the same run inside a sentence of prose, which segment reads for a source tag: 32 s before
    "spaced_prose": "A" + " " * 200_000 + "b. The storm killed 14 people in the town.",
    "lower_stops": "x. y. " * 50_000,  # every full stop read and passed over (quadratic)
    "long_word_stops": ("a" * 40 + ". ") * 10_000,
}


def _bounded_batch(tmp_path, name: str) -> str:
    d = tmp_path / "batch"
    d.mkdir()
    (d / "good_a.txt").write_text(GOOD_A, encoding="utf-8")
    (d / "good_b.txt").write_text(GOOD_B, encoding="utf-8")
    (d / f"{name}.txt").write_text("Updated: March 12, 2025\n\n" + BOUNDED_PROBES[name] + "\n",
                                   encoding="utf-8")
    return str(d)


@pytest.mark.parametrize("name", sorted(BOUNDED_PROBES))
def test_pathological_article_is_processed_or_skipped_in_seconds(tmp_path, capsys, name):
    """A 100,000-word sentence, a flood of figures or of full stops: the article is read, or
    named and skipped with its reason, in seconds; the good articles' finding is still there."""
    batch = _bounded_batch(tmp_path, name)
    with time_limit(10):
        code = main(["check", batch, "--no-cache", "--jobs", "1", "--format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    doc = json.loads(out)
    by_name = {os.path.basename(a["path"]): a for a in doc["articles"]}
    assert by_name["good_a.txt"]["error"] is None and by_name["good_b.txt"]["error"] is None
    assert any({c["article"] for c in f["claims"]} >= {"good_a", "good_b"}
               for f in doc["conflicts"] if f["kind"] == "quantity"), doc["conflicts"]
    probe = by_name[f"{name}.txt"]
    if probe["error"]:  # skipped: named, with its reason
        assert probe["error"].startswith("more than 2,000 claims") and f"{name}.txt" in err
        assert code == 2
    else:
        assert code in (0, 1)  # 1: the good articles' finding


_SYLLABLES = ("bral", "keth", "dun", "lor", "mip", "tav", "quen", "rusk", "sel", "zor", "fen",
              "gol", "hask", "jor", "nim", "pell", "vost", "wen", "yar", "cobb", "drel", "ith",
              "kom", "lusk", "marn", "oph", "prav", "sune", "tolk", "urd", "vex", "bost")  # 32,768


def _market_day(root, n: int, odd_at: int) -> None:
    """`n` tiny articles of one template, each naming three people of a chain of invented names:
    each article shares two with the next, so the batch is one story, and its `n` look-alike
    claims one fact, although every name is rare. All say 40 people came; four more articles
    name the cast of article `odd_at`, and one of them says 47."""
    cast = ["".join(p).capitalize() for p in itertools.islice(
        itertools.product(_SYLLABLES, repeat=3), n + 2)]
    root.mkdir()

    def write(name: str, first: str, second: str, third: str, figure: int) -> None:
        (root / name).write_text(
            f"Updated: April 3, 2025\n\nMarket Day Draws A Crowd\n\nAt the harvest market, {first} "
            f"thanked {second} and {third}, who said {figure} people came.\n",
            encoding="utf-8")

    for i in range(n):
        write(f"m{i:05d}.txt", *cast[i:i + 3], 40)
    for k in range(3):
        write(f"m{odd_at:05d}-{k}.txt", *cast[odd_at:odd_at + 3], 40)
    write(f"m{odd_at:05d}-odd.txt", *cast[odd_at:odd_at + 3], 47)


def _cpu_of_check(root, capsys) -> tuple[float, dict]:
    """The CPU one in-process check of `root` takes (every stage: --jobs 1), and its report."""
    start = time.process_time()
    code = main(["check", str(root), "--no-cache", "--jobs", "1", "--format", "json",
                 "--fail-on", "never"])
    cpu = time.process_time() - start
    captured = capsys.readouterr()
    assert code == 0 and "Traceback" not in captured.err, captured.err[-2000:]
    return cpu, json.loads(captured.out)


def test_thousands_of_tiny_articles_that_share_names_are_checked_in_linear_time(
        tmp_path, capsys, monkeypatch):
    """30,000 tiny articles that share names (issue 18: over 600 s) are one story and one fact
    of 30,000 look-alike claims. Every stage of the check must cost in proportion to the batch:
    four times the articles may take at most six times the CPU (a square would take sixteen).
    The odd figure is found, against its own cast's, and nothing else."""
    monkeypatch.chdir(tmp_path)  # no claims.yaml of the working directory
    _market_day(tmp_path / "warm", 50, 25)
    _market_day(tmp_path / "small", 1000, 500)
    _market_day(tmp_path / "big", 4000, 2000)
    with time_limit(30):
        _cpu_of_check(tmp_path / "warm", capsys)  # imports and rule files, read once
        small, report_small = _cpu_of_check(tmp_path / "small", capsys)
        big, report = _cpu_of_check(tmp_path / "big", capsys)
    assert big < 6 * small, (small, big)
    for got, n, odd in ((report_small, 1004, "m00500-odd"), (report, 4004, "m02000-odd")):
        assert got["summary"]["articles"] == n and got["summary"]["unreadable"] == 0
        [finding] = got["conflicts"]
        assert (finding["kind"], finding["severity"]) == ("quantity", "error")
        assert finding["consensus"]["value"] == "40 people"
        roles = Counter(c["role"] for c in finding["claims"])
        assert roles["outlier"] == 1 and roles["consensus"] >= 4, roles
        assert [c["article"] for c in finding["claims"] if c["role"] == "outlier"] == [odd]

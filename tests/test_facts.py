"""claims.yaml: a good book maps onto the records; every malformed book is refused with its line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.align import Aliases
from factcheck.compare import Settings
from factcheck.facts import (
    TEMPLATE, FactBook, FactBookError, Ignore, accept, fact_error, fact_line, init_factbook,
    load_factbook,
)

GOOD = """\
# the desk's book
facts:
  - text: The Harbour Bridge opened to traffic in May 1998.
    as_of: 2024-06-19
    source: City archive
    id: bridge
  - text: "The ferry service carried 1.2 million passengers last year."
    as_of: '2023-01-05'
  - The lighthouse has stood for 140 years.
aliases:
  Harbour Bridge: [the bridge, HB]
  Ruritania: Ruritanian Republic
tolerance:
  percent: 0.5
  year: 0
  relative: 0.02
ignore:
  - fingerprint: 3f2a9c1e   # a comment
    reason: headline style rounds
  - fingerprint: 12345678
    reason: counted twice by wire
  - {fingerprint: 1e234567, reason: "float-looking"}
  - fingerprint: ABCDEF01
    reason: upper case
severity:
  quote: warning
  update: info
"""


def write(tmp_path: Path, text: str, name: str = "claims.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_book(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    book = load_factbook(path)
    assert isinstance(book, FactBook)
    assert book.path == str(path)
    assert [d.id for d in book.facts] == ["bridge", "fact-2", "fact-3"]
    bridge, ferry, light = book.facts
    assert bridge.text == "The Harbour Bridge opened to traffic in May 1998."
    assert bridge.published == date(2024, 6, 19) and bridge.published_from == "metadata"
    assert bridge.source_label == "City archive" and bridge.trusted and bridge.path == str(path)
    assert bridge.title is None
    assert ferry.published == date(2023, 1, 5) and ferry.source_label == "claims.yaml"
    assert light.published is None and light.published_from is None and light.trusted
    assert book.fact_lines == (3, 7, 9)
    assert fact_line(book, "fact-2") == 7
    err = fact_error(book, "fact-3", "no claim found in this fact")
    assert (err.line, str(err)) == (9, f"{path}:9: no claim found in this fact")
    assert book.aliases == {"Harbour Bridge": ("the bridge", "HB"),
                            "Ruritania": ("Ruritanian Republic",)}
    assert Aliases(book.aliases).canonical["hb"] == "harbour bridge"
    assert book.settings == Settings(tolerance={"percent": 0.5, "year": 0.0},
                                     relative_tolerance=0.02,
                                     severity={"quote": "warning", "update": "info"})
    assert book.ignore == (
        Ignore("3f2a9c1e", "headline style rounds", 18),
        Ignore("12345678", "counted twice by wire", 20),
        Ignore("1e234567", "float-looking", 22),
        Ignore("abcdef01", "upper case", 23),
    )
    assert book.accepted("3F2A9C1E") == "headline style rounds"
    assert book.accepted("00000000") is None


@pytest.mark.parametrize("text", ["", "# only a comment\n", "facts:\naliases:\nignore:\n", "~\n"])
def test_empty_books(tmp_path: Path, text: str) -> None:
    book = load_factbook(write(tmp_path, text))
    assert book.facts == () and book.ignore == () and dict(book.aliases) == {}
    assert book.settings == Settings()


BAD = [
    # (name, file text, line, a piece of the reason)
    ("tab indent", "facts:\n\t- text: x\n", 2, "tab character in indentation"),
    ("tab in mapping", "facts:\n  - text: x\n\t  as_of: 2024-01-01\n", 3, "tab character"),
    ("unknown top key", "facts: []\ntolerence:\n  percent: 1\n", 2,
     "unknown key 'tolerence' (expected one of facts, aliases, tolerance, ignore, severity)"),
    ("unknown fact key", "facts:\n  - text: x\n    asof: 2024-01-01\n", 3,
     "unknown key 'asof' (expected one of text, as_of, source, id)"),
    ("impossible date", "facts:\n  - text: The pier opened in 1990.\n    as_of: 2024-02-30\n", 3,
     "there is no date 2024-02-30"),
    ("impossible quoted date", "facts:\n  - text: a\n    as_of: '2023-13-01'\n", 3,
     "there is no date 2023-13-01"),
    ("date in words", "facts:\n  - text: a\n    as_of: June 2024\n", 3, "date like 2024-06-19"),
    ("date as number", "facts:\n  - text: a\n    as_of: 2024\n", 3, "found a number"),
    ("duplicate id", "facts:\n  - text: a\n    id: x\n  - text: b\n    id: x\n", 5,
     "duplicate fact id 'x' (first on line 3)"),
    ("id clashes with auto id", "facts:\n  - text: a\n  - text: b\n    id: fact-1\n", 4,
     "duplicate fact id 'fact-1'"),
    ("facts not a list", "facts:\n  text: a\n", 2, "facts should be a list"),
    ("fact text a list", "facts:\n  - text: [a, b]\n", 2, "text should be text (found a list)"),
    ("empty fact text", "facts:\n  - text: '   '\n", 2, "text is empty"),
    ("fact without text", "facts:\n  - source: wire\n", 2, "has no text"),
    ("tolerance a word", "tolerance:\n  percent: half\n", 2, "should be a number (found text)"),
    ("tolerance a bool", "tolerance:\n  percent: yes\n", 2, "(found true/false)"),
    ("tolerance negative", "tolerance:\n  percent: 1\n  year: -1\n", 3, "cannot be negative"),
    ("tolerance infinite", "tolerance:\n  percent: .inf\n", 2, "finite"),
    ("relative as percent", "tolerance:\n  relative: 2\n", 2, "fraction between 0 and 1"),
    ("tolerance a list", "tolerance: [1, 2]\n", 1, "tolerance should be a mapping"),
    ("missing reason", "ignore:\n  - fingerprint: 3f2a9c1e\n", 2, "has no reason"),
    ("empty reason", "ignore:\n  - fingerprint: 3f2a9c1e\n    reason:\n", 3, "reason is empty"),
    ("short fingerprint", "ignore:\n  - fingerprint: 3f2a9c1\n    reason: x\n", 2,
     "8 hex digits"),
    ("fingerprint not hex", "ignore:\n  - fingerprint: 3f2a9c1g\n    reason: x\n", 2,
     "8 hex digits"),
    ("missing fingerprint", "ignore:\n  - reason: x\n", 2, "has no fingerprint"),
    ("duplicate fingerprint",
     "ignore:\n  - fingerprint: 3f2a9c1e\n    reason: x\n  - {fingerprint: 3F2A9C1E, reason: y}\n",
     4, "already accepted on line 2"),
    ("ignore not a list", "ignore: 3f2a9c1e\n", 1, "ignore should be a list"),
    ("severity level", "severity:\n  quote: fatal\n", 2, "one of error, warning, info"),
    ("severity kind", "severity:\n  quotes: error\n", 2, "unknown key 'quotes'"),
    ("alias in two groups", "aliases:\n  Ruritania: [RR]\n  Elbonia: [RR]\n", 3,
     "already in the group 'Ruritania'"),
    ("alias a mapping", "aliases:\n  Ruritania: {a: b}\n", 2, "should be a list"),
    ("duplicate key", "facts: []\naliases: {}\nfacts: []\n", 3,
     "duplicate key 'facts' (first on line 1)"),
    ("not a mapping", "- a\n- b\n", 1, "should be a mapping"),
    ("python object tag", "facts:\n  - text: !!python/object/apply:os.system ['true']\n", 2,
     "tag '!!python/object/apply:os.system' is not allowed"),
    ("python object root", "!!python/object:collections.OrderedDict {}\n", 1, "is not allowed"),
    ("custom tag", "facts:\n  - text: !secret a\n", 2, "tag '!secret' is not allowed"),
    ("merge key", "tolerance:\n  <<: {percent: 1}\n", 2, "merge keys"),
    ("unclosed flow list", "facts: [\n  - text: x\n", 2, "not valid YAML"),
    ("bad indentation", "facts:\n  - text: a\n   as_of: 2024-01-01\n", 3, "not valid YAML"),
    ("two documents", "facts: []\n---\nfacts: []\n", 2, "more than one YAML document"),
    ("control character", "facts: []\n\x01\n", 2, "control character U+0001"),
]


@pytest.mark.parametrize("name,text,line,reason", BAD, ids=[b[0] for b in BAD])
def test_malformed_books_are_refused(tmp_path: Path, name: str, text: str, line: int,
                                     reason: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FactBookError) as info:
        load_factbook(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line
    assert reason in err.reason
    assert "\n" not in str(err) and "\n" not in err.reason
    assert str(err) == f"{path}:{line}: {err.reason}"


def test_error_message_shape(tmp_path: Path) -> None:
    path = write(tmp_path, "# desk rules\n" * 11 + "tolerence: {}\n")
    with pytest.raises(FactBookError) as info:
        load_factbook(path)
    assert str(info.value) == (f"{path}:12: unknown key 'tolerence' (expected one of facts, "
                               f"aliases, tolerance, ignore, severity)")


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(FactBookError) as info:
        load_factbook(tmp_path / "missing.yaml")
    assert info.value.line is None and "not found" in info.value.reason
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"facts:\n  - text: caf\xe9\n")
    with pytest.raises(FactBookError) as info:
        load_factbook(path)
    assert info.value.line == 2 and "UTF-8" in info.value.reason


def test_bom_and_crlf_are_read(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"\xef\xbb\xbffacts:\r\n  - text: The pier opened in 1990.\r\n")
    book = load_factbook(path)
    assert [d.text for d in book.facts] == ["The pier opened in 1990."]


def test_aliases_are_not_expanded_exponentially(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]")
    path = write(tmp_path, "aliases:\n" + "".join(f"  {ln}\n" for ln in lines))
    with pytest.raises(FactBookError):  # refused quickly: a list of lists is not a name
        load_factbook(path)


# ── init ─────────────────────────────────────────────────────────────────────────────────────


def test_init_writes_a_loadable_commented_template(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    init_factbook(path)
    text = path.read_text(encoding="utf-8")
    assert text == TEMPLATE
    for key in ("facts:", "aliases:", "tolerance:", "severity:", "ignore:", "# - fingerprint:"):
        assert key in text
    book = load_factbook(path)
    assert book.facts == () and book.ignore == () and book.settings == Settings()


def test_template_examples_are_valid_when_uncommented(tmp_path: Path) -> None:
    text = "\n".join(line.replace("# ", "", 1) if line.startswith("  # ") else line
                     for line in TEMPLATE.splitlines())
    book = load_factbook(write(tmp_path, text))
    assert [d.id for d in book.facts] == ["bridge-opening"]
    assert book.settings.relative_tolerance == 0.02 and book.settings.severity == {
        "quote": "warning"}
    assert [i.fingerprint for i in book.ignore] == ["3f2a9c1e"]


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    path = write(tmp_path, "facts: []  # mine\n")
    with pytest.raises(FileExistsError):
        init_factbook(path)
    assert path.read_text(encoding="utf-8") == "facts: []  # mine\n"


# ── accept ───────────────────────────────────────────────────────────────────────────────────


def test_accept_keeps_comments_and_order_and_is_idempotent(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    added = accept(path, ["ABCDEF02", "3f2a9c1e", "abcdef02"], "wire copy rounds up")
    assert added == ["abcdef02"]  # 3f2a9c1e is already there; duplicates in the call once
    text = path.read_text(encoding="utf-8")
    assert text.startswith(GOOD.split("severity:")[0])  # everything before is untouched
    assert "  - fingerprint: 3f2a9c1e   # a comment\n" in text
    assert text.endswith('  - fingerprint: abcdef02\n    reason: "wire copy rounds up"\n'
                         "severity:\n  quote: warning\n  update: info\n")
    assert accept(path, ["abcdef02", "3F2A9C1E"], "again") == []
    assert path.read_text(encoding="utf-8") == text
    book = load_factbook(path)
    assert [i.fingerprint for i in book.ignore] == [
        "3f2a9c1e", "12345678", "1e234567", "abcdef01", "abcdef02"]
    assert book.ignore[-1] == Ignore("abcdef02", "wire copy rounds up", 25)
    assert len(book.facts) == 3


def test_accept_into_the_template_keeps_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    init_factbook(path)
    assert accept(path, ["0badf00d", "deadbeef"], 'the "official" figure') == [
        "0badf00d", "deadbeef"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(TEMPLATE)  # the template ends with the ignore section's comments
    assert text[len(TEMPLATE):] == ('  - fingerprint: 0badf00d\n'
                                    '    reason: "the \\"official\\" figure"\n'
                                    '  - fingerprint: deadbeef\n'
                                    '    reason: "the \\"official\\" figure"\n')
    book = load_factbook(path)
    assert [(i.fingerprint, i.reason) for i in book.ignore] == [
        ("0badf00d", 'the "official" figure'), ("deadbeef", 'the "official" figure')]


LAYOUTS = [
    # (file before, file after accepting 0badf00d with reason "ok")
    ("facts: []\n", 'facts: []\n\nignore:\n  - fingerprint: 0badf00d\n    reason: "ok"\n'),
    ("facts: []", 'facts: []\n\nignore:\n  - fingerprint: 0badf00d\n    reason: "ok"\n'),
    ("# just a comment\n",
     '# just a comment\n\nignore:\n  - fingerprint: 0badf00d\n    reason: "ok"\n'),
    ("ignore: []  # none yet\nfacts: []\n",
     'ignore: [{fingerprint: 0badf00d, reason: "ok"}]  # none yet\nfacts: []\n'),
    ("ignore: [{fingerprint: 3f2a9c1e, reason: x}]\n",
     'ignore: [{fingerprint: 3f2a9c1e, reason: x}, {fingerprint: 0badf00d, reason: "ok"}]\n'),
    ("ignore:\nseverity: {quote: info}\n",
     'ignore:\n  - fingerprint: 0badf00d\n    reason: "ok"\nseverity: {quote: info}\n'),
    ("ignore:  # accepted\n  # - fingerprint: 12345678\n\n# next\nfacts: []\n",
     'ignore:  # accepted\n  # - fingerprint: 12345678\n  - fingerprint: 0badf00d\n'
     '    reason: "ok"\n\n# next\nfacts: []\n'),
    ("ignore:\n- fingerprint: 3f2a9c1e\n  reason: |\n    two\n    lines\n\n# end\n",
     'ignore:\n- fingerprint: 3f2a9c1e\n  reason: |\n    two\n    lines\n'
     '- fingerprint: 0badf00d\n  reason: "ok"\n\n# end\n'),
    ("ignore:\n    - fingerprint: 3f2a9c1e\n      reason: x",
     'ignore:\n    - fingerprint: 3f2a9c1e\n      reason: x\n'
     '    - fingerprint: 0badf00d\n      reason: "ok"\n'),
    (" facts: []\n", ' facts: []\n\n ignore:\n   - fingerprint: 0badf00d\n     reason: "ok"\n'),
    ("{facts: []}", '{facts: [], ignore: [{fingerprint: 0badf00d, reason: "ok"}]}'),
]


@pytest.mark.parametrize("before,after", LAYOUTS)
def test_accept_layouts(tmp_path: Path, before: str, after: str) -> None:
    path = write(tmp_path, before)
    assert accept(path, ["0badf00d"], "ok") == ["0badf00d"]
    assert path.read_text(encoding="utf-8") == after
    assert load_factbook(path).accepted("0badf00d") == "ok"


def test_accept_keeps_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"\xef\xbb\xbfignore:\r\n  - fingerprint: 3f2a9c1e\r\n    reason: x\r\n")
    accept(path, ["0badf00d"], "ok")
    assert path.read_bytes() == (b"\xef\xbb\xbfignore:\r\n  - fingerprint: 3f2a9c1e\r\n"
                                 b"    reason: x\r\n  - fingerprint: 0badf00d\r\n"
                                 b'    reason: "ok"\r\n')


def test_accept_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    assert accept(path, ["0badf00d"], "  spaced \n out  ") == ["0badf00d"]
    assert path.read_text(encoding="utf-8") == (
        'ignore:\n  - fingerprint: 0badf00d\n    reason: "spaced out"\n')


@pytest.mark.parametrize("reason", ['quote "x" \\ back', "tab\there", "café – naïve",
                                    "a: b # not a comment", "\u2028sep", "nul\x00byte", "'"])
def test_accept_reasons_round_trip(tmp_path: Path, reason: str) -> None:
    path = tmp_path / "claims.yaml"
    accept(path, ["0badf00d"], reason)
    assert load_factbook(path).accepted("0badf00d") == " ".join(reason.split())


def test_accept_refuses_bad_input(tmp_path: Path) -> None:
    path = write(tmp_path, "facts: []\n")
    with pytest.raises(ValueError):
        accept(path, ["0badf00d"], "   ")
    with pytest.raises(ValueError):
        accept(path, ["not-a-fp"], "ok")
    assert path.read_text(encoding="utf-8") == "facts: []\n"
    broken = write(tmp_path, "facts:\n\t- text: x\n", "broken.yaml")
    with pytest.raises(FactBookError) as info:
        accept(broken, ["0badf00d"], "ok")
    assert info.value.line == 2
    assert broken.read_text(encoding="utf-8") == "facts:\n\t- text: x\n"

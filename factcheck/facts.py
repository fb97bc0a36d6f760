"""claims.yaml, the desk's fact book: verified facts, aliases, tolerances, accepted findings.

The file is written by hand by editors, so it is read strictly: every mistake (a typo in a key,
an impossible date, a tab, a duplicate) is refused with its line and one line saying what is
wrong, because a rule that is silently skipped is worse than no rule. YAML is composed with the
safe loader and walked node by node (no object tags, line numbers for every message). `accept`
edits the file as text, so the desk's comments and layout survive a CI acceptance.
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Mapping, Optional, Union

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factcheck.compare import Settings
from factcheck.yaml_bounds import alias_copies
from factcheck.model import Document

TOP_KEYS = ("facts", "aliases", "tolerance", "ignore", "severity")
FACT_KEYS = ("text", "as_of", "source", "id")
IGNORE_KEYS = ("fingerprint", "reason")
FINDING_KINDS = ("quantity", "date", "ordinal", "quote", "attribution", "fact", "update")
SEVERITY_LEVELS = ("error", "warning", "info")

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp",
                                             "seq", "map"))
_FINGERPRINT = re.compile(r"[0-9a-fA-F]{8}")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_INDENTED_COMMENT = re.compile(r"([ \t]*)#")
_constructor = SafeConstructor()
MAX_DEPTH = 64  # a fact book is four levels deep; YAML nested deeper is refused, not recursed
MAX_ALIAS_NODES = 10_000  # nodes that aliases may add when expanded (a bomb adds billions)
EXCERPT = 60  # characters of a value echoed in a message
MAX_BYTES = 8 * 2**20  # a desk's fact book is kilobytes; reading 8 MB takes about 90 s

PathLike = Union[str, Path]


# ── records ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Ignore:
    """An accepted finding: stays in the report, never fails the run."""

    fingerprint: str  # 8 lowercase hex digits
    reason: str
    line: int  # where the entry starts in claims.yaml, for "stale entry" notes


@dataclass(frozen=True)
class FactBook:
    facts: tuple[Document, ...] = ()
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    ignore: tuple[Ignore, ...] = ()
    path: str = ""
    fact_lines: tuple[int, ...] = ()  # parallel to `facts`: the line of each fact's entry

    @cached_property
    def _lines(self) -> dict[str, int]:
        """Fact id → line, built once (a lookup per fact must not scan every fact)."""
        lines: dict[str, int] = {}
        for doc, line in zip(self.facts, self.fact_lines):
            lines.setdefault(doc.id, line)
        return lines

    def line_of(self, fact_id: str) -> Optional[int]:
        return self._lines.get(fact_id)

    def accepted(self, fingerprint: str) -> Optional[str]:
        """The reason a finding was accepted, or None."""
        fingerprint = fingerprint.lower()
        for entry in self.ignore:
            if entry.fingerprint == fingerprint:
                return entry.reason
        return None


class FactBookError(Exception):
    """claims.yaml is malformed; the CLI exits 2 with `str(error)`."""

    def __init__(self, path: PathLike, line: Optional[int], reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = " ".join(reason.split())  # always one line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.reason}"
        return f"{self.path}:{self.line}: {self.reason}"


def fact_line(book: FactBook, fact_id: str) -> int:
    """The line of a fact's entry (KeyError if the book has no such fact)."""
    line = book.line_of(fact_id)
    if line is None:
        raise KeyError(fact_id)
    return line


def fact_error(book: FactBook, fact_id: str, reason: str) -> FactBookError:
    """An error pointing at a fact's entry, e.g. for a fact in which no claim was found."""
    return FactBookError(book.path, book.line_of(fact_id), reason)


# ── reading ──────────────────────────────────────────────────────────────────────────────────


def _read_text(path: Path) -> tuple[str, bool]:
    """The file's text (newlines as written) and whether it began with a byte-order mark."""
    try:
        st = path.stat()
        size = st.st_size
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block the run for ever
            raise FactBookError(path, None, "is not a regular file (a FIFO, socket or device)")
        if size > MAX_BYTES:
            raise FactBookError(path, None, f"is {size / 2**20:.1f} MB; a fact book over "
                                            f"{MAX_BYTES // 2**20} MB is refused (split it or "
                                            f"keep the facts a desk checks against)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FactBookError(path, None, "file not found") from None
    except IsADirectoryError:
        raise FactBookError(path, None, "is a folder, not a file") from None
    except OSError as exc:
        raise FactBookError(path, None, f"cannot read: {exc.strerror or exc}") from None
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FactBookError(path, line, "not UTF-8 text; save the file as UTF-8") from None
    return text, bom


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A value as echoed in a message: one line, at most `limit` characters."""
    s = " ".join(str(value).split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing nesting deeper than MAX_DEPTH before it recurses into it
    (PyYAML composes recursively: 500 levels exhaust Python's stack)."""

    _depth = 0

    def compose_node(self, parent: Optional[Node], index: object) -> Optional[Node]:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _compose(text: str, path: PathLike) -> Optional[Node]:
    try:
        return yaml.compose(text, Loader=_BoundedLoader)
    except RecursionError:
        raise FactBookError(path, None, "not valid YAML: nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise FactBookError(path, line, _yaml_reason(exc)) from None
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        line = text[: exc.position].count("\n") + 1
        char = exc.character
        if not isinstance(char, int):
            char = ord(str(char)[:1] or "?")
        raise FactBookError(path, line, f"control character U+{char:04X} is not allowed") from None
    except yaml.YAMLError as exc:
        raise FactBookError(path, None, f"not valid YAML: {exc}") from None


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if "'\\t'" in problem or "\t" in problem:
        return "tab character in indentation; indent with spaces"
    if "expected a single document" in (exc.context or ""):
        return "more than one YAML document (---); put everything in one"
    reason = problem
    if exc.context and exc.context not in problem:
        reason = f"{problem} ({exc.context})"
    return f"not valid YAML: {reason}"


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


def _check_tags(root: Node, path: PathLike) -> None:
    """Refuse object tags (`!!python/object`), custom tags and merge keys anywhere in the file,
    and aliases that would expand the file past MAX_ALIAS_NODES nodes (an alias bomb)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases share nodes: visit each once (no billion laughs)
            continue
        seen.add(id(node))
        if node.tag == _STD + "merge":
            raise FactBookError(path, _line(node), "merge keys (<<) are not supported")
        if node.tag not in _ALLOWED_TAGS:
            raise FactBookError(path, _line(node), f"tag '{_short_tag(node.tag)}' is not allowed")
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    if alias_copies(root) > MAX_ALIAS_NODES:
        raise FactBookError(path, None, f"aliases (*name) expand to more than "
                                        f"{MAX_ALIAS_NODES:,} extra values; write the values out")


def _found(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    kind = node.tag[len(_STD):] if node.tag.startswith(_STD) else "a value"
    return {"null": "nothing", "int": "a number", "float": "a number", "bool": "true/false",
            "timestamp": "a date", "str": "text"}.get(kind, kind)


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _STD + "null"


class _Reader:
    """Walks the composed tree, turning every departure from the schema into a FactBookError."""

    def __init__(self, path: PathLike) -> None:
        self.path = path

    def fail(self, node: Optional[Node], reason: str) -> FactBookError:
        return FactBookError(self.path, _line(node) if node is not None else None, reason)

    def mapping(self, node: Node, what: str, allowed: Optional[tuple[str, ...]] = None,
                example: str = "") -> list[tuple[str, Node, Node]]:
        """(key, key node, value node) of a block or flow mapping with unique text keys."""
        if not isinstance(node, MappingNode):
            hint = f", e.g. {example}" if example else ""
            raise self.fail(node, f"{what} should be a mapping{hint} (found {_found(node)})")
        out: list[tuple[str, Node, Node]] = []
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or _is_null(key_node):
                raise self.fail(key_node, f"{what}: a key must be a plain name")
            key = key_node.value
            if allowed is not None and key not in allowed:
                raise self.fail(key_node, f"unknown key '{excerpt(key)}' (expected one of "
                                          f"{', '.join(allowed)})")
            if key in first:
                raise self.fail(key_node, f"duplicate key '{excerpt(key)}' (first on line {first[key]})")
            first[key] = _line(key_node)
            out.append((key, key_node, value_node))
        return out

    def items(self, node: Node, what: str, example: str) -> list[Node]:
        if _is_null(node):  # `facts:` with only commented examples under it
            return []
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} should be a list, e.g. {example} (found {_found(node)})")
        return list(node.value)

    def text(self, node: Node, what: str) -> str:
        if not isinstance(node, ScalarNode) or node.tag != _STD + "str":
            raise self.fail(node, f"{what} should be text (found {_found(node)})")
        return node.value

    def name(self, node: Node, what: str) -> str:
        """A name as written: `2024` or `yes` stay the text the editor typed."""
        if not isinstance(node, ScalarNode) or _is_null(node):
            raise self.fail(node, f"{what} should be a name (found {_found(node)})")
        value = " ".join(node.value.split())
        if not value:
            raise self.fail(node, f"{what} is empty")
        return value

    def number(self, node: Node, what: str) -> float:
        if not isinstance(node, ScalarNode) or node.tag not in (_STD + "int", _STD + "float"):
            raise self.fail(node, f"{what} should be a number (found {_found(node)})")
        try:
            value = float(_constructor.construct_object(node))
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            raise self.fail(node, f"{what} should be a number, not '{excerpt(node.value)}'") from None
        if not math.isfinite(value):
            raise self.fail(node, f"{what} should be a finite number")
        return value

    def day(self, node: Node, what: str) -> date:
        if not isinstance(node, ScalarNode) or node.tag not in (_STD + "timestamp", _STD + "str"):
            raise self.fail(node, f"{what} should be a date like 2024-06-19 (found {_found(node)})")
        raw = node.value.strip()
        match = _ISO_DATE.fullmatch(raw)
        if match is None:
            raise self.fail(node, f"{what} should be a date like 2024-06-19, not '{excerpt(raw)}'")
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise self.fail(node, f"{what}: there is no date {excerpt(raw)}") from None


# ── the schema ───────────────────────────────────────────────────────────────────────────────


def load_factbook(path: PathLike) -> FactBook:
    """The fact book at `path`, or FactBookError naming the line and what is wrong."""
    text, _ = _read_text(Path(path))
    return _parse(text, str(path))


def _parse(text: str, path: str) -> FactBook:
    root = _compose(text, path)
    if root is None or _is_null(root):  # empty file, or only comments
        return FactBook(path=path)
    _check_tags(root, path)
    r = _Reader(path)
    sections = {key: value for key, _, value in
                r.mapping(root, "claims.yaml", TOP_KEYS, "facts: [...]")}
    facts, lines = _facts(r, sections.get("facts"), path)
    tolerance, relative = _tolerance(r, sections.get("tolerance"))
    return FactBook(
        facts=facts,
        aliases=_aliases(r, sections.get("aliases")),
        settings=Settings(tolerance=tolerance, relative_tolerance=relative,
                          severity=_severity(r, sections.get("severity"))),
        ignore=_ignores(r, sections.get("ignore")),
        path=path,
        fact_lines=lines,
    )


def _facts(r: _Reader, node: Optional[Node], path: str) -> tuple[tuple[Document, ...],
                                                                  tuple[int, ...]]:
    if node is None:
        return (), ()
    docs: list[Document] = []
    lines: list[int] = []
    id_lines: dict[str, int] = {}
    for n, item in enumerate(r.items(node, "facts", "[{text: ..., as_of: 2024-06-19}]"), 1):
        fields: dict[str, Node] = {}
        if isinstance(item, ScalarNode) and item.tag == _STD + "str":
            text_node: Optional[Node] = item  # shorthand: `- The bridge opened in 1998.`
        else:
            fields = {k: v for k, _, v in r.mapping(item, f"fact {n}", FACT_KEYS,
                                                     "{text: ..., as_of: 2024-06-19}")}
            text_node = fields.get("text")
        if text_node is None:
            raise r.fail(item, f"fact {n} has no text (add `text: <the fact as a sentence>`)")
        text = r.text(text_node, f"fact {n}: text").strip()
        if not text:
            raise r.fail(text_node, f"fact {n}: text is empty")
        as_of = r.day(fields["as_of"], f"fact {n}: as_of") if "as_of" in fields else None
        source = r.name(fields["source"], f"fact {n}: source") if "source" in fields else None
        if "id" in fields:
            fact_id = r.name(fields["id"], f"fact {n}: id")
            if "#" in fact_id:
                raise r.fail(fields["id"], f"fact {n}: id may not contain '#'")
        else:
            fact_id = f"fact-{n}"
        where = fields.get("id", item)
        if fact_id in id_lines:
            raise r.fail(where, f"duplicate fact id '{excerpt(fact_id)}' "
                                f"(first on line {id_lines[fact_id]})")
        id_lines[fact_id] = _line(where)
        docs.append(Document(
            id=fact_id, path=path, text=text, title=None, published=as_of,
            published_from="metadata" if as_of else None, trusted=True,
            source_label=source or "claims.yaml",
        ))
        lines.append(_line(item))
    return tuple(docs), tuple(lines)


def _aliases(r: _Reader, node: Optional[Node]) -> dict[str, tuple[str, ...]]:
    if node is None or _is_null(node):
        return {}
    out: dict[str, tuple[str, ...]] = {}
    owner: dict[str, tuple[str, int]] = {}  # lowercased name → (its group, line)
    for _, key_node, value_node in r.mapping(node, "aliases", None,
                                              "North Korea: [Pyongyang, DPRK]"):
        main = r.name(key_node, "alias group name")
        if isinstance(value_node, ScalarNode) and not _is_null(value_node):
            others = [value_node]  # `Sri Lanka: Ceylon` — one alias
        else:
            others = r.items(value_node, f"aliases of '{excerpt(main)}'", "[Pyongyang, DPRK]")
        names = [(main, key_node)] + [(r.name(o, f"an alias of '{excerpt(main)}'"), o) for o in others]
        group: list[str] = []
        for name, name_node in names:
            low = name.lower()
            if low in owner:
                first_group, first_line = owner[low]
                where = ("listed twice" if first_group == main else
                         f"already in the group '{excerpt(first_group)}'")
                raise r.fail(name_node, f"alias '{excerpt(name)}' is {where} (line {first_line})")
            owner[low] = (main, _line(name_node))
            if name_node is not key_node:
                group.append(name)
        out[main] = tuple(group)
    return out


def _tolerance(r: _Reader, node: Optional[Node]) -> tuple[dict[str, float], float]:
    if node is None or _is_null(node):
        return {}, 0.0
    absolute: dict[str, float] = {}
    relative = 0.0
    for key, key_node, value_node in r.mapping(node, "tolerance", None, "percent: 0.5"):
        if key == "relative":
            relative = r.number(value_node, "tolerance 'relative'")
            if not 0 <= relative < 1:
                raise r.fail(value_node, "tolerance 'relative' is a fraction between 0 and 1: "
                                         "0.02 lets figures differ by 2%")
            continue
        unit = r.name(key_node, "tolerance unit")
        value = r.number(value_node, f"tolerance '{excerpt(unit)}'")
        if value < 0:
            raise r.fail(value_node, f"tolerance '{excerpt(unit)}' cannot be negative")
        absolute[unit] = value
    return absolute, relative


def _severity(r: _Reader, node: Optional[Node]) -> dict[str, str]:
    if node is None or _is_null(node):
        return {}
    out: dict[str, str] = {}
    for kind, _, value_node in r.mapping(node, "severity", FINDING_KINDS, "quote: warning"):
        level = r.name(value_node, f"severity of '{kind}'")
        if level not in SEVERITY_LEVELS:
            raise r.fail(value_node, f"severity of '{kind}' should be one of "
                                     f"{', '.join(SEVERITY_LEVELS)}, not '{excerpt(level)}'")
        out[kind] = level
    return out


def _ignores(r: _Reader, node: Optional[Node]) -> tuple[Ignore, ...]:
    if node is None:
        return ()
    out: list[Ignore] = []
    first: dict[str, int] = {}
    for n, item in enumerate(r.items(node, "ignore", "[{fingerprint: 3f2a9c1e, reason: ...}]"), 1):
        fields = {k: (kn, v) for k, kn, v in r.mapping(item, f"ignore entry {n}", IGNORE_KEYS,
                                                       "{fingerprint: 3f2a9c1e, reason: ...}")}
        if "fingerprint" not in fields:
            raise r.fail(item, f"ignore entry {n} has no fingerprint")
        fp_node = fields["fingerprint"][1]
        # 12345678 is an int and 1e234567 may be a float to YAML: read the digits as written
        if not isinstance(fp_node, ScalarNode) or fp_node.tag not in (
                _STD + "str", _STD + "int", _STD + "float") or not _FINGERPRINT.fullmatch(
                fp_node.value.strip()):
            shown = fp_node.value if isinstance(fp_node, ScalarNode) else _found(fp_node)
            raise r.fail(fp_node, f"ignore entry {n}: fingerprint should be 8 hex digits as "
                                  f"shown in the report, like 3f2a9c1e (found '{excerpt(shown)}')")
        fingerprint = fp_node.value.strip().lower()
        if "reason" not in fields:
            raise r.fail(item, f"ignore entry {n} ({fingerprint}) has no reason; say why the "
                               f"difference is accepted")
        reason_node = fields["reason"][1]
        reason = " ".join(r.name(reason_node, f"ignore entry {n}: reason").split()) \
            if not _is_null(reason_node) else ""
        if not reason:
            raise r.fail(reason_node, f"ignore entry {n} ({fingerprint}): reason is empty")
        if fingerprint in first:
            raise r.fail(fp_node, f"fingerprint {fingerprint} is already accepted on line "
                                  f"{first[fingerprint]}")
        first[fingerprint] = _line(item)
        out.append(Ignore(fingerprint=fingerprint, reason=reason, line=_line(item)))
    return tuple(out)


# ── writing ──────────────────────────────────────────────────────────────────────────────────

TEMPLATE = """\
# claims.yaml — the desk's fact book for factcheck.
#
# Facts are verified statements written as plain sentences. They are read like an article and
# outrank the articles: a story that disagrees with a fact is reported against it.
facts:
  # - text: The Harbour Bridge opened to traffic in May 1998.
  #   as_of: 2024-06-19          # the date relative words ("last year") are read against
  #   source: City archive       # shown in the report next to the fact
  #   id: bridge-opening         # optional; must be unique

# Names that mean the same thing, so claims about them line up.
aliases:
  # North Korea: [Pyongyang, DPRK, the North]

# How far two values may differ and still agree, by unit. `relative` is a fraction for large
# counts: 0.02 lets 10,000 and 10,150 agree.
tolerance:
  # percent: 0.5
  # year: 0
  # relative: 0.02

# How serious each kind of finding is: error, warning or info.
# Kinds: quantity, date, ordinal, quote, attribution, fact, update.
severity:
  # quote: warning

# Accepted differences, by the fingerprint shown in the report. They stay in the report but
# never fail the run. `factcheck accept FINGERPRINT --reason "..."` adds entries here.
ignore:
  # - fingerprint: 3f2a9c1e
  #   reason: headline style rounds
"""


def init_factbook(path: PathLike) -> None:
    """Write the commented starter fact book; never overwrite an existing file."""
    path = Path(path)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(TEMPLATE)
    except FileExistsError:
        raise FileExistsError(f"{path} already exists; not overwriting it") from None


def _quote(text: str) -> str:
    """A YAML double-quoted scalar that any YAML reader reads back as `text`."""
    out = ['"']
    for ch in text:
        cp = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\t")
        elif (cp < 0x20 or 0x7F <= cp < 0xA0 or cp in (0x2028, 0x2029)
              or 0xD800 <= cp < 0xE000 or cp in (0xFFFE, 0xFFFF)):
            out.append(f"\\u{cp:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _last_leaf(node: Node) -> Node:
    while isinstance(node, (MappingNode, SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node


def _line_end(text: str, index: int) -> int:
    """Index just past the line break of the line containing `index` (or len(text))."""
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def _insert(text: str, book_root: Optional[Node], new: list[tuple[str, str]], nl: str) -> str:
    """`text` with ignore entries for `new` added where a person would have written them."""
    ignore_key: Optional[Node] = None
    ignore_val: Optional[Node] = None
    if isinstance(book_root, MappingNode):
        for key_node, value_node in book_root.value:
            if isinstance(key_node, ScalarNode) and key_node.value == "ignore":
                ignore_key, ignore_val = key_node, value_node

    def block(indent: int) -> str:
        pad = " " * indent
        return "".join(f"{pad}- fingerprint: {fp}{nl}{pad}  reason: {_quote(reason)}{nl}"
                       for fp, reason in new)

    if ignore_key is None and isinstance(book_root, MappingNode) and book_root.flow_style:
        close = book_root.end_mark.index - 1  # {facts: [...]}: add `ignore: [...]` inside
        if text[close] != "}":
            raise ValueError("cannot find the end of the mapping")
        sep = ", " if book_root.value else ""
        flow = ", ".join(f"{{fingerprint: {fp}, reason: {_quote(reason)}}}" for fp, reason in new)
        return f"{text[:close]}{sep}ignore: [{flow}]{text[close:]}"
    if ignore_key is None or ignore_val is None:  # no ignore section yet: add one at the end
        if text and not text.endswith("\n"):
            text += nl
        sep = nl if text.strip() else ""
        col = book_root.start_mark.column if isinstance(book_root, MappingNode) else 0
        return f"{text}{sep}{' ' * col}ignore:{nl}{block(col + 2)}"

    if isinstance(ignore_val, SequenceNode) and ignore_val.flow_style:  # ignore: [...]
        close = ignore_val.end_mark.index - 1
        if text[close] != "]":
            raise ValueError("cannot find the end of the ignore list")
        sep = ", " if ignore_val.value else ""
        flow = ", ".join(f"{{fingerprint: {fp}, reason: {_quote(reason)}}}" for fp, reason in new)
        return text[:close] + sep + flow + text[close:]

    if isinstance(ignore_val, SequenceNode) and ignore_val.value:  # a block list: append
        dash = ignore_val.start_mark.column
        leaf = _last_leaf(ignore_val)
        end = leaf.end_mark.index
        at = end if leaf.end_mark.column == 0 else _line_end(text, end)
        while at > leaf.start_mark.index:  # a block scalar's end swallows trailing blank lines
            prev = text.rfind("\n", 0, at - 1) + 1
            if prev <= leaf.start_mark.index or text[prev:at].strip():
                break
            at = prev
        if at == len(text) and text and not text.endswith("\n"):
            text += nl
            at = len(text)
        return text[:at] + block(dash) + text[at:]

    # `ignore:` with nothing (or ~) after it, maybe commented examples below it
    key_col = ignore_key.start_mark.column
    if (isinstance(ignore_val, ScalarNode)
            and ignore_val.end_mark.index > ignore_val.start_mark.index
            and ignore_val.start_mark.line == ignore_key.start_mark.line):
        start, end = ignore_val.start_mark.index, ignore_val.end_mark.index
        text = text[:start] + text[end:]  # drop the explicit ~ / null
    at = _line_end(text, ignore_key.end_mark.index)
    if at == len(text) and not text.endswith("\n"):
        text += nl
        at = len(text)
    while at < len(text):  # keep the section's own commented lines above the new entries
        line_end = _line_end(text, at)
        m = _INDENTED_COMMENT.match(text, at)
        if m is None or len(m[1].expandtabs()) <= key_col:
            break
        at = line_end
        if at == len(text) and not text.endswith("\n"):
            text += nl
            at = len(text)
    return text[:at] + block(key_col + 2) + text[at:]


def accept(path: PathLike, fingerprints: list[str], reason: str) -> list[str]:
    """Add ignore entries for `fingerprints` to the fact book, keeping its comments and layout.

    Fingerprints already accepted are skipped; returns those added. Creates the file if missing.
    """
    path = Path(path)
    reason = " ".join(str(reason).split())
    if not reason:
        raise ValueError("a reason is required to accept a finding")
    wanted: list[str] = []
    for fp in fingerprints:
        fp = str(fp).strip().lower()
        if not _FINGERPRINT.fullmatch(fp):
            raise ValueError(f"'{excerpt(fp)}' is not a fingerprint (8 hex digits, like 3f2a9c1e)")
        if fp not in wanted:
            wanted.append(fp)

    if path.exists():
        text, bom = _read_text(path)
        book = _parse(text, str(path))  # refuse to touch a malformed file
    else:
        text, bom = "", False
        book = FactBook(path=str(path))
    have = {entry.fingerprint for entry in book.ignore}
    new = [fp for fp in wanted if fp not in have]
    if not new:
        return []

    nl = "\r\n" if "\r\n" in text else "\n"
    root = _compose(text, path)
    try:
        updated = _insert(text, root, [(fp, reason) for fp in new], nl)
        check = _parse(updated, str(path))
    except (FactBookError, ValueError, IndexError):
        raise FactBookError(path, None, "cannot add ignore entries to this file's layout; add "
                                        "them by hand under `ignore:`") from None
    if {e.fingerprint for e in check.ignore} != have | set(new):
        raise FactBookError(path, None, "cannot add ignore entries to this file's layout; add "
                                        "them by hand under `ignore:`")
    _write_atomic(path, updated, bom)
    return new


def _write_atomic(path: Path, text: str, bom: bool) -> None:
    from factcheck.report.output import write_atomic

    write_atomic(path, ("\ufeff" if bom else "") + text)


__all__ = [
    "FactBook", "FactBookError", "Ignore", "TEMPLATE", "accept", "fact_error", "fact_line",
    "init_factbook", "load_factbook",
]

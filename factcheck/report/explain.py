"""`factcheck explain`: why a finding was raised, why two claims were or were not taken for the
same fact, and the rulebook itself.

An editor who doubts a finding (or misses one) needs the reasons in the rules' own words: every
verdict names its rule, and each rule says why it exists (its docstring). Everything shown here
is built from `rich.text.Text` pieces, never from markup: article text stays literal.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Sequence

from rich.console import Console
from rich.text import Text

from factcheck import __version__
from factcheck.model import Claim, Conflict, Pair, Quote, Side, Verdict
from factcheck.report.check import conflict_dict, sentence_text, trace_dicts, verdict_text
from factcheck.report.safe import json_text, terminal
from factcheck.report.values import describe, value_to_dict

SCHEMA = "factcheck/explain@1"

# Verdicts written by code that is not (yet) a registered rule object: what they mean, so that
# every line of an explanation has its why.

_STAGE_STYLE = {"events": "blue", "align": "cyan", "compare": "magenta", "finding": "bold"}
_OUTCOME_STYLE = {"veto": "bold red", "against": "red", "conflict": "bold red", "update": "yellow",
                  "agree": "green", "score": "green", "for": "green", "skip": "dim",
                  "finding": "bold"}


class ExplainError(Exception):
    """What cannot be explained (an unknown finding, a place holding no claim or several),
    said in a few lines for the user, ending in exit 2."""

    def __init__(self, first: str, more: Sequence[str] = ()) -> None:
        super().__init__(first)
        self.lines = [first, *more]


# ── the rulebook ──────────────────────────────────────────────────────────────────────────────


def _register() -> Mapping[str, Any]:
    """Every registered rule (importing the stages registers them)."""
    import factcheck.align  # noqa: F401
    import factcheck.compare  # noqa: F401
    import factcheck.events  # noqa: F401 (registers the events rules)
    from factcheck.rulebook import REGISTER

    return REGISTER


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def summary(why: str) -> str:
    """A rule's why in one line: the first sentence of its docstring (the docstring's first
    line is wrapped mid-sentence)."""
    first = " ".join(why.strip().split("\n\n")[0].split())
    return _SENTENCE_END.split(first, 1)[0]


def rule_why(name: str) -> str:
    rule = _register().get(name)
    return rule.why if rule is not None else ""


def rule_stage(name: str) -> str:
    rule = _register().get(name)
    if rule is not None:
        return rule.stage
    return "align"


def rules_document() -> dict[str, Any]:
    """Every registered rule, for `factcheck explain --rules --format json`."""
    rules = [{"name": name, "stage": rule.stage, "summary": summary(rule.why), "why": rule.why,
              "params": dict(rule.params)} for name, rule in _register().items()]
    return {"schema": SCHEMA, "tool": {"name": "factcheck", "version": __version__},
            "rules": rules}


def _rules_used(verdicts: Iterable[Verdict]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for v in verdicts:
        if v.rule not in out:
            out[v.rule] = {"stage": rule_stage(v.rule), "summary": summary(rule_why(v.rule))}
    return out


def print_rules(console: Console) -> None:
    """The rulebook, stage by stage: name, why in one line, parameters."""
    register = _register()
    for stage in dict.fromkeys(r.stage for r in register.values()):
        console.print(Text(stage.upper(), style="bold"))
        for name, rule in register.items():
            if rule.stage != stage:
                continue
            line = Text("  ")
            line.append(name, style=_STAGE_STYLE.get(stage, "bold"))
            if rule.params:
                line.append("  " + ", ".join(f"{k}={v}" for k, v in rule.params.items()),
                            style="dim")
            console.print(line)
            console.print(Text("      " + summary(rule.why)))
        console.print()


# ── places: FILE:LINE, FILE:LINE:COLUMN, FILE:LINE:TEXT, claim ids ───────────────────────────


@dataclass(frozen=True)
class Place:
    """A claim named on the command line."""

    given: str
    file: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None
    words: Optional[str] = None
    claim_id: Optional[str] = None


_PLACE = re.compile(r"(?P<file>.+?):(?P<line>\d+)(?::(?P<rest>.*))?", re.DOTALL)
_CLAIM_ID = re.compile(r"[^\s#]+#\d+")
_QUOTES = "\"'“”‘’"


def parse_place(arg: str) -> Optional[Place]:
    """A place when `arg` reads as one: `FILE:LINE` with FILE an existing file (then an optional
    `:COLUMN` or `:TEXT`), or a claim id `ARTICLE#N`; None otherwise."""
    m = _PLACE.fullmatch(arg)
    if m and os.path.isfile(m.group("file")):
        rest = m.group("rest")
        column = int(rest) if rest and rest.isdigit() else None
        words = rest.strip().strip(_QUOTES).strip() if rest else None
        return Place(arg, m.group("file"), int(m.group("line")), column, words or None)
    if _CLAIM_ID.fullmatch(arg):
        return Place(arg, claim_id=arg)
    return None


def _lines_of(claim: Claim) -> range:
    return range(claim.line, claim.line + claim.text.count("\n") + 1)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _listed(claims: Iterable[Claim]) -> list[str]:
    return [f"  {c.path}:{c.line}:{c.column}  {c.id}  {c.kind}  {terminal(c.text, prose=True)!r}"
            for c in claims]


def resolve(place: Place, claims: Sequence[Claim]) -> Claim:
    """The one claim a place names, or ExplainError saying what it holds instead."""
    if place.claim_id is not None:
        for c in claims:
            if c.id == place.claim_id:
                return c
        article = place.claim_id.split("#")[0]
        held = [c.id for c in claims if c.article == article]
        if held:
            raise ExplainError(f"no claim {place.claim_id}: article {article} has "
                               f"{held[0]} to {held[-1]}")
        raise ExplainError(f"no claim {place.claim_id}: no article {article!r} among those read")
    assert place.file is not None and place.line is not None
    in_file = [c for c in claims if _same_file(c.path, place.file)]
    if not in_file:
        raise ExplainError(f"{place.file} is not among the articles read, or has no claim")
    here = [c for c in in_file if place.line in _lines_of(c)]
    if not here:
        nearest = sorted(in_file, key=lambda c: (abs(c.line - place.line), c.line, c.column))[:3]
        raise ExplainError(f"{place.given}: no claim on line {place.line}; the nearest:",
                           _listed(sorted(nearest, key=lambda c: (c.line, c.column))))
    at_column: list[Claim] = []
    if place.column is not None:
        at_column = [c for c in here if c.line == place.line and c.column == place.column] or [
            c for c in here if c.line == place.line
            and c.column <= place.column < c.column + len(c.text)]
    if at_column:
        here = at_column
    elif place.words is not None:  # also digits that are no claim's column: "…:1987"
        wanted = place.words.casefold()
        exact = [c for c in here if c.text.casefold() == wanted]
        here = exact or [c for c in here if wanted in c.text.casefold()]
    if len(here) == 1:
        return here[0]
    on_line = [c for c in in_file if place.line in _lines_of(c)]
    if not here:
        raise ExplainError(f"{place.given}: no claim there matches; line {place.line} holds:",
                           _listed(on_line))
    raise ExplainError(f"{place.given}: line {place.line} holds {len(here)} claims; say which "
                       f"with FILE:LINE:COLUMN, FILE:LINE:TEXT or a claim id:", _listed(here))


# ── a pair of claims ──────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class PairExplanation:
    """Why two claims were or were not lined up, and what compare says of their values (when
    they are not lined up: what it would say had they been)."""

    a: Claim
    b: Claim
    alignment: tuple[Verdict, ...]
    lined_up: bool
    comparison: tuple[Verdict, ...]
    answer: str


def _compare(a: Claim, b: Claim, alignment: Sequence[Verdict], settings: Any) -> tuple[Verdict, ...]:
    """What compare says of the pair; of a pair not lined up, only how the values relate."""
    from factcheck.compare import compare, grade_quotes, judge, loose_days

    lined_up = bool(alignment) and alignment[-1].outcome == "score"
    score = alignment[-1].weight if lined_up else 0.0
    if isinstance(a.value, Quote) and isinstance(b.value, Quote):
        found = compare([Pair(a, b, score, tuple(alignment))], settings)
        if found:
            return tuple(f.trace[-1] for f in found)
        diff = grade_quotes(a.value.quote, b.value.quote)
        return (Verdict("quote-grade", "agree", 0.0, diff.reason, (a.id, b.id)),)
    verdict = judge(a, b, settings)
    loose = loose_days(a, b, score, verdict) if lined_up else None
    return (verdict, loose) if loose else (verdict,)


def _answer(lined_up: bool, alignment: Sequence[Verdict], comparison: Sequence[Verdict]) -> str:
    said = {"agree": "they agree", "conflict": "they conflict", "update": "a later figure",
            "skip": "they are not compared"}
    if not lined_up:
        said = {"agree": "their values agree", "conflict": "their values conflict",
                "update": "the later value is an update", "skip": "their values cannot be compared"}
    last = comparison[-1] if comparison else None
    outcome = ""
    if last:
        # Every verdict of the deciding outcome: a quote may be both mangled and misattributed.
        deciding = [v for v in comparison if v.outcome == last.outcome]
        outcome = f"{said.get(last.outcome, last.outcome)} (" + "; ".join(
            f"{v.rule}: {v.reason}" for v in deciding) + ")"
    if lined_up:
        return "lined up as one fact" + (f"; {outcome}" if outcome else "")
    decisive = next((v for v in alignment if v.outcome in ("veto", "against")), alignment[-1])
    how = "veto " if decisive.outcome == "veto" else ""
    text = f"not lined up: {how}{decisive.rule}: {decisive.reason}"
    if last:
        text += f"; compared anyway, {outcome}"
    return text


def explain_claims(a: Claim, b: Claim, claims: Sequence[Claim],
                   aliases: Optional[Mapping[str, Iterable[str]]] = None,
                   settings: Any = None) -> PairExplanation:
    """Every alignment verdict on the two claims among the batch's `claims`, and the comparison
    of their values (also when they were not lined up, as long as they measure the same kind of
    thing and are not two quotes too unlike to be one)."""
    from factcheck.align import explain_pair
    from factcheck.compare import Settings

    settings = settings if settings is not None else Settings()
    alignment = tuple(explain_pair(a, b, claims, aliases))
    lined_up = bool(alignment) and alignment[-1].outcome == "score"
    comparable = not any(v.rule in ("family", "same-claim") and v.outcome == "veto"
                         for v in alignment) and (lined_up or a.kind != "quote")
    comparison = _compare(a, b, alignment, settings) if comparable else ()
    return PairExplanation(a, b, alignment, lined_up, comparison,
                           _answer(lined_up, alignment, comparison))


def _claim_dict(c: Claim) -> dict[str, Any]:
    out = {"id": c.id, "article": c.article, "path": c.path, "line": c.line, "column": c.column,
           "start": c.start, "end": c.end, "text": c.text, "kind": c.kind,
           "value": value_to_dict(c.value), "sentence": c.sentence, "section": c.role,
           "published": c.published.isoformat() if c.published else None}
    if c.trusted:
        out["source"] = c.source_label
    return out


def pair_document(ex: PairExplanation) -> dict[str, Any]:
    verdicts = ex.alignment + ex.comparison
    return {"schema": SCHEMA, "tool": {"name": "factcheck", "version": __version__},
            "pair": {"claims": [_claim_dict(ex.a), _claim_dict(ex.b)], "lined_up": ex.lined_up,
                     "trace": trace_dicts(ex.alignment),
                     "comparison": trace_dicts(ex.comparison), "answer": ex.answer},
            "rules": _rules_used(verdicts)}


def render_json(document: Mapping[str, Any]) -> str:
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


# ── terminal ──────────────────────────────────────────────────────────────────────────────────


def _claim_span(c: Claim) -> tuple[tuple[int, int], ...]:
    start, end = c.start - c.sentence_start, c.end - c.sentence_start
    return ((start, end),) if 0 <= start < end <= len(c.sentence) else ()


def _print_claim(console: Console, c: Claim, label: str, style: str = "bold yellow",
                 highlight: Sequence[tuple[int, int]] = ()) -> None:
    where = Text("  ")
    where.append(f"{label:<9} ", style=style)
    where.append(f"{terminal(c.id)} ", style="bold")
    where.append(f"{terminal(c.path)}:{c.line}:{c.column}", style="cyan")
    if c.role != "body":
        where.append(f" ({terminal(c.role)})", style="magenta")
    where.append(f"  {c.kind}: ")
    where.append(terminal(describe(c.value), prose=True), style="bold")
    if c.published:
        where.append(f"  published {c.published.isoformat()}", style="dim")
    if c.trusted and c.source_label:
        where.append(f" — {terminal(c.source_label)}", style="green")
    console.print(where)
    body = Text("      ")
    side = Side(c, label, tuple(highlight) or _claim_span(c))
    body.append_text(sentence_text(side, "reverse " + style.replace("bold ", "")))
    console.print(body)


def _quoted(text: str, limit: int = 48) -> str:
    """A claim's words for a heading: clipped, in quotes unless they carry their own."""
    text = terminal(text, prose=True)
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text if text[:1] in _QUOTES else f"“{text}”"


def _print_verdicts(console: Console, verdicts: Sequence[Verdict], shown: set[str],
                    indent: str = "    ") -> None:
    """One line per verdict; a rule's why under its first appearance."""
    for v in verdicts:
        stage = "finding" if v.outcome == "finding" else rule_stage(v.rule)
        line = Text(indent)
        line.append(f"{stage:<8}", style=_STAGE_STYLE.get(stage, ""))
        line.append(f"{v.rule:<24}", style="bold")
        shown_verdict = "pass" if v.outcome == "for" and not v.weight else verdict_text(v)
        line.append(f"{shown_verdict:<15} ", style=_OUTCOME_STYLE.get(v.outcome, ""))
        line.append(terminal(v.reason, prose=True))
        console.print(line)
        if v.rule not in shown:
            shown.add(v.rule)
            why = summary(rule_why(v.rule))
            if why:
                console.print(Text(f"{indent}{'':<8}  why: {why}", style="dim"))


def _groups(trace: Sequence[Verdict]) -> list[tuple[tuple[str, ...], list[Verdict]]]:
    """The trace cut into runs of verdicts on one pair (the finding's own verdict alone)."""
    out: list[tuple[tuple[str, ...], list[Verdict]]] = []
    for v in trace:
        key = tuple(sorted(v.claims))
        if out and out[-1][0] == key:
            out[-1][1].append(v)
        else:
            out.append((key, [v]))
    return out


def finding_document(c: Conflict) -> dict[str, Any]:
    return {"schema": SCHEMA, "tool": {"name": "factcheck", "version": __version__},
            "finding": conflict_dict(c), "rules": _rules_used(c.trace)}


def print_finding(console: Console, c: Conflict) -> None:
    """The finding, every side with its sentence, then its trace pair by pair."""
    head = Text()
    head.append(f"{c.id} ", style="bold")
    head.append(f"[{c.severity}] {c.kind}: ", style="bold")
    head.append(terminal(c.title or c.message, prose=True))
    head.append(f"  #{c.fingerprint}", style="dim")
    console.print(head)
    if c.title:  # the comparison's own words, which the trace below bears out
        console.print(Text(f"  {terminal(c.message, prose=True)}", style="dim"))
    if c.accepted is not None:
        console.print(Text(f"  accepted: {terminal(c.accepted)}", style="dim"))
    if c.consensus:
        line = Text("  consensus: ", style="dim")
        line.append(terminal(c.consensus.value, prose=True), style="green")
        line.append(f" ({c.consensus.support} claims)", style="dim")
        console.print(line)
    by_id: dict[str, Claim] = {}
    for side in c.sides:
        style = {"outlier": "bold red", "consensus": "bold green", "fact": "bold green"}.get(
            side.role, "bold yellow")
        _print_claim(console, side.claim, side.role, style, side.highlight)
        by_id[side.claim.id] = side.claim
    console.print()
    if not c.trace:
        console.print(Text("  no trace recorded for this finding", style="dim"))
        return
    console.print(Text("  why, pair by pair:", style="bold"))
    shown: set[str] = set()
    for ids, verdicts in _groups(c.trace):
        if ids:
            line = Text("  ")
            for i, cid in enumerate(ids):
                if i:
                    line.append("  and  ", style="dim")
                line.append(terminal(cid), style="bold")
                claim = by_id.get(cid)
                if claim is not None:
                    line.append(f" {terminal(claim.path)}:{claim.line}", style="cyan")
                    line.append(" " + _quoted(claim.text))
            console.print(line)
        else:
            console.print(Text("  the finding", style="bold"))
        _print_verdicts(console, verdicts, shown)


def print_pair(console: Console, ex: PairExplanation) -> None:
    """Both claims, every alignment verdict, the comparison, and the answer in one line."""
    _print_claim(console, ex.a, "claim")
    _print_claim(console, ex.b, "claim")
    console.print()
    shown: set[str] = set()
    console.print(Text("  same fact?", style="bold"))
    _print_verdicts(console, ex.alignment, shown)
    if ex.comparison:
        title = "compared:" if ex.lined_up else "compared anyway (they were not lined up):"
        console.print(Text(f"  {title}", style="bold"))
        _print_verdicts(console, ex.comparison, shown)
    console.print()
    style = "bold green" if ex.lined_up else "bold yellow"
    console.print(Text(terminal(ex.answer, prose=True), style=style))

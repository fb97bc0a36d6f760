"""Compare: decide which aligned claims disagree, how badly, and who the odd one out is.

Values are intervals, so "more than 30" and "32" agree and "nearly 24" and "24" agree; only
intervals that cannot overlap (after the tolerance a figure's rounding implies) conflict. A count
that grows from an earlier article to a later one is an update, not a conflict. Quotes that align
but differ are graded on their word diff: a flipped negation, an antonym, a changed number or name
is an error; case, punctuation, spelling and a shortened quote are nothing.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Iterable, Mapping, Optional, Sequence

from rapidfuzz import fuzz

from factcheck.rules import load as load_rules
from factcheck.model import (
    Claim, Conflict, Consensus, DateSpan, Duration, Ordinal, Pair, Quantity, Side, Verdict,
)
from factcheck.rulebook import Rule
from factcheck.report.values import describe, value_to_dict
from factcheck.compare import titles
from factcheck.words import stem

from factcheck.compare.rules import (  # noqa: F401 (the stage's public names)
    RELATIONS, NEWS_CYCLE, SEVERITY_RANK, Settings, calendar_overlap, implied_precision, judge,
    quantities_overlap, relation, running_counts, spans_overlap,
)

_PARAMS = load_rules("compare")
_RELATION_NAMES = frozenset(rule.name for rule in RELATIONS)
DATE_MIN_SCORE = float(_PARAMS["loose-days"]["min_score"])
MAX_QUOTE_CHANGES = int(_PARAMS["quote-grade"]["max_changes"])


# ── quotes ────────────────────────────────────────────────────────────────────────────────────

_QWORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class QuoteDiff:
    severity: Optional[str]  # None: the same quote
    reason: str
    changed_a: tuple[tuple[int, int], ...]  # spans in quote a that differ
    changed_b: tuple[tuple[int, int], ...]


@lru_cache(maxsize=4096)  # a quote is graded against each outlet that runs it
def _words(text: str) -> tuple[tuple[tuple[str, int, int], ...], tuple[str, ...]]:
    """The words of a quote with their offsets, and the same words normalized; a contraction
    is spelled out ("I'm" → "i am", both words at the contraction's place) so that an outlet
    that spells it out quotes the same words."""
    spelled = load_rules("wording")["contractions"]
    # rule quote-tidy: "6:00 p.m." is "6 p.m." (one character for one keeps the offsets), an
    # ordinal word is its figure ("eleventh" is "11th"), and words an outlet put in square
    # brackets ("[The police] have") are its own, never the speaker's.
    text = _ON_THE_HOUR.sub(lambda m: m.group(1) + "   ", text)
    text = _BRACKETED.sub(lambda m: " " * len(m.group(0)), text)
    words: list[tuple[str, int, int]] = []
    normal: list[str] = []
    for m in _QWORD.finditer(text):
        w = _norm_word(m.group(0))
        w = _ordinal_figures().get(w, w)
        for part in str(spelled.get(w, w)).split():
            words.append((m.group(0), m.start(), m.end()))
            normal.append(part)
    return tuple(words), tuple(normal)


_FIGURE = re.compile(r"[\d.,]*\d(?:st|nd|rd|th)?")  # "12", "1,500", "11th"
_ON_THE_HOUR = re.compile(r"\b(\d{1,2}):00\b")
_BRACKETED = re.compile(r"\[[^\[\]\n]{0,80}\]")


@lru_cache(maxsize=1)
def _ordinal_figures() -> dict[str, str]:
    """"eleventh" → "11th", from the ordinal words of rules/numbers.yaml."""
    def figure(n: int) -> str:
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return {str(w): figure(int(n)) for w, n in load_rules("numbers")["ordinals"].items()}


def _norm_word(w: str) -> str:
    return w.lower().replace("’", "'")


def _spelling_variant(x: str, y: str) -> bool:
    for a, b in load_rules("wording")["spelling"]:
        for s, t in ((a, b), (b, a)):
            if x.endswith(s) and y.endswith(t) and x[: -len(s)] == y[: -len(t)]:
                return True
            i = x.find(s)
            if i > 0 and x[:i] + t + x[i + len(s):] == y:
                return True
    return False


def _negation_of(x: str, y: str) -> bool:
    for p in load_rules("wording")["negating_prefixes"]:
        if (x == p + y or y == p + x) and len(min(x, y, key=len)) >= 3:
            return True
    return False


def _antonyms(x: str, y: str) -> bool:
    for a, b in load_rules("wording")["antonyms"]:
        if {x, y} == {str(a), str(b)}:
            return True
    return False


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _contiguous_in(short: Sequence[str], long: Sequence[str]) -> bool:
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def grade_quotes(a: str, b: str) -> QuoteDiff:
    """How two renderings of one quote differ, and whether an editor must look."""
    (wa, na), (wb, nb) = _words(a), _words(b)
    if na == nb:
        return QuoteDiff(None, "same words", (), ())
    wording = load_rules("wording")
    negations = frozenset(wording["negations"])
    shorter, longer = (na, nb) if len(na) <= len(nb) else (nb, na)
    if len(shorter) >= 3 and _contiguous_in(shorter, longer):
        return QuoteDiff(None, "shortened", (), ())  # the quote cut short at either end
    if _is_subsequence(shorter, longer) and not (set(longer) - set(shorter)) & negations:
        return QuoteDiff(None, "shortened", (), ())
    worst: Optional[str] = None
    reasons: list[str] = []
    changed_a: list[tuple[int, int]] = []
    changed_b: list[tuple[int, int]] = []

    def note(sev: str, why: str) -> None:
        nonlocal worst
        if worst is None or SEVERITY_RANK[sev] < SEVERITY_RANK[worst]:
            worst = sev
        reasons.append(why)

    function_words = frozenset(wording["function_words"])
    names_changed = 0
    negations_a = sum(w in negations for w in na)
    moved_negation = negations_a > 0 and negations_a == sum(w in negations for w in nb)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=na, b=nb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        xs, ys = na[i1:i2], nb[j1:j2]
        if (set(xs) | set(ys)) & negations:
            pass  # a negation added or dropped is always weighed
        elif max(len(xs), len(ys)) >= wording["passage_words"] and (
                op == "replace" or 0 < i1 and max(i1, i2) < len(na)):
            # rule passage-swapped: several words that stand in one rendering and not the other
            # are another statement, or a passage cut without an ellipsis, not a slip.
            return QuoteDiff(None, "different statements", (), ())
        elif set(xs) | set(ys) <= function_words or (
                len(xs) == len(ys) and all(stem(x) == stem(y) for x, y in zip(xs, ys))):
            # rule tidied-wording: "the" for "this", "that" added, "having" for "have".
            continue
        material = False
        if op == "replace" and len(xs) == len(ys):
            for x, y in zip(xs, ys):
                if x == y or _spelling_variant(x, y) or (len(x) >= 6 and fuzz.ratio(x, y) >= 92
                                                          and not _negation_of(x, y)):
                    continue
                material = True
                if _negation_of(x, y):
                    note("error", f"“{x}” became “{y}”: the meaning flips")
                elif _antonyms(x, y):
                    note("error", f"“{x}” became “{y}”: an opposite")
                elif _FIGURE.fullmatch(x) or _FIGURE.fullmatch(y):
                    note("error", f"the number “{x}” became “{y}”")
                else:
                    raw_x = wa[i1 + xs.index(x)][0]
                    raw_y = wb[j1 + ys.index(y)][0]
                    if raw_x[:1].isupper() and raw_y[:1].isupper() and i1 > 0:
                        names_changed += 1
                        note("error", f"the name “{raw_x}” became “{raw_y}”")
                    else:
                        note("warning", f"“{x}” became “{y}”")
        else:
            material = True
            flipped = (set(xs) | set(ys)) & negations
            if flipped and moved_negation:
                # "I didn't feel we were" / "I feel we weren't": one negation, placed elsewhere
                note("warning", "the negation moved")
            elif flipped:
                note("error", f"“{' '.join(sorted(flipped))}” {'dropped' if set(xs) & negations else 'added'}: the meaning flips")
            elif op == "replace":
                note("warning", f"“{' '.join(xs)}” became “{' '.join(ys)}”")
            elif op == "delete" and i1 not in (0, len(na)) and i2 != len(na):
                note("warning", f"“{' '.join(xs)}” left out")
            elif op == "insert" and j1 not in (0, len(nb)) and j2 != len(nb):
                note("warning", f"“{' '.join(ys)}” added")
            else:
                material = False
        if material:
            changed_a.extend((wa[k][1], wa[k][2]) for k in range(i1, i2))
            changed_b.extend((wb[k][1], wb[k][2]) for k in range(j1, j2))
    if worst is None:
        return QuoteDiff(None, "wording only", (), ())
    if names_changed == len(reasons):
        # rule names-only: "we thank Halvik and Drethanta" and "we thank Tessly and Oruvel" are
        # one template said about other people (a wire story re-cast for another visit), not a
        # quote mangled: a slip changes a word, not only the names in it.
        return QuoteDiff(None, "only names differ: another statement", (), ())
    if len(dict.fromkeys(reasons)) > MAX_QUOTE_CHANGES:
        # One slip of the pen, or two, is a mangled quote; more is another statement on the
        # same theme ("power station" … "water network"), which is nobody's mistake.
        return QuoteDiff(None, "different statements", (), ())
    return QuoteDiff(worst, "; ".join(dict.fromkeys(reasons)), tuple(changed_a), tuple(changed_b))


# ── findings ──────────────────────────────────────────────────────────────────────────────────


def claim_key(c: Claim) -> str:
    """One claim as a fingerprint reads it: its article, kind, words and normalised value, and
    the words of its sentence nearest the value (what the fact is about). Neither its line nor
    its offset: a paragraph added above it must not change it."""
    value = json.dumps(value_to_dict(c.value), sort_keys=True, ensure_ascii=False)
    about = " ".join(sorted(c.frame.terms[:FINGERPRINT_TERMS]))
    return f"{c.article}|{c.kind}|{' '.join(c.text.lower().split())}|{value}|{about}"


FINGERPRINT_TERMS = 4  # the words nearest a value that say what its fact is about


def fingerprint(kind: str, claims: Iterable[Claim]) -> str:
    """Stable across runs, machines, file order and line numbers, and made from the odd side's
    claims only (see claim_key): another article that agrees with the consensus, or a line
    added above, leaves it as it was, so the desk's decision on it holds."""
    parts = sorted({claim_key(c) for c in claims})
    return hashlib.sha1("\n".join([kind, *parts]).encode("utf-8")).hexdigest()[:8]


ALIASES = 24  # consensus claims a finding names as its earlier two-sided shape, at most


def aliases(kind: str, odd: Sequence[Claim], consensus: Sequence[Claim]) -> tuple[str, ...]:
    """The fingerprints a one-claim odd side had before a third source took a side: the same
    difference, seen as one claim against one other, was `fingerprint(kind, (odd, other))`."""
    if len(odd) != 1:
        return ()
    return tuple(dict.fromkeys(fingerprint(kind, (odd[0], c)) for c in consensus[:ALIASES]
                               if c.article != odd[0].article or c.start != odd[0].start))


def _highlight_in_sentence(claim: Claim) -> tuple[tuple[int, int], ...]:
    s = claim.start - claim.sentence_start
    return ((s, s + len(claim.text)),)


def _quote_offset(claim: Claim) -> int:
    """Where the quote's inner text starts within the claim's sentence."""
    s = claim.start - claim.sentence_start
    inner = claim.value.quote  # type: ignore[union-attr]
    found = claim.sentence.find(inner, s)
    return found if found >= 0 else s + 1


class _Components:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _severity(kind: str, default: str, settings: Settings) -> str:
    return settings.severity.get(kind, default)


TRACE_PAIRS = 12  # a finding's trace names the rules of at most this many of its pairs


class LooseDays(Rule):
    """One story has many days: days lined up on loosely alike sentences are not compared, only
    near-identical frames share an event. It has few years, and two years lined up already
    date one event word ("begun", "began"), but outlets name many years of one story ("hosted
    in 2007", "will host in 2014"): loosely lined-up years of two outlets may back a consensus,
    never dispute it."""

    name = "loose-days"
    stage = "compare"


class ConsensusRule(Rule):
    """Within one fact, the value most of its claims agree on (the fact book's, when it has
    one) is the consensus; each claim that conflicts with it directly stands out."""

    name = "consensus"
    stage = "compare"


class NoMajority(Rule):
    """When three or more values disagree and none has a majority ("7, 9, 12 and 19 dead"),
    there is no odd one out to point at: one finding lists every value with its sources
    rather than a pair per value, which would each look like the whole story."""

    name = "no-majority"
    stage = "compare"


class QuoteGrade(Rule):
    """Two renderings of one quote are graded on their word diff: a flipped negation, an
    antonym, a changed number or name is an error; case, punctuation, spelling, tidied
    wording ("eleventh" / "11th", "6:00" / "6", an outlet's "[the police]") and a shortened
    quote are nothing; only names changed, or many passages, make another statement (see
    grade_quotes). A shortened copy agrees with every full rendering, so it takes no side."""

    name = "quote-grade"
    stage = "compare"


class Attribution(Rule):
    """The same words given to different people, when the speakers resolve to different
    people: one outlet has the wrong speaker, or both quote a line two people said."""

    name = "attribution"
    stage = "compare"


LOOSE_DAYS, CONSENSUS, NO_MAJORITY = LooseDays(), ConsensusRule(), NoMajority()
QUOTE_GRADE, ATTRIBUTION = QuoteGrade(), Attribution()


def loose_days(a: Claim, b: Claim, score: float, verdict: Verdict) -> Optional[Verdict]:
    """Rule loose-days for one lined-up pair: days lined up below its score are not compared;
    years are, but may only back a consensus. None when the rule lets the verdict stand."""
    if not (isinstance(a.value, DateSpan) and isinstance(b.value, DateSpan)) or \
            score >= DATE_MIN_SCORE:
        return None
    ids = (a.id, b.id)
    if not a.value.granularity == b.value.granularity == "year":
        return Verdict(LOOSE_DAYS.name, "skip", 0.0, f"days lined up at {score:.2f}, under "
                       f"{DATE_MIN_SCORE:.2f}: not compared", ids)
    if verdict.outcome == "conflict" and a.article != b.article:
        return Verdict(LOOSE_DAYS.name, "skip", 0.0, f"years of two outlets lined up at "
                       f"{score:.2f}, under {DATE_MIN_SCORE:.2f}: they may back a consensus, "
                       f"never dispute it", ids)
    return None


def _value_findings(pairs: Sequence[Pair], settings: Settings) -> list[Conflict]:
    """Quantity, date and ordinal findings: one per fact whose claims disagree."""
    rel: dict[tuple[str, str], str] = {}
    why = _Judged(settings)
    claims: dict[str, Claim] = {}
    comps = _Components()
    for p in pairs:
        verdict = judge(p.a, p.b, settings, explain=False)
        r = verdict.outcome
        if r == "skip" or loose_days(p.a, p.b, p.score, verdict):
            continue
        rel[(p.a.id, p.b.id)] = rel[(p.b.id, p.a.id)] = r
        why.add(p, verdict)
        claims[p.a.id], claims[p.b.id] = p.a, p.b
        comps.union(p.a.id, p.b.id)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for cid, c in claims.items():
        groups[comps.find(cid)].append(c)

    # A fact is judged when two of its claims conflict (or update): found from the relations
    # themselves, not from every pair of its members (one fact of 30,000 look-alike claims).
    disputed = {comps.find(a) for (a, b), r in rel.items()
                if r in ("conflict", "update") and a != b}
    near: dict[str, dict[str, str]] = defaultdict(dict)  # claim id -> {other id: relation}
    for (a, b), r in rel.items():
        if a != b:
            near[a][b] = r
    findings: list[Conflict] = []
    for root, members in groups.items():
        if root in disputed:
            findings.extend(_judge_fact(members, rel, settings, near, why))
    return findings


def _agree(x: Claim, y: Claim, rel: Mapping[tuple[str, str], str]) -> bool:
    """Agreement counts only between claims aligned with each other: a chain of look-alike
    sentences must not carry one story's figure into another story's consensus."""
    return rel.get((x.id, y.id)) == "agree"




def _trace(involved: Sequence[Claim], why: _Judged, finding: Verdict) -> tuple[Verdict, ...]:
    """The rules behind a finding: for its judged pairs (conflicts first, at most TRACE_PAIRS),
    the alignment rules that lined the two up and the comparison rule that judged them; then
    how the finding was formed. `involved` lists the odd claims first: their pairs are read
    before the consensus's, and the reading stops once enough are found (a fact may hold
    thousands of claims)."""
    inside = {c.id for c in involved}
    seen: set[tuple[str, str]] = set()
    judged: list[tuple[Pair, Verdict]] = []
    for c in involved:
        for other in why.neighbours(c.id):
            key = (c.id, other) if c.id < other else (other, c.id)
            if other in inside and key not in seen:
                seen.add(key)
                judged.append(why.get(key))
        if len(judged) >= 4 * TRACE_PAIRS:
            break
    judged.sort(key=lambda pv: (pv[1].outcome != "conflict", pv[1].outcome != "update",
                                pv[0].a.id, pv[0].b.id))
    out: list[Verdict] = []
    for pair, verdict in judged[:TRACE_PAIRS]:
        out.extend(pair.trace)
        out.append(why.worded(pair, verdict))
    out.append(finding)
    return tuple(out)


class _Judged:
    """Every judged pair of one run, with the pair (its alignment trace) and the comparison
    verdict, reachable from either claim."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pairs: dict[tuple[str, str], tuple[Pair, Verdict]] = {}
        self.by_claim: dict[str, list[str]] = defaultdict(list)

    def add(self, pair: Pair, verdict: Verdict) -> None:
        a, b = pair.a.id, pair.b.id
        key = (a, b) if a < b else (b, a)
        if key not in self.pairs:
            self.by_claim[a].append(b)
            self.by_claim[b].append(a)
        self.pairs[key] = (pair, verdict)

    def neighbours(self, claim_id: str) -> list[str]:
        return self.by_claim.get(claim_id, [])

    def get(self, key: tuple[str, str]) -> tuple[Pair, Verdict]:
        return self.pairs[key]

    def worded(self, pair: Pair, verdict: Verdict) -> Verdict:
        """The verdict with its reason worded (judged without, for speed)."""
        return verdict if verdict.reason else judge(pair.a, pair.b, self.settings)


def _sources(cs: Sequence[Claim]) -> str:
    return ", ".join(dict.fromkeys(c.article for c in cs))


def _judge_fact(members: list[Claim], rel: Mapping[tuple[str, str], str],
                settings: Settings, near: Mapping[str, Mapping[str, str]],
                why: _Judged) -> list[Conflict]:
    """Within one fact: the consensus (trusted facts first, then the most supported value) and
    the claims that conflict with it directly. Each claim's relations are read from its own
    neighbours (`near`: claim id -> {other claim id: relation}), so a fact costs its
    relations, not the square of its claims."""

    def support(c: Claim) -> tuple[int, int, int]:
        agreeing = sum(1 for r in near.get(c.id, {}).values() if r == "agree")
        return (1 if c.trusted else 0, agreeing, -len(c.id))

    ranked = sorted(members, key=support, reverse=True)
    anchor = ranked[0]
    consensus = [anchor] + [o for o in members if o is not anchor and _agree(anchor, o, rel)]
    cons_ids = {c.id for c in consensus}
    cons_at = {c.id: i for i, c in enumerate(consensus)}
    out: list[Conflict] = []
    outliers: list[Claim] = []
    updates: list[tuple[Claim, Claim]] = []
    for c in members:
        if c.id in cons_ids:
            continue
        direct = {r: i for i, r in sorted(((cons_at[k], r) for k, r in near.get(c.id, {}).items()
                                           if k in cons_at), reverse=True)}
        if "conflict" in direct:
            outliers.append(c)
        elif "update" in direct:
            other = consensus[direct["update"]]
            updates.append((c, other))
    for earlier_later in updates:
        a, b = sorted(earlier_later, key=lambda c: (c.published or date.min, c.id))
        msg = f"{a.text} ({a.published}) → {b.text} ({b.published}): a later figure"
        title = (f"{titles.about(b, a, (a, b))}: {a.text} ({a.article}, {a.published}) → "
                 f"{b.text} ({b.article}, {b.published}), a later figure")
        out.append(Conflict(
            kind="update", severity=_severity("update", "info", settings), message=msg,
            title=title, fingerprint=fingerprint("update", (a, b)),
            sides=(Side(a, "earlier", _highlight_in_sentence(a)),
                   Side(b, "later", _highlight_in_sentence(b))),
            trace=_trace((a, b), why, Verdict(CONSENSUS.name, "finding", 0.0,
                                              "a later article gives a higher count"))))
    if not outliers:
        return out
    trusted = anchor.trusted
    # Group outliers that agree among themselves into one finding: each in turn (in member
    # order) takes those left that agree with it or read the same, found through its own
    # relations and its text rather than by a scan of all that are left.
    position = {o.id: i for i, o in enumerate(outliers)}
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(outliers):
        by_text[o.text.lower()].append(i)
    taken = [False] * len(outliers)
    sets: list[list[Claim]] = []
    for h, head in enumerate(outliers):
        if taken[h]:
            continue
        taken[h] = True
        joined = {position[k] for k, r in near.get(head.id, {}).items()
                  if r == "agree" and k in position}
        joined.update(by_text[head.text.lower()])
        same = [head]
        for i in sorted(joined):
            if not taken[i]:
                taken[i] = True
                same.append(outliers[i])
        sets.append(same)
    cons_value = _consensus_value(anchor, consensus)
    voices = len(consensus) + sum(len(s) for s in sets)
    if not trusted and len(sets) >= 2 and 2 * len(consensus) <= voices:
        out.append(_no_majority([consensus] + sets, settings, why))
        return out
    for same in sets:
        same = sorted(same, key=_placed)
        head = same[0]
        kind = _finding_kind(anchor, same + consensus)
        approx = any(_approximate(c) for c in same + consensus[:1])
        lone = len(consensus) == 1 and len(same) == 1
        cons = None if lone and not trusted else Consensus(cons_value, len(consensus))
        about = titles.about(head, anchor, same + consensus)
        voice = _voice(head, anchor, consensus)
        fix = None
        if trusted:
            label = anchor.source_label or "the fact book"
            msg = f"{head.text} contradicts the fact book ({label}): {cons_value}"
            formed = f"the fact book ({label}) says {cons_value}"
            rest = len(consensus) - 1
            title = (f"{about}: {titles.where(same, consensus)} says {titles.said(head)}, the "
                     f"fact book ({label})" + (f" and {rest} other{'s' if rest != 1 else ''}"
                                               if rest else "")
                     + f" {'say' if rest else 'says'} {titles.said(voice)}")
            fix = titles.change_fix(head, voice)
        elif cons is not None:
            msg = f"{_phrase(head)} vs {cons_value} ({len(consensus)} agree)"
            formed = (f"{len(consensus)} claims agree on {cons_value} ({_sources(consensus)}); "
                      f"{_sources(same)} differs")
            title = (f"{about}: {titles.where(same, consensus)} says {titles.said(head)}, "
                     f"{titles.others(len(consensus))} {titles.said(voice)}")
            fix = titles.change_fix(head, voice)
        else:
            msg = f"{_phrase(head)} vs {_phrase(anchor)}"
            formed = "two sources, one value each: no consensus"
            first, second = sorted((head, anchor), key=_placed)
            title = (f"{about}: {first.text} ({titles.where([first], [second])}) vs "
                     f"{second.text} ({titles.where([second], [first])})")
        sev = "error" if (trusted or not approx) else "warning"
        if sev == "warning":
            formed += "; an approximate figure makes it a warning"
        sides = [Side(c, "outlier" if cons or trusted else "side", _highlight_in_sentence(c))
                 for c in same]
        sides += [Side(c, "fact" if c.trusted else ("consensus" if cons else "side"),
                       _highlight_in_sentence(c)) for c in consensus]
        involved = same + consensus
        odd = involved if cons is None and not trusted else same
        out.append(Conflict(kind=kind, severity=_severity(kind, sev, settings), message=msg,
                            title=title, fix=fix,
                            fingerprint=fingerprint(kind, odd), sides=tuple(sides),
                            consensus=cons,
                            aliases=aliases(kind, same, consensus) if odd is same else (),
                            trace=_trace(involved, why,
                                         Verdict(CONSENSUS.name, "finding", 0.0, formed))))
    return out


def _placed(c: Claim) -> tuple[str, int]:
    """A claim's place, for an order that does not depend on the order files were read in."""
    return (c.article, c.start)


def _voice(head: Claim, anchor: Claim, consensus: Sequence[Claim]) -> Claim:
    """The consensus claim whose words a title and a fix borrow: one that says the value as
    the odd claim does (a figure of years for a figure of years, a date for a date), else the
    anchor."""
    same_type = [c for c in consensus if type(c.value) is type(head.value)]
    return same_type[0] if same_type else anchor


def _no_majority(sets: Sequence[Sequence[Claim]], settings: Settings, why: _Judged) -> Conflict:
    """One finding for a fact on which no value has a majority: every value, with its sources."""
    involved = [c for s in sets for c in s]
    kind = _finding_kind(sets[0][0], involved)
    # Sets that read the same ("more than 8 years" twice, not lined up with each other) are
    # one value in the list.
    merged: dict[str, list[Claim]] = {}
    for group in sets:
        merged.setdefault(_value_text(group[0]), []).extend(group)
    ordered = sorted(merged.values(), key=lambda s: (_sort_value(s[0]), s[0].id))
    # Each value in the words of its first claim ("$160 million", not "160,000,000 USD"); a
    # date said in words also by the date it means ("this year, 2013").
    values = [f"{_value_words(s[0])} ({_sources(s)})" for s in ordered]
    listed = ", ".join(values[:-1]) + " and " + values[-1]
    approx = any(_approximate(c) for c in involved)
    sev = "warning" if approx else "error"
    sides = tuple(Side(c, "side", _highlight_in_sentence(c)) for s in ordered for c in s)
    formed = (f"{len(ordered)} values, none held by a majority of the {len(involved)} claims")
    firsts = [sorted(s, key=_placed)[0] for s in ordered]
    said = [f"{titles.said(c)} ({titles.where(sorted(s, key=_placed))})"
            for c, s in zip(firsts, ordered)]
    title = (f"{titles.about(firsts[0], firsts[1], involved)}: no majority, "
             + ", ".join(said[:-1]) + " and " + said[-1])
    return Conflict(kind=kind, severity=_severity(kind, sev, settings),
                    message=f"sources disagree, no majority: {listed}", title=title,
                    fingerprint=fingerprint(kind, involved), sides=sides, consensus=None,
                    trace=_trace(involved, why, Verdict(NO_MAJORITY.name, "finding", 0.0, formed)))


def _sort_value(c: Claim) -> float:
    v = c.value.amount if isinstance(c.value, Duration) else c.value
    if isinstance(v, Quantity):
        return v.low if v.low != float("-inf") else v.high
    if isinstance(v, DateSpan) and v.start is not None:
        return float(v.start.toordinal())
    if isinstance(v, Ordinal):
        return float(v.rank)
    return 0.0


def _value_words(c: Claim) -> str:
    if isinstance(c.value, DateSpan) and not any(ch.isdigit() for ch in c.text):
        return f"{c.text}, {_value_text(c)}"
    return c.text


def _value_text(c: Claim) -> str:
    v = c.value.amount if isinstance(c.value, Duration) else c.value
    return describe(v)


def _finding_kind(anchor: Claim, involved: Sequence[Claim]) -> str:
    if anchor.trusted:
        return "fact"
    if isinstance(anchor.value, Ordinal):
        return "ordinal"
    if all(isinstance(c.value, DateSpan) for c in involved):
        return "date"
    return "quantity"


def _approximate(c: Claim) -> bool:
    v = c.value.amount if isinstance(c.value, Duration) else c.value
    return isinstance(v, Quantity) and v.approx not in ("exact", "range")


def _phrase(c: Claim) -> str:
    """The claim with a word or two of context: "first visit in 25 years"."""
    s = c.start - c.sentence_start
    left = c.sentence[:s].split()[-3:]
    return " ".join(left + [c.text]).strip(" ,;:")


def _consensus_value(anchor: Claim, consensus: Sequence[Claim]) -> str:
    """The consensus in the words most of its claims use."""
    durations = [c for c in consensus if isinstance(c.value, Duration)]
    pick = durations[0] if durations and isinstance(anchor.value, (Duration, DateSpan)) else anchor
    v = pick.value
    if isinstance(v, Duration):
        return describe(v.amount)
    return describe(v)


def _quote_findings(pairs: Sequence[Pair], settings: Settings) -> list[Conflict]:
    """One finding per mangled rendering and one per disputed attribution, per quote: where
    several sources agree, theirs is the consensus and the odd rendering or speaker stands out."""
    groups = _Components()
    for p in pairs:
        groups.union(p.a.id, p.b.id)
    members: dict[str, dict[str, Claim]] = defaultdict(dict)
    for p in pairs:
        root = groups.find(p.a.id)
        members[root][p.a.id] = p.a
        members[root][p.b.id] = p.b
    traces: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        traces[p.a.id].append(p)
    out: list[Conflict] = []
    for group in members.values():
        claims = sorted(group.values(), key=lambda c: (c.article, c.start))[:QUOTE_GROUP_CAP]
        found = _rendering_findings(claims, settings)
        attribution = _attribution_finding(claims, settings)
        folded: Optional[Verdict] = None
        if attribution:
            # One finding per disagreement: a mangled quote whose sides also name different
            # speakers is one finding that says who each side names, not two on one pair.
            given = {s.claim.id for s in attribution.sides}
            at = next((k for k, f in enumerate(found) if given & {s.claim.id for s in f.sides}),
                      None)
            if at is None:
                found.append(attribution)
            else:
                found[at] = _with_speakers(found[at], attribution)
                folded = Verdict(ATTRIBUTION.name, "conflict", 0.0,
                                 attribution.message.split(": ", 1)[-1])
        for f in found:
            inside = {s.claim.id for s in f.sides}
            lined = [v for c in sorted(inside) for p in traces.get(c, ()) if p.b.id in inside
                     for v in p.trace][:TRACE_PAIRS]
            rule = ATTRIBUTION.name if f.kind == "attribution" else QUOTE_GRADE.name
            reason = f.message.split("; given to")[0].split(": ", 1)[-1]
            extra = (folded,) if folded is not None and f.kind == "quote" and "; given to" in \
                f.message else ()
            out.append(replace(f, trace=tuple(lined) + (
                Verdict(rule, "conflict", 0.0, reason),) + extra))
    return out


def _with_speakers(quote: Conflict, attribution: Conflict) -> Conflict:
    """The quote finding that also says who each side names (the attribution folded in): the
    speakers highlighted beside the changed words, the title naming them, the worse severity."""
    speakers = {s.claim.id: s.highlight for s in attribution.sides}
    sides = tuple(replace(s, highlight=s.highlight + speakers.get(s.claim.id, ()))
                  for s in quote.sides)
    odd = [s.claim for s in quote.sides if s.role in ("outlier", "side")]
    right = [s.claim for s in quote.sides if s.role == "consensus"]
    if not right:  # two renderings, no consensus: the first one against the other
        first = odd[0].value.quote  # type: ignore[union-attr]
        same = [grade_quotes(first, c.value.quote).severity is None for c in odd]  # type: ignore[union-attr]
        odd, right = ([c for c, k in zip(odd, same) if k], [c for c, k in zip(odd, same) if not k])
    severity = min(quote.severity, attribution.severity, key=lambda x: SEVERITY_RANK[x])
    title = _quote_title(odd, right, quote.consensus is not None, speakers=True) if right \
        else quote.title
    return replace(quote, sides=sides, severity=severity, title=title,
                   message=f"{quote.message}; {attribution.message.replace('the same quote is ', '')}")


def _quote_title(odd: Sequence[Claim], right: Sequence[Claim], has_consensus: bool,
                 speakers: bool = False) -> str:
    """"Quote from Halvik: nwa-0313-treaty says “will walk”, 2 others say “will not walk”"; two
    renderings with no consensus read "A (where) vs B (where)"; with `speakers`, each side says
    whom it gives the words to."""
    a = odd[0].value.quote  # type: ignore[union-attr]
    b = right[0].value.quote  # type: ignore[union-attr]
    named = [c for c in [*odd, *right] if c.value.speaker_ref]  # type: ignore[union-attr]
    refs = {c.value.speaker_ref for c in named}  # type: ignore[union-attr]
    about = f"Quote from {titles.speaker(named[0])}" if len(refs) == 1 and not speakers \
        else "Quote"

    def given(cs: Sequence[Claim]) -> str:
        name = titles.speaker(cs[0])
        return f", given to {name}" if speakers and name else ""

    if has_consensus:
        odd_words = f"{titles.quote_words(a, b)}" + (f" ({given(odd)[2:]})" if given(odd) else "")
        right_words = titles.quote_words(b, a) + (f" ({given(right)[2:]})" if given(right) else "")
        return (f"{about}: {titles.where(odd, right)} says {odd_words}, "
                f"{titles.others(len(right))} {right_words}")
    return (f"{about}: {titles.quote_words(a, b)} ({titles.where(odd, right)}{given(odd)}) vs "
            f"{titles.quote_words(b, a)} ({titles.where(right, odd)}{given(right)})")


QUOTE_GROUP_CAP = int(_PARAMS["quote-group"]["cap"])  # one quote repeated by more sources than this is compared on the first 40


def _rendering_findings(claims: list[Claim], settings: Settings) -> list[Conflict]:
    quotes = [c.value.quote for c in claims]  # type: ignore[union-attr]
    n = len(claims)
    diffs: dict[tuple[int, int], QuoteDiff] = {}
    for i in range(n):
        for j in range(i + 1, n):
            diffs[i, j] = grade_quotes(quotes[i], quotes[j])

    def diff(i: int, j: int) -> QuoteDiff:
        if i < j:
            return diffs[i, j]
        d = diffs[j, i]
        return QuoteDiff(d.severity, d.reason, d.changed_b, d.changed_a)

    # One group may hold several statements on one theme: judge each statement on its own.
    statements = _Components()
    for (i, j), d in diffs.items():
        if d.reason != "different statements":
            statements.union(str(i), str(j))
    groups: dict[str, list[int]] = defaultdict(list)
    for i in range(n):
        groups[statements.find(str(i))].append(i)
    if len(groups) > 1:
        return [f for members in groups.values() if len(members) > 1
                for f in _rendering_findings([claims[i] for i in members], settings)]
    same = [[j for j in range(n) if j == i or diff(i, j).severity is None] for i in range(n)]
    # rule quote-fragments: a shortened copy ("settled in the care") agrees with the full
    # rendering and with its negated copy alike; it must not carry one into the other, so it
    # seeds no rendering and joins none.
    lengths = [len(_words(q)[1]) for q in quotes]
    longer = float(QUOTE_GRADE.params["fragment_ratio"])
    fragments = {j for j in range(n) if any(
        lengths[k] > lengths[j] * longer and diff(j, k).severity is None for k in range(n) if k != j)}
    # Renderings, largest first: a rendering grows only by claims that agree with every claim
    # already in it.
    order = sorted(range(n), key=lambda i: (-len(same[i]), claims[i].article, claims[i].start))
    placed: set[int] = set()
    renderings: list[list[int]] = []
    for i in order:
        if i in placed or i in fragments:
            continue
        rendering: list[int] = []
        for j in same[i]:
            if j not in placed and j not in fragments and all(
                    j == k or diff(j, k).severity is None for k in rendering):
                rendering.append(j)
        placed.update(rendering)
        renderings.append(rendering)
    if len(renderings) < 2:
        return []
    main = renderings[0]
    lead = main[0]
    has_consensus = len(main) > 1 and len(main) > len(renderings[1])
    out: list[Conflict] = []
    for other in renderings[1:] if has_consensus else renderings[1:2]:
        d = diff(other[0], lead)
        if d.severity is None:
            continue
        sides: list[Side] = []
        for j in other:
            o = _quote_offset(claims[j])
            dj = diff(j, lead)
            sides.append(Side(claims[j], "outlier" if has_consensus else "side",
                              tuple((o + s, o + e) for s, e in dj.changed_a)))
        for j in main:
            o = _quote_offset(claims[j])
            dj = diff(j, other[0])
            sides.append(Side(claims[j], "consensus" if has_consensus else "side",
                              tuple((o + s, o + e) for s, e in dj.changed_a)))
        odd = sorted((claims[j] for j in other), key=_placed)
        right = sorted((claims[j] for j in main), key=_placed)
        cons = Consensus(_clip(quotes[lead]), len(main)) if has_consensus else None
        fix = titles.quote_fix(odd[0].value.quote, quotes[lead]) if has_consensus else None  # type: ignore[union-attr]
        out.append(Conflict(kind="quote", severity=_severity("quote", d.severity, settings),
                            message=f"the same quote differs: {d.reason}",
                            title=_quote_title(odd, right, has_consensus), fix=fix,
                            fingerprint=fingerprint("quote", odd if has_consensus else odd + right),
                            aliases=aliases("quote", odd, right) if has_consensus else (),
                            sides=tuple(sides), consensus=cons))
    return out


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _attribution_finding(claims: list[Claim], settings: Settings) -> Optional[Conflict]:
    """The same words given to different people: a finding when the speakers resolve apart."""
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        ref = c.value.speaker_ref  # type: ignore[union-attr]
        if ref:
            by_speaker[ref].append(c)
    if len(by_speaker) < 2:
        return None
    ranked = sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    # Only quotes close enough to be the same words: a paraphrase may be someone else's line.
    lead = ranked[0][1][0].value.quote.lower()  # type: ignore[union-attr]
    ranked = [(ref, [c for c in cs if fuzz.ratio(c.value.quote.lower(), lead) >= 85 or  # type: ignore[union-attr]
                     fuzz.partial_ratio(c.value.quote.lower(), lead) >= 95])  # type: ignore[union-attr]
              for ref, cs in ranked]
    ranked = [(ref, cs) for ref, cs in ranked if cs]
    if len(ranked) < 2:
        return None
    has_consensus = len(ranked[0][1]) > len(ranked[1][1])
    sides: list[Side] = []
    for k, (ref, cs) in enumerate(ranked):
        role = ("consensus" if k == 0 else "outlier") if has_consensus else "side"
        sides.extend(Side(c, role, _speaker_span(c)) for c in cs)

    def who(cs: list[Claim]) -> str:
        speaker = cs[0].value.speaker  # type: ignore[union-attr]
        return f"{speaker} ({', '.join(dict.fromkeys(c.article for c in cs))})"

    message = "the same quote is given to " + " and to ".join(who(cs) for _, cs in ranked)
    involved = [c for _, cs in ranked for c in cs]
    cons = Consensus(ranked[0][1][0].value.speaker or ranked[0][0], len(ranked[0][1])) \
        if has_consensus else None  # type: ignore[union-attr]
    opening = titles.quote_opening(ranked[0][1][0].value.quote)  # type: ignore[union-attr]
    if has_consensus:
        right = sorted(ranked[0][1], key=_placed)
        odd = sorted((c for _, cs in ranked[1:] for c in cs), key=_placed)
        title = (f"Who said “{opening}”: {titles.where(odd, right)} says "
                 f"{titles.speaker(odd[0])}, {titles.others(len(right))} {titles.speaker(right[0])}")
        fix = f"attribute it to {titles.speaker(right[0])}"
        named = odd
    else:
        parts = [f"{titles.speaker(cs[0])} ({titles.where(sorted(cs, key=_placed))})"
                 for _, cs in ranked]
        title = f"Who said “{opening}”: " + " vs ".join(parts)
        fix, named, right = None, involved, []
    return Conflict(kind="attribution", severity=_severity("attribution", "warning", settings),
                    message=message, title=title, fix=fix,
                    fingerprint=fingerprint("attribution", named),
                    aliases=aliases("attribution", named, right),
                    sides=tuple(sides), consensus=cons)


def _speaker_span(c: Claim) -> tuple[tuple[int, int], ...]:
    speaker = c.value.speaker  # type: ignore[union-attr]
    if not speaker:
        return ()
    i = c.sentence.find(speaker)
    return ((i, i + len(speaker)),) if i >= 0 else ()


def compare(pairs: Sequence[Pair], settings: Settings = Settings()) -> list[Conflict]:
    """Every finding among the aligned pairs, most severe first."""
    quote_pairs = [p for p in pairs if p.a.kind == "quote"]
    value_pairs = [p for p in pairs if p.a.kind != "quote"]
    findings = _value_findings(value_pairs, settings) + _quote_findings(quote_pairs, settings)
    findings.sort(key=lambda f: (SEVERITY_RANK[f.severity], f.kind, f.fingerprint))
    return findings


def judged_pairs(conflicts: Iterable[Conflict]) -> set[tuple[str, str]]:
    """The pairs of claim ids whose comparison a finding's trace shows: the pairs whose
    alignment trace it wants (see with_alignment)."""
    return {v.claims for f in conflicts for v in f.trace  # type: ignore[misc]
            if v.rule in _RELATION_NAMES and len(v.claims) == 2}


def with_alignment(conflicts: Sequence[Conflict],
                   traces: Mapping[tuple[str, str], tuple[Verdict, ...]]) -> list[Conflict]:
    """Findings whose trace shows, before each comparison of a pair, the alignment verdicts
    that lined the pair up (a batch traces only the pairs its findings show)."""
    out = []
    for f in conflicts:
        trace: list[Verdict] = []
        for v in f.trace:
            if v.rule in _RELATION_NAMES and len(v.claims) == 2 and (
                    not trace or trace[-1].rule != "same-fact"):
                trace.extend(traces.get(v.claims, ()))  # type: ignore[arg-type]
            trace.append(v)
        out.append(replace(f, trace=tuple(trace)))
    return out


def within(conflicts: Sequence[Conflict], articles: set[str]) -> list[Conflict]:
    """Only the findings that involve one of `articles` (the draft under --against)."""
    return [c for c in conflicts if any(s.claim.article in articles for s in c.sides)]


class DraftAgrees(Rule):
    """An editor checking a draft against the wire asks one question: is my draft right? When
    every claim of the draft stands with the consensus (or the fact book) and the odd one out
    is a reference, the references disagree among themselves: worth seeing, not worth failing
    the draft over. Such a finding is shown at info, the draft's side marked; a finding where
    the draft is the odd one out, or has no majority behind its value, keeps its severity."""

    name = "draft-agrees"
    stage = "compare"


DRAFT_AGREES = DraftAgrees()
_BACKED = frozenset({"consensus", "fact"})


def draft_agrees(conflict: Conflict, drafts: Iterable[str]) -> bool:
    """Whether a draft's claims in this finding all stand with its consensus (or the fact
    book) while a reference is the odd one out: the draft is right, a reference is not."""
    drafts = set(drafts)
    mine = [s for s in conflict.sides if s.claim.article in drafts]
    return bool(mine) and all(s.role in _BACKED for s in mine) and any(
        s.role == "outlier" and s.claim.article not in drafts for s in conflict.sides)


def for_draft(conflicts: Sequence[Conflict], drafts: Iterable[str]) -> list[Conflict]:
    """Draft mode (--against): the findings that involve a draft; those where the draft agrees
    with the consensus are a reference-side disagreement, shown at info (rule draft-agrees)."""
    drafts = set(drafts)
    out: list[Conflict] = []
    for c in within(conflicts, drafts):
        if draft_agrees(c, drafts) and c.severity != "info":
            odd = ", ".join(dict.fromkeys(s.claim.article for s in c.sides if s.role == "outlier"))
            c = replace(c, severity="info", trace=c.trace + (Verdict(
                DRAFT_AGREES.name, "finding", 0.0,
                f"the draft stands with the consensus; {odd} differs: {c.severity} shown as "
                f"info"),))
        out.append(c)
    return out


def exit_severities(fail_on: str) -> set[str]:
    """The severities that make the run fail under --fail-on."""
    return {"error": {"error"}, "warning": {"error", "warning"},
            "info": {"error", "warning", "info"}, "never": set()}[fail_on]


def accept(conflicts: Sequence[Conflict], ignore: Mapping[str, str]
           ) -> tuple[list[Conflict], list[str]]:
    """Findings the desk accepted (claims.yaml `ignore`, fingerprint → reason) marked as such,
    and the ignore entries that no longer match anything, so stale entries do not pile up."""
    used: set[str] = set()
    out: list[Conflict] = []
    for c in conflicts:
        # its fingerprint, or one it had before a third source took a side (see aliases)
        fp = next((f for f in (c.fingerprint, *c.aliases) if f in ignore), None)
        if fp is not None:
            used.add(fp)
            c = replace(c, accepted=ignore[fp])
        out.append(c)
    stale = [fp for fp in ignore if fp not in used]
    return out, stale

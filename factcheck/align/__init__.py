"""Align: find the claims, across articles and inside one (headline vs body), that speak about
the same fact.

Comparing every claim with every other would be quadratic and, worse, would pair "24 years" in
a trending list with "24 years" in the story. Claims are blocked by what they measure (kind and
unit), candidate pairs come from an inverted index over the words around the value (common words
capped), and each candidate is scored on its frame: rare shared words count more than common ones,
shared names matter, and the words right next to the value must meet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import AbstractSet, Iterable, Mapping, Optional, Sequence

from factcheck.rules import load as load_rules
from factcheck.align.rules import (
    CANDIDATES, FAMILY, MIN_SCORE, QUOTE_WORDS, SAME_CLAIM, Aliases, Block, DifferentNames, OtherCast,
    cast_mismatch, cast_of, family, judge, quote_words, reporting_time,
)
from factcheck.model import Claim, KeptPairs, Pair, Verdict

__all__ = ["Aliases", "Lineup", "MIN_SCORE", "align", "candidate_count", "explain_pair",
           "family", "reporting_time"]

_DEMONYM_ENDINGS = tuple(load_rules("units")["demonym_endings"])
DIFFERENT_NAMES, OTHER_CAST = DifferentNames(), OtherCast()
NEAR = int(CANDIDATES.params["near"])
POSTING_CAP = int(CANDIDATES.params["posting_cap"])

# Rules and what they read live in align/rules.py; this module proposes candidate pairs, cuts
# the batch into stories and runs the rules over each.


class Lineup:
    """One story's claims lined up: its pairs without traces, then the traces of the few pairs
    its findings show, judged in the very blocks that lined them up (a block reads every claim
    of its family: building it twice was a tenth of aligning a 30,000-claim story).

    A big story's candidates can be judged in `shares` processes: share k of K judges the
    candidate pairs whose claims' places hash to k modulo K (every pair in exactly one share,
    wherever it is proposed; a tuple of ints hashes alike in every process, and mixes well:
    a sum would put every pair of neighbours in one share), and `merged` puts the shares'
    pairs back as one story's.

    A re-check after an article changed need not judge the story again: given the pairs the
    last run `kept` and the articles that changed, only the candidates holding a changed
    claim are judged, in every block whose word weights the change left alone."""

    def __init__(self, claims: Sequence[Claim],
                 aliases: Optional[Mapping[str, Iterable[str]]] = None,
                 min_score: float = MIN_SCORE) -> None:
        self.claims = claims
        self.folded = Aliases(aliases)
        self.min_score = min_score
        self.blocks: dict[str, Block] = {}
        self.kept: list[KeptPairs] = []

    def pairs(self, share: int = 0, shares: int = 1, previous: Iterable[KeptPairs] = (),
              changed: Iterable[str] = (), keep: bool = False) -> list[Pair]:
        """The story's pairs of claims about one fact, best first (of share `share` only);
        with `keep`, each block's pairs are also left in `self.kept` for the next re-check."""
        self.kept = []
        return _align(self.claims, self.folded, self.min_score, traced=False,
                      blocks=self.blocks, share=(share, shares),
                      previous={k.family: k for k in previous}, changed=frozenset(changed),
                      kept=self.kept if keep else None)

    def traces(self, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str],
                                                                  tuple[Verdict, ...]]:
        """The alignment trace of each wanted pair of claim ids, judged in the blocks that
        lined the story up (so the words weigh the same); only those pairs are judged again."""
        return _traces(self.claims, wanted, self.folded, self.min_score, self.blocks)

    @staticmethod
    def merged(shares: Iterable[Sequence[Pair]]) -> list[Pair]:
        """The pairs of every share as the story's own list (best first, each pair once)."""
        pairs = [p for share in shares for p in share]
        pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
        return pairs


def align(claims: Sequence[Claim], aliases: Optional[Mapping[str, Iterable[str]]] = None,
          min_score: float = MIN_SCORE) -> list[Pair]:
    """Pairs of claims about the same fact, story by story, best first. Never all pairs: see the
    module doc."""
    from factcheck.events import events, profile  # the stage before: this wraps both

    by_article: dict[str, list[Claim]] = defaultdict(list)
    facts: list[Claim] = []
    for c in claims:
        (facts if c.trusted else by_article[c.article]).append(c)
    profiles = {a: profile(cs, cs[0].published) for a, cs in by_article.items()}
    folded = Aliases(aliases)
    pairs: list[Pair] = []
    for story in events(profiles, aliases):
        members = [c for a in story.articles for c in by_article[a]] + facts
        pairs.extend(_align(members, folded, min_score))
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    return pairs


def _blocks(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    blocks: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        fam = family(c)
        if fam:
            blocks[fam].append(c)
    return blocks


def _block(fam: str, members: Sequence[Claim], folded: Aliases,
           article_names: Mapping[str, Iterable[str]]) -> Block:
    share = float(DIFFERENT_NAMES.params["common_name_share"])
    return Block(fam, members, folded, share, NEAR, POSTING_CAP, article_names)


def _article_names(claims: Iterable[Claim]) -> dict[str, set[str]]:
    """Each article's names, from all its claims' sentences (a title-case headline names
    nothing itself: its article's names stand in)."""
    found: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        found[c.article].update(c.frame.names)
    return found


def _align(claims: Sequence[Claim], folded: Aliases, min_score: float,
           traced: bool = True, blocks: Optional[dict[str, Block]] = None,
           share: tuple[int, int] = (0, 1), previous: Mapping[str, KeptPairs] = {},
           changed: AbstractSet[str] = frozenset(),
           kept: Optional[list[KeptPairs]] = None) -> list[Pair]:
    """The pairs of `claims`, best first (traced: each with the verdicts that decided it). With `previous` (a re-check: the story's
    KeptPairs by family) a block whose weights did not move keeps its pairs of claims of
    articles not `changed`, and judges only the candidates that hold a claim of a changed
    article; a block whose weights moved is judged whole. With `kept`, each block's pairs
    are written to it for the next re-check."""
    pairs: list[Pair] = []
    article_names = _article_names(claims)
    mine, shares = share
    place = {id(c): i for i, c in enumerate(claims)} if shares > 1 else {}
    for fam, members in _blocks(claims).items():
        if fam == "quote":
            if mine == 0:  # a story's quotes are few: share 0 judges them all
                pairs.extend(_align_quotes(members, folded))
            continue
        block = _block(fam, members, folded, article_names)
        if blocks is not None:
            blocks[fam] = block
        index: dict[str, list[Claim]] = defaultdict(list)
        for c in members:
            for key in block.keys(c):
                index[key].append(c)
        weights = ""
        if previous or kept is not None:
            weights = block.weights(k for k, posting in index.items() if len(posting) > POSTING_CAP)
        before = previous.get(fam)
        reuse = before is not None and before.weights == weights
        found: list[Pair] = []
        if reuse:
            by_id = {c.id: c for c in members}
            for x, y, score in before.pairs:  # type: ignore[union-attr]
                a, b = by_id.get(x), by_id.get(y)
                if a is not None and b is not None and a.article not in changed \
                        and b.article not in changed:
                    found.append(Pair(a, b, score))
        seen: set[tuple[str, str]] = set()
        for posting in index.values():
            if len(posting) > POSTING_CAP or (
                    reuse and not any(c.article in changed for c in posting)):
                continue
            for a, b in combinations(posting, 2):
                if reuse and a.article not in changed and b.article not in changed:
                    continue
                key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if key in seen:
                    continue
                seen.add(key)
                if shares > 1 and hash((place[id(a)], place[id(b)])) % shares != mine:
                    continue
                score = judge(a, b, block, min_score)
                if score and traced:
                    # Kept: judged again, this time writing down why.
                    trace: list[Verdict] = []
                    judge(a, b, block, min_score, trace)
                    found.append(Pair(a, b, score, tuple(trace)))
                elif score:
                    found.append(Pair(a, b, score))
        if kept is not None:
            kept.append(KeptPairs(fam, weights, tuple((p.a.id, p.b.id, p.score) for p in found)))
        pairs.extend(found)
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    return pairs


def _align_quotes(claims: Sequence[Claim], folded: Aliases) -> list[Pair]:
    """Quotes align on their own words (rule quote-words), proposed by their rarest words."""
    words = {c.id: quote_words(c.value.quote) for c in claims}  # type: ignore[union-attr]
    index: dict[str, list[Claim]] = defaultdict(list)
    df: Counter[str] = Counter()
    for c in claims:
        df.update(set(words[c.id]))
    for c in claims:
        rare = sorted(set(words[c.id]), key=lambda w: (df[w], w))[:4]
        for w in rare:
            index[w].append(c)
    seen: set[tuple[str, str]] = set()
    pairs: list[Pair] = []
    least = QUOTE_WORDS.params["min_ratio"]
    for posting in index.values():
        if len(posting) > POSTING_CAP:
            continue
        for a, b in combinations(posting, 2):
            key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
            if key in seen or (a.trusted and b.trusted) or (a.article == b.article and a.start == b.start):
                continue
            seen.add(key)
            ratio = QUOTE_WORDS.ratio(words[a.id], words[b.id])
            if ratio >= least and a.article != b.article:
                other = _other_cast(a, b, folded)
                if other:
                    continue
            if ratio >= least:
                verdict = Verdict(QUOTE_WORDS.name, "score", round(ratio / 100.0, 3),
                                  f"the quotes' words match {ratio:.0f}% (at least {least})",
                                  (a.id, b.id))
                pairs.append(Pair(a, b, ratio / 100.0, (verdict,)))
    return pairs


def _traces(claims: Sequence[Claim], wanted: Iterable[tuple[str, str]], folded: Aliases,
            min_score: float, built: dict[str, Block]) -> dict[tuple[str, str],
                                                                tuple[Verdict, ...]]:
    by_id = {c.id: c for c in claims}
    wanted_by_family: dict[str, list[tuple[Claim, Claim]]] = defaultdict(list)
    for x, y in wanted:
        a, b = by_id.get(x), by_id.get(y)
        if a is not None and b is not None and family(a) == family(b) and family(a) != "quote":
            wanted_by_family[family(a)].append((a, b))  # type: ignore[index]
    if not wanted_by_family:
        return {}
    missing = [fam for fam in wanted_by_family if fam not in built]
    if missing:
        blocks = _blocks(claims)
        article_names = _article_names(claims)
        for fam in missing:
            built[fam] = _block(fam, blocks[fam], folded, article_names)
    out: dict[tuple[str, str], tuple[Verdict, ...]] = {}
    for fam, asked in wanted_by_family.items():
        block = built[fam]
        for a, b in asked:
            trace: list[Verdict] = []
            judge(a, b, block, min_score, trace)
            out[(a.id, b.id)] = out[(b.id, a.id)] = tuple(trace)
    return out


def _other_cast(a: Claim, b: Claim, folded: Aliases) -> Optional[str]:
    """Rule other-cast for two renderings of a quote: the quote and the sentence around it name
    other people and places (a template run for another event)."""
    if a.trusted or b.trusted:
        return None
    least = int(OTHER_CAST.params["least_unmatched"])
    share = float(OTHER_CAST.params["max_shared"])
    return cast_mismatch(cast_of(a.frame.names, folded), cast_of(b.frame.names, folded), least,
                         share)


def explain_pair(a: Claim, b: Claim, claims: Sequence[Claim],
                 aliases: Optional[Mapping[str, Iterable[str]]] = None,
                 min_score: float = MIN_SCORE) -> tuple[Verdict, ...]:
    """Why two claims were, or were not, taken for the same fact, rule by rule, among the
    batch's `claims` (the words' weights and the stories depend on the whole batch)."""
    ids = (a.id, b.id)
    if a.id == b.id:
        return (Verdict(SAME_CLAIM.name, "veto", 0.0, "a claim and itself", ids),)
    folded = Aliases(aliases)
    fa, fb = family(a), family(b)
    for c, fam in ((a, fa), (b, fb)):
        if fam is None:
            why = (f"{c.text!r} says when something was said, not a fact of the story"
                   if reporting_time(c) else f"{c.text!r} is not compared")
            return (Verdict(FAMILY.name, "veto", 0.0, why, ids),)
    if fa != fb:
        return (Verdict(FAMILY.name, "veto", 0.0, f"they measure different things ({fa} vs {fb})",
                        ids),)
    trace: list[Verdict] = [Verdict(FAMILY.name, "for", 0.0, f"both are {fa}", ids)]
    by_article: dict[str, list[Claim]] = defaultdict(list)
    facts: list[Claim] = []
    for c in claims:
        (facts if c.trusted else by_article[c.article]).append(c)
    # The event the pair is judged in, as the batch is cut: the words weigh as they did.
    from factcheck.events import apart, events, profile  # the stage before, asked why

    profiles = {art: profile(cs, cs[0].published) for art, cs in by_article.items()}
    held = [c.article for c in (a, b) if not c.trusted]
    story = next((s for s in events(profiles, aliases) if held and held[0] in s.articles), None)
    if story is not None and not all(art in story.articles for art in held):
        rule, why = apart(profiles[held[0]], profiles[held[1]])
        trace.append(Verdict(rule, "veto", 0.0, why, ids))
        return tuple(trace)
    members: list[Claim] = facts + [c for art in (story.articles if story else ())
                                    for c in by_article[art]]
    block_members = [c for c in members if family(c) == fa]
    if fa == "quote":
        other = _other_cast(a, b, folded) if a.article != b.article else None
        if other:
            trace.append(Verdict(OTHER_CAST.name, "veto", 0.0,
                                 f"other names in the same words: {other}", ids))
            return tuple(trace)
        found = [p for p in _align_quotes([c for c in block_members if c.id in ids], folded)]
        if found:
            return tuple(trace) + found[0].trace
        wa, wb = quote_words(a.value.quote), quote_words(b.value.quote)  # type: ignore[union-attr]
        ratio = QUOTE_WORDS.ratio(wa, wb)
        trace.append(Verdict(QUOTE_WORDS.name, "against", round(ratio / 100.0, 3),
                             f"the quotes' words match {ratio:.0f}%, under "
                             f"{QUOTE_WORDS.params['min_ratio']}", ids))
        return tuple(trace)
    block = _block(fa, block_members, folded, _article_names(members))
    keys_a, keys_b = block.keys(a), block.keys(b)
    index: Counter[str] = Counter(k for c in block_members for k in block.keys(c))
    proposing = sorted(k for k in keys_a & keys_b if index[k] <= POSTING_CAP)
    if not proposing:
        why = ("they share no name or word near the value" if not keys_a & keys_b else
               "every word they share is held by too many claims to propose a pair")
        trace.append(Verdict(CANDIDATES.name, "veto", 0.0, why, ids))
        return tuple(trace)
    trace.append(Verdict(CANDIDATES.name, "for", 0.0, "proposed by " + ", ".join(proposing[:6]),
                         ids))
    judge(a, b, block, min_score, trace)
    return tuple(trace)



def candidate_count(claims: Sequence[Claim]) -> int:
    """How many pairs the index proposes (for the benchmark): proportional to the batch."""
    return len(align(claims, min_score=-1.0))

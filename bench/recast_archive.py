"""The five seeds re-cast as an archive (issue 16): many stories told in the seeds' words, whose
leaders, countries, cities, organisations and years come from SMALL POOLS, so stories share
names and publication dates as an archive's events do, and a scorer that says which findings
stay inside one story.

Usage:
  python bench/recast_archive.py make SEEDS OUT --stories 400 [--pool-seed S] [--pool people=3 ...]
  python bench/recast_archive.py score REPORT.json OUT [--json]
  (also: python bench/recast.py SEEDS OUT --archive 400 [--pool-seed S])

Story k (1..N) is a re-cast copy of the five seed pages, its articles named `k000`..`k004`
(`<k><page>_<16 hex>.txt`, as bench/recast.py names a copy). Every role of bench/recast.yaml
(a person, or a family sharing name words; a country with its demonym; a city; an organisation
with its short forms; an acronym) takes one of POOL[kind] stand-ins, drawn per story; every
stand-in of every pool is a distinct invented word, so a story never gives two roles one name.
The year shift comes from YEARS: stories with the same shift share every date. No two stories
share their principal cast (the leaders, their two countries) and their year shift: those
would be one event told twice, and a finding across them no mistake.

OUT/.manifest.json (hidden: a folder walk of factcheck skips it, so `factcheck check OUT`
reads only the articles) holds the stories (their article ids), each story's cast and year shift, and
per story the findings it must report (the seeds' own): the headline's "25 years" against the
body's "24 years" (page 004 against pages 002 and 004), and the quote of page 004 whose
"unwavering" lost its "un". The scorer counts a finding as found when it is of an expected
kind, all its claims come from that story, and it shows both planted texts where expected.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import recast as R  # noqa: E402

# Stand-ins per role: six leaders per role, five countries, a few cities and institutions.
POOL = {"people": 6, "countries": 5, "places": 4, "organisations": 3, "acronyms": 3}
YEARS = tuple(range(-6, 7))
MANIFEST = ".manifest.json"
# The roles whose shared choice (with the year) would make two stories one event.
PRINCIPAL = ("people:Kim Jong Un", "people:Vladimir Putin", "countries:Russia", "countries:Korea")

# The seeds' own findings, by page: (name, finding kinds that catch it, outlier page and word(s),
# other pages and word(s)). Words, not sentences: the seed text stays out of the repository.
EXPECTED = (
    ("headline", ("quantity", "date"), ("004", "25 years"), (("002", "004"), "24 years")),
    ("quote", ("quote",), ("004", "wavering"), (("004",), "unwavering")),
)


def roles(spec: dict) -> list[tuple[str, list[str]]]:
    """The table's roles as (label, the real name forms it swaps). A family sharing name words
    (father, son, grandson) is one role: its members' words must come from one stand-in set."""
    out: list[tuple[str, list[str]]] = []
    for person in spec["people"]:
        words = person.split()
        family = next((forms for label, forms in out if set(forms) & set(words)), None)
        if family is None:
            out.append((f"people:{person}", words))
        else:
            family += [w for w in words if w not in family]
    for c in spec["countries"]:
        forms = [n for n in (c["name"], c["demonym"]) if n]
        out.append((f"countries:{forms[0]}", forms))
    for place in spec["places"]:
        out.append((f"places:{place}", [place, place.upper()]))
    for org in spec["organisations"]:
        out.append((f"organisations:{org['name']}", [org["name"], *org.get("short", [])]))
    for acronym in spec["acronyms"]:
        out.append((f"acronyms:{acronym}", [acronym]))
    return out


class Archive:
    """The pools for one pool seed, and the cast of story k drawn from them."""

    def __init__(self, seed_texts: list[str], pool_seed: int = 0, spec: Optional[dict] = None,
                 pool: Optional[dict[str, int]] = None):
        self.spec = spec or R.table()
        self.pool_seed = pool_seed
        self.pool = {**POOL, **(pool or {})}
        inv = R.inventor(random.Random(f"factcheck-recast-archive/1:{pool_seed}"), seed_texts,
                         self.spec)
        self.casts = [R.cast(inv, self.spec) for _ in range(max(self.pool.values()))]
        self.roles = roles(self.spec)

    def draw(self, story: int) -> tuple[dict[str, int], int]:
        """Story k's pick per role (an index into that role's pool) and its year shift."""
        rng = random.Random(f"factcheck-recast-archive/1:{self.pool_seed}:{story}")
        picks = {label: rng.randrange(self.pool[label.split(":")[0]]) for label, _ in self.roles}
        return picks, rng.choice(YEARS)

    def stories(self, n: int) -> list[tuple[dict[str, int], int]]:
        """The casts of stories 1..n; a story whose principal cast and years repeat an earlier
        story's is drawn again (from the next draw number) until it does not."""
        kinds = Counter(p.split(":")[0] for p in PRINCIPAL)
        distinct = len(YEARS) * math.prod(self.pool[k] ** m for k, m in kinds.items())
        if n > distinct:
            raise ValueError(f"{n} stories need more than the {distinct} principal casts and "
                             "years these pools allow: make the pools larger")
        seen: set[tuple] = set()
        out = []
        draw = 0
        for _ in range(n):
            while True:
                draw += 1
                picks, years = self.draw(draw)
                key = (tuple(picks[p] for p in PRINCIPAL), years)
                if key not in seen:
                    seen.add(key)
                    out.append((picks, years))
                    break
        return out

    def story(self, k: int) -> R.Recast:
        """Story k's re-casting (the same in an archive of any size from k up)."""
        return self.recasting(*self.stories(k)[k - 1])

    def recasting(self, picks: dict[str, int], years: int) -> R.Recast:
        names = {form: self.casts[picks[label]][form]
                 for label, forms in self.roles for form in forms}
        return R.compiled(names, years)


def make(seeds_dir: Path, out_dir: Path, n: int, pool_seed: int = 0,
         only: Optional[set[int]] = None, pool: Optional[dict[str, int]] = None) -> dict[str, Any]:
    """Write stories 1..n (or those of them in `only`) into `out_dir` and
    `out_dir/.manifest.json`; returns the manifest."""
    files = R.seed_files(seeds_dir)
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    archive = Archive(list(texts.values()), pool_seed, pool=pool)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stories = []
    for k, (picks, years) in enumerate(archive.stories(n), start=1):
        if only is not None and k not in only:
            continue
        rc = archive.recasting(picks, years)
        articles = []
        for path, text in texts.items():
            new = rc.apply(text)
            name = R.copy_name(k, path, new)
            (out_dir / name).write_text(new, encoding="utf-8")
            articles.append(name.split("_")[0])
        stories.append({
            "id": str(k), "articles": articles, "years": years,
            "cast": {label: rc.names[forms[0]] for label, forms in archive.roles},
            "expected": [{"name": name, "expect": list(kinds),
                          "outlier": {"article": f"{k}{page}", "text": word},
                          "other": {"articles": [f"{k}{p}" for p in pages], "text": other}}
                         for name, kinds, (page, word), (pages, other) in EXPECTED]})
    manifest = {"pool_seed": pool_seed, "pool": archive.pool, "years": list(YEARS), "stories": stories}
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False)
                                           + "\n", encoding="utf-8")
    return manifest


# ── the scorer ────────────────────────────────────────────────────────────────────────────────


def _says(claim: dict, text: str) -> bool:
    """The claim's text holds `text` as whole words ("wavering" is not in "unwavering")."""
    return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", claim["text"], re.IGNORECASE) is not None


def found(conflict: dict, expected: dict, members: set[str]) -> bool:
    """`conflict` is the story's expected finding: an expected kind, every claim from the story,
    the outlier's word on its article and the other word on one of the other articles."""
    claims = conflict["claims"]
    return (conflict["kind"] in expected["expect"]
            and {c["article"] for c in claims} <= members
            and any(c["article"] == expected["outlier"]["article"]
                    and _says(c, expected["outlier"]["text"]) for c in claims)
            and any(c["article"] in expected["other"]["articles"]
                    and _says(c, expected["other"]["text"]) for c in claims))


def score(report: dict, manifest: dict) -> dict[str, Any]:
    stories = {s["id"]: set(s["articles"]) for s in manifest["stories"]}
    story_of = {a: sid for sid, arts in stories.items() for a in arts}
    conflicts = report.get("conflicts", [])
    spanning = [c for c in conflicts
                if len({story_of.get(s["article"]) for s in c["claims"]}) > 1]
    hits: dict[str, int] = {name: 0 for name, *_ in EXPECTED}
    explained: set[int] = set()
    for s in manifest["stories"]:
        members = stories[s["id"]]
        for e in s["expected"]:
            matched = [i for i, c in enumerate(conflicts) if found(c, e, members)]
            explained.update(matched)
            hits[e["name"]] += bool(matched)
    own_other = sum(1 for i, c in enumerate(conflicts) if i not in explained
                    and len({story_of.get(s["article"]) for s in c["claims"]}) == 1)
    return {"stories": len(stories), "articles": len(story_of), "findings": len(conflicts),
            "spanning_stories": len(spanning), "own_headline": hits["headline"],
            "own_quote": hits["quote"], "own_other": own_other,
            "spanning_examples": [{"kind": c["kind"], "message": c["message"],
                                   "articles": sorted({s["article"] for s in c["claims"]})}
                                  for c in spanning[:5]]}


def render(figures: dict[str, Any]) -> str:
    n = figures["stories"]
    return "\n".join([
        f"stories {n}, articles {figures['articles']}",
        f"findings total                {figures['findings']}",
        f"findings spanning stories     {figures['spanning_stories']}",
        f"own headline conflict found   {figures['own_headline']}/{n}",
        f"own mangled quote found       {figures['own_quote']}/{n}",
        f"other findings inside a story {figures['own_other']}",
    ])


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    mk = sub.add_parser("make", help="write the archive of re-cast stories and its manifest")
    mk.add_argument("seeds", type=Path)
    mk.add_argument("out", type=Path)
    mk.add_argument("--stories", type=int, default=400)
    mk.add_argument("--pool-seed", type=int, default=0)
    mk.add_argument("--pool", action="append", default=[], metavar="KIND=N",
                    help=f"another pool size, e.g. people=3 (kinds: {', '.join(POOL)})")
    sc = sub.add_parser("score", help="score a factcheck JSON report against the manifest")
    sc.add_argument("report", type=Path)
    sc.add_argument("manifest", type=Path, help=f"the archive folder (its {MANIFEST}) or the file")
    sc.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.command == "make":
        if args.stories < 1:
            ap.error("--stories must be 1 or more")
        pool = {}
        for item in args.pool:
            kind, _, size = item.partition("=")
            if kind not in POOL or not size.isdigit() or int(size) < 1:
                ap.error(f"--pool {item}: KIND=N with KIND one of {', '.join(POOL)}, N >= 1")
            pool[kind] = int(size)
        try:
            manifest = make(args.seeds, args.out, args.stories, args.pool_seed, pool=pool)
        except ValueError as exc:
            ap.error(str(exc))
        print(f"{len(manifest['stories'])} stories, "
              f"{sum(len(s['articles']) for s in manifest['stories'])} articles -> {args.out}")
        return 0
    path = args.manifest / MANIFEST if args.manifest.is_dir() else args.manifest
    loaded = []
    for name in (args.report, path):
        try:
            loaded.append(json.loads(name.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            return 2
    report, manifest = loaded
    figures = score(report, manifest)
    print(json.dumps(figures, indent=1) if args.json else render(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

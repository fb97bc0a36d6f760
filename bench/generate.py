"""Generate the benchmark corpus: N scraped-looking news pages in story clusters, with planted
conflicts listed in planted.json.

Usage: python bench/generate.py N OUTDIR [--seed S] [--archive]

The same N and seed give the same bytes on every machine: every random choice comes from a
`random.Random` seeded with a string (stable across processes, unlike `hash`). Each cluster is
one invented story told by 3–8 outlets in different words; a quarter of the clusters carry one
planted disagreement (a headline year that contradicts its own body, a figure changed in one
outlet, a negated quote). Everything else agrees, so any finding beyond the planted ones is a
false positive.

With --archive the corpus is a desk's archive instead (bench/archive.py): recurring leaders,
towns and firms over 2015–2026, many events per actor told in the same templates, and follow-ups.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import templates as T  # noqa: E402

GENERATOR = "factcheck-bench/1"
PLANT_EVERY = 4  # one cluster in four carries a planted conflict
PLANT_KINDS = ("headline_year", "changed_figure", "negated_quote")
# The finding kinds of report@1 that count as catching each planted kind.
EXPECTED = {"headline_year": ["quantity", "date"], "changed_figure": ["quantity"],
            "negated_quote": ["quote"]}
_FIRST_DAY = date(2023, 1, 1)
_DAYS = 900


@dataclass
class Planted:
    kind: str
    cluster: str
    articles: list[str]  # the odd one out first, then one article that says otherwise
    texts: list[str]  # the two claim texts: the odd one's, then the other's

    def to_json(self) -> dict:
        return {"kind": self.kind, "expect": EXPECTED[self.kind], "cluster": self.cluster,
                "articles": self.articles, "outlier": self.articles[0],
                "claims": [{"article": a, "text": t} for a, t in zip(self.articles, self.texts)],
                "texts": self.texts}


@dataclass
class _Draft:
    cluster: int
    text: str
    headline: str


@dataclass
class Corpus:
    files: list[tuple[str, str]]  # (file name, text), in id order
    planted: list[Planted]
    clusters: list[dict] = field(default_factory=list)
    headlines: dict[str, str] = field(default_factory=dict)  # article id → its headline
    # The archive only (bench/archive.py): article id → event id, and the desk's follow-ups.
    events: Optional[dict[str, str]] = None
    followups: list[str] = field(default_factory=list)
    generator: str = GENERATOR
    ids: dict[int, str] = field(default_factory=dict)  # draft index → article id

    def manifest(self, n: int, seed: int) -> dict:
        out = {"generator": self.generator, "seed": seed, "articles": n,
               "planted": [p.to_json() for p in self.planted], "clusters": self.clusters,
               "headlines": self.headlines}
        if self.events is not None:
            out.update(archive=True, events=self.events, followups=self.followups)
        return out


def _paragraphs(st: T.Story, rng: random.Random, quote: str, headline: Optional[str]) -> list[str]:
    """The story body as one outlet writes it: the lede first, every fact once (one of them
    twice, in other words), the quote, and background, in 6–12 paragraphs."""
    facts = [k for k in st.facts if k != st.lede]
    sentences = [st.fill(rng.choice(st.facts[k])) for k in facts]
    sentences.append(T.quote_sentence(st, rng, quote))
    filler = rng.sample(st.filler, k=min(len(st.filler), rng.randint(5, 8)))
    sentences += [st.fill(f) for f in filler]
    sentences += rng.sample(T.GENERAL, k=rng.randint(6, 10))
    rng.shuffle(sentences)
    again = rng.choice(facts)
    wordings = st.facts[again]
    if len(wordings) > 1:
        sentences.insert(rng.randint(len(sentences) // 2, len(sentences)), st.fill(rng.choice(wordings)))
    paras = [st.fill(rng.choice(st.facts[st.lede]))]
    i = 0
    while i < len(sentences):
        take = 1 if rng.random() < 0.45 else 2
        paras.append(" ".join(sentences[i:i + take]))
        i += take
    return paras


def render(st: T.Story, outlet: T.Outlet, rng: random.Random, headline: str, quote: str) -> str:
    """One scraped page: site chrome, the story, and more chrome."""
    pub = st.published
    top = [outlet.name, outlet.sections, "", outlet.trending_label]
    top += T.trending(rng, rng.randint(5, 8))
    top += ["", rng.choice(T.LATEST_LABEL)] + T.trending(rng, rng.randint(3, 5))
    top += ["", outlet.price, "",
            {"visit": "World", "disaster": "News", "opening": "Cities", "company": "Business"}[st.kind],
            "", headline, ""]
    if rng.random() < 0.6:
        top += [st.fill(rng.choice(st.standfirsts)), ""]
    top += [f"{outlet.author_prefix}{T.author(rng)}",
            f"Updated: {T.MONTHS[pub.month - 1]} {pub.day}, {pub.year} {T.time_of_day(rng)}",
            outlet.share, ""]
    body = _paragraphs(st, rng, quote, headline)
    # "Also read" links inside the story: chrome with figures, between its paragraphs.
    for link in T.trending(rng, rng.randint(1, 2)):
        body.insert(rng.randint(2, len(body)), f"ALSO READ | {link}")
    bottom = ["", outlet.tail_label, ""]
    bottom += T.trending(rng, rng.randint(5, 8))
    bottom += ["", rng.choice(T.LATEST_LABEL)] + T.trending(rng, rng.randint(4, 7))
    bottom += [""] + T.FOOTER + ["", f"© {pub.year} {outlet.name}. All rights reserved.", ""]
    return "\n".join(top) + "\n" + "\n\n".join(body) + "\n" + "\n".join(bottom)


def plant_for(cluster: int, size: int) -> Optional[str]:
    """The plant of the cluster-th story (one in four, the kinds in turn), if any."""
    if cluster % PLANT_EVERY != PLANT_EVERY - 1:
        return None
    plant = PLANT_KINDS[(cluster // PLANT_EVERY) % len(PLANT_KINDS)]
    return "headline_year" if plant != "headline_year" and size < 3 else plant


def page(st: T.Story, outlet: T.Outlet, rng: random.Random, cluster: int,
         plant: Optional[str]) -> tuple[_Draft, list[str]]:
    """One outlet's article on `st`, carrying `plant` if given; with the plant's two texts."""
    said, flipped = T.quotes(st)
    art_st, quote, texts = st, said, []
    headline = st.fill(rng.choice(st.headlines))
    if plant == "headline_year":
        headline, wrong, right = st.headline_plant(rng)
        texts = [wrong, right]
    elif plant == "changed_figure":
        value = T.num(T.changed(rng, T.figure_value(st)))
        art_st = T.with_figure(st, value)
        headline = art_st.fill(rng.choice(st.headlines))
        texts = [f"{value} {st.figure_noun}", f"{st.slots[st.figure]} {st.figure_noun}"]
    elif plant == "negated_quote":
        quote = flipped
        texts = [flipped, said]
    return _Draft(cluster, render(art_st, outlet, rng, headline, quote), headline), texts


def partners(plant: str, members: list[int]) -> list[int]:
    """The headline plant is inside one article; the others name a second outlet."""
    return members[:1] if plant == "headline_year" else members[:2]


def assemble(drafts: list[_Draft], plants: list[tuple[int, str, list[int], list[str]]],
             clusters: list[list[int]], salt: str, prefix: str = "S",
             info: Optional[list[dict]] = None) -> Corpus:
    """Ids and file names in a shuffled order (outlets of one story are not neighbours)."""
    n = len(drafts)
    order = list(range(n))
    random.Random(f"{salt}:order").shuffle(order)
    width = max(5, len(str(n - 1)))
    ids: dict[int, str] = {}
    names: dict[int, str] = {}
    for position, draft_idx in enumerate(order):
        ident = f"{position:0{width}d}"
        digest = hashlib.sha1(f"{salt}:{position}".encode()).hexdigest()[:16]
        ids[draft_idx] = ident
        names[draft_idx] = f"{ident}_{digest}.txt"
    files = sorted(((names[i], drafts[i].text) for i in range(n)), key=lambda f: f[0])
    planted = [Planted(kind, f"{prefix}{cl:05d}", [ids[i] for i in idx] * (2 if len(idx) == 1 else 1),
                       texts) for cl, kind, idx, texts in plants]
    cluster_info = [{"id": f"{prefix}{cl:05d}", "articles": sorted(ids[i] for i in members),
                     **(info[cl] if info else {})} for cl, members in enumerate(clusters)]
    headlines = {ids[i]: drafts[i].headline for i in range(n)}
    return Corpus(files=files, planted=planted, clusters=cluster_info, headlines=headlines,
                  ids=ids)


def build(n: int, seed: int = 0) -> Corpus:
    """The corpus in memory: deterministic in (n, seed)."""
    outlets = T.outlets(random.Random(f"{seed}:outlets"))
    drafts: list[_Draft] = []
    plants: list[tuple[int, str, list[int], list[str]]] = []  # cluster, kind, draft idx, texts
    clusters: list[list[int]] = []
    c = 0
    while len(drafts) < n:
        rng = random.Random(f"{seed}:cluster:{c}")
        size = min(rng.randint(3, 8), n - len(drafts))
        published = _FIRST_DAY + timedelta(days=rng.randrange(_DAYS))
        st = T.story(rng, published)
        chosen = rng.sample(outlets, size)
        plant = plant_for(c, size)
        members: list[int] = []
        texts: list[str] = []
        for k, outlet in enumerate(chosen):
            draft, planted_texts = page(st, outlet, rng, c, plant if k == 0 else None)
            texts = planted_texts or texts
            members.append(len(drafts))
            drafts.append(draft)
        if plant:
            plants.append((c, plant, partners(plant, members), texts))
        clusters.append(members)
        c += 1
    return assemble(drafts, plants, clusters, str(seed))


def generate(n: int, outdir: str | os.PathLike[str], seed: int = 0, archive: bool = False) -> dict:
    """Write the corpus (or the archive) and planted.json to `outdir`; returns the manifest."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    if archive:
        from bench import archive as A

        corpus = A.build(n, seed)
    else:
        corpus = build(n, seed)
    for name, text in corpus.files:
        with open(out / name, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    manifest = corpus.manifest(n, seed)
    with open(out / "planted.json", "w", encoding="utf-8", newline="\n") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True, ensure_ascii=False)
        fh.write("\n")
    return manifest


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--archive", action="store_true",
                        help="a desk's archive: recurring actors over years (bench/archive.py)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    manifest = generate(args.n, args.outdir, args.seed, args.archive)
    unit = "events" if args.archive else "stories"
    sys.stderr.write(f"{args.n} articles in {len(manifest['clusters'])} {unit}, "
                     f"{len(manifest['planted'])} planted conflicts → {args.outdir}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

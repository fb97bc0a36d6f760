"""Re-cast the five seed pages: the same stories with other people, countries, cities,
organisations and years, so that a batch holding the seeds and a re-cast copy (or two copies)
holds two events told in the same words (issue 15: "same template, other names").

Usage: python bench/recast.py SEEDS_DIR OUT_DIR --seed N [--years K]
       python bench/recast.py SEEDS_DIR OUT_DIR --archive 400 [--pool-seed S]
       (the archive: 400 copies whose names and years come from small pools, and a manifest;
       see bench/recast_archive.py)

The seed pages are read at run time and never copied into the repository. Every name listed in
bench/recast.yaml gets an invented stand-in of the same shape (a full name and its surname, a
country and its demonym, initials), the same in all five articles, and every year moves by K
(default 3). Elapsed times ("in 24 years", "eight years ago") are left as they are, so the
copy's own facts still hold: a copy alone reports the same findings as the seeds.

The same seeds, seed and K give the same bytes on every machine (a `random.Random` seeded with
a string). Files are named like the scraper's, `<seed><number>_<16 hex>.txt`: seed 1 turns
`003_….txt` (article 003) into `1003_….txt` (article 1003).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import yaml

NAMES = Path(__file__).with_name("recast.yaml")
RULES = Path(__file__).resolve().parent.parent / "factcheck" / "rules"

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
           "gr", "kr", "tr", "vr", "sk", "st")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o")
_CODAS = ("", "", "n", "r", "l", "s", "k", "v", "sk", "rn")
_STEM_ENDS = ("r", "l", "n", "v", "d", "st", "sk")
_CONSONANTS = "BCDFGHJKLMNPRSTVWZ"
# 1900-2099 as a whole number: not "8,656", "18330", "COVID-19" or "2898 AD".
_YEAR = re.compile(r"(?<![\w,.])(19\d\d|20\d\d)(?![\w]|[.,]\d)")
_WORD = re.compile(r"[A-Za-z]+")


def _syllables(word: str) -> int:
    return max(1, len(re.findall(r"[aeiouy]+", word.lower())))


@dataclass(frozen=True)
class Recast:
    """One re-casting: real name → stand-in (longest first when swapping) and the year shift."""

    names: dict[str, str]
    years: int
    pattern: re.Pattern[str]

    def apply(self, text: str) -> str:
        """The text with every listed name swapped and every year moved."""
        text = self.pattern.sub(lambda m: self.names[m.group(0)], text)
        return _YEAR.sub(lambda m: str(int(m.group(0)) + self.years), text)


class _Inventor:
    """Invented words that are no English word of the seeds, no word the rules know (months,
    units, number words), no real name and no other stand-in: a stand-in must change nothing
    but who or where."""

    def __init__(self, rng: random.Random, taken: Iterable[str]):
        self.rng = rng
        self.taken = {w.lower() for w in taken}

    def _free(self, word: str) -> bool:
        return len(word) >= 2 and word.lower() not in self.taken

    def _claim(self, word: str) -> str:
        self.taken.add(word.lower())
        return word

    def _draw(self, syllables: int, codas: tuple[str, ...]) -> str:
        parts = [self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(syllables)]
        coda = self.rng.choice(codas)
        if not coda and parts[-1].endswith("e"):  # "Note", "Dune": English-looking
            parts[-1] = parts[-1][:-1] + "a"
        return ("".join(parts) + coda).capitalize()

    def word(self, syllables: int) -> str:
        """A name word of so many syllables; one syllable always ends in a consonant ("Vosk")."""
        codas = _CODAS if syllables > 1 else tuple(c for c in _CODAS if c)
        while True:
            word = self._draw(syllables, codas)
            if self._free(word):
                return self._claim(word)

    def stem(self) -> tuple[str, str]:
        """A country and its demonym: "Kralevia", "Kralevian"."""
        while True:
            base = self._draw(2, _STEM_ENDS)
            country, demonym = base + "ia", base + "ian"
            if self._free(country) and self._free(demonym) and self._free(base):
                return self._claim(country), self._claim(demonym)

    def letters(self, n: int) -> str:
        while True:
            word = "".join(self.rng.choice(_CONSONANTS) for _ in range(n))
            if self._free(word):
                return self._claim(word)

    def fill(self, template: str, initials_of: Optional[str]) -> str:
        """`template` with an invented word for "{}", its initials free when it has short forms."""
        while True:
            name = template.replace("{}", self.word(2))
            if initials_of is None or self._free(_initials(name)):
                return name


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _short(form: str, real_initials: str, new_initials: str) -> str:
    """A short form re-lettered from the new initials: "U.S." keeps its dots, "USA" its "A"."""
    out, i = [], 0
    for ch in form:
        if ch.isalpha() and i < len(real_initials) and ch == real_initials[i]:
            out.append(new_initials[i])
            i += 1
        else:
            out.append(ch)
    return "".join(out)


def _rule_words() -> set[str]:
    """Every word the rules files hold: a stand-in must not be one."""
    words: set[str] = set()
    for path in RULES.glob("*.yaml"):
        words.update(w.lower() for w in _WORD.findall(path.read_text(encoding="utf-8")))
    return words


def table(path: Path = NAMES) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def real_names(spec: dict) -> list[str]:
    """Every real name form the table swaps."""
    out = [w for person in spec["people"] for w in person.split()]
    for c in spec["countries"]:
        out += [n for n in (c["name"], c["demonym"]) if n]
    out += spec["places"] + spec["acronyms"]
    for org in spec["organisations"]:
        out += [org["name"], *org.get("short", [])]
    return out


def inventor(rng: random.Random, texts: Iterable[str], spec: dict) -> _Inventor:
    """An inventor that avoids every lower-case word of `texts` (the seeds' own vocabulary), the
    rules' words and the real names."""
    vocabulary = {w for t in texts for w in _WORD.findall(t) if w.islower()}
    reals = real_names(spec)
    return _Inventor(rng, vocabulary | _rule_words() | {w for r in reals for w in _WORD.findall(r)})


def cast(inv: _Inventor, spec: dict) -> dict[str, str]:
    """One stand-in for every name of the table: real name -> invented name."""
    names: dict[str, str] = {}
    for person in spec["people"]:
        for word in person.split():
            if word not in names:
                names[word] = inv.word(_syllables(word))
    for c in spec["countries"]:
        country, demonym = inv.stem()
        if c["name"]:
            names[c["name"]] = country
        if c["demonym"]:
            names[c["demonym"]] = demonym
    for place in spec["places"]:
        names[place] = inv.word(_syllables(place))
    for org in spec["organisations"]:
        shorts = org.get("short", [])
        new = inv.fill(org["as"], org["name"] if shorts else None)
        names[org["name"]] = new
        for form in shorts:
            names[form] = _short(form, _initials(org["name"]), _initials(new))
        inv.taken.add(_initials(new).lower())
    for acronym in spec["acronyms"]:
        names[acronym] = inv.letters(len(acronym))
    for place in spec["places"]:  # a dateline in capitals: "WASHINGTON"
        names[place.upper()] = names[place].upper()
    return names


def compiled(names: dict[str, str], years: int) -> Recast:
    """The re-casting that swaps `names` (longest first) and moves years by `years`."""
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")
    return Recast(names=names, years=years, pattern=pattern)


def make(seed: int, texts: Iterable[str], years: int = 3, spec: Optional[dict] = None) -> Recast:
    """The re-casting for `seed`: stand-ins invented avoiding the seeds' vocabulary and the
    rules' words."""
    spec = spec or table()
    inv = inventor(random.Random(f"factcheck-recast/1:{seed}"), texts, spec)
    return compiled(cast(inv, spec), years)


def unswapped(copy_texts: Iterable[str], rc: Recast, seed_texts: Iterable[str],
              spec: Optional[dict] = None) -> set[str]:
    """Capitalised words in the copy's story sentences (chrome left out, as the segmenter reads
    them) that are no stand-in, no word the seeds also write in lower case, no word of the
    rules (months, weekdays, titles) and not on the table's `keep` list: a name the table
    missed. Empty when the table is complete."""
    from factcheck.model import Document
    from factcheck.segment import segment

    spec = spec or table()
    ordinary = {w.lower() for t in seed_texts for w in _WORD.findall(t) if w.islower()}
    ordinary |= _rule_words() | {w.lower() for w in spec.get("keep", [])}
    stand_ins = {w for v in rc.names.values() for w in _WORD.findall(v)}
    left: set[str] = set()
    for n, text in enumerate(copy_texts):
        for sentence in segment(Document(id=str(n), path="", text=text)).sentences:
            for m in re.finditer(r"\b[A-Z][A-Za-z]+", sentence.text):
                word = m.group(0)
                if word not in stand_ins and word.lower() not in ordinary:
                    left.add(word)
    return left


def seed_files(seeds_dir: Path) -> list[Path]:
    files = sorted(p for p in Path(seeds_dir).glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no seed pages (*.txt) in {seeds_dir}")
    return files


def copy_name(seed: int, path: Path, text: str) -> str:
    """`1003_<16 hex>.txt` for seed 1 and seed page `003_….txt`: a scraper-shaped name whose
    article id (1003) says which copy and which page."""
    number = path.stem.split("_")[0]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{seed}{number}_{digest}.txt"


def recast(seeds_dir: Path, out_dir: Path, seed: int, years: int = 3) -> dict[str, str]:
    """Write the re-cast copy of every seed page into `out_dir`; returns {seed file: copy file}."""
    files = seed_files(seeds_dir)
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    rc = make(seed, texts.values(), years)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for path, text in texts.items():
        new = rc.apply(text)
        target = out_dir / copy_name(seed, path, new)
        target.write_text(new, encoding="utf-8")
        written[path.name] = target.name
    return written


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seeds", type=Path, help="the folder of the five seed pages")
    ap.add_argument("out", type=Path, help="where to write the copy")
    ap.add_argument("--seed", type=int, help="which invented names (1, 2, ...)")
    ap.add_argument("--years", type=int, default=3, help="years added to every year (default 3)")
    ap.add_argument("--names", action="store_true", help="print the names swapped")
    ap.add_argument("--archive", type=int, metavar="N",
                    help="write N copies with names and years from small pools, and a manifest")
    ap.add_argument("--pool-seed", type=int, default=0, help="which pools (with --archive)")
    args = ap.parse_args(argv)
    if args.archive is not None:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from bench import recast_archive

        return recast_archive.main(["make", str(args.seeds), str(args.out), "--stories",
                                    str(args.archive), "--pool-seed", str(args.pool_seed)])
    if args.seed is None or args.seed < 1:
        ap.error("--seed must be 1 or more (it prefixes the article ids)")
    written = recast(args.seeds, args.out, args.seed, args.years)
    for src, dst in written.items():
        print(f"{src} -> {args.out / dst}")
    seed_texts = [p.read_text(encoding="utf-8") for p in seed_files(args.seeds)]
    rc = make(args.seed, seed_texts, args.years)
    if args.names:
        for real, new in rc.names.items():
            print(f"  {real} -> {new}")
    left = unswapped([(args.out / dst).read_text(encoding="utf-8") for dst in written.values()],
                     rc, seed_texts)
    if left:
        print("capitalised words of the stories left as they are (add them to "
              f"{NAMES.name}: a name to swap, or `keep`): {', '.join(sorted(left))}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The `factcheck` command line: reading the options, running the check, writing the reports.

Exit codes (DESIGN.md): 0 no finding at or above --fail-on; 1 findings; 2 usage or unreadable
input (every readable article is still reported).
"""

from __future__ import annotations

import argparse
import difflib
from dataclasses import replace
import os
import re
import shlex
import signal
import sqlite3
import sys
from datetime import date
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Optional, Sequence

from rich.console import Console

from factcheck import __version__
from factcheck.batch import Checked, analyse
from factcheck.batch import load_paths as read_paths  # files read in processes
from factcheck.cache import DEFAULT_DIR, ClaimsCache, key_for
from factcheck.facts import FactBook, FactBookError
from factcheck.load import DEFAULT_MAX_BYTES, load_paths
from factcheck.model import Claim, DatePoint, Document, Extraction, LoadError, Report
from factcheck.segment import title_of, titled  # titles come with the extraction

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _say(message: str) -> None:
    """One line on stderr; what came from the input (paths, excerpts) shows its control
    characters escaped, so it can neither drive the terminal nor start a workflow command."""
    from factcheck.report.safe import shown

    sys.stderr.write(f"factcheck: {shown(message)}\n")


class _UsageError(Exception):
    """A combination of options that cannot work, said in one line (exit 2)."""


def _did_you_mean(given: str, choices: Sequence[str]) -> str:
    """' (did you mean X?)' for the closest choice to a mistyped word, or ''."""
    close = difflib.get_close_matches(given, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


# Quoted choices before Python 3.12.8, bare ones after: read both.
_INVALID_CHOICE = re.compile(r"invalid choice: '?([^',()]*?)'? \(choose from (.*)\)$")


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors name the problem in one line, suggest the closest choice to a
    mistyped one, and exit 2 (no traceback)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        m = _INVALID_CHOICE.search(message)
        if m:
            choices = [c.strip().strip("'") for c in m.group(2).split(",")]
            message += _did_you_mean(m.group(1), choices)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"factcheck: error: {message}\n")

    def option_strings(self) -> list[str]:
        return [o for action in self._actions for o in action.option_strings]


def _unrecognized(parser: argparse.ArgumentParser, args: argparse.Namespace,
                  extras: Sequence[str]) -> None:
    """Usage error for arguments no option takes, each mistyped option with its suggestion."""
    command = parser.commands.get(getattr(args, "command", None))  # type: ignore[attr-defined]
    known = (command or parser).option_strings()
    said = []
    for extra in extras:
        name = extra.split("=", 1)[0]
        said.append(extra + (_did_you_mean(name, known) if name.startswith("-") else ""))
    (command or parser).error(f"unrecognized arguments: {' '.join(said)}")


def _date_arg(text: str) -> date:
    if text.lower() == "today":
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD or 'today')")


def _jobs_arg(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {text!r}")
    if n < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return n


def _formats_arg(text: str) -> list[str]:
    from factcheck.report.formats import FORMATS

    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if not wanted or unknown:
        hint = _did_you_mean(unknown[0], FORMATS) if unknown else ""
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or repr(text)}{hint} "
            f"(choose from {', '.join(FORMATS)})")
    return list(dict.fromkeys(wanted))


def _size_arg(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)[bB]?\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500k, 20M)")
    return int(m.group(1)) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[m.group(2).lower()]


_MAIN_EPILOG = """\
exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  a usage error, a bad claims.yaml, an unreadable input or no article found

examples:
  factcheck check articles/
  factcheck check draft.md --against wire/
  factcheck check articles/ --output reports/factcheck.sarif
  factcheck explain articles/ C1

'factcheck COMMAND --help' says what each of a command's options does.
"""

_CHECK_EPILOG = """\
exit codes:
  0  no finding at or above --fail-on (findings accepted in claims.yaml never count)
  1  at least one finding at or above --fail-on
  2  a usage error, a bad claims.yaml, an unreadable input, or no article found
     (every article that can be read is still checked and reported)

formats:
  rich      the report for a terminal (the default); plain text when written to a file
  concise   one line per finding, for logs and grep: path:line:col: severity kind: title [fingerprint]
  json      the factcheck/report@1 document, for programs
  sarif     SARIF 2.1.0, for code scanning
  github    GitHub Actions annotations (::error file=...,line=...::...)
  markdown  a table for a pull-request comment or a job summary
  html      one self-contained page, with a timeline of the dates
  With no --format, the format follows --output's extension: .json, .sarif, .html/.htm, .md,
  .log (concise), .annotations.txt (github); any other name gets the terminal report as text.
  Under GitHub Actions (GITHUB_ACTIONS=true) the findings are also printed to the log as
  annotations whenever the reports go to files, and a Markdown summary is appended to
  $GITHUB_STEP_SUMMARY when it is set.

examples:
  factcheck check articles/
  factcheck check draft.md --against wire/        # only what concerns the draft
  factcheck check --against wire/ -- draft.md     # the same: -- ends the references
  factcheck check articles/ --output reports/factcheck.html
  factcheck check articles/ --format concise --statistics
  factcheck check articles/ --format github,json,sarif --output-dir reports/ --fail-on warning
"""

_FAIL_ON_HELP = ("which findings fail the run with exit 1: error (the default) only errors; "
                 "warning errors and warnings; info any finding; never none (exit 0 whatever "
                 "is found, unreadable files too; a usage error, a report that cannot be "
                 "written or no article at all still exits 2)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck",
                     description="Find where news articles disagree: numbers, dates and quotes "
                                 "that do not match across sources.",
                     epilog=_MAIN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}",
                        help="print factcheck's version and exit")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                metavar="COMMAND")

    def command(name: str, **kw: Any) -> argparse.ArgumentParser:
        kw.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        if "help" in kw and "description" not in kw:
            kw["description"] = kw["help"][0].upper() + kw["help"][1:] + "."
        return sub.add_parser(name, **kw)

    def common(p: argparse.ArgumentParser, paths: bool = True) -> None:
        if paths:
            p.add_argument("paths", nargs="+", metavar="PATH",
                           help="the articles: files, folders (read recursively) or globs")
        p.add_argument("--published", type=_date_arg, metavar="DATE",
                       help="the publication date of articles that carry none, so that "
                            "'yesterday' or '25 years' can be placed (YYYY-MM-DD or today; "
                            "a draft: today)")
        p.add_argument("--output", "-o", metavar="FILE",
                       help="write the report to FILE instead of the screen ('-': the screen); "
                            "with no --format, FILE's extension picks the format (e.g. .json); "
                            "replaced at once, never left half-written")
        p.add_argument("--jobs", "-j", type=_jobs_arg, default=None, metavar="N",
                       help="read articles with N processes (default: one per core)")
        p.add_argument("--cache", default=DEFAULT_DIR, metavar="DIR",
                       help="keep what was read from each article in DIR, so that a second run "
                            f"reads only what changed (default {DEFAULT_DIR}/)")
        p.add_argument("--no-cache", action="store_true",
                       help="read every article afresh and keep nothing")
        p.add_argument("--max-bytes", type=_size_arg, default=DEFAULT_MAX_BYTES, metavar="N",
                       help="skip (and name) articles larger than N bytes; accepts 500k, 20M "
                            f"(default {DEFAULT_MAX_BYTES // 2**20}M)")

    check = command("check", help="report where the articles disagree",
                    usage="factcheck check PATH... [--against REF...] [options]",
                    description="Read the articles, line up the claims that speak of the same "
                                "fact (a figure, a date,\na quote) and report where they "
                                "disagree: the odd one out, the sources that agree, and\n"
                                "where each one says it.",
                    epilog=_CHECK_EPILOG)
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="the articles to check: files, folders (read recursively) or globs; "
                            "with --against, the drafts")
    common(check, paths=False)
    check.add_argument("--against", nargs="+", action="extend", metavar="REF", default=None,
                       help="reference articles (the wire, earlier coverage): the PATHs are "
                            "checked against them and only findings on a PATH are reported. "
                            "Name the PATHs first, or end the references with --")
    check.add_argument("--format", type=_formats_arg, default=None, metavar="FMT[,FMT...]",
                       help="the report's format: rich, concise, json, sarif, github, markdown, "
                            "html (see formats below); several, comma-separated, with "
                            "--output-dir")
    check.add_argument("--output-dir", metavar="DIR",
                       help="write each --format to DIR/factcheck.<ext> (e.g. factcheck.sarif), "
                            "all from the same run")
    check.add_argument("--fail-on", choices=["error", "warning", "info", "never"],
                       default="error", metavar="LEVEL", help=_FAIL_ON_HELP)
    check.add_argument("--statistics", action="store_true",
                       help="also print, on stderr, the number of articles, claims and findings "
                            "of each kind and severity")
    check.add_argument("--facts", metavar="FILE", default=None,
                       help="the desk's fact book: known facts and accepted findings "
                            "(default: ./claims.yaml when there is one)")
    check.add_argument("--no-facts", action="store_true",
                       help="read no claims.yaml (every finding counts)")

    ind = command("index", help="read an archive once and index it, so that check --against "
                                "it reads only what can concern a draft")
    ind.add_argument("paths", nargs="+", metavar="PATH",
                     help="the archive: files, folders (read recursively) or globs")
    ind.add_argument("--published", type=_date_arg, metavar="DATE",
                     help="the publication date of articles that carry none (give check the same)")
    ind.add_argument("--jobs", "-j", type=_jobs_arg, default=None, metavar="N",
                     help="read articles with N processes (default: one per core)")
    ind.add_argument("--cache", default=DEFAULT_DIR, metavar="DIR",
                     help=f"the cache folder the index is written into (default {DEFAULT_DIR}/; "
                          "give check the same)")
    ind.add_argument("--max-bytes", type=_size_arg, default=DEFAULT_MAX_BYTES, metavar="N",
                     help="skip (and name) articles larger than N bytes, as check does")

    init = command("init", help="write a commented starter claims.yaml")
    init.add_argument("path", nargs="?", default="claims.yaml", metavar="FILE",
                      help="where to write it (default ./claims.yaml; never overwritten)")

    acc = sub.add_parser(
        "accept", help="accept findings by fingerprint in claims.yaml",
        description="Accept findings the desk has looked at: each FINGERPRINT as the report "
                    "prints it (#3f2a9c1e or 3f2a9c1e) is written to claims.yaml's ignore list "
                    "with the reason. Only fingerprints of current findings are taken: those of "
                    "a check of the PATHs when given, else of the last `factcheck check` (kept "
                    "in the cache folder); --force takes any. An article can also accept a "
                    "finding on itself: <!-- factcheck: accept FINGERPRINT reason -->.")
    acc.add_argument("items", nargs="+", metavar="FINGERPRINT|PATH",
                     help="the fingerprints, then optionally the articles to check (as for check)")
    acc.add_argument("--reason", required=True, help="why the difference is accepted")
    acc.add_argument("--facts", metavar="FILE", default="claims.yaml",
                     help="the claims.yaml to append to (default ./claims.yaml)")
    acc.add_argument("--force", action="store_true",
                     help="accept fingerprints no current finding has (e.g. ahead of a batch)")
    acc.add_argument("--against", nargs="+", metavar="PATH", default=None,
                     help="reference sources, as for check")
    acc.add_argument("--published", type=_date_arg, metavar="DATE",
                     help="publication date for articles that carry none, as for check")
    acc.add_argument("--jobs", "-j", type=_jobs_arg, default=None, metavar="N",
                     help="parallel extraction processes (default: the machine's cores)")
    acc.add_argument("--cache", default=DEFAULT_DIR, metavar="DIR",
                     help=f"the claims cache, where the last check is kept (default {DEFAULT_DIR})")
    acc.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    acc.add_argument("--max-bytes", type=_size_arg, default=DEFAULT_MAX_BYTES, metavar="N",
                     help="skip articles larger than this, as check does")

    ext = command("extract", help="list the claims factcheck reads in each article")
    common(ext)
    ext.add_argument("--format", choices=["rich", "json", "yaml"], default=None,
                     help="rich (the default, or as --output's extension says: .json, .yaml), "
                          "json (the factcheck/claims@1 document) or yaml")

    exp = command(
        "explain", help="why a finding was raised, or why two claims were or were not taken "
                        "for one fact",
        description=(
            "Explain a finding (its id C1.. or its fingerprint) or two places (FILE:LINE,\n"
            "FILE:LINE:COLUMN, FILE:LINE:TEXT or a claim id such as 002#2) among the articles\n"
            "named by the PATHs, read as `check` reads them. An argument that names an existing\n"
            "file or folder is a PATH; one that reads as C<n>, a fingerprint (4 to 8 hex digits),\n"
            "FILE:LINE or ARTICLE#N is a target; --finding and --pair say it outright. With two\n"
            "FILE:LINE places and no PATH, the two files are the batch."),
        epilog="examples:\n  factcheck explain articles/ C1\n"
               "  factcheck explain articles/ 3f2a9c1e\n"
               "  factcheck explain wire.txt:3 draft.md:5\n  factcheck explain --rules")
    exp.add_argument("items", nargs="*", metavar="PATH|TARGET",
                     help="the articles to read (as for check), then what to explain")
    exp.add_argument("--finding", metavar="ID|FINGERPRINT", help="the finding to explain")
    exp.add_argument("--pair", nargs=2, metavar="PLACE",
                     help="two claims: FILE:LINE[:COLUMN|:TEXT] or claim ids")
    exp.add_argument("--rules", action="store_true",
                     help="list every rule: stage, name, why, parameters")
    common(exp, paths=False)
    exp.add_argument("--against", nargs="+", action="extend", metavar="REF", default=None,
                     help="reference articles, as for check")
    exp.add_argument("--format", choices=["rich", "json"], default=None,
                     help="rich (the default) or json (also when --output ends in .json)")
    exp.add_argument("--facts", metavar="FILE", default=None,
                     help="the desk's fact book (default: ./claims.yaml when there is one)")
    exp.add_argument("--no-facts", action="store_true", help="read no claims.yaml")
    parser.commands = sub.choices  # type: ignore[attr-defined]  # name -> parser, for suggestions
    return parser


def _settle(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What the options leave implicit, made explicit before the run: a check with no PATH
    (the usual cause: --against took the draft) says how to write it, and with no --format
    the format follows --output's extension."""
    from factcheck.report.formats import format_for_path

    if getattr(args, "output", None) == "-":
        args.output = None  # stdout, as '-' means to every tool
    if args.command == "check":
        if not args.paths:
            say = parser.commands["check"].error  # type: ignore[attr-defined]
            refs = [shlex.quote(r) for r in args.against or ()]
            if len(refs) > 1:
                say(f"no PATH to check: --against took every path after it ({' '.join(refs)}); "
                    f"name the draft first: factcheck check {refs[-1]} --against "
                    f"{' '.join(refs[:-1])}")
            elif refs:
                say(f"no PATH to check against {refs[0]}: name the draft first: "
                    f"factcheck check DRAFT --against {refs[0]}")
            else:
                say("no PATH to check: name the articles (files, folders or globs), "
                    "e.g. factcheck check articles/")
        if args.format is None and args.output:
            args.format = [format_for_path(args.output)]
    elif args.command in ("extract", "explain") and args.format is None:
        by_name = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
        given = os.path.splitext(args.output or "")[1].lower()
        args.format = by_name.get(given, "rich")
        if args.command == "explain" and args.format == "yaml":
            args.format = "rich"


def _run_stages(docs: Sequence[Document], args: argparse.Namespace
                ) -> tuple[list[Extraction], list[LoadError]]:
    """clean & segment and extract every document; a failure costs only that document."""
    from factcheck.report.progress import progress

    cache = None if args.no_cache else ClaimsCache(args.cache)
    try:
        with progress(len(docs)) as advance:
            return analyse(docs, jobs=args.jobs, cache=cache, advance=advance)
    finally:
        if cache:
            cache.close()


def _check_stages(docs: Sequence[Document], facts: Sequence[Claim], book: FactBook,
                  args: argparse.Namespace, keep_extractions: bool = False) -> Checked:
    """Every stage from clean & segment to compare, through the cache."""
    from factcheck.batch import check
    from factcheck.report.progress import progress

    cache = None if args.no_cache else ClaimsCache(args.cache)
    try:
        with progress(len(docs)) as advance:
            return check(docs, facts, aliases=book.aliases, settings=book.settings,
                         jobs=args.jobs, cache=cache, advance=advance,
                         keep_extractions=keep_extractions)
    finally:
        if cache:
            cache.close()


def _dates_of(docs: Sequence[Document], held: Mapping[str, Extraction],
              args: argparse.Namespace, keys: Mapping[str, str]) -> list[DatePoint]:
    """Every article's date points, for the one format that shows them all (the HTML timeline):
    those of articles a re-check did not need are read from the cache, without decoding their
    whole extractions (that took longer than the check)."""
    from factcheck.report.formats import date_points

    cached: dict[str, tuple[DatePoint, ...]] = {}
    if not args.no_cache and not all(d.id in held for d in docs):
        cache = ClaimsCache(args.cache)
        try:
            cached = cache.date_points({keys.get(d.id) or key_for(d): d
                                        for d in docs if d.id not in held})
        finally:
            cache.close()
    rest = [d for d in docs if d.id not in held and d.id not in cached]
    made = {ex.article.doc.id: ex for ex in (_run_stages(rest, args)[0] if rest else ())}
    made.update(held)
    return [p for d in docs if not d.trusted
            for p in (cached[d.id] if d.id in cached
                      else date_points([made[d.id]]) if d.id in made else ())]


def _inputs(docs: Sequence[Document], errors: Sequence[LoadError] = (),
            book: Optional[FactBook] = None, more: Iterable[str] = ()) -> list[str]:
    """Every file the run read: a report must never be written over one of them."""
    from factcheck.report.output import InputFiles

    return InputFiles([d.path for d in docs] + [e.path for e in errors]
                      + ([book.path] if book is not None and book.path else []) + list(more))


def _refuse_output(output: Optional[str], inputs: Sequence[str]) -> None:
    from factcheck.report.output import unsafe_target

    why = unsafe_target(output, inputs) if output else None
    if why:
        raise _UsageError(f"--output {why}")


def _emit(text: str, output: Optional[str]) -> None:
    if output:
        from factcheck.report.output import write_atomic
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


_PIPE_WIDTH = 200  # the width tables are laid out at off a terminal (text is never wrapped)


def _console(output: Optional[str]) -> Console:
    """The console a report is drawn on: a file's, recorded in plain text; stdout's, in colour
    on a terminal. Only a terminal wraps lines at its width: a pipe, a log or a file keeps each
    line whole (rich would wrap them at 80 columns), so grep and editors see whole lines."""
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    if output:
        return Console(record=True, force_terminal=False, no_color=True, width=_PIPE_WIDTH,
                       highlight=False, soft_wrap=True)
    console = Console(no_color=no_color, highlight=False)
    if not console.is_terminal:
        console.soft_wrap = True
        if not os.environ.get("COLUMNS"):  # tables (extract's) laid out wide, not at 80
            console.width = _PIPE_WIDTH
    return console



def _cmd_extract(args: argparse.Namespace) -> int:
    from factcheck.report import claims as claims_report

    docs, load_errors = load_paths(args.paths, published=args.published, max_bytes=args.max_bytes)
    load_errors = list(load_errors) + _empty_folders(args.paths, docs, load_errors)
    _refuse_output(args.output, _inputs(docs, load_errors))
    extractions, errors = _run_stages(docs, args)
    errors = list(load_errors) + errors
    if args.format == "json":
        _emit(claims_report.render_json(extractions, errors), args.output)
    elif args.format == "yaml":
        _emit(claims_report.render_yaml(extractions, errors), args.output)
    elif docs or args.output:
        console = _console(args.output)
        claims_report.print_rich(console, extractions, errors)
        if args.output:
            _emit(console.export_text(), args.output)
    if args.format != "rich" or args.output or not docs:
        # Unreadable files are named on stderr too, unless the screen shows the report itself.
        for err in errors:
            _say(f"{err.path}: {err.reason}")
    if not docs:
        _say(f"warning: no article found in {' '.join(shlex.quote(p) for p in args.paths)}")
    return EXIT_USAGE if errors or not docs else EXIT_OK


def _factbook(args: argparse.Namespace) -> FactBook:
    """The fact book named by --facts, ./claims.yaml when present, or an empty one."""
    from factcheck.facts import FactBook, load_factbook

    if args.no_facts:
        return FactBook()
    path = args.facts or ("claims.yaml" if os.path.isfile("claims.yaml") else None)
    if path is None:
        return FactBook()
    if not os.path.exists(path):
        raise _UsageError(f"{path}: no such file (--facts)")
    return load_factbook(path)


def _fact_claims(book: FactBook) -> list[Extraction]:
    """The fact book's sentences, extracted like articles; a fact with no claim is an error."""
    from factcheck.batch import analyse_one
    from factcheck.facts import fact_error

    out: list[Extraction] = []
    for doc in book.facts:
        outcome = analyse_one(doc)
        if not isinstance(outcome, Extraction) or not outcome.claims:
            raise fact_error(book, doc.id, "this fact states no number, date or quote to check "
                                           "against")
        # Report the fact where the desk wrote it: its line in claims.yaml.
        line = book.line_of(doc.id) or 1
        claims = tuple(replace(c, line=line + c.line - 1) for c in outcome.claims)
        out.append(replace(outcome, claims=claims))
    return out


def _cmd_init(args: argparse.Namespace) -> int:
    from factcheck.facts import init_factbook

    try:
        init_factbook(args.path)
    except FileExistsError:
        _say(f"{args.path} already exists; not overwritten")
        return EXIT_USAGE
    _say(f"wrote {args.path}")
    return EXIT_OK


def _cmd_accept(args: argparse.Namespace) -> int:
    """Write the fingerprints of current findings to claims.yaml's ignore list: those of a
    check of the PATHs when given, else of the last check; unknown ones are refused (a typo
    would otherwise be accepted in silence) unless --force. Says what was accepted."""
    from factcheck import accepts
    from factcheck.facts import accept as accept_in_book
    from factcheck.report.safe import shown

    wanted: list[str] = []
    paths: list[str] = []
    for item in args.items:
        fp = accepts.given_fingerprint(item)
        if fp and not os.path.exists(item):
            wanted.extend([fp] if fp not in wanted else [])
        else:
            paths.append(item)
    if not wanted:
        raise _UsageError("which finding? give its fingerprint as the report prints it "
                          "(e.g. #3f2a9c1e)")
    if os.path.exists(args.facts):  # a malformed book is said first, before any check
        from factcheck.facts import load_factbook
        load_factbook(args.facts)
    findings: list = []
    if paths:
        has_book = os.path.isfile(args.facts)
        ns = argparse.Namespace(**vars(args), paths=paths, format=None,
                                no_facts=not has_book)
        ns.facts = args.facts if has_book else None
        batch = _load_batch(ns, paths)
        done = _check_report(batch, ns, keep_extractions=False)
        for err in done.errors:
            _say(f"{err.path}: {err.reason}")
        findings = accepts.findings_of(done.report.conflicts)
        source = "the check of " + " ".join(paths)
    else:
        last = None if args.no_cache else accepts.recall(args.cache)
        if last is None and not args.force:
            raise _UsageError("no check to take the findings from: name the articles "
                              "(factcheck accept FINGERPRINT PATH...), run factcheck check "
                              "first, or give --force")
        findings = last[1] if last else []
        source = "the last check (" + " ".join(last[0]) + ")" if last else "no check"
    found, unknown = accepts.resolve(wanted, findings)
    if unknown and not args.force:
        for fp in unknown:
            _say(f"#{fp} is not a finding of {source}; nothing accepted (--force takes it)")
        listed = [f"  {f.id}  #{f.fingerprint}  {f.title}" for f in findings[:20]]
        if listed:
            _say("its findings are:")
            for line in listed:
                _say(line)
        return EXIT_USAGE
    try:
        added = set(accept_in_book(args.facts, [f.fingerprint for _, f in found] + unknown,
                                   args.reason))
    except ValueError as exc:
        raise _UsageError(str(exc))
    book = shown(args.facts)
    out = []
    for given, f in found:
        state = "accepted" if f.fingerprint in added else "already accepted"
        was = f" (given as #{given}, its fingerprint before)" if given != f.fingerprint else ""
        out.append(f"{state} #{f.fingerprint} in {book}{was}: {shown(f.title)}")
    for fp in unknown:
        out.append(f"{'accepted' if fp in added else 'already accepted'} #{fp} in {book} "
                   f"(--force: no current finding has it)")
    sys.stdout.write("".join(line + "\n" for line in out))
    return EXIT_OK


_READABLE = ("rich", "concise")  # formats a person reads on stdout: annotations may follow them


def _stdout_formats(args: argparse.Namespace, shown_report: bool = True) -> list[str]:
    """What `check` prints on stdout: the formats asked for when no file is, then, inside
    GitHub Actions, the annotations, unless stdout already carries them or a document they
    would spoil (json on stdout must stay json). The log of a CI job that writes its reports
    to files still shows every finding."""
    if args.output_dir or args.output:
        formats: list[str] = []
    else:
        formats = list(args.format or ["rich"])
    if not shown_report:
        formats = [f for f in formats if f not in _READABLE]
    if (os.environ.get("GITHUB_ACTIONS") == "true" and "github" not in formats
            and all(f in _READABLE for f in formats)):
        formats.append("github")
    return formats


def _write_check(report: Report, dates: Callable[[], Sequence[DatePoint]],
                 args: argparse.Namespace, inputs: Sequence[str],
                 shown_report: bool = True) -> list[str]:
    """Every requested format: to --output-dir, to --output, or to stdout (annotations too
    under GitHub Actions), and the job summary. Returns what could not be written (each format
    that can be is written all the same). `shown_report` False: no article was read, the
    warning says so and no empty report is drawn on the screen."""
    from factcheck.report.formats import EXTENSIONS, render, step_summary
    from factcheck.load import REPORTS_MARKER, own_reports
    from factcheck.report.output import unsafe_target, write_atomic

    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    formats = args.format or ["rich"]
    failed: list[str] = []
    written: list[str] = []
    if args.output_dir:
        try:
            os.makedirs(args.output_dir, exist_ok=True)
        except OSError as exc:
            failed.append(f"--output-dir {args.output_dir}: {exc.strerror or exc}; nothing written")
            formats = []
        for fmt in formats:
            path = os.path.join(args.output_dir, f"factcheck.{EXTENSIONS[fmt]}")
            why = unsafe_target(path, inputs)
            if why:
                failed.append(f"{fmt} report: {why}")
                continue
            try:
                write_atomic(path, render(fmt, report, dates() if fmt == "html" else (), at=path))
                written.append(os.path.basename(path))
            except OSError as exc:
                failed.append(f"{fmt} report: cannot write {path}: {exc.strerror or exc}")
        if written:
            # Name them beside them, so a later run over this folder does not read them back.
            marker = os.path.join(args.output_dir, REPORTS_MARKER)
            known = own_reports(args.output_dir)
            try:
                write_atomic(marker, "".join(f"{n}\n" for n in sorted(known | set(written))))
            except OSError:
                pass  # the reports are written; only a later run over this folder would read them
    elif args.output:
        _refuse_output(args.output, inputs)  # again: the target may have changed during the run
        write_atomic(args.output, render(formats[0], report,
                                         dates() if formats[0] == "html" else (), at=args.output))
    for fmt in _stdout_formats(args, shown_report):
        if fmt == "rich":
            from factcheck.report import check as check_report
            check_report.print_rich(_console(None), report)
        else:
            sys.stdout.write(render(fmt, report, dates() if fmt == "html" else ()))
    sys.stdout.flush()
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and (in_actions or "github" in formats):
        try:
            with open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(step_summary(report))
        except OSError as exc:
            _say(f"cannot append to GITHUB_STEP_SUMMARY: {exc}")
    return failed


class _Batch(NamedTuple):
    """What a check reads: the fact book, the articles (drafts, then references), the files
    that could not be read, and the drafts' ids (`--against` reports only findings on them)."""

    book: FactBook
    docs: list[Document]
    load_errors: list[LoadError]
    focus: set[str]
    notes: tuple[str, ...] = ()  # undated drafts, named


def _load_batch(args: argparse.Namespace, paths: Sequence[str]) -> _Batch:
    book = _factbook(args)
    cache_dir = None if args.no_cache else args.cache
    docs, load_errors = read_paths(paths, published=args.published, max_bytes=args.max_bytes,
                                   jobs=args.jobs, cache_dir=cache_dir)
    focus = {d.id for d in docs}
    load_errors = list(load_errors) + _empty_folders(paths, docs, load_errors)
    notes: tuple[str, ...] = ()
    if args.against:
        notes = _undated_drafts(docs, args)
        references, ref_errors = read_paths(args.against, published=args.published,
                                            max_bytes=args.max_bytes, taken=focus, jobs=args.jobs,
                                            cache_dir=cache_dir)
        # A draft also named among the references (a folder holding it) is read once.
        drafts = {(d.path, d.text) for d in docs}
        docs = list(docs) + [r for r in references if (r.path, r.text) not in drafts]
        load_errors = (list(load_errors) + list(ref_errors)
                       + _empty_folders(args.against, references, ref_errors))
    return _Batch(book, list(docs), list(load_errors), focus, notes)


def _undated_drafts(docs: Sequence[Document], args: argparse.Namespace) -> tuple[str, ...]:
    """Under --against, each draft with no date (and no --published) named in a warning: in
    the report, and on stderr when the report is not the terminal's. It stays undated: read
    as of today, a draft about a story of last year would leave that story's event and be
    checked against nothing; undated, it joins the references' story by its names, and its
    elapsed times compare as figures with the story's (rule elapsed-same-day)."""
    from factcheck.report.check import undated_draft_note

    notes = tuple(undated_draft_note(d.path) for d in docs
                  if d.published is None and not d.trusted)
    if args.format not in (None, "rich", ["rich"]) or args.output or \
            getattr(args, "output_dir", None):
        for note in notes:
            _say(f"warning: {note}")
    return notes


def _empty_folders(given: Sequence[str], docs: Sequence[Document],
                   errors: Sequence[LoadError]) -> list[LoadError]:
    """Each folder named on the command line that holds no article, named as a missing file is
    (and a glob that matches nothing): a check of nothing must not pass for a check."""
    from factcheck.load import ARTICLE_SUFFIXES

    held = {os.path.abspath(x.path) for x in [*docs, *errors]}
    out: list[LoadError] = []
    for arg in given:
        if not os.path.isdir(arg):
            continue
        root = os.path.join(os.path.abspath(arg), "")
        if not any(p.startswith(root) for p in held):
            out.append(LoadError(arg, "no article in this folder (factcheck reads "
                                      f"{', '.join(ARTICLE_SUFFIXES)} files)"))
    return out


class _Checked(NamedTuple):
    report: Report
    checked: Checked
    errors: list[LoadError]
    analysed: list[Document]
    undated: Optional[str]


def _check_report(batch: _Batch, args: argparse.Namespace, keep_extractions: bool) -> _Checked:
    """The check of a batch as its report: findings filtered (--against), accepted, numbered."""
    from factcheck import accepts
    from factcheck.compare import for_draft
    from factcheck.report import check as check_report

    book, docs, load_errors, focus, draft_notes = batch
    taken = {d.id for d in docs}
    clash = [f.id for f in book.facts if f.id in taken]
    if clash:
        raise _UsageError(f"{book.path}: fact id {clash[0]!r} is also an article's id")
    facts = _fact_claims(book)
    checked = _check_stages(docs, [c for ex in facts for c in ex.claims], book, args,
                            keep_extractions)
    errors = list(load_errors) + checked.errors
    conflicts = checked.conflicts
    if args.against:
        conflicts = for_draft(conflicts, focus)
    conflicts, notes = accepts.apply(conflicts, book, docs, focus if args.against else None)
    notes = list(draft_notes) + notes
    analysed = [d for d in docs if d.id in checked.claim_counts]
    undated = check_report.undated_note([d for d in analysed if not (
        draft_notes and d.id in focus)])
    if undated:
        notes.append(undated)
    counts = {**checked.claim_counts, **{ex.article.doc.id: len(ex.claims) for ex in facts}}
    # Titled for the report only: `analysed` stays as loaded (a title is part of a cache key).
    shown = [titled(d, checked.titles.get(d.id)) for d in analysed]
    report = check_report.build_from(shown + [ex.article.doc for ex in facts], counts, errors,
                                     conflicts, notes, drafts=sorted(focus) if args.against else ())
    return _Checked(report, checked, errors, analysed, undated)


def _cmd_check(args: argparse.Namespace) -> int:
    from factcheck.compare import exit_severities

    if args.format and len(args.format) > 1 and not args.output_dir:
        raise _UsageError("several formats need --output-dir (one file per format)")
    if args.output and args.output_dir:
        raise _UsageError("--output and --output-dir: give one (--output-dir writes every format)")
    indexed = _indexed_check(args)
    if indexed is None:
        batch = _load_batch(args, args.paths)
        inputs = _inputs(batch.docs, batch.load_errors, batch.book)
        _refuse_output(args.output, inputs)
        report, checked, errors, analysed, undated = _check_report(
            batch, args, keep_extractions="html" in (args.format or ()))
        found = bool(batch.focus)
        unwritten = _write_check(report, lambda: _dates_of(analysed, checked.extractions, args,
                                                             checked.keys),
                                 args, inputs, shown_report=found)
    else:
        report, errors, undated, inputs, drafts = indexed
        found = drafts > 0
        unwritten = _write_check(report, lambda: [], args, inputs, shown_report=found)
    if not args.no_cache:  # for `factcheck accept`: the fingerprints this check showed
        from factcheck.accepts import remember
        remember(args.cache, list(args.paths) + list(args.against or ()), report.conflicts)
    on_screen = _stdout_formats(args, found)
    if not any(f in _READABLE for f in on_screen):  # else the report names them itself
        for err in errors:
            _say(f"{err.path}: {err.reason}")
    if undated and "rich" not in on_screen:
        _say(f"note: {undated}")  # the report itself went to a file or is not for people
    for problem in unwritten:
        _say(f"error: {problem}")
    if args.statistics:
        from factcheck.report import check as check_report
        from factcheck.report.concise import render_statistics
        sys.stderr.write(render_statistics(check_report.report_document(report)))
    if not found:
        _say(f"warning: no article found in {' '.join(shlex.quote(p) for p in args.paths)}"
             + (" (the drafts to check against the references)" if args.against else ""))
        return EXIT_USAGE
    if unwritten or (errors and args.fail_on != "never"):
        return EXIT_USAGE
    failing = exit_severities(args.fail_on)
    if any(c.severity in failing and not c.accepted for c in report.conflicts):
        return EXIT_FINDINGS
    return EXIT_OK


class _Indexed(NamedTuple):
    report: Report
    errors: list[LoadError]
    undated: Optional[str]
    inputs: list[str]
    drafts: int  # articles read from the PATHs


def _indexed_check(args: argparse.Namespace) -> Optional[_Indexed]:
    """`check DRAFT --against ARCHIVE` through the archive index in the cache folder, when
    there is one that answers for this archive: the report of the full check, read from the
    drafts' events only. None (and the full check) when there is no index; a one-line warning
    when there is one that cannot answer. The HTML report shows every article's claims: it
    takes the full way."""
    from factcheck import index as archive_index

    if not args.against or args.no_cache or "html" in (args.format or ()):
        return None
    try:
        index = archive_index.Index(args.cache)
    except FileNotFoundError:
        return None
    except archive_index.Stale as exc:
        _say(f"warning: {exc}; checking the whole archive")
        return None
    try:
        return _through_index(index, args)
    except archive_index.Stale as exc:
        _say(f"warning: {exc}; checking the whole archive (run factcheck index again)")
        return None
    except sqlite3.Error as exc:  # damaged past its first page
        _say(f"warning: archive index {index.path} cannot be read ({exc}); checking the whole "
             f"archive (run factcheck index again)")
        return None
    finally:
        index.close()


def _through_index(index, args: argparse.Namespace) -> _Indexed:
    from factcheck import accepts
    from factcheck.compare import for_draft
    from factcheck.index import Stale, draft_findings
    from factcheck.load import load_file
    from factcheck.report import check as check_report

    files, identities = index.covers(args.against, args.published, args.max_bytes)
    book = _factbook(args)
    docs, load_errors = load_paths(args.paths, published=args.published, max_bytes=args.max_bytes)
    load_errors = list(load_errors) + _empty_folders(args.paths, docs, load_errors)
    draft_notes = _undated_drafts(docs, args)
    if any(_identity(d.path) in identities for d in docs):  # the same file, by any path
        raise Stale("a draft is also one of the archive's files")
    taken = index.taken([d.id for d in docs] + [f.id for f in book.facts])
    if any(d.id in taken for d in docs):
        raise Stale("a draft's id is also an archive article's")
    inputs = _inputs(docs, load_errors, book, files)
    _refuse_output(args.output, inputs)
    facts = _fact_claims(book)
    clash = [f.id for f in book.facts if f.id in taken or f.id in {d.id for d in docs}]
    if clash:
        raise _UsageError(f"{book.path}: fact id {clash[0]!r} is also an article's id")
    cache = ClaimsCache(args.cache)
    try:
        drafts, draft_errors = analyse(docs, jobs=1, cache=cache)
        conflicts, _ = draft_findings(
            index, drafts, cache, lambda p: load_file(p, published=args.published,
                                                      max_bytes=args.max_bytes),
            [c for ex in facts for c in ex.claims], book.aliases, book.settings)
    finally:
        cache.close()
    archive_load, archive_check = index.failures()
    errors = list(load_errors) + archive_load + draft_errors + archive_check
    conflicts, notes = accepts.apply(for_draft(conflicts, {d.id for d in docs}), book, docs,
                                     {d.id for d in docs})
    notes = list(draft_notes) + notes
    analysed = [titled(ex.article.doc, title_of(ex.article)) for ex in drafts]
    undated = check_report.undated_note(([] if draft_notes else analysed) + index.undated())
    if undated:
        notes.append(undated)
    counts = {**{ex.article.doc.id: len(ex.claims) for ex in drafts},
              **{ex.article.doc.id: len(ex.claims) for ex in facts}}
    # The archive's articles are listed as the index wrote them, after the drafts: 100,000
    # documents are not rebuilt to be written again (issue 16).
    report = check_report.build_from(analysed + [ex.article.doc for ex in facts], counts, errors,
                                     conflicts, notes, drafts=[d.id for d in docs],
                                     listed=index.listing())
    return _Indexed(report, errors, undated, inputs, len(docs))


def _identity(path: str) -> Optional[tuple[int, int]]:
    """A file's (device, inode): the same file under any path, symlink or hard link."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _cmd_index(args: argparse.Namespace) -> int:
    """Check the archive once through the cache and write its index beside the cache."""
    from factcheck.batch import check
    from factcheck.cache import key_for
    from factcheck.index import build, index_path
    from factcheck.load import find_files
    from factcheck.report.progress import progress

    files, _ = find_files(args.paths)
    docs, load_errors = load_paths(args.paths, published=args.published, max_bytes=args.max_bytes)
    if not docs:
        for err in load_errors:
            _say(f"{err.path}: {err.reason}")
        raise _UsageError(f"no article found in "
                          f"{' '.join(shlex.quote(p) for p in args.paths)}: no index made")
    cache = ClaimsCache(args.cache)
    try:
        with progress(len(docs)) as advance:
            checked = check(docs, jobs=args.jobs, cache=cache, advance=advance,
                            keep_extractions=False)
        failed = {e.id for e in checked.errors}
        keys = {d.id: key_for(d) for d in docs if d.id not in failed}
        known = cache.summaries(list(keys.values()))
    finally:
        cache.close()
    if len(known) < len(set(keys.values())):
        raise _UsageError(f"the claims cache in {args.cache} cannot be written: no index made")
    profiles = {aid: known[key][0] for aid, key in keys.items()}
    try:
        done = build(args.cache, args.paths, files, docs, load_errors, checked.errors, profiles,
                     checked.claim_counts, args.published, args.max_bytes, checked.titles)
    except (OSError, sqlite3.Error) as exc:
        raise _UsageError(f"{index_path(args.cache)}: cannot be written ({exc})")
    errors = list(load_errors) + checked.errors
    for err in errors:
        _say(f"{err.path}: {err.reason}")
    _say(f"indexed {done.articles:,} articles in {done.events:,} events → "
         f"{index_path(args.cache)}")
    return EXIT_USAGE if errors else EXIT_OK


_FINDING_ID = re.compile(r"[Cc]\d+")
_FINGERPRINT = re.compile(r"[0-9a-fA-F]{4,8}")


def _explain_targets(args: argparse.Namespace) -> tuple[list[str], list[str], list]:
    """The PATHs, findings and places among `explain`'s arguments: an existing file or folder
    is a PATH; C<n> or 4-8 hex digits a finding; FILE:LINE[:...] or ARTICLE#N a place; anything
    else a PATH (which loading then names if it is missing)."""
    from factcheck.report.explain import parse_place

    paths: list[str] = []
    findings: list[str] = [args.finding] if args.finding else []
    places: list = []
    for item in args.items:
        if os.path.exists(item):
            paths.append(item)
        elif _FINDING_ID.fullmatch(item) or _FINGERPRINT.fullmatch(item):
            findings.append(item)
        else:
            place = parse_place(item)
            if place is not None:
                places.append(place)
            else:
                paths.append(item)
    for given in args.pair or ():
        place = parse_place(given)
        if place is None:
            raise _UsageError(f"--pair {given}: not a place (FILE:LINE, FILE:LINE:COLUMN, "
                              f"FILE:LINE:TEXT with FILE an existing file, or a claim id "
                              f"such as 002#2)")
        places.append(place)
    return paths, findings, places


def _find_conflict(report: Report, wanted: str):
    """The finding a user named by id (C3) or fingerprint (or its first 4+ characters)."""
    from factcheck.report.explain import ExplainError

    w = wanted.strip().lower()
    found = [c for c in report.conflicts if c.id.lower() == w]
    if len(w) >= 4:
        found += [c for c in report.conflicts if c.fingerprint.startswith(w) and c not in found]
    if len(found) == 1:
        return found[0]
    listed = [f"  {c.id}  #{c.fingerprint}  {c.kind}: {c.message}" for c in report.conflicts]
    if found:
        raise ExplainError(f"{wanted} names {len(found)} findings; give more of the fingerprint:",
                           [f"  {c.id}  #{c.fingerprint}  {c.kind}: {c.message}" for c in found])
    if not listed:
        raise ExplainError(f"no finding {wanted}: the check of these articles finds nothing")
    more = [f"  … and {len(listed) - 20} more"] if len(listed) > 20 else []
    raise ExplainError(f"no finding {wanted}; the check of these articles finds:",
                       listed[:20] + more)


def _print_to(args: argparse.Namespace, draw: Callable[[Console], None]) -> None:
    console = _console(args.output)
    draw(console)
    if args.output:
        _emit(console.export_text(), args.output)


def _cmd_explain(args: argparse.Namespace) -> int:
    from factcheck.report import explain

    paths, findings, places = _explain_targets(args)
    if args.rules:
        if findings or places:
            raise _UsageError("--rules lists the rulebook: give it no finding or place")
        if args.format == "json":
            _emit(explain.render_json(explain.rules_document()), args.output)
        else:
            _print_to(args, explain.print_rules)
        return EXIT_OK
    if findings and places:
        raise _UsageError("explain takes a finding or two places, not both")
    if len(findings) > 1:
        raise _UsageError(f"explain takes one finding at a time (got {', '.join(findings)})")
    if not findings and len(places) != 2:
        missing = [p for p in paths if not os.path.exists(p)]
        if places:
            raise _UsageError(f"explain takes two places (got {len(places)}: "
                              f"{', '.join(p.given for p in places)})"
                              + (f"; no such file: {', '.join(missing)}" if missing else ""))
        raise _UsageError("what to explain? a finding (C1 or its fingerprint) or two places "
                          "(FILE:LINE or claim ids), after the articles' PATHs; or --rules")
    if not paths:
        # Two FILE:LINE places name their own batch; a finding or a claim id needs the PATHs.
        files = list(dict.fromkeys(p.file for p in places if p.file))
        if findings or any(p.file is None for p in places):
            raise _UsageError("name the articles to read (the PATHs given to check) before "
                              "the finding or places")
        paths = files
        _say("note: only " + " and ".join(files) + " read; name the batch's PATHs to weigh "
             "words and stories as its check does")
    batch = _load_batch(args, paths)
    try:
        _refuse_output(args.output, _inputs(batch.docs, batch.load_errors, batch.book))
        if findings:
            done = _check_report(batch, args, keep_extractions=False)
            errors = done.errors
            conflict = _find_conflict(done.report, findings[0])
            if args.format == "json":
                _emit(explain.render_json(explain.finding_document(conflict)), args.output)
            else:
                _print_to(args, lambda console: explain.print_finding(console, conflict))
        else:
            extractions, extract_errors = _run_stages(batch.docs, args)
            errors = list(batch.load_errors) + extract_errors
            facts = [c for ex in _fact_claims(batch.book) for c in ex.claims]
            claims = [c for ex in extractions for c in ex.claims] + facts
            a, b = (explain.resolve(p, claims) for p in places)
            told = explain.explain_claims(a, b, claims, batch.book.aliases, batch.book.settings)
            if args.format == "json":
                _emit(explain.render_json(explain.pair_document(told)), args.output)
            else:
                _print_to(args, lambda console: explain.print_pair(console, told))
    except explain.ExplainError as exc:
        # What could not be read is said first: it may be why the finding or place is missing.
        for err in batch.load_errors:
            _say(f"{err.path}: {err.reason}")
        for line in exc.lines:
            _say(line)
        return EXIT_USAGE
    for err in errors:
        _say(f"{err.path}: {err.reason}")
    return EXIT_USAGE if errors else EXIT_OK


class _Stopped(KeyboardInterrupt):
    """Ctrl-C or SIGTERM: unwinds like Ctrl-C (workers stopped, the cache closed), and says
    which signal so the exit code can (130 or 143)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _exit_now(signum: int, frame: object) -> None:
    """A second Ctrl-C (or SIGTERM) while the first is being handled: leave at once."""
    try:
        os.write(2, b"factcheck: interrupted\n")
    finally:
        os._exit(128 + signum)


def _stop(signum: int, frame: object) -> None:
    signal.signal(signal.SIGINT, _exit_now)
    signal.signal(signal.SIGTERM, _exit_now)
    raise _Stopped(signum)


def _trap_signals() -> Optional[dict]:
    """Handlers for Ctrl-C and SIGTERM while a command runs; the previous ones, to put back
    (None when not on the main thread, where signals cannot be set)."""
    try:
        return {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:
        return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        _unrecognized(parser, args, extras)
    _settle(parser, args)
    previous = _trap_signals()
    try:
        return _dispatch(args)
    except KeyboardInterrupt as exc:
        # Kept till the process ends: a second Ctrl-C during its exit leaves at once, quietly.
        previous = None
        signal.signal(signal.SIGINT, _exit_now)
        signal.signal(signal.SIGTERM, _exit_now)
        sys.stderr.write("factcheck: interrupted\n")
        code = 128 + getattr(exc, "signum", signal.SIGINT)
        if argv is None:  # the command itself: leave now, waiting on nothing at exit
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            os._exit(code)
        sys.stderr.flush()
        return code
    finally:
        for signum, handler in (previous or {}).items():
            signal.signal(signum, handler)


def _dispatch(args: argparse.Namespace) -> int:
    try:
        if args.command == "extract":
            return _cmd_extract(args)
        if args.command == "init":
            return _cmd_init(args)
        if args.command == "accept":
            return _cmd_accept(args)
        if args.command == "explain":
            return _cmd_explain(args)
        if args.command == "index":
            return _cmd_index(args)
        return _cmd_check(args)
    except FactBookError as exc:
        _say(str(exc))
        return EXIT_USAGE
    except _UsageError as exc:
        _say(f"error: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        _say(str(exc))
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())

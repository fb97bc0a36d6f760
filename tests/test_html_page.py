"""The HTML report as a page an editor wants (issue 17): links that work from where the report
is written, the page's own lines for .html articles in every format, and a title for every
article. The layout itself is asserted in a browser (test_html_chromium.py)."""

from __future__ import annotations

import json
import re

import pytest

from factcheck.cli import main
from factcheck.load import file_place, file_places, load_paths
from factcheck.report.html import file_href
from factcheck.segment import segment, title_of, titled

# A page of our own: a headline repeated in <title>, a paragraph over two lines of the file,
# inline markup and an entity before a claim, a script and a most-read list around the story.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Meran harbour tunnel opens to traffic | Coastline Daily</title>
  <meta property="og:site_name" content="Coastline Daily">
  <meta property="article:published_time" content="2025-05-06T09:00:00+00:00">
</head>
<body>
  <nav class="top"><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
  <main>
    <article>
      <h1>Meran harbour tunnel opens to traffic</h1>
      <p class="byline">By Ilse Varn</p>

      <p>The Port Meran harbour tunnel opened to traffic on Monday, the city council said,
      after four years of digging under the old fish market.</p>

      <p>Mayor Oda Brenn said the tunnel is <em>2.8 km</em> long &amp; carries two lanes each way.</p>

      <p>About 40,000 vehicles a day are expected to use it by the end of the year, Brenn said.</p>
    </article>
    <aside><h2>Most read</h2><ul><li><a href="/a">Ferry fares rise by 5%</a></li></ul></aside>
  </main>
  <script>var pageInfo = {"words": 61, "id": 7781};</script>
</body>
</html>
"""

WIRE = """Meran opens harbour tunnel

Updated: May 5, 2025

PORT MERAN (Wire) - The Port Meran harbour tunnel opened to traffic on Monday after four years of work, the city council said.

Mayor Oda Brenn told reporters the tunnel is 3.4 km long and carries two lanes in each direction.

About 40,000 vehicles a day are expected to use it by the end of the year.
"""


def place(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    """The 1-based line and column of `words` (its nth copy) in `text`."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(words, at + 1)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A desk folder: the page and the wire copy under news/, reports written elsewhere."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "coastline-daily.html").write_text(PAGE, encoding="utf-8")
    (news / "meran-wire.txt").write_text(WIRE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ── the page's own lines ──────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("words, nth", [
    ("Monday", 0),        # the first line of a paragraph that runs over two lines of the file
    ("four years", 0),    # its second line
    ("2.8 km", 0),        # after inline markup
    ("two lanes", 0),     # after an entity (&amp;: five characters in the file, one in the text)
    ("About 40,000 vehicles a day", 0),
])
def test_claims_of_a_page_stand_on_its_own_lines(desk, capsys, words, nth):
    main(["extract", "news/coastline-daily.html", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    [article] = doc["articles"]
    claim = next(c for c in article["claims"] if c["text"] == words)
    assert (claim["line"], claim["column"]) == place(PAGE, words, nth)
    # The offsets keep their meaning: they are into the extracted text, which holds the words.
    loaded, _ = load_paths(["news/coastline-daily.html"])
    assert loaded[0].text[claim["start"]:claim["end"]] == words


def test_a_finding_names_the_page_line_in_every_format(desk, capsys):
    line, column = place(PAGE, "2.8 km")
    assert line == 19  # in the text the trafilatura extracts, this sentence is on line 5
    wire_line, wire_column = place(WIRE, "3.4 km")
    where = f"news/coastline-daily.html:{line}:{column}"

    assert main(["check", "news", "--no-cache", "--format", "json"]) == 1
    [finding] = json.loads(capsys.readouterr().out)["conflicts"]
    sides = {s["path"]: (s["line"], s["column"]) for s in finding["claims"]}
    assert sides == {"news/coastline-daily.html": (line, column),
                     "news/meran-wire.txt": (wire_line, wire_column)}

    main(["check", "news", "--no-cache", "--format", "sarif"])
    sarif = json.loads(capsys.readouterr().out)
    regions = {loc["physicalLocation"]["artifactLocation"]["uri"]:
               (loc["physicalLocation"]["region"]["startLine"],
                loc["physicalLocation"]["region"]["startColumn"])
               for r in sarif["runs"][0]["results"]
               for loc in r["locations"] + r.get("relatedLocations", [])}
    assert regions["news/coastline-daily.html"] == (line, column)

    main(["check", "news", "--no-cache", "--format", "github"])
    annotated = set(re.findall(r"file=([^,]+),line=(\d+),col=(\d+)", capsys.readouterr().out))
    assert annotated and annotated <= {("news/coastline-daily.html", str(line), str(column)),
                                       ("news/meran-wire.txt", str(wire_line), str(wire_column))}

    main(["check", "news", "--no-cache", "--format", "rich"])
    assert where in capsys.readouterr().out

    main(["check", "news", "--no-cache", "--format", "html"])
    page = capsys.readouterr().out
    assert f'href="news/coastline-daily.html#L{line}">{where}</a>' in page


@pytest.mark.parametrize("raw, text, expected", [
    # (page, extracted text, [(words, line, column)])
    ("<p>One\n  two <b>three</b></p>", "One two three", [("One", 1, 4), ("two", 2, 3),
                                                        ("three", 2, 10)]),
    ("<p>A &amp; B &#8211; C</p>", "A & B – C", [("&", 1, 6), ("B", 1, 12), ("C", 1, 22)]),
    # The headline is looked for below <body> first: <title> repeats it.
    ("<title>Big news</title>\n<body>\n<h1>Big news</h1>", "Big news", [("news", 3, 9)]),
    # A title the page shows only in <title> is found there.
    ("<title>Only here</title>\n<body><p>Body text.</p>", "Only here\n\nBody text.",
     [("here", 1, 13), ("text", 2, 15)]),
    # Script and comment text is not the page's text.
    ("<script>x = 'Calm seas'</script><!-- Calm seas -->\n<p>Calm seas</p>", "Calm seas",
     [("seas", 2, 9)]),
    # A word the extractor changed: the words around it still find their place.
    ("<p>Ferries sail daily at nine.</p>", "Ferries sail dayly at nine.",
     [("Ferries", 1, 4), ("at", 1, 23), ("nine", 1, 26)]),
])
def test_file_places(raw, text, expected):
    places = file_places(raw, text)
    for words, line, column in expected:
        assert file_place(places, text.index(words)) == (line, column), words


def test_file_places_of_a_rewritten_page_take_seconds():
    """Lines not on the page are looked for near where the last one ended, and the whole page
    only a bounded number of times (searching all 4 MB for each line took minutes)."""
    import time

    raw = "<html><body>" + "\n".join(f"<p>harbour news item {i} &amp; more</p>"
                                     for i in range(100_000)) + "</body></html>"
    text = "\n".join(f"rewritten line {i} nowhere on the page" for i in range(20_000))
    started = time.process_time()
    file_places(raw, text)
    assert time.process_time() - started < 20


# ── links from where the report is ───────────────────────────────────────────────────────────


def _hrefs(page: str) -> set[str]:
    return set(re.findall(r'href="([^"#]+)', page))


@pytest.mark.parametrize("output, expected", [
    ("reports/2025/check.html", "../../news/coastline-daily.html"),
    ("check.html", "news/coastline-daily.html"),
    ("news/check.html", "coastline-daily.html"),
])
def test_links_are_relative_to_the_report_file(desk, output, expected):
    (desk / output).parent.mkdir(parents=True, exist_ok=True)
    main(["check", "news/coastline-daily.html", "news/meran-wire.txt", "--no-cache", "--format",
          "html", "--output", output])
    page = (desk / output).read_text(encoding="utf-8")
    assert expected in _hrefs(page)
    assert (desk / output).parent.joinpath(expected).resolve() == desk / "news/coastline-daily.html"
    assert f'href="{expected}#L19"' in page


def test_links_from_an_output_dir_and_from_stdout(desk, capsys):
    main(["check", "news", "--no-cache", "--format", "html,json", "--output-dir", "out/ci"])
    page = (desk / "out/ci/factcheck.html").read_text(encoding="utf-8")
    assert _hrefs(page) == {"../../news/coastline-daily.html", "../../news/meran-wire.txt"}
    capsys.readouterr()
    main(["check", "news", "--no-cache", "--format", "html"])
    assert _hrefs(capsys.readouterr().out) == {"news/coastline-daily.html", "news/meran-wire.txt"}


@pytest.mark.parametrize("path, base, expected", [
    ("javascript:alert(1)", None, "javascript%3Aalert%281%29"),
    ("news/javascript:x.txt", "/nowhere/r", "../../{cwd}/news/javascript%3Ax.txt"),
    ("//evil.example/a.txt", None, "/evil.example/a.txt"),
])
def test_links_never_carry_a_scheme_or_a_host(path, base, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    href = file_href(path, 3, base)
    cwd = str(tmp_path).lstrip("/")
    assert href == expected.replace("{cwd}", cwd) + "#L3"
    assert not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) and not href.startswith("//")


# ── a title for every article ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("name, content, title, source", [
    # a headline segment finds above the story
    ("story.txt", "Home | World | Sport\n\nFerry Service Resumes After Storm Closes Port\n\n"
                  "The ferry service between Port Venn and Ilsa resumed on Tuesday after the "
                  "storm that closed the port for three days, the harbour office said.\n\n"
                  "Ferries will run every two hours until the weekend, it said.\n",
     "Ferry Service Resumes After Storm Closes Port", "headline"),
    # no headline shape: the first line
    ("note.txt", "the harbour office said on Tuesday that ferries run again\n",
     "the harbour office said on Tuesday that ferries run again", "headline"),
    # a Markdown heading without front matter, its marks taken off
    ("draft.md", "# Ferries run again\n\nThe ferry service between Port Venn and Ilsa resumed "
                 "on Tuesday after the storm, the harbour office said. Ferries will run every two "
                 "hours until the weekend.\n", "Ferries run again", "headline"),
    ("front.md", "---\ntitle: Ferries back at sea\n---\nFerry news\n\nThe service resumed.\n",
     "Ferries back at sea", "metadata"),
    ("feed.jsonl", json.dumps({"text": "Ferries sail again\n\nThe ferry service resumed on "
                                       "Tuesday, the harbour office said."}) + "\n",
     "Ferries sail again", "headline"),
    ("page.html", "<html><body><article><h1>Ferries sail again</h1><p>The ferry service "
                  "between Port Venn and Ilsa resumed on Tuesday after the storm, the harbour "
                  "office said.</p></article></body></html>", "Ferries sail again", None),
])
def test_every_article_has_a_title(tmp_path, monkeypatch, capsys, name, content, title, source):
    """Load keeps a title the file gives; the others come with the extraction (`title_of`),
    and every command shows the same one."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(content, encoding="utf-8")
    [doc], errors = load_paths([name])
    assert errors == []
    assert doc.title == (None if source == "headline" else title)
    if source == "metadata":
        assert doc.title_from == "metadata"
    assert title_of(segment(doc)) == title
    for command in (["check"], ["extract"]):
        main([*command, name, "--no-cache", "--format", "json"])
        [shown] = json.loads(capsys.readouterr().out)["articles"]
        assert shown["title"] == title


def test_a_long_first_line_is_cut_to_a_title(tmp_path):
    line = "word " * 100
    (tmp_path / "long.txt").write_text(line + "\n", encoding="utf-8")
    [doc], _ = load_paths([str(tmp_path / "long.txt")])
    title = title_of(segment(doc))
    assert title is not None and title.endswith("…") and len(title) <= 161


def test_txt_articles_have_titles_in_the_report(desk, capsys):
    main(["check", "news", "--no-cache", "--format", "json"])
    titles = {a["id"]: a["title"] for a in json.loads(capsys.readouterr().out)["articles"]}
    assert titles == {"coastline-daily": "Meran harbour tunnel opens to traffic",
                      "meran-wire": "Meran opens harbour tunnel"}
    main(["check", "news", "--no-cache", "--format", "html"])
    assert '<td data-label="Title" class="title">Meran opens harbour tunnel</td>' in capsys.readouterr().out


def test_a_headline_title_does_not_move_the_headline(tmp_path):
    """A page listing its own headline among other stories above it: the title made from the
    headline must not make segment take the list's copy for the headline."""
    others = "".join(f"Council news item number {n} of the week\n\n" for n in range(20))
    text = ("Headlines\n\nFerry Service Resumes After Storm Closes Port\n\n" + others
            + "Ferry Service Resumes After Storm Closes Port\n\n"
            "The ferry service between Port Venn and Ilsa resumed on Tuesday after the storm "
            "that closed the port for three days, the harbour office said.\n\n"
            "Ferries will run every two hours until the weekend, the service said.\n")
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    [doc], _ = load_paths([str(tmp_path / "page.txt")])
    untitled = segment(doc)
    assert title_of(untitled) == "Ferry Service Resumes After Storm Closes Port"
    article = segment(titled(doc, title_of(untitled)))
    assert article.doc.title == "Ferry Service Resumes After Storm Closes Port"
    assert [(s.start, s.role) for s in article.sentences] == [
        (s.start, s.role) for s in untitled.sentences]

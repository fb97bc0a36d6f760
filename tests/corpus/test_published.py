"""Corpus for a page's publication date (load.published_date): (page text, page address,
expected date or None, where from). Each row is an invented page in the shape real sites print
their date lines; negatives sit beside the positives they could be mistaken for."""

import json
import time
from datetime import date

import pytest

from factcheck.load import load_paths, published_date

TODAY = date(2025, 1, 1)  # "today" for every row: a date after it is no publication date
TITLE = "Harbour Strike Ends After Talks\n"
STORY = ("Dock workers in Kestrel Bay returned to work after a nine-day strike, the union said.\n"
         "The harbour authority agreed to review shift rotas by the end of the year.\n"
         "Ferries to the outer islands resumed their timetable in the afternoon.\n")


def page(date_line: str) -> str:
    return TITLE + date_line + "\n" + STORY


CORPUS = [
    # ── a date line under the headline, in the shapes sites print ──
    (page("Tue Feb 3, 2015 9:05am EST"), None, "2015-02-03", "text"),
    (page("March 4, 2016, 3:12 pm GMT"), None, "2016-03-04", "text"),
    (page("Sunday, 8 March 2015"), None, "2015-03-08", "text"),
    (page("9 March 2015 Last updated at 14:05 GMT"), None, "2015-03-09", "text"),
    (page("Published time: April 7, 2014 11:40"), None, "2014-04-07", "text"),
    (page("June 3rd, 2014 4:00pm EDT"), None, "2014-06-03", "text"),
    (page("(October 14, 2006)--"), None, "2006-10-14", "text"),
    (page("10:41 p. m. EDT June 4, 2014"), None, "2014-06-04", "text"),  # tokenized text
    (page("6:40 a.m. Jan. 19, 2011"), None, "2011-01-19", "text"),
    (page("PUBLISHED: MONDAY, JUNE 9, 2014, 2:45 PM"), None, "2014-06-09", "text"),
    (page("POSTED: 0930 GMT (1730 HKT), May 6, 2012"), None, "2012-05-06", "text"),
    (page("By Tomas Lindqvist | May 6, 2012"), None, "2012-05-06", "text"),
    (page("KESTREL BAY, Ore., May 6, 2012"), None, "2012-05-06", "text"),
    (page("Story Created: Sep 3, 2013 at 8:56 AM AKDT"), None, "2013-09-03", "text"),
    (page("Article posted on 14.08.2013"), None, "2013-08-14", "text"),  # dotted: day first
    (page("Published: 2013.08.14 10:01 AM"), None, "2013-08-14", "text"),
    (page("6 April 2016, 11:20 (GMT+05:00)"), None, "2016-04-06", "text"),
    (page("NNS Mar 2, 2016, 07.12AM IST HARBOURTON:"), None, "2016-03-02", "text"),
    (page("on Sep 9 2014, 6:25p"), None, "2014-09-09", "text"),
    (page("6/4/15 at 2:10 PM ET"), None, "2015-06-04", "text"),
    (page("Updated: May 9, 2021 4:10:02 pm- 2 / 5"), None, "2021-05-09", "text"),
    # a numeric date beside a US time zone reads month first
    (page("Posted: 09/04/2014 10:05 am EDT"), None, "2014-09-04", "text"),
    # ... beside the address's month too; alone on a .com page it is either: no date
    (page("07/02/2014"), "http://www.harbour-times.com/2014/07/strike-ends", "2014-07-02", "text"),
    (page("07/02/2014"), None, None, None),
    (page("07/02/2014"), "http://www.harbour-times.com/strike-ends", None, None),
    (page("07/02/2014"), "http://www.harbour-times.co.uk/strike-ends", "2014-02-07", "text"),
    (page("23/09/2013"), None, "2013-09-23", "text"),  # only one way to read it
    # ── the earliest wins: "Updated" is later than the publication ──
    (TITLE + "Published: May 2, 2014\nUpdated: May 5, 2014\n" + STORY, None, "2014-05-02", "text"),
    (TITLE + "Updated: May 5, 2014\nPublished: May 2, 2014\n" + STORY, None, "2014-05-02", "text"),
    (page("Posted on June 2, 2011 at 9:15 AM, updated June 20, 2011"), None, "2011-06-02",
     "text"),
    (TITLE + "UPDATED 07/03/2014 at 9:00 AM EDT\nOriginally published 07/02/2014 at 8:30 AM EDT\n"
     + STORY, None, "2014-07-02", "text"),
    # an "Updated" line alone, the address saying the day before: the address's date
    (page("Updated Fri 8 Oct 2010, 7:15am AEST"),
     "http://www.isles-news.net.au/news/2010-10-07/strike-ends/4238", "2010-10-07", "url"),
    # below a menu, a cue line still counts; a bare date there is a story's
    ("Menu\n" + "- Ferry timetables for the islands\n" * 10 + "Updated: May 5, 2014\n" + STORY,
     None, "2014-05-05", "text"),
    ("Menu\n" + "- Ferry timetables for the islands\n" * 10 + "May 5, 2014\n" + STORY,
     None, None, None),
    # ── the date repeated at the bottom of the page ──
    (TITLE + STORY * 3 + "Filed: March 3, 2015\n", None, "2015-03-03", "text"),
    # ── a wire dateline: its year from the page's address ──
    ("Strike Ends\nOSLO, Feb 3 (Wire) - Dock workers returned to work on Tuesday.\n" + STORY,
     "http://www.wire-example.com/2015/02/harbour-strike", "2015-02-03", "text"),
    ("Strike Ends\nNEW YORK, Dec. 30 (Wire) -- Dock workers returned to work.\n" + STORY,
     "http://www.wire-example.com/2016/01/harbour-strike", "2015-12-30", "text"),
    ("Strike Ends\nOSLO, Feb 3 (Wire) - Dock workers returned to work on Tuesday.\n" + STORY,
     None, None, None),  # no year anywhere: no date
    # ── the page's own address ──
    (TITLE + STORY, "http://www.harbour-times.com/2013/08/02/world/strike.html", "2013-08-02",
     "url"),
    (TITLE + STORY, "http://www.harbour-times.com/world/2005/nov/28/strike", "2005-11-28", "url"),
    (TITLE + STORY, "http://harbour.example.org/news/strike-ends-20130504", "2013-05-04", "url"),
    (TITLE + STORY, "http://harbour.example.org/newswire/2011/06/14-2", "2011-06-14", "url"),
    (TITLE + STORY, "http://harbour.example.org/story/2013-07-21/strike-ends/", "2013-07-21",
     "url"),
    ("http://www. harbour-times. com/2013/08/02/world/strike. html\n" + TITLE + STORY, None,
     "2013-08-02", "url"),  # a scraper's first line, spaces inserted after dots
    (TITLE + STORY, "http://www.harbour-times.com/2013/05/strike-ends", None, None),  # no day
    (TITLE + STORY, "http://www.harbour-times.com/archive/2013/strike-ends", None, None),
    (TITLE + STORY, "http://www.harbour-times.com/2013/08/5-things-to-know", None, None),
    (TITLE + STORY, "http://www.harbour-times.com/2013/02/30/strike", None, None),
    (TITLE + STORY, "http://www.harbour-times.com/story?id=20130504", None, None),  # a query
    (TITLE + STORY, "http://www.harbour-times.com/2031/08/02/strike", None, None),  # to come
    # a date line beats the address
    (page("Published: August 2, 2013"), "http://www.harbour-times.com/2013/08/03/strike",
     "2013-08-02", "text"),
    # ── never a date from the story or from what is not the page's date ──
    (page("The court ruled on June 8, 2014, that the strike was lawful."), None, None, None),
    (page("Halvorsen was admitted on Tuesday, March 4, 2014."), None, None, None),
    (page("Trending: Ferry fares to rise from March 3, 2015 onwards"), None, None, None),
    (page("The pier is due to open November 20, 2015."), None, None, None),
    (page("Release date: November 20, 2015"), None, None, None),
    (page("End of Service: Friday, June 24, 2005"), None, None, None),
    (page("Born: June 3, 1950"), None, None, None),
    (page("Posted 2 years, 40 days ago [saved on 4 May 2015]"), None, None, None),
    (page("Published: February 30, 2014"), None, None, None),  # no such day
    (page("Published: 31/06/2014"), None, None, None),
    (page("Published: March 3, 2025"), None, None, None),  # after today
    (page("Novembre 27, 2005"), None, None, None),  # no month of ours
    (page("Talks resume in March 2014."), None, None, None),  # no day
    (TITLE + STORY * 4 + "June 3, 2014\n" + STORY * 4, None, None, None),  # mid-story
]


@pytest.mark.parametrize("text, url, expected, source", CORPUS)
def test_published_date(text, url, expected, source):
    found, where = published_date(text, url, today=TODAY)
    assert (found and found.isoformat(), where) == (expected, source)


def test_published_from_in_documents(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Strike Ends\nurl: http://harbour.example.org/2015/03/04/strike\n---\n"
        + STORY, encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\ndate: 2015-03-05\nurl: http://harbour.example.org/2015/03/04/strike\n---\n"
        + STORY, encoding="utf-8")
    (tmp_path / "c.txt").write_text(page("Published: March 6, 2015"), encoding="utf-8")
    docs, errors = load_paths([str(tmp_path)], published=date(2025, 1, 1))
    assert errors == []
    assert [(d.id, d.published, d.published_from) for d in docs] == [
        ("a", date(2015, 3, 4), "url"), ("b", date(2015, 3, 5), "metadata"),
        ("c", date(2015, 3, 6), "text")]


@pytest.mark.parametrize("hostile", [
    "word " * 100_000,
    ("May 3, 2013 " * 16 + "\n") * 5_000,
    ("1/" * 99 + "\n") * 5_000,
    "Published: " * 20_000,
    "(" * 100_000 + "LONDON, March 3 (" * 1_000,
    "http://x.org/" + "2013/" * 50_000,
])
def test_linear_on_hostile_pages(hostile):
    start = time.process_time()
    published_date(hostile, None, today=TODAY)
    published_date(hostile, "http://x.org/" + "2013/05/" * 20_000, today=TODAY)
    assert time.process_time() - start < 0.5


def test_extract_json_names_where_the_date_came_from(tmp_path, capsys):
    from factcheck.cli import main

    (tmp_path / "a.txt").write_text(
        "http://www. harbour-times. com/2013/08/02/world/strike. html\n" + TITLE + STORY,
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(page("Tue Feb 3, 2015 9:05am EST"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(TITLE + STORY, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "json"]) == 0
    articles = json.loads(capsys.readouterr().out)["articles"]
    assert [(a["id"], a["published"], a["published_from"]) for a in articles] == [
        ("a", "2013-08-02", "url"), ("b", "2015-02-03", "text"), ("c", None, None)]

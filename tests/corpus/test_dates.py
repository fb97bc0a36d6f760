"""Corpus for the date recognizer: (sentence, publication date, expected
[(span text, start, end, granularity)]), start/end as ISO dates or None (unresolved)."""

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.dates import find_dates

W = date(2024, 6, 19)  # a Wednesday
M = date(2019, 4, 22)  # a Monday
T = date(2023, 9, 5)  # a Tuesday
A = date(2019, 4, 25)  # a Thursday
J = date(2024, 1, 15)  # a Monday in winter

CORPUS = [
    # ── months, relative and absolute ──
    ("The envoy came to Oslo last September.", W,
     [("last September", "2023-09-01", "2023-09-30", "month")]),
    ("The treaty was first signed in July 2000.", W,
     [("July 2000", "2000-07-01", "2000-07-31", "month")]),
    ("In March, the court struck down the law.", W,
     [("March", "2024-03-01", "2024-03-31", "month")]),
    ("The talks in Oslo collapsed in February.", A,
     [("February", "2019-02-01", "2019-02-28", "month")]),
    ("The fair was held in September.", W, [("September", "2023-09-01", "2023-09-30", "month")]),
    ("The fair will be held in September.", W,
     [("September", "2024-09-01", "2024-09-30", "month")]),
    ("The fair will be held in March.", W, [("March", "2025-03-01", "2025-03-31", "month")]),
    ("The parade is held in June.", W, [("June", "2024-06-01", "2024-06-30", "month")]),
    ("Snow fell in early March.", W, [("early March", "2024-03-01", "2024-03-31", "month")]),
    ("Prices have climbed since September.", W,
     [("September", "2023-09-01", "2023-09-30", "month")]),
    ("The plant ran at half capacity between March and May.", W,
     [("March", "2024-03-01", "2024-03-31", "month"),
      ("May", "2024-05-01", "2024-05-31", "month")]),
    ("The dam was finished by the end of March.", W,
     [("March", "2024-03-01", "2024-03-31", "month")]),
    ("The invitation was extended in September 2023.", W,
     [("September 2023", "2023-09-01", "2023-09-30", "month")]),
    ("Its founders met in Sept. 1998 in a garage.", W,
     [("Sept. 1998", "1998-09-01", "1998-09-30", "month")]),
    # ── this/last/next periods and day words ──
    ("The mayor will visit the port this month.", T,
     [("this month", "2023-09-01", "2023-09-30", "month")]),
    ("Inflation eased this week.", W, [("this week", "2024-06-17", "2024-06-23", "week")]),
    ("Inflation eased last week.", W, [("last week", "2024-06-10", "2024-06-16", "week")]),
    ("The vote is due next month.", W, [("next month", "2024-07-01", "2024-07-31", "month")]),
    ("The vote was held last month.", date(2024, 1, 5),
     [("last month", "2023-12-01", "2023-12-31", "month")]),
    ("Exports fell last year.", W, [("last year", "2023-01-01", "2023-12-31", "year")]),
    ("Exports rose this year.", W, [("this year", "2024-01-01", "2024-12-31", "year")]),
    ("Sales have doubled earlier this year.", W,
     [("earlier this year", "2024-01-01", "2024-12-31", "year")]),
    ("Rates stay frozen until next year.", W, [("next year", "2025-01-01", "2025-12-31", "year")]),
    ("The bridge reopened yesterday.", W, [("yesterday", "2024-06-18", "2024-06-18", "day")]),
    ("The bridge reopens today and the ferry stops tomorrow.", W,
     [("today", "2024-06-19", "2024-06-19", "day"),
      ("tomorrow", "2024-06-20", "2024-06-20", "day")]),
    ("It rained heavily last night.", W, [("last night", "2024-06-18", "2024-06-18", "day")]),
    # ── weekdays and tense ──
    ("The ferry reached the island on Wednesday.", W,
     [("Wednesday", "2024-06-19", "2024-06-19", "day")]),
    ("A Danish official said Monday that the minister will resign.", T,
     [("Monday", "2023-09-04", "2023-09-04", "day")]),
    ("The council met on Thursday.", W, [("Thursday", "2024-06-13", "2024-06-13", "day")]),
    ("On Friday, the last day of the visit, the two leaders are due at the dam.", date(2025, 3, 13),
     [("Friday", "2025-03-14", "2025-03-14", "day")]),
    ("The delegation will travel on Wednesday.", W,
     [("Wednesday", "2024-06-19", "2024-06-19", "day")]),
    ("The delegation will travel next Wednesday.", W,
     [("next Wednesday", "2024-06-26", "2024-06-26", "day")]),
    ("The delegation left last Wednesday.", W,
     [("last Wednesday", "2024-06-12", "2024-06-12", "day")]),
    ("The talks are scheduled for Friday.", W, [("Friday", "2024-06-21", "2024-06-21", "day")]),
    ("She plans to sign the bill on Thursday.", W,
     [("Thursday", "2024-06-20", "2024-06-20", "day")]),
    ("Aides said on Sunday that the king would arrive on Friday.", W,
     [("Sunday", "2024-06-16", "2024-06-16", "day"),
      ("Friday", "2024-06-21", "2024-06-21", "day")]),
    ("The summit, which ended on Thursday, will shape the talks.", W,
     [("Thursday", "2024-06-13", "2024-06-13", "day")]),
    ("The minister is expected to meet her counterpart in Bergen this week, possibly on "
     "Wednesday and Thursday.", M,
     [("this week", "2019-04-22", "2019-04-28", "week"),
      ("Wednesday", "2019-04-24", "2019-04-24", "day"),
      ("Thursday", "2019-04-25", "2019-04-25", "day")]),
    ("Rail strike to start on Wednesday", M, [("Wednesday", "2019-04-24", "2019-04-24", "day")]),
    ("FERRY SERVICE RESUMES ON WEDNESDAY", W, [("WEDNESDAY", "2024-06-19", "2024-06-19", "day")]),
    ("The governor on Tuesday signed the order.", W,
     [("Tuesday", "2024-06-18", "2024-06-18", "day")]),
    ("İstanbul talks resumed on Wednesday.", W,
     [("Wednesday", "2024-06-19", "2024-06-19", "day")]),
    # ── days ──
    ("The premier will tour the region on June 20-21.", W,
     [("June 20-21", "2024-06-20", "2024-06-21", "day")]),
    ("Updated: March 14, 2019 9:02:11 am", W,
     [("March 14, 2019", "2019-03-14", "2019-03-14", "day")]),
    ("Last Updated : Mar 18 2019 | 10:15 AM IST", W,
     [("Mar 18 2019", "2019-03-18", "2019-03-18", "day")]),
    ("Posted Jun 19, 2024, 06:28 AM IST", W, [("Jun 19, 2024", "2024-06-19", "2024-06-19", "day")]),
    ("September 05, 2023 06:49 am | Updated 06:50 am IST", W,
     [("September 05, 2023", "2023-09-05", "2023-09-05", "day")]),
    ("The accord was signed on 25 April 2019.", W,
     [("25 April 2019", "2019-04-25", "2019-04-25", "day")]),
    ("published 2024-06-19 by the desk", W, [("2024-06-19", "2024-06-19", "2024-06-19", "day")]),
    ("Morning briefing, June 19: markets steady", W,
     [("June 19", "2024-06-19", "2024-06-19", "day")]),
    ("The results arrive on April 25.", W, [("April 25", "2024-04-25", "2024-04-25", "day")]),
    ("The vote fell on December 30.", date(2025, 1, 2),
     [("December 30", "2024-12-30", "2024-12-30", "day")]),
    ("The festival runs June 30-July 2.", W,
     [("June 30-July 2", "2024-06-30", "2024-07-02", "day")]),
    ("The festival runs December 30-January 2, 2024.", W,
     [("December 30-January 2, 2024", "2023-12-30", "2024-01-02", "day")]),
    ("She was born on 4 July 1990.", W, [("4 July 1990", "1990-07-04", "1990-07-04", "day")]),
    ("On 25 April the leaders met.", W, [("25 April", "2024-04-25", "2024-04-25", "day")]),
    ("It resumes on the 19th of June.", W, [("19th of June", "2024-06-19", "2024-06-19", "day")]),
    ("Tuesday, April 23, 2019: council notes", W,
     [("Tuesday, April 23, 2019", "2019-04-23", "2019-04-23", "day")]),
    ("Registrations received by May 13 will be honoured.", W,
     [("May 13", "2024-05-13", "2024-05-13", "day")]),
    ("Leap day, February 29, 2024, was quiet.", W,
     [("February 29, 2024", "2024-02-29", "2024-02-29", "day")]),
    # ── years and decades ──
    ("Her father visited the plant in 2011.", W, [("2011", "2011-01-01", "2011-12-31", "year")]),
    ("Agreements signed in 1961, 2000 and 2001 will be replaced.", W,
     [("1961", "1961-01-01", "1961-12-31", "year"), ("2000", "2000-01-01", "2000-12-31", "year"),
      ("2001", "2001-01-01", "2001-12-31", "year")]),
    ("It was his first trip abroad since the war began in 2022, and a test.", W,
     [("2022", "2022-01-01", "2022-12-31", "year")]),
    ("No leader had come since 2000.His visit was brief.", W,
     [("2000", "2000-01-01", "2000-12-31", "year")]),
    ("Visitors came from 2005 to 2009.", W,
     [("2005", "2005-01-01", "2005-12-31", "year"), ("2009", "2009-01-01", "2009-12-31", "year")]),
    ("The dam was finished by the end of 2019.", W,
     [("2019", "2019-01-01", "2019-12-31", "year")]),
    ("Construction stalled in mid-2021.", W, [("mid-2021", "2021-01-01", "2021-12-31", "year")]),
    ("Prices were lower in the 1990s.", W, [("1990s", "1990-01-01", "1999-12-31", "decade")]),
    ("The band was big in the '90s.", W, [("'90s", "1990-01-01", "1999-12-31", "decade")]),
    ("The 2000s were a quieter decade.", W, [("2000s", "2000-01-01", "2009-12-31", "decade")]),
    ("The festival ran in the early 1990s.", W,
     [("early 1990s", "1990-01-01", "1999-12-31", "decade")]),
    # ── seasons and quarters ──
    ("The survey ran in spring 2020.", W, [("spring 2020", "2020-03-01", "2020-05-31", "season")]),
    ("Work slowed in the summer of 2020.", W,
     [("summer of 2020", "2020-06-01", "2020-08-31", "season")]),
    ("The rink opens in winter 2023.", W, [("winter 2023", "2023-12-01", "2024-02-29", "season")]),
    ("Tourists will return this summer.", W,
     [("this summer", "2024-06-01", "2024-08-31", "season")]),
    ("The river froze last winter.", W, [("last winter", "2023-12-01", "2024-02-29", "season")]),
    ("The river froze last winter.", J, [("last winter", "2022-12-01", "2023-02-28", "season")]),
    ("The river is frozen this winter.", J,
     [("this winter", "2023-12-01", "2024-02-29", "season")]),
    ("Revenue grew in Q3 2023.", W, [("Q3 2023", "2023-07-01", "2023-09-30", "quarter")]),
    ("Revenue grew in the third quarter of 2023.", W,
     [("third quarter of 2023", "2023-07-01", "2023-09-30", "quarter")]),
    # ── no publication date: relative dates stay unresolved, absolute ones resolve ──
    ("The envoy came to Oslo last September.", None, [("last September", None, None, "month")]),
    ("The treaty was signed in July 2000.", None,
     [("July 2000", "2000-07-01", "2000-07-31", "month")]),
    ("The ferry reached the island on Wednesday.", None, [("Wednesday", None, None, "day")]),
    ("Markets were calm this week.", None, [("this week", None, None, "week")]),
    ("The accord was signed on April 25.", None, [("April 25", None, None, "day")]),
    ("The river froze last winter.", None, [("last winter", None, None, "season")]),
    ("The festival opened in 2011.", None, [("2011", "2011-01-01", "2011-12-31", "year")]),
    # ── weekdays after any word but a name's; the clause's tense picks the week ──
    ("The Supreme Court Friday threw out the verdict.", W,
     [("Friday", "2024-06-14", "2024-06-14", "day")]),
    ("Also Tuesday, the port authority in Velmar reopened two berths.", W,
     [("Tuesday", "2024-06-18", "2024-06-18", "day")]),
    ("Governor Aldane Monday signed the water bill.", W,
     [("Monday", "2024-06-17", "2024-06-17", "day")]),
    ("Mayor Ilves Thursday was informed of the charges.", W,
     [("Thursday", "2024-06-13", "2024-06-13", "day")]),
    ("The clerk will be sentenced by Judge Kemp Friday.", W,
     [("Friday", "2024-06-21", "2024-06-21", "day")]),
    ("The panel has scheduled a hearing Thursday.", W,
     [("Thursday", "2024-06-20", "2024-06-20", "day")]),
    ("The hearing was adjourned until Tuesday.", W,
     [("Tuesday", "2024-06-25", "2024-06-25", "day")]),
    ("Two days later, by Monday's close, the stock had recovered.", W,
     [("Monday", "2024-06-17", "2024-06-17", "day")]),
    ("Debris landed next to the depot on Saturday.", W,
     [("Saturday", "2024-06-15", "2024-06-15", "day")]),
    ("Black Friday sales were slow.", W, []),
    ("Super Tuesday turnout rose.", W, []),
    ("The Bloody Sunday Inquiry reported.", W, []),
    ('She spoke on the programme "This Week" about the budget.', W, []),
    # ── years used as adjectives, fiscal years, year ranges, spoken years ──
    ("Brevik lost his 2010 bid for the council.", W,
     [("2010", "2010-01-01", "2010-12-31", "year")]),
    ("Officers defended a 2016 raid on the depot.", W,
     [("2016", "2016-01-01", "2016-12-31", "year")]),
    ("The firm's 1998 report was restated.", W, [("1998", "1998-01-01", "1998-12-31", "year")]),
    ("The firm's 2000 employees were told.", W, []),
    ("She was beaten in her unsuccessful 2016 campaign.", W,
     [("2016", "2016-01-01", "2016-12-31", "year")]),
    ("Costs will rise in both 2025 and 2026.", W,
     [("2025", "2025-01-01", "2025-12-31", "year"), ("2026", "2026-01-01", "2026-12-31", "year")]),
    ("For 2023, the mill earned less.", W, [("2023", "2023-01-01", "2023-12-31", "year")]),
    ("Output slumped in fiscal 2022.", W, [("fiscal 2022", "2022-01-01", "2022-12-31", "year")]),
    ("The Harbour Act of 1987 still applies.", W, [("1987", "1987-01-01", "1987-12-31", "year")]),
    ("Complaints dating to 2009 were reopened.", W,
     [("2009", "2009-01-01", "2009-12-31", "year")]),
    ("Enrolment shrank between 1998 and 2004.", W,
     [("1998", "1998-01-01", "1998-12-31", "year"), ("2004", "2004-01-01", "2004-12-31", "year")]),
    ("Exports grew over the first eight months of 2021.", W,
     [("2021", "2021-01-01", "2021-12-31", "year")]),
    ("The 2013-14 season ended early.", W, [("2013-14", "2013-01-01", "2014-12-31", "year")]),
    ("He chaired the board 2009-2010.", W, [("2009-2010", "2009-01-01", "2010-12-31", "year")]),
    ("The drought of 1957-58 ruined the farms.", W,
     [("1957-58", "1957-01-01", "1958-12-31", "year")]),
    ("In nineteen eighty-two the mill closed.", W,
     [("nineteen eighty-two", "1982-01-01", "1982-12-31", "year")]),
    ("January nineteen ninety-four. A storm hits the coast.", W,
     [("January nineteen ninety-four", "1994-01-01", "1994-01-31", "month")]),
    ("Planners hoped for a new port before the year two thousand.", W,
     [("the year two thousand", "2000-01-01", "2000-12-31", "year")]),
    ("The 2010 people on the list were called.", W, []),
    ("The Galaxy S4 sold well.", W, []),
    ("Police sealed the 22000 block of Orchard Road.", W, []),
    ("Officers found a .38 caliber revolver.", W, []),
    ("The visitors won 20-13 at home.", W, []),
    ("The first 2000 entrants get a medal.", W, []),
    ("The index held above its 2000 level.", W, []),
    ("Doors open at 1900 hours.", W, []),
    ("The 2010-12 figures were revised.", W, []),
    ("Nineteen people were hurt.", W, []),
    # ── months and days without a year: the tense, and how far the nearest one lies ──
    ("The rotors failed last February.", date(2024, 3, 20),
     [("last February", "2023-02-01", "2023-02-28", "month")]),
    ("The tanker sank last January.", date(2024, 3, 20),
     [("last January", "2024-01-01", "2024-01-31", "month")]),
    ("Kelso announced a supply cut in September.", date(2024, 8, 16),
     [("September", "2024-09-01", "2024-09-30", "month")]),
    ("The plant closed in November.", date(2024, 8, 16),
     [("November", "2023-11-01", "2023-11-30", "month")]),
    ("Detectives reopened the October shooting case.", date(2024, 3, 5),
     [("October", "2023-10-01", "2023-10-31", "month")]),
    ("Sales for January beat forecasts.", date(2024, 2, 6),
     [("January", "2024-01-01", "2024-01-31", "month")]),
    ("December's exports were revised.", date(2024, 2, 6),
     [("December", "2023-12-01", "2023-12-31", "month")]),
    ("Ostrava Steel signed a deal to buy the rolling mill in February.", date(2024, 10, 30),
     [("February", "2025-02-01", "2025-02-28", "month")]),
    ("Ostrava Steel agreed to the terms in February.", date(2024, 10, 30),
     [("February", "2024-02-01", "2024-02-29", "month")]),
    ("The refund will reach savers on a still undecided day in January.", date(2024, 10, 26),
     [("January", "2025-01-01", "2025-01-31", "month")]),
    ("Floods hit Tarvos in July last year.", date(2024, 3, 1),
     [("July last year", "2023-07-01", "2023-07-31", "month")]),
    ("The ferry line opens in April next year.", date(2024, 12, 5),
     [("April next year", "2025-04-01", "2025-04-30", "month")]),
    ("Ferries have run since November 4 this year.", date(2024, 12, 1),
     [("November 4 this year", "2024-11-04", "2024-11-04", "day")]),
    ("The launch is set for March 9 of next year.", date(2024, 12, 1),
     [("March 9 of next year", "2025-03-09", "2025-03-09", "day")]),
    ("The fair runs on April 24 and 25.", date(2024, 2, 10),
     [("April 24", "2024-04-24", "2024-04-24", "day"), ("25", "2024-04-25", "2024-04-25", "day")]),
    ("The count closed on April 24 and 25 volunteers left.", date(2024, 2, 10),
     [("April 24", "2024-04-24", "2024-04-24", "day")]),
    ("Shareholders backed a June deal with the rival bid.", date(2024, 10, 27),
     [("June", "2024-06-01", "2024-06-30", "month")]),
    ("Turnover for October is the highest on record.", date(2024, 10, 30),
     [("October", "2024-10-01", "2024-10-31", "month")]),
    ("She campaigned for May in the leadership race.", W, []),
    ("June's husband spoke first.", W, []),
    ("The bridge was closed on Oct. 23 for repairs.", date(2024, 5, 6),
     [("Oct. 23", "2023-10-23", "2023-10-23", "day")]),
    ("The coupons lapse Nov. 21.", date(2024, 11, 2),
     [("Nov. 21", "2024-11-21", "2024-11-21", "day")]),
    ("The rebate arrives Jan. 2.", date(2024, 11, 2),
     [("Jan. 2", "2025-01-02", "2025-01-02", "day")]),
    ("Over the twelve months ended Jan. 31, freight volumes fell.", date(2024, 10, 31),
     [("Jan. 31", "2024-01-31", "2024-01-31", "day")]),
    ("The club named a new coach, effective Feb. 1.", date(2024, 10, 26),
     [("Feb. 1", "2025-02-01", "2025-02-01", "day")]),
    ("The club named a new coach on Feb. 1.", date(2024, 10, 26),
     [("Feb. 1", "2024-02-01", "2024-02-01", "day")]),
    ("Crews have searched for the boat since soon after the Oct. 23 storm.", date(2024, 5, 6),
     [("Oct. 23", "2023-10-23", "2023-10-23", "day")]),
    ("Talks resumed 17 July in Brask.", date(2024, 9, 10),
     [("17 July", "2024-07-17", "2024-07-17", "day")]),
    # ── named days ──
    ("The harbour fair opened on Thanksgiving Day.", date(2024, 1, 7),
     [("Thanksgiving Day", "2023-11-23", "2023-11-23", "day")]),
    ("The crew left last Christmas.", W, [("last Christmas", "2023-12-25", "2023-12-25", "day")]),
    ("Turnout on Election Day 2022 was low.", W,
     [("Election Day 2022", "2022-11-08", "2022-11-08", "day")]),
    ("Christmas shopping slowed.", W, []),
    ("Tomorrow the ferry timetable changes.", W,
     [("Tomorrow", "2024-06-20", "2024-06-20", "day")]),
    ("Queues for tomorrow's match are long.", W,
     [("tomorrow", "2024-06-20", "2024-06-20", "day")]),
    ("The cities of tomorrow need trams.", W, []),
    ("Rents in today's market are steep.", W, []),
    ("Bonds due 2031 rallied.", W, [("2031", "2031-01-01", "2031-12-31", "year")]),
    # ── the current year by other names, its end as a deadline ──
    ("The new wing should open by year-end.", W,
     [("year-end", "2024-01-01", "2024-12-31", "year")]),
    ("Budgets for the current fiscal year were cut, as were last year's.", W,
     [("the current fiscal year", "2024-01-01", "2024-12-31", "year"),
      ("last year", "2023-01-01", "2023-12-31", "year")]),
    ("Cuts of 600 jobs are planned by the end of the year.", W,
     [("the end of the year", "2024-01-01", "2024-12-31", "year")]),
    ("Hiring will pick up early next year.", W,
     [("early next year", "2025-01-01", "2025-12-31", "year")]),
    ("Freight income for the full year rose 8%.", W,
     [("the full year", "2024-01-01", "2024-12-31", "year")]),
    ("Costs climbed over the first nine months of the year.", W,
     [("the year", "2024-01-01", "2024-12-31", "year")]),
    ("In 2019, profits for the year slipped.", W, [("2019", "2019-01-01", "2019-12-31", "year")]),
    ("He was hired for the year 2030 season.", W, [("2030", "2030-01-01", "2030-12-31", "year")]),
    ("The year was a hard one.", W, []),
    ("Grants fell last fiscal year.", W,
     [("last fiscal year", "2023-01-01", "2023-12-31", "year")]),
    ("The plan covers 2030 and beyond, officials say.", W, []),
    ("Targets are set for 2030 and beyond.", W, [("2030", "2030-01-01", "2030-12-31", "year")]),
    ("The index is down 4% since year-end.", W, []),
    # ── counted from another date of the sentence, or from the year before the report ──
    ("Varga was promoted in May 2015 and the following year moved to Lisbon.", W,
     [("May 2015", "2015-05-01", "2015-05-31", "month"),
      ("the following year", "2016-01-01", "2016-12-31", "year")]),
    ("The band toured in March 2003 and split later that year.", W,
     [("March 2003", "2003-03-01", "2003-03-31", "month"),
      ("later that year", "2003-01-01", "2003-12-31", "year")]),
    ("In 2005 the dam opened; a month later it leaked.", W,
     [("2005", "2005-01-01", "2005-12-31", "year")]),
    ("The ferry was seized on May 3, 2011; a month later it sank and the following month it "
     "was raised.", W,
     [("May 3, 2011", "2011-05-03", "2011-05-03", "day"),
      ("a month later", "2011-06-01", "2011-06-30", "month"),
      ("the following month", "2011-07-01", "2011-07-31", "month")]),
    ("Sales rose in 2023 and will grow over the next year.", W,
     [("2023", "2023-01-01", "2023-12-31", "year")]),
    ("The following year was calmer.", W, []),
    ("Net income rose to $5 million from $4 million a year earlier.", W,
     [("a year earlier", "2023-01-01", "2023-12-31", "year")]),
    ("He had left the firm a year earlier.", W, []),
    ("The year-ago period had a one-off tax credit.", W,
     [("year-ago", "2023-01-01", "2023-12-31", "year")]),
    # ── negatives ──
    ("We will see.", W, []),
    ("Moscow may be breaching the embargo.", W, []),
    ("May I ask one more question?", W, []),
    ("SA were beaten in the T20 final.", W, []),
    ("Doors open at 06 pm and close at 06:49 am.", W, []),
    ("Photo 1 / 7 of the gallery", W, []),
    ("He runs the Super 30 coaching centre.", W, []),
    ("Fans lined up for the Kalki 2898 AD premiere.", W, []),
    ("It was a 16-year journey for the coach.", W, []),
    ("Some 2,000 people joined the march.", W, []),
    ("She won in the 2nd round.", W, []),
    ("The deadline is February 30, 2024.", W, []),
    ("The form says 32 March.", W, []),
    ("The form says 32 March 2024.", W, []),
    ("June 31 is not a date.", W, []),
    ("Ridership rose by 2000 to 5000.", W, []),
    ("The odds are one in 2000.", W, []),
    ("The 2024 election looms.", W, [("2024", "2024-01-01", "2024-12-31", "year")]),
    ("UEFA Euro 2024 kicked off.", W, []),
    ("The fund helped in 2000 homes.", W, []),
    ("New bridge begun in 2019 opens to traffic", W, [("2019", "2019-01-01", "2019-12-31", "year")]),
    ("Strike called in 2023 ends after a deal", W, [("2023", "2023-01-01", "2023-12-31", "year")]),
    ("Inquiry launched in 2021 faces delays", W, [("2021", "2021-01-01", "2021-12-31", "year")]),
    ("The grant reached in 2000 schools.", W, []),
    ("In 1700 cases the court ruled.", W, []),
    ("Ticket sales for Top 10 March Madness games", W, []),
    ("Growth over the last year was slow.", W, []),
    ("Prices jumped after the last fall in demand.", W, []),
    ("Good Friday services drew crowds.", W, []),
    ("Wednesday Addams fans queued.", W, []),
    ("June said she would run again.", W, []),
    ("Troops march on the capital.", W, []),
    ("Top News Today", W, []),
    ("He has worked Mondays for years.", W, []),
    ("The game ended 6-3 after 90 minutes.", W, []),
    ("The king visited eight years ago.", W, []),
    ("It is his first visit in 24 years.", W, []),
    ("The week of June 19 was busy.", W, []),
    ("The 1900s were a century of change.", W, []),
    ("She came of age in the '20s.", W, []),
    ("9" * 400, W, []),
    ("1e400", W, []),
]


def _iso(d):
    return d.isoformat() if d else None


@pytest.mark.parametrize("text,published,expected", CORPUS)
def test_date_corpus(text, published, expected):
    found = find_dates(text, published)
    got = [(text[m.start:m.end], _iso(m.value.start), _iso(m.value.end), m.value.granularity)
           for m in found]
    assert got == expected


# Without a publication date a day or month keeps what the text gives, so that two undated
# accounts of one event still compare: (sentence, [(span text, granularity, month, day)]).
YEARLESS = [
    ("The ferry sank on June 8.", [("June 8", "day", 6, 8)]),
    ("The ferry sank on 8 June.", [("8 June", "day", 6, 8)]),
    ("The vote was held in June.", [("June", "month", 6, None)]),
    ("Ferries have run since November 4 this year.",
     [("November 4 this year", "day", 11, 4)]),
    ("The envoy came to Oslo last September.", [("last September", "month", 9, None)]),
    ("The crew left on Christmas Eve.", [("Christmas Eve", "day", 12, 24)]),
    ("The ferry sank on Wednesday.", [("Wednesday", "day", None, None)]),
    ("The festival runs June 30-July 2.", [("June 30-July 2", "day", None, None)]),
]


@pytest.mark.parametrize("text,expected", YEARLESS)
def test_yearless_dates_keep_month_and_day(text, expected):
    found = find_dates(text, None)
    assert [(text[m.start:m.end], m.value.granularity, m.value.month, m.value.day)
            for m in found] == expected
    assert all(m.value.start is None and m.value.end is None for m in found)


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 60


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    list("0123456789 -–/,.:'’%$") + ["May", "March", "June", "Q3", "in ", "on ", "last ", "the ",
                                    "Wednesday", "winter", "2024", "1990s", "this week", "İ",
                                    "\u00a0", "of ", "next ", "will ", "Jan", "Dec 31", "th"]),
    max_size=30).map("".join), st.one_of(st.none(), st.dates()))
def test_never_raises_and_spans_are_sane(text, published):
    for m in find_dates(text, published):
        assert 0 <= m.start < m.end <= len(text)
        span = m.value
        assert (span.start is None) == (span.end is None)
        if span.start is not None:
            assert span.start <= span.end


@pytest.mark.parametrize("published", [date.min, date.max, date(1, 1, 7), date(9999, 12, 25)])
def test_calendar_ends_do_not_raise(published):
    for text in ("last week", "next week", "yesterday", "tomorrow", "on Wednesday",
                 "will go on Monday", "next Wednesday", "last winter", "next March", "June 19"):
        assert all(m.value.start is None for m in find_dates(text, published))


def test_fast_on_sentences_without_dates():
    sentence = "The council approved the plan after a long debate about the new roads."
    began = time.process_time()
    for _ in range(2000):
        assert find_dates(sentence, W) == []
    assert time.process_time() - began < 0.5

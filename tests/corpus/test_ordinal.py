"""Corpus for the ordinal recognizer: (sentence, expected [(span text, rank, noun)]). An ordinal
is a claim only when it ranks something; adverbs, periods of play, dates, idioms and names
yield nothing."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.ordinal import find_ordinals

CORPUS = [
    # ── ranks with their noun ──
    ("It was the leaders' second summit this year.", [("second", 2, "summit")]),
    ("The king made his first visit to the island.", [("first", 1, "visit")]),
    ("She won a 3rd term in office.", [("3rd", 3, "term")]),
    ("He is serving his 2nd term.", [("2nd", 2, "term")]),
    ("The twenty-first round of talks ended.", [("twenty-first", 21, "round")]),
    ("It was the 21st round of talks.", [("21st", 21, "round")]),
    ("Japan is the third-largest economy.", [("third-largest", 3, "largest economy")]),
    ("Lyon is the country's third largest city.", [("third", 3, "largest city")]),
    ("It is the second most populous state.", [("second", 2, "most populous state")]),
    ("Brazil is the fifth-biggest market for the firm.", [("fifth-biggest", 5, "biggest market")]),
    ("Norway is the second-largest in the region.", [("second-largest", 2, "largest")]),
    ("The party won a third consecutive term.", [("third", 3, "term")]),
    ("It was her first-ever visit to the port.", [("first-ever", 1, "visit")]),
    ("It was his first official trip abroad.", [("first", 1, "trip")]),
    ("The town marked its 75th anniversary.", [("75th", 75, "anniversary")]),
    ("Voters backed a second referendum.", [("second", 2, "referendum")]),
    ("She became the first Kenyan woman to win.", [("first", 1, "woman")]),
    ("Rates rose for the fourth straight month.", [("fourth", 4, "month")]),
    ("The court heard the tenth appeal.", [("tenth", 10, "appeal")]),
    ("The first results came late.", [("first", 1, "result")]),
    ("It is the third since 2010.", [("third", 3, None)]),
    ("The crash was the second in a week.", [("second", 2, None)]),
    ("First visits by a head of state are rare.", [("First", 1, "visit")]),
    ("Leader Makes First Visit To Island In 24 Years", [("First", 1, "visit")]),
    ("Club Wins Second Title In Three Seasons", [("Second", 2, "title")]),
    ("He met the first Israeli Prime Minister.", []),
    ("Envoy Meets First Israeli Prime Minister", []),
    ("The summit was the first between the two men.", []),
    ("Aid Group Sends 2nd Russian Convoy To City", [("2nd", 2, "convoy")]),
    ("The second phase and the third phase overlap.",
     [("second", 2, "phase"), ("third", 3, "phase")]),
    # ── adverbs and pronouns ──
    ("At first, he refused.", []),
    ("First of all, we agree.", []),
    ("First, the council met.", []),
    ("He came first.", []),
    ("The mayor first visited in 2000.", []),
    ("The virus first appeared in May.", []),
    ("He was the first to arrive.", []),
    ("It was the first of many.", []),
    ("Safety comes first and foremost.", []),
    ("In the first place, it is illegal.", []),
    # ── the elapsed-time cue ──
    ("For the first time in 24 years, the leaders met.", []),
    ("It was the first time the two had met.", []),
    # ── periods of play, time units ──
    ("They scored in the second half.", []),
    ("Profits fell in the first quarter.", []),
    ("He bought a second-hand car.", []),
    ("Wait a second.", []),
    ("A second later, the lights went out.", []),
    ("It lasted a split second.", []),
    ("The bus comes every second day.", []),
    ("The home side led after the first innings.", []),
    ("She won the first-round match.", []),
    # ── dates ──
    ("It happened on June 2nd.", []),
    ("They met on the 21st of June.", []),
    ("The vote is on 2nd June.", []),
    ("Cities grew in the 21st century.", []),
    ("The works end on Tuesday the 3rd.", []),
    # ── sports and codes ──
    ("India won the 2nd ODI.", []),
    ("Rain hit the 2nd Test.", []),
    ("He scored 90 in the 1st innings.", []),
    # ── idioms, titles and names ──
    ("The first lady spoke.", []),
    ("Her first name is Ann.", []),
    ("First Minister Ann Lyle spoke.", []),
    ("He met the First Minister on Monday.", []),
    ("He lives on Second Avenue.", []),
    ("The loan came from First Bank.", []),
    ("The Second World War ended in 1945.", []),
    ("She gave first aid to the driver.", []),
    ("Cycling is second nature to her.", []),
    ("He had second thoughts.", []),
    ("English is her second language.", []),
    ("The first responders arrived.", []),
    ("Police charged him with first-degree murder.", []),
    ("First-time buyers got a grant.", []),
    ("It was a first-class seat.", []),
    ("The Third Way was a slogan.", []),
    ("Army Sends Second Lieutenant Home", []),
    # ── not ordinals at all ──
    ("The firm has 21 staff.", []),
    ("She was 1st.", []),
    ("The 22st floor is odd.", []),
    ("first", []),
    ("", []),
]


@pytest.mark.parametrize("text,expected", CORPUS)
def test_ordinal_corpus(text, expected):
    got = [(text[m.start:m.end], m.value.rank, m.value.noun) for m in find_ordinals(text)]
    assert got == expected


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 40
    assert sum(1 for _, e in CORPUS if not e) >= 30


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    list("0123456789 -–'’,.") + ["first ", "second", "Second ", "2nd ", "21st", "-largest",
                                 "twenty-", "the ", "in ", "since ", "half", "June ", "summit ",
                                 "most ", "Russian ", "İ", "\u00a0", "ever ", "1e400",
                                 "9" * 30]),
    max_size=30).map("".join))
def test_never_raises_and_values_are_sane(text):
    for m in find_ordinals(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.value.rank >= 1
        assert m.value.noun is None or m.value.noun.strip() == m.value.noun != ""


@pytest.mark.parametrize("text", ["first " * 40000, "the second summit " * 12000,
                                  "21st " * 40000, "First Second " * 20000, "first-" * 40000,
                                  "in " * 70000, "second most " * 20000,
                                  "the third-largest Russian " * 8000,
                                  "Aid Sends First " + "Russian " * 25000],
                         ids=lambda t: repr(t[:12]))
def test_fast_on_adversarial_text(text):
    began = time.process_time()
    find_ordinals(text)
    assert time.process_time() - began < 3.0  # quadratic takes minutes; room for a busy runner

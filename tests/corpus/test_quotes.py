"""Corpus for the quote recognizer: (text, expected [(quote, speaker)]).

A text is one sentence, or a few lines (paragraphs) when a quote runs over them. Rows come in
the shapes real pages type quotes in, each with the negatives that look like it.
"""

import re
import time
from datetime import date

import pytest

from factcheck.extract import extract
from factcheck.extract.quote import find_quotes
from factcheck.model import Document
from factcheck.segment import segment

CORPUS = [
    # straight and curly double quotes, speaker before with a speech verb
    ('Ms. Okafor said, “We will reopen the crossing before the rains come.”',
     [("We will reopen the crossing before the rains come.", "Ms. Okafor")]),
    ('The mayor said the repairs were "well ahead of the schedule we set".',
     [("well ahead of the schedule we set", "The mayor")]),
    # speaker after the quote
    ('"The water rose faster than anyone expected," said Tomas Reyes.',
     [("The water rose faster than anyone expected", "Tomas Reyes")]),
    ('“There is no money left for the second phase,” Governor Ilse Brandt said on Monday.',
     [("There is no money left for the second phase", "Governor Ilse Brandt")]),
    # according to
    ('The dam was "never designed for a storm of this size", according to engineer Lena Holt.',
     [("never designed for a storm of this size", "engineer Lena Holt")]),
    # thanked … for
    ('Later, the Valdorian leader thanked the delegates for their “steady and unbroken friendship over many decades.”',
     [("steady and unbroken friendship over many decades.", "the Valdorian leader")]),
    ('Arnaud thanked Petrov for his "steady and unbroken friendship over many decades."',
     [("steady and unbroken friendship over many decades.", "Arnaud")]),
    # possessive speaker
    ("The minister's aide added that talks would \"resume once the ceasefire holds firm\".",
     [("resume once the ceasefire holds firm", "The minister's aide")]),
    # pronoun: the speaker is named elsewhere
    ('She added that the council was "not in a position to comment on the matter".',
     [("not in a position to comment on the matter", None)]),
    # a quote with no speaker in the sentence
    ('"It is not acceptable to anyone here."', [("It is not acceptable to anyone here.", None)]),
    # two quotes in one sentence
    ('Reyes called it "a disaster for the valley" and "a warning for every town downstream".',
     [("a disaster for the valley", "Reyes"), ("a warning for every town downstream", "Reyes")]),
    # single curly quotes: only long ones
    ("Officials described the plan as ‘the only realistic way forward for the region’.",
     [("the only realistic way forward for the region", "Officials")]),
    # negatives: scare quotes, titles, single words, apostrophes, unbalanced quotes
    ("The pact pledges aid against 'aggression,' a word both sides use.", []),
    ("The film was his 'turning point' as an actor.", []),
    ("He calls it a “reset”.", []),
    ("Residents' groups said the river's level had fallen.", []),
    ('He told reporters "the trip is about trade and nothing else', []),
    ("Nothing quoted here at all.", []),
    ('A two-word "short quote" stays out.', []),

    # ── tokenized text: spaces inside the marks ──
    ("“ We are pleased to welcome the new harbour master , ” said Director Nadia Kessler .",
     [("We are pleased to welcome the new harbour master", "Director Nadia Kessler")]),
    ('" The ferry will not sail again until the storm has passed . "',
     [("The ferry will not sail again until the storm has passed .", None)]),
    # a closing mark glued to "said"
    ('"We expect the ferry to run again by Friday,"said Ingrid Volk.',
     [("We expect the ferry to run again by Friday", "Ingrid Volk")]),
    ('"We expect the ferry to run again by Friday, "said Ingrid Volk.',
     [("We expect the ferry to run again by Friday", "Ingrid Volk")]),
    ('"Nobody on the night shift was hurt, "the foreman Jorge Pinto said.',
     [("Nobody on the night shift was hurt", "the foreman Jorge Pinto")]),

    # ── wire style: ``…'' ──
    ("``We are grateful for the patience of every passenger,'' he said.",
     [("We are grateful for the patience of every passenger", None)]),
    ("``We did not move the boats fast enough, ``said coach Marten Lind.",
     [("We did not move the boats fast enough", "coach Marten Lind")]),
    # a quote inside a wire quote is part of it
    ("``They kept shouting, 'Stay inside, stay inside,' and then the doors shut,'' said Ana Ruiz.",
     [("They kept shouting, 'Stay inside, stay inside,' and then the doors shut", "Ana Ruiz")]),
    # a role word (not one we list) between a body and its person: the person speaks
    ("“The reservoir will be full again by the spring,” said Tessel Water Board boss Ada Moor.",
     [("The reservoir will be full again by the spring", "Tessel Water Board boss Ada Moor")]),
    # negatives: a title of a work, inches
    ("Ketsova left the ``Silver Lagoon'' set early.", []),
    ("Reporters asked the ``Silver Lagoon Harbour Mystery'' cast about the sequel.", []),
    ("The old screen measured 12'' across and weighed very little.", []),
    # a page that types ''…'' for "…": a title, not a quote left open
    ("According to ''The Evening Lantern'', the mayor will stand down next spring.", []),

    # ── quotes over sentences and paragraphs ──
    # (one claim per paragraph, all with the speaker; a short one rides with its neighbour)
    ("``We lost the whole roof of the barn within an hour.\nThen the water came in.\nNobody on the farm was ready for any of it,'' said farmer Olaf Brenn.",
     [("We lost the whole roof of the barn within an hour.", "farmer Olaf Brenn"),
      ("Then the water came in. Nobody on the farm was ready for any of it", "farmer Olaf Brenn")]),
    # short sentences of one quote are no scare quotes
    ("``Is that a plan at all?\nI cannot see one.''",
     [("Is that a plan at all? I cannot see one.", None)]),
    # a line wrapped inside a sentence is no paragraph
    ("“The levee held until the second night,\nwhen the rain came back,” said Ada Mertens.",
     [("The levee held until the second night, when the rain came back", "Ada Mertens")]),
    # the newspaper convention: each paragraph opens with a mark, only the last one closes; one
    # claim per paragraph (another outlet may run either), each with the speaker
    ("“We will rebuild the school before the winter.\n“Every family in the district has promised to help us,” said Mayor Rita Osei.",
     [("We will rebuild the school before the winter.", "Mayor Rita Osei"),
      ("Every family in the district has promised to help us", "Mayor Rita Osei")]),
    # ... over three paragraphs: the short ones ride together
    ("“The pumps failed at midnight.\n“We ran.\n“By dawn the whole street was under water,” Ada Mertens told reporters.",
     [("The pumps failed at midnight. We ran.", "Ada Mertens"),
      ("By dawn the whole street was under water", "Ada Mertens")]),
    # a stray mark at the end of a paragraph that already closed its quote
    ('"The crossing stays shut for now," Nils Ekberg argued before the board voted on it."',
     [("The crossing stays shut for now", "Nils Ekberg")]),
    # an opening mark left open to the end of its paragraph
    ("“The river has never risen this fast in living memory.\nCrews worked through the night.",
     [("The river has never risen this fast in living memory.", None)]),
    # ... but not one opened in the middle of a paragraph
    ('The chief warned that "the levee might not hold\nCrews worked through the night.', []),
    # a closing mark whose opening mark the page lost
    ("Nobody could have predicted how quickly the levee failed,'' the engineer Pia Soto said.",
     [("Nobody could have predicted how quickly the levee failed", "the engineer Pia Soto")]),
    ("We will keep the shelters open for as long as people need them.''",
     [("We will keep the shelters open for as long as people need them.", None)]),
    # ... not marks the wrong way round around a title
    ("The agency added to its ” Twelve Safest Towns “ list a village on the coast.", []),
    # single marks over two paragraphs, closed at a paragraph's end
    ("Officers described the march as 'peaceful from start to finish.\nNobody was hurt at all. '",
     [("peaceful from start to finish. Nobody was hurt at all.", "Officers")]),

    # ── short quotes: three or four words when someone is said to say them ──
    ("“We will return,” Captain Ines Moro said.", [("We will return", "Captain Ines Moro")]),
    ("“It was a shambles,” she said.", [("It was a shambles", None)]),
    ("The club has become “a second home” for many pupils.", []),  # a scare quote
    ("The old ferry is known as “the Grey Lady” along the coast.", []),  # a nickname
    ("Marco 'The Wall' Benetti signed for another season.", []),

    # ── the speaker after a title or a role ──
    ("“The lease will not be renewed this year,” said Interior Secretary Lena Marsh.",
     [("The lease will not be renewed this year", "Interior Secretary Lena Marsh")]),
    ("“The lease will not be renewed this year,” said Secretary of the Treasury Omar Haddad.",
     [("The lease will not be renewed this year", "Secretary of the Treasury Omar Haddad")]),
    ("“The shooting went on for almost an hour,” a village resident told AP.",
     [("The shooting went on for almost an hour", "a village resident")]),
    ("“We had no warning of the closure at all,” deputy director Karl Renn told The Ledger.",
     [("We had no warning of the closure at all", "deputy director Karl Renn")]),
    ("“We are thrilled to welcome her back next year,” said Vera Holm and Tomas Berg.",
     [("We are thrilled to welcome her back next year", "Vera Holm and Tomas Berg")]),
    ("Holm and Berg added: “We are thrilled to welcome her back next year.”",
     [("We are thrilled to welcome her back next year.", "Holm and Berg")]),
    # ... not the quote that starts after a comma: "He asked why" opens one
    ('Varga said that when he broke the news to Lind, "He asked why, and I told him the team had to change."',
     [("He asked why, and I told him the team had to change.", "Varga")]),
]


def _words(text):
    return re.findall(r"\w+", text.lower())


@pytest.mark.parametrize("text,expected", CORPUS)
def test_quote_corpus(text, expected):
    found = find_quotes(text)
    assert [(m.value.quote, m.value.speaker) for m in found] == expected
    for m in found:
        span = _words(text[m.start:m.end])
        words = _words(m.value.quote)
        assert " ".join(words) in " ".join(span)  # the quote's words, in the span, in order


HEADLINES = [
    ("Harbour Pilot Says She 'Knows Every Rock'", [("Knows Every Rock", None)]),
    ("Quarry Town Is 'A Tinderbox' After Night of Fires", [("A Tinderbox", None)]),
    ("Co-Worker Describes Gunman: “Quiet and Polite”", [("Quiet and Polite", None)]),
    # titles of works, a quoted word
    ("Dorsey in Talks to Direct 'The Salt Road' Sequel 'Ember Tide'", []),
    ("'Salt Road' Director Quits Production", []),
    ("Minister Calls Strike 'Sabotage'", []),
]


@pytest.mark.parametrize("text,expected", HEADLINES)
def test_headline_quotes(text, expected):
    found = find_quotes(text, headline=True)
    assert [(m.value.quote, m.value.speaker) for m in found] == expected


SAME_PASSAGE = [
    "“ We will rebuild every home in the valley , ” he said.",
    "``We will rebuild every home in the valley,'' he said.",
    '"We will rebuild every home in the valley," he said.',
    "‘We will rebuild every home in the valley,’ he said.",
    "“We will rebuild every home\nin the valley,” he said.",  # a wrapped line
]


def test_one_passage_typed_many_ways_is_one_quote_text():
    """Two outlets' renderings of one passage compare equal when the words are equal."""
    quotes = {find_quotes(text)[0].value.quote for text in SAME_PASSAGE}
    assert quotes == {"We will rebuild every home in the valley"}


DAY = date(2026, 3, 14)


def _claims(body):
    doc = Document(id="a", path="a.txt", text=f"Harbour storm closes the old quay\n\n{body}\n",
                   published=DAY)
    return [c for c in extract(segment(doc)).claims if c.kind == "quote"]


def test_a_quote_over_short_lines_is_read_over_them():
    """Short lines of a quote ("I ran.") are too short to read as prose on their own: the quote
    still reads over them to its closing mark and its speaker."""
    body = ("The harbour master spoke to reporters on the quay about the storm damage.\n"
            "She said, ``We had never seen waves like it in all our years here!\n"
            "I ran.\n"
            "We all ran.\n"
            "Then the quay wall gave way beneath the cranes,'' the harbour master said.\n"
            "Repairs are expected to take most of the coming year, officials said.")
    claims = _claims(body)
    assert [c.value.quote for c in claims] == [
        "We had never seen waves like it in all our years here!",
        "I ran. We all ran. Then the quay wall gave way beneath the cranes"]
    assert {c.value.speaker for c in claims} == {"the harbour master"}
    assert claims[0].text.startswith("``We had never") and claims[-1].text.endswith("cranes,''")
    assert claims[-1].sentence.endswith("the harbour master said.")


def test_short_lines_between_paragraphs_that_are_not_said_stay_out():
    body = ("The harbour master spoke to reporters on the quay about the storm damage.\n"
            "Read more: “Storm warning issued for the whole coast tonight”\n"
            "Repairs are expected to take most of the coming year, officials said.")
    assert _claims(body) == []


HOSTILE = [
    '"' * 100_000,
    "“" * 100_000,
    "``" * 50_000,
    "''" * 50_000,
    "'a " * 50_000,
    "“" + "word " * 100_000,  # a quote with no closing mark over a huge paragraph
    "``" + "word " * 100_000 + "''",
    "“word word word.\n" * 20_000,  # paragraphs that each open a quote and never close it
    '"a b c" ' * 20_000,  # many short quotes in one sentence
    '"a b c d e," he said. ' * 10_000,
    "said, “" * 30_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:10]))
def test_linear_on_hostile_input(text):
    began = time.process_time()
    find_quotes(text)
    assert time.process_time() - began < 2.0


@pytest.mark.parametrize("speaker,expected", [
    ("Governor Tilda Moss", "moss"),
    ("the Carinthian governor", None),  # a description: who it is, the article must say
    ("Authorities", None),
    ("Vera Holm and Tomas Berg", "berg"),
    ("Tessel Water Board boss Ada Moor", "moor"),
])
def test_speaker_refs(speaker, expected):
    from factcheck.extract import resolve_speaker
    assert resolve_speaker(speaker, {}) == expected


@pytest.mark.parametrize("body", [
    "``We will not give up on this town,'' he said. " * 5_000,  # wire quotes in one paragraph
    "“" + "word " * 100_000 + ".",
    "“word word word word word.\n" * 20_000,
], ids=["wire-paragraph", "open-huge", "open-lines"])
def test_linear_through_segment_and_extract(body):
    """A paragraph of thousands of wire quotes is cut into sentences at each ``: read as one
    sentence, every quote's frame was built over all of it. Thousands of quotes are more claims
    than a story makes: the article may be skipped (TooManyClaims), once its quotes are read."""
    from factcheck.extract import TooManyClaims

    began = time.process_time()
    try:
        _claims(body)
    except TooManyClaims:
        pass
    assert time.process_time() - began < 5.0


def test_a_quote_in_a_line_the_story_left_out_keeps_its_own_speaker():
    """The run of sentences around a left-out quote line: the "X said" of the sentence before
    it is no lead-in to the quote; the name after its closing mark is who said it."""
    before = "Harrow Mills said on Monday it would close its plant in Tessel."
    quoted = ("“We cannot keep the line running in Tessel, not this winter. Believe me, we tried "
              "everything we could.” Ada Moor said. Workers said they had expected it.")
    after = "It was the first loss in nine years for Harrow Mills."
    text = f"{before}\n\n{quoted}\n\n{after}"
    bounds = [(0, len(before)), (len(text) - len(after), len(text))]  # the quote line left out
    assert [m.value.speaker for m in find_quotes(text, bounds)] == ["Ada Moor"]

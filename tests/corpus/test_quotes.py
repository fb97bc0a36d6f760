"""Corpus for the quote recognizer: (sentence, expected [(quote, speaker)])."""

import pytest

from factcheck.extract.quote import find_quotes

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
]


@pytest.mark.parametrize("sentence,expected", CORPUS)
def test_quote_corpus(sentence, expected):
    found = find_quotes(sentence)
    assert [(m.value.quote, m.value.speaker) for m in found] == expected
    for m in found:
        span = sentence[m.start:m.end]
        assert m.value.quote.rstrip(".,") in span

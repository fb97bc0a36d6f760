"""factcheck: find where news sources disagree on numbers, dates and quotes."""

__version__ = "0.1.0"

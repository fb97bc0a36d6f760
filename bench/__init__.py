"""The benchmark of issue 6: a generated corpus with planted conflicts, and the runner."""

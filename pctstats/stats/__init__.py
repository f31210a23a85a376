"""Statistics: GRIM, intervals for prevalences, ratios and pooling, and their result objects."""

__all__: list[str] = []

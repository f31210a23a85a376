"""The record set: typed records, the schema of data/, validation rules and loading."""

__all__: list[str] = []

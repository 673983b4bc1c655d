"""Search backends other than the embedded Whoosh index (the default): see :mod:`.opensearch`."""


def is_url(location: object) -> bool:
    """Whether an index location is a cluster address rather than a folder.

    Here, not in the backend module, so that opening a folder imports no backend code."""
    return isinstance(location, str) and location.startswith(("http://", "https://"))

"""Search backends other than the embedded Whoosh index (the default): see :mod:`.opensearch`."""

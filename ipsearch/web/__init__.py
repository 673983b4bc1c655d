"""The web page and JSON API of ``ipsearch serve`` (needs the ``web`` extra: Flask, waitress)."""

from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]

"""Fixtures for the locality tests."""

from __future__ import annotations

from tests.build.helpers import procgen

__all__ = ["procgen"]

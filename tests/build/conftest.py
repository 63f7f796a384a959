"""Fixtures for the build tests (helpers live in :mod:`tests.build.helpers`)."""

from __future__ import annotations

from tests.build.helpers import bundled, kitchen, procgen

__all__ = ["bundled", "kitchen", "procgen"]

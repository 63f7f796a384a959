"""``procgen new``: write a commented starter procedure (and project settings if missing)."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

from procgen.source.limits import WINDOWS_DEVICE_NAMES

_SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")


def write_starter(
    root: Path, procedure_id: str, *, force: bool = False, today: dt.date | None = None
) -> list[Path]:
    """Write ``root/<id>.yaml`` (and ``root/procgen.yaml`` when absent); return what was written.

    Raises:
        ValueError: the id is not a slug, or the file exists and ``force`` is false.
    """
    if not _SLUG.match(procedure_id) or len(procedure_id) > 64:
        raise ValueError(
            f"'{procedure_id}' is not a valid procedure id: use lower-case words "
            "joined by hyphens, such as 'birth-registration' (at most 64 characters)"
        )
    if procedure_id in WINDOWS_DEVICE_NAMES:
        raise ValueError(
            f"'{procedure_id}' is a name Windows reserves for a device: {procedure_id}.yaml "
            "could not be checked out on Windows; choose another id"
        )
    target = root / f"{procedure_id}.yaml"
    if target.exists() and not force:
        raise ValueError(f"{target} already exists (use --force to overwrite it)")
    here = resources.files("procgen.starter")
    written = []
    root.mkdir(parents=True, exist_ok=True)
    settings = root / "procgen.yaml"
    if not settings.exists():
        settings.write_text(here.joinpath("procgen.yaml").read_text("utf-8"), "utf-8")
        written.append(settings)
    day = (today or dt.date.today()).isoformat()
    text = here.joinpath("procedure.yaml").read_text("utf-8")
    target.write_text(text.replace("{id}", procedure_id).replace("{today}", day), "utf-8")
    written.append(target)
    return written

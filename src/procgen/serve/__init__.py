"""``procgen serve``: the author's live preview and the reference implementation of the
generated OpenAPI contract, in one process (docs/serve.md).

* :mod:`procgen.serve.site` — the procedures compiled in memory (the portal and the forms);
* :mod:`procgen.serve.api` — every operation of ``portal.yaml``, drafts included;
* :mod:`procgen.serve.decide` — an application judged by the model's own checks;
* :mod:`procgen.serve.upload` — the multipart body streamed, files content-addressed;
* :mod:`procgen.serve.store` — SQLite or PostgreSQL, one schema, group commit;
* :mod:`procgen.serve.preview` — the index, the forms, reload on save, submissions;
* :mod:`procgen.serve.app` — the Starlette application, headers and limits.

Only the ``serve`` command imports this package (Starlette, uvicorn and the drivers are the
``serve`` extra), so every other command starts as fast as before.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from procgen.serve.preview import Events
    from procgen.serve.site import Site

__all__ = ["DATA", "build_app", "load_secret", "run", "watch"]

DATA = Path(".procgen-serve")
"""The default data folder: the SQLite database, the uploads, the session secret."""


def load_secret(data: Path) -> bytes:
    """The server's secret (signs the forms' CSRF tokens), kept in ``data/secret`` so that a
    restart does not void the forms already open; made on first use, readable by its owner
    only."""
    path = data / "secret"
    try:
        value = path.read_bytes()
        if len(value) >= 32:
            return value
    except FileNotFoundError:
        pass
    data.mkdir(parents=True, exist_ok=True)
    value = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(value)
    return value


def build_app(root: Path, data: Path, *, database: str | None = None,
              locality: str | None = None, preview: bool = True, watching: bool = False,
              today: str | None = None) -> tuple[Starlette, Site]:
    """The application over the project at ``root``, storing into ``data`` (or
    ``database``); the :class:`Site` it serves."""
    import contextlib
    from collections.abc import AsyncIterator

    from procgen.serve.app import Options, create_app
    from procgen.serve.preview import Events
    from procgen.serve.site import Site
    from procgen.serve.store import open_store
    from procgen.serve.upload import claim_temp

    site = Site(root, locality=locality, web=preview)
    data.mkdir(parents=True, exist_ok=True)
    store = open_store(database or "serve.sqlite3", data)
    temp = claim_temp(data / "uploads")  # what a killed server left half-received is removed
    events = Events()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        import datetime as dt

        import anyio

        # a draft's answers are kept no longer than its 30 days (docs/serve.md, drafts)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        await anyio.to_thread.run_sync(store.forget_expired, now)
        async with anyio.create_task_group() as tasks:
            if watching:
                tasks.start_soon(watch, app, site, events)
            try:
                yield
            finally:
                tasks.cancel_scope.cancel()
                store.close()
                temp.close()

    app = create_app(site, store, data / "uploads", Options(preview=preview, watch=watching,
                                                            today=today),
                     secret=load_secret(data), events=events, lifespan=lifespan)
    return app, site


async def watch(app: Starlette, site: Site, events: Events) -> None:
    """Recompile what each save touches and tell the open pages (server-sent events)."""
    import time

    import anyio
    import watchfiles

    from procgen.wording import tell

    async for changes in watchfiles.awatch(site.root, debounce=20, step=10,
                                           recursive=True):
        paths = sorted({Path(p) for _, p in changes
                        if p.endswith((".yaml", ".yml")) or not Path(p).exists()})
        if not paths:
            continue
        start = time.perf_counter()
        changed: set[str] = set()
        preview = app.state.preview
        for s in [site, *(preview.sites.values() if preview is not None else ())]:
            changed |= await anyio.to_thread.run_sync(s.reload, paths)
        events.publish(changed)
        ms = round((time.perf_counter() - start) * 1000)
        print(tell("serve_reloaded", procedures=", ".join(sorted(changed)), ms=ms),
              flush=True)


def run(app: Starlette, host: str, port: int) -> None:
    """Serve ``app`` with uvicorn until interrupted.

    What start-up loaded (the compiled procedures, the schemas, the wording) lives as long as
    the server: it is moved out of the garbage collector's way (:func:`gc.freeze`), so that a
    full collection under load walks only what requests made, not the whole model."""
    import gc

    import uvicorn

    gc.collect()
    gc.freeze()

    config = uvicorn.Config(app, host=host, port=port, log_level="warning",
                            timeout_keep_alive=5, limit_concurrency=512,
                            timeout_graceful_shutdown=5, server_header=False)
    uvicorn.Server(config).run()

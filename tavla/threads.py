"""The app's worker threads: where Textual's thread workers and `asyncio.to_thread` run.

Each task gets two things before it starts:

- The ORM imported (`tavla.store.orm.load_orm`, once, under one lock). The store imports
  SQLAlchemy lazily so the board paints without it; two workers importing it for the first
  time at once broke each other (`partially initialized module 'sqlalchemy.event'`) when a
  key was pressed in the board's first second, during the warm-up's import.
- The context of the code that started it, as `asyncio.to_thread` gives. Textual's thread
  workers get none, so `self.app` in a worker walked up the DOM, and raised
  NoActiveAppError when the screen had closed meanwhile.

Workers of the groups in `plain_sql` (plain SQL only: store.plain and the board's reads) skip
the import: they start by the first paint, which the import would slow, and a process that only
shows the board and rates never holds the ORM's memory (see tavla.app.PLAIN_SQL).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from textual.worker import NoActiveWorker, get_current_worker

from tavla.store.orm import load_orm


class WorkerThreads(ThreadPoolExecutor):
    def __init__(self, plain_sql: frozenset[str]) -> None:
        super().__init__(thread_name_prefix="tavla-worker")
        self.plain_sql = plain_sql

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        # Runs on the event loop, in the task of the worker being started (if any).
        try:
            needs_orm = get_current_worker().group not in self.plain_sql
        except NoActiveWorker:  # asyncio.to_thread, e.g. the command palette's provider
            needs_orm = True
        context = contextvars.copy_context()
        return super().submit(context.run, _run, needs_orm, fn, *args, **kwargs)


def _run(needs_orm: bool, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    if needs_orm:
        load_orm()
    try:
        return fn(*args, **kwargs)
    except StopIteration as error:
        # asyncio cannot hand StopIteration to the waiting task: the worker would never end
        # (seen: an agenda item moved after it was taken off). Fail it as an error instead.
        raise RuntimeError("StopIteration in a worker") from error

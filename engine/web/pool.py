"""The worker processes of `ects serve`: every audit and comparison of uploaded files runs in one, and a worker
whose work passes the time limit is stopped (terminated, then killed) and replaced, so that no upload keeps a
CPU busy after its answer; a task whose client goes away first is cancelled, its worker stopped the same way.

A small pool of processes (pebble's ProcessPool: a task past its timeout, or cancelled, has its process
terminated) started from a fork server, a clean single-threaded process, never forked from the threaded
server itself. Each worker compiles the rule sets once when it starts (engine.web.workers), then
serves tasks: the functions of engine.web.tasks, given picklable arguments, returning picklable answers (texts
and plain data; reports stay in the worker that makes them).
"""
from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, TypeVar

from pebble import ProcessExpired, ProcessPool
from starlette.requests import Request
from starlette.types import Receive

from engine.history.store import Store
from engine.semantics.reasons import because
from .config import Catalog
from .handling import ClientGone, OverMemory, TooSlow, WorkerLost, WorkersUnavailable
from .workers import EXIT_OVER_MEMORY, WorkerSetup, run_task, start_worker

T = TypeVar("T")
PRELOAD = ["engine.web.tasks"]  # imported once by the fork server: a new worker starts with the engine loaded


class WorkerPool:
    """A pool of `size` worker processes, started on first use; `run` gives a task's answer, or raises TooSlow
    once it has run `timeout` seconds (its process is then stopped and a new one started), or OverMemory when it
    needed more than `memory_limit` bytes (each worker's address space; 0: no limit)."""

    def __init__(self, catalog: Catalog, size: int, timeout: float, store: Store | None = None,
                 prepare: Callable[[], None] | None = None, memory_limit: int = 0):
        self.size = size
        self.timeout = timeout
        self.memory_limit = memory_limit
        self.setup = WorkerSetup(dict(catalog.targets), {i: rs.content_hash for i, rs in catalog.compiled.items()},
                                 getattr(store, "opened_from", None) or None, prepare, memory_limit)
        self._pool: ProcessPool | None = None
        self._lock = threading.Lock()

    def _started(self) -> ProcessPool:
        with self._lock:
            if self._pool is None:
                if "forkserver" in multiprocessing.get_all_start_methods():
                    context = multiprocessing.get_context("forkserver")
                    context.set_forkserver_preload(PRELOAD)
                else:  # no fork server on this system (Windows): each worker starts a fresh interpreter
                    context = multiprocessing.get_context("spawn")
                self._pool = ProcessPool(max_workers=self.size, initializer=start_worker, initargs=(self.setup,),
                                         context=context)
            return self._pool

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker process (fn a module-level function, args picklable). The time limit counts
        the task's own run, not its wait for a free worker; if the caller is cancelled (the server stopping),
        the task is cancelled and its process stopped."""
        pool = self._started()
        try:
            future = pool.schedule(run_task, (fn, *args), timeout=self.timeout)
        except RuntimeError:  # the pool has stopped (below): a new one for this and later tasks
            self._discard(pool)
            pool = self._started()
            future = pool.schedule(run_task, (fn, *args), timeout=self.timeout)
        try:
            return await asyncio.wrap_future(future)
        except TimeoutError:
            raise TooSlow(self.timeout) from None
        except ProcessExpired as e:
            if e.exitcode == EXIT_OVER_MEMORY:
                raise OverMemory(self.memory_limit) from None
            raise WorkerLost(e.exitcode) from None
        except BrokenProcessPool as e:  # workers that could not start: the next task starts a new pool
            self._discard(pool)
            raise WorkersUnavailable(because("web.workers_not_started", "the worker processes could not be started "
                                             "({error})", error=str(e))) from None
        except (asyncio.CancelledError, CancelledError):
            future.cancel()
            raise

    async def run_for(self, request: Request, fn: Callable[..., T], *args: Any) -> T:
        """`run(fn, *args)` for a request whose body has been read: if its client goes away first (the ASGI
        `http.disconnect` message), the task is cancelled, its worker process stopped, and ClientGone raised."""
        job = asyncio.ensure_future(self.run(fn, *args))
        watch = asyncio.ensure_future(_disconnected(request.receive))
        try:
            await asyncio.wait({job, watch}, return_when=asyncio.FIRST_COMPLETED)
        finally:  # the answer, the client gone, or the server stopping: nothing is left waiting
            watch.cancel()
            if not job.done():
                job.cancel()
                await asyncio.gather(job, return_exceptions=True)
        if job.cancelled():
            raise ClientGone(request.method, request.url.path)
        return job.result()

    def worker_pids(self) -> list[int]:
        """The process ids of the workers now running (none before the first task), as pebble's pool manager
        keeps them."""
        if self._pool is None:
            return []
        return sorted(pid for pid, worker in list(self._pool._pool_manager.worker_manager.workers.items())
                      if worker.is_alive())

    def close(self) -> None:
        """Stop the workers (a task still running is cancelled); a later task starts new ones."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()
            pool.join()

    def _discard(self, pool: ProcessPool) -> None:
        """Stop a pool that no longer works, unless another request has already put a new one in its place."""
        with self._lock:
            if self._pool is not pool:
                return
            self._pool = None
        pool.stop()
        pool.join()


async def _disconnected(receive: Receive) -> None:
    """Return when the client has gone. The request's body has been read, so the server answers `receive` with
    `http.disconnect` only, when the connection closes (an empty `http.request` first, for a body never read)."""
    while (await receive())["type"] != "http.disconnect":
        pass


__all__ = ["WorkerPool"]

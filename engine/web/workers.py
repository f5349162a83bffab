"""A worker process of `ects serve` (engine.web.pool), its side: it caps its own memory (the OS limit on its
address space), compiles the server's rule sets once when it starts (the same bundled sets and folders, checked
against the content hashes the server compiled at start-up) and opens the audit store once, then serves the
tasks of engine.web.tasks. Stopped (SIGTERM), it removes the uploads it had staged before it ends."""
from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

try:
    import resource
except ImportError:  # no such limits on this system (Windows)
    resource = None  # type: ignore[assignment]

from engine.history.recording import open_store
from engine.history.store import Store
from engine.semantics.reasons import Reason, because
from .config import MB, Catalog
from .handling import WorkersUnavailable
from .uploads import remove_staged

T = TypeVar("T")


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker process needs to start: the rule sets (id -> what load_ruleset takes, and the content hash
    the server compiled), the audit store's location, a function to run once loaded (tests use it), and the
    limit of its address space in bytes (0: none)."""

    targets: dict[str, str]
    hashes: dict[str, str]
    store: str | None = None
    prepare: Callable[[], None] | None = None
    memory_limit: int = 0


@dataclass
class _Loaded:
    catalog: Catalog | None = None
    problem: Reason | None = None
    store_location: str | None = None
    store: Store | None = None


_loaded = _Loaded()  # this worker process's rule sets and audit store
EXIT_OVER_MEMORY = 86  # how a worker ends after a task ran out of memory (engine.web.pool answers OverMemory)


def start_worker(setup: WorkerSetup) -> None:
    """A worker's initializer: compile the rule sets once. Never raises (a failing initializer would make the
    pool start workers without end): a problem is kept and given as the answer to every task."""
    _remove_uploads_when_stopped()
    try:
        _cap_memory(setup.memory_limit)
    except (ValueError, OSError) as e:
        _loaded.problem = because("web.memory_limit_unsupported", "the memory limit of the worker processes cannot "
                                  "be set on this system ({error}); start `ects serve` with --memory-limit 0 to run "
                                  "them without one", error=str(e))
        return
    try:
        catalog = Catalog.of_targets(setup.targets.values())
        changed = [i for i, h in setup.hashes.items() if i not in catalog.compiled or catalog.compiled[i].content_hash != h]
        if changed:
            _loaded.problem = because("web.ruleset_changed", "the rule set '{ruleset}' has changed on disk since the "
                                      "server started; restart `ects serve` to use the new rules", ruleset=changed[0])
        _loaded.catalog = catalog
        _loaded.store_location = setup.store
        if setup.prepare is not None:
            setup.prepare()
    except MemoryError:
        _loaded.problem = because("web.rulesets_over_memory", "the worker processes cannot load the rule sets "
                                  "within their memory limit of {mib} MiB; start `ects serve` with a larger "
                                  "--memory-limit", mib=setup.memory_limit // MB)
    except Exception as e:  # noqa: BLE001 - anything: the server must go on answering
        _loaded.problem = because("web.rulesets_not_loaded", "the worker processes cannot load the rule sets: "
                                  "{error}", error=str(e))


def _cap_memory(limit: int) -> None:
    """Limit this process's address space to `limit` bytes (RLIMIT_AS; never above a hard limit already set):
    past it, an allocation fails with MemoryError. 0, or a system without the limit: none."""
    if not limit or resource is None or not hasattr(resource, "RLIMIT_AS"):
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _remove_uploads_when_stopped() -> None:
    """On SIGTERM (the pool stopping this worker: time limit, client gone, server stopping), remove the folders of
    uploads staged for the task it was running, then end as the pool's own handler ends it."""
    ending = signal.getsignal(signal.SIGTERM)

    def stop(signum, frame):
        remove_staged()
        if callable(ending):
            ending(signum, frame)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def run_task(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)`, a task of engine.web.tasks, in this worker. A task that runs out of memory (past the limit of
    `_cap_memory`) ends the worker with EXIT_OVER_MEMORY, its uploads removed: what it took is not given back to
    the system, so a new worker takes its place."""
    try:
        return fn(*args)
    except MemoryError:
        pass
    remove_staged()
    os._exit(EXIT_OVER_MEMORY)


def worker_catalog() -> Catalog:
    """The rule sets of this worker process; WorkersUnavailable when they could not be loaded as the server's."""
    if _loaded.problem is not None or _loaded.catalog is None:
        raise WorkersUnavailable(_loaded.problem or because("web.not_a_worker",
                                                            "this process is not a worker of `ects serve`"))
    return _loaded.catalog


def worker_store() -> Store | None:
    """This worker process's connection to the audit store (opened on first use), or None without a store."""
    if _loaded.store is None and _loaded.store_location:
        _loaded.store = open_store(_loaded.store_location)
    return _loaded.store


__all__ = ["EXIT_OVER_MEMORY", "WorkerSetup", "run_task", "start_worker", "worker_catalog", "worker_store"]

"""A worker process of `ects serve` (engine.web.pool), its side: it compiles the server's rule sets once when it
starts (the same bundled sets and folders, checked against the content hashes the server compiled at start-up)
and opens the audit store once, then serves the tasks of engine.web.tasks."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from engine.history.recording import open_store
from engine.history.store import Store
from .config import Catalog
from .handling import WorkersUnavailable


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker process needs to start: the rule sets (id -> what load_ruleset takes, and the content hash
    the server compiled), the audit store's location, and a function to run once loaded (tests use it)."""

    targets: dict[str, str]
    hashes: dict[str, str]
    store: str | None = None
    prepare: Callable[[], None] | None = None


@dataclass
class _Loaded:
    catalog: Catalog | None = None
    problem: str | None = None
    store_location: str | None = None
    store: Store | None = None


_loaded = _Loaded()  # this worker process's rule sets and audit store


def start_worker(setup: WorkerSetup) -> None:
    """A worker's initializer: compile the rule sets once. Never raises (a failing initializer would make the
    pool start workers without end): a problem is kept and given as the answer to every task."""
    try:
        catalog = Catalog.of_targets(setup.targets.values())
        changed = [i for i, h in setup.hashes.items() if i not in catalog.compiled or catalog.compiled[i].content_hash != h]
        if changed:
            _loaded.problem = (f"the rule set '{changed[0]}' has changed on disk since the server started; "
                               "restart `ects serve` to use the new rules")
        _loaded.catalog = catalog
        _loaded.store_location = setup.store
        if setup.prepare is not None:
            setup.prepare()
    except Exception as e:  # noqa: BLE001 - anything: the server must go on answering
        _loaded.problem = f"the worker processes cannot load the rule sets: {e}"


def worker_catalog() -> Catalog:
    """The rule sets of this worker process; WorkersUnavailable when they could not be loaded as the server's."""
    if _loaded.problem is not None or _loaded.catalog is None:
        raise WorkersUnavailable(_loaded.problem or "this process is not a worker of `ects serve`")
    return _loaded.catalog


def worker_store() -> Store | None:
    """This worker process's connection to the audit store (opened on first use), or None without a store."""
    if _loaded.store is None and _loaded.store_location:
        _loaded.store = open_store(_loaded.store_location)
    return _loaded.store


__all__ = ["WorkerSetup", "start_worker", "worker_catalog", "worker_store"]

"""Running a batch: in this process, on a pool of local processes (`--jobs N`) or on a Dask cluster
(`--dask ADDRESS`). Every way yields the same `Outcome`s in the order of the files, so the output is the
same bytes whichever runs it; at most a bounded number of results wait to be written."""
from __future__ import annotations

import dataclasses
import functools
import itertools
import os
import signal
from collections import deque
from typing import Any, Callable, Iterable, Iterator, Sequence

from engine.cli.work import Job, Outcome, audit_context, settle, work, work_many
from engine.errors import UsageError
from engine.semantics.reasons import because, plain

CHUNK = 8  # files per task sent to a worker: fewer round trips, results still arrive in order
AHEAD_PER_WORKER = 4  # chunks in flight per worker, so memory stays bounded however long the batch
WORKERS_WAIT = "20s"  # Dask: how long to wait for a first worker before saying there is none


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_local(files: Sequence[str], job: Job, jobs: int) -> Iterator[Outcome]:
    """The outcomes in file order: in this process with `jobs` 1, else on a pool of `jobs` processes,
    each of which compiles the rule set once (forked after this process compiled it, where the platform forks)."""
    audit_context(job)  # compile here first: a broken rule set is reported once, before any worker starts
    if len(files) > 1:
        settle()
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield work(path, job)
        return
    from pebble import ProcessExpired, ProcessPool  # noqa: PLC0415 - only for --jobs above 1: a one-file check starts without it
    workers = min(jobs, len(files))
    pool = ProcessPool(workers, initializer=_leave_signals_to_the_batch)
    try:
        for future in in_flight(chunks_of(files), lambda chunk: pool.schedule(work_many, args=(chunk, job)),
                                workers * AHEAD_PER_WORKER):
            try:
                outcomes = future.result()
            except ProcessExpired as e:  # killed (out of memory, by hand): the batch ends, it does not wait
                raise UsageError(because("cli.worker_ended", "a worker process ended before it finished its files "
                                         "(exit code {code}); the batch was stopped, nothing was written",
                                         code=str(e.exitcode))) from None
            yield from outcomes
        pool.close()
    except BaseException:  # stopped, failed or no longer read: the workers are stopped, not waited for
        pool.stop()
        raise
    finally:
        pool.join()


def chunks_of(files: Sequence[str]) -> Iterator[list[str]]:
    """The files in chunks of CHUNK, in order, each made as it is taken."""
    names = iter(files)
    while chunk := list(itertools.islice(names, CHUNK)):
        yield chunk


def in_flight(chunks: Iterable[list], submit: Callable[[list], Any], most: int) -> Iterator[Any]:
    """The future of each chunk, in order, with at most `most` submitted and not yet handed out: a chunk is
    submitted only when one is taken, so the results waiting in memory stay bounded however long the batch
    (a map over every chunk at once would keep every result until the last is read)."""
    pending: deque = deque()
    waiting = iter(chunks)
    while True:
        while len(pending) < most and (chunk := next(waiting, None)) is not None:
            pending.append(submit(chunk))
        if not pending:
            return
        yield pending.popleft()


def _leave_signals_to_the_batch() -> None:
    """In a worker process: Ctrl-C is for the process that runs the batch (it stops the pool), and SIGTERM
    (how the pool stops its workers) ends the worker at once, without a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run_dask(files: Sequence[str], job: Job, address: str) -> Iterator[Outcome]:
    """The outcomes in file order from a Dask distributed cluster: the workers read the files (they must
    see the same paths) and compile the rule set once each; chunks are submitted a few at a time per
    worker and gathered in order."""
    try:
        from distributed import Client  # noqa: PLC0415 - optional dependency, only for --dask
        from distributed.comm import get_address_host_port  # noqa: PLC0415 - the same
    except ImportError:
        raise UsageError(because("dask.not_installed", "--dask needs the Dask distributed package: pip install "
                                 "'ects[dask]'")) from None
    try:
        get_address_host_port(address)  # checked before a client is made: a half-made one lingers
    except ValueError as e:  # Dask's words for it: 'unknown address scheme', 'invalid address'...
        raise UsageError(because("dask.bad_address", "not a Dask scheduler address (tcp://HOST:8786): {why}",
                                 why=plain(str(e))), path=address) from None
    job = dataclasses.replace(job, folder=os.getcwd())  # where the workers read relative paths from
    audit_context(job)
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as e:
        raise UsageError(because("dask.unreachable", "cannot reach the Dask scheduler: {why}", why=plain(str(e))),
                         path=address) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKERS_WAIT)
        except TimeoutError:
            raise UsageError(because("dask.no_workers", "the Dask scheduler has no workers (waited {wait}); start them "
                                     "with 'dask worker {address}'", wait=WORKERS_WAIT, address=address),
                             path=address) from None
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        submit = functools.partial(client.submit, work_many, job=job, pure=False)
        for future in in_flight(chunks_of(files), submit, workers * AHEAD_PER_WORKER):
            yield from future.result()
            future.release()


def run_batch(files: Sequence[str], job: Job, jobs: int | None = None, dask: str | None = None) -> Iterator[Outcome]:
    """The outcomes of every file, in order, by the way asked for."""
    if dask:
        return run_dask(files, job, dask)
    return run_local(files, job, default_jobs() if jobs is None else jobs)

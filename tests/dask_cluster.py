"""A local Dask cluster of two worker processes, for the tests of `--dask` (skipped where the `distributed`
package is missing or a cluster cannot start)."""
from __future__ import annotations

import pytest


@pytest.fixture
def dask_cluster():
    """A running LocalCluster of 2 worker processes, one thread each; closed after the test."""
    distributed = pytest.importorskip("distributed")
    try:
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=":0", silence_logs=40)
    except Exception as e:  # noqa: BLE001 - any failure to start a cluster here is a reason to skip
        pytest.skip(f"cannot start a local Dask cluster: {e}")
    with cluster:
        yield cluster

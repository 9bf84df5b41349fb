"""`tradecheck serve`: the deployments it registers, and a clear failure when no server comes up.

Serving against a real `prefect server start` was checked by hand (docs/operations.md): it needs
~15-30 s for the server alone, too long for the default suite.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from pipeline.serve import DeploymentPlan, ServerUnavailable, build_deployments, ensure_server


def _plan(tmp_path: Path, watch: bool) -> DeploymentPlan:
    return DeploymentPlan(
        inbox=tmp_path / "inbox",
        orders=tmp_path / "orders.json",
        out=tmp_path / "out",
        archive=None,
        keep_in_place=False,
        workers=2,
        cron="15 * * * *",
        watch=watch,
    )


def test_the_scheduled_batch_and_the_watcher_are_deployed_with_their_parameters(tmp_path):
    batch, watcher = build_deployments(_plan(tmp_path, watch=True))
    assert (batch.flow_name, batch.name) == ("tradecheck-scheduled-batch", "scheduled")
    assert [s.schedule.cron for s in batch.schedules] == ["15 * * * *"]
    assert (watcher.flow_name, watcher.name, watcher.schedules) == ("tradecheck-watch", "watcher", [])
    for deployment in (batch, watcher):
        assert deployment.parameters["inbox"] == str(tmp_path / "inbox")
        assert deployment.parameters["workers"] == 2
        assert "tradecheck" in deployment.tags
    assert len(build_deployments(_plan(tmp_path, watch=False))) == 1


@pytest.mark.slow
def test_a_server_that_cannot_start_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with socket.socket() as taken:  # something else, not Prefect, holds the port
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServerUnavailable, match="exited with code"), ensure_server(tmp_path / "p", port):
            pass
    assert "PREFECT_API_URL" not in os.environ
    assert (tmp_path / "p" / "server.log").stat().st_size > 0

"""The local Prefect server `run` starts first thing (the flows themselves run in test_cli_e2e)."""

from __future__ import annotations

import subprocess
import sys
import urllib.request

import pytest

from pipeline import prefect_server


def test_a_configured_server_means_none_is_started(monkeypatch):
    monkeypatch.setattr(prefect_server, "_server", None)
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    prefect_server.start()
    assert prefect_server.api_url(1) is None


def test_a_server_that_dies_is_an_error_naming_its_log(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    server = prefect_server.LocalServer(process, 1, tmp_path / "server.log")
    with pytest.raises(RuntimeError, match=r"exited with code 3; see .*server\.log"):
        server.wait_ready(30)


@pytest.mark.slow
def test_the_server_answers_and_logs_to_prefect_home(monkeypatch, tmp_path):
    monkeypatch.setattr(prefect_server, "_server", None)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    prefect_server.start()
    server = prefect_server._server
    assert server is not None
    try:
        url = prefect_server.api_url(120)
        with urllib.request.urlopen(f"{url}/health", timeout=5) as reply:
            assert reply.status == 200
        assert (tmp_path / prefect_server.LOG_NAME).exists()
        # Block registration was skipped and not memoised as done: a full server on this home makes it.
        assert not (tmp_path / "memo_store.toml").exists()
    finally:
        server.stop()
    assert server.process.poll() is not None


def test_a_server_configured_where_only_prefect_looks_stops_ours(monkeypatch, tmp_path):
    """A PREFECT_API_URL from a Prefect profile or settings file (not the environment) wins: the
    server started at the command's start is stopped and the run is left on the configured one."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from pipeline.flows import local_server_settings

    standing_in = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    monkeypatch.setattr(
        prefect_server, "_server", prefect_server.LocalServer(standing_in, 1, tmp_path / "log")
    )
    with temporary_settings(updates={PREFECT_API_URL: "http://prefect.example:4200/api"}):
        assert local_server_settings() == {}
    assert standing_in.wait(timeout=15) is not None
    assert prefect_server.api_url(1) is None

"""Prefect defaults for an embedded, offline run; imported before prefect itself.

Every value is a default: a variable already set in the environment (say PREFECT_API_URL for a
real server) wins.
"""

from __future__ import annotations

import os

DEFAULTS = {
    # No server to start by hand: a local ephemeral one, which needs more than the default 20 s
    # on a busy 2-core machine (measured 7-20 s).
    "PREFECT_SERVER_EPHEMERAL_ENABLED": "true",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # No network is reachable from the machines this runs on.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # A task-per-document flow would print a few lines per file; our own CLI reports progress.
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


def apply() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)

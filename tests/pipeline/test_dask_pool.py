"""Reading on a real (local) Dask cluster through the intake's pool interface."""

from __future__ import annotations

import time

import pytest

from pipeline.dask_pool import DaskPool
from pipeline.flows import read_settings
from pipeline.settings import Settings
from pipeline.steps import extract_file
from pipeline.workers import TimedOut, WorkerError

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pool():
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    )
    dask_pool = DaskPool(cluster.scheduler_address)
    yield dask_pool
    dask_pool.close()
    cluster.close()


def _raise() -> None:
    raise ValueError("bad page")


def test_a_document_is_read_on_the_cluster(pool, tmp_path):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "inv.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawString(72, 760, "COMMERCIAL INVOICE")
    c.drawString(72, 730, "Invoice No.: INV-77")
    c.save()
    doc = pool.run(extract_file, (pdf, "inv.pdf", read_settings(Settings()), None), timeout=120)
    assert doc.pages == 1 and doc.file == "inv.pdf" and "INV-77" in doc.text


def test_a_slow_document_times_out_and_an_error_is_named(pool):
    with pytest.raises(TimedOut, match=r"timed out after 0\.5 s"):
        pool.run(time.sleep, (5,), timeout=0.5)
    with pytest.raises(WorkerError, match="ValueError: bad page"):
        pool.run(_raise, (), timeout=30)

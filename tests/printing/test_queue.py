"""The persistent queue on SQLite and PostgreSQL: printed once, or kept; never lost.

The misbehaving printers of issue 9 are in ``test_delivery.py``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import peewee
import pytest

from tests.printing.conftest import TcpPrinter, eventually, make_order, with_printers
from tests.printing.helpers import Clock, dead_owner, jobs
from tests.signing_in import as_staff
from viver_tui.config import Settings
from viver_tui.db import writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.models import MediaItem, PrintJob
from viver_tui.printing.queue import Attention, PrintOutcome, QueueRunner
from viver_tui.services import print_claims
from viver_tui.services import print_jobs as queue
from viver_tui.services.print_worker import LEASE, QueueWorker


def codes(db: peewee.Database, order_id: int) -> list[str]:
    with writing(db):
        return [
            m.code
            for m in MediaItem.select().where(MediaItem.order == order_id).order_by(MediaItem.seq)
        ]


def test_preview_spools_exact_bytes_and_renders_text(
    db: peewee.Database, settings: Settings
) -> None:
    order_id = make_order(db, 3)
    outcomes = QueueWorker(db, settings).run_once()
    assert [o.kind for o in outcomes] == [
        "media_label",
        "media_label",
        "media_label",
        "order_form",
        "receipt",
    ]
    assert all(o.printed for o in outcomes)
    assert all(
        j.status == "printed" and j.printed_at and j.confirmation == "spooled" for j in jobs(db)
    )
    first = outcomes[0]
    assert first.spool_path is not None and first.spool_path.parent == settings.spool_dir
    data = first.spool_path.read_bytes()
    assert data.startswith(b"\x1b@\x1bt\x05\x1bE\x01\x8fse \x9ddeg\x86rd\n")
    assert b"{B" + codes(db, order_id)[0].encode() in data
    assert "Åse Ødegård" not in first.spool_path.name  # no personal data in file names
    assert first.preview is not None and "Åse Ødegård" in first.preview
    assert f"[strekkode {codes(db, order_id)[0]}]" in first.preview
    assert "1/3" in first.preview
    assert QueueWorker(db, settings).run_once() == []  # nothing printed twice


def test_tcp_prints_each_job_once_in_order(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    order_id = make_order(db, 4)
    outcomes = QueueWorker(db, with_printers(settings, tcp_printer.url)).run_once()
    assert [o.printed for o in outcomes] == [True] * 6
    received = tcp_printer.received()
    positions = [received.index(b"{B" + c.encode()) for c in codes(db, order_id)]
    assert positions == sorted(positions)
    for code in codes(db, order_id):
        assert received.count(b"{B" + code.encode()) == 1
    assert received.count(b"\x1dV\x00") == 6  # six jobs, six cuts
    assert outcomes[0].message.startswith("Skrev ut etikett")
    assert {j.confirmation for j in jobs(db)} == {"printer"}


def test_refused_keeps_jobs_queued_with_error_then_retries(
    db: peewee.Database, settings: Settings, refused_url: str, tcp_printer: TcpPrinter
) -> None:
    make_order(db, 2)
    clock = Clock()
    worker = QueueWorker(db, with_printers(settings, refused_url), clock=clock)
    outcomes = worker.run_once()
    # one attempt per printer role, then that printer is left alone until the retry
    assert [(o.kind, o.printed) for o in outcomes] == [
        ("media_label", False),
        ("order_form", False),
    ]
    assert outcomes[0].message == (
        f"Etikettskriveren svarer ikke ({refused_url}): tilkoblingen ble avvist – etikett "
        f"{outcomes[0].code} for ordre {outcomes[0].order_number} venter, nytt forsøk om 2 s "
        "(F9: prøv nå)"
    )
    rows = jobs(db)
    assert [j.status for j in rows] == ["queued"] * 4
    assert rows[0].attempts == 1 and rows[0].last_error == "tilkoblingen ble avvist"
    assert rows[0].next_attempt_at == clock.now + timedelta(seconds=2)
    assert worker.run_once() == []  # backing off: not due yet
    clock.advance(3)
    assert [o.printed for o in worker.run_once()] == [False, False]
    assert jobs(db)[0].attempts == 2
    # the printer comes back (same settings object with another URL = plugged in again)
    worker.settings = with_printers(settings, tcp_printer.url)
    clock.advance(10)
    assert [o.printed for o in worker.run_once()] == [True] * 4
    assert all(j.status == "printed" for j in jobs(db))


def test_reprint_label_carries_the_same_code(db: peewee.Database, settings: Settings) -> None:
    order_id = make_order(db, 2)
    worker = QueueWorker(db, settings)
    originals = worker.run_once()
    with writing(db):
        item = MediaItem.select().where(MediaItem.order == order_id).order_by(MediaItem.seq)[1]
    job_id = queue.reprint(db, order_id, "media_label", item.id, staff=as_staff(db, "bjørn"))
    (again,) = worker.run_once()
    assert again.job_id == job_id and again.code == item.code
    assert again.spool_path.read_bytes() == originals[1].spool_path.read_bytes()
    with writing(db):
        job = PrintJob.get_by_id(job_id)
    assert job.reprint and job.staff == "bjørn" and job.status == "printed"
    receipt_id = queue.reprint(db, order_id, "receipt", staff=as_staff(db, "bjørn"))
    (receipt,) = worker.run_once()
    assert receipt.job_id == receipt_id and "KOPI" in receipt.preview
    with pytest.raises(ValidationError):
        queue.reprint(db, order_id, "invoice", staff=as_staff(db, "bjørn"))
    with pytest.raises(NotFound):
        queue.reprint(db, order_id, "media_label", item.id + 1000, staff=as_staff(db, "bjørn"))


def test_reprint_options_and_job_views(db: peewee.Database, settings: Settings) -> None:
    order_id = make_order(db, 2)
    options = queue.reprint_options(db, order_id, settings, as_staff(db, "bjørn"))
    assert [o.kind for o in options] == ["media_label", "media_label", "order_form", "receipt"]
    assert "VHS" in options[0].text
    pending = queue.pending_jobs(db)
    assert len(pending) == 4 and pending[0].what.startswith("etikett ")
    assert pending[0].order_number is not None
    QueueWorker(db, settings).run_once()
    assert queue.pending_jobs(db) == []
    assert [j.status for j in queue.jobs_for_order(db, order_id)] == ["printed"] * 4


def test_claim_without_heartbeat_is_taken_back_as_uncertain_and_the_next_goes_on(
    db: peewee.Database, settings: Settings, refused_url: str
) -> None:
    make_order(db, 2)
    settings = with_printers(settings, refused_url)  # a real printer: nothing is printed here
    clock = Clock()
    # a worker on another machine: its claim cannot be checked, only its heartbeat
    far = QueueWorker(db, settings, name="kasse-2|boot|4242|1|abcd", clock=clock)
    claimed = far.claim("label")
    assert claimed is not None
    alive = QueueWorker(db, settings, clock=clock)
    assert alive.claim("label") is None  # the label printer is busy with that job
    clock.advance(LEASE.total_seconds() / 2)
    far.heartbeat()  # still alive: renews its claim
    clock.advance(LEASE.total_seconds() / 2 + 1)
    assert alive.claim("label") is None
    clock.advance(LEASE.total_seconds())
    after = alive.claim("label")
    assert after is not None and after.id != claimed.id  # the NEXT label, at once
    with writing(db):
        taken = PrintJob.get_by_id(claimed.id)
    assert taken.status == "uncertain"  # it may have been in flight: never re-sent
    assert taken.last_error == "programmet stoppet mens den ble skrevet ut"
    # the late worker's result does not overwrite what became of its job
    far._finish(claimed, status="printed")
    with writing(db):
        assert PrintJob.get_by_id(claimed.id).status == "uncertain"


def test_claim_of_a_process_that_is_gone_is_taken_back_at_once(
    db: peewee.Database, settings: Settings, refused_url: str
) -> None:
    make_order(db, 2)
    settings = with_printers(settings, refused_url)
    owner = dead_owner()
    assert print_claims.owner_is_gone(owner)
    assert not print_claims.owner_is_gone(print_claims.new_owner())  # this process is alive
    dead = QueueWorker(db, settings, name=owner)
    claimed = dead.claim("label")
    assert claimed is not None
    restarted = QueueWorker(db, settings)  # no clock moved: no lease waited out
    (reported,) = restarted.recover()
    assert (reported.job_id, reported.state) == (claimed.id, "uncertain")
    assert reported.attention == Attention(check=1)
    with writing(db):
        assert PrintJob.get_by_id(claimed.id).status == "uncertain"
    next_label = restarted.claim("label")
    assert next_label is not None and next_label.id != claimed.id


def test_two_workers_never_print_the_same_job(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    order_ids = [make_order(db, 5, name=f"Kunde {i} Æøå") for i in range(4)]
    printing = with_printers(settings, tcp_printer.url)
    printed: dict[str, list[int]] = {"a": [], "b": []}
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def work(name: str) -> None:
        worker = QueueWorker(db, printing, name=name)
        try:
            barrier.wait()
            while True:
                with writing(db):
                    left = PrintJob.select().where(PrintJob.status != "printed").count()
                if not left:
                    break
                done = [o.job_id for o in worker.run_once() if o.printed]
                printed[name] += done
                if not done:  # the other worker has the printer: poll, as the runner does
                    time.sleep(0.005)
        except BaseException as exc:
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in printed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    all_printed = printed["a"] + printed["b"]
    assert len(all_printed) == len(set(all_printed)) == 4 * 7
    received = tcp_printer.received()
    for order_id in order_ids:
        for code in codes(db, order_id):
            assert received.count(b"{B" + code.encode()) == 1, code
    assert all(j.status == "printed" and j.attempts == 1 for j in jobs(db))


def test_runner_drains_in_background_and_reports(db: peewee.Database, settings: Settings) -> None:
    make_order(db, 2)
    seen: list[PrintOutcome] = []
    runner = QueueRunner(QueueWorker(db, settings), on_outcome=seen.append)
    runner.start()
    try:
        assert eventually(lambda: len(seen) == 4)
        make_order(db, 1)
        runner.wake()
        assert eventually(lambda: len(seen) == 7)
    finally:
        runner.stop(5)
    assert not runner.running


def test_job_whose_medium_is_gone_fails_without_blocking(
    db: peewee.Database, settings: Settings, tmp_path: Path
) -> None:
    order_id = make_order(db, 1)
    with writing(db):
        PrintJob.update(media_item=None).where(PrintJob.kind == "media_label").execute()
    outcomes = QueueWorker(db, replace(settings, spool_dir=tmp_path / "s")).run_once()
    assert [(o.kind, o.printed) for o in outcomes] == [
        ("media_label", False),
        ("order_form", True),
        ("receipt", True),
    ]
    with writing(db):
        job = PrintJob.get(PrintJob.kind == "media_label")
    assert job.status == "failed" and job.last_error
    assert [j.status for j in queue.pending_jobs(db)] == ["failed"]
    assert order_id


def test_each_terminal_prints_only_the_jobs_it_asked_for(
    db: peewee.Database, settings: Settings
) -> None:
    """Two terminals on one database: the counter's labels come out at the counter."""
    at_counter = make_order(db, 2, terminal="skranke-1")
    in_production = make_order(db, 1, terminal="produksjon")

    def statuses(order_id: int) -> set[str]:
        return {j.status for j in queue.jobs_for_order(db, order_id)}

    QueueWorker(db, replace(settings, terminal="skranke-1")).run_once()
    assert statuses(at_counter) == {"printed"}
    assert statuses(in_production) == {"queued"}
    assert QueueWorker(db, settings).run_once() == []  # a third terminal takes nothing
    QueueWorker(db, replace(settings, terminal="produksjon")).run_once()
    assert statuses(in_production) == {"printed"}


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_spool_folder_and_files_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    import os
    import stat

    from viver_tui.printing.preview import spool

    old = os.umask(umask)
    try:
        path = spool(tmp_path / "data" / "spool", "00000001-media_label.escpos", b"\x1b@Kari")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() == b"\x1b@Kari"


def test_the_runner_renews_its_claims_while_a_job_is_out(
    db: peewee.Database, settings: Settings
) -> None:
    make_order(db, 1)
    clock = Clock()
    worker = QueueWorker(db, settings, clock=clock)
    claimed = worker.claim("label")  # as if its send were still waiting on a printer
    assert claimed is not None
    clock.advance(60)
    runner = QueueRunner(worker, heartbeat_s=0.05)
    runner.start()
    try:

        def renewed() -> bool:
            with writing(db):
                return PrintJob.get_by_id(claimed.id).heartbeat_at == clock.now

        assert eventually(renewed, timeout=30)
    finally:
        runner.stop(5)
    with writing(db):
        assert PrintJob.get_by_id(claimed.id).status == "printing"  # still its own

"""Issue 9: printers that misbehave the way real ones do, through the real queue worker,
on SQLite and PostgreSQL. Every job ends printed exactly once (confirmed), or visibly
uncertain / sent-unconfirmed — never ``printed`` without a confirmation, never two copies
without staff asking."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import peewee
import pytest

from tests.printing.conftest import TcpPrinter, eventually, make_order, with_printers
from tests.printing.helpers import Clock, dead_owner, jobs
from tests.signing_in import as_staff
from viver_tui.config import Settings
from viver_tui.db import reading, writing
from viver_tui.locale.formatting import format_datetime
from viver_tui.models import MediaItem, PrinterMemory, PrintJob
from viver_tui.printing.queue import Attention, PrintOutcome, QueueRunner
from viver_tui.services import print_jobs, printer_memory
from viver_tui.services.print_worker import QueueWorker
from viver_tui.services.staff import StaffView

CUT = b"\x1dV\x00"
PRE = b"\x10\x04\x04"  # DLE EOT 4: a status question


def label_codes(db: peewee.Database, order_id: int) -> list[bytes]:
    with writing(db):
        rows = MediaItem.select().where(MediaItem.order == order_id).order_by(MediaItem.seq)
        return [b"{B" + m.code.encode() for m in rows]


def whole_copies(printer: TcpPrinter, marker: bytes) -> int:
    """Connections that carried ``marker`` and the job's cut after it: whole copies."""
    with printer.lock:
        return sum(1 for c in printer.connections if marker in c and CUT in c[c.index(marker) :])


def assert_never_printed_unconfirmed(db: peewee.Database) -> None:
    for job in jobs(db):
        assert job.status in ("printed", "unconfirmed", "uncertain", "queued"), job.status
        if job.status == "printed":
            assert job.confirmation in ("printer", "process_id", "spooled", "staff")


def test_hung_printer_never_seen_to_answer_keeps_every_label_waiting_for_staff(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter, clerk: StaffView
) -> None:
    """Case 1 (issue 18, finding 1): accepts TCP, never reads, never answers. It looks
    like a printer without status support, so its labels go out "sent, not confirmed"
    — but each one counts as waiting for staff (the status bar's warning) until marked
    printed or printed again, after a restart too; once it recovers, printing them again
    prints each once and "auto" learns that it answers."""
    order_id = make_order(db, 2)
    tcp_printer.mode = "hang"
    printing = with_printers(settings, tcp_printer.url, receipt_url="preview")
    worker = QueueWorker(db, printing)
    outcomes = worker.run_once()
    assert [(o.kind, o.state) for o in outcomes] == [
        ("media_label", "unconfirmed"),
        ("media_label", "unconfirmed"),
        ("order_form", "printed"),
        ("receipt", "printed"),
    ]
    assert outcomes[0].message.startswith("Etiketten er sendt – sjekk at den kom ut")
    assert tcp_printer.received() == b""  # nothing printed
    assert outcomes[-1].attention == Attention(unconfirmed=2, labels=2)
    assert outcomes[-1].attention.text == "2 etiketter ikke bekreftet — F9"
    assert worker.run_once() == []  # nothing is re-sent by itself
    # after a restart the labels still wait for a decision, and the status bar says so
    (at_start,) = QueueWorker(db, printing).recover()
    assert at_start.state == "unconfirmed" and at_start.attention.total == 2
    # the printer recovers; staff print each label again: one copy each, confirmed
    tcp_printer.mode = "normal"
    for job in [j for j in jobs(db) if j.status == "unconfirmed"]:
        print_jobs.print_again(db, job.id, clerk)
    again = worker.run_once()
    assert [o.state for o in again] == ["printed", "printed"]
    assert again[-1].attention == Attention()
    for marker in label_codes(db, order_id):
        assert whole_copies(tcp_printer, marker) == 1
    assert_never_printed_unconfirmed(db)
    with reading(db):
        assert printer_memory.state_of(settings.terminal, tcp_printer.url) == "answers"
    assert again[0].learned.startswith(
        f"Etikettskriveren ({tcp_printer.url}): svarte på status"
    )


def test_unconfirmed_jobs_of_a_printer_set_to_status_no_do_not_wait_for_staff(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    make_order(db, 1)
    printing = with_printers(settings, tcp_printer.url, status="no")
    outcomes = QueueWorker(db, printing).run_once()
    assert [o.state for o in outcomes] == ["unconfirmed"] * 3
    assert outcomes[-1].attention == Attention()  # staff have said it cannot confirm
    assert [j.status for j in print_jobs.overview(db, printing).jobs] == ["unconfirmed"] * 3
    # the same jobs for a printer left on "auto" wait for staff
    assert print_jobs.overview(db, with_printers(settings, tcp_printer.url)).attention == (
        Attention(unconfirmed=3, labels=1)
    )
    off = with_printers(settings, f"{tcp_printer.url}?status=off")  # "no", said in the URL
    assert print_jobs.overview(db, off).attention == Attention()


def test_auto_learns_a_printer_without_status_and_stops_waiting_for_it(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter, clerk: StaffView
) -> None:
    """Finding 2: after two labels without any answer, "auto" treats the printer as one
    without status and asks nothing more (each question cost the printer's timeout), and
    says so; a label staff print again still asks, so it may learn otherwise."""
    make_order(db, 4)
    tcp_printer.mode = "silent"  # reads everything, never answers
    printing = with_printers(settings, tcp_printer.url, receipt_url="preview")
    worker = QueueWorker(db, printing)
    labels = [o for o in worker.run_once() if o.kind == "media_label"]
    assert [o.state for o in labels] == ["unconfirmed"] * 4
    learned = f"Etikettskriveren ({tcp_printer.url}): svarte aldri på status — behandles som"
    assert [o.learned.startswith(learned) for o in labels] == [False, True, False, False]
    # asked before and after the first label, after the second, then never
    per_connection = [c.count(PRE) for c in tcp_printer.connections]
    assert per_connection == [2, 1, 0, 0]
    label_printer, receipt_printer = print_jobs.overview(db, printing).printers
    assert label_printer.state == "silent" and label_printer.text.startswith(learned)
    assert receipt_printer.text == (
        "Kvitteringsskriveren (preview): forhåndsvisning: lagres i spool-mappen"
    )
    print_jobs.print_again(db, labels[0].job_id, clerk)
    (again,) = worker.run_once()
    assert again.state == "unconfirmed"
    assert tcp_printer.connections[-1].count(PRE) == 1  # asked again: it might answer now


def test_slow_first_answer_within_wake_timeout_counts_and_every_label_prints(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    """Finding 2: a printer waking up answers its first status query on each connection
    after 1.3 s, past the 1 s timeout but within wake_timeout (3 s). It is learned as a
    printer that answers, and later labels are not left waiting for ever."""
    order_id = make_order(db, 2)
    tcp_printer.mode = "slow_first"
    tcp_printer.late_s = 1.3
    clock = Clock()
    printing = with_printers(
        settings, tcp_printer.url, timeout=1, wake_timeout=3, receipt_url="preview"
    )
    worker = QueueWorker(db, printing, clock=clock)
    labels = [o for o in worker.run_once() if o.kind == "media_label"]
    assert [o.state for o in labels] == ["printed", "printed"]
    assert labels[0].learned == (
        f"Etikettskriveren ({tcp_printer.url}): svarte på status {format_datetime(clock.now)}"
    )
    for marker in label_codes(db, order_id):
        assert whole_copies(tcp_printer, marker) == 1
    assert_never_printed_unconfirmed(db)


def test_status_yes_printer_hung_from_the_start_waits_and_prints_once_later(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    order_id = make_order(db, 2)
    tcp_printer.mode = "hang"
    clock = Clock()
    worker = QueueWorker(db, with_printers(settings, tcp_printer.url, status="yes"), clock=clock)
    outcomes = worker.run_once()
    assert [(o.kind, o.state) for o in outcomes] == [
        ("media_label", "queued"),
        ("order_form", "queued"),
    ]
    assert outcomes[0].error == "ingen svar på statusspørsmål"
    assert tcp_printer.received() == b""
    tcp_printer.mode = "normal"
    clock.advance(3)
    assert [o.state for o in worker.run_once()] == ["printed"] * 4
    for marker in label_codes(db, order_id):
        assert whole_copies(tcp_printer, marker) == 1
    assert_never_printed_unconfirmed(db)


@pytest.mark.parametrize("mode", ["drop", "drop_silent"])
def test_dropped_after_30_bytes_is_uncertain_and_not_resent(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter, mode: str
) -> None:
    """Case 2: the connection drops after 30 bytes, with and without status answers."""
    order_id = make_order(db, 2)
    tcp_printer.mode = mode
    tcp_printer.drop_after = 30
    clock = Clock()
    worker = QueueWorker(db, with_printers(settings, tcp_printer.url), clock=clock)
    first = worker.process(worker.claim("label"))
    assert first.state == "uncertain"
    assert first.message.startswith(f"Usikkert om etiketten {first.code} kom ut")
    # the printer is fine again; time passes; the uncertain label is NOT sent again
    tcp_printer.mode = "normal"
    clock.advance(120)
    later = worker.run_once()
    assert first.job_id not in [o.job_id for o in later]
    assert [o.state for o in later] == ["printed"] * 3
    marker = label_codes(db, order_id)[0]
    assert whole_copies(tcp_printer, marker) == 0  # only the cut-off attempt so far
    with writing(db):
        job = PrintJob.get_by_id(first.job_id)
    assert job.status == "uncertain" and job.attempts == 1
    # staff: print it again → exactly one whole copy
    print_jobs.print_again(db, first.job_id, as_staff(db, "ANNE"))
    (again,) = worker.run_once()
    assert again.printed
    assert whole_copies(tcp_printer, marker) == 1
    assert_never_printed_unconfirmed(db)


def test_status_answered_late_prints_every_job_exactly_once(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    """Case 3: a busy printer answers every status query 0.4 s late (later would only
    cost the test time); the window is the printer's timeout."""
    order_id = make_order(db, 2)
    tcp_printer.mode = "late"
    tcp_printer.late_s = 0.4
    worker = QueueWorker(db, with_printers(settings, tcp_printer.url, timeout=2.0))
    assert [o.state for o in worker.run_once()] == ["printed"] * 4
    assert worker.run_once() == []
    for marker in label_codes(db, order_id):
        assert whole_copies(tcp_printer, marker) == 1
    assert tcp_printer.received().count(CUT) == 4
    assert all(j.attempts == 1 and j.confirmation == "printer" for j in jobs(db))


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("paper_out", "tomt for papir"),
        ("close", "skriveren lukket forbindelsen før utskriften ble sendt – ingenting er skrevet"),
    ],
)
def test_nothing_of_the_job_left_waits_then_prints_once(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter, mode: str, reason: str
) -> None:
    """Out of paper, or (issue 18, finding 5) accepted and closed at once: nothing was
    sent, so it is not "forbindelsen brøt midt i utskriften" (uncertain, for staff) but a
    job that waits and prints once when the printer is back."""
    order_id = make_order(db, 1)
    tcp_printer.mode = mode
    clock = Clock()
    worker = QueueWorker(db, with_printers(settings, tcp_printer.url), clock=clock)
    outcomes = worker.run_once()
    assert [o.state for o in outcomes] == ["queued", "queued"]
    assert reason in outcomes[0].message
    assert CUT not in tcp_printer.received()  # nothing of a job left
    tcp_printer.mode = "normal"
    clock.advance(3)
    assert [o.state for o in worker.run_once()] == ["printed"] * 3
    (marker,) = label_codes(db, order_id)
    assert whole_copies(tcp_printer, marker) == 1


def test_refused_then_retry_now_prints_once(
    db: peewee.Database, settings: Settings, refused_url: str, tcp_printer: TcpPrinter
) -> None:
    order_id = make_order(db, 1)
    worker = QueueWorker(db, with_printers(settings, refused_url))
    assert [o.state for o in worker.run_once()] == ["queued", "queued"]
    assert worker.run_once() == []  # backing off
    worker.settings = with_printers(settings, tcp_printer.url)  # plugged in again
    assert print_jobs.retry_now(db, settings.terminal) == 2  # "retry now" (F9 in the app)
    assert [o.state for o in worker.run_once()] == ["printed"] * 3
    (marker,) = label_codes(db, order_id)
    assert whole_copies(tcp_printer, marker) == 1


def test_process_id_response_confirms_each_job(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    make_order(db, 2)
    tcp_printer.mode = "process_id"
    worker = QueueWorker(db, with_printers(settings, tcp_printer.url, process_id=True))
    assert [o.state for o in worker.run_once()] == ["printed"] * 4
    assert {j.confirmation for j in jobs(db)} == {"process_id"}
    for job in jobs(db):
        assert f"\x1d(H\x06\x0000{job.id % 10000:04d}".encode() in tcp_printer.received()


def test_one_missed_answer_never_demotes_a_printer_that_answered(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    make_order(db, 2)
    clock = Clock()
    worker = QueueWorker(db, with_printers(settings, tcp_printer.url), clock=clock)
    assert worker.process(worker.claim("label")).printed  # answered: remembered
    tcp_printer.mode = "hang"
    missed = worker.process(worker.claim("label"))
    # not "unconfirmed": it is known to answer, so silence means it hangs: retry later
    assert missed.state == "queued" and missed.error == "ingen svar på statusspørsmål"
    with writing(db):
        assert PrinterMemory.get().answers_status is True
    # a new process (the app restarted) remembers it from the database, with the evidence
    (knows,) = print_jobs.overview(db, with_printers(settings, tcp_printer.url)).printers
    assert knows.text == (
        f"Etikettskriveren ({tcp_printer.url}): svarte på status {format_datetime(clock.now)}"
    )


def test_status_no_printer_jobs_are_sent_not_confirmed_and_staff_can_mark_them(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    make_order(db, 1)
    worker = QueueWorker(db, with_printers(settings, tcp_printer.url, status="no"))
    outcomes = worker.run_once()
    assert [o.state for o in outcomes] == ["unconfirmed"] * 3
    assert b"\x10\x04" not in tcp_printer.received()  # never asked
    first = outcomes[0]
    print_jobs.mark_printed(db, first.job_id, as_staff(db, "ANNE"))
    with writing(db):
        job = PrintJob.get_by_id(first.job_id)
    assert (job.status, job.confirmation) == ("printed", "staff")
    shown = print_jobs.attention_jobs(db, settings.terminal)
    assert [j.status for j in shown] == ["unconfirmed", "unconfirmed"]


def test_a_failing_printer_does_not_hold_back_the_other_printer(
    db: peewee.Database, settings: Settings, tcp_printer: TcpPrinter
) -> None:
    """The label printer hangs; the receipt printer is another one: receipts print."""
    hung = TcpPrinter("hang")
    try:
        make_order(db, 2)
        printing = with_printers(
            settings, hung.url, timeout=30, status="yes", receipt_url=tcp_printer.url
        )
        worker = QueueWorker(db, printing)
        assert len(worker.lanes()) == 2
        seen: list[PrintOutcome] = []
        runner = QueueRunner(worker, on_outcome=seen.append)
        runner.start()
        try:
            # the label lane sits on the hung printer for its 30 s window meanwhile
            assert eventually(
                lambda: sorted(o.kind for o in seen if o.printed) == ["order_form", "receipt"],
                timeout=20,
            )
            assert not any(o.kind == "media_label" for o in seen)
        finally:
            runner.stop(0.1)
    finally:
        hung.close()


CHILD = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from pathlib import Path
    from viver_tui.config import PrinterSettings, Settings
    from viver_tui.store import open_database
    from viver_tui.services.print_worker import QueueWorker

    url, printer, terminal, spool = sys.argv[1:5]
    db = open_database(url)
    settings = replace(
        Settings(),
        terminal=terminal,
        spool_dir=Path(spool),
        label_printer=PrinterSettings(url=printer, columns=32, timeout=60),
        receipt_printer=PrinterSettings(url=printer, columns=48, timeout=60),
    )
    print("claiming", flush=True)
    QueueWorker(db, settings).run_once()
    """
)


def test_kill_9_mid_job_then_restart_prints_the_next_label(
    db: peewee.Database, db_url: str, settings: Settings, tcp_printer: TcpPrinter, tmp_path: Path
) -> None:
    """Case 4: the app dies with a label in flight (bytes delivered, confirmation
    pending). The next start takes the claim back at once: that label becomes
    uncertain (not printed twice) and the order's next label prints."""
    order_id = make_order(db, 2)
    first, second = label_codes(db, order_id)
    tcp_printer.mode = "mute_after_first"  # answers before the job, never after it
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            db_url,
            tcp_printer.url,
            settings.terminal,
            str(tmp_path / "spool"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    try:
        # the child has sent the first label and waits for a confirmation
        assert eventually(lambda: first in tcp_printer.received(), timeout=60)
        assert eventually(
            lambda: (
                b"\x10\x04\x04" in tcp_printer.received()[tcp_printer.received().index(first) :]
            ),
            timeout=30,
        )
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    with writing(db):
        in_flight = PrintJob.get(PrintJob.status == "printing")
    tcp_printer.mode = "normal"
    seen: list[PrintOutcome] = []
    restarted = QueueRunner(
        QueueWorker(db, with_printers(settings, tcp_printer.url)), on_outcome=seen.append
    )
    restarted.start()
    try:
        assert eventually(lambda: second in tcp_printer.received(), timeout=60)
        assert eventually(lambda: len(seen) == 4, timeout=60)
    finally:
        restarted.stop(5)
    # the status bar is told which label may not have come out
    assert seen[0].job_id == in_flight.id and seen[0].state == "uncertain"
    assert seen[0].message == (
        f"Usikkert om etiketten {first[2:].decode()} kom ut: programmet stoppet mens den ble "
        "skrevet ut. F9: skriv ut igjen eller merk som skrevet ut"
    )
    with writing(db):
        job = PrintJob.get_by_id(in_flight.id)
    assert job.status == "uncertain"
    assert tcp_printer.received().count(first) == 1  # never silently re-sent
    assert whole_copies(tcp_printer, second) == 1
    assert_never_printed_unconfirmed(db)


def test_invalid_printer_address_fails_at_once_saying_what_is_wrong(
    db: peewee.Database, settings: Settings
) -> None:
    """Finding 5: ``tpc://`` and port 401190 are not retried for ever as "svarer ikke":
    each job fails at once, saying what is wrong in the address, and waits for staff."""
    make_order(db, 1)
    printing = with_printers(
        settings, "tpc://127.0.0.1:9100", receipt_url="tcp://127.0.0.1:401190"
    )
    clock = Clock()
    worker = QueueWorker(db, printing, clock=clock)
    outcomes = worker.run_once()
    assert [(o.kind, o.state) for o in outcomes] == [
        ("media_label", "failed"),
        ("order_form", "failed"),
        ("receipt", "failed"),
    ]
    assert outcomes[0].message == (
        "Etikettskriveren har en ugyldig adresse («tpc://127.0.0.1:9100»): ukjent type «tpc» "
        "(mente du «tcp»?). Rett url under [printers.label] i innstillingene og start på nytt "
        f"– etikett {outcomes[0].code} for ordre {outcomes[0].order_number} er ikke skrevet ut "
        "(F9)"
    )
    assert "porten 401190 er utenfor 1–65535" in outcomes[1].message
    assert outcomes[-1].attention == Attention(check=3)
    clock.advance(3600)
    assert worker.run_once() == []  # not retried
    assert {(j.status, j.attempts) for j in jobs(db)} == {("failed", 1)}


def test_preview_job_in_flight_when_its_process_died_is_simply_written_again(
    db: peewee.Database, settings: Settings
) -> None:
    """Finding 5: writing a preview again is harmless, so a preview job whose process
    died (kill -9) is queued again, not "uncertain" for staff to decide."""
    make_order(db, 1)
    claimed = QueueWorker(db, settings, name=dead_owner()).claim("label")
    assert claimed is not None
    restarted = QueueWorker(db, settings)
    assert restarted.recover() == []  # nothing for staff
    outcomes = restarted.run_once()
    assert (outcomes[0].job_id, outcomes[0].state) == (claimed.id, "printed")
    assert {j.status for j in jobs(db)} == {"printed"}
    assert outcomes[-1].attention == Attention()

"""E-mail: preparing a customer letter to 100 000 customers, and the send rate.

    .venv/bin/python bench/bench_mail.py --database COPY.db [--recipients 100000]
        [--send 2000]
    .venv/bin/python bench/bench_mail.py --fresh 20000   # a quick run on a new file

``--database`` is upgraded to the current schema in place: give it a COPY of the
1 M-customer demo database (`cp bench/out/demo-v2-1000000-2.db /tmp/x.db`).

Parts:

* ``prepare`` — ``letters.send_letter(limit=--recipients)``: the reach, one outbox row
  per recipient (INSERT … SELECT with a token each), the access log's list of
  recipients, one transaction. Target ≤ 30 s. Baseline in the same run: a bare
  ``INSERT INTO temp SELECT id, email FROM customer WHERE <may get letters> LIMIT n``.
* ``typing`` (``--typing``) — keys typed in the search (Pilot: key → screen updated)
  while the app's own mail worker sends a letter run to the same kind of server,
  against the same keys with nothing being sent; p50 / p99 of each.
* ``send`` — ``--send`` letters sent by ``MailWorker.run_once`` (claim and record in
  one transaction per message, each message composed: text + HTML + headers) to an
  aiosmtpd server in another process on 127.0.0.1 (its ``Sink`` handler), against a
  bare ``smtplib`` loop sending the same number of prebuilt messages over one
  connection to the same server. Target: the worker at ≥ 0.5× the loop's rate.
"""

from __future__ import annotations

import argparse
import os
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
from tests.signing_in import run_as
from viver_tui.config import Company, Settings, SmtpSettings
from viver_tui.db import reading, writing
from viver_tui.models import Customer, OutboxMessage, Staff
from viver_tui.services.mail import compose, letters
from viver_tui.services.mail.sender import MailWorker
from viver_tui.services.staff import StaffView
from viver_tui.store import open_database


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fresh(path: Path, count: int) -> None:
    db = open_database(f"sqlite:///{path}")
    now = datetime(2026, 1, 1)
    with writing(db):
        rows = [
            {"name": f"Kari{n} Nordmann", "email": f"k{n}@example.no", "created_at": now,
             "updated_at": now, "letters_opt_out_at": now if n % 10 == 0 else None}
            for n in range(count)
        ]
        for start in range(0, len(rows), 5000):
            Customer.insert_many(rows[start:start + 5000]).execute()
    db.close()


def staff_member() -> StaffView:
    with writing(Customer._meta.database):
        row = Staff.create(name="Bench", initials=f"b{os.getpid() % 10000}", role="admin",
                           pin_hash="x")
    return StaffView(row.id, row.name, row.initials, row.role, True, row.created_at, None)


def baseline_prepare(db: object, count: int) -> float:
    started = time.perf_counter()
    with writing(db):  # type: ignore[arg-type]
        db.execute_sql("CREATE TEMP TABLE bench_recipients (id INTEGER, email TEXT)")  # type: ignore[attr-defined]
        db.execute_sql(  # type: ignore[attr-defined]
            "INSERT INTO bench_recipients SELECT id, email FROM customer WHERE "
            "letters_opt_out_at IS NULL AND erased_at IS NULL AND email IS NOT NULL "
            "AND email != '' ORDER BY id LIMIT ?", (count,))
        db.execute_sql("DROP TABLE bench_recipients")  # type: ignore[attr-defined]
    return time.perf_counter() - started


def bare_loop(port: int, count: int, message: object) -> float:
    started = time.perf_counter()
    connection = smtplib.SMTP("127.0.0.1", port, timeout=30)
    connection.ehlo()
    for n in range(count):
        del message["To"]  # type: ignore[attr-defined]
        message["To"] = f"k{n}@example.no"  # type: ignore[index]
        connection.send_message(message, from_addr="post@videoverkstedet.no")  # type: ignore[arg-type]
    connection.quit()
    return time.perf_counter() - started


def start_sink() -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
         "-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return server, port


def typing(tmp: Path, customers: int, letters_count: int) -> None:
    """Keys in the search while the app's mail worker sends a letter run, and without."""
    import asyncio
    import statistics

    from bench.common import percentile
    from viver_tui.app import make_app

    server, port = start_sink()
    path = tmp / "typing.db"
    fresh(path, customers)
    company = Company("videoverkstedet", "Videoverkstedet AS", email="post@videoverkstedet.no",
                      smtp=SmtpSettings(host="127.0.0.1", port=port, security="none"))
    settings = replace(Settings(), database_url=f"sqlite:///{path}",
                       companies=(company,), default_company="videoverkstedet",
                       spool_dir=tmp / "spool", mail_spool_dir=tmp / "mail")
    try:
        for sending in (False, True):
            app = make_app(settings)
            if sending:
                letters.send_letter(app.db, settings, "", "Hei", "Tekst", staff_member(),
                                    limit=letters_count)

            async def run(app: object = app, sending: bool = sending) -> tuple[list[float], int]:
                from textual import events
                from textual.widgets import Input

                times: list[float] = []
                async with run_as(app, "bench", size=(120, 36)) as pilot:  # type: ignore[attr-defined]
                    await pilot.pause()
                    if sending:  # the run has started
                        while not OutboxMessage.select().where(
                                OutboxMessage.status == "sent").exists():
                            await asyncio.sleep(0.01)
                    field = app.screen.query_one("#search", Input)  # type: ignore[attr-defined]
                    driver = app._driver  # type: ignore[attr-defined]
                    for key in "kari nordmann " * 4:
                        before = field.value
                        event = events.Key("space" if key == " " else key, key)
                        event.set_sender(app)  # type: ignore[arg-type]
                        start = time.perf_counter()
                        driver.send_message(event)  # as the terminal delivers a key
                        while field.value == before:  # handled by the UI thread
                            await asyncio.sleep(0.0005)
                        times.append((time.perf_counter() - start) * 1000)
                        await asyncio.sleep(0.05)  # a fast typist: 20 keys a second
                    done = OutboxMessage.select().where(OutboxMessage.status == "sent").count()
                return times, done

            times, done = asyncio.run(run())
            what = f"while a letter run sends ({done} sent meanwhile)" if sending else \
                "with nothing being sent"
            print(f"typing {what}: {len(times)} keys, p50 {statistics.median(times):.1f} ms, "
                  f"p99 {percentile(times, 99):.1f} ms, max {max(times):.1f} ms "
                  "(key sent as the terminal does → the field holds it)")
            slow = sorted(range(len(times)), key=times.__getitem__)[-3:]
            print("  slowest keys (index: ms):",
                  ", ".join(f"{i}: {times[i]:.0f}" for i in sorted(slow)))
            app.db.close()  # type: ignore[attr-defined]
    finally:
        server.terminate()
        server.wait(5)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", type=Path)
    parser.add_argument("--fresh", type=int, default=0)
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--send", type=int, default=2000)
    parser.add_argument("--typing", action="store_true", help="only the typing part")
    args = parser.parse_args()
    if args.typing:
        typing(Path(tempfile.mkdtemp(prefix="bench-mail-")), 20_000, 5_000)
        return
    out = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"load before: {out}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-mail-"))
    path = args.database
    if path is None:
        path = tmp / "fresh.db"
        fresh(path, args.fresh or 20_000)
    started = time.perf_counter()
    db = open_database(f"sqlite:///{path}")
    print(f"open (upgrade to the current schema if needed): {time.perf_counter() - started:.1f} s")
    company = Company("videoverkstedet", "Videoverkstedet AS", email="post@videoverkstedet.no")
    settings = replace(Settings(), companies=(company,), default_company="videoverkstedet",
                       mail_spool_dir=tmp / "mail")
    who = staff_member()
    with reading(db):
        total = Customer.select().count()
    print(f"customers: {total:,}".replace(",", " "))

    base = baseline_prepare(db, args.recipients)
    started = time.perf_counter()
    letter_id = letters.send_letter(db, settings, "", "Nytt fra Videoverkstedet",
                                    "Vi digitaliserer nå 16 mm-film.\n\nVelkommen innom!", who,
                                    limit=args.recipients)
    prepared = time.perf_counter() - started
    count = letters.progress(db, letter_id).total
    print(f"prepare: {count:,} recipients in {prepared:.2f} s (target ≤ 30 s); bare INSERT…"
          f"SELECT baseline {base:.2f} s; ratio {prepared / base:.1f}×".replace(",", " "))

    server, port = start_sink()
    try:
        smtp = SmtpSettings(host="127.0.0.1", port=port, security="none")
        sending = replace(settings, companies=(replace(company, smtp=smtp),))
        with reading(db):
            row = OutboxMessage.select().where(OutboxMessage.letter == letter_id).first()
            facts = compose.facts(row, sending)
        prebuilt = compose.compose(facts, sending).message
        worker = MailWorker(db, sending)
        # Two rounds, alternating, on a shared machine: each ratio from neighbours in time.
        for round_no in (1, 2):
            bare = bare_loop(port, args.send, prebuilt)
            started = time.perf_counter()
            outcomes = worker.run_once(limit=args.send)
            ours = time.perf_counter() - started
            sent = sum(1 for o in outcomes if o.state == "sent")
            bare_rate, our_rate = args.send / bare, sent / ours
            print(f"send round {round_no}: worker {sent} letters in {ours:.2f} s = "
                  f"{our_rate:.0f}/s; bare smtplib loop {args.send} in {bare:.2f} s = "
                  f"{bare_rate:.0f}/s; ratio {our_rate / bare_rate:.2f} (target ≥ 0.5)")
    finally:
        server.terminate()
        server.wait(5)
    out = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"load after: {out}")


if __name__ == "__main__":
    main()

"""The ``preview`` printer: a job's exact bytes go to the spool folder, its text to the app.

``render_text`` reads the ESC/POS bytes back (the subset the layouts write) into the
lines a printer would print, so the preview shows what the bytes say — not a second
rendering that could differ. Barcodes show as ``[strekkode 104233-03]``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from viver_tui.locale import t
from viver_tui.printing.encoding import python_codec

ESC, GS, DLE = 0x1B, 0x1D, 0x10


def spool(spool_dir: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``spool_dir/name`` atomically (never a half-written file).

    The folder is created 0700 and the file 0600 whatever the umask: a label holds a
    customer's name.
    """
    if not spool_dir.is_dir():
        spool_dir.parent.mkdir(parents=True, exist_ok=True)
        try:
            spool_dir.mkdir(mode=0o700)
        except FileExistsError:  # another process made it meanwhile
            pass
        else:
            os.chmod(spool_dir, 0o700)
    path = spool_dir / name
    fd, tmp = tempfile.mkstemp(dir=spool_dir, prefix=".spool-")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


class _Renderer:
    def __init__(self, columns: int, code_page: str) -> None:
        self.columns = columns
        self.codec = python_codec(code_page)
        self.lines: list[str] = []
        self.widths: list[int] = []  # each text line's printed width, in normal columns
        self.text = bytearray()
        self.align = 0
        self.width = 1
        self.hri = 0

    def flush(self, force: bool = False) -> None:
        if not self.text and not force:
            return
        line = self.text.decode(self.codec, errors="replace").replace("\u00a0", " ")
        self.text.clear()
        self.widths.append(len(line) * self.width)  # GS ! double width takes two columns
        if self.align == 1:
            line = line.center(self.columns).rstrip()
        elif self.align == 2:
            line = line.rjust(self.columns)
        self.lines.append(line)

    def barcode(self, value: str) -> None:
        self.flush()
        saved = self.align
        self.align = 1
        self.text += t("print.preview.barcode", value=value).encode(self.codec, "replace")
        self.flush()
        if self.hri in (2, 3):
            self.text += value.encode(self.codec, "replace")
            self.flush()
        self.align = saved

    def render(self, data: bytes) -> str:
        i, n = 0, len(data)
        while i < n:
            b = data[i]
            if b == ESC and i + 1 < n:
                cmd = data[i + 1]
                arg = data[i + 2] if i + 2 < n else 0
                if cmd == 0x40:  # ESC @
                    self.align, self.width, self.hri = 0, 1, 0
                    i += 2
                    continue
                if cmd == 0x61:  # ESC a n
                    self.align = arg
                elif cmd == 0x64:  # ESC d n: print and feed n lines
                    self.flush()
                    self.lines.extend([""] * arg)
                i += 3  # ESC t n, ESC E n, ESC ! n, ESC - n, ...
                continue
            if b == GS and i + 1 < n:
                cmd = data[i + 1]
                arg = data[i + 2] if i + 2 < n else 0
                if cmd == 0x21:  # GS ! n: character size
                    self.width = (arg >> 4) + 1
                    i += 3
                elif cmd == 0x48:  # GS H n: HRI position
                    self.hri = arg
                    i += 3
                elif cmd == 0x6B:  # GS k m ...
                    if arg <= 6:
                        end = data.index(b"\0", i + 3)
                        value = data[i + 3 : end]
                        i = end + 1
                    else:
                        length = data[i + 3]
                        value = data[i + 4 : i + 4 + length]
                        i += 4 + length
                    text = value.decode("ascii", "replace")
                    self.barcode(text[2:] if text.startswith("{") else text)
                elif cmd == 0x76:  # GS v 0 m xL xH yL yH d...: raster image
                    width = int.from_bytes(data[i + 4 : i + 6], "little")
                    height = int.from_bytes(data[i + 6 : i + 8], "little")
                    self.flush()
                    self.lines.append(("▌" * min(self.columns, width)).center(self.columns))
                    i += 8 + width * height
                elif cmd == 0x56:  # GS V m [n]: cut
                    self.flush()
                    self.lines.append("✂" + "-" * (self.columns - 1))
                    i += 4 if arg in (65, 66) else 3
                else:  # GS h n, GS w n, GS f n and the like
                    i += 3
                continue
            if b == DLE:  # DLE EOT n: status query
                i += 3
                continue
            if b == 0x0A:
                self.flush(force=True)
            elif b >= 0x20:
                self.text.append(b)
            i += 1
        self.flush()
        out: list[str] = []
        for line in self.lines:  # the feed before a cut is paper, not content
            if line.startswith("✂"):
                while out and not out[-1]:
                    out.pop()
            out.append(line)
        return "\n".join(out)


def render_text(data: bytes, columns: int, code_page: str = "CP865") -> str:
    """What a printer prints for ``data``, as plain text lines ``columns`` wide."""
    return _Renderer(columns, code_page).render(data)


def printed_widths(data: bytes, columns: int = 48, code_page: str = "CP865") -> list[int]:
    """How wide each text line of ``data`` prints, in normal-size columns (a line in
    double-size text counts twice its length)."""
    renderer = _Renderer(columns, code_page)
    renderer.render(data)
    return renderer.widths


def spool_files_for_jobs(spool_dir: Path, job_ids: Iterable[int]) -> list[Path]:
    """The spooled files of these print jobs (queue.py names them ``<job id:08d>-<kind>``),
    e.g. to delete an erased customer's labels and receipts."""
    wanted = set(job_ids)
    if not wanted or not spool_dir.is_dir():
        return []
    found = []
    for path in spool_dir.iterdir():
        head = path.name.split("-", 1)[0]
        if path.suffix == ".escpos" and head.isdigit() and int(head) in wanted:
            found.append(path)
    return sorted(found)

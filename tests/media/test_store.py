"""The local media store: opaque sharded names, private modes, verified atomic puts,
ranged reads, and nothing reachable by a name it did not hand out."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from viver_tui.media_store import (
    StoreError,
    file_opener,
    new_name,
    new_ulid,
    open_store,
    valid_name,
)


def test_put_publishes_a_private_sharded_file_with_its_hash(tmp_path: Path) -> None:
    store = open_store(tmp_path / "media")
    data = os.urandom(3 * 1024 * 1024 + 17)
    staged = store.put([data[:1000], data[1000:]], "MP4")
    assert staged.size == len(data)
    assert staged.sha256 == hashlib.sha256(data).hexdigest()
    assert store.size(staged.name) is None  # not visible before publish
    staged.publish()
    assert staged.name.endswith(".mp4") and valid_name(staged.name)
    path = tmp_path / "media" / staged.name[:2] / staged.name[2:4] / staged.name
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "media").stat().st_mode) == 0o700
    assert list(store.names()) == [staged.name]
    assert store.leftovers() == []


def test_ranged_reads_give_exactly_the_bytes_asked(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    data = bytes(range(256)) * 1000
    staged = store.put([data], "bin")
    staged.publish()
    assert b"".join(store.read(staged.name, 100, 5000, chunk=333)) == data[100:5100]
    assert b"".join(store.read(staged.name, 255_990)) == data[255_990:]
    assert b"".join(store.read(staged.name)) == data


def test_a_failing_source_leaves_no_stage_behind(tmp_path: Path) -> None:
    store = open_store(tmp_path)

    def chunks():
        yield b"x" * 1000
        raise OSError(5, "Input/output error")

    with pytest.raises(StoreError):
        store.put(chunks(), "mp4")
    assert store.leftovers() == []
    assert list(store.names()) == []


def test_discard_after_publish_removes_the_file(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    staged = store.put([b"abc"], "jpg")
    staged.publish()
    staged.discard()
    assert store.size(staged.name) is None


@pytest.mark.parametrize(
    "name", ["../etc/passwd", "01/JF/x", "..", "%2e%2e", "01JF.mp4/../../x", "", "a" * 26]
)
def test_names_it_did_not_hand_out_reach_nothing(tmp_path: Path, name: str) -> None:
    store = open_store(tmp_path)
    with pytest.raises(StoreError):
        store.read(name)
    with pytest.raises(StoreError):
        store.open_file(name)
    with pytest.raises(StoreError):
        store.delete(name)


def test_open_file_hands_out_the_stored_file_and_nothing_else(tmp_path: Path) -> None:
    store = open_store(tmp_path / "media")
    data = os.urandom(100_000)
    staged = store.put([data], "bin")
    staged.publish()
    assert file_opener(store) == store.open_file
    with store.open_file(staged.name) as f:
        assert f.read() == data
        f.seek(10)
        assert f.tell() == os.lseek(f.fileno(), 0, os.SEEK_CUR) == 10  # unbuffered
    with pytest.raises(StoreError):
        store.open_file(new_name("bin"))  # not there
    # A symlink put in a stored file's place is not followed (as with read).
    path = tmp_path / "media" / staged.name[:2] / staged.name[2:4] / staged.name
    secret = tmp_path / "secret.txt"
    secret.write_text("not for you")
    path.unlink()
    path.symlink_to(secret)
    with pytest.raises(StoreError):
        store.open_file(staged.name)


def test_names_carry_nothing_of_the_original(tmp_path: Path) -> None:
    assert new_name("Kari Nordmann.mp4").count(".") == 0  # an odd extension is dropped
    assert len(new_ulid()) == 26 and valid_name(new_ulid())
    assert new_ulid(0).startswith("0000000000")


def test_files_that_are_strangers_are_listed_as_paths(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    (tmp_path / "01" / "JF").mkdir(parents=True)
    (tmp_path / "01" / "JF" / "Kari.mp4").write_bytes(b"x")
    assert list(store.names()) == ["01/JF/Kari.mp4"]

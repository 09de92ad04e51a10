"""The local index's generations, pointer and lock, on plain folders (no Chroma)."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from bot.core.errors import IndexBusyError
from bot.store.generations import DATABASE, POINTER, Generations, copy_generation, damage, exclusive, stamp, stamped


def make_database(folder, rows: int = 3) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(folder / DATABASE) as connection:
        connection.execute("CREATE TABLE t (x TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [(f"row {i}",) for i in range(rows)])
    connection.close()


def published_generation(generations: Generations, previous=None):
    folder = generations.fresh()
    make_database(folder)
    generations.publish(folder, previous=previous)
    return folder


def test_nothing_published_in_an_empty_or_missing_folder(tmp_path):
    assert Generations(tmp_path / "missing").published() is None
    assert Generations(tmp_path).published() is None


def test_publish_moves_the_pointer_and_names_the_replaced_generation(tmp_path):
    generations = Generations(tmp_path)
    first = published_generation(generations)
    assert generations.published() == first and generations.replaced() is None
    second = published_generation(generations, previous=first)
    assert (first.name, second.name) == ("gen-1", "gen-2")
    assert generations.published() == second and generations.replaced() == first
    assert (tmp_path / POINTER).read_text("utf-8").split() == ["gen-2", "gen-1"]
    assert not list(tmp_path.glob(f".{POINTER}.*"))  # the temporary pointer was renamed, not left


def test_fresh_numbers_never_reuse_a_name_the_pointer_holds(tmp_path):
    generations = Generations(tmp_path)
    first = published_generation(generations)
    leftover = generations.fresh()  # a killed run's folder
    assert leftover.name == "gen-2" and generations.fresh().name == "gen-3"
    assert generations.published() == first


def test_a_pointer_to_a_missing_or_foreign_folder_publishes_nothing(tmp_path):
    generations = Generations(tmp_path)
    (tmp_path / POINTER).write_text("gen-7\n", encoding="utf-8")
    assert generations.published() is None
    (tmp_path / "etc").mkdir()
    (tmp_path / POINTER).write_text("../etc\n", encoding="utf-8")
    assert generations.published() is None
    assert generations.prune() == []  # an unreadable pointer: nothing is removed


def test_prune_keeps_the_serving_and_the_replaced_generation_only(tmp_path):
    generations = Generations(tmp_path)
    first = published_generation(generations)
    second = published_generation(generations, previous=first)
    third = published_generation(generations, previous=second)
    leftover = generations.fresh()
    (tmp_path / f".{POINTER}.999").write_text("gen-9", encoding="utf-8")
    removed = generations.prune()
    assert sorted(removed) == sorted([first.name, leftover.name])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([POINTER, second.name, third.name])


def test_former_single_folder_layout_is_published_then_removed_once_replaced_twice(tmp_path):
    make_database(tmp_path)
    segment = tmp_path / "c310b2f1-81da-4f74-a917-eae05b423225"
    segment.mkdir()
    (segment / "header.bin").write_bytes(b"x")
    (tmp_path / "README.md").write_text("kept", encoding="utf-8")
    generations = Generations(tmp_path)
    assert generations.published() == tmp_path and generations.has_legacy()

    first = generations.fresh()
    copy_generation(tmp_path, first)
    assert sorted(p.name for p in first.iterdir()) == sorted([DATABASE, segment.name])
    generations.publish(first, previous=tmp_path)
    assert generations.replaced() == tmp_path
    assert generations.prune() == []  # the former files are the rollback of the first generation
    second = published_generation(generations, previous=first)
    assert second.name == "gen-2"
    generations.prune()
    assert not (tmp_path / DATABASE).exists() and not segment.exists()
    assert (tmp_path / "README.md").exists() and first.exists()


def test_copy_is_a_consistent_snapshot_of_the_database(tmp_path):
    source = tmp_path / "gen-1"
    make_database(source, rows=500)
    (source / "segment").mkdir()
    (source / "segment" / "data_level0.bin").write_bytes(b"vectors")
    reader = sqlite3.connect(source / DATABASE)  # open elsewhere while copied
    target = tmp_path / "gen-2"
    target.mkdir()
    copy_generation(source, target)
    reader.close()
    with sqlite3.connect(target / DATABASE) as copy:
        assert copy.execute("SELECT count(*) FROM t").fetchone() == (500,)
    assert (target / "segment" / "data_level0.bin").read_bytes() == b"vectors"


def test_damage_is_found_in_truncated_or_overwritten_databases(tmp_path):
    sound, truncated, overwritten = (tmp_path / name for name in ("sound", "truncated", "overwritten"))
    for folder in (sound, truncated, overwritten):
        make_database(folder, rows=5000)
    assert damage(sound) is None
    database = truncated / DATABASE
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])
    (overwritten / DATABASE).write_bytes(b"garbage " * 1000)
    assert "malformed" in damage(truncated)
    assert "not a database" in damage(overwritten)
    assert "missing" in damage(tmp_path / "empty")
    # The header's check (a reader answering from the saved files) finds the same two without reading the file.
    assert damage(sound, quick=True) is None
    assert "cut short" in damage(truncated, quick=True)
    assert "not a database" in damage(overwritten, quick=True)
    assert "missing" in damage(tmp_path / "empty", quick=True)


def test_set_aside_keeps_a_damaged_generation_under_a_telling_name(tmp_path):
    generations = Generations(tmp_path)
    first = published_generation(generations)
    aside = generations.set_aside(first)
    assert aside.name.startswith("damaged-gen-1-") and (aside / DATABASE).exists()
    assert generations.published() is None
    published_generation(generations)
    generations.prune()
    assert aside.exists()  # never removed by pruning: the operator decides


def test_a_second_holder_is_refused_with_the_first_ones_pid(tmp_path):
    with exclusive(tmp_path, wait_s=0):
        started = time.monotonic()
        with pytest.raises(IndexBusyError, match=r"pid \d+.*again"):
            with exclusive(tmp_path, wait_s=0.3):
                pass
        assert time.monotonic() - started >= 0.3
    with exclusive(tmp_path, wait_s=0):  # released on exit
        pass


def test_a_waiting_holder_gets_the_lock_when_it_is_released(tmp_path):
    order = []
    with exclusive(tmp_path, wait_s=0):
        waiter = threading.Thread(target=lambda: exclusive_then(tmp_path, order))
        waiter.start()
        time.sleep(0.3)
        order.append("first done")
    waiter.join(10)
    assert order == ["first done", "second"]


def exclusive_then(root, order: list) -> None:
    with exclusive(root, wait_s=10):
        order.append("second")


def test_a_generation_stamp_reads_back_and_its_absence_is_none(tmp_path):
    assert stamped(tmp_path) is None  # written before stamps
    stamp(tmp_path, "3f2a9c")
    assert stamped(tmp_path) == "3f2a9c"

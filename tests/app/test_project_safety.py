"""Learners' data safe and private (issue 23): atomic saves that survive a kill, no temporary files
left behind, one recovery file and lock per instance, project locks, read-only files, private
file modes, and clear messages for damaged or oversized projects. No Qt: two instances are
simulated by lock owners with different pids (this process, alive; a finished process, gone)."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from app import safefile, synth
from app.planner.encoding import ProjectError
from app.planner.project import (
    FORMAT,
    MAX_MEMBER_BYTES,
    Project,
    load_project,
    lock_project,
    project_bytes,
    project_holder,
    project_lock_path,
    save_project,
)
from app.planner.recovery import RecoverySlot, discard_recovery, find_recoveries
from app.safefile import (
    FileLock,
    Owner,
    ReadOnlyFileError,
    cleanup_temp_files,
    host_name,
    is_temp_name,
)
from app.workbook.errors_workbook import write_error_workbook
from app.workbook.export import write_plan_workbook
from app.workbook.importer import load_problem
from app.workbook.xlsx_util import atomic_save
from optimizer.options import SolveOptions
from optimizer.plan import Plan
from tests.app import badfiles as bf

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked writer (POSIX)")


@pytest.fixture(scope="module")
def problem():
    return synth.b1_provider(60)


def dead_pid() -> int:
    """The pid of a process that has ended (and was reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if is_temp_name(p.name))


# ---- kill during save ------------------------------------------------------------------------------
def _save_projects_forever(path: str, problem, ready) -> None:
    i = 0
    while True:
        i += 1
        save_project(path, Project(problem=problem, settings={"i": i}))
        ready.set()


def _save_workbooks_forever(path: str, ready) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(2, 1500):
        ws.cell(r, 1, f"Deelnemer {r}")
        ws.cell(r, 2, "notitie " * 5)
    i = 0
    while True:
        i += 1
        ws["A1"] = i
        atomic_save(wb, path)
        ready.set()


def _kill_loop(tmp_path: Path, target: Path, start, check) -> None:
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(23)
    for n in range(20):
        ready = ctx.Event()
        proc = ctx.Process(target=start, args=(str(target), ready) if start is _save_workbooks_forever
                           else (str(target), check.problem, ready))
        proc.start()
        assert ready.wait(30)  # at least one save done: the target exists
        time.sleep(rng.uniform(0, 0.06))
        proc.kill()
        proc.join()
        check(target)  # the target is a whole old or new file
        if n % 2:
            cleanup_temp_files(tmp_path)  # what the next start does
        else:  # the next save into the same folder cleans up too
            (tmp_path / "other").write_bytes(b"")
            safefile.atomic_write(tmp_path / "other", b"x")
        assert temp_files(tmp_path) == []


@fork_only
def test_killed_project_saves_leave_old_or_new_and_no_temp_files(tmp_path, problem):
    def check(target: Path) -> None:
        assert isinstance(load_project(target).settings["i"], int)

    check.problem = problem
    _kill_loop(tmp_path, tmp_path / "werk.klasvormer", _save_projects_forever, check)


@fork_only
def test_killed_workbook_saves_leave_old_or_new_and_no_temp_files(tmp_path):
    def check(target: Path) -> None:
        wb = openpyxl.load_workbook(target, read_only=True)  # (read-only keeps the file open until closed)
        try:
            assert isinstance(wb.active["A1"].value, int)
        finally:
            wb.close()

    _kill_loop(tmp_path, tmp_path / "plan.xlsx", _save_workbooks_forever, check)


def _write_slowly(path: str, ready) -> None:
    def writer(tmp: str) -> None:
        Path(tmp).write_bytes(b"PK half a workbook with Amal's notes")
        ready.set()
        time.sleep(60)

    safefile.atomic_write(path, writer)


@fork_only
def test_a_save_killed_mid_write_leaves_a_temp_file_that_is_cleaned_up(tmp_path):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    proc = ctx.Process(target=_write_slowly, args=(str(target), ready))
    proc.start()
    assert ready.wait(30)
    left = temp_files(tmp_path)
    assert len(left) == 1 and oct((tmp_path / left[0]).stat().st_mode & 0o777) == "0o600"
    assert cleanup_temp_files(tmp_path) == []  # its writer still runs: kept
    proc.kill()
    proc.join()
    assert target.read_bytes() == b"old"
    assert [p.name for p in cleanup_temp_files(tmp_path)] == left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_cleanup_touches_only_our_stale_temp_files(tmp_path):
    now = time.time()
    dead = dead_pid()
    tag = safefile._host_tag()
    ours_dead = tmp_path / f".plan.xlsx.kv-{tag}-{dead}-abc_12.tmp"
    ours_live = tmp_path / f".plan.xlsx.kv-{tag}-{os.getppid()}-abc_12.tmp"
    other_host_new = tmp_path / f".plan.xlsx.kv-000000-{dead}-abc_12.tmp"
    other_host_old = tmp_path / f".werk.klasvormer.kv-000000-{dead}-zz9.tmp"
    legacy_old = tmp_path / ".~plan_abcd1234.xlsx"
    legacy_project_old = tmp_path / ".werk.klasvormer.k2j4h5g6.tmp"
    legacy_new = tmp_path / ".~plan_wxyz9876.xlsx"
    not_ours = [tmp_path / ".~lock.plan.xlsx#", tmp_path / "~$plan.xlsx", tmp_path / ".plan.tmp",
                tmp_path / "notes.tmp", tmp_path / ".werk.klasvormer.lock"]
    for p in [ours_dead, ours_live, other_host_new, other_host_old, legacy_old, legacy_project_old, legacy_new,
              *not_ours]:
        p.write_bytes(b"x")
    for p in [other_host_old, legacy_old, legacy_project_old, *not_ours]:
        os.utime(p, (now - 3600, now - 3600))
    removed = {p.name for p in cleanup_temp_files(tmp_path)}
    assert removed == {ours_dead.name, other_host_old.name, legacy_old.name, legacy_project_old.name}
    assert all(p.exists() for p in [ours_live, other_host_new, legacy_new, *not_ours])


# ---- atomic, synced, private -----------------------------------------------------------------------
def test_saves_fsync_file_and_folder(tmp_path, problem, monkeypatch):
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append("dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    save_project(tmp_path / "p.klasvormer", Project(problem=problem))
    assert synced == ["file", "dir"]
    synced.clear()
    atomic_save(openpyxl.Workbook(), tmp_path / "plan.xlsx")
    assert synced == ["file", "dir"]


def test_files_with_personal_data_are_private(tmp_path, problem):
    from app.planner.planning import fresh_request, run_solve
    from app.workbook.template import write_template

    def mode(p: Path) -> str:
        return oct(p.stat().st_mode & 0o777)

    plan = run_solve(fresh_request(problem, None, SolveOptions(time_limit=0.2, workers=1))).state.plan
    assert mode(write_plan_workbook(problem, plan, tmp_path / "plan.xlsx", class_sheets=False)) == "0o600"
    source = bf.duplicate_ids(tmp_path)
    assert mode(write_error_workbook(source, load_problem(source).issues, tmp_path / "fouten.xlsx")) == "0o600"
    assert mode(save_project(tmp_path / "p.klasvormer", Project(problem=problem))) == "0o600"
    slot = RecoverySlot(tmp_path / "herstel")
    assert mode(slot.write(Project(problem=problem))) == "0o600"
    old = os.umask(0o022)
    try:
        assert mode(write_template(tmp_path / "sjabloon.xlsx")) == "0o644"  # no personal data
    finally:
        os.umask(old)


def test_simulation_outputs_are_private(tmp_path):
    import pandas as pd

    from app.simulation.sweep import SimulationResult

    frame = pd.DataFrame({"policy": ["a"], "seed": ["all"]})
    result = SimulationResult.__new__(SimulationResult)
    for name in ("summary", "weekly", "learners", "classes"):
        object.__setattr__(result, name, frame)
    object.__setattr__(result, "settings", {"weeks": 1})
    written = SimulationResult.save(result, tmp_path / "sim", charts=False)
    assert written and all(oct(p.stat().st_mode & 0o777) == "0o600" for p in written)
    assert (tmp_path / "sim" / "learners.csv").read_text(encoding="utf-8").startswith("policy,seed")


def test_read_only_files_are_kept_unless_overwrite_is_confirmed(tmp_path, problem):
    project = tmp_path / "p.klasvormer"
    save_project(project, Project(problem=problem, settings={"i": 1}))
    project.chmod(0o444)
    with pytest.raises(ReadOnlyFileError) as err:
        save_project(project, Project(problem=problem, settings={"i": 2}))
    assert isinstance(err.value, PermissionError) and "alleen-lezen" in str(err.value) and "read-only" in err.value.en
    assert load_project(project).settings == {"i": 1}
    save_project(project, Project(problem=problem, settings={"i": 2}), overwrite_readonly=True)
    assert load_project(project).settings == {"i": 2}
    assert oct(project.stat().st_mode & 0o777) == "0o444"  # still read-only

    book = tmp_path / "plan.xlsx"
    book.write_bytes(b"old")
    book.chmod(0o640)
    atomic_save(openpyxl.Workbook(), book)
    assert oct(book.stat().st_mode & 0o777) == "0o640"  # a replaced file keeps its mode
    book.chmod(0o400)
    with pytest.raises(ReadOnlyFileError):
        write_plan_workbook(problem, Plan((), {}, 0, {}, 0.0, "INFEASIBLE", 0.1), book)
    assert oct(book.stat().st_mode & 0o777) == "0o400"
    assert temp_files(tmp_path) == []


# ---- recovery: one file and lock per instance ------------------------------------------------------
def _as_dead(slot: RecoverySlot) -> None:
    """Simulate that the instance owning ``slot`` was killed: its lock names a finished process."""
    FileLock(slot.lock.path, Owner(dead_pid(), host_name(), "test", datetime.now()))


def test_two_instances_keep_separate_recovery_files(tmp_path, problem):
    first, second = RecoverySlot(tmp_path), RecoverySlot(tmp_path)
    assert first.path != second.path
    first.write(Project(problem=problem, origin="/data/een.xlsx"))
    second.write(Project(problem=problem, origin="/data/twee.xlsx"))
    # a third window starting now offers neither: both owners live
    assert find_recoveries(tmp_path) == []
    second.close()  # a normal close of one keeps the other's
    assert first.path.exists() and not second.path.exists()

    _as_dead(first)  # the first is killed
    found = find_recoveries(tmp_path)
    assert [r.path for r in found] == [first.path] and found[0].origin == "/data/een.xlsx"
    third = RecoverySlot(tmp_path)
    claimed = third.claim(found[0])
    assert claimed == third.path and load_project(claimed).problem == problem
    assert not first.path.exists() and not first.lock.path.exists()
    assert third.claim(found[0]) is None  # a second claim (another window) finds nothing
    assert find_recoveries(tmp_path) == []
    third.close()
    assert list(tmp_path.iterdir()) == []


def test_declining_removes_only_the_dead_instances_file(tmp_path, problem):
    live, dead = RecoverySlot(tmp_path), RecoverySlot(tmp_path)
    live.write(Project(problem=problem))
    dead.write(Project(problem=problem))
    _as_dead(dead)
    (found,) = find_recoveries(tmp_path)
    discard_recovery(found)
    assert live.path.exists() and live.lock.held()
    assert not dead.path.exists() and not dead.lock.path.exists()


def test_an_earlier_versions_recovery_file_is_offered(tmp_path, problem):
    old = tmp_path / "herstel.klasvormer"
    save_project(old, Project(problem=problem, origin="/data/oud.xlsx"))
    (found,) = find_recoveries(tmp_path)
    assert found.path == old and found.origin == "/data/oud.xlsx" and found.lock_path is None


def test_a_lock_of_another_host_is_stale_only_without_refresh(tmp_path):
    lock = FileLock(tmp_path / "x.lock", Owner(1, "andere-pc", "anna", datetime.now()))
    info = safefile.read_lock(lock.path)
    assert not info.is_stale() and not info.is_mine()
    old = time.time() - safefile.LOCK_STALE_AFTER - 60
    os.utime(lock.path, (old, old))
    assert safefile.read_lock(lock.path).is_stale()


# ---- project locks ---------------------------------------------------------------------------------
def test_project_lock_names_the_other_owner(tmp_path, problem):
    path = save_project(tmp_path / "p.klasvormer", Project(problem=problem))
    mine = lock_project(path)
    assert mine is not None and project_lock_path(path).exists()
    assert project_holder(path) is None  # our own lock
    FileLock(project_lock_path(path), Owner(os.getppid(), host_name(), "anna", datetime(2026, 3, 2, 9, 15)))
    holder = project_holder(path)
    assert holder is not None and holder.owner.user == "anna" and holder.owner.since.hour == 9
    assert not mine.held()
    mine.release()  # not ours any more: left alone
    assert project_lock_path(path).exists()
    FileLock(project_lock_path(path), Owner(dead_pid(), host_name(), "anna", datetime.now()))
    assert project_holder(path) is None  # its owner is gone


# ---- damaged and oversized projects ----------------------------------------------------------------
def _project_with(tmp_path: Path, base, /, **parts: bytes | str) -> Path:
    """A valid project of problem ``base`` with some parts replaced."""
    good = zipfile.ZipFile(io.BytesIO(project_bytes(Project(problem=base))))
    path = tmp_path / "kapot.klasvormer"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in good.namelist():
            key = name.replace(".json", "")
            zf.writestr(name, parts.pop(key) if key in parts else good.read(name))
        for key, data in parts.items():
            zf.writestr(key, data)
    return path


def _error(path: Path) -> ProjectError:
    with pytest.raises(ProjectError) as err:
        load_project(path)
    return err.value


def _manifest(**fields) -> str:
    return json.dumps({"format": FORMAT, "version": 1, **fields})


def test_versions_and_manifests_say_what_is_wrong(tmp_path, problem):
    err = _error(_project_with(tmp_path, problem, manifest=_manifest(version="2.0-beta")))
    assert "onbekende versie-aanduiding '2.0-beta'" in err.nl and "unknown version '2.0-beta'" in err.en
    err = _error(_project_with(tmp_path, problem, manifest=_manifest(version=7)))
    assert "nieuwere versie" in err.nl and "newer version" in err.en
    err = _error(_project_with(tmp_path, problem, manifest="[1, 2]"))
    assert "manifest.json bevat een lijst, geen object" in err.nl and "holds a list" in err.en
    err = _error(_project_with(tmp_path, problem, manifest=_manifest(saved="gisteren")))
    assert "saved" in err.nl and "gisteren" in err.nl


@pytest.mark.parametrize(("path", "value", "nl", "en"), [
    (["learners", 3, "level"], "drie", "learners[3] (D00004).level: verwacht een geheel getal, gevonden de tekst 'drie'",
     "expected a whole number, found the text 'drie'"),
    (["learners", 0, "waiting_since"], {"$date": "2026-13-45"}, "learners[0] (D00001).waiting_since: '2026-13-45' is "
     "geen geldige datum", "is not a valid date"),
    (["learners", 1, "dayparts"], ["ma-ochtend"], "learners[1] (D00002).dayparts: verwacht een verzameling, "
     "gevonden een lijst", "expected a set, found a list"),
    (["max_travel"], True, "max_travel: verwacht een geheel getal, gevonden waar", "found true"),
    (["teachers"], {"ma-ochtend": "veel"}, "teachers.ma-ochtend: verwacht een geheel getal", "expected a whole number"),
    (["plan_date"], None, "plan_date: verwacht een datum, gevonden leeg (null)", "found empty (null)"),
    (["weights"], {"$type": "Vreemd"}, "weights: verwacht een Weights, gevonden een Vreemd", "expected a Weights"),
])
def test_wrong_value_types_are_named(tmp_path, problem, path, value, nl, en):
    data = json.loads(project_bytes_member(problem, "problem.json"))
    target = data
    for key in path[:-1]:
        target = target["$tuple"][key] if isinstance(key, int) else target[key]
    target[path[-1]] = value
    err = _error(_project_with(tmp_path, problem, problem=json.dumps(data)))
    assert "is beschadigd: problem.json, " in err.nl and nl in err.nl
    assert "is damaged: problem.json, " in err.en and en in err.en


def project_bytes_member(problem, member: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(project_bytes(Project(problem=problem)))) as zf:
        return zf.read(member)


def test_missing_fields_settings_and_state_are_named(tmp_path, problem):
    data = json.loads(project_bytes_member(problem, "problem.json"))
    del data["learners"]["$tuple"][2]["route"]
    err = _error(_project_with(tmp_path, problem, problem=json.dumps(data)))
    assert "learners[2] (D00003).route: ontbreekt" in err.nl and "route: is missing" in err.en
    err = _error(_project_with(tmp_path, problem, settings='{"time_limit": "lang"}'))
    assert "settings.json, time_limit: verwacht een getal" in err.nl
    err = _error(_project_with(tmp_path, problem, state='{"$type": "Problem"}'))
    assert "state.json: verwacht een PlanState of leeg, gevonden een Problem" in err.nl
    err = _error(_project_with(tmp_path, problem, extras='{"D00001": 5}'))
    assert "extras.json, D00001: verwacht een tabel (object)" in err.nl


def test_deep_nesting_is_refused_clearly(tmp_path, problem):
    deep = "[" * 50_000 + "]" * 50_000
    err = _error(_project_with(tmp_path, problem, extras=deep))
    assert "te diep genest" in err.nl and "nested too deeply" in err.en
    deep = '{"D00001": {"Naam": ' + "[" * 200 + "]" * 200 + "}}"
    err = _error(_project_with(tmp_path, problem, extras=deep))
    assert "extras.json, D00001.Naam" in err.nl and "te diep genest" in err.nl


def test_oversized_and_overcompressed_members_are_refused_before_unpacking(tmp_path, problem):
    path = tmp_path / "bom.klasvormer"
    good = zipfile.ZipFile(io.BytesIO(project_bytes(Project(problem=problem))))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in good.namelist():
            zf.writestr(name, good.read(name))
        with zf.open("source/nullen.bin", "w", force_zip64=True) as fh:
            block = bytes(2**20)
            for _ in range(MAX_MEMBER_BYTES // 2**20 + 1):
                fh.write(block)
    assert path.stat().st_size < 2**20
    started = time.perf_counter()
    err = _error(path)
    assert time.perf_counter() - started < 30  # refused from the zip directory, not by unpacking (a guard, not a speed test)
    assert "source/nullen.bin" in err.nl and "MB" in err.nl and "unpacks to" in err.en

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in good.namelist():
            zf.writestr(name, good.read(name))
        zf.writestr("extra.bin", bytes(8 * 2**20))
    err = _error(path)
    assert "samengeperst" in err.nl and "compressed" in err.en


def test_unreadable_project_says_so(tmp_path, problem, monkeypatch):
    path = save_project(tmp_path / "p.klasvormer", Project(problem=problem))

    def denied(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.planner.project.zipfile.ZipFile", denied)  # as if chmod 0 (root reads anyway)
    err = _error(path)
    assert "geen leesrechten" in err.nl and "no permission" in err.en and "geen Klasvormer-project" not in err.nl


def test_a_directory_or_non_zip_is_not_a_project(tmp_path):
    (tmp_path / "map.klasvormer").mkdir()
    assert "is een map" in _error(tmp_path / "map.klasvormer").nl
    (tmp_path / "x.klasvormer").write_text("geen zip")
    assert "geen Klasvormer-project" in _error(tmp_path / "x.klasvormer").nl


def test_a_target_name_near_the_limit_is_written_with_a_shorter_temporary_name(tmp_path, monkeypatch):
    name = "Plan é " * 29 + "abcdefghi.xlsx"  # 246 bytes: the file system takes it, name + owner would not fit
    assert len(name.encode("utf-8")) == 246
    seen: list[str] = []

    def write(tmp: str) -> None:
        seen.append(Path(tmp).name)
        Path(tmp).write_bytes(b"plan")

    target = safefile.atomic_write(tmp_path / name, write)
    assert target.read_bytes() == b"plan" and target.name == name
    assert len(seen[0].encode("utf-8")) <= 255 and safefile.is_temp_name(seen[0])
    assert seen[0].startswith(".Plan é Plan") and ".kv-" in seen[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


def test_the_cli_writes_a_plan_whose_name_is_near_the_limit(tmp_path, capsys):
    import shutil

    from app.cli.exits import EXIT_OK
    from app.cli.klasvormer import main

    src = tmp_path / "invoer.xlsx"  # a fallback plan (old code) lands here, not in samples/
    shutil.copy(Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx", src)
    out = tmp_path / ("Plan é " * 29 + "abcdefghi.xlsx")
    assert main(["solve", str(src), "--time-limit", "0.3", "-o", str(out)]) == EXIT_OK  # the name, not the plan
    assert "Deelnemers" in openpyxl.load_workbook(out, read_only=True).sheetnames

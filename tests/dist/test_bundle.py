"""The planners' build (issue 21): ``packaging/build.py`` (``make dist``) with PyInstaller, then the
frozen programs started without a virtualenv in a minimal environment (``env -i PATH=/usr/bin:/bin``).

The build takes minutes, so it runs once per test session into a temporary folder (set
``KLASVORMER_DIST_DIR`` to a folder holding an already built ``klasvormer/`` to skip it). Skipped
when PyInstaller is not installed (``pip install -e '.[dist]'``; ``make test`` installs it). The
window test needs ``Xvfb`` (``apt-get install xvfb libxcb-cursor0``) and is skipped without it; it
prints where its screenshot is and how long the window took to appear.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
MINIMAL_ENV = {"PATH": "/usr/bin:/bin"}
WINDOW_TIMEOUT = 120.0
"""Seconds the frozen planner may take to show its window with the sample (generous: the machine
may be loaded; the time measured is printed, not asserted)."""


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The application folder ``klasvormer/`` (built once per session)."""
    given = os.environ.get("KLASVORMER_DIST_DIR")
    if given:
        return Path(given) / "klasvormer"
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[dist]'): the planners' build is not tested")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--out", str(out / "dist"),
                    "--work", str(out / "build")], check=True, timeout=3600)
    return out / "dist" / "klasvormer"


def _exe(bundle: Path, name: str) -> Path:
    path = bundle / (name + (".exe" if sys.platform == "win32" else ""))
    assert path.is_file(), f"{path} is missing from the build"
    return path


def _run(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*")}


def test_archive_carries_the_version(bundle: Path) -> None:
    with open(ROOT / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    archives = list(bundle.parent.glob(f"klasvormer-{version}-*"))
    assert len(archives) == 1 and archives[0].stat().st_size > 0, list(bundle.parent.iterdir())


def test_version_in_a_minimal_environment(bundle: Path, tmp_path: Path) -> None:
    with open(ROOT / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    done = _run([str(_exe(bundle, "klasvormer")), "--version"], MINIMAL_ENV, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"klasvormer {version}"


def test_bundle_holds_samples_geodata_and_dutch_qt_texts(bundle: Path) -> None:
    inside = bundle / "_internal"
    for part in ("samples/b1_aanbieder.xlsx", "optimizer/data", "app/data"):
        assert (inside / part).exists(), part
    assert list(inside.rglob("qtbase_nl.qm")), "Qt's Dutch translation is missing"
    assert not list(inside.rglob("pytest")) and not (inside / "dask").exists()


def test_qt_speaks_dutch_in_the_frozen_program(bundle: Path, tmp_path: Path) -> None:
    """ui.i18n finds qtbase_nl.qm through QLibraryInfo inside the program folder."""
    done = _run([str(_exe(bundle, "klasvormer")), "--qt-dutch-check"], MINIMAL_ENV, tmp_path)
    assert done.returncode == 0, done.stderr
    translations, cancel = done.stdout.strip().splitlines()[-2:]
    assert Path(translations).resolve().is_relative_to(bundle.resolve()), translations
    assert cancel == "Annuleren"


def test_check_the_sample(bundle: Path, tmp_path: Path) -> None:
    sample = bundle / "_internal" / "samples" / "b1_aanbieder.xlsx"
    done = _run([str(_exe(bundle, "klasvormer")), "check", str(sample)], MINIMAL_ENV, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "b1_aanbieder.xlsx" in done.stdout


def test_run_default_writes_to_documents_not_into_the_program(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    before = _snapshot(bundle)
    env = {**MINIMAL_ENV, "HOME": str(home)}
    done = _run([str(_exe(bundle, "klasvormer")), "run-default", "--time-limit", "3"], env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    plan = home / "Documents" / "Klasvormer" / "plan_b1_aanbieder.xlsx"
    assert plan.is_file() and plan.stat().st_size > 0, done.stdout + done.stderr
    assert _snapshot(bundle) == before, "the program wrote into its own folder"


# ---- the planner's window under Xvfb ---------------------------------------------------------------


def _x11_titles(display: str) -> list[str]:
    """The ``_NET_WM_NAME`` of the top-level windows on ``display`` (libX11 through ctypes)."""
    c = ctypes
    x11 = c.cdll.LoadLibrary("libX11.so.6")
    x11.XOpenDisplay.restype = c.c_void_p
    x11.XOpenDisplay.argtypes = [c.c_char_p]
    x11.XDefaultRootWindow.restype = c.c_ulong
    x11.XDefaultRootWindow.argtypes = [c.c_void_p]
    x11.XInternAtom.restype = c.c_ulong
    x11.XInternAtom.argtypes = [c.c_void_p, c.c_char_p, c.c_int]
    x11.XQueryTree.argtypes = [c.c_void_p, c.c_ulong, c.POINTER(c.c_ulong), c.POINTER(c.c_ulong),
                               c.POINTER(c.POINTER(c.c_ulong)), c.POINTER(c.c_uint)]
    x11.XGetWindowProperty.argtypes = [c.c_void_p, c.c_ulong, c.c_ulong, c.c_long, c.c_long, c.c_int,
                                       c.c_ulong, c.POINTER(c.c_ulong), c.POINTER(c.c_int),
                                       c.POINTER(c.c_ulong), c.POINTER(c.c_ulong),
                                       c.POINTER(c.POINTER(c.c_ubyte))]
    x11.XFree.argtypes = [c.c_void_p]
    x11.XCloseDisplay.argtypes = [c.c_void_p]
    dpy = x11.XOpenDisplay(display.encode())
    if not dpy:
        return []
    try:
        name_atom = x11.XInternAtom(dpy, b"_NET_WM_NAME", 0)
        root, parent = c.c_ulong(), c.c_ulong()
        children, count = c.POINTER(c.c_ulong)(), c.c_uint()
        if not x11.XQueryTree(dpy, x11.XDefaultRootWindow(dpy), c.byref(root), c.byref(parent),
                              c.byref(children), c.byref(count)):
            return []
        titles = []
        for i in range(count.value):
            kind, fmt, n, rest = c.c_ulong(), c.c_int(), c.c_ulong(), c.c_ulong()
            data = c.POINTER(c.c_ubyte)()
            status = x11.XGetWindowProperty(dpy, children[i], name_atom, 0, 1024, 0, 0, c.byref(kind),
                                            c.byref(fmt), c.byref(n), c.byref(rest), c.byref(data))
            if status == 0 and data:
                if fmt.value == 8 and n.value:
                    titles.append(bytes(data[: n.value]).decode("utf-8", "replace"))
                x11.XFree(data)
        if children:
            x11.XFree(children)
        return titles
    finally:
        x11.XCloseDisplay(dpy)


_GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(['grab'])\n"
    "image = app.primaryScreen().grabWindow(0).toImage()\n"
    "image.save(sys.argv[1])\n"
    "colours = {image.pixel(x, y) for x in range(0, image.width(), 16) for y in range(0, image.height(), 16)}\n"
    "print(len(colours))\n"
)


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A virtual screen (``DISPLAY`` value) for the test; skipped without Xvfb."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the window test uses Xvfb (Linux)")
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb libxcb-cursor0): the planner's window is not tested")
    ldconfig = shutil.which("ldconfig") or shutil.which("ldconfig", path="/sbin:/usr/sbin")
    libraries = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout if ldconfig else ""
    if ldconfig and "libxcb-cursor.so.0" not in libraries:
        pytest.skip("libxcb-cursor0 is not installed (Qt's xcb plugin needs it): the planner's window is not tested")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_planner_opens_a_window_with_the_sample(bundle: Path, xvfb: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**MINIMAL_ENV, "HOME": str(home), "DISPLAY": xvfb}
    log = tmp_path / "planner.log"
    before = _snapshot(bundle)
    start = time.monotonic()
    with open(log, "w") as out:
        planner = subprocess.Popen([str(_exe(bundle, "klasvormer-planner"))], env=env, cwd=tmp_path,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        seen: list[str] = []
        while time.monotonic() - start < WINDOW_TIMEOUT and planner.poll() is None:
            seen = [t for t in _x11_titles(xvfb) if t.startswith("Klasvormer")]
            if any("b1_aanbieder" in t for t in seen):
                break
            time.sleep(0.1)
        seconds = time.monotonic() - start
        assert any("b1_aanbieder" in t for t in seen), (
            f"no planner window with the sample after {seconds:.0f} s (titles {seen}); "
            f"exit code {planner.poll()}; log:\n{log.read_text()}")
        time.sleep(3)  # let the window paint its tables before the screenshot
        shot = tmp_path / "planner.png"
        grab = subprocess.run([sys.executable, "-c", _GRAB, str(shot)], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"})
        assert grab.returncode == 0 and shot.is_file(), grab.stderr
        assert int(grab.stdout.split()[-1]) > 10, "the screen is blank: the window did not paint"
        assert planner.poll() is None, log.read_text()
        assert _snapshot(bundle) == before, "the planner wrote into its own folder"
        with capsys.disabled():
            print(f"\nplanner window with the sample after {seconds:.1f} s; screenshot: {shot}")
    finally:
        planner.terminate()
        try:
            planner.wait(timeout=30)
        except subprocess.TimeoutExpired:
            planner.kill()

"""``make dist``: build the planners' application folder with PyInstaller and pack it.

    python packaging/build.py [--out DIR]

Writes ``DIR/klasvormer/`` (the application folder: ``klasvormer-planner`` and ``klasvormer`` with
their libraries in ``_internal/``) and ``DIR/klasvormer-<version>-<system>-<machine>.tar.gz``
(``.zip`` on Windows). DIR is ``dist/`` by default; the work files go to ``build/pyinstaller``
below DIR's parent unless ``--work`` names another folder.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "klasvormer.spec"


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def archive_name(version: str) -> str:
    system = {"darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"klasvormer-{version}-{system}-{machine}"


def build(out: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the archive's path."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(out), "--workpath", str(work), str(SPEC)], check=True, cwd=ROOT)
    folder = out / "klasvormer"
    base = out / archive_name(project_version())
    if sys.platform == "win32":
        return Path(shutil.make_archive(str(base), "zip", out, "klasvormer"))
    if sys.platform == "darwin" and (out / "Klasvormer.app").is_dir():
        return Path(shutil.make_archive(str(base), "gztar", out, "Klasvormer.app"))
    return Path(shutil.make_archive(str(base), "gztar", folder.parent, folder.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    work = (args.work or out.parent / "build" / "pyinstaller").resolve()
    archive = build(out, work)
    print(f"{out / 'klasvormer'}\n{archive}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

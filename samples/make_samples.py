"""Regenerate the bundled sample workbooks (seeded, so the files are reproducible).

    .venv/bin/python samples/make_samples.py

What is invented and what comes from the report: see app/synth.py and samples/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.synth import b1_provider, z_route  # noqa: E402
from app.workbook.template import write_input_workbook  # noqa: E402

HERE = Path(__file__).resolve().parent

SAMPLES = {
    "b1_aanbieder.xlsx": lambda: b1_provider(300, seed=1),
    "z_route.xlsx": lambda: z_route(48, seed=2),
}


def main() -> None:
    for name, make in SAMPLES.items():
        path = write_input_workbook(make(), HERE / name)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()

"""Property-based fuzzing of the ``klasvormer`` CLI over mutated inputs and arguments.

Short profile (default, in the normal test suite): a few dozen derandomized examples.
Long profile: ``make fuzz`` (``KLASVORMER_FUZZ=long``, ``KLASVORMER_FUZZ_EXAMPLES=N``); with
``KLASVORMER_FUZZ_LOG=file.jsonl`` every failing case is appended to the file and the run goes
on, so one run lists every distinct failure. Properties: see ``cases.properties``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, event, given, settings

from tests.fuzz.cases import run_case
from tests.fuzz.strategies import cases

settings.register_profile("fuzz-ci", max_examples=30, deadline=None, derandomize=True, database=None,
                          suppress_health_check=list(HealthCheck), print_blob=True)
settings.register_profile("fuzz-long", max_examples=int(os.environ.get("KLASVORMER_FUZZ_EXAMPLES", "300")),
                          deadline=None, suppress_health_check=list(HealthCheck), print_blob=True)
PROFILE = "fuzz-long" if os.environ.get("KLASVORMER_FUZZ") == "long" else "fuzz-ci"
LOG = os.environ.get("KLASVORMER_FUZZ_LOG")


@settings(settings.get_profile(PROFILE))
@given(case=cases())
def test_cli_keeps_its_promises(case):
    with tempfile.TemporaryDirectory() as d:
        run, broken = run_case(case, Path(d))
        if run is None:
            event(f"skipped: {broken[0]}")
        assume(run is not None)          # a known defect that is still avoided (cases.KNOWN_BROKEN)
        event(f"{case.command} {case.fmt[:3]} exit {run.code}")
        if broken and LOG:
            with open(LOG, "a", encoding="utf-8") as f:
                f.write(json.dumps({"case": dataclasses.asdict(case), "code": run.code, "broken": broken,
                                    "stdout": run.out[-2000:], "stderr": run.err[-2000:]}, default=str) + "\n")
            return
        assert not broken, f"{broken}\nexit {run.code}\nstdout:\n{run.out}\nstderr:\n{run.err}"

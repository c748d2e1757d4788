"""bench.step_time: the fingerprints of a search's sub-models, for changes made for speed alone."""

from __future__ import annotations

import json

from bench.step_time import main


def test_the_same_code_writes_the_same_fingerprints_and_a_changed_model_other_ones(tmp_path, monkeypatch):
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    assert main(["S-base-1", "--steps", "12", "--out", str(a)]) == 0
    assert main(["S-base-1", "--steps", "12", "--out", str(b)]) == 0
    first = json.loads(a.read_text())
    assert first and first == json.loads(b.read_text())
    # a model with one more constraint per sub-model is another model
    import optimizer.model as model

    monkeypatch.setattr(model, "HARD_RULES", (*model.HARD_RULES, lambda m: m.cp.add(sum(m.n.n.values()) >= 0)))
    assert main(["S-base-1", "--steps", "12", "--out", str(c)]) == 0
    changed = json.loads(c.read_text())
    assert len(changed) == len(first) and all(x != y for x, y in zip(first, changed, strict=True))

"""The gold-set gate: every metric pinned in eval/floors.json must hold on ../shared/eval.

Lowering a floor is an explicit change to eval/floors.json, explained in its history.
"""

from __future__ import annotations

import json
from pathlib import Path

from herodotus import jobs
from herodotus.pipeline import Pipeline
from tests.conftest import require_shared

FLOORS = Path(__file__).resolve().parents[1] / "eval" / "floors.json"


def test_floors_file_is_well_formed() -> None:
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert data["floors"] and data["history"]
    for metrics in data["floors"].values():
        assert all(0.0 <= v <= 1.0 for v in metrics.values())


def test_gold_metrics_hold_their_floors(pipeline: Pipeline) -> None:
    eval_dir = require_shared("eval")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    reports = jobs.evaluate_dir(eval_dir, pipeline=pipeline)
    failures = jobs.check_floors(reports, floors)
    assert not failures, "\n".join(failures)

"""Importing the mock ESIS leaves the process alone; starting a server sets what spyne needs.

Importing happens in a fresh interpreter, so nothing an earlier test did can hide a side effect.
"""

from __future__ import annotations

import gc
import json
import logging
import subprocess
import sys

from mock_esis.soap.spyne_compat import spyne_const
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer

_PROBE = """
import gc, json, logging, pkgutil, importlib, sys
from mock_esis.soap.spyne_compat import spyne_const as const

def settings():
    return {
        "spyne_level": logging.getLogger("spyne").level,
        "root_level": logging.getLogger().level,
        "min_gc_interval": repr(const.MIN_GC_INTERVAL),
        "gc_enabled": gc.isenabled(),
        "gc_threshold": list(gc.get_threshold()),
        "switchinterval": sys.getswitchinterval(),
    }

before = settings()
import mock_esis
for info in pkgutil.walk_packages(mock_esis.__path__, "mock_esis."):
    if info.name != "mock_esis.__main__":
        importlib.import_module(info.name)
import mock_esis.testing.pytest_plugin
print(json.dumps({"before": before, "after": settings()}))
"""


def test_importing_mock_esis_changes_no_process_settings() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    seen = json.loads(done.stdout)
    assert seen["after"] == seen["before"]


def test_a_started_server_quiets_spyne_and_its_forced_gc() -> None:
    with MockEsisServer(build_app(MockOptions(seed=1, schools=1, students_per_group=1))):
        assert spyne_const.MIN_GC_INTERVAL == float("inf")
        assert logging.getLogger("spyne").level == logging.CRITICAL


def test_a_server_in_a_test_process_leaves_the_gc_and_switch_interval_alone() -> None:
    frozen, interval = gc.get_freeze_count(), sys.getswitchinterval()
    with MockEsisServer(build_app(MockOptions(seed=1, schools=1, students_per_group=1))):
        assert gc.get_freeze_count() == frozen
        assert sys.getswitchinterval() == interval


_TUNED = """
import gc, json, sys
from mock_esis.web.server import tune_serving_process
tune_serving_process()
print(json.dumps({"frozen": gc.get_freeze_count(), "switch": sys.getswitchinterval()}))
"""


def test_the_serving_process_freezes_what_it_built_and_switches_faster() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _TUNED], capture_output=True, text=True, check=True, timeout=120
    )
    seen = json.loads(done.stdout)
    assert seen["frozen"] > 1000
    assert seen["switch"] == 0.001

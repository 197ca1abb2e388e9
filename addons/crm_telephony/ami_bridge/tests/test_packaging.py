"""The package imports both top-level and as a subpackage (relative imports only)."""

from __future__ import annotations

import asyncio
import importlib
import sys
import types

import pytest
from ami_bridge.calls import CallStateMachine
from ami_bridge.client import AmiClient, AmiSettings

from conftest import ADDON_DIR

MODULES = ("protocol", "calls", "client", "poster", "config", "__main__")


def test_importable_as_a_subpackage_of_another_package(monkeypatch):
    parent = types.ModuleType("some_addon")
    parent.__path__ = [str(ADDON_DIR)]
    monkeypatch.setitem(sys.modules, "some_addon", parent)
    for name in MODULES:
        module = importlib.import_module(f"some_addon.ami_bridge.{name}")
        assert module.__name__ == f"some_addon.ami_bridge.{name}"
    for name in [key for key in sys.modules if key.startswith("some_addon.")]:
        monkeypatch.delitem(sys.modules, name)


def test_originate_without_a_connection_fails_clearly():
    client = AmiClient(AmiSettings(host="127.0.0.1"), CallStateMachine(), lambda _e: None)
    with pytest.raises(ConnectionError, match="not connected"):
        asyncio.run(client.originate("21", "100"))

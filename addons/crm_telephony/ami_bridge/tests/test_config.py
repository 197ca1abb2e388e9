"""Settings from the environment and the ``python -m ami_bridge`` entry point."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from ami_bridge.calls import DEFAULT_EXTENSION_REGEX
from ami_bridge.config import BridgeConfig, ConfigError

from conftest import ADDON_DIR

ENV = {
    "AMI_HOST": "127.0.0.1",
    "AMI_PORT": "9",  # nothing listens: the bridge keeps retrying until SIGTERM
    "AMI_USERNAME": "bridge",
    "AMI_SECRET": "ami-TOP-secret",
    "ODOO_URL": "http://127.0.0.1:9",
    "CRM_PBX_KEY_ID": "pbx-key",
    "CRM_PBX_SECRET": "hmac-TOP-secret",
}


def test_config_from_env_with_defaults_and_hidden_secrets():
    without_port = {key: value for key, value in ENV.items() if key != "AMI_PORT"}
    config = BridgeConfig.from_env(without_port)
    assert config.ami_port == 5038 and config.extension_regex == DEFAULT_EXTENSION_REGEX
    assert config.spool_path is None and config.log_level == "INFO"
    assert "TOP-secret" not in repr(config)


@pytest.mark.parametrize(
    ("override", "message"),
    [({"AMI_SECRET": ""}, "AMI_SECRET"), ({"AMI_PORT": "x"}, "AMI_PORT"),
     ({"AMI_EXTENSION_REGEX": "("}, "AMI_EXTENSION_REGEX")],
)  # fmt: skip
def test_config_errors_are_explicit(override, message):
    with pytest.raises(ConfigError, match=message):
        BridgeConfig.from_env({**ENV, **override})


def _bridge(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ami_bridge", *args],
        cwd=ADDON_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_help_lists_the_environment_variables():
    process = _bridge(["--help"], {})
    out, _err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "AMI_HOST" in out and "CRM_PBX_SECRET" in out and "SPOOL_PATH" in out


def test_sigterm_stops_cleanly_without_logging_secrets(tmp_path):
    process = _bridge([], {**ENV, "SPOOL_PATH": str(tmp_path / "spool.jsonl")})
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Starting with BridgeConfig" in err and "Stopping" in err
    assert "TOP-secret" not in err

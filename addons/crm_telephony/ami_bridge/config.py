"""Bridge settings from environment variables (secrets never in repr/logs)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .calls import DEFAULT_EXTENSION_REGEX

ENVIRONMENT_HELP = """\
environment variables:
  AMI_HOST              Asterisk host (required)
  AMI_PORT              AMI TCP port (default 5038)
  AMI_USERNAME          AMI user from manager.conf (required)
  AMI_SECRET            AMI password (required, never logged)
  ODOO_URL              Odoo base URL, e.g. https://crm.example.com (required)
  CRM_PBX_KEY_ID        key id sent as X-Crm-Key (required)
  CRM_PBX_SECRET        HMAC secret shared with Odoo (required, never logged)
  AMI_EXTENSION_REGEX   what counts as an internal extension
                        (default ^\\d{2,6}(-[A-Za-z0-9_]{1,32})?$, tenant suffix optional)
  SPOOL_PATH            JSON-lines file keeping undelivered events across restarts
  LOG_LEVEL             DEBUG, INFO (default), WARNING, ERROR
"""

REQUIRED = (
    "AMI_HOST",
    "AMI_USERNAME",
    "AMI_SECRET",
    "ODOO_URL",
    "CRM_PBX_KEY_ID",
    "CRM_PBX_SECRET",
)


class ConfigError(ValueError):
    """A setting is missing or invalid."""


@dataclass(frozen=True)
class BridgeConfig:
    ami_host: str
    ami_port: int
    ami_username: str
    ami_secret: str = field(repr=False)
    odoo_url: str
    key_id: str
    pbx_secret: str = field(repr=False)
    extension_regex: str = DEFAULT_EXTENSION_REGEX
    spool_path: str | None = None
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> BridgeConfig:
        env = os.environ if environ is None else environ
        missing = [name for name in REQUIRED if not env.get(name)]
        if missing:
            raise ConfigError(f"missing environment variables: {', '.join(missing)}")
        try:
            port = int(env.get("AMI_PORT", "5038"))
        except ValueError as error:
            raise ConfigError("AMI_PORT must be an integer") from error
        regex = env.get("AMI_EXTENSION_REGEX") or DEFAULT_EXTENSION_REGEX
        try:
            re.compile(regex)
        except re.error as error:
            raise ConfigError(f"AMI_EXTENSION_REGEX is not a valid regex: {error}") from error
        return cls(
            ami_host=env["AMI_HOST"],
            ami_port=port,
            ami_username=env["AMI_USERNAME"],
            ami_secret=env["AMI_SECRET"],
            odoo_url=env["ODOO_URL"],
            key_id=env["CRM_PBX_KEY_ID"],
            pbx_secret=env["CRM_PBX_SECRET"],
            extension_regex=regex,
            spool_path=env.get("SPOOL_PATH") or None,
            log_level=(env.get("LOG_LEVEL") or "INFO").upper(),
        )

"""``python -m ami_bridge``: run the AMI → Odoo bridge until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys

from .calls import CallStateMachine
from .client import AmiClient, AmiSettings
from .config import ENVIRONMENT_HELP, BridgeConfig, ConfigError
from .poster import OdooPoster, submit_by_urgency

logger = logging.getLogger(__name__)
EVICTION_INTERVAL_SECONDS = 600
SHUTDOWN_FLUSH_SECONDS = 5


async def run_bridge(config: BridgeConfig) -> None:
    """Run client, poster and eviction until a termination signal arrives."""
    poster = OdooPoster(
        config.odoo_url, config.key_id, config.pbx_secret, spool_path=config.spool_path
    )
    ringing_spool = f"{config.spool_path}.ringing" if config.spool_path else None
    ringing_poster = OdooPoster(
        config.odoo_url, config.key_id, config.pbx_secret, spool_path=ringing_spool
    )
    machine = CallStateMachine(extension_regex=config.extension_regex)
    settings = AmiSettings(
        host=config.ami_host,
        port=config.ami_port,
        username=config.ami_username,
        secret=config.ami_secret,
    )
    client = AmiClient(
        settings,
        machine,
        lambda events: submit_by_urgency((e.to_json() for e in events), ringing_poster, poster),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(signum, stop.set)
    tasks = [
        asyncio.create_task(client.run_forever()),
        asyncio.create_task(poster.run()),
        asyncio.create_task(ringing_poster.run()),
        asyncio.create_task(_evict_periodically(machine)),
    ]
    await stop.wait()
    logger.info("Stopping: flushing %d pending events", poster.pending + ringing_poster.pending)
    tasks[0].cancel()
    # What is left stays in the spool files.
    await asyncio.gather(
        poster.flush(SHUTDOWN_FLUSH_SECONDS), ringing_poster.flush(SHUTDOWN_FLUSH_SECONDS)
    )
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _evict_periodically(machine: CallStateMachine) -> None:
    while True:
        await asyncio.sleep(EVICTION_INTERVAL_SECONDS)
        machine.evict()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ami_bridge",
        description="Forward Asterisk (AMI) call events to Odoo crm_telephony.",
        epilog=ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.parse_args(argv)
    try:
        config = BridgeConfig.from_env()
    except ConfigError as error:
        print(f"ami_bridge: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=config.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logger.info("Starting with %r", config)  # repr hides both secrets
    asyncio.run(run_bridge(config))
    return 0


if __name__ == "__main__":
    sys.exit(main())

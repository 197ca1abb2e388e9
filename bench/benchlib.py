"""Shared plumbing of the benchmark scripts: an Odoo environment on a database,
timers and percentiles. Benchmarks print figures; they are not tests."""

import argparse
import contextlib
import statistics
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = REPOSITORY / ".run" / "odoo-test.conf"


def argument_parser(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", required=True, help="database with the addons installed")
    parser.add_argument(
        "--config",
        default=str(DEFAULT_CONFIG),
        help="Odoo configuration file (default: the one tests/run writes)",
    )
    return parser


@contextlib.contextmanager
def odoo_env(db, config):
    """Yield a superuser environment on ``db``; commit on success."""
    # Imported late, so that --help works without Odoo.
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", config, "-d", db, "--log-level=warn"])
    registry = Registry(db)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


@contextlib.contextmanager
def timer(label, results=None):
    """Time the block; print it, and append the seconds to ``results``."""
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    if results is not None:
        results.append(elapsed)
    if label:
        print(f"{label}: {elapsed:.3f} s")


def percentiles(samples_seconds, label):
    """Print p50/p95/p99/max of samples given in seconds, in milliseconds."""
    ordered = sorted(samples_seconds)

    def at(fraction):
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    print(
        f"{label}: n={len(ordered)} p50={at(0.50):.3f} ms p95={at(0.95):.3f} ms "
        f"p99={at(0.99):.3f} ms max={ordered[-1] * 1000:.3f} ms "
        f"mean={statistics.fmean(ordered) * 1000:.3f} ms"
    )

"""Start Odoo like ``odoo-bin`` does, for the benchmarks that need a live server.

Some Python installations pair gevent with a setuptools whose ``pkg_resources``
does not recognise the normalised name of newer wheels (``zope_interface``), so
``gevent.monkey.patch_all()`` fails while loading gevent's own plugin, and
Odoo's websocket worker (``odoo-bin gevent``) dies at start. This launcher
loads gevent's plugins without that requirement check, then runs Odoo's command
line unchanged. Odoo's prefork server respawns its gevent worker with
``sys.argv[0]``, i.e. through this launcher too.

    python3 bench/odoo_server.py -c <conf> -d <db> --workers 2 ...
"""

import os

os.environ["TZ"] = "UTC"  # as odoo-bin, before the time module is imported

import gevent.events
import pkg_resources


class _EntryPoint:
    def __init__(self, entry_point):
        self._entry_point = entry_point

    def load(self):
        return self._entry_point.resolve()  # no require(): the distribution check is what fails


def _iter_entry_points(group):
    return [_EntryPoint(entry_point) for entry_point in pkg_resources.iter_entry_points(group)]


gevent.events.iter_entry_points = _iter_entry_points

import odoo  # noqa: E402  - reads sys.argv[1] == "gevent" at import time

if __name__ == "__main__":
    odoo.cli.main()

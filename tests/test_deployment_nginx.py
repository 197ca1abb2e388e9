# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""config/nginx.conf checked by nginx itself, and run in front of a recording upstream.

The files are laid out as the nginx image has them (the server file inside
http { } from conf.d/, crm-proxy.conf beside nginx.conf). ``nginx -t`` checks
them verbatim. Then nginx runs them with only the deployment addresses changed
(the listening port and the two Odoo upstreams, by their ``listen``/``set``
lines) in front of a small HTTP server that records what Odoo would receive:
the forwarded headers on every location (the websocket one included), HTTP/1.1,
the body limit of the telephony API and the per-IP rate limits.

nginx comes from the Debian package (.ci/run installs it); without it the
tests are skipped.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if Path(path).exists()), None
)
pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed")

MAIN_CONF = """\
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    include conf.d/*.conf;
}}
"""
FORWARDED = ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-IP")
API_BODY_LIMIT = 256 * 1024  # crm_telephony/controllers/main.py MAX_BODY_BYTES


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lay_out(prefix: Path, server_conf: str) -> Path:
    (prefix / "conf.d").mkdir(parents=True)
    (prefix / "conf.d/default.conf").write_text(server_conf)
    shutil.copy(ROOT / "config/nginx-proxy.conf", prefix / "crm-proxy.conf")
    main = prefix / "nginx.conf"
    main.write_text(MAIN_CONF.format(prefix=prefix))
    return main


def nginx_test(main: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NGINX, "-t", "-p", str(main.parent), "-c", str(main)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_nginx_accepts_the_configuration_as_shipped(tmp_path):
    result = nginx_test(lay_out(tmp_path, (ROOT / "config/nginx.conf").read_text()))
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


class Upstream(http.server.ThreadingHTTPServer):
    """Plays Odoo: answers 200 and keeps (path, HTTP version, headers) of each request."""

    daemon_threads = True

    def __init__(self):
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        upstream = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                upstream.requests.append((self.path, self.request_version, dict(self.headers)))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            do_GET = do_POST = _answer

            def log_message(self, *_args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    """nginx with config/nginx.conf on a free port, Odoo's two ports played by Upstream."""
    http_upstream, websocket_upstream = Upstream(), Upstream()
    port = free_port()
    conf = (ROOT / "config/nginx.conf").read_text()
    for shipped, here in (
        ("listen 8069;", f"listen 127.0.0.1:{port};"),
        ("set $odoo_http odoo:8069;", f"set $odoo_http {http_upstream.address};"),
        ("set $odoo_websocket odoo:8072;", f"set $odoo_websocket {websocket_upstream.address};"),
    ):
        assert conf.count(shipped) == 1, shipped
        conf = conf.replace(shipped, here)
    prefix = tmp_path_factory.mktemp("nginx")
    main = lay_out(prefix, conf)
    assert nginx_test(main).returncode == 0
    process = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(main)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            requests.get(f"{url}/web/health", timeout=1)
            break
        except requests.ConnectionError:
            assert time.monotonic() < deadline, (prefix / "error.log").read_text()
            time.sleep(0.1)
    yield url, http_upstream, websocket_upstream
    process.terminate()
    process.wait(10)
    http_upstream.shutdown()
    websocket_upstream.shutdown()


def last_request(upstream: Upstream, path: str):
    matching = [request for request in upstream.requests if request[0].startswith(path)]
    assert matching, f"{path} did not reach Odoo"
    return matching[-1]


@pytest.mark.parametrize(
    "path",
    ["/websocket?version=18.0-2", "/odoo/crm", "/my/home", "/web/login", "/crm_telephony/v1/x"],
)
def test_every_location_forwards_the_client_headers_over_http_1_1(proxy, path):
    url, http_upstream, websocket_upstream = proxy
    headers = {"Host": "crm.example.com"}
    if path.startswith("/websocket"):
        headers |= {"Upgrade": "websocket", "Connection": "Upgrade"}
    assert requests.get(url + path, headers=headers, timeout=5).status_code == 200
    upstream = websocket_upstream if path.startswith("/websocket") else http_upstream
    _path, version, received = last_request(upstream, path.split("?")[0])
    assert version == "HTTP/1.1"
    for header in FORWARDED:
        assert header in received, f"{path} loses {header}"
    assert received["X-Forwarded-Host"] == "crm.example.com"
    assert received["X-Real-IP"] == "127.0.0.1"
    assert received["X-Forwarded-Proto"] == "http"
    if path.startswith("/websocket"):
        assert received["Upgrade"] == "websocket"
        assert received["Connection"].lower() == "upgrade"


def test_telephony_api_bodies_over_its_limit_stop_at_nginx(proxy):
    url, http_upstream, _ws = proxy
    path = "/crm_telephony/v1/pbx/events"
    before = len(http_upstream.requests)
    too_big = requests.post(url + path, data=b"x" * (API_BODY_LIMIT + 1), timeout=5)
    assert too_big.status_code == 413
    assert len(http_upstream.requests) == before, "the oversized body reached Odoo"
    assert requests.post(url + path, data=b"x" * API_BODY_LIMIT, timeout=5).status_code == 200
    # The back office keeps its larger limit (attachments, imports).
    big_upload = requests.post(url + "/web/binary/upload", data=b"x" * 1_000_000, timeout=5)
    assert big_upload.status_code == 200


def burst_codes(url: str, path: str, count: int) -> list[int]:
    with requests.Session() as session:
        return [session.get(url + path, timeout=5).status_code for _ in range(count)]


def test_public_routes_share_one_per_ip_budget(proxy):
    """Log in, sign up, reset password and the public forms: 2/s, bursts of 10."""
    url = proxy[0]
    codes = burst_codes(url, "/web/login", 25)
    assert codes[0] == 200 and 429 in codes and set(codes) == {200, 429}
    # A script cannot get round it by switching to another public route...
    assert set(burst_codes(url, "/crm_portal/form/3/submit", 5)) == {429}
    assert set(burst_codes(url, "/web/signup", 5)) == {429}
    # ...while the customer's portal has a budget of its own.
    assert burst_codes(url, "/my/home", 1) == [200]


@pytest.mark.parametrize("path, burst", [("/my/requests", 40), ("/crm_telephony/v1/x", 60)])
def test_portal_and_api_routes_are_rate_limited_per_ip(proxy, path, burst):
    codes = burst_codes(proxy[0], path, burst + 20)
    assert codes[0] == 200
    assert 429 in codes, f"{path}: {len(codes)} requests at once, none refused"
    assert set(codes) == {200, 429}


def test_the_back_office_is_not_rate_limited(proxy):
    url = proxy[0]
    with requests.Session() as session:
        codes = {session.get(f"{url}/web/assets/{i}", timeout=5).status_code for i in range(100)}
    assert codes == {200}
    # nor a path that merely starts like the portal's
    with requests.Session() as session:
        codes = {session.get(f"{url}/myths", timeout=5).status_code for _ in range(60)}
    assert codes == {200}

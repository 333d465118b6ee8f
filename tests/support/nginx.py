"""nginx in front of several app processes (deploy/nginx.conf.template), as the deployment
runs it: for the failover browser test and bench/scale_out.py. Needs Debian's nginx."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .server import ROOT, free_port, stop, wait_until_healthy

BACKEND_HEADER = "add_header X-Decayviz-Backend $upstream_addr always;"


class NginxURL(str):
    """nginx's base URL that also knows the folder of its logs (access.log, error.log)."""

    logs: Path


@contextlib.contextmanager
def nginx(backends: list[str], name_backends: bool = True) -> Iterator[NginxURL]:
    """nginx on a free loopback port in front of `backends` (host:port); yields its URL. With
    `name_backends`, each answer says which backend served it (for the stickiness check only)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="decayviz-nginx-") as prefix:
        conf = (
            (ROOT / "deploy" / "nginx.conf.template")
            .read_text()
            .format(
                listen=f"127.0.0.1:{port}",
                prefix=prefix,
                backends="\n".join(f"        server {b};" for b in backends),
                extra=f"            {BACKEND_HEADER}" if name_backends else "",
            )
        )
        conf_path = Path(prefix) / "nginx.conf"
        conf_path.write_text(conf)
        proc = subprocess.Popen(
            [binary, "-c", str(conf_path), "-p", prefix, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = NginxURL(f"http://127.0.0.1:{port}")
        url.logs = Path(prefix)
        try:
            wait_until_healthy(url, proc, "nginx", timeout=20)
            yield url
        finally:
            stop(proc)

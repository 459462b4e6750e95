"""`regeldruk serve` serves the TUI page on localhost without anything from the internet."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from regeldruk.cli.serve import offline_templates


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_offline_templates_drop_the_web_font(tmp_path: Path) -> None:
    templates = offline_templates(tmp_path / "t")
    page = (templates / "app_index.html").read_text()
    assert "fonts.googleapis.com" not in page
    assert "textual.js" in page


def test_serve_page_needs_no_internet(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "REGELDRUK_HOME": str(home)}
    env.pop("REGELDRUK_DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "regeldruk", "init", "--worker", "S", "--team", "T"],
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "regeldruk", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        page = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "textual.js" in page
        external = [
            url
            for url in re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", page)
            if not url.startswith(f"http://127.0.0.1:{port}/")
        ]
        assert external == []
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/js/textual.js") as script:
            assert script.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)

"""Where per-user state lives. REGELDRUK_HOME relocates all of it (tests use that seam)."""

from __future__ import annotations

import os
from pathlib import Path


def home_dir() -> Path | None:
    value = os.environ.get("REGELDRUK_HOME")
    return Path(value).expanduser() if value else None


def config_path() -> Path:
    explicit = os.environ.get("REGELDRUK_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    home = home_dir()
    if home is not None:
        return home / "config.toml"
    import platformdirs

    return Path(platformdirs.user_config_dir("regeldruk")) / "config.toml"


def data_dir() -> Path:
    home = home_dir()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_data_dir("regeldruk"))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'regeldruk.sqlite'}"


def error_log_path() -> Path:
    return data_dir() / "fouten.log"

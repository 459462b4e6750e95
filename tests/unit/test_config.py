from pathlib import Path

import pytest

from regeldruk.config import Config, load_config, parse_config, write_config
from regeldruk.errors import ConfigError
from regeldruk.taxonomy import Category

PATH = Path("/etc/regeldruk.toml")


def test_missing_config_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "nope.toml")
    assert config.timezone == "Europe/Amsterdam"
    assert config.worker is None
    assert not config.exists


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("worker = ", "geen geldige TOML"),
        ("wroker = 'x'", "onbekende sleutel 'wroker'"),
        ("worker = 3", "'worker' moet tekst zijn"),
        ("timezone = 'Mars/Olympus'", "'timezone'"),
        ("favourites = 'client-face'", "'favourites'"),
        ("[[taxonomy]]\nkey = 'a'\nlabel = 'A'\nkind = 'fun'", "'taxonomy[1].kind'"),
        ("[[taxonomy]]\nkey = 'a'\nlabel = 'A'", "'taxonomy[1].kind' ontbreekt"),
        (
            "[[taxonomy]]\nkey='a'\nlabel='A'\nkind='client'\n[[taxonomy]]\nkey='a'\nlabel='B'\nkind='other'",
            "'taxonomy[2].key'",
        ),
    ],
)
def test_errors_name_the_file_and_the_key(text: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, PATH)
    assert str(caught.value).startswith(str(PATH))
    assert fragment in str(caught.value)


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"worker = '\xff\xfe'")
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(path)


def test_taxonomy_can_be_replaced_and_written_back(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    config = Config(
        path=path,
        worker='Anna "de" Vries',
        team="Team Zuid",
        favourites=("contact",),
        taxonomy=(
            Category("contact", "Contact", "client"),
            Category("admin", "Admin", "accountability"),
        ),
    )
    write_config(config)
    loaded = load_config(path)
    assert loaded.worker == 'Anna "de" Vries'
    assert loaded.taxonomy == config.taxonomy
    assert loaded.favourites == ("contact",)

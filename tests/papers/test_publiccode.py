"""publiccode.yml at the repository root has the standard's required keys."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOFTWARE_TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                  "standalone/backend", "standalone/other", "addon", "library",
                  "configurationFiles"}
STATUSES = {"concept", "development", "beta", "stable", "obsolete"}


def _data():
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_required_keys():
    data = _data()
    for key in ("publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus",
                "softwareType", "description", "legal", "maintenance", "localisation"):
        assert key in data, key
    assert data["developmentStatus"] in STATUSES
    assert data["softwareType"] in SOFTWARE_TYPES
    assert data["legal"]["license"] == "EUPL-1.2"
    assert data["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert data["maintenance"]["contacts"]
    assert data["localisation"]["localisationReady"] is True
    assert set(data["localisation"]["availableLanguages"]) == {"sv", "en"}


def test_descriptions_per_language():
    for language, text in _data()["description"].items():
        assert len(text["shortDescription"]) <= 150, language
        assert 150 <= len(text["longDescription"]) <= 10000, language
        assert text["features"], language


def test_licence_matches_the_package():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'license = "{_data()["legal"]["license"]}"' in pyproject

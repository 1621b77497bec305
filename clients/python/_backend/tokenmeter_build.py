"""A PEP 517 build backend in the standard library only: a pure-Python wheel of src/tokenmeter.

pyproject.toml is the one source of the name and version (read with tomllib on 3.11+, else a
minimal reader of the [project] table's string values).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import pathlib
import re
import tarfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "tokenmeter"


def _project() -> dict:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
        return tomllib.loads(text)["project"]
    except ImportError:
        table = text.split("[project]", 1)[1].split("\n[", 1)[0]
        return dict(re.findall(r'^(\w[\w-]*)\s*=\s*"([^"]*)"', table, re.M))


def _metadata() -> str:
    project = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {project['version']}",
             f"Summary: {project['description']}", f"Requires-Python: {project.get('requires-python', '>=3.9')}"]
    readme = ROOT / "README.md"
    if readme.exists():
        lines += ["Description-Content-Type: text/markdown", "", readme.read_text(encoding="utf-8")]
    return "\n".join(lines) + "\n"


def _dist_info() -> str:
    project = _project()
    return f"{project['name']}-{project['version']}.dist-info"


def _files() -> list:
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    target = pathlib.Path(metadata_directory) / _dist_info()
    target.mkdir(parents=True, exist_ok=True)
    (target / "METADATA").write_text(_metadata(), encoding="utf-8")
    (target / "WHEEL").write_text(_wheel_file(), encoding="utf-8")
    return target.name


def _wheel_file() -> str:
    return "Wheel-Version: 1.0\nGenerator: tokenmeter_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project()
    name = f"{project['name']}-{project['version']}-py3-none-any.whl"
    dist_info = _dist_info()
    entries = [(f"tokenmeter/{p.relative_to(PACKAGE).as_posix()}", p.read_bytes()) for p in _files()]
    entries += [(f"{dist_info}/METADATA", _metadata().encode()), (f"{dist_info}/WHEEL", _wheel_file().encode())]
    record = io.StringIO()
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in entries:
            wheel.writestr(path, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.write(f"{path},sha256={digest},{len(data)}\n")
        record.write(f"{dist_info}/RECORD,,\n")
        wheel.writestr(f"{dist_info}/RECORD", record.getvalue())
    return name


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    base = f"{project['name']}-{project['version']}"
    with tarfile.open(os.path.join(sdist_directory, base + ".tar.gz"), "w:gz") as sdist:
        for path in ["pyproject.toml", "README.md", "_backend/tokenmeter_build.py", *(
                p.relative_to(ROOT).as_posix() for p in _files())]:
            if (ROOT / path).exists():
                sdist.add(ROOT / path, arcname=f"{base}/{path}")
    return base + ".tar.gz"

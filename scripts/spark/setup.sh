#!/usr/bin/env bash
# Installs what the Spark job (whosaid_spark.py, bench.py) needs, where it is absent: Java from
# Debian (default-jre-headless; Spark 4 needs Java 17 or later), and a virtual environment
# scripts/spark/.venv with requirements.txt from PyPI. Prints the environment's python.
# Safe to run again: it installs nothing that is there already.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

java_major() {
    java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}

if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "setup: installing Java (Debian's default-jre-headless)" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq default-jre-headless >&2
fi

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    echo "setup: creating $venv" >&2
    python3 -m venv "$venv"
fi
# Installed once per version of requirements.txt.
if ! cmp -s "$here/requirements.txt" "$venv/.requirements.installed"; then
    echo "setup: installing $(grep -v '^#' "$here/requirements.txt" | tr '\n' ' ')from PyPI" >&2
    "$venv/bin/pip" install --disable-pip-version-check -q -r "$here/requirements.txt" >&2
    cp "$here/requirements.txt" "$venv/.requirements.installed"
fi
echo "$venv/bin/python"

#!/usr/bin/env bash
# The page in a real browser: installs what it needs where absent (Debian's chromium, Node.js
# and npm, playwright-core from the npm registry; never a browser download), indexes the bundled
# corpus, starts `whosaid serve` on a free port, runs check.mjs against it and saves the
# screenshots under docs/screenshots/. Works as root on Debian; run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/tests/browser

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
need() { # need COMMAND PACKAGE...
    command -v "$1" >/dev/null 2>&1 && return
    if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
    echo "browser test: installing ${*:2}" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${@:2}" >/dev/null
}
need chromium chromium fonts-dejavu-core fonts-liberation
need node nodejs
need npm npm

if [ ! -d "$here/node_modules/playwright-core" ]; then
    (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

cargo build --release --quiet
bin=$root/target/release/whosaid
work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" index "$root/corpus" --index "$work/idx" --quiet 2>"$work/index.err" || { cat "$work/index.err" >&2; exit 1; }
"$bin" serve --index "$work/idx" --addr 127.0.0.1:0 2>"$work/serve.err" &
server=$!
addr=
for _ in $(seq 1 100); do
    addr=$(sed -n 's/^listening on \(http:\/\/[0-9.:]*\)$/\1/p' "$work/serve.err" | head -1)
    [ -n "$addr" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
    sleep 0.1
done
[ -n "$addr" ] || { echo "browser test: the server never said where it listens" >&2; exit 1; }

node "$here/check.mjs" "$addr" "$root/docs/screenshots"

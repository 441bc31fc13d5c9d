#!/usr/bin/env bash
# Refresh the vendored plotly.js partial bundle from the npm registry (`make vendor`). Set-up
# never needs node: the file is committed. plotly.js is pinned to the version plotly.py ships.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-"$here/../../../../.venv/bin/python"}
plotly=$("$py" -c 'from plotly.offline import get_plotlyjs_version as v; print(v())')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "plotly.js-basic-dist-min@$plotly" >/dev/null
for tarball in *.tgz; do mkdir "${tarball%.tgz}" && tar xzf "$tarball" -C "${tarball%.tgz}"; done
cp "plotly.js-basic-dist-min-$plotly/package/plotly-basic.min.js" "$here/plotly-basic.min.js"
cp "plotly.js-basic-dist-min-$plotly/package/LICENSE" "$here/plotly.js.LICENSE"
printf 'plotly.js-basic-dist-min %s\n' "$plotly" > "$here/VERSIONS"
echo "vendored plotly.js-basic $plotly"

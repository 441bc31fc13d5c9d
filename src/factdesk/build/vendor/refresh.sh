#!/usr/bin/env bash
# Refresh the vendored browser libraries from the npm registry (`make vendor`). Set-up never
# needs node: the files are committed. plotly.js is pinned to the version plotly.py ships.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-"$here/../../../../.venv/bin/python"}
plotly=$("$py" -c 'from plotly.offline import get_plotlyjs_version as v; print(v())')
datatables=${DATATABLES_VERSION:-3.1.5}
datatables_css=${DATATABLES_CSS_VERSION:-3.1.2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "plotly.js-basic-dist-min@$plotly" "datatables.net@$datatables" \
  "datatables.net-dt@$datatables_css" >/dev/null
for tarball in *.tgz; do mkdir "${tarball%.tgz}" && tar xzf "$tarball" -C "${tarball%.tgz}"; done
cp "plotly.js-basic-dist-min-$plotly/package/plotly-basic.min.js" "$here/plotly-basic.min.js"
cp "plotly.js-basic-dist-min-$plotly/package/LICENSE" "$here/plotly.js.LICENSE"
cp "datatables.net-$datatables/package/js/dataTables.min.js" "$here/datatables.min.js"
cp "datatables.net-dt-$datatables_css/package/css/dataTables.dataTables.min.css" "$here/datatables.min.css"
cp "datatables.net-$datatables/package/License.txt" "$here/datatables.LICENSE" 2>/dev/null \
  || cp "datatables.net-$datatables/package/LICENSE"* "$here/datatables.LICENSE"
printf 'plotly.js-basic-dist-min %s\ndatatables.net %s\ndatatables.net-dt %s\n' \
  "$plotly" "$datatables" "$datatables_css" > "$here/VERSIONS"
echo "vendored plotly.js-basic $plotly, DataTables $datatables (css $datatables_css)"

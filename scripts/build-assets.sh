#!/usr/bin/env bash
# Copy the GOV.UK Frontend build from node_modules (installed by `npm ci`) into var/assets/govuk
# (var/ is SUFFICIENCY_VAR_DIR if set, else the working directory's, as in the settings),
# where Django's static files finder serves it as /static/govuk/. The precompiled stylesheet
# names its fonts and images from the site root (/assets/...); rewrite those to be relative to the
# stylesheet, so that they resolve under /static/govuk/assets/.
set -euo pipefail
var_dir=$(realpath -m "${SUFFICIENCY_VAR_DIR:-$PWD/var}")
cd "$(dirname "$0")/.."
src=node_modules/govuk-frontend/dist/govuk
dest=$var_dir/assets/govuk
[ -f "$src/govuk-frontend.min.css" ] || { echo "build-assets: $src is missing: run npm ci" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$src/assets" "$dest/assets"
cp "$src/govuk-frontend.min.js" "$dest/"
sed 's#url(/assets/#url(assets/#g' "$src/govuk-frontend.min.css" > "$dest/govuk-frontend.min.css"
version=$(node -p "require('./node_modules/govuk-frontend/package.json').version" 2>/dev/null || echo unknown)
echo "==> GOV.UK Frontend $version assets in $dest"

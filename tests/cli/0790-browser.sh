#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Browser tests (tests/browser/browse.cjs): Debian's chromium driven by
# playwright-core from build/npm against a served demo; screenshots of
# the dashboard, a jurisdiction and the map go to build/screenshots/.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/lib.sh"
. "$AT_SRC/tests/http/serve_lib.bash"

PLAYWRIGHT_CORE=$AT_SRC/build/npm/node_modules/playwright-core
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || skip_all "no $CHROMIUM (make deps installs it)"
[ -d "$PLAYWRIGHT_CORE" ] || skip_all "no playwright-core in build/npm (make check installs it)"
command -v node >/dev/null || skip_all "no node"

demo_db || { echo "Bail out! demo load failed"; exit 1; }
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }
mkdir -p "$AT_SRC/build/screenshots"
# The browser is not the code under test: no sanitizer preload for it.
env -u LD_PRELOAD PLAYWRIGHT_CORE="$PLAYWRIGHT_CORE" CHROMIUM="$CHROMIUM" \
	SCREENSHOTS="$AT_SRC/build/screenshots" HOME="$TMP" \
	timeout 300 node "$AT_SRC/tests/browser/browse.cjs" "$URL"

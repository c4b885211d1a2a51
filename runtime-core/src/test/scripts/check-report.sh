#!/usr/bin/env bash
# Opens a job's logs/report.html in headless Chromium, offline, and checks what the browser
# rendered: the three charts are SVG elements in the DOM, the counts are there, and a screenshot
# is written for a person to look at.
#
#   check-report.sh REPORT_HTML [SCREENSHOT_PNG]
#
# Needs Debian's chromium (apt-get install -y chromium). Exits 0 when the checks pass, 1 when one
# fails, 77 when chromium is missing (a skip).
set -euo pipefail

report=${1:?usage: check-report.sh REPORT_HTML [SCREENSHOT_PNG]}
png=${2:-${report%.html}.png}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z "$chromium" ]]; then
  echo "check-report: chromium not found; skipped" >&2
  exit 77
fi
[[ -f "$report" ]] || { echo "check-report: $report does not exist" >&2; exit 1; }
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --disable-dev-shm-usage --user-data-dir="$profile")

dom=$(timeout 60 "$chromium" "${flags[@]}" --dump-dom "$url" 2>/dev/null)
timeout 60 "$chromium" "${flags[@]}" --hide-scrollbars --window-size=1280,1600 \
  --screenshot="$png" "$url" >/dev/null 2>&1

fail=0
check() { # name, extended regex that the rendered DOM must match
  if grep -Eq "$2" <<<"$dom"; then echo "ok   $1"; else echo "FAIL $1" >&2; fail=1; fi
}
check "throughput chart" '<svg[^>]*class="chart chart-throughput"'
check "latency chart"    '<svg[^>]*class="chart chart-latency"'
check "utilisation chart" '<svg[^>]*class="chart chart-utilisation"'
check "throughput line"  '<path class="line" d="M'
check "latency bars"     '<rect class="s-success"'
check "item count"       'data-count="items">[0-9,]+<'
check "status"           'id="status">(Completed|Failed|Canceled)<'
if grep -q '<script' <<<"$dom"; then echo "FAIL the page holds a script" >&2; fail=1; fi
if [[ ! -s "$png" ]] || [[ $(stat -c %s "$png") -lt 10000 ]]; then
  echo "FAIL screenshot $png missing or nearly empty" >&2; fail=1
else
  echo "ok   screenshot $png ($(stat -c %s "$png") bytes)"
fi
exit $fail

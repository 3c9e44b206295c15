#!/bin/sh
# Run on a Proxmox VE node: enrols every running LXC container with an auto-enrolment token and
# installs the agent inside it (pct exec), skipping containers already enrolled.
# Usage: PATCHMON_URL=... AUTO_ENROLLMENT_KEY=... AUTO_ENROLLMENT_SECRET=... sh proxmox_auto_enroll.sh [--dry-run] [--force]
PATCHMON_URL=${PATCHMON_URL:-"__PATCHMON_URL__"}
AUTO_ENROLLMENT_KEY=${AUTO_ENROLLMENT_KEY:-"__AUTO_ENROLLMENT_KEY__"}
AUTO_ENROLLMENT_SECRET=${AUTO_ENROLLMENT_SECRET:-"__AUTO_ENROLLMENT_SECRET__"}
CURL_FLAGS=${CURL_FLAGS:-"__CURL_FLAGS__"}
HOST_PREFIX=${HOST_PREFIX:-}
DRY_RUN=false
FORCE=false
for a in "$@"; do
	case $a in --dry-run) DRY_RUN=true ;; --force) FORCE=true ;; *) echo "unknown option: $a" >&2; exit 2 ;; esac
done
case $CURL_FLAGS in __*) CURL_FLAGS="-s" ;; esac

die() {
	echo "❌ $*" >&2
	exit 1
}
json_get() {
	awk -v k="$1" 'BEGIN { RS = "\001" } { p = index($0, "\"" k "\""); if (!p) exit; s = substr($0, p + length(k) + 2)
		sub(/^[ \t\r\n]*:[ \t\r\n]*"?/, "", s); sub(/["},].*/, "", s); print s }'
}
json_escape() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
# server_error FILE: the "error" of a JSON answer, else the start of the answer.
server_error() {
	_e=$(json_get error <"$1" 2>/dev/null)
	[ -n "$_e" ] || _e=$(head -c 300 "$1" 2>/dev/null)
	printf '%s' "$_e"
}

command -v pct >/dev/null 2>&1 || die "pct not found: run this on a Proxmox VE node"
case $PATCHMON_URL in http://* | https://*) ;; *) die "set PATCHMON_URL" ;; esac
PATCHMON_URL=${PATCHMON_URL%/}
case $AUTO_ENROLLMENT_KEY in '' | __*) die "set AUTO_ENROLLMENT_KEY and AUTO_ENROLLMENT_SECRET" ;; esac
[ "$(id -u)" = 0 ] || die "run as root"
command -v curl >/dev/null 2>&1 || die "curl is required on the Proxmox node (apt-get install curl)"

TMPD=$(umask 077 && mktemp -d) || die "mktemp failed"
trap 'rm -rf "$TMPD"' EXIT
printf 'header = "X-Auto-Enrollment-Key: %s"\nheader = "X-Auto-Enrollment-Secret: %s"\nheader = "Content-Type: application/json"\n' \
	"$AUTO_ENROLLMENT_KEY" "$AUTO_ENROLLMENT_SECRET" >"$TMPD/enrol.cfg"

enrolled=0
skipped=0
failed=0
# `pct list`: VMID Status Lock Name (Lock may be empty, so the name is the last column).
pct list | awk 'NR > 1 && $2 == "running" { print $1, $NF }' >"$TMPD/cts"
while read -r vmid name; do
	[ -n "$vmid" ] || continue
	friendly="$HOST_PREFIX$name"
	if [ "$FORCE" = false ] && pct exec "$vmid" -- test -s /etc/patchmon/credentials </dev/null 2>/dev/null; then
		echo "⏭️  $vmid ($name): already enrolled"
		skipped=$((skipped + 1))
		continue
	fi
	mid=$(pct exec "$vmid" -- cat /etc/machine-id </dev/null 2>/dev/null)
	if [ "$DRY_RUN" = true ]; then
		echo "🔍 would enrol $vmid as \"$friendly\" (machine id ${mid:-unknown})"
		continue
	fi
	# A container without a machine id: leave it out rather than send an empty one.
	mid_field=""
	[ -n "$mid" ] && mid_field=",\"machine_id\":\"$(json_escape "$mid")\""
	body="{\"friendly_name\":\"$(json_escape "$friendly")\"$mid_field}"
	: >"$TMPD/answer"
	# shellcheck disable=SC2086
	code=$(curl $CURL_FLAGS -sS -K "$TMPD/enrol.cfg" -X POST --data-binary "$body" -o "$TMPD/answer" -w '%{http_code}' "$PATCHMON_URL/api/v1/auto-enrollment/enroll" </dev/null)
	api_id=$(json_get apiId <"$TMPD/answer")
	api_key=$(json_get apiKey <"$TMPD/answer")
	if [ "$code" != 200 ] && [ "$code" != 201 ] || [ -z "$api_id" ]; then
		echo "❌ $vmid ($name): enrolment refused (HTTP $code): $(server_error "$TMPD/answer")" >&2
		failed=$((failed + 1))
		continue
	fi
	printf 'header = "X-API-ID: %s"\nheader = "X-API-KEY: %s"\n' "$api_id" "$api_key" >"$TMPD/api.cfg"
	# shellcheck disable=SC2086
	code=$(curl $CURL_FLAGS -sS -K "$TMPD/api.cfg" -o "$TMPD/install.sh" -w '%{http_code}' "$PATCHMON_URL/api/v1/hosts/install?os=linux" </dev/null)
	if [ "$code" = 200 ] && pct exec "$vmid" -- sh <"$TMPD/install.sh"; then
		echo "✅ $vmid ($name): enrolled and agent installed"
		enrolled=$((enrolled + 1))
	else
		echo "❌ $vmid ($name): agent installation failed" >&2
		failed=$((failed + 1))
	fi
done <"$TMPD/cts"
echo "Summary: $enrolled enrolled, $skipped already enrolled, $failed failed"
[ "$failed" = 0 ]

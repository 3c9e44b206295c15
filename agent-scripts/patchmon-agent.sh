#!/bin/sh
# shellcheck disable=SC2015 # "a && b || die" is meant: stop when either step fails
# PatchMon agent: reports installed packages, pending updates, repositories and system facts to a
# PatchMon server (outbound HTTPS only). POSIX sh: runs under dash, busybox ash and bash.
# Needs curl (or GNU wget) and awk/sed/grep. Contract: spec/agent-protocol.md.
AGENT_VERSION="1.0.0"

PATCHMON_CONFIG_DIR=${PATCHMON_CONFIG_DIR:-/etc/patchmon}
CREDENTIALS_FILE=${PATCHMON_CREDENTIALS_FILE:-$PATCHMON_CONFIG_DIR/credentials}
CONFIG_FILE=${PATCHMON_CONFIG_FILE:-$PATCHMON_CONFIG_DIR/config}
STATE_DIR=${PATCHMON_STATE_DIR:-$PATCHMON_CONFIG_DIR}
LOG_FILE=${PATCHMON_LOG_FILE:-/var/log/patchmon-agent.log}
AGENT_BIN=${PATCHMON_BIN:-/usr/local/bin/patchmon-agent.sh}
SYSTEMD_DIR=${PATCHMON_SYSTEMD_DIR:-/etc/systemd/system}
PM_TIMEOUT=${PATCHMON_PM_TIMEOUT:-300}
LOG_LEVEL=${PATCHMON_LOG_LEVEL:-info}
CRON_TAG="# patchmon-agent"
NL='
'
CR=$(printf '\r')

# ---------------------------------------------------------------------------------------------
# Logging: stdout carries data only, so every message goes to stderr and the log file.
# ---------------------------------------------------------------------------------------------
log_rank() {
	case $1 in debug) echo 0 ;; info) echo 1 ;; warn) echo 2 ;; *) echo 3 ;; esac
}

log() {
	_lvl=$1
	shift
	[ "$(log_rank "$_lvl")" -ge "$(log_rank "$LOG_LEVEL")" ] || return 0
	_line="$(date '+%Y-%m-%d %H:%M:%S' 2>/dev/null) [$_lvl] $*"
	printf '%s\n' "$_line" >&2
	if [ -n "$LOG_FILE" ] && { [ -w "$LOG_FILE" ] || { [ ! -e "$LOG_FILE" ] && [ -w "$(dirname "$LOG_FILE")" ]; }; }; then
		printf '%s\n' "$_line" >>"$LOG_FILE" 2>/dev/null
	fi
	return 0
}
debug() { log debug "$@"; }
info() { log info "$@"; }
warn() { log warn "$@"; }
error() { log error "$@"; }
die() {
	error "$@"
	exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# Run a package-manager command: C locale, bounded in time.
run_pm() {
	if have timeout; then
		LC_ALL=C LANG=C timeout "$PM_TIMEOUT" "$@"
	else
		LC_ALL=C LANG=C "$@"
	fi
}

# zypper, read-only: ZYPP_READONLY_HACK=1 lets libzypp run without taking the zypp lock, so a
# concurrent zypper (or PackageKit) does not make the agent fail.
run_zypper() {
	run_pm env ZYPP_READONLY_HACK=1 zypper "$@"
}

make_tmpdir() {
	[ -n "$TMPD" ] && [ -d "$TMPD" ] && return 0
	TMPD=$(umask 077 && mktemp -d "${TMPDIR:-/tmp}/patchmon.XXXXXX") || die "cannot create a temporary directory"
	trap 'rm -rf "$TMPD"' EXIT
	trap 'exit 130' INT TERM
}

# ---------------------------------------------------------------------------------------------
# JSON: awk helpers shared by every generator. jesc() escapes quotes, backslashes and control
# characters and passes UTF-8 bytes through unchanged.
# ---------------------------------------------------------------------------------------------
AWK_JSON='
BEGIN { _ctl = ""; for (_i = 1; _i < 32; _i++) _ctl = _ctl sprintf("%c", _i); _jre = "[\\\\\"" _ctl "]" }
function jesc(s,   i, n, c, o, k) {
	if (s !~ _jre) return s
	o = ""; n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\\") o = o "\\\\"
		else if (c == "\"") o = o "\\\""
		else if ((k = index(_ctl, c)) > 0) {
			if (c == "\t") o = o "\\t"
			else if (c == "\n") o = o "\\n"
			else if (c == "\r") o = o "\\r"
			else o = o sprintf("\\u%04x", k)
		} else o = o c
	}
	return o
}
function jstr(s) { return "\"" jesc(s) "\"" }
'

# json_str VALUE: a JSON string literal.
json_str() {
	printf '%s' "$1" | LC_ALL=C awk "$AWK_JSON"'{ a = (NR > 1 ? a "\n" : "") $0 } END { printf "%s", jstr(a) }'
}

# json_num VALUE [DEFAULT]: a JSON number, or DEFAULT (0) when VALUE is not numeric.
json_num() {
	case $1 in
	'' | *[!0-9.]* | *.*.* | .*) printf '%s' "${2:-0}" ;;
	*) printf '%s' "$1" ;;
	esac
}

json_bool() {
	case $1 in true | 1 | yes) printf true ;; *) printf false ;; esac
}

# json_get KEY < JSON: the first string/number/boolean value of KEY (flat lookup, no jq).
json_get() {
	LC_ALL=C awk -v k="$1" 'BEGIN { RS = "\001" }
	{
		p = index($0, "\"" k "\""); if (!p) exit
		s = substr($0, p + length(k) + 2)
		if (s !~ /^[ \t\r\n]*:/) exit
		sub(/^[ \t\r\n]*:[ \t\r\n]*/, "", s)
		if (substr(s, 1, 1) == "\"") {
			s = substr(s, 2); v = ""
			while (length(s)) {
				c = substr(s, 1, 1)
				if (c == "\\") { v = v substr(s, 2, 1); s = substr(s, 3); continue }
				if (c == "\"") break
				v = v c; s = substr(s, 2)
			}
			print v
		} else if (match(s, /^[-+0-9.eEa-z]+/)) print substr(s, 1, RLENGTH)
	}'
}

# json_command_types < JSON: the "type" of every entry of the answer's "commands" list.
json_command_types() {
	LC_ALL=C awk 'BEGIN { RS = "\001" }
	{
		p = index($0, "\"commands\""); if (!p) exit
		s = substr($0, p); e = index(s, "]"); if (e) s = substr(s, 1, e)
		while (match(s, /"type"[ \t\r\n]*:[ \t\r\n]*"[A-Za-z_]+"/)) {
			t = substr(s, RSTART, RLENGTH); sub(/^"type"[ \t\r\n]*:[ \t\r\n]*"/, "", t); sub(/"$/, "", t)
			print t; s = substr(s, RSTART + RLENGTH)
		}
	}'
}

# ---------------------------------------------------------------------------------------------
# Package records. Every collector turns its tool's output into TSV lines:
#   installed: name \t version \t description
#   upgrades:  name \t currentVersion \t availableVersion \t security(true|false|null|) \t kept(1|)
# pm_merge joins them; packages_json turns the result into the report's JSON array.
# A name gets an architecture suffix only for a foreign architecture (libc6:i386, glibc.i686),
# so multi-arch installs of one package stay distinct.
# ---------------------------------------------------------------------------------------------
AWK_ARCH='
function display_name(name, arch, sep) {
	if (arch == "" || arch == NATIVE || arch == "all" || arch == "noarch" || arch == "(none)" || arch == "any") return name
	return name sep arch
}
function split_rpm_arch(s) {
	ARCH = ""
	if (match(s, /\.(x86_64|noarch|i686|i586|i386|aarch64|ppc64le|ppc64|s390x|armv7hl|armv7l|src)$/)) {
		ARCH = substr(s, RSTART + 1); s = substr(s, 1, RSTART - 1)
	}
	return s
}
function strip_rpm_arch(s) { s = split_rpm_arch(s); return display_name(s, ARCH, ".") }
'

native_arch() {
	if [ -n "$PATCHMON_NATIVE_ARCH" ]; then
		echo "$PATCHMON_NATIVE_ARCH"
	elif [ "$1" = dpkg ] && have dpkg; then
		dpkg --print-architecture 2>/dev/null
	else
		uname -m
	fi
}

# apt/dpkg installed: dpkg-query -W -f '${Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\t${binary:Summary}\n'
# (the status and summary columns are optional).
parse_dpkg_installed() {
	LC_ALL=C awk -F '\t' -v NATIVE="$(native_arch dpkg)" "$AWK_ARCH"'
	$1 == "" || $2 == "" { next }
	NF >= 4 && $4 != "" && substr($4, 2, 1) ~ /[nc]/ { next }
	{
		d = ""; for (i = 5; i <= NF; i++) d = d (i > 5 ? "\t" : "") $i
		print display_name($1, $3, ":") "\t" $2 "\t" d
	}'
}

# apt upgrades from `apt-get -s upgrade`: "Inst pkg [old] (new origin[, origin] [arch])".
# Kept-back and phased packages are listed as kept; their versions come from an optional
# "#patchmon:dist-upgrade" section holding `apt-get -s dist-upgrade` output.
parse_apt_upgrades() {
	LC_ALL=C awk '
	function inst(   name, old, rest, nv, origins) {
		name = $2
		if ($3 !~ /^\[/) return
		old = $3; gsub(/[][]/, "", old)
		rest = substr($0, index($0, "(") + 1)
		nv = rest; sub(/ .*/, "", nv)
		origins = substr(rest, length(nv) + 2); sub(/ \[[^]]*\]\).*$/, "", origins); sub(/\).*$/, "", origins)
		sec = (origins ~ /\/[^,\/]*-security(,|$)/) ? "true" : "false"
		if (section == "upgrade") { if (!(name in seen)) { seen[name] = 1; order[++n] = name } ; o[name] = old; v[name] = nv; s[name] = sec }
		else if (!(name in dold)) { dold[name] = old; dnew[name] = nv; dsec[name] = sec }
	}
	BEGIN { section = "upgrade" }
	/^#patchmon:dist-upgrade/ { section = "dist"; next }
	/^Inst / { inst(); inkept = 0; next }
	/^The following packages have been kept back:/ || /^The following upgrades have been deferred due to phasing:/ { if (section == "upgrade") inkept = 1; next }
	inkept && /^ / { for (i = 1; i <= NF; i++) kept[$i] = 1; next }
	{ inkept = 0 }
	END {
		for (i = 1; i <= n; i++) { k = order[i]; print k "\t" o[k] "\t" v[k] "\t" s[k] "\t" }
		for (k in kept) {
			if (k in seen) continue
			if (k in dold) print k "\t" dold[k] "\t" dnew[k] "\t" dsec[k] "\t1"
			else print k "\t\t\t\t1"
		}
	}'
}

# rpm installed (dnf, yum, zypper): rpm -qa --qf '%{NAME}\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\t%{ARCH}\t%{SUMMARY}\n'
parse_rpm_installed() {
	LC_ALL=C awk -F '\t' -v NATIVE="$(native_arch rpm)" "$AWK_ARCH"'
	$1 == "" || $2 == "" || $1 == "gpg-pubkey" { next }
	{
		d = ""; for (i = 4; i <= NF; i++) d = d (i > 4 ? "\t" : "") $i
		print display_name($1, $3, ".") "\t" $2 "\t" d
	}'
}

# dnf/yum upgrades from `check-update` or `list --upgrades` (also `list updates`), and DNF5's
# `check-upgrade` (no header, "Obsoleting packages" in lower case). Skips banners, the obsoletes
# section, and joins names wrapped onto their own line. A package listed twice (early DNF5 listed
# every newer build, oldest first) keeps its last, newest version.
parse_dnf_updates() {
	LC_ALL=C awk -v NATIVE="$(native_arch rpm)" "$AWK_ARCH"'
	function add(nm, ver) {
		if (nm !~ /\.[A-Za-z0-9_]+$/ || ver !~ /^([0-9]+:)?[0-9A-Za-z]/ || ver !~ /[0-9]/ || ver ~ /:$/) return
		nm = strip_rpm_arch(nm)
		if (!(nm in avail)) order[++n] = nm
		avail[nm] = ver
	}
	tolower($0) ~ /^obsoleting packages/ { obs = 1; next }
	/^(Available Upgrades|Upgraded Packages|Updated Packages|Available Packages)/ { obs = 0; next }
	obs { next }
	/^Security:/ || /^Last metadata/ || /^Loaded plugins/ || /^Loading mirror/ || /^ \* / || /^Updating Subscription/ { next }
	/^Updating and loading repositories/ || /^Repositories loaded/ { next }
	/^[ \t]/ && pending != "" { if (NF >= 2) add(pending, $1); pending = ""; next }
	/^[ \t]/ { next }
	NF == 1 && $1 ~ /\.[A-Za-z0-9_]+$/ { pending = $1; next }
	NF == 3 { add($1, $2) }
	{ pending = "" }
	END { for (i = 1; i <= n; i++) print order[i] "\t\t" avail[order[i]] "\t\t" }'
}

# dnf/yum security names from `updateinfo list security` / `updateinfo list --security`:
# "RHSA-2024:1234 Important/Sec. name-[epoch:]version-release.arch"; and from DNF5's
# `advisory list --security`: "Name Type Severity Package Issued" with type "security", the
# package in the middle and the issue date and time last (the severity may be empty).
parse_dnf_security() {
	LC_ALL=C awk -v NATIVE="$(native_arch rpm)" "$AWK_ARCH"'
	NF >= 3 && $2 ~ /Sec\.?$|^security$/ {
		n = ""
		for (i = NF; i >= 3; i--) if ($i ~ /-[^-]+-[^-]+\.[A-Za-z0-9_]+$/) { n = $i; break }
		if (n == "") next
		n = split_rpm_arch(n); sub(/-[^-]*-[^-]*$/, "", n); n = display_name(n, ARCH, ".")
		if (n != "" && !(n in seen)) { seen[n] = 1; print n }
	}'
}

# zypper upgrades from `zypper list-updates`: "S | Repository | Name | Current Version | Available Version | Arch".
parse_zypper_updates() {
	LC_ALL=C awk -F '|' -v NATIVE="$(native_arch rpm)" "$AWK_ARCH"'
	function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
	NF >= 5 && !hdr { for (i = 1; i <= NF; i++) { h = trim($i); if (h == "Name") cn = i; else if (h == "Current Version") cc = i; else if (h == "Available Version") ca = i; else if (h == "Arch") cr = i; else if (h == "S") cs = i } if (cn && ca) hdr = 1; next }
	hdr && NF >= 5 && trim($1) !~ /^-+$/ && $0 !~ /^-+\+/ {
		st = cs ? trim($cs) : "v"
		if (st != "v" && st != "i" && st != "") next
		nm = display_name(trim($cn), cr ? trim($cr) : "", ".")
		print nm "\t" (cc ? trim($cc) : "") "\t" trim($ca) "\t\t"
	}'
}

# zypper security names: `zypper list-patches --category security` followed (optionally) by
# `zypper info -t patch <needed patches>`; the info "Conflicts" lists the fixed packages. Without
# it (older zypper, or `info` printing nothing), the "Security update for X, Y and Z" summaries
# name the packages, and any other upgrade is unknown rather than "not security".
parse_zypper_security() {
	LC_ALL=C awk -F '|' -v NATIVE="$(native_arch rpm)" "$AWK_ARCH"'
	function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
	function emit(n) { if (n != "" && !(n in seen)) { seen[n] = 1; nseen++; print n } }
	/^Information for patch/ { info = 1; inconf = 0; cat = ""; next }
	info && /^Category/ { split($0, kv, ":"); cat = trim(kv[2]); next }
	info && /^Conflicts/ { inconf = 1; next }
	info && inconf && /^[ \t]+[^ \t]/ {
		if (cat != "security") next
		line = trim($0); split(line, w, " "); n = w[1]
		if (n ~ /^srcpackage:/) next
		sub(/^[a-z]+:/, "", n); n = split_rpm_arch(n); if (ARCH != "src") emit(display_name(n, ARCH, ".")); next
	}
	info && inconf { inconf = 0 }
	info { next }
	NF >= 6 && !hdr { for (i = 1; i <= NF; i++) { h = trim($i); if (h == "Category") cc = i; else if (h == "Status") cst = i; else if (h == "Summary") csu = i } if (cc) hdr = 1; next }
	hdr && NF >= 6 && cc && trim($cc) == "security" && (!cst || trim($cst) == "needed") && csu {
		nneed++
		sm = trim($csu)
		if (sub(/^(Security|Recommended) update for (the )?/, "", sm)) {
			gsub(/ and /, ", ", sm); m = split(sm, parts, ",")
			for (j = 1; j <= m; j++) { p = trim(parts[j]); sub(/ .*/, "", p); summ[p] = 1 }
		}
	}
	END {
		if (nseen) exit
		for (p in summ) emit(p)
		# Summaries name source packages, not every binary package a patch updates: the other
		# upgrades may be security fixes too, so they are unknown ("*"), not "not security".
		if (nneed) print "*"
	}'
}

# apk installed from `apk list --installed` (or `apk info -v`): "name-ver-rN arch {origin} ...".
parse_apk_installed() {
	LC_ALL=C awk '
	/^WARNING/ || NF == 0 { next }
	{ p = $1; if (match(p, /-[^-]+-r[0-9]+$/)) print substr(p, 1, RSTART - 1) "\t" substr(p, RSTART + 1) "\t" }'
}

# apk upgrades from `apk version -l "<"` ("name-ver-rN < newver") or `apk list -u`
# ("name-newver arch {origin} (lic) [upgradable from: name-oldver]").
parse_apk_updates() {
	LC_ALL=C awk '
	function split_nv(p) { if (match(p, /-[^-]+-r[0-9]+$/)) { NM = substr(p, 1, RSTART - 1); VR = substr(p, RSTART + 1); return 1 } return 0 }
	/^WARNING/ || /^Installed:/ || NF == 0 { next }
	/\[upgradable from: / {
		if (!split_nv($1)) next
		nm = NM; nv = VR; old = $0; sub(/.*\[upgradable from: /, "", old); sub(/\].*/, "", old)
		if (split_nv(old)) old = VR; else old = ""
		print nm "\t" old "\t" nv "\tnull\t"; next
	}
	NF >= 3 && $2 == "<" { if (split_nv($1)) print NM "\t" VR "\t" $3 "\tnull\t" }'
}

# pacman installed from `pacman -Q`: "name version".
parse_pacman_installed() {
	LC_ALL=C awk 'NF >= 2 && $1 !~ /^(error|warning):/ { print $1 "\t" $2 "\t" }'
}

# pacman upgrades from `pacman -Qu` or `checkupdates`: "name old -> new [ignored]"; ignored = held.
parse_pacman_updates() {
	LC_ALL=C awk 'NF >= 4 && $3 == "->" { print $1 "\t" $2 "\t" $4 "\tnull\t" ($5 == "[ignored]" ? "1" : "") }'
}

# pm_merge INSTALLED_TSV UPGRADES_TSV [SECURITY_NAMES] [DEFAULT_SECURITY]: the package list.
# DEFAULT_SECURITY is "false" where the manager can tell, "null" where it cannot (apk, pacman).
# A "*" line among the security names: upgrades not named are unknown (null), not "false".
pm_merge() {
	LC_ALL=C awk -F '\t' -v defsec="${4:-false}" '
	FILENAME == ARGV[1] { if ($1 != "") { up[$1] = 1; uo[$1] = $2; un[$1] = $3; us[$1] = $4; uk[$1] = $5 } next }
	FILENAME == ARGV[2] && ARGV[2] != ARGV[3] { if ($1 != "") sec[$1] = 1; next }
	$1 == "" { next }
	{
		d = ""; for (i = 3; i <= NF; i++) d = d (i > 3 ? "\t" : "") $i
		if ($1 in up) {
			s = us[$1]; if (s == "") s = ($1 in sec) ? "true" : ("*" in sec) ? "null" : defsec
			print $1 "\t" $2 "\t" un[$1] "\ttrue\t" s "\t" uk[$1] "\t" d
			done[$1] = 1
		} else print $1 "\t" $2 "\t\tfalse\t" defsec "\t\t" d
	}
	END {
		for (k in up) if (!(k in done) && uo[k] != "") {
			s = us[k]; if (s == "") s = (k in sec) ? "true" : ("*" in sec) ? "null" : defsec
			print k "\t" uo[k] "\t" un[k] "\ttrue\t" s "\t" uk[k] "\t"
		}
	}' "$2" "${3:-$2}" "$1" | LC_ALL=C sort -t "$(printf '\t')" -k1,1 -u
}

# packages_json < MERGED_TSV: the report's "packages" array.
packages_json() {
	LC_ALL=C awk -F '\t' "$AWK_JSON"'
	BEGIN { printf "[" }
	$1 == "" || $2 == "" { next }
	{
		d = ""; for (i = 7; i <= NF; i++) d = d (i > 7 ? "\t" : "") $i
		printf "%s{\"name\":%s,\"currentVersion\":%s", sep, jstr($1), jstr($2)
		if ($3 != "") printf ",\"availableVersion\":%s", jstr($3)
		printf ",\"needsUpdate\":%s", ($4 == "true" ? "true" : "false")
		if ($5 == "true" || $5 == "false") printf ",\"isSecurityUpdate\":%s", $5
		else if ($4 == "true") printf ",\"isSecurityUpdate\":null"
		if ($6 == "1") printf ",\"keptBack\":true"
		if (d != "") printf ",\"description\":%s", jstr(d)
		printf "}"; sep = ","
	}
	END { printf "]" }'
}

# pm_packages MANAGER INSTALLED_OUTPUT UPGRADES_OUTPUT [SECURITY_OUTPUT]: files of raw tool output
# (as the live collector captures them) to the JSON package list. Used by tests on fixtures.
pm_packages() {
	make_tmpdir
	_m=$1
	case $_m in
	apt)
		parse_dpkg_installed <"$2" >"$TMPD/inst.tsv"
		parse_apt_upgrades <"$3" >"$TMPD/up.tsv"
		: >"$TMPD/sec.txt"
		_def=false
		;;
	dnf | yum)
		parse_rpm_installed <"$2" >"$TMPD/inst.tsv"
		parse_dnf_updates <"$3" >"$TMPD/up.tsv"
		if [ -n "$4" ]; then parse_dnf_security <"$4" >"$TMPD/sec.txt"; else : >"$TMPD/sec.txt"; fi
		_def=false
		;;
	zypper)
		parse_rpm_installed <"$2" >"$TMPD/inst.tsv"
		parse_zypper_updates <"$3" >"$TMPD/up.tsv"
		if [ -n "$4" ]; then parse_zypper_security <"$4" >"$TMPD/sec.txt"; else : >"$TMPD/sec.txt"; fi
		_def=false
		;;
	apk)
		parse_apk_installed <"$2" >"$TMPD/inst.tsv"
		parse_apk_updates <"$3" >"$TMPD/up.tsv"
		: >"$TMPD/sec.txt"
		_def=null
		;;
	pacman)
		parse_pacman_installed <"$2" >"$TMPD/inst.tsv"
		parse_pacman_updates <"$3" >"$TMPD/up.tsv"
		: >"$TMPD/sec.txt"
		_def=null
		;;
	*) return 2 ;;
	esac
	pm_merge "$TMPD/inst.tsv" "$TMPD/up.tsv" "$TMPD/sec.txt" "$_def" | packages_json
}

detect_pm() {
	if [ -n "$PATCHMON_PKG_MANAGER" ]; then
		echo "$PATCHMON_PKG_MANAGER"
	elif have dpkg-query && have apt-get; then
		echo apt
	elif have dnf || have dnf5; then
		echo dnf
	elif have yum; then
		echo yum
	elif have zypper; then
		echo zypper
	elif have apk; then
		echo apk
	elif have pacman; then
		echo pacman
	else
		echo unknown
	fi
}

# dnf_is_v5: true when `dnf` is DNF5 (Fedora 41+) or only dnf5 is installed. Both report as
# "dnf": the same rpm packages.
dnf_is_v5() {
	have dnf || return 0
	case $(run_pm dnf --version 2>/dev/null </dev/null | head -n 1) in
	*dnf5*) return 0 ;;
	esac
	return 1
}

# collect_packages DIR: runs the package manager (lock-free, LC_ALL=C, under a timeout) and writes
# DIR/packages.tsv (merged). On failure writes DIR/error and returns 1: never an empty list.
collect_packages() {
	_d=$1
	_pm=$(detect_pm)
	: >"$_d/sec.txt"
	_def=false
	debug "package manager: $_pm"
	case $_pm in
	apt)
		# shellcheck disable=SC2016 # dpkg-query format, not shell expansion
		run_pm dpkg-query -W -f '${Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\t${binary:Summary}\n' >"$_d/installed.raw" 2>"$_d/err" ||
			{ echo "dpkg-query failed: $(head -c 500 "$_d/err")" >"$_d/error"; return 1; }
		run_pm apt-get -s -q -o Debug::NoLocking=1 upgrade >"$_d/upgrades.raw" 2>"$_d/err" ||
			{ echo "apt-get -s upgrade failed: $(head -c 500 "$_d/err")" >"$_d/error"; return 1; }
		if grep -q -e '^The following packages have been kept back:' -e '^The following upgrades have been deferred' "$_d/upgrades.raw"; then
			echo '#patchmon:dist-upgrade' >>"$_d/upgrades.raw"
			run_pm apt-get -s -q -o Debug::NoLocking=1 -o APT::Ignore-Hold=1 dist-upgrade >>"$_d/upgrades.raw" 2>/dev/null ||
				warn "apt-get -s dist-upgrade failed; kept-back packages reported without versions"
		fi
		parse_dpkg_installed <"$_d/installed.raw" >"$_d/inst.tsv"
		parse_apt_upgrades <"$_d/upgrades.raw" >"$_d/up.tsv"
		;;
	dnf | yum)
		run_pm rpm -qa --qf '%{NAME}\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\t%{ARCH}\t%{SUMMARY}\n' >"$_d/installed.raw" 2>"$_d/err" ||
			{ echo "rpm -qa failed: $(head -c 500 "$_d/err")" >"$_d/error"; return 1; }
		_bin=$_pm
		_v5=false
		if [ "$_pm" = dnf ] && dnf_is_v5; then
			_v5=true
			have dnf5 && _bin=dnf5
		fi
		# -C: cache only, never takes the metadata lock for a refresh. Exit 100: upgrades pending.
		if [ "$_v5" = true ]; then
			run_pm "$_bin" -q -C check-upgrade >"$_d/upgrades.raw" 2>"$_d/err"
		else
			run_pm "$_bin" -q -C check-update >"$_d/upgrades.raw" 2>"$_d/err"
		fi
		_rc=$?
		if [ "$_rc" != 0 ] && [ "$_rc" != 100 ]; then
			echo "$_bin check-update failed ($_rc): $(head -c 500 "$_d/err")" >"$_d/error"
			return 1
		fi
		# DNF5 takes the words after `advisory list` as advisory names, so dnf4's `updateinfo list
		# security` would ask for an advisory called "security": it needs --security.
		if [ "$_v5" = true ]; then
			run_pm "$_bin" -q -C advisory list --security >"$_d/security.raw" 2>/dev/null ||
				warn "dnf5 advisory list failed; security updates unknown"
		else
			run_pm "$_bin" -q -C updateinfo list security >"$_d/security.raw" 2>/dev/null ||
				run_pm "$_bin" -q -C updateinfo list --security >"$_d/security.raw" 2>/dev/null ||
				warn "$_bin updateinfo failed; security updates unknown"
		fi
		parse_rpm_installed <"$_d/installed.raw" >"$_d/inst.tsv"
		parse_dnf_updates <"$_d/upgrades.raw" >"$_d/up.tsv"
		parse_dnf_security <"$_d/security.raw" >"$_d/sec.txt"
		;;
	zypper)
		run_pm rpm -qa --qf '%{NAME}\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\t%{ARCH}\t%{SUMMARY}\n' >"$_d/installed.raw" 2>"$_d/err" ||
			{ echo "rpm -qa failed: $(head -c 500 "$_d/err")" >"$_d/error"; return 1; }
		run_zypper --non-interactive --no-refresh list-updates >"$_d/upgrades.raw" 2>"$_d/err"
		_rc=$?
		if [ "$_rc" != 0 ] && [ "$_rc" -lt 100 ]; then
			echo "zypper list-updates failed ($_rc): $(head -c 500 "$_d/err")" >"$_d/error"
			return 1
		fi
		run_zypper --non-interactive --no-refresh list-patches --category security >"$_d/security.raw" 2>/dev/null
		_patches=$(awk -F '|' 'NF >= 6 && $0 ~ /\| *security *\|/ && $0 ~ /\| *needed *\|/ { gsub(/^ +| +$/, "", $2); print $2 }' "$_d/security.raw")
		if [ -n "$_patches" ]; then
			# shellcheck disable=SC2086 # one argument per patch name
			run_zypper --non-interactive --no-refresh info -t patch $_patches >>"$_d/security.raw" 2>/dev/null
		fi
		parse_rpm_installed <"$_d/installed.raw" >"$_d/inst.tsv"
		parse_zypper_updates <"$_d/upgrades.raw" >"$_d/up.tsv"
		parse_zypper_security <"$_d/security.raw" >"$_d/sec.txt"
		;;
	apk)
		run_pm apk list --installed >"$_d/installed.raw" 2>"$_d/err" || run_pm apk info -v >"$_d/installed.raw" 2>"$_d/err" ||
			{ echo "apk list failed: $(head -c 500 "$_d/err")" >"$_d/error"; return 1; }
		run_pm apk version -l '<' >"$_d/upgrades.raw" 2>"$_d/err" ||
			{ echo "apk version failed: $(head -c 500 "$_d/err")" >"$_d/error"; return 1; }
		parse_apk_installed <"$_d/installed.raw" >"$_d/inst.tsv"
		parse_apk_updates <"$_d/upgrades.raw" >"$_d/up.tsv"
		_def=null
		;;
	pacman)
		run_pm pacman -Q >"$_d/installed.raw" 2>"$_d/err" ||
			{ echo "pacman -Q failed: $(head -c 500 "$_d/err")" >"$_d/error"; return 1; }
		# checkupdates syncs into a private database: no lock on the system one. Exit 0 = updates,
		# 2 = none, 1 (or anything else: timeout, signal) = failure, never "no updates".
		if have checkupdates; then
			run_pm checkupdates >"$_d/upgrades.raw" 2>"$_d/err"
			_rc=$?
			if [ "$_rc" != 0 ] && [ "$_rc" != 2 ]; then
				echo "checkupdates failed ($_rc): $(head -c 500 "$_d/err")" >"$_d/error"
				return 1
			fi
		else
			run_pm pacman -Qu >"$_d/upgrades.raw" 2>/dev/null
		fi
		parse_pacman_installed <"$_d/installed.raw" >"$_d/inst.tsv"
		parse_pacman_updates <"$_d/upgrades.raw" >"$_d/up.tsv"
		_def=null
		;;
	*)
		echo "no supported package manager found (apt, dnf, yum, zypper, apk, pacman)" >"$_d/error"
		return 1
		;;
	esac
	pm_merge "$_d/inst.tsv" "$_d/up.tsv" "$_d/sec.txt" "$_def" >"$_d/packages.tsv"
	if [ ! -s "$_d/packages.tsv" ]; then
		echo "$_pm reported no installed packages" >"$_d/error"
		return 1
	fi
	PM_NAME=$_pm
	return 0
}

# ---------------------------------------------------------------------------------------------
# Repositories. Every parser prints TSV: name \t url \t distribution \t components \t type \t enabled \t secure
# ---------------------------------------------------------------------------------------------
AWK_REPO='
function repo(name, url, dist, comps, type, enabled) {
	print name "\t" url "\t" dist "\t" comps "\t" type "\t" (enabled ? "true" : "false") "\t" (url ~ /^https:\/\// ? "true" : "false")
}
function repo_name(url, dist,   n) { n = url; sub(/^[a-z+]+:\/\//, "", n); sub(/\/+$/, "", n); return dist == "" ? n : n " " dist }
'

# One-line apt sources: "deb [opts] URL suite [components...]".
parse_apt_list() {
	LC_ALL=C awk "$AWK_REPO"'
	{ sub(/#.*/, "") }
	$1 == "deb" || $1 == "deb-src" {
		t = $1; i = 2
		if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
		url = $i; dist = $(i + 1); c = ""
		for (j = i + 2; j <= NF; j++) c = c (c == "" ? "" : " ") $j
		if (url != "") repo(repo_name(url, dist), url, dist, c, t, 1)
	}'
}

# deb822 .sources: paragraphs of Types/URIs/Suites/Components/Enabled; one repo per type, URI, suite.
parse_deb822() {
	LC_ALL=C awk "$AWK_REPO"'
	function flush(   a, b, c, i, j, k, na, nb, nc) {
		if (types != "" && uris != "") {
			na = split(types, a, " "); nb = split(uris, b, " "); nc = split(suites, c, " ")
			if (nc == 0) { nc = 1; c[1] = "" }
			for (i = 1; i <= na; i++) for (j = 1; j <= nb; j++) for (k = 1; k <= nc; k++)
				repo(repo_name(b[j], c[k]), b[j], c[k], comps, a[i], enabled)
		}
		types = uris = suites = comps = ""; enabled = 1; last = ""
	}
	BEGIN { enabled = 1 }
	/^[ \t]*#/ { next }
	/^[ \t]*$/ { flush(); next }
	/^[ \t]/ { if (last == "uris") uris = uris " " $0; next }
	{
		key = tolower($0); sub(/:.*/, "", key)
		val = $0; sub(/^[^:]*:[ \t]*/, "", val); sub(/[ \t]+$/, "", val); gsub(/[ \t]+/, " ", val)
		last = key
		if (key == "types") types = val
		else if (key == "uris") uris = val
		else if (key == "suites") suites = val
		else if (key == "components") comps = val
		else if (key == "enabled") enabled = (tolower(val) !~ /^(no|false|0)$/)
	}
	END { flush() }'
}

# yum/dnf/zypper .repo files (ini): [id] name= baseurl=|mirrorlist=|metalink= enabled=. TYPE: rpm|zypper.
parse_rpm_repo() {
	LC_ALL=C awk -v TYPE="${1:-rpm}" "$AWK_REPO"'
	function flush() { if (id != "") repo(name == "" ? id : name, url, id, "", TYPE, enabled); id = ""; name = ""; url = ""; enabled = 1 }
	/^[ \t]*[#;]/ { next }
	/^\[.*\]/ { flush(); id = $0; gsub(/^[ \t]*\[|\][ \t]*$/, "", id); lastkey = ""; next }
	/^[ \t]+[^ \t]/ && lastkey == "baseurl" { next }
	/=/ {
		k = $0; sub(/[ \t]*=.*/, "", k); gsub(/^[ \t]+/, "", k); k = tolower(k)
		v = $0; sub(/^[^=]*=[ \t]*/, "", v); sub(/[ \t\r]+$/, "", v)
		lastkey = k
		if (k == "name") name = v
		else if (k == "baseurl" && url == "") { sub(/[ ,].*/, "", v); url = v }
		else if ((k == "mirrorlist" || k == "metalink") && url == "") url = v
		else if (k == "enabled") enabled = (v ~ /^(1|yes|true|on)$/)
	}
	END { flush() }'
}

# /etc/apk/repositories: one URL a line, optional "@tag " prefix; "#" lines are disabled repos.
parse_apk_repos() {
	LC_ALL=C awk "$AWK_REPO"'
	{
		en = 1; line = $0
		if (line ~ /^[ \t]*#/) { en = 0; sub(/^[ \t]*#+[ \t]*/, "", line) }
		n = split(line, w, " "); if (n == 0) next
		url = w[n]; if (url !~ /^(https?|ftp):\/\// && url !~ /^\//) next
		if (!en && n > 2) next
		p = url; sub(/\/+$/, "", p); np = split(p, seg, "/")
		comp = seg[np]; dist = np > 1 ? seg[np - 1] : ""
		repo(repo_name(url, ""), url, dist, comp, "apk", en)
	}'
}

# pacman.conf: every [repo] section but [options]; Server= or the first Server of an Include'd mirrorlist.
parse_pacman_conf() {
	LC_ALL=C awk "$AWK_REPO"'
	function flush() { if (sec != "" && sec != "options") repo(sec, url, sec, "", "pacman", 1); sec = ""; url = "" }
	/^[ \t]*#/ { next }
	/^[ \t]*\[.*\]/ { flush(); sec = $0; gsub(/^[ \t]*\[|\][ \t]*$/, "", sec); next }
	/^[ \t]*Server[ \t]*=/ && url == "" { v = $0; sub(/^[^=]*=[ \t]*/, "", v); sub(/[ \t]+$/, "", v); url = v; next }
	/^[ \t]*Include[ \t]*=/ && url == "" && sec != "options" {
		f = $0; sub(/^[^=]*=[ \t]*/, "", f); sub(/[ \t]+$/, "", f)
		while ((getline l < f) > 0) if (l ~ /^[ \t]*Server[ \t]*=/) { sub(/^[^=]*=[ \t]*/, "", l); sub(/[ \t]+$/, "", l); url = l; break }
		close(f)
		if (url == "") url = f
	}
	END { flush() }'
}

collect_repositories() {
	_root=${PATCHMON_ROOT:-}
	case ${1:-$(detect_pm)} in
	apt)
		for _f in "$_root/etc/apt/sources.list" "$_root"/etc/apt/sources.list.d/*.list; do
			[ -r "$_f" ] && parse_apt_list <"$_f"
		done
		for _f in "$_root"/etc/apt/sources.list.d/*.sources; do
			[ -r "$_f" ] && parse_deb822 <"$_f"
		done
		;;
	dnf | yum)
		for _f in "$_root"/etc/yum.repos.d/*.repo; do
			[ -r "$_f" ] && parse_rpm_repo rpm <"$_f"
		done
		;;
	zypper)
		for _f in "$_root"/etc/zypp/repos.d/*.repo; do
			[ -r "$_f" ] && parse_rpm_repo zypper <"$_f"
		done
		;;
	apk)
		[ -r "$_root/etc/apk/repositories" ] && parse_apk_repos <"$_root/etc/apk/repositories"
		;;
	pacman)
		[ -r "$_root/etc/pacman.conf" ] && parse_pacman_conf <"$_root/etc/pacman.conf"
		;;
	esac
	return 0
}

# repositories_json < REPO_TSV
repositories_json() {
	LC_ALL=C awk -F '\t' "$AWK_JSON"'
	BEGIN { printf "[" }
	$2 == "" || seen[$5 "\t" $2 "\t" $3 "\t" $4]++ { next }
	{
		printf "%s{\"name\":%s,\"url\":%s,\"distribution\":%s,\"components\":%s,\"repoType\":%s,\"isEnabled\":%s,\"isSecure\":%s}", sep, jstr($1), jstr($2), jstr($3), jstr($4), jstr($5), ($6 == "true" ? "true" : "false"), ($7 == "true" ? "true" : "false")
		sep = ","
	}
	END { printf "]" }'
}

# ---------------------------------------------------------------------------------------------
# System facts
# ---------------------------------------------------------------------------------------------
os_release_value() {
	_f=${PATCHMON_ROOT:-}/etc/os-release
	[ -r "$_f" ] || _f=${PATCHMON_ROOT:-}/usr/lib/os-release
	[ -r "$_f" ] || return 0
	awk -F= -v k="$1" '$1 == k { v = substr($0, length(k) + 2); gsub(/^["\047]|["\047]$/, "", v); print v; exit }' "$_f"
}

now_seconds() {
	if [ -r /proc/uptime ]; then awk '{ print $1 }' /proc/uptime; else date +%s; fi
}

# Version sort without `sort -V` (busybox): pads every digit run to 10 digits.
newest_version() {
	LC_ALL=C awk '{ k = ""; s = $0; while (match(s, /[0-9]+/)) { k = k substr(s, 1, RSTART - 1) sprintf("%010d", substr(s, RSTART, RLENGTH)); s = substr(s, RSTART + RLENGTH) } print k s "\t" $0 }' |
		LC_ALL=C sort | tail -n 1 | cut -f 2
}

installed_kernel() {
	for _m in /lib/modules /usr/lib/modules; do
		[ -d "$_m" ] || continue
		# shellcheck disable=SC2012 # kernel release names are plain
		_k=$(ls "$_m" 2>/dev/null | newest_version)
		[ -n "$_k" ] && { echo "$_k"; return 0; }
	done
	if have dpkg-query; then
		dpkg-query -W -f '${Package}\t${db:Status-Abbrev}\n' 'linux-image-[0-9]*' 2>/dev/null |
			awk -F '\t' '$2 ~ /^.i/ { sub(/^linux-image-/, "", $1); print $1 }' | newest_version
	elif have rpm; then
		rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}\n' kernel kernel-core kernel-default 2>/dev/null | grep -v 'not installed' | newest_version
	fi
}

human_uptime() {
	[ -r /proc/uptime ] || { uptime 2>/dev/null | sed 's/.*up *//; s/, *[0-9]* user.*//'; return 0; }
	awk '{ s = int($1); d = int(s / 86400); h = int((s % 86400) / 3600); m = int((s % 3600) / 60)
		o = ""; if (d) o = d " day" (d > 1 ? "s" : ""); if (h) o = o (o ? ", " : "") h " hour" (h > 1 ? "s" : "")
		o = o (o ? ", " : "") m " minute" (m != 1 ? "s" : ""); print o }' /proc/uptime
}

primary_ip() {
	_ip=""
	have ip && _ip=$(ip -o route get 1.1.1.1 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "src") { print $(i + 1); exit } }')
	[ -z "$_ip" ] && have ip && _ip=$(ip -o -4 addr show scope global 2>/dev/null | awk '{ sub(/\/.*/, "", $4); print $4; exit }')
	[ -z "$_ip" ] && _ip=$(hostname -I 2>/dev/null | awk '{ print $1 }')
	echo "$_ip"
}

default_gateway() {
	if have ip; then
		ip route show default 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "via") { print $(i + 1); exit } }'
	elif [ -r /proc/net/route ]; then
		awk '$2 == "00000000" && $3 != "00000000" { g = $3; printf "%d.%d.%d.%d\n", "0x" substr(g, 7, 2), "0x" substr(g, 5, 2), "0x" substr(g, 3, 2), "0x" substr(g, 1, 2); exit }' /proc/net/route
	fi
}

# networkInterfaces from `ip -o link` + `ip -o addr` text (no `ip -j`: busybox ip lacks it).
network_interfaces_json() {
	have ip || { printf '[]'; return 0; }
	_gw=$(default_gateway)
	_gwdev=$(ip route show default 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit } }')
	ip -o link show 2>/dev/null >"$TMPD/link.txt"
	ip -o addr show 2>/dev/null >"$TMPD/addr.txt"
	: >"$TMPD/sys.txt"
	# shellcheck disable=SC2013 # interface names have no spaces
	for _n in $(awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' "$TMPD/link.txt"); do
		_sp=$(cat "/sys/class/net/$_n/speed" 2>/dev/null)
		_dx=$(cat "/sys/class/net/$_n/duplex" 2>/dev/null)
		printf '%s\t%s\t%s\n' "$_n" "$_sp" "$_dx" >>"$TMPD/sys.txt"
	done
	LC_ALL=C awk -v GW="$_gw" -v GWDEV="$_gwdev" "$AWK_JSON"'
	FILENAME == ARGV[1] { sp[$1] = $2; dx[$1] = $3; next }
	FILENAME == ARGV[2] {
		n = $2; sub(/:$/, "", n); sub(/@.*/, "", n)
		if (n in idx) next
		idx[n] = ++cnt; nm[cnt] = n; mtu[n] = 0; st[n] = "down"; ty[n] = "unknown"; mac[n] = ""
		for (i = 3; i < NF; i++) {
			if ($i == "mtu") mtu[n] = $(i + 1) + 0
			else if ($i == "state") st[n] = tolower($(i + 1))
			else if ($i ~ /^link\//) { t = substr($i, 6); ty[n] = (t == "ether" ? "ethernet" : t); if ($(i + 1) ~ /:/) mac[n] = $(i + 1) }
		}
		if (st[n] == "unknown" && $0 ~ /[<,]UP[,>]/) st[n] = "up"
		next
	}
	{
		n = $2; if (!(n in idx)) next
		fam = ($3 == "inet6") ? "inet6" : "inet"; a = $4; p = a; sub(/\/.*/, "", a); sub(/^[^\/]*\/?/, "", p)
		g = (n == GWDEV && fam == "inet") ? GW : ""
		addrs[n] = addrs[n] (addrs[n] == "" ? "" : ",") "{\"address\":" jstr(a) ",\"family\":\"" fam "\",\"netmask\":" jstr(p == "" ? "" : "/" p) ",\"gateway\":" jstr(g) "}"
	}
	END {
		printf "["
		for (i = 1; i <= cnt; i++) {
			n = nm[i]
			printf "%s{\"name\":%s,\"type\":%s,\"macAddress\":%s,\"mtu\":%d,\"status\":%s", (i > 1 ? "," : ""), jstr(n), jstr(ty[n]), jstr(mac[n]), mtu[n], jstr(st[n])
			if (sp[n] ~ /^[0-9]+$/) printf ",\"linkSpeed\":%d", sp[n]
			if (dx[n] != "" && dx[n] != "unknown") printf ",\"duplex\":%s", jstr(dx[n])
			printf ",\"addresses\":[%s]}", addrs[n]
		}
		printf "]"
	}' "$TMPD/sys.txt" "$TMPD/link.txt" "$TMPD/addr.txt"
}

disk_details_json() {
	df -P -k 2>/dev/null | LC_ALL=C awk "$AWK_JSON"'
	NR == 1 { printf "["; next }
	($1 ~ /^\/dev\// || $6 == "/") && $1 !~ /^\/dev\/loop/ && !seen[$1]++ {
		printf "%s{\"name\":%s,\"size\":\"%.1fG\",\"mountpoint\":%s}", sep, jstr($1), $2 / 1048576, jstr($6); sep = ","
	}
	END { if (NR == 0) printf "["; printf "]" }'
}

selinux_status() {
	if have getenforce; then
		getenforce 2>/dev/null | tr '[:upper:]' '[:lower:]'
	elif [ -r /sys/fs/selinux/enforce ]; then
		case $(cat /sys/fs/selinux/enforce) in 1) echo enforcing ;; *) echo permissive ;; esac
	else
		echo disabled
	fi
}

# collect_facts FILE: the report's identity/system/hardware/network members, as a JSON fragment
# starting with a comma (appended after "packages").
collect_facts() {
	_id=$(os_release_value ID)
	_ver=$(os_release_value VERSION_ID)
	[ -z "$_ver" ] && _ver=$(os_release_value BUILD_ID)
	[ -z "$_ver" ] && _ver=rolling
	_kernel=$(uname -r)
	_ikernel=$(installed_kernel)
	_reboot=false
	_reason=""
	_rr=${PATCHMON_ROOT:-}/var/run/reboot-required
	if [ -e "$_rr" ]; then
		_reboot=true
		_reason="reboot-required flag set"
		[ -r "$_rr.pkgs" ] && _reason="$_reason by: $(sort -u "$_rr.pkgs" | tr '\n' ' ' | sed 's/ $//')"
	elif [ -n "$_ikernel" ] && [ "$_ikernel" != "$_kernel" ]; then
		_reboot=true
		_reason="Kernel update: running $_kernel, newest installed $_ikernel"
	fi
	_mid=$(cat /etc/machine-id 2>/dev/null || cat /var/lib/dbus/machine-id 2>/dev/null)
	_host=$(hostname 2>/dev/null || uname -n)
	_cpu=$(awk -F': *' '/^(model name|Hardware|Processor|cpu model)[ \t]*:/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
	_cores=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null)
	[ "${_cores:-0}" -gt 0 ] 2>/dev/null || _cores=$(nproc 2>/dev/null || echo 0)
	_mem=$(awk '/^MemTotal:/ { m = $2 } /^SwapTotal:/ { s = $2 } END { printf "%.2f %.2f", m / 1048576, s / 1048576 }' /proc/meminfo 2>/dev/null)
	_load=$(awk '{ printf "%s,%s,%s", $1, $2, $3 }' /proc/loadavg 2>/dev/null)
	_dns=$(awk '$1 == "nameserver" { printf "%s\"%s\"", (n++ ? "," : ""), $2 }' /etc/resolv.conf 2>/dev/null)
	{
		printf ',"osType":%s,"osVersion":%s' "$(json_str "$_id")" "$(json_str "$_ver")"
		printf ',"hostname":%s,"ip":%s' "$(json_str "$_host")" "$(json_str "$(primary_ip)")"
		printf ',"architecture":%s,"agentVersion":%s,"machineId":%s' "$(json_str "$(uname -m)")" "$(json_str "$AGENT_VERSION")" "$(json_str "$_mid")"
		printf ',"kernelVersion":%s,"installedKernelVersion":%s' "$(json_str "$_kernel")" "$(json_str "$_ikernel")"
		printf ',"selinuxStatus":%s,"systemUptime":%s' "$(json_str "$(selinux_status)")" "$(json_str "$(human_uptime)")"
		printf ',"loadAverage":[%s]' "${_load:-0,0,0}"
		printf ',"needsReboot":%s,"rebootReason":%s' "$_reboot" "$(json_str "$_reason")"
		printf ',"cpuModel":%s,"cpuCores":%s' "$(json_str "$_cpu")" "$(json_num "$_cores")"
		printf ',"ramInstalled":%s,"swapSize":%s' "$(json_num "${_mem% *}")" "$(json_num "${_mem#* }")"
		printf ',"diskDetails":%s' "$(disk_details_json)"
		printf ',"gatewayIp":%s,"dnsServers":[%s]' "$(json_str "$(default_gateway)")" "$_dns"
		printf ',"networkInterfaces":%s' "$(network_interfaces_json)"
	} >"$1"
}

sha256_of() {
	if have sha256sum; then
		sha256sum "$1" | awk '{ print $1 }'
	elif have shasum; then
		shasum -a 256 "$1" | awk '{ print $1 }'
	elif have openssl; then
		openssl dgst -sha256 "$1" | awk '{ print $NF }'
	else
		busybox sha256sum "$1" | awk '{ print $1 }'
	fi
}

# build_report DIR MODE(full|unchanged|error) OUT
build_report() {
	{
		case $2 in
		error) printf '{"packages":[],"collectionError":%s' "$(json_str "$(cat "$1/error" 2>/dev/null)")" ;;
		unchanged) printf '{"packages":[],"packagesUnchanged":true,"packagesHash":"%s"' "$PKG_HASH" ;;
		*)
			printf '{"packages":'
			packages_json <"$1/packages.tsv"
			printf ',"packagesHash":"%s"' "$PKG_HASH"
			;;
		esac
		printf ',"packageManager":%s' "$(json_str "${PM_NAME:-$(detect_pm)}")"
		printf ',"repositories":'
		collect_repositories "${PM_NAME:-}" | repositories_json
		cat "$1/facts.json"
		printf ',"executionTime":%s}\n' "$EXEC_TIME"
	} >"$3"
}

# ---------------------------------------------------------------------------------------------
# Configuration and HTTP
# ---------------------------------------------------------------------------------------------
# read_kv FILE KEY: KEY="value" without sourcing the file.
read_kv() {
	[ -r "$1" ] || return 0
	awk -v k="$2" 'index($0, k "=") == 1 { v = substr($0, length(k) + 2); sub(/[ \t\r]+$/, "", v); if (v ~ /^".*"$/ || v ~ /^\047.*\047$/) v = substr(v, 2, length(v) - 2); print v; exit }' "$1"
}

load_config() {
	PATCHMON_URL=${PATCHMON_SERVER_URL:-$(read_kv "$CREDENTIALS_FILE" PATCHMON_URL)}
	API_ID=$(read_kv "$CREDENTIALS_FILE" API_ID)
	API_KEY=$(read_kv "$CREDENTIALS_FILE" API_KEY)
	CURL_FLAGS=$(read_kv "$CONFIG_FILE" CURL_FLAGS)
	[ -z "$CURL_FLAGS" ] && CURL_FLAGS=$(read_kv "$CREDENTIALS_FILE" CURL_FLAGS)
	UPDATE_INTERVAL=$(read_kv "$CONFIG_FILE" UPDATE_INTERVAL)
	PATCHMON_URL=${PATCHMON_URL%/}
}

require_credentials() {
	load_config
	if [ -z "$PATCHMON_URL" ] || [ -z "$API_ID" ] || [ -z "$API_KEY" ]; then
		[ -r "$CREDENTIALS_FILE" ] || die "cannot read $CREDENTIALS_FILE (run as root, or configure: $0 configure <API_ID> <API_KEY> <URL>)"
		die "credentials incomplete in $CREDENTIALS_FILE (need PATCHMON_URL, API_ID, API_KEY)"
	fi
}

# http_request METHOD PATH [BODY_FILE]: sets HTTP_CODE, body in $TMPD/http.out. The key never
# travels on the command line (visible in ps): curl reads the headers from a config file (-K), GNU
# wget from a private wgetrc (WGETRC). BusyBox wget can only take headers as arguments, so it is
# refused.
http_request() {
	make_tmpdir
	_url="$PATCHMON_URL/api/v1$2"
	: >"$TMPD/http.out"
	case $API_ID$API_KEY in *"$NL"* | *"$CR"*)
		die "API_ID/API_KEY in $CREDENTIALS_FILE contain a line break"
		;;
	esac
	if have curl; then
		(
			umask 077
			{
				printf 'header = "X-API-ID: %s"\n' "$API_ID"
				printf 'header = "X-API-KEY: %s"\n' "$API_KEY"
				printf 'header = "Content-Type: application/json"\n'
			} >"$TMPD/curl.cfg"
		) && chmod 600 "$TMPD/curl.cfg" || die "cannot write $TMPD/curl.cfg"
		# shellcheck disable=SC2086 # CURL_FLAGS holds several flags
		if [ -n "$3" ]; then
			HTTP_CODE=$(curl $CURL_FLAGS -sS --connect-timeout 15 --max-time 300 -K "$TMPD/curl.cfg" -X "$1" --data-binary "@$3" -o "$TMPD/http.out" -w '%{http_code}' "$_url" 2>"$TMPD/http.err")
		else
			HTTP_CODE=$(curl $CURL_FLAGS -sS --connect-timeout 15 --max-time 300 -K "$TMPD/curl.cfg" -X "$1" -o "$TMPD/http.out" -w '%{http_code}' "$_url" 2>"$TMPD/http.err")
		fi
	elif have wget || have wget2; then
		# wget2 may be installed under its own name only (Debian) or as wget (Fedora 40+).
		_wget=wget
		have wget || _wget=wget2
		_wv=$("$_wget" --version 2>/dev/null | head -n 1)
		case $_wv in
		"GNU Wget "*) _wcfg=WGETRC ;;
		"GNU Wget2 "*) _wcfg=config ;;
		*) die "wget here is not GNU Wget (BusyBox?): it can only send the API key on the command line, visible to every user. Install curl (apk add curl / apt-get install curl / ...) and retry." ;;
		esac
		_wf=""
		case " $CURL_FLAGS " in *" -k "* | *" -sk "* | *" --insecure "*) _wf="--no-check-certificate" ;; esac
		_body=$3
		if [ "$1" = POST ] && [ -z "$_body" ]; then
			printf '{}' >"$TMPD/empty.json"
			_body="$TMPD/empty.json"
		fi
		(
			umask 077
			{
				printf 'header = X-API-ID: %s\n' "$API_ID"
				printf 'header = X-API-KEY: %s\n' "$API_KEY"
				[ -n "$_body" ] && printf 'header = Content-Type: application/json\n'
				:
			} >"$TMPD/wgetrc"
		) && chmod 600 "$TMPD/wgetrc" || die "cannot write $TMPD/wgetrc"
		# -S prints the status line to stderr; --content-on-error keeps an error answer's body (the
		# server's message; GNU Wget still drops it on 401); -t 1: no silent retries, as with curl;
		# --max-redirect=0: a redirect is an answer, as with curl, never a second request that would
		# carry the key's header to wherever the redirect points. wget2 (1.99) takes 0 as "no limit"
		# and stops only at -1 (tests/integration/agent-wget.test.ts checks both on a real redirect).
		# wget2 prints nothing of -S under -q and writes it to stdout (which carries data only here):
		# -o sends it to the file. It reads no WGETRC: --config names the file.
		# shellcheck disable=SC2086 # _wf is empty or one flag
		if [ "$_wcfg" = config ]; then
			if [ -n "$_body" ]; then
				"$_wget" --config="$TMPD/wgetrc" -S -t 1 -T 60 --max-redirect=-1 --content-on-error $_wf -o "$TMPD/http.err" -O "$TMPD/http.out" --post-file="$_body" "$_url" </dev/null >/dev/null 2>&1
			else
				"$_wget" --config="$TMPD/wgetrc" -S -t 1 -T 60 --max-redirect=-1 --content-on-error $_wf -o "$TMPD/http.err" -O "$TMPD/http.out" "$_url" </dev/null >/dev/null 2>&1
			fi
		elif [ -n "$_body" ]; then
			WGETRC="$TMPD/wgetrc" "$_wget" -q -S -t 1 -T 60 --max-redirect=0 --content-on-error $_wf -O "$TMPD/http.out" --post-file="$_body" "$_url" 2>"$TMPD/http.err"
		else
			WGETRC="$TMPD/wgetrc" "$_wget" -q -S -t 1 -T 60 --max-redirect=0 --content-on-error $_wf -O "$TMPD/http.out" "$_url" 2>"$TMPD/http.err"
		fi
		# wget2 prints no header lines for an answer it does not follow: "HTTP response 302 Found".
		HTTP_CODE=$(awk '/^ *HTTP\// { c = $2 } /^HTTP response [0-9]+ / { c = $3 } END { print c + 0 }' "$TMPD/http.err")
	else
		die "neither curl nor wget is installed: install curl"
	fi
	case $HTTP_CODE in '' | 000 | 0) HTTP_CODE=000 ;; esac
	debug "$1 $2 -> $HTTP_CODE"
	[ "$HTTP_CODE" = 000 ] && warn "cannot reach $PATCHMON_URL: $(head -c 300 "$TMPD/http.err" 2>/dev/null)"
	return 0
}

http_error() {
	_msg=$(json_get error <"$TMPD/http.out")
	case $HTTP_CODE in
	401) echo "Invalid API credentials${_msg:+ ($_msg)}" ;;
	000) echo "server unreachable" ;;
	*) echo "HTTP $HTTP_CODE${_msg:+: $_msg}" ;;
	esac
}

# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------
cmd_ping() {
	require_credentials
	info "Testing API credentials and connectivity..."
	http_request POST /hosts/ping
	if [ "$HTTP_CODE" = 200 ]; then
		echo "✅ API credentials are valid"
		return 0
	fi
	error "❌ Ping failed: $(http_error)"
	return 1
}

cmd_update() {
	_dry=false
	for _a in "$@"; do
		case $_a in --dry-run) _dry=true ;; esac
	done
	[ "$_dry" = true ] || require_credentials
	make_tmpdir
	_t0=$(now_seconds)
	info "Collecting package information..."
	_mode=full
	if ! collect_packages "$TMPD"; then
		_mode=error
		warn "package collection failed: $(cat "$TMPD/error")"
	fi
	info "Collecting system information..."
	collect_facts "$TMPD/facts.json"
	PKG_HASH=""
	[ "$_mode" = full ] && PKG_HASH=$(cut -f 1-6 "$TMPD/packages.tsv" | LC_ALL=C sort >"$TMPD/hash.in" && sha256_of "$TMPD/hash.in")
	EXEC_TIME=$(awk -v a="$_t0" -v b="$(now_seconds)" 'BEGIN { d = b - a; if (d < 0) d = 0; printf "%.2f", d }')
	if [ "$_dry" = true ]; then
		build_report "$TMPD" "$_mode" "$TMPD/report.json"
		cat "$TMPD/report.json"
		return 0
	fi
	_hashfile="$STATE_DIR/last-packages-hash"
	if [ "$_mode" = full ] && [ -r "$_hashfile" ] && [ "$(cat "$_hashfile")" = "$PKG_HASH" ]; then
		_mode=unchanged
	fi
	build_report "$TMPD" "$_mode" "$TMPD/report.json"
	info "Sending update to PatchMon server..."
	http_request POST /hosts/update "$TMPD/report.json"
	if [ "$HTTP_CODE" = 409 ] && [ "$_mode" = unchanged ]; then
		info "Server asked for a full report"
		_mode=full
		build_report "$TMPD" full "$TMPD/report.json"
		http_request POST /hosts/update "$TMPD/report.json"
	fi
	if [ "$HTTP_CODE" != 200 ]; then
		error "❌ Update failed: $(http_error)"
		return 1
	fi
	if [ "$_mode" = full ]; then
		(umask 077 && printf '%s\n' "$PKG_HASH" >"$_hashfile") 2>/dev/null || warn "cannot write $_hashfile"
	fi
	if [ "$_mode" = error ]; then
		warn "Update sent with a collection error"
		return 1
	fi
	info "✅ Update sent successfully ($(json_get packagesProcessed <"$TMPD/http.out") packages processed)"
	_cron=$(json_get shouldUpdate <"$TMPD/http.out")
	if [ "$_cron" = true ]; then
		info "Server asked for a schedule update"
		cmd_update_crontab
	fi
	return 0
}

# checkin: ping, then run what the server queued for this host.
cmd_checkin() {
	require_credentials
	http_request POST /hosts/ping
	[ "$HTTP_CODE" = 200 ] || { error "check-in failed: $(http_error)"; return 1; }
	cp "$TMPD/http.out" "$TMPD/ping.json"
	_rc=0
	for _c in $(json_command_types <"$TMPD/ping.json"); do
		info "Running queued command: $_c"
		case $_c in
		report_now) cmd_update || _rc=1 ;;
		update_agent) cmd_update_agent || _rc=1 ;;
		update_crontab | interval_changed) cmd_update_crontab || _rc=1 ;;
		*) warn "unknown command from server: $_c" ;;
		esac
	done
	if [ "$(json_get shouldUpdate <"$TMPD/ping.json")" = true ]; then
		cmd_update_crontab || _rc=1
	fi
	return $_rc
}

mask() {
	[ -n "$1" ] && printf '%s...' "$(printf '%s' "$1" | cut -c 1-"${2:-16}")"
}

cmd_config() {
	load_config
	echo "PatchMon agent $AGENT_VERSION"
	echo "  Credentials file: $CREDENTIALS_FILE"
	echo "  Config file:      $CONFIG_FILE"
	echo "  Agent script:     $AGENT_BIN"
	echo "  Log file:         $LOG_FILE"
	echo "  Server URL:       ${PATCHMON_URL:-(not set)}"
	echo "  API ID:           ${API_ID:-(not set)}"
	echo "  API key:          $(mask "$API_KEY" 8)"
	echo "  Curl flags:       ${CURL_FLAGS:-(default)}"
	echo "  Update interval:  ${UPDATE_INTERVAL:-(server default)} minutes"
}

cmd_configure() {
	[ -n "$1" ] && [ -n "$2" ] || die "usage: $0 configure <API_ID> <API_KEY> [SERVER_URL]"
	load_config
	_url=${3:-$PATCHMON_URL}
	[ -n "$_url" ] || die "no server URL: pass it as the third argument"
	case $_url in http://* | https://*) ;; *) die "server URL must start with http:// or https://" ;; esac
	mkdir -p "$(dirname "$CREDENTIALS_FILE")" || die "cannot create $(dirname "$CREDENTIALS_FILE")"
	(
		umask 077
		{
			printf 'PATCHMON_URL="%s"\n' "${_url%/}"
			printf 'API_ID="%s"\n' "$1"
			printf 'API_KEY="%s"\n' "$2"
		} >"$CREDENTIALS_FILE.tmp" && mv -f "$CREDENTIALS_FILE.tmp" "$CREDENTIALS_FILE"
	) || die "cannot write $CREDENTIALS_FILE"
	chmod 600 "$CREDENTIALS_FILE"
	[ -e "$CONFIG_FILE" ] || (umask 077 && printf 'CURL_FLAGS="-s"\nUPDATE_INTERVAL=60\n' >"$CONFIG_FILE")
	info "Credentials saved to $CREDENTIALS_FILE"
}

set_config_value() {
	_tmp="$CONFIG_FILE.tmp.$$"
	{
		[ -r "$CONFIG_FILE" ] && grep -v "^$1=" "$CONFIG_FILE"
		printf '%s="%s"\n' "$1" "$2"
	} >"$_tmp" && chmod 600 "$_tmp" && mv -f "$_tmp" "$CONFIG_FILE"
}

version_query() {
	printf '/hosts/agent/version?currentVersion=%s&type=shell&os=linux&arch=%s' "$AGENT_VERSION" "$(uname -m)"
}

cmd_check_version() {
	require_credentials
	http_request GET "$(version_query)"
	[ "$HTTP_CODE" = 200 ] || { error "version check failed: $(http_error)"; return 1; }
	_latest=$(json_get latestVersion <"$TMPD/http.out")
	echo "Current version: $AGENT_VERSION"
	echo "Latest version:  ${_latest:-unknown}"
	if [ "$(json_get hasUpdate <"$TMPD/http.out")" = true ]; then
		echo "An update is available: run $AGENT_BIN update-agent"
	else
		echo "The agent is up to date"
	fi
}

# update-agent: download, verify SHA-256 against the version endpoint's hash, syntax-check, keep a
# backup, replace atomically (rename within the same directory).
cmd_update_agent() {
	require_credentials
	_force=false
	[ "$1" = --force ] && _force=true
	http_request GET "$(version_query)"
	[ "$HTTP_CODE" = 200 ] || { error "version check failed: $(http_error)"; return 1; }
	cp "$TMPD/http.out" "$TMPD/version.json"
	_hash=$(json_get hash <"$TMPD/version.json" | tr 'A-F' 'a-f')
	_latest=$(json_get latestVersion <"$TMPD/version.json")
	if [ "$_force" = false ] && [ "$(json_get hasUpdate <"$TMPD/version.json")" != true ]; then
		info "Agent is up to date ($AGENT_VERSION)"
		return 0
	fi
	if [ "$(json_get autoUpdateDisabled <"$TMPD/version.json")" = true ] && [ "$_force" = false ]; then
		info "Agent auto-update is disabled on the server: $(json_get autoUpdateDisabledReason <"$TMPD/version.json")"
		return 0
	fi
	[ -n "$_hash" ] || { error "the server sent no hash for the agent: refusing to update"; return 1; }
	info "Downloading agent ${_latest:-}..."
	http_request GET "/hosts/agent/download?os=linux&arch=$(uname -m)"
	[ "$HTTP_CODE" = 200 ] || { error "download failed: $(http_error)"; return 1; }
	_got=$(sha256_of "$TMPD/http.out")
	if [ "$_got" != "$_hash" ]; then
		error "❌ checksum mismatch: expected $_hash, got $_got; keeping the current agent"
		return 1
	fi
	sh -n "$TMPD/http.out" 2>/dev/null || { error "downloaded agent has syntax errors; keeping the current agent"; return 1; }
	_dir=$(dirname "$AGENT_BIN")
	_new="$_dir/.patchmon-agent.new.$$"
	cp "$TMPD/http.out" "$_new" && chmod 755 "$_new" || { rm -f "$_new"; error "cannot write $_new"; return 1; }
	[ -f "$AGENT_BIN" ] && cp -p "$AGENT_BIN" "$AGENT_BIN.bak"
	mv -f "$_new" "$AGENT_BIN" || { rm -f "$_new"; error "cannot replace $AGENT_BIN"; return 1; }
	info "✅ Agent updated to ${_latest:-new version} (backup: $AGENT_BIN.bak)"
}

# ---------------------------------------------------------------------------------------------
# Scheduling
# ---------------------------------------------------------------------------------------------
# cron_from_interval MINUTES: the spec's mapping (also used when the server sends no expression).
cron_from_interval() {
	if [ "$1" -lt 60 ] 2>/dev/null; then
		echo "*/$1 * * * *"
	elif [ "$1" -eq 60 ] 2>/dev/null; then
		echo "0 * * * *"
	else
		echo "0 */$(($1 / 60)) * * *"
	fi
}

# spread_cron EXPR SEED: move the minute field to a minute derived from SEED, so agents sharing an
# interval do not all report at once.
spread_cron() {
	_h=$(printf '%s' "$2" | cksum | awk '{ print $1 }')
	# Split the expression into fields without expanding its "*" as file names.
	set -f
	# shellcheck disable=SC2086
	set -- $1
	set +f
	_min=$1
	shift
	case $_min in
	0) _min=$((_h % 60)) ;;
	'*/'*)
		_n=${_min#*/}
		if [ "$_n" -gt 1 ] 2>/dev/null && [ "$_n" -le 60 ]; then
			_min="$((_h % _n))-59/$_n"
		else
			_min="*"
		fi
		;;
	esac
	echo "$_min $*"
}

scheduler() {
	if [ -n "$PATCHMON_SCHEDULER" ]; then
		echo "$PATCHMON_SCHEDULER"
	elif [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ] && have systemctl; then
		echo systemd
	else
		echo cron
	fi
}

# our_cron_filter: drops our lines (tagged) and untagged lines of older PatchMon agents calling
# this script; keeps every other line of the user's crontab.
our_cron_filter() {
	awk -v tag="$CRON_TAG" -v bin="$AGENT_BIN" '
	index($0, tag) { next }
	index($0, bin " update") || index($0, bin " checkin") || index($0, bin " ping") { next }
	{ print }'
}

write_crontab() {
	have crontab || { warn "crontab not found: install cron"; return 1; }
	_cur=$(crontab -l 2>/dev/null)
	{
		[ -n "$_cur" ] && printf '%s\n' "$_cur" | our_cron_filter
		[ -n "$1" ] && printf '%s\n' "$1"
	} >"$TMPD/crontab.new"
	if [ -s "$TMPD/crontab.new" ]; then
		crontab "$TMPD/crontab.new"
	elif [ -n "$_cur" ]; then
		crontab -r 2>/dev/null || crontab "$TMPD/crontab.new"
	fi
}

systemd_oncalendar() {
	_m=$(($(printf '%s' "$2" | cksum | awk '{ print $1 }') % 60))
	if [ "$1" -lt 60 ]; then
		echo "*-*-* *:$((_m % $1))/$1:00"
	elif [ "$1" -eq 60 ]; then
		echo "*-*-* *:$_m:00"
	elif [ "$1" -lt 1440 ]; then
		echo "*-*-* 00/$(($1 / 60)):$_m:00"
	else
		# Daily: systemd refuses an hour step of 24 ("00/24").
		echo "*-*-* 00:$_m:00"
	fi
}

write_systemd_units() {
	for _u in update checkin; do
		cat >"$SYSTEMD_DIR/patchmon-agent-$_u.service" <<UNIT
[Unit]
Description=PatchMon agent $_u
After=network-online.target

[Service]
Type=oneshot
ExecStart=$AGENT_BIN $_u
UNIT
	done
	cat >"$SYSTEMD_DIR/patchmon-agent-update.timer" <<UNIT
[Unit]
Description=PatchMon agent report every $1 minutes

[Timer]
OnCalendar=$(systemd_oncalendar "$1" "$API_ID")
Persistent=true

[Install]
WantedBy=timers.target
UNIT
	cat >"$SYSTEMD_DIR/patchmon-agent-checkin.timer" <<UNIT
[Unit]
Description=PatchMon agent check-in every minute

[Timer]
OnCalendar=*-*-* *:*:00
RandomizedDelaySec=20

[Install]
WantedBy=timers.target
UNIT
	systemctl daemon-reload && systemctl enable --now patchmon-agent-update.timer patchmon-agent-checkin.timer >/dev/null 2>&1
}

remove_systemd_units() {
	[ -e "$SYSTEMD_DIR/patchmon-agent-update.timer" ] || [ -e "$SYSTEMD_DIR/patchmon-agent-checkin.timer" ] || return 0
	have systemctl && systemctl disable --now patchmon-agent-update.timer patchmon-agent-checkin.timer >/dev/null 2>&1
	rm -f "$SYSTEMD_DIR"/patchmon-agent-update.timer "$SYSTEMD_DIR"/patchmon-agent-checkin.timer \
		"$SYSTEMD_DIR"/patchmon-agent-update.service "$SYSTEMD_DIR"/patchmon-agent-checkin.service
	have systemctl && systemctl daemon-reload >/dev/null 2>&1
	return 0
}

cmd_update_crontab() {
	require_credentials
	make_tmpdir
	info "Checking schedule configuration..."
	http_request GET /settings/update-interval
	_interval=""
	_expr=""
	if [ "$HTTP_CODE" = 200 ]; then
		_interval=$(json_get updateInterval <"$TMPD/http.out")
		_expr=$(json_get cronExpression <"$TMPD/http.out")
	else
		warn "cannot read the update interval ($(http_error)); keeping the configured one"
	fi
	case $_interval in '' | *[!0-9]*) _interval=${UPDATE_INTERVAL:-60} ;; esac
	[ "$_interval" -gt 0 ] 2>/dev/null || _interval=60
	[ -n "$_expr" ] || _expr=$(cron_from_interval "$_interval")
	set_config_value UPDATE_INTERVAL "$_interval" 2>/dev/null
	info "Setting update interval to $_interval minutes"
	if [ "$(scheduler)" = systemd ]; then
		write_systemd_units "$_interval" || { error "cannot set up systemd timers"; return 1; }
		have crontab && write_crontab ""
		info "✅ systemd timers updated"
	else
		remove_systemd_units
		_lines="$(spread_cron "$_expr" "$API_ID") $AGENT_BIN update >/dev/null 2>&1 $CRON_TAG
* * * * * $AGENT_BIN checkin >/dev/null 2>&1 $CRON_TAG"
		write_crontab "$_lines" || return 1
		info "✅ Crontab updated successfully"
	fi
}

cmd_remove() {
	make_tmpdir
	info "Removing PatchMon agent..."
	remove_systemd_units
	have crontab && write_crontab ""
	rm -f "$CREDENTIALS_FILE" "$CONFIG_FILE" "$STATE_DIR/last-packages-hash" "$LOG_FILE" "$AGENT_BIN.bak"
	rmdir "$PATCHMON_CONFIG_DIR" 2>/dev/null
	rm -f "$AGENT_BIN"
	echo "✅ PatchMon agent removed"
}

cmd_diagnostics() {
	make_tmpdir
	cmd_config
	echo
	echo "System:"
	echo "  OS:               $(os_release_value PRETTY_NAME)"
	echo "  Kernel:           $(uname -r) ($(uname -m))"
	echo "  Package manager:  $(detect_pm)"
	echo "  HTTP client:      $(if have curl; then curl --version | head -n 1; elif have wget; then wget --version 2>&1 | head -n 1; elif have wget2; then wget2 --version | head -n 1; else echo none; fi)"
	echo "  Scheduler:        $(scheduler)"
	echo
	echo "Schedule:"
	if [ "$(scheduler)" = systemd ]; then
		systemctl list-timers 'patchmon-agent-*' --no-pager 2>/dev/null | sed 's/^/  /'
	elif have crontab; then
		crontab -l 2>/dev/null | grep -F "$CRON_TAG" | sed 's/^/  /'
	fi
	echo
	echo "Connectivity:"
	if [ -n "$PATCHMON_URL" ] && [ -n "$API_ID" ]; then
		http_request POST /hosts/ping
		if [ "$HTTP_CODE" = 200 ]; then echo "  ✅ server reachable, credentials valid"; else echo "  ❌ $(http_error)"; fi
	else
		echo "  not configured"
	fi
	echo
	echo "Last log lines:"
	tail -n 10 "$LOG_FILE" 2>/dev/null | sed 's/^/  /'
	return 0
}

usage() {
	cat <<USAGE
PatchMon agent $AGENT_VERSION
Usage: $0 [-v|--verbose] COMMAND [ARGS]
Commands:
  test | ping                 check credentials and connectivity
  update [--dry-run]          send the package and system report (--dry-run: print it, send nothing)
  checkin                     ping and run the commands the server queued
  diagnostics                 show configuration, schedule, connectivity and recent log
  config                      show the configuration
  configure ID KEY [URL]      write the credentials file
  check-version               compare with the server's agent version
  update-agent [--force]      download, verify (SHA-256) and install the server's agent
  update-crontab              set the schedule from the server's update interval
  remove                      remove the schedule, credentials, configuration and this script
USAGE
}

main() {
	while [ $# -gt 0 ]; do
		case $1 in
		-v | --verbose) LOG_LEVEL=debug ;;
		-q | --quiet) LOG_LEVEL=warn ;;
		*) break ;;
		esac
		shift
	done
	_cmd=${1:-}
	[ $# -gt 0 ] && shift
	case $_cmd in
	test | ping) cmd_ping ;;
	update) cmd_update "$@" ;;
	checkin) cmd_checkin ;;
	diagnostics) cmd_diagnostics ;;
	config) cmd_config ;;
	configure) cmd_configure "$@" ;;
	check-version) cmd_check_version ;;
	update-agent) cmd_update_agent "$@" ;;
	update-crontab) cmd_update_crontab ;;
	remove) cmd_remove ;;
	version | --version) echo "$AGENT_VERSION" ;;
	help | -h | --help) usage ;;
	*)
		usage >&2
		exit 2
		;;
	esac
}

# Sourcing with PATCHMON_AGENT_LIB=1 loads the functions without running a command (tests).
if [ -z "${PATCHMON_AGENT_LIB:-}" ]; then
	main "$@"
fi

#!/bin/sh
# Removes the PatchMon agent: our crontab lines (the user's stay), systemd timers, credentials,
# configuration, state, log and the agent script itself. Served by GET /api/v1/hosts/remove.
CONFIG_DIR=${PATCHMON_CONFIG_DIR:-/etc/patchmon}
AGENT_BIN=${PATCHMON_BIN:-/usr/local/bin/patchmon-agent.sh}
LOG_FILE=${PATCHMON_LOG_FILE:-/var/log/patchmon-agent.log}
SYSTEMD_DIR=${PATCHMON_SYSTEMD_DIR:-/etc/systemd/system}

[ "$(id -u)" = 0 ] || [ -n "$PATCHMON_CONFIG_DIR" ] || { echo "❌ run as root" >&2; exit 1; }
echo "ℹ️  Removing PatchMon agent..."

if command -v crontab >/dev/null 2>&1; then
	cur=$(crontab -l 2>/dev/null)
	if [ -n "$cur" ]; then
		# Our lines are tagged; untagged lines of older agents call patchmon-agent.sh.
		new=$(printf '%s\n' "$cur" | grep -v -e '# patchmon-agent' -e 'patchmon-agent\.sh')
		if [ "$new" != "$cur" ]; then
			if [ -n "$new" ]; then printf '%s\n' "$new" | crontab -; else crontab -r; fi
			echo "✅ Removed PatchMon crontab entries"
		fi
	fi
fi

for unit in patchmon-agent-update.timer patchmon-agent-checkin.timer; do
	[ -e "$SYSTEMD_DIR/$unit" ] && command -v systemctl >/dev/null 2>&1 && systemctl disable --now "$unit" >/dev/null 2>&1
done
rm -f "$SYSTEMD_DIR"/patchmon-agent-update.timer "$SYSTEMD_DIR"/patchmon-agent-checkin.timer \
	"$SYSTEMD_DIR"/patchmon-agent-update.service "$SYSTEMD_DIR"/patchmon-agent-checkin.service
command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ] && systemctl daemon-reload >/dev/null 2>&1

rm -f "$CONFIG_DIR/credentials" "$CONFIG_DIR/config" "$CONFIG_DIR/last-packages-hash" \
	"$CONFIG_DIR/credentials.tmp" "$CONFIG_DIR/config.tmp"
rmdir "$CONFIG_DIR" 2>/dev/null || [ ! -d "$CONFIG_DIR" ] || echo "⚠️  $CONFIG_DIR kept: it holds other files" >&2
rm -f "$AGENT_BIN" "$AGENT_BIN.bak" "$AGENT_BIN.new" "$LOG_FILE"
echo "✅ PatchMon agent removed"

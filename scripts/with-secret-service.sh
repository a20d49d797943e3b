#!/bin/sh
# Runs a command with a working freedesktop Secret Service, for the keychain tests and CI:
#
#   scripts/with-secret-service.sh npm test
#   scripts/with-secret-service.sh npx vitest run tests/integration/keychain-roundtrip.test.ts
#
# It starts a private D-Bus session bus (dbus-run-session), starts gnome-keyring-daemon's
# "secrets" component on it with a throwaway login keyring unlocked by a fixed password, then runs
# the command inside that session (DBUS_SESSION_BUS_ADDRESS set). The keyring files live in a
# temporary folder deleted on exit, so the developer's own keyring (~/.local/share/keyrings) is
# neither read nor written, and the fixed password protects nothing of value. The bus and the
# daemon end with the command; the command's exit status is this script's.
#
# Needs the Debian packages gnome-keyring (gnome-keyring-daemon) and dbus-x11 or dbus-daemon
# (dbus-run-session): apt-get install gnome-keyring dbus-x11
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-secret-service.sh <command> [arguments...]" >&2
  exit 2
fi
# macOS Keychain and Windows Credential Manager need no helper: run the command as it is.
if [ "$(uname -s)" != Linux ]; then
  exec "$@"
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-secret-service: $tool not found; install it with: apt-get install gnome-keyring dbus-x11" >&2
    exit 127
  fi
done

FLOOR_KEYRING_HOME=$(mktemp -d "${TMPDIR:-/tmp}/floor-keyring.XXXXXX")
export FLOOR_KEYRING_HOME
trap 'rm -rf "$FLOOR_KEYRING_HOME"' EXIT INT TERM

dbus-run-session -- sh -c '
  printf %s floor-test-keyring | XDG_DATA_HOME="$FLOOR_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  unset FLOOR_KEYRING_HOME
  exec "$@"
' with-secret-service "$@"

#!/usr/bin/env bash
# Install what Sufficiency needs from outside PyPI and npm, once, and start PostgreSQL if it is
# installed but stopped. Safe to run again: it only acts on what is missing.
#   ensure-system.sh packages    Debian packages: chromium (browser tests), poppler-utils, fonts,
#                                postgresql-client (pg_dump/pg_restore for `sufficiency backup`)
#   ensure-system.sh postgres    PostgreSQL on 127.0.0.1:5432 running (tests only)
set -euo pipefail

need_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "ensure-system: need root to run: $*" >&2; return 1; fi
}

case "${1:-}" in
  packages)
    missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
    [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
    command -v pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)
    if [ ${#missing[@]} -gt 0 ]; then
      echo "==> installing Debian packages: ${missing[*]}"
      need_root apt-get update -qq
      need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
    fi
    ;;
  postgres)
    if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
      if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
        echo "==> starting PostgreSQL"
        need_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
        for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
      fi
    fi
    pg_isready -q -h 127.0.0.1 -p 5432 || { echo "ensure-system: PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
    ;;
  *)
    echo "usage: $0 packages|postgres" >&2; exit 2 ;;
esac

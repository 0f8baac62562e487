#!/usr/bin/env bash
# Throwaway IMAP server (Dovecot, from Debian's dovecot-imapd) for the e-mail channel's tests:
# a temp folder, loopback only, random port, no TLS, one mailbox user with a plain password.
#   eval "$(scripts/imap.sh start)"   # exports ADUAN_IMAP_DIR, ADUAN_TEST_IMAP (host;port;user;password)
#   scripts/imap.sh stop "$ADUAN_IMAP_DIR"
set -euo pipefail

dovecot=/usr/sbin/dovecot
[ -x "$dovecot" ] || { echo "imap.sh: Dovecot is not installed (apt-get install -y dovecot-imapd)" >&2; exit 1; }

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/aduan-imap.XXXXXX)
    chmod 755 "$dir"
    # Dovecot refuses to run its processes as root: as root, the package's own users run it.
    if [ "$(id -u)" = 0 ]; then
      internal=dovecot; login=dovenull; mail_user=dovecot
    else
      internal=$(id -un); login=$(id -un); mail_user=$(id -un)
    fi
    mail_uid=$(id -u "$mail_user"); mail_gid=$(id -g "$mail_user")
    mkdir -p "$dir/mail" "$dir/run" "$dir/state"
    password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
    echo "aduan:{PLAIN}$password" > "$dir/users"
    chown -R "$mail_uid:$mail_gid" "$dir/mail"
    for attempt in 1 2 3 4 5 6 7 8; do
      port=$(shuf -i 20000-60000 -n 1)
      cat > "$dir/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
default_internal_user = $internal
default_internal_group = $(id -gn "$internal")
default_login_user = $login
mail_location = maildir:$dir/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$dir/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
CONF
      if "$dovecot" -c "$dir/dovecot.conf" 2>>"$dir/start.log"; then
        for wait in $(seq 1 50); do
          if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
            echo "export ADUAN_IMAP_DIR=$dir"
            echo "export ADUAN_TEST_IMAP='127.0.0.1;$port;aduan;$password'"
            exit 0
          fi
          sleep 0.1
        done
        "$dovecot" -c "$dir/dovecot.conf" stop 2>/dev/null || true
      fi
    done
    cat "$dir/start.log" "$dir/dovecot.log" >&2 2>/dev/null || true
    exit 1
    ;;
  stop)
    dir=${2:?usage: imap.sh stop DIR}
    "$dovecot" -c "$dir/dovecot.conf" stop 2>/dev/null || true
    sleep 0.2
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac

#!/bin/bash
# The Docker stack's VAPID key pair, made once with dispatcher-push's own command and kept in
# volumes as Spring config trees: /vapid/push for dispatcher-push (both halves, readable by the
# service's user alone) and /vapid-public/page for the citizen page (the public key only).
# A pair given as TOCSIN_PUSH_VAPID_PUBLIC_KEY and TOCSIN_PUSH_VAPID_PRIVATE_KEY replaces it.
set -euo pipefail
push=/vapid/push
page=/vapid-public/page
mkdir -p "$push" "$page"

if [ -n "${TOCSIN_PUSH_VAPID_PRIVATE_KEY:-}" ]; then
  public="${TOCSIN_PUSH_VAPID_PUBLIC_KEY:-}"
  private="$TOCSIN_PUSH_VAPID_PRIVATE_KEY"
elif [ -s "$push/tocsin.push.vapid.private-key" ]; then
  public="$(cat "$push/tocsin.push.vapid.public-key")"
  private="$(cat "$push/tocsin.push.vapid.private-key")"
else
  pair="$(java org.springframework.boot.loader.launch.JarLauncher generate-vapid-keys)"
  public="$(sed -n 's/^TOCSIN_PUSH_VAPID_PUBLIC_KEY=//p' <<<"$pair")"
  private="$(sed -n 's/^TOCSIN_PUSH_VAPID_PRIVATE_KEY=//p' <<<"$pair")"
  echo "Made a new VAPID key pair; its public key: $public"
fi
if [ -z "$public" ] || [ -z "$private" ]; then
  echo "No VAPID key pair: give both TOCSIN_PUSH_VAPID_PUBLIC_KEY and _PRIVATE_KEY" >&2
  exit 1
fi

printf '%s' "$public" > "$push/tocsin.push.vapid.public-key"
(umask 077 && printf '%s' "$private" > "$push/tocsin.push.vapid.private-key")
printf '%s' "$public" > "$page/tocsin.subscriptions.page.vapid-public-key"
chown -R 10001:10001 "$push" "$page"
chmod 700 "$push"
chmod 755 "$page"

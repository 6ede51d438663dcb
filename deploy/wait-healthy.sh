#!/usr/bin/env bash
# Waits until the containers of a docker-compose project are healthy (Compose v1 has no
# `up --wait`). Prints each container's state when it changes; fails on a container that exits
# or turns unhealthy, or after the timeout.
#
#   deploy/wait-healthy.sh [--timeout SECONDS] [-f FILE]... [SERVICE...]
#
# Without SERVICE it waits for every container of the project; the project is the one
# docker-compose would use here (COMPOSE_PROJECT_NAME, COMPOSE_FILE or -f options apply).
set -euo pipefail
timeout=300
files=()
while (($#)); do
  case "$1" in
    --timeout) timeout="$2"; shift 2 ;;
    -f) files+=(-f "$2"); shift 2 ;;
    *) break ;;
  esac
done
cd "$(dirname "$0")/.."

ids="$(docker-compose "${files[@]}" ps -q "$@")"
[[ -n "$ids" ]] || { echo "No containers to wait for." >&2; exit 1; }

declare -A last
deadline=$((SECONDS + timeout))
while :; do
  pending=0
  for id in $ids; do
    read -r name status health < <(docker inspect -f \
      '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id")
    name="${name#/}"
    if [[ "${last[$id]:-}" != "$status/$health" ]]; then
      printf '%5ds  %-40s %s%s\n' "$((SECONDS))" "$name" "$status" "$([[ $health == none ]] || echo " ($health)")"
      last[$id]="$status/$health"
    fi
    case "$status/$health" in
      running/healthy|running/none) ;;
      running/starting) pending=1 ;;
      *) echo "$name is $status${health:+ ($health)}; its last log lines:" >&2
         docker logs --tail 30 "$id" >&2 || true
         exit 1 ;;
    esac
  done
  ((pending)) || exit 0
  ((SECONDS < deadline)) || { echo "Not healthy within ${timeout}s." >&2; exit 1; }
  sleep 1
done

#!/bin/bash
# Container health check without curl or wget: succeeds when GET http://127.0.0.1:PORT/PATH
# answers 200. PORT defaults to $SERVER_PORT, PATH to Spring Boot's readiness probe.
#
#   tocsin-healthcheck [PORT [PATH]]
set -euo pipefail
port="${1:-${SERVER_PORT:-8080}}"
path="${2:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
read -r -t 5 _ status _ <&3
[[ "$status" == 200 ]]

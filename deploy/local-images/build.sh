#!/usr/bin/env bash
# Builds, on a machine that cannot pull images, local stand-ins for the third-party images of
# docker-compose.yml, and makes sure a Docker engine runs to build and run them.
#
#   deploy/local-images/build.sh [--only NAME[,NAME...]] [--without NAME[,NAME...]] [--refresh]
#
# On Debian 12 as root it installs what it needs (docker.io, docker-compose, debootstrap), starts
# dockerd in the background if no engine answers (log: $TOCSIN_DOCKERD_LOG, default
# /var/log/tocsin-dockerd.log), then builds:
#
#   tocsin/base:bookworm        Debian 12 minbase from debootstrap, imported (the root of all below)
#   tocsin/jre:<major>, latest  a jlink runtime of the machine's JDK 21+ (Tocsin's services use it too)
#   tocsin-local/kafka          stand-in for apache/kafka (KRaft), Kafka's jars from Maven Central
#   tocsin-local/postgres       stand-in for postgres:18, PostgreSQL 18 binaries from Maven Central
#   tocsin-local/greenmail      stand-in for axllent/mailpit, GreenMail standalone
#   tocsin-local/prometheus     stand-in for prom/prometheus, Debian's Prometheus
#   tocsin-local/keycloak       stand-in for quay.io/keycloak/keycloak, Keycloak's distribution
#
# Each image is tagged with its version and `latest`, and labelled with a hash of everything it is
# built from: a second run rebuilds only what changed, and takes seconds when nothing did.
# --refresh rebuilds the base from Debian's current packages (security updates), and so
# everything on top of it. The script writes to standard error only.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$here/target"
label=org.tocsin.local-images.input
dockerd_log="${TOCSIN_DOCKERD_LOG:-/var/log/tocsin-dockerd.log}"
mirror="${TOCSIN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

only=""
without=""
refresh=false
while (($#)); do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    --without) without="$2"; shift 2 ;;
    --refresh) refresh=true; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

# The root file system being bootstrapped, removed however the script ends.
rootfs=""
trap '[[ -z "$rootfs" ]] || rm -rf "$rootfs"' EXIT

log() { printf '[local-images %4ds] %s\n' "$SECONDS" "$*" >&2; }
die() { log "$*"; exit 1; }

wanted() {
  local name="$1"
  [[ ",$without," != *",$name,"* ]] || return 1
  # What the wanted images are built on is wanted too.
  [[ -z "$only" ]] && return 0
  case "$name" in
    base) return 0 ;;
    jre) [[ ",$only," =~ ,(jre|kafka|greenmail|keycloak), ]] ;;
    *) [[ ",$only," == *",$name,"* ]] ;;
  esac
}

# ---- machine --------------------------------------------------------------------------------

ensure_packages() {
  local missing=() package
  for package in docker.io docker-compose debootstrap xz-utils; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  [[ "$(id -u)" == 0 ]] || die "Missing packages: ${missing[*]}; run as root, or install them first."
  log "Installing ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    2> >(grep -v 'apt-utils is not installed' >&2) >/dev/null
}

ensure_engine() {
  docker info >/dev/null 2>&1 && return 0
  [[ "$(id -u)" == 0 ]] || die "No Docker engine answers; run as root to start one."
  log "Starting dockerd (log: $dockerd_log)"
  mkdir -p "$(dirname "$dockerd_log")"
  # A dockerd that was killed with its machine leaves its pid file, which stops the next one.
  local pid_file=/var/run/docker.pid
  if [[ -f "$pid_file" ]] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    rm -f "$pid_file"
  fi
  # Its own session, so that it outlives this script and the shell that ran it.
  setsid dockerd >>"$dockerd_log" 2>&1 </dev/null &
  local waited=0
  until docker info >/dev/null 2>&1; do
    ((waited++ < 60)) || die "dockerd did not answer within 60 s; see $dockerd_log"
    sleep 1
  done
}

find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/jlink" ]] || continue
    if [[ "$(java_major "$candidate")" -ge 21 ]]; then
      printf '%s' "$candidate"
      return 0
    fi
  done
  die "No JDK 21 or newer with jlink found (set JAVA_HOME)."
}

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

# ---- images ---------------------------------------------------------------------------------

image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }
image_input() { docker image inspect -f "{{index .Config.Labels \"$label\"}}" "$1" 2>/dev/null || true; }

# Hash of a build context's content (names, modes, bytes), whatever the files' dates.
context_hash() {
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$1" -cf - . | sha256sum | cut -d' ' -f1
}

# build NAME CONTEXT TAG [EXTRA_TAG...] -- [docker build args]
build() {
  local name="$1" context="$2"
  shift 2
  local tags=()
  while (($#)) && [[ "$1" != -- ]]; do tags+=("$1"); shift; done
  [[ "${1:-}" == -- ]] && shift
  local input
  input="$( { context_hash "$context"; printf '%s\n' "$@"; for arg in "$@"; do
    if [[ "$arg" == *_IMAGE=* ]]; then image_id "${arg#*=}"; fi; done; } | sha256sum | cut -d' ' -f1)"
  if [[ "$(image_input "${tags[0]}")" == "$input" ]]; then
    log "$name: up to date (${tags[0]})"
    for tag in "${tags[@]:1}"; do docker tag "${tags[0]}" "$tag"; done
    return 0
  fi
  log "$name: building ${tags[*]}"
  local tag_args=()
  for tag in "${tags[@]}"; do tag_args+=(-t "$tag"); done
  local args=()
  for arg in "$@"; do args+=(--build-arg "$arg"); done
  local build_log="$work/logs/$name-build.log"
  mkdir -p "$work/logs"
  DOCKER_BUILDKIT=0 docker build --network host --label "$label=$input" \
    "${tag_args[@]}" "${args[@]}" "$context" >"$build_log" 2>&1 \
    || { tail -n 30 "$build_log" >&2; die "$name: build failed; see $build_log"; }
}

# A build context of its own under target/context: the image's files, plus (hard links to) what
# was fetched for it.
stage() {
  local name="$1"
  rm -rf "$work/context/$name"
  mkdir -p "$work/context"
  cp -a "$here/$name" "$work/context/$name"
}

# Unpacks ARCHIVE into DIR once per archive (tar options follow).
unpack_once() {
  local archive="$1" dir="$2"
  shift 2
  local stamp="$dir.from" source_id
  source_id="$(stat -c '%s %Y' "$archive")"
  if [[ ! -d "$dir" || "$(cat "$stamp" 2>/dev/null)" != "$source_id" ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    tar -xf "$archive" -C "$dir" "$@"
    printf '%s' "$source_id" >"$stamp"
  fi
}

build_base() {
  local tag=tocsin/base:bookworm
  local input
  input="$(printf '%s %s' "$mirror" "$(cat "$here/base/"* | sha256sum)" | sha256sum | cut -d' ' -f1)"
  if ! $refresh && [[ "$(image_input "$tag")" == "$input" ]]; then
    log "base: up to date ($tag)"
    return 0
  fi
  [[ "$(id -u)" == 0 ]] || die "debootstrap needs root."
  log "base: debootstrap --variant=minbase bookworm ($mirror)"
  rootfs="$(mktemp -d /var/tmp/tocsin-rootfs.XXXXXX)"
  mkdir -p "$work/logs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/logs/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see $work/logs/debootstrap.log"
  install -m 644 "$here/base/dpkg-minimal.cfg" "$rootfs/etc/dpkg/dpkg.cfg.d/tocsin-minimal"
  install -m 644 "$here/base/apt-minimal.conf" "$rootfs/etc/apt/apt.conf.d/tocsin-minimal"
  install -m 644 "$here/base/debian.sources" "$rootfs/etc/apt/sources.list.d/debian.sources"
  install -m 755 "$here/base/policy-rc.d" "$rootfs/usr/sbin/policy-rc.d"
  rm -f "$rootfs/etc/apt/sources.list"
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log \
    "$rootfs"/var/log/apt/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
    "$rootfs"/var/cache/debconf/*-old
  find "$rootfs/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +

  # Import, bring it up to date with the security and point-release updates, and flatten the
  # result into one layer.
  tar -C "$rootfs" --numeric-owner -cf - . | docker import - tocsin/base:debootstrap >/dev/null
  rm -rf "$rootfs"
  local container=tocsin-base-update-$$
  docker run --name "$container" --network host -e DEBIAN_FRONTEND=noninteractive \
    tocsin/base:debootstrap bash -c 'apt-get update -qq && apt-get upgrade -y -qq \
      -o Dpkg::Options::=--force-confold >/dev/null && rm -rf /var/lib/apt/lists/* /var/log/apt/* \
      /var/log/dpkg.log /var/cache/debconf/*-old /tmp/* /root/.bash_history' >"$work/logs/base-update.log" 2>&1 \
    || { docker rm -f "$container" >/dev/null; die "base update failed; see $work/logs/base-update.log"; }
  docker export "$container" | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change "LABEL $label=$input" \
    --change 'CMD ["bash"]' - "$tag" >/dev/null
  docker rm "$container" >/dev/null
  docker rmi tocsin/base:debootstrap >/dev/null
}

build_jre() {
  local jdk major modules
  jdk="$(find_jdk)"
  major="$(java_major "$jdk")"
  modules="$(grep -v '^#' "$here/jre/modules" | paste -sd, -)"
  local runtime="$work/downloads/jre" source_id
  source_id="$("$jdk/bin/java" -version 2>&1 | sha256sum | cut -d' ' -f1) $modules"
  if [[ ! -d "$runtime" || "$(cat "$runtime.from" 2>/dev/null)" != "$source_id" ]]; then
    log "jre: jlink from $jdk"
    rm -rf "$runtime"
    mkdir -p "$work/downloads"
    "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
      --compress=zip-6 --output "$runtime"
    printf '%s' "$source_id" >"$runtime.from"
  fi
  stage jre
  cp -al "$runtime" "$work/context/jre/openjdk"
  build jre "$work/context/jre" "tocsin/jre:$major" tocsin/jre:latest -- BASE_IMAGE=tocsin/base:bookworm
}

# Downloads the programs of the stand-ins from Maven Central, once per change of the pom.
fetch() {
  local executions=()
  wanted kafka && executions+=(dependency:copy-dependencies@kafka)
  wanted postgres && executions+=(dependency:unpack@postgres)
  wanted greenmail && executions+=(dependency:copy@greenmail)
  wanted keycloak && executions+=(dependency:copy@keycloak)
  ((${#executions[@]})) || return 0
  local stamp="$work/fetched" input
  input="$(cat "$here/pom.xml" "$root/pom.xml" | sha256sum | cut -d' ' -f1) ${executions[*]} $(arch_suffix)"
  if [[ "$(cat "$stamp" 2>/dev/null)" == "$input" ]] && fetched; then
    return 0
  fi
  log "Fetching ${executions[*]#dependency:*@}"
  ! wanted kafka || rm -rf "$work/downloads/kafka-libs"
  ! wanted postgres || rm -rf "$work/downloads/postgres"
  ! wanted greenmail || rm -rf "$work/downloads/greenmail"
  ! wanted keycloak || rm -rf "$work/downloads/keycloak"
  rm -rf "$work/dependency-maven-plugin-markers"
  local jdk
  jdk="$(find_jdk)"
  # Maven's own libraries still use sun.misc.Unsafe, which JDK 24+ warns about at length.
  local maven_opts="${MAVEN_OPTS:-}"
  [[ "$(java_major "$jdk")" -ge 24 ]] && maven_opts+=" --sun-misc-unsafe-memory-access=allow"
  JAVA_HOME="$jdk" MAVEN_OPTS="$maven_opts" "$root/mvnw" -q -B -f "$here/pom.xml" \
    -Dpostgres.binaries.arch="$(arch_suffix)" "${executions[@]}" >&2 \
    || die "Maven could not fetch the images' programs."
  printf '%s' "$input" >"$stamp"
}

fetched() {
  ! wanted kafka || [[ -d "$work/downloads/kafka-libs" ]] || return 1
  ! wanted postgres || [[ -f "$work/downloads/postgres/postgres-linux-x86_64.txz" ]] || return 1
  ! wanted greenmail || compgen -G "$work/downloads/greenmail/greenmail-standalone-*.jar" >/dev/null || return 1
  ! wanted keycloak || compgen -G "$work/downloads/keycloak/keycloak-quarkus-dist-*.tar.gz" >/dev/null || return 1
}

arch_suffix() {
  case "$(uname -m)" in
    x86_64) echo amd64 ;;
    aarch64) echo arm64v8 ;;
    *) die "No PostgreSQL binaries for $(uname -m)" ;;
  esac
}

version_of() { # FILE-NAME-PREFIX DIRECTORY: the version in the name of the first matching file
  local file
  file="$(cd "$2" && ls "$1"-[0-9]* | head -n 1)"
  file="${file#"$1"-}"
  file="${file%.jar}"
  printf '%s' "${file%.tar.gz}"
}

build_kafka() {
  local libs="$work/downloads/kafka-libs" version
  version="$(version_of kafka_2.13 "$libs")"
  stage kafka
  cp -al "$libs" "$work/context/kafka/libs"
  build kafka "$work/context/kafka" "tocsin-local/kafka:$version" tocsin-local/kafka:latest \
    -- JRE_IMAGE=tocsin/jre:latest
}

build_postgres() {
  local dist="$work/downloads/postgres/dist"
  unpack_once "$work/downloads/postgres/postgres-linux-x86_64.txz" "$dist" -J
  rm -rf "$dist/include" "$dist/lib/pkgconfig" "$dist"/lib/*.a
  local version
  version="$(grep -a -o -m 1 'postgres (PostgreSQL) [0-9][0-9.]*' "$dist/bin/postgres" | cut -d' ' -f3)"
  local major="${version%%.*}"
  [[ -n "$major" ]] || die "Cannot tell the PostgreSQL version of the fetched binaries."
  stage postgres
  cp -al "$dist" "$work/context/postgres/postgresql"
  build postgres "$work/context/postgres" "tocsin-local/postgres:$major" "tocsin-local/postgres:$version" \
    tocsin-local/postgres:latest -- BASE_IMAGE=tocsin/base:bookworm "PG_MAJOR=$major"
}

build_greenmail() {
  local downloads="$work/downloads/greenmail" version
  version="$(version_of greenmail-standalone "$downloads")"
  stage greenmail
  cp -l "$downloads/greenmail-standalone-$version.jar" "$work/context/greenmail/greenmail-standalone.jar"
  build greenmail "$work/context/greenmail" "tocsin-local/greenmail:$version" \
    tocsin-local/greenmail:latest -- JRE_IMAGE=tocsin/jre:latest
}

build_prometheus() {
  local version
  version="$(apt-cache show --no-all-versions prometheus 2>/dev/null \
    | sed -n 's/^Version: \([0-9]*\.[0-9]*\).*/\1/p' | head -n 1)"
  stage prometheus
  build prometheus "$work/context/prometheus" "tocsin-local/prometheus:${version:-debian}" \
    tocsin-local/prometheus:latest -- BASE_IMAGE=tocsin/base:bookworm
}

build_keycloak() {
  local downloads="$work/downloads/keycloak" version
  version="$(version_of keycloak-quarkus-dist "$downloads")"
  unpack_once "$downloads/keycloak-quarkus-dist-$version.tar.gz" "$downloads/dist" -z --strip-components=1
  stage keycloak
  cp -al "$downloads/dist" "$work/context/keycloak/keycloak"
  build keycloak "$work/context/keycloak" "tocsin-local/keycloak:$version" tocsin-local/keycloak:latest \
    -- JRE_IMAGE=tocsin/jre:latest
}

main() {
  local started=$SECONDS
  ensure_packages
  ensure_engine
  mkdir -p "$work"
  build_base
  if wanted jre; then build_jre; fi
  fetch
  local name
  for name in kafka postgres greenmail prometheus keycloak; do
    if wanted "$name"; then "build_$name"; fi
  done
  # Earlier builds of these images, now untagged.
  docker image prune -f --filter "label=$label" >/dev/null
  log "Done in $((SECONDS - started)) s:"
  docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' \
    | grep -E '^(tocsin/(base|jre)|tocsin-local/)' | grep -v ':latest ' | sort | sed 's/^/  /' >&2
}

main

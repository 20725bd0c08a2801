# shellcheck shell=bash
# Docker helpers of bin/coxswain: the engine the docker runtime talks to (found, or started
# for the tests and stopped again) and the local images pods run (no registry is reachable
# here, so images are made from Debian's busybox-static). Sourced, never run.
#
# Globals expected from bin/coxswain: REPO_ROOT, say/step/warn/die (common.sh).
#
# Environment:
#   COXSWAIN_DOCKER_HOST     the engine (default unix:///var/run/docker.sock); also given to workers
#   COXSWAIN_DOCKER_STATE    where a dockerd started here keeps its PID, log, users and the host
#                            settings to restore (default /tmp/coxswain-dockerd)
#   COXSWAIN_BUSYBOX_IMAGE   the image `images` builds (default coxswain/busybox:1)

COXSWAIN_DOCKER_HOST=${COXSWAIN_DOCKER_HOST:-unix:///var/run/docker.sock}
COXSWAIN_BUSYBOX_IMAGE=${COXSWAIN_BUSYBOX_IMAGE:-coxswain/busybox:1}
COXSWAIN_BUSYBOX_IMAGE_V2=${COXSWAIN_BUSYBOX_IMAGE_V2:-coxswain/busybox:2}
DOCKER_STATE_DIR=${COXSWAIN_DOCKER_STATE:-/tmp/coxswain-dockerd}
DOCKERD_PID_FILE=$DOCKER_STATE_DIR/dockerd.pid
DOCKERD_LOG=$DOCKER_STATE_DIR/dockerd.log
DOCKER_USERS_DIR=$DOCKER_STATE_DIR/users
DOCKER_ENGINE_LOCK=$DOCKER_STATE_DIR/engine.lock
DOCKER_READY_TIMEOUT=${COXSWAIN_DOCKER_TIMEOUT:-60}

# The docker CLI against our engine. /usr/local/bin/docker may be a newer client (28.x) than
# Debian's daemon (20.10, API 1.41): it negotiates the daemon's API version down by itself
# (checked: `docker version` shows API 1.41), so no version is forced — forcing 1.41 would
# break against a newer daemon that no longer serves it. Set DOCKER_API_VERSION to force one.
docker_cli() {
  DOCKER_HOST=$COXSWAIN_DOCKER_HOST docker "$@"
}

docker_installed() { command -v docker >/dev/null 2>&1 && command -v dockerd >/dev/null 2>&1; }

# Whether docker_engine_start can succeed: an engine answers, or one can be started here (the
# default socket, and docker.io installed or installable as root).
docker_engine_can_start() { [[ -z $(docker_engine_cannot_start_why) ]]; }

docker_engine_cannot_start_why() {
  docker_engine_answers && return 0
  if [[ $COXSWAIN_DOCKER_HOST != unix:///var/run/docker.sock ]]; then
    printf 'only the default socket is started here'
  elif ! docker_installed && [[ $(id -u) != 0 ]]; then
    printf 'docker.io is not installed and only root installs it here'
  fi
}

# True when an engine answers at COXSWAIN_DOCKER_HOST (a few seconds at most).
docker_engine_answers() {
  command -v docker >/dev/null 2>&1 || return 1
  timeout 10 env DOCKER_HOST="$COXSWAIN_DOCKER_HOST" docker info >/dev/null 2>&1
}

docker_image_exists() {
  docker_cli image inspect "$1" >/dev/null 2>&1
}

# Debian's docker.io (dockerd 20.10 and its containerd, runc, docker-init). We are root on
# these machines; anything else has to install it by hand.
docker_install() {
  docker_installed && command -v docker-init >/dev/null 2>&1 && return 0
  [[ $(id -u) == 0 ]] || die "docker is not installed and we are not root: install docker.io first"
  step "installing docker.io (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >"${TMPDIR:-/tmp}/coxswain-apt-docker.log" 2>&1 ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >"${TMPDIR:-/tmp}/coxswain-apt-docker.log" 2>&1; } ||
    die "apt-get install docker.io failed (see ${TMPDIR:-/tmp}/coxswain-apt-docker.log)"
}

# One dockerd started here can serve several users at once: `bin/coxswain test` runs and the
# clusters (COXSWAIN_HOMEs) whose docker workers run on it — all at the one default socket. So
# who uses it is recorded: a file per user in $DOCKER_USERS_DIR, made when the user starts or
# finds that engine (docker_engine_start USER) and removed when it is done
# (docker_engine_release USER); the last user to leave stops it. That directory is made only
# when this code starts dockerd, so an engine that was already running — started by hand, by
# systemd, or by an earlier coxswain that kept no users — is used but never stopped here.
# Users are `test-<pid>` (gone when that process is) and `home-<cksum>` holding the home's path
# (gone when that home's `down` runs, its directory was deleted, or none of its members runs). A user that vanished
# without leaving (a killed test run) keeps the engine running: the safe way to be wrong.
# A lock makes start, join and leave one step each, so two commands never race to start two
# daemons or stop one under a newcomer.

# The user name of the cluster in $COXSWAIN_HOME.
docker_home_user() {
  printf 'home-%s' "$(printf '%s' "$COXSWAIN_HOME" | cksum | cut -d' ' -f1)"
}

docker_engine_lock() {
  mkdir -p "$DOCKER_STATE_DIR"
  exec 7>"$DOCKER_ENGINE_LOCK"
  flock -w 300 7 || die "timed out waiting for $DOCKER_ENGINE_LOCK"
}

docker_engine_unlock() { exec 7>&-; }

# A dockerd this code started and keeps the users of.
docker_engine_is_ours() { [[ -d $DOCKER_USERS_DIR ]]; }

docker_engine_pid() { cat "$DOCKERD_PID_FILE" 2>/dev/null || true; }

docker_user_join() {
  docker_engine_is_ours || return 0
  case $1 in
    test-*) printf '%s\n' "${1#test-}" >"$DOCKER_USERS_DIR/$1" ;;
    *) printf '%s\n' "$COXSWAIN_HOME" >"$DOCKER_USERS_DIR/$1" ;;
  esac
}

# Forgets users that are gone without leaving: test runs whose process ended, homes deleted.
docker_users_prune() {
  local file what
  for file in "$DOCKER_USERS_DIR"/*; do
    [[ -e $file ]] || continue
    what=$(cat "$file" 2>/dev/null || true)
    case $(basename "$file") in
      test-*) kill -0 "$what" 2>/dev/null || rm -f "$file" ;;
      home-*) docker_home_in_use "$what" "$file" || rm -f "$file" ;;
    esac
  done
}

# A cluster home still uses the engine while its directory exists and one of its members runs,
# or while it joined only minutes ago (`up` joins before it starts its members). A home whose
# members all died without `down` (a killed machine session) no longer keeps the engine.
docker_home_in_use() {
  local home=$1 user_file=$2 pid_file
  [[ -n $home && -d $home ]] || return 1
  [[ -n $(find "$user_file" -mmin -10 2>/dev/null) ]] && return 0
  for pid_file in "$home"/pids/*.pid; do
    [[ -e $pid_file ]] || continue
    kill -0 "$(cat "$pid_file" 2>/dev/null)" 2>/dev/null && return 0
  done
  return 1
}

docker_users() {
  local file separator=''
  for file in "$DOCKER_USERS_DIR"/*; do
    [[ -e $file ]] || continue
    case $(basename "$file") in
      test-*) printf '%sa test run (pid %s)' "$separator" "$(cat "$file")" ;;
      *) printf '%sthe cluster in %s' "$separator" "$(cat "$file")" ;;
    esac
    separator=', '
  done
}

# Makes sure an engine answers for USER: the one that answers (joining it if this code started
# it), or a dockerd started now in the background (there is no systemd here; docker.io is
# installed first when missing), with its PID recorded so that exactly that daemon is stopped
# later, and the host settings dockerd changes (ip_forward, the FORWARD policy) recorded to put
# them back. Sets DOCKERD_STARTED=1 when it started one.
DOCKERD_STARTED=0
docker_engine_start() {
  local user=$1
  docker_engine_lock
  if docker_engine_answers; then
    if docker_engine_is_ours; then
      docker_user_join "$user"
      say "docker: the dockerd coxswain started (pid $(docker_engine_pid)) answers at $COXSWAIN_DOCKER_HOST; using it"
    else
      say "docker: an engine answers at $COXSWAIN_DOCKER_HOST; using it"
    fi
    docker_engine_unlock
    return 0
  fi
  [[ $COXSWAIN_DOCKER_HOST == unix:///var/run/docker.sock ]] ||
    die "no Docker engine answers at $COXSWAIN_DOCKER_HOST (only the default socket is started here)"
  docker_install
  if [[ -f $DOCKERD_PID_FILE ]] && kill -0 "$(docker_engine_pid)" 2>/dev/null; then
    die "a dockerd we started (pid $(docker_engine_pid)) runs but does not answer; see $DOCKERD_LOG"
  fi
  cat /proc/sys/net/ipv4/ip_forward >"$DOCKER_STATE_DIR/ip_forward.before"
  iptables -S FORWARD 2>/dev/null | awk '$1 == "-P" { print $3 }' >"$DOCKER_STATE_DIR/forward-policy.before" || true
  ip link show docker0 >/dev/null 2>&1 && echo yes >"$DOCKER_STATE_DIR/docker0.before" || echo no >"$DOCKER_STATE_DIR/docker0.before"
  step "starting dockerd (log: $DOCKERD_LOG)"
  local start=$EPOCHREALTIME
  # setsid: its own session, so a Ctrl-C of the test run does not hit it before we stop it.
  # It inherits none of our lock descriptors.
  setsid dockerd >"$DOCKERD_LOG" 2>&1 </dev/null 9>&- 8>&- 7>&- &
  echo $! >"$DOCKERD_PID_FILE"
  # Users recorded before stay: a dockerd of ours that died leaves clusters that still need one.
  mkdir -p "$DOCKER_USERS_DIR"
  docker_user_join "$user"
  # shellcheck disable=SC2034  # read by bin/coxswain
  DOCKERD_STARTED=1
  local waited=0
  until docker_engine_answers; do
    kill -0 "$(docker_engine_pid)" 2>/dev/null || { show_log_tail "$DOCKERD_LOG" 30; die "dockerd exited"; }
    ((waited++ < DOCKER_READY_TIMEOUT * 2)) || { show_log_tail "$DOCKERD_LOG" 30; die "dockerd did not answer in ${DOCKER_READY_TIMEOUT}s"; }
    sleep 0.5
  done
  say "    dockerd pid $(docker_engine_pid), ready in $(elapsed_since "$start")s"
  docker_engine_unlock
}

# USER is done with the engine. When it was the last user of a dockerd this code started, that
# dockerd is stopped (docker_engine_stop), after BEFORE_STOP (a function, optional: e.g. removing
# the containers a test run left) has run. Any other engine is left alone.
docker_engine_release() {
  local user=$1 before_stop=${2:-}
  docker_engine_is_ours || return 0
  docker_engine_lock
  if docker_engine_is_ours; then
    rm -f "$DOCKER_USERS_DIR/$user"
    docker_users_prune
    if [[ -z $(ls -A "$DOCKER_USERS_DIR") ]]; then
      [[ -z $before_stop ]] || "$before_stop"
      docker_engine_stop
      rm -rf "$DOCKER_USERS_DIR"
    else
      say "docker: dockerd (pid $(docker_engine_pid)) keeps running for $(docker_users)"
    fi
  fi
  docker_engine_unlock
}

# Stops the dockerd docker_engine_start started (by its recorded PID; never another one) and
# takes away what it leaves on the host: its iptables chains and rules, docker0, the netns
# mount, and ip_forward / the FORWARD policy as they were before.
docker_engine_stop() {
  [[ -f $DOCKERD_PID_FILE ]] || return 0
  local pid
  pid=$(cat "$DOCKERD_PID_FILE")
  if kill -0 "$pid" 2>/dev/null; then
    step "stopping dockerd (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited++ < 60)); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      warn "dockerd (pid $pid) still runs 30 s after SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
    fi
  fi
  rm -f "$DOCKERD_PID_FILE"
  docker_host_cleanup
}

docker_host_cleanup() {
  local table chain
  for table in filter nat; do
    # Rules of the built-in chains that jump to docker's chains, then the chains themselves.
    iptables -t "$table" -S 2>/dev/null | grep -E '^-A (FORWARD|PREROUTING|OUTPUT|POSTROUTING|INPUT) .*(DOCKER|docker0)' |
      while read -r _ rule; do
        # shellcheck disable=SC2086  # the rule's words, as iptables printed them
        iptables -t "$table" -D $rule 2>/dev/null || true
      done
    for chain in $(iptables -t "$table" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^DOCKER/ { print $2 }'); do
      iptables -t "$table" -F "$chain" 2>/dev/null || true
    done
    for chain in $(iptables -t "$table" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^DOCKER/ { print $2 }'); do
      iptables -t "$table" -X "$chain" 2>/dev/null || true
    done
  done
  local policy
  policy=$(cat "$DOCKER_STATE_DIR/forward-policy.before" 2>/dev/null || true)
  [[ -z $policy ]] || iptables -P FORWARD "$policy" 2>/dev/null || true
  [[ ! -f $DOCKER_STATE_DIR/ip_forward.before ]] ||
    cat "$DOCKER_STATE_DIR/ip_forward.before" >/proc/sys/net/ipv4/ip_forward 2>/dev/null || true
  if [[ $(cat "$DOCKER_STATE_DIR/docker0.before" 2>/dev/null) != yes ]] && ip link show docker0 >/dev/null 2>&1; then
    ip link delete docker0 2>/dev/null || true
  fi
  if mountpoint -q /run/docker/netns/default 2>/dev/null; then umount /run/docker/netns/default 2>/dev/null || true; fi
  rm -f "$DOCKER_STATE_DIR"/*.before
}

# ------------------------------------------------------------------------ local images

# Makes $COXSWAIN_BUSYBOX_IMAGE when the engine does not have it: a root file system of
# Debian's statically linked busybox (every applet a symlink in /bin, a passwd and group with
# root and nobody, /tmp) imported as a single-layer image. ~2 MB, a second or two; nothing is
# pulled. The image has no CMD: pods always say what to run. Debian's busybox wget segfaults
# in it: use nc (and busybox httpd to serve).
# The local images pods run: the busybox image, and a second version of it (the same tools, its
# own /etc/coxswain-image) for rolling updates from one image to another. Nothing is pulled.
docker_images_build() {
  local image
  if (($# == 0)); then
    set -- "$COXSWAIN_BUSYBOX_IMAGE" "$COXSWAIN_BUSYBOX_IMAGE_V2"
  fi
  for image in "$@"; do
    docker_image_build "$image"
  done
}

docker_image_build() {
  local image=$1
  if docker_image_exists "$image"; then
    say "image $image: present"
    return 0
  fi
  local busybox=/bin/busybox
  if ! file_is_static_busybox "$busybox"; then
    if ! dpkg -s busybox-static >/dev/null 2>&1; then
      [[ $(id -u) == 0 ]] || die "busybox-static is not installed and we are not root"
      step "installing busybox-static (apt-get)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q busybox-static >/dev/null 2>&1 ||
        die "apt-get install busybox-static failed"
    fi
    busybox=$(dpkg -L busybox-static | grep -E '/bin/busybox$' | head -n 1)
  fi
  file_is_static_busybox "$busybox" || die "no statically linked busybox found (looked at $busybox)"
  step "building image $image from $busybox"
  local root
  root=$(mktemp -d "${TMPDIR:-/tmp}/coxswain-busybox.XXXXXX")
  # shellcheck disable=SC2064  # expand now: the folder is this call's
  trap "rm -rf '$root'" RETURN
  mkdir -p "$root"/{bin,etc,tmp,root,var/www,home} && chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  chroot "$root" /bin/busybox --install -s /bin
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  printf '%s\n' "$image" >"$root/etc/coxswain-image"
  tar -C "$root" -c . | docker_cli import --message "coxswain busybox ($(basename "$busybox"))" - "$image" >/dev/null ||
    die "docker import of $image failed"
  say "    image $image built ($(docker_cli image inspect -f '{{.Size}}' "$image") bytes)"
}

file_is_static_busybox() {
  [[ -x $1 ]] && ! ldd "$1" >/dev/null 2>&1
}

# shellcheck shell=bash disable=SC2034  # globals here are used by the other files
# Shared helpers of bin/coxswain: output, the state directory, cluster.env, member
# processes (pid files, liveness), ports and HTTP probes. Sourced, never run.
#
# Globals expected from bin/coxswain: REPO_ROOT, COXSWAIN_HOME.

# ----------------------------------------------------------------------------- output

say()  { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
warn() { printf 'coxswain: warning: %s\n' "$*" >&2; }
die()  { printf 'coxswain: error: %s\n' "$*" >&2; exit 1; }

# Seconds since $1 (an $EPOCHREALTIME value), one decimal: "4.7".
elapsed_since() {
  local start=$1 now=$EPOCHREALTIME
  awk -v a="$start" -v b="$now" 'BEGIN { printf "%.1f", b - a }'
}

# The last lines of a log, indented, so a failure shows its cause right away. With a
# byte offset, only what was written after it (this start, not the previous ones).
show_log_tail() {
  local log=$1 lines=${2:-40} from=${3:-0}
  if [[ -s $log ]]; then
    say "---- last $lines lines of $log ----"
    tail -c "+$((from + 1))" "$log" | tail -n "$lines" | sed 's/^/    /'
    say "---- end of $log ----"
  else
    say "(log $log is empty or missing)"
  fi
}

# Where the member's current run starts in its log (set by launch_member).
declare -gA LOG_OFFSET=()

show_member_log_tail() {
  local member=$1
  show_log_tail "$(log_file "$member")" 40 "${LOG_OFFSET[$member]:-0}"
}

# ----------------------------------------------------------------------- state layout
# Everything a cluster owns lives under $COXSWAIN_HOME, so tests can run their own
# cluster in a temporary folder without touching the developer's one.

PIDS_DIR=$COXSWAIN_HOME/pids
LOGS_DIR=$COXSWAIN_HOME/logs
CLUSTER_ENV=$COXSWAIN_HOME/cluster.env
KUBECONFIG_FILE=$COXSWAIN_HOME/kubeconfig

ensure_state_dirs() {
  mkdir -p "$PIDS_DIR" "$LOGS_DIR"
}

# One bin/coxswain at a time per COXSWAIN_HOME (two concurrent `up`s would start
# everything twice). Children are started with fd 9 closed so they never hold it.
take_state_lock() {
  ensure_state_dirs
  exec 9>"$COXSWAIN_HOME/.lock"
  if ! flock -n 9; then
    say "another bin/coxswain is working on $COXSWAIN_HOME; waiting for it …"
    flock -w 600 9 || die "gave up waiting for the lock $COXSWAIN_HOME/.lock"
  fi
}

# ------------------------------------------------------------------------ cluster.env
# Plain KEY=value lines (no quotes, no shell), so Java tests can read it too. Loaded
# into the associative array CFG; written back in a stable order by save_cluster_env.

declare -gA CFG=()

cluster_env_exists() { [[ -f $CLUSTER_ENV ]]; }

load_cluster_env() {
  CFG=()
  cluster_env_exists || return 0
  local line key value
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    if [[ $line =~ ^([A-Z][A-Z0-9_]*)=(.*)$ ]]; then
      key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
      CFG[$key]=$value
    else
      warn "ignoring a malformed line in $CLUSTER_ENV: $line"
    fi
  done <"$CLUSTER_ENV"
}

cfg() { printf '%s' "${CFG[$1]:-${2:-}}"; }

save_cluster_env() {
  local tmp=$CLUSTER_ENV.tmp key
  {
    say "# Written by bin/coxswain. The ports are picked once and reused by every later"
    say "# 'up' and 'start NAME', so members keep their identity and Cassandra its data."
    say "# KEY=value lines, no quoting; safe to read from Java or a shell."
    for key in CLUSTER_NAME CLUSTER_ID MASTERS WORKERS WORKERS_REQUESTED PROCESS_WORKERS RUNTIME SIMULATED_NODES \
               PORT_BASE \
               CASSANDRA_NATIVE_PORT CASSANDRA_STORAGE_PORT; do
      if [[ -n ${CFG[$key]:-} ]]; then say "$key=${CFG[$key]}"; fi
    done
    # Per-member ports, in member order (MASTER_1_…, MASTER_2_…, …, then workers).
    printf '%s\n' "${!CFG[@]}" | { grep -E '^(MASTER|WORKER)_[0-9]+_' || true; } \
      | sort -t_ -k1,1 -k2,2n -k3 | while IFS= read -r key; do
          say "$key=${CFG[$key]}"
        done
  } >"$tmp"
  mv "$tmp" "$CLUSTER_ENV"
}

# --------------------------------------------------------------------------- members
# Member names: cassandra, master-<n>, worker-<n>.

member_role() {
  case $1 in
    cassandra) say cassandra ;;
    master-[1-9]*) say master ;;
    worker-[1-9]*) say worker ;;
    *) return 1 ;;
  esac
}

# master-2 -> 2
member_index() { printf '%s' "${1##*-}"; }

# master-2 -> MASTER_2 (the prefix of its keys in cluster.env)
member_key() {
  local role index
  role=$(member_role "$1") index=$(member_index "$1")
  printf '%s_%s' "${role^^}" "$index"
}

# Every member the recorded cluster has, in start order.
cluster_members() {
  local i
  say cassandra
  for ((i = 1; i <= $(cfg MASTERS 0); i++)); do say "master-$i"; done
  for ((i = 1; i <= $(cfg WORKERS 0); i++)); do say "worker-$i"; done
}

pid_file() { printf '%s/%s.pid' "$PIDS_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$LOGS_DIR" "$1"; }

recorded_pid() {
  local file
  file=$(pid_file "$1")
  [[ -f $file ]] && tr -cd '0-9' <"$file"
  return 0
}

# True if process $1 exists and is not a zombie. Used for a child just launched, whose
# environment may not show its member identity until `env` has exec'd.
process_running() {
  local pid=$1 state
  [[ -n $pid ]] || return 1
  state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# True if $pid is a live (not zombie) process that WE started as member $member of
# THIS home: every member is started with COXSWAIN_HOME and COXSWAIN_MEMBER in its
# environment, which guards against a recycled PID belonging to someone else.
is_our_process() {
  local pid=$1 member=$2 state
  [[ -n $pid && -r /proc/$pid/environ ]] || return 1
  state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z && $state != X ]] || return 1
  local environ
  environ=$( { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null) || return 1
  grep -qxF "COXSWAIN_MEMBER=$member" <<<"$environ" &&
    grep -qxF "COXSWAIN_HOME=$COXSWAIN_HOME" <<<"$environ"
}

# Prints the member's PID and succeeds if it is running.
member_pid() {
  local pid
  pid=$(recorded_pid "$1")
  is_our_process "$pid" "$1" && printf '%s' "$pid"
}

member_alive() { member_pid "$1" >/dev/null; }

any_member_alive() {
  local file member
  for file in "$PIDS_DIR"/*.pid; do
    [[ -e $file ]] || continue
    member=$(basename "$file" .pid)
    member_alive "$member" && return 0
  done
  return 1
}

# Starts a member in the background, detached in its own session (setsid) so it
# outlives this script and its process group can be signalled as one. Output is
# appended to logs/<member>.log; the PID goes to pids/<member>.pid.
#   launch_member NAME VAR=value … -- command args…
# Sets LAUNCHED_PID.
launch_member() {
  local member=$1; shift
  local -a envs=()
  while [[ $# -gt 0 && $1 != -- ]]; do envs+=("$1"); shift; done
  [[ ${1:-} == -- ]] && shift
  local log
  log=$(log_file "$member")
  LOG_OFFSET[$member]=$(stat -c %s "$log" 2>/dev/null || echo 0)
  printf '\n=== %s: bin/coxswain starts %s ===\n' "$(date '+%F %T')" "$member" >>"$log"
  # setsid does not fork here (a background job of a non-interactive shell is no group
  # leader) and env execs, so $! is the PID of the member's JVM itself.
  setsid env COXSWAIN_HOME="$COXSWAIN_HOME" COXSWAIN_MEMBER="$member" "${envs[@]}" "$@" \
    </dev/null >>"$log" 2>&1 9>&- &
  LAUNCHED_PID=$!
  printf '%s\n' "$LAUNCHED_PID" >"$(pid_file "$member")"
}

# Sends $signal to a member: to its whole process group when it leads one (it does when
# we started it with setsid), so helper children of a wrapper go too.
signal_member() {
  local member=$1 signal=$2 pid pgid
  pid=$(member_pid "$member") || return 1
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')
  if [[ $pgid == "$pid" ]]; then
    kill -s "$signal" -- "-$pid" 2>/dev/null || kill -s "$signal" "$pid" 2>/dev/null || true
  else
    kill -s "$signal" "$pid" 2>/dev/null || true
  fi
}

# Waits until none of the given members is alive, up to $1 seconds. Succeeds if all
# are gone.
wait_members_gone() {
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout)) member alive
  while :; do
    alive=0
    for member in "$@"; do member_alive "$member" && alive=1; done
    ((alive == 0)) && return 0
    ((SECONDS >= deadline)) && return 1
    sleep 0.2
  done
}

# Stops members gracefully: SIGTERM to all at once, up to $1 seconds for them to exit,
# then SIGKILL for the stragglers. Pid files are removed afterwards.
stop_members() {
  local grace=$1; shift
  local -a running=()
  local member
  for member in "$@"; do
    member_alive "$member" && running+=("$member")
  done
  for member in "$@"; do
    member_alive "$member" || rm -f "$(pid_file "$member")"
  done
  ((${#running[@]} > 0)) || return 0

  local start=$EPOCHREALTIME
  for member in "${running[@]}"; do
    say "    stopping $member (pid $(member_pid "$member"), SIGTERM)"
    signal_member "$member" TERM || true
  done
  if ! wait_members_gone "$grace" "${running[@]}"; then
    for member in "${running[@]}"; do
      if member_alive "$member"; then
        warn "$member did not stop within ${grace}s; sending SIGKILL"
        signal_member "$member" KILL || true
      fi
    done
    wait_members_gone 10 "${running[@]}" ||
      warn "some members are still alive after SIGKILL: ${running[*]}"
  fi
  say "    stopped ${running[*]} in $(elapsed_since "$start")s"
  for member in "${running[@]}"; do
    member_alive "$member" || rm -f "$(pid_file "$member")"
  done
}

# ----------------------------------------------------------------------------- ports

# True if something listens on TCP or UDP port $1 (on any address). Only listening
# sockets count: a TIME_WAIT left by a previous run of the same member does not stop
# our servers (they bind with SO_REUSEADDR), and must not make us move ports.
port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [[ -n $(ss -Hltun "sport = :$port" 2>/dev/null) ]]
  else
    tcp_port_open "$port"
  fi
}

tcp_port_open() {
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# The first port pick starts from COXSWAIN_PORT_BASE; otherwise from 17000 for the
# default home and from a base derived from the home's path for any other home, so
# parallel test clusters start far apart instead of racing for the same ports. All
# bases stay below Linux's ephemeral range (32768+), where outgoing connections live.
default_port_base() {
  if [[ -n ${COXSWAIN_PORT_BASE:-} ]]; then
    if ! [[ $COXSWAIN_PORT_BASE =~ ^[0-9]+$ ]] || ((COXSWAIN_PORT_BASE <= 1024 || COXSWAIN_PORT_BASE >= 65000)); then
      die "COXSWAIN_PORT_BASE must be a number between 1025 and 64999 (got '$COXSWAIN_PORT_BASE')"
    fi
    printf '%s' "$COXSWAIN_PORT_BASE"
  elif [[ $COXSWAIN_HOME == "$DEFAULT_COXSWAIN_HOME" ]]; then
    printf '17000'
  else
    local hash
    hash=$(printf '%s' "$COXSWAIN_HOME" | cksum | cut -d' ' -f1)
    printf '%s' $((20000 + (hash % 1200) * 10))
  fi
}

# The ports recorded in CFG (so a fresh pick never hands out one of ours twice).
recorded_ports() {
  local key
  for key in "${!CFG[@]}"; do
    if [[ $key == *_PORT ]]; then say "${CFG[$key]}"; fi
  done
}

NEXT_PORT=
# Picks the next free port not already recorded and stores it in CFG[$1].
allocate_port() {
  local key=$1 port taken
  [[ -n $NEXT_PORT ]] || NEXT_PORT=$(cfg PORT_BASE "$(default_port_base)")
  taken=" $(recorded_ports | tr '\n' ' ') "
  port=$NEXT_PORT
  while [[ $taken == *" $port "* ]] || port_in_use "$port"; do
    port=$((port + 1))
    ((port < 65535)) || die "no free port found above $NEXT_PORT"
  done
  CFG[$key]=$port
  NEXT_PORT=$((port + 1))
}

# Makes sure CFG has a port under $1: reuses the recorded one (same identity and data
# after down/up) unless something else now listens there, in which case it moves.
ensure_port() {
  local key=$1 old=${CFG[$1]:-}
  if [[ -z $old ]]; then
    allocate_port "$key"
  elif port_in_use "$old"; then
    unset "CFG[$key]"
    allocate_port "$key"
    warn "port $old ($key) is taken by another process; using ${CFG[$key]} instead"
  fi
}

# --------------------------------------------------------------------------- probes

# HTTP status code of GET http://127.0.0.1:$1$2 ("000" when nothing answers).
http_status() {
  local port=$1 path=$2
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port$path" 2>/dev/null || true
  else
    # No curl: a bare HTTP/1.0 request over bash's /dev/tcp; the status line is enough.
    # shellcheck disable=SC2016  # $1/$2 expand in the inner bash
    timeout 3 bash -c '
      exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
      printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" "$2" >&3
      IFS=" " read -r _ code _ <&3 && printf "%s" "$code"' _ "$port" "$path" 2>/dev/null || printf '000'
  fi
}

# Body of GET http://127.0.0.1:$1$2 (empty when nothing answers or curl is missing).
http_body() {
  command -v curl >/dev/null 2>&1 || return 0
  curl -s --max-time 5 "http://127.0.0.1:$1$2" 2>/dev/null || true
}

# /readyz answers 200 once the master is an Up member, its watch cache is loaded and caught up
# with the cluster's newest version, and the built-in namespaces exist (kube-apiserver's format;
# /readyz?verbose names the checks and why one fails).
api_answers() { [[ $(http_status "$1" /readyz) == 200 ]]; }

# --------------------------------------------------------------------------------- java

java_bin() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    printf '%s' "$JAVA_HOME/bin/java"
  else
    command -v java >/dev/null 2>&1 || die "java not found (install a JDK 17 or set JAVA_HOME)"
    printf 'java'
  fi
}

# Major version of a java binary: 17, 21, …
java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

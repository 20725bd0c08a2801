# shellcheck shell=bash
# Masters and workers of a local Coxswain cluster, and the kubeconfig that points at the
# masters. Sourced by bin/coxswain, after common.sh.
#
# The contract with the Java side (MasterMain / WorkerMain) is the environment:
#   COXSWAIN_MEMBER        master-1 … / worker-1 …
#   COXSWAIN_HOST          127.0.0.1 (Artery canonical hostname)
#   COXSWAIN_REMOTE_PORT   this member's Artery port
#   COXSWAIN_HTTP_PORT     masters: the Kubernetes API port
#   COXSWAIN_SEEDS         pekko://coxswain@127.0.0.1:<p1>,… every master's Artery port, in order
#   COXSWAIN_CASSANDRA     masters: 127.0.0.1:<cql port>
#   COXSWAIN_RUNTIME       workers: docker | process | simulated
#   COXSWAIN_DOCKER_HOST   workers: the Docker engine (docker runtime)
#   COXSWAIN_CLUSTER_ID    workers: labels the docker runtime's containers with their cluster
#   COXSWAIN_HOME          the state directory

MASTER_READY_TIMEOUT=${COXSWAIN_MASTER_TIMEOUT:-120}
WORKER_SETTLE_SECONDS=3
WORKER_REGISTER_TIMEOUT=${COXSWAIN_WORKER_REGISTER_TIMEOUT:-90}

# Workers run the node agent (node-actor); COXSWAIN_ENABLE_WORKERS=0 leaves them out.
workers_available() { [[ ${COXSWAIN_ENABLE_WORKERS:-1} == 1 ]]; }

worker_runtime() {
  if (($(worker_simulated_nodes "$1") > 0)); then printf 'simulated'; else cfg "WORKER_$1_RUNTIME" "$(cfg RUNTIME process)"; fi
}

master_http_port()   { cfg "MASTER_$1_HTTP_PORT"; }
master_remote_port() { cfg "MASTER_$1_REMOTE_PORT"; }

seed_list() {
  local i seeds=()
  for ((i = 1; i <= $(cfg MASTERS 0); i++)); do
    seeds+=("pekko://coxswain@127.0.0.1:$(master_remote_port "$i")")
  done
  local IFS=,
  printf '%s' "${seeds[*]}"
}

# The members' own environment (beyond COXSWAIN_HOME and COXSWAIN_MEMBER, which
# launch_member always sets).
master_env() {
  local i=$1
  printf '%s\n' \
    COXSWAIN_HOST=127.0.0.1 \
    "COXSWAIN_REMOTE_PORT=$(master_remote_port "$i")" \
    "COXSWAIN_HTTP_PORT=$(master_http_port "$i")" \
    "COXSWAIN_SEEDS=$(seed_list)" \
    "COXSWAIN_CASSANDRA=127.0.0.1:$(cfg CASSANDRA_NATIVE_PORT)"
}

worker_env() {
  local i=$1
  printf '%s\n' \
    COXSWAIN_HOST=127.0.0.1 \
    "COXSWAIN_REMOTE_PORT=$(cfg "WORKER_${i}_REMOTE_PORT")" \
    "COXSWAIN_SEEDS=$(seed_list)" \
    "COXSWAIN_RUNTIME=$(worker_runtime "$i")" \
    "COXSWAIN_DOCKER_HOST=$COXSWAIN_DOCKER_HOST" \
    "COXSWAIN_CLUSTER_ID=$(cfg CLUSTER_ID local)"
  # The JVM of the simulated nodes registers no Node of its own (it would take ordinary pods).
  if (($(worker_simulated_nodes "$i") > 0)); then
    printf '%s\n' "COXSWAIN_SIMULATED_NODES=$(worker_simulated_nodes "$i")" COXSWAIN_OWN_NODE=false
  fi
}

worker_simulated_nodes() { cfg "WORKER_$1_SIMULATED_NODES" 0; }

# The command of a master. COXSWAIN_MASTER_CMD (run by bash -c, with the environment
# above) replaces the JVM, e.g. to try this script against a stand-in.
master_command() {
  if [[ -n ${COXSWAIN_MASTER_CMD:-} ]]; then
    printf '%s\n' bash -c "$COXSWAIN_MASTER_CMD"
    return
  fi
  local -a opts=()
  read -r -a opts <<<"${COXSWAIN_MASTER_JAVA_OPTS:-}"
  printf '%s\n' "$(java_bin)" -Xms128m -Xmx512m -XX:+UseSerialGC \
    "-Dconfig.file=$REPO_ROOT/config/master.conf" \
    "-Dlogback.configurationFile=$REPO_ROOT/config/logback.xml" \
    "${opts[@]}" \
    -cp "$REPO_ROOT/control-plane/target/classes:$REPO_ROOT/control-plane/target/lib/*" \
    io.coxswain.controlplane.MasterMain
}

worker_command() {
  if [[ -n ${COXSWAIN_WORKER_CMD:-} ]]; then
    printf '%s\n' bash -c "$COXSWAIN_WORKER_CMD"
    return
  fi
  local -a opts=()
  read -r -a opts <<<"${COXSWAIN_WORKER_JAVA_OPTS:-}"
  # C1 only (TieredStopAtLevel=1): a worker's work is light, and C2 compiling at start-up takes
  # CPU the masters need when several JVMs start at once on a small machine.
  printf '%s\n' "$(java_bin)" -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    "-Dconfig.file=$REPO_ROOT/config/worker.conf" \
    "-Dlogback.configurationFile=$REPO_ROOT/config/logback.xml" \
    "${opts[@]}" \
    -cp "$REPO_ROOT/node-actor/target/classes:$REPO_ROOT/node-actor/target/lib/*" \
    io.coxswain.node.WorkerMain
}

check_master_jars() {
  [[ -n ${COXSWAIN_MASTER_CMD:-} ]] && return 0
  [[ -d $REPO_ROOT/control-plane/target/classes && -d $REPO_ROOT/control-plane/target/lib ]] ||
    die "control-plane is not built (no control-plane/target/classes or target/lib); run bin/coxswain up without COXSWAIN_SKIP_BUILD, or mvn -DskipTests install"
  [[ -f $REPO_ROOT/config/master.conf ]] || die "missing $REPO_ROOT/config/master.conf"
}

launch_master() {
  local i=$1 member=master-$1
  local -a envs cmd
  mapfile -t envs < <(master_env "$i")
  mapfile -t cmd < <(master_command)
  launch_member "$member" "${envs[@]}" -- "${cmd[@]}"
  say "    $member  pid $LAUNCHED_PID  http $(master_http_port "$i")  remote $(master_remote_port "$i")"
}

launch_worker() {
  local i=$1 member=worker-$1
  local -a envs cmd
  mapfile -t envs < <(worker_env "$i")
  mapfile -t cmd < <(worker_command)
  launch_member "$member" "${envs[@]}" -- "${cmd[@]}"
  local what="runtime $(worker_runtime "$i")"
  (($(worker_simulated_nodes "$i") == 0)) || what="$(worker_simulated_nodes "$i") simulated nodes"
  say "    $member  pid $LAUNCHED_PID  remote $(cfg "WORKER_${i}_REMOTE_PORT")  $what"
}

# Waits until every given master answers GET /readyz with 200, printing a line for each
# as it gets ready. A master that dies fails at once; one still silent after
# MASTER_READY_TIMEOUT seconds fails with its log tail. Either way the others are left
# running (so their logs and `status` can be inspected); `down` stops them.
wait_masters_ready() {
  local -a pending=("$@")
  local start=$EPOCHREALTIME deadline=$((SECONDS + MASTER_READY_TIMEOUT))
  local next_note=$((SECONDS + 10)) i member still port
  while ((${#pending[@]} > 0)); do
    still=()
    for i in "${pending[@]}"; do
      member=master-$i port=$(master_http_port "$i")
      if api_answers "$port"; then
        say "    $member ready after $(elapsed_since "$start")s (http://127.0.0.1:$port/readyz → 200)"
      elif ! process_running "$(recorded_pid "$member")"; then
        say "    $member exited before its API answered"
        show_member_log_tail "$member"
        die "$member failed to start (log: $(log_file "$member")); the other members are left running: bin/coxswain status / down"
      else
        still+=("$i")
      fi
    done
    pending=("${still[@]}")
    ((${#pending[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      for i in "${pending[@]}"; do
        say "    master-$i: not ready on http://127.0.0.1:$(master_http_port "$i")/readyz after ${MASTER_READY_TIMEOUT}s"
        show_member_log_tail "master-$i"
      done
      die "masters not ready:$(printf ' master-%s' "${pending[@]}"); they are left running for inspection: bin/coxswain logs NAME, bin/coxswain down"
    fi
    if ((SECONDS >= next_note)); then
      say "    … still waiting for$(printf ' master-%s' "${pending[@]}") ($(elapsed_since "$start")s)"
      next_note=$((SECONDS + 10))
    fi
    sleep 0.5
  done
}

# Workers have no readiness endpoint yet: alive a few seconds after start counts.
wait_workers_settled() {
  local i member
  sleep "$WORKER_SETTLE_SECONDS"
  for i in "$@"; do
    member=worker-$i
    if member_alive "$member"; then
      say "    $member running"
    else
      show_member_log_tail "$member"
      die "$member exited during start-up (log: $(log_file "$member"))"
    fi
  done
}

# Waits until each given worker's Node is registered (GET /api/v1/nodes/NAME answers 200
# on master 1), so that pods created right after `up` have somewhere to go. The JVM of
# simulated nodes has no Node of its own: its first virtual node stands for it.
wait_workers_registered() {
  local i node port deadline
  port=$(master_http_port 1)
  [[ -n $port ]] || return 0
  deadline=$((SECONDS + WORKER_REGISTER_TIMEOUT))
  for i in "$@"; do
    node=worker-$i
    (($(worker_simulated_nodes "$i") == 0)) || node=worker-$i-sim-000
    until [[ $(http_status "$port" "/api/v1/nodes/$node") == 200 ]]; do
      if ! member_alive "worker-$i"; then
        show_member_log_tail "worker-$i"
        die "worker-$i exited before registering its Node (log: $(log_file "worker-$i"))"
      fi
      ((SECONDS < deadline)) || die "Node $node not registered after ${WORKER_REGISTER_TIMEOUT}s (log: $(log_file "worker-$i"))"
      sleep 0.2
    done
    say "    Node $node registered"
  done
}

master_health() {
  local i=$1 port why
  if ! member_alive "master-$i"; then printf 'down'; return; fi
  port=$(master_http_port "$i")
  if api_answers "$port"; then printf 'up, ready'; return; fi
  # The failed checks of /readyz?verbose ("[-]watch-cache failed: loading … for 12 s").
  why=$(http_body "$port" '/readyz?verbose' | sed -n 's/^\[-\]//p' | paste -sd ';' - || true)
  printf 'alive, not ready%s' "${why:+ ($why)}"
}

worker_health() {
  if member_alive "worker-$1"; then printf 'alive'; else printf 'down'; fi
}

# One context per master, each with its own cluster entry, and a user without
# credentials; master-1 is current. Rewritten at every `up`, as ports may have moved.
write_kubeconfig() {
  local n i tmp=$KUBECONFIG_FILE.tmp
  n=$(cfg MASTERS 0)
  {
    say "# Written by bin/coxswain up: one context per master of the local cluster."
    say "apiVersion: v1"
    say "kind: Config"
    if ((n == 0)); then say "clusters: []"; else say "clusters:"; fi
    for ((i = 1; i <= n; i++)); do
      say "- name: master-$i"
      say "  cluster:"
      say "    server: http://127.0.0.1:$(master_http_port "$i")"
    done
    if ((n == 0)); then say "contexts: []"; else say "contexts:"; fi
    for ((i = 1; i <= n; i++)); do
      say "- name: master-$i"
      say "  context:"
      say "    cluster: master-$i"
      say "    user: coxswain"
      say "    namespace: default"
    done
    say "users:"
    say "- name: coxswain"
    say "  user: {}"
    if ((n > 0)); then say "current-context: master-1"; else say 'current-context: ""'; fi
    say "preferences: {}"
  } >"$tmp"
  mv "$tmp" "$KUBECONFIG_FILE"
}

# Ends the pods' containers once the workers are stopped (`down`): a worker that stops leaves
# them running so that a restarted one adopts them, but `down` means the whole cluster.
# Process runtime: every container record of this home whose launcher still runs, checked by
# PID and kernel start time (as the runtime itself does) and ended by process group — SIGTERM,
# then SIGKILL. Docker runtime: the containers labelled with this cluster's id. Never fails `down`.
stop_pod_containers() {
  local record pid ticks actual group left=()
  for record in "$COXSWAIN_HOME"/nodes/*/process/pods/*/runtime/*/container.json; do
    [[ -f $record && ! -f $(dirname "$record")/exitcode ]] || continue
    pid=$(grep -o '"pid" *: *[0-9]*' "$record" | grep -o '[0-9]*$' || true)
    ticks=$(grep -o '"startTicks" *: *-\?[0-9]*' "$record" | grep -o -- '-\?[0-9]*$' || true)
    [[ -n $pid && $pid -gt 0 && -r /proc/$pid/stat ]] || continue
    # Field 22 of /proc/PID/stat, counted after the ")" that ends the command name.
    actual=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $20}')
    [[ $actual == "$ticks" ]] || continue
    kill -TERM -- "-$pid" 2>/dev/null && left+=("$pid")
  done
  if ((${#left[@]} > 0)); then
    say "    ended ${#left[@]} pod container(s) of the process runtime"
    sleep 1
    for group in "${left[@]}"; do kill -KILL -- "-$group" 2>/dev/null || true; done
  fi
  local id
  id=$(cfg CLUSTER_ID '')
  if [[ -n $id ]] && docker_engine_answers 2>/dev/null; then
    local containers
    containers=$(docker_cli ps -aq --filter "label=io.coxswain.cluster=$id" 2>/dev/null || true)
    if [[ -n $containers ]]; then
      say "    removing $(wc -w <<<"$containers") pod container(s) of the docker runtime"
      # shellcheck disable=SC2086  # ids, one per word
      docker_cli rm -f $containers >/dev/null 2>&1 || true
    fi
  fi
  return 0
}

# shellcheck shell=bash
# The last step of `bin/coxswain test`: README's quick start, run as a new user runs it, on the
# machine the tests just ran on. Sourced by bin/coxswain, never run.
#
# The test run's own dockerd is stopped first (when this run started it and nobody else uses it),
# so on a fresh machine — docker.io installed, no engine running — this shows what a newcomer
# gets from `bin/coxswain up`: a dockerd started for the cluster, docker workers, a pod running as
# a container, and `bin/coxswain down` stopping that dockerd again. Where an engine was already
# running before the tests, it is used and left running, and the check says that it could only
# show that case.
#
# Globals expected from bin/coxswain: SCRIPT_PATH, COXSWAIN_DOCKER_HOST, COXSWAIN_BUSYBOX_IMAGE.

QUICKSTART_HOME=''
QUICKSTART_CLUSTER_UP=0

quickstart_check() {
  local engine_was_running=$1
  step "quick start check: bin/coxswain up, a pod on a docker worker, bin/coxswain down"
  if docker_engine_answers; then
    if [[ $engine_was_running == yes ]]; then
      say "    an engine ran here before the tests: this shows 'up' with a running engine (not the start of one)"
    else
      die "quick start check: the test run's dockerd still answers after the run released it"
    fi
  else
    say "    no Docker engine runs now; 'up' must start one (docker.io is installed)"
  fi
  QUICKSTART_HOME=$(mktemp -d "${TMPDIR:-/tmp}/coxswain-quickstart.XXXXXX")
  trap quickstart_cleanup EXIT
  local started=$EPOCHREALTIME
  QUICKSTART_CLUSTER_UP=1
  COXSWAIN_HOME=$QUICKSTART_HOME COXSWAIN_SKIP_BUILD=1 "$SCRIPT_PATH" up --masters 1 --workers 1 |
    tee "$QUICKSTART_HOME/up.out" | sed 's/^/    | /'
  ((PIPESTATUS[0] == 0)) || die "quick start check: bin/coxswain up failed (output above)"
  if [[ $engine_was_running != yes ]]; then
    grep -q 'runtime: docker (dockerd started for this cluster' "$QUICKSTART_HOME/up.out" ||
      die "quick start check: 'up' did not say it started a dockerd for the cluster"
  fi
  local kubectl=(kubectl --kubeconfig "$QUICKSTART_HOME/kubeconfig")
  local node
  node=$("${kubectl[@]}" get nodes -l coxswain.io/runtime=docker -o jsonpath='{.items[0].metadata.name}')
  [[ -n $node ]] || die "quick start check: no node with the docker runtime registered"
  "${kubectl[@]}" wait --for=condition=Ready "node/$node" --timeout=60s | sed 's/^/    /'
  "${kubectl[@]}" run quickstart --image="$COXSWAIN_BUSYBOX_IMAGE" --restart=Never -- sleep 300 | sed 's/^/    /'
  "${kubectl[@]}" wait --for=condition=Ready pod/quickstart --timeout=120s | sed 's/^/    /'
  local container
  container=$(docker_cli ps -q --filter label=io.coxswain.pod.name=quickstart --filter label=io.coxswain.container.name=quickstart)
  [[ -n $container ]] || die "quick start check: pod quickstart is Ready but no container of it runs on the engine"
  say "    pod quickstart runs as container ${container:0:12} on $node"
  QUICKSTART_CLUSTER_UP=0
  COXSWAIN_HOME=$QUICKSTART_HOME "$SCRIPT_PATH" down | sed 's/^/    | /'
  if [[ $engine_was_running != yes ]] && docker_engine_answers; then
    die "quick start check: the dockerd 'up' started still answers after 'down'"
  fi
  rm -rf "$QUICKSTART_HOME"
  trap - EXIT
  say "    quick start check passed in $(elapsed_since "$started")s"
}

# A failed check still leaves nothing running: the cluster it started goes down (which stops the
# dockerd it started), and its home is removed.
quickstart_cleanup() {
  local status=$?
  if ((QUICKSTART_CLUSTER_UP == 1)); then
    COXSWAIN_HOME=$QUICKSTART_HOME "$SCRIPT_PATH" down >/dev/null 2>&1 || true
  fi
  [[ -z $QUICKSTART_HOME ]] || rm -rf "$QUICKSTART_HOME"
  exit "$status"
}

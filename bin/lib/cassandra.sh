# shellcheck shell=bash
# The local single-node Cassandra 5.0.9 of a Coxswain cluster: a child JVM on Java 17
# whose classpath comes from bin/cassandra/pom.xml (kept off the project's classpath).
# Sourced by bin/coxswain, after common.sh.

CASSANDRA_DIR=$COXSWAIN_HOME/cassandra
CASSANDRA_CONF=$CASSANDRA_DIR/conf/cassandra.yaml
CASSANDRA_DATA=$CASSANDRA_DIR/data
CASSANDRA_POM=$REPO_ROOT/bin/cassandra/pom.xml
CASSANDRA_TEMPLATE=$REPO_ROOT/config/cassandra/cassandra.yaml.template
CASSANDRA_LOGBACK=$REPO_ROOT/config/cassandra/logback.xml
# Shared by every COXSWAIN_HOME of this checkout: ~100 jars, copied once from ~/.m2.
CASSANDRA_LIB=${COXSWAIN_CASSANDRA_LIB:-$REPO_ROOT/bin/cassandra/target/lib}
CASSANDRA_READY_TIMEOUT=${COXSWAIN_CASSANDRA_TIMEOUT:-90}

# Copies cassandra-all and its dependencies into $CASSANDRA_LIB unless a complete copy
# newer than the pom is there. Locked, because several homes (parallel tests) share it.
ensure_cassandra_lib() {
  local marker=$CASSANDRA_LIB/.coxswain-complete
  if [[ -f $marker && $marker -nt $CASSANDRA_POM ]]; then return 0; fi
  mkdir -p "$CASSANDRA_LIB"
  (
    exec 8>"$CASSANDRA_LIB/.lock"
    flock -w 600 8 || die "timed out waiting for another fetch of the Cassandra classpath"
    if [[ -f $marker && $marker -nt $CASSANDRA_POM ]]; then exit 0; fi
    step "fetching Cassandra's classpath (mvn -f bin/cassandra/pom.xml dependency:copy-dependencies) …"
    local start=$EPOCHREALTIME out
    if ! out=$(mvn -B -q -f "$CASSANDRA_POM" dependency:copy-dependencies \
                 "-Dcassandra.lib.dir=$CASSANDRA_LIB" 2>&1); then
      say "$out" | tail -n 30
      die "could not fetch cassandra-all (see the Maven output above)"
    fi
    compgen -G "$CASSANDRA_LIB/jamm-*.jar" >/dev/null ||
      die "the Cassandra classpath in $CASSANDRA_LIB has no jamm jar; delete the folder and retry"
    touch "$marker"
    say "    done in $(elapsed_since "$start")s ($(find "$CASSANDRA_LIB" -name '*.jar' | wc -l) jars in $CASSANDRA_LIB)"
  ) 8>&-
}

# Java for Cassandra: 5.0 runs on 11 or 17 (not on 24+, where the Security Manager it
# relies on is gone). COXSWAIN_CASSANDRA_JAVA wins; otherwise the default java if its
# version fits, else an installed JDK 17.
cassandra_java() {
  local java major candidate
  if [[ -n ${COXSWAIN_CASSANDRA_JAVA:-} ]]; then printf '%s' "$COXSWAIN_CASSANDRA_JAVA"; return; fi
  java=$(java_bin)
  major=$(java_major "$java")
  if [[ $major == 11 || $major == 17 ]]; then printf '%s' "$java"; return; fi
  for candidate in /usr/lib/jvm/java-17-*/bin/java /usr/lib/jvm/*17*/bin/java; do
    if [[ -x $candidate ]]; then printf '%s' "$candidate"; return; fi
  done
  warn "Cassandra 5.0 needs Java 11 or 17 and $java is Java $major; trying it anyway (set COXSWAIN_CASSANDRA_JAVA)"
  printf '%s' "$java"
}

# Renders config/cassandra/cassandra.yaml.template into the home. Done at every start
# so template changes apply; the data directories are never touched.
render_cassandra_yaml() {
  [[ -f $CASSANDRA_TEMPLATE ]] || die "missing $CASSANDRA_TEMPLATE"
  mkdir -p "$(dirname "$CASSANDRA_CONF")" "$CASSANDRA_DIR/logs" \
           "$CASSANDRA_DATA"/{data,commitlog,saved_caches,hints,cdc_raw}
  local text
  text=$(<"$CASSANDRA_TEMPLATE")
  # Bash 5.2 would expand '&' in a replacement to the match; paths are literal.
  shopt -u patsub_replacement 2>/dev/null || true
  text=${text//@@CLUSTER_NAME@@/$(cfg CLUSTER_NAME coxswain)}
  text=${text//@@DATA_DIR@@/$CASSANDRA_DATA}
  text=${text//@@STORAGE_PORT@@/$(cfg CASSANDRA_STORAGE_PORT)}
  text=${text//@@NATIVE_PORT@@/$(cfg CASSANDRA_NATIVE_PORT)}
  [[ $text != *@@*@@* ]] || die "unknown placeholder left in $CASSANDRA_TEMPLATE"
  printf '%s\n' "$text" >"$CASSANDRA_CONF"
}

# The JVM flags of Cassandra's conf/jvm17-server.options (JPMS opens/exports it needs on
# Java 17) plus a small heap and C1 only: it starts in seconds and leaves room for the
# masters on a small machine.
cassandra_jvm_args() {
  local jamm
  jamm=$(compgen -G "$CASSANDRA_LIB/jamm-*.jar" | head -n 1)
  local -a args=(
    -Xms256m -Xmx512m -Xss256k -XX:TieredStopAtLevel=1
    -XX:+PerfDisableSharedMem -Djava.net.preferIPv4Stack=true
    "-javaagent:$jamm"
    -Djdk.attach.allowAttachSelf=true
    # Cassandra installs a SecurityManager (UDF sandbox); say it's allowed, so Java 17
    # does not print its deprecation warning on every start.
    -Djava.security.manager=allow
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
    --add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
    --add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED
    --add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
    --add-exports java.sql/java.sql=ALL-UNNAMED
    --add-exports java.base/java.lang.ref=ALL-UNNAMED
    --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED
    --add-exports jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
    --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED
    --add-opens java.base/java.lang.module=ALL-UNNAMED
    --add-opens java.base/jdk.internal.loader=ALL-UNNAMED
    --add-opens java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
    --add-opens java.base/jdk.internal.math=ALL-UNNAMED
    --add-opens java.base/jdk.internal.module=ALL-UNNAMED
    --add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens java.base/java.io=ALL-UNNAMED
    --add-opens java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens jdk.compiler/com.sun.tools.javac=ALL-UNNAMED
    --add-opens java.base/java.lang=ALL-UNNAMED
    --add-opens java.base/java.util=ALL-UNNAMED
    -Dio.netty.tryReflectionSetAccessible=true
    "-Dcassandra.config=file://$CASSANDRA_CONF"
    -Dcassandra-foreground=yes
    "-Dcassandra.storagedir=$CASSANDRA_DATA"
    "-Dcassandra.logdir=$CASSANDRA_DIR/logs"
    -Dcassandra.skip_wait_for_gossip_to_settle=0
    -Dcassandra.shutdown_announce_in_ms=0
    # Skip measuring the memtable row overhead at start-up (a 2–3 s micro-benchmark on
    # C1); 180 bytes is what that measurement reports here. It only sizes flushes.
    -Dcassandra.memtable.row_overhead_size=180
    "-Dlogback.configurationFile=$CASSANDRA_LOGBACK"
  )
  # Tests only: skip fsyncs of the system keyspace. Never the default: `up` promises
  # that the data survives down/up and crashes.
  if [[ ${COXSWAIN_CASSANDRA_UNSAFE:-0} == 1 ]]; then args+=(-Dcassandra.unsafesystem=true); fi
  printf '%s\n' "${args[@]}"
}

# Starts Cassandra and waits until its CQL port accepts connections (the moment it logs
# "Starting listening for CQL clients"). On time-out or death it shows the log tail,
# stops what it started and fails.
start_cassandra() {
  if member_alive cassandra; then
    say "    cassandra already running (pid $(member_pid cassandra))"
    return 0
  fi
  ensure_cassandra_lib
  render_cassandra_yaml
  local native storage java log
  native=$(cfg CASSANDRA_NATIVE_PORT) storage=$(cfg CASSANDRA_STORAGE_PORT)
  java=$(cassandra_java)
  log=$(log_file cassandra)
  local -a jvm_args
  mapfile -t jvm_args < <(cassandra_jvm_args)

  printf '==> starting cassandra (cql %s, storage %s) ' "$native" "$storage"
  local start=$EPOCHREALTIME
  launch_member cassandra -- "$java" "${jvm_args[@]}" \
    -cp "$CASSANDRA_LIB/*" org.apache.cassandra.service.CassandraDaemon
  local pid=$LAUNCHED_PID deadline=$((SECONDS + CASSANDRA_READY_TIMEOUT)) tick=0
  while ! tcp_port_open "$native"; do
    if ! process_running "$pid"; then
      printf ' died\n'
      show_member_log_tail cassandra
      rm -f "$(pid_file cassandra)"
      die "cassandra exited during start-up (log: $log)"
    fi
    if ((SECONDS >= deadline)); then
      printf ' timed out\n'
      show_member_log_tail cassandra
      say "stopping the unready cassandra …"
      stop_members 15 cassandra
      die "cassandra did not accept CQL connections on 127.0.0.1:$native within ${CASSANDRA_READY_TIMEOUT}s (log: $log)"
    fi
    sleep 0.25
    if ((++tick % 4 == 0)); then printf '.'; fi
  done
  CASSANDRA_READY_SECONDS=$(elapsed_since "$start")
  printf ' ready in %ss (pid %s)\n' "$CASSANDRA_READY_SECONDS" "$pid"
}

cassandra_health() {
  if ! member_alive cassandra; then printf 'down'
  elif tcp_port_open "$(cfg CASSANDRA_NATIVE_PORT)"; then printf 'up, CQL open'
  else printf 'alive, CQL port not open (starting?)'
  fi
}

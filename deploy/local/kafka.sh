#!/usr/bin/env bash
# A real single-node Kafka (KRaft) for this machine, resolved from Maven Central.
#   kafka.sh start   - reuse a broker already listening, else resolve, format once and start one; create topics
#   kafka.sh stop    - stop the broker this script started (data kept)
#   kafka.sh topics [PREFIX...]        - create the project's topics if missing (default prefixes: none and test.)
#   kafka.sh delete-topics PREFIX...   - delete the project's topics under a prefix (benchmarks)
#   kafka.sh tool CLASS ARGS... - run a Kafka tool class (ProducerPerformance, ConsoleConsumer, ...)
set -euo pipefail
source "$(dirname "$0")/common.sh"

KDIR="$STATE/kafka"
LIB="$KDIR/lib"
DATA="$KDIR/data"
PIDFILE="$KDIR/kafka.pid"
LOGFILE="$KDIR/kafka.log"
mkdir -p "$KDIR"

resolve() {
  if [ ! -f "$LIB/.complete" ]; then
    log "resolving Kafka 4.1.2 from Maven Central into $LIB"
    rm -rf "$LIB"
    mvnw -f "$ROOT/deploy/local/kafka/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$LIB"
    touch "$LIB/.complete"
  fi
}

java_run() {  # java_run MAINCLASS ARGS...
  local main=$1; shift
  java ${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m} -Dlog4j2.configurationFile="$KDIR/log4j2.properties" \
    -cp "$LIB/*" "$main" "$@"
}

write_config() {
  cat > "$KDIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
# Retention: see README "Topics". Input and event topics keep 7 days by default.
log.retention.hours=168
PROPS
  cat > "$KDIR/log4j2.properties" <<'PROPS'
rootLogger.level=WARN
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka.server.KafkaRaftServer
logger.kafka.level=INFO
logger.broker.name=kafka.server.BrokerServer
logger.broker.level=INFO
PROPS
}

start() {
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "a broker already listens on $KAFKA_HOST:$KAFKA_PORT: reusing it"
  else
    resolve
    write_config
    if [ ! -f "$DATA/meta.properties" ]; then
      [ -f "$KDIR/cluster.id" ] || java_run kafka.tools.StorageTool random-uuid > "$KDIR/cluster.id"
      log "formatting storage (cluster $(cat "$KDIR/cluster.id"))"
      java_run kafka.tools.StorageTool format --standalone -t "$(cat "$KDIR/cluster.id")" \
        -c "$KDIR/server.properties" >/dev/null
    fi
    log "starting Kafka on $KAFKA_HOST:$KAFKA_PORT (log: $LOGFILE)"
    nohup java ${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m} -XX:+UseG1GC \
      -Dlog4j2.configurationFile="$KDIR/log4j2.properties" -cp "$LIB/*" \
      kafka.Kafka "$KDIR/server.properties" > "$LOGFILE" 2>&1 &
    echo $! > "$PIDFILE"
    if ! wait_for 60 "kafka" port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      tail -n 40 "$LOGFILE" >&2
      die "Kafka did not start within 60 s"
    fi
  fi
  topics
}

# name partitions config...
TOPICS=(
  "egov.events 12 retention.ms=604800000"
  "egov.units 1 cleanup.policy=compact"
  "egov.indicators 12 retention.ms=86400000"
  "egov.in.onestop 6 retention.ms=604800000"
  "egov.in.docs 6 retention.ms=604800000"
  "egov.in.vc 3 retention.ms=604800000"
  "egov.in.feedback 3 retention.ms=604800000"
  "egov.in.assessments 3 retention.ms=604800000"
  "egov.in.dlq 3 retention.ms=2592000000"
  "egov.alerts 1 cleanup.policy=compact"
)

# topics [PREFIX...]: create what is missing, for the stack ("") and the tests ("test.") by default.
topics() {
  resolve
  local prefixes=("$@"); [ ${#prefixes[@]} -gt 0 ] || prefixes=("" "test.")
  local existing
  existing=$(java_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --list 2>/dev/null || true)
  local spec name parts cfg args
  for prefix in "${prefixes[@]}"; do
    for spec in "${TOPICS[@]}"; do
      read -r name parts cfg <<<"$spec"
      name="$prefix$name"
      grep -qx "$name" <<<"$existing" && continue
      args=(--bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --create --if-not-exists --topic "$name"
            --partitions "$parts" --replication-factor 1)
      for c in $cfg; do args+=(--config "$c"); done
      java_run org.apache.kafka.tools.TopicCommand "${args[@]}" >/dev/null
      log "created topic $name ($parts partitions${cfg:+, $cfg})"
    done
  done
}

stop() {
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    local pid; pid=$(cat "$PIDFILE")
    log "stopping Kafka (pid $pid)"
    kill "$pid"
    wait_for 60 "kafka stop" bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  topics) shift; topics "$@" ;;
  delete-topics) shift; resolve; for p in "$@"; do for spec in "${TOPICS[@]}"; do read -r name _ <<<"$spec"
      java_run org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --delete --if-exists --topic "$p$name" >/dev/null 2>&1 || true
    done; done ;;
  tool) shift; resolve; main=$1; shift; java_run "$main" "$@" ;;
  *) die "usage: kafka.sh start|stop|topics [PREFIX...]|delete-topics PREFIX...|tool CLASS ARGS..." ;;
esac

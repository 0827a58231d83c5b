#!/usr/bin/env bash
# A second, separate single-node Kafka that only accepts SCRAM-SHA-512 clients (SASL_PLAINTEXT on
# 127.0.0.1:29092), to test that every Kafka client of the services takes its security settings
# from configuration (ingest-service ScramBrokerTest). Never the shared broker on 9092.
#   kafka-scram.sh start | stop | status
# Users (created when the storage is formatted): egov-admin / admin-secret, egov-service / service-secret.
set -euo pipefail
source "$(dirname "$0")/common.sh"

PORT="${KAFKA_SCRAM_PORT:-29092}"
CONTROLLER_PORT="${KAFKA_SCRAM_CONTROLLER_PORT:-29093}"
INTERNAL_PORT="${KAFKA_SCRAM_INTERNAL_PORT:-29094}"
[ "$PORT" != 9092 ] || die "refusing to use port 9092 (the shared broker)"
LIB="$STATE/kafka/lib"
KDIR="$STATE/kafka-scram"
DATA="$KDIR/data"
PIDFILE="$KDIR/kafka.pid"
LOGFILE="$KDIR/kafka.log"
mkdir -p "$KDIR"

write_config() {
  cat > "$KDIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=SASL_PLAINTEXT://127.0.0.1:$PORT,INTERNAL://127.0.0.1:$INTERNAL_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$PORT,INTERNAL://127.0.0.1:$INTERNAL_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
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
log.retention.hours=24
PROPS
  cat > "$KDIR/admin.properties" <<'PROPS'
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="egov-admin" password="admin-secret";
PROPS
  cat > "$KDIR/log4j2.properties" <<'PROPS'
rootLogger.level=WARN
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
PROPS
}

java_run() {
  local main=$1; shift
  java -Xmx256m -Dlog4j2.configurationFile="$KDIR/log4j2.properties" -cp "$LIB/*" "$main" "$@"
}

topics() {
  local existing name
  existing=$(java_run org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" \
    --command-config "$KDIR/admin.properties" --list 2>/dev/null || true)
  for name in test.egov.events test.egov.units test.egov.indicators test.egov.in.onestop test.egov.in.docs \
              test.egov.in.vc test.egov.in.dlq; do
    grep -qx "$name" <<<"$existing" && continue
    local cfg=()
    [ "$name" = test.egov.units ] && cfg=(--config cleanup.policy=compact)
    java_run org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" \
      --command-config "$KDIR/admin.properties" --create --if-not-exists --topic "$name" --partitions 1 "${cfg[@]}" >/dev/null
  done
}

start() {
  if port_open 127.0.0.1 "$PORT"; then
    log "a broker already listens on 127.0.0.1:$PORT: reusing it"
  else
    [ -f "$LIB/.complete" ] || die "Kafka libraries missing in $LIB (deploy/local/kafka.sh start resolves them)"
    write_config
    if [ ! -f "$DATA/meta.properties" ]; then
      java_run kafka.tools.StorageTool format --standalone -t "$(java_run kafka.tools.StorageTool random-uuid)" \
        -c "$KDIR/server.properties" \
        --add-scram 'SCRAM-SHA-512=[name=egov-admin,password=admin-secret]' \
        --add-scram 'SCRAM-SHA-512=[name=egov-service,password=service-secret]' >/dev/null
    fi
    log "starting the SCRAM-only Kafka on 127.0.0.1:$PORT (log: $LOGFILE)"
    nohup java -Xmx384m -Xms128m -XX:+UseG1GC -Dlog4j2.configurationFile="$KDIR/log4j2.properties" -cp "$LIB/*" \
      kafka.Kafka "$KDIR/server.properties" > "$LOGFILE" 2>&1 &
    echo $! > "$PIDFILE"
    if ! wait_for 60 "kafka-scram" port_open 127.0.0.1 "$PORT"; then
      tail -n 40 "$LOGFILE" >&2
      die "the SCRAM Kafka did not start within 60 s"
    fi
  fi
  topics
}

stop() {
  [ -f "$PIDFILE" ] || return 0
  local pid; pid=$(cat "$PIDFILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait_for 30 "kafka-scram stop" bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) port_open 127.0.0.1 "$PORT" ;;
  *) die "usage: kafka-scram.sh start|stop|status" ;;
esac

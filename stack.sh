#!/usr/bin/env bash
# The whole system on this machine, no Docker needed: PostgreSQL, Kafka, Keycloak, five services and the gateway.
#   ./stack.sh start [--no-build] [--demo-data] [--instances N]
#                                   build, start everything, wait until healthy; Ctrl-C stops it all;
#                                   --demo-data then files a demo data set through the gateway;
#                                   --instances N runs N instances of each service (instance n on its ports + 100*(n-1)),
#                                   the gateway balancing across them
#   ./stack.sh stop                 stop a stack started from another terminal
#   ./stack.sh status               the gateway's readiness, service by service (from its management port, 9080)
set -euo pipefail
cd "$(dirname "$0")"
data=.stack-data

case "${1:-start}" in
  start)
    if [[ " $* " != *" --no-build "* ]]; then
      echo "Building (first time: a few minutes, downloads included) ..."
      ./mvnw -B -q install -DskipTests
    fi
    java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    exec "$java_bin" -Xmx384m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat stack/target/classpath.txt):stack/target/classes" uk.nhs.impact.stack.LocalStack "$PWD" "${@:2}"
    ;;
  stop)
    if [[ ! -f $data/stack.pid ]]; then echo "No stack is running."; exit 0; fi
    pid=$(cat $data/stack.pid)
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { echo "Stack stopped."; exit 0; }; sleep 1; done
    echo "The stack did not stop within 60 s (pid $pid)." >&2; exit 1
    ;;
  status)
    # health is on the gateway's management interface (loopback only), never on its public port 8080
    curl -s http://127.0.0.1:9080/q/health/ready || { echo "The gateway is not answering."; exit 1; }
    echo
    ;;
  *)
    echo "usage: $0 start [--no-build] [--demo-data] [--instances N] | stop | status" >&2; exit 2
    ;;
esac

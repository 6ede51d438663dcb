#!/bin/bash
# Runs a Kafka class with the image's jars, as Kafka's own script of the same name does.
set -euo pipefail
home=/opt/kafka
if [[ "$1" == kafka.Kafka ]]; then
  log4j="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$home/config/log4j2.properties}"
  heap="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
  performance="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent}"
else
  log4j="-Dlog4j2.configurationFile=$home/config/tools-log4j2.properties"
  heap="-Xmx256M"
  performance="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
fi
# shellcheck disable=SC2086 # the option variables hold several options
exec java $heap $performance -Djava.awt.headless=true $log4j ${KAFKA_OPTS:-} -cp "$home/libs/*" "$@"

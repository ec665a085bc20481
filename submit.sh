#!/usr/bin/env bash
# The one entry point of rnnlab: ./submit.sh COMMAND [ARGS] [--master M] [--conf k=v]...
#
#   ./submit.sh sweep sweeps/quickstart.yaml          run a sweep in local mode (all cores)
#   ./submit.sh validate sweeps/lab.yaml              check a sweep file, count its runs
#   ./submit.sh cluster start --workers 2             a standalone cluster on 127.0.0.1
#   ./submit.sh sweep sweeps/lab.yaml --master cluster   ... and a sweep on it
#   ./submit.sh cluster stop
#   ./submit.sh --help                                every command
#
# It builds jobs/target/rnnlab.jar when it is missing or older than a source file, then runs the command
# through $SPARK_HOME/bin/spark-submit when SPARK_HOME holds Spark 3.5, else through Spark's own
# org.apache.spark.deploy.SparkSubmit class on the project's Spark jars (no install needed).
# --master defaults to local[*]; "cluster" means the one started by "./submit.sh cluster start".
# Environment: SPARK_HOME, JAVA_HOME, JAVACPP_CACHE (native libraries, default ~/.javacpp/cache),
# RNNLAB_DRIVER_MEMORY (local mode heap, default 3g), MAVEN_ARGS (extra flags for the build, e.g. -o).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/jobs/target/rnnlab.jar"
CLASSPATH_FILE="$ROOT/jobs/target/spark-classpath.txt"
CLUSTER_DIR="$ROOT/.cluster"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MVN=(mvn -B -q ${MAVEN_ARGS:-})

die() { echo "submit.sh: $*" >&2; exit 2; }

# Spark's JVM flags for Java 17: the pom's java17.opens property, the one list kept for tests and here.
opens() {
  sed -n 's:.*<java17.opens>\(.*\)</java17.opens>.*:\1:p' "$ROOT/pom.xml"
}

build_if_stale() {
  local sources=("$ROOT/pom.xml" "$ROOT/model/pom.xml" "$ROOT/jobs/pom.xml" "$ROOT/model/src/main"
    "$ROOT/jobs/src/main")
  if [[ ! -f "$JAR" ]] || [[ -n "$(find "${sources[@]}" -newer "$JAR" -print -quit)" ]]; then
    echo "submit.sh: building $JAR ..." >&2
    local commit
    commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    (cd "$ROOT" && "${MVN[@]}" package -Dmaven.test.skip=true "-Dgit.commit=$commit") >&2
  fi
  if [[ ! -f "$CLASSPATH_FILE" ]] || [[ "$ROOT/pom.xml" -nt "$CLASSPATH_FILE" ]] \
      || [[ "$ROOT/jobs/pom.xml" -nt "$CLASSPATH_FILE" ]]; then
    (cd "$ROOT" && "${MVN[@]}" dependency:build-classpath -pl jobs -DincludeScope=compile -DexcludeGroupIds=rnnlab \
      "-Dmdep.outputFile=$CLASSPATH_FILE") >&2
  fi
}

real_spark_submit() {
  [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]] \
    && compgen -G "$SPARK_HOME/jars/spark-core_2.12-3.5.*.jar" > /dev/null
}

# Split the arguments: --master and --conf go to Spark, everything else to the command.
master="local[*]"
confs=()
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) [[ $# -ge 2 ]] || die "--master: expected a master URL"; master="$2"; shift 2 ;;
    --master=*) master="${1#--master=}"; shift ;;
    --conf) [[ $# -ge 2 && "$2" == *=* ]] || die "--conf: expected key=value"; confs+=(--conf "$2"); shift 2 ;;
    --conf=*) [[ "${1#--conf=}" == *=* ]] || die "--conf: expected key=value"; confs+=(--conf "${1#--conf=}")
      shift ;;
    *) args+=("$1"); shift ;;
  esac
done

properties="$ROOT/conf/spark-defaults.conf"
if [[ "$master" == "cluster" ]]; then
  [[ -f "$CLUSTER_DIR/master-url" ]] || die "--master cluster: no cluster is running; start one with ./submit.sh cluster start"
  master="$(cat "$CLUSTER_DIR/master-url")"
fi
if [[ "$master" == spark://127.0.0.1:* && -f "$CLUSTER_DIR/secret.conf" \
      && "$master" == "$(cat "$CLUSTER_DIR/master-url" 2>/dev/null)" ]]; then
  # the loopback cluster's secret goes in a properties file readable by its owner only, never in argv
  properties="$CLUSTER_DIR/submit.conf"
  (umask 077 && cat "$ROOT/conf/spark-defaults.conf" "$CLUSTER_DIR/secret.conf" > "$properties")
fi
if [[ "$master" == local* || "$master" == spark://127.0.0.1:* ]]; then
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  confs+=(--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1)
fi

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
JAVACPP_CACHE="${JAVACPP_CACHE:-$HOME/.javacpp/cache}"
java_opts="-Dorg.bytedeco.javacpp.cachedir=$JAVACPP_CACHE -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties"
confs+=(--conf "spark.executor.extraJavaOptions=$java_opts"
  --conf "spark.scheduler.allocation.file=$ROOT/conf/fairscheduler.xml")

build_if_stale

if real_spark_submit; then
  exec "$SPARK_HOME/bin/spark-submit" --master "$master" --properties-file "$properties" \
    --driver-java-options "$java_opts" "${confs[@]}" --class rnnlab.cli.Main "$JAR" "${args[@]}"
fi
# shellcheck disable=SC2046 # the opens are separate words
exec "$JAVA" -Xmx"${RNNLAB_DRIVER_MEMORY:-3g}" $(opens) $java_opts -cp "$(cat "$CLASSPATH_FILE")" \
  org.apache.spark.deploy.SparkSubmit --master "$master" --properties-file "$properties" "${confs[@]}" \
  --class rnnlab.cli.Main "$JAR" "${args[@]}"

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
# It builds jobs/target/rnnlab.jar when it is missing or older than a source file. Commands that need no
# Spark (demo, train, validate, --help) run as plain Java on that jar. The others go through
# $SPARK_HOME/bin/spark-submit when SPARK_HOME holds Spark 3.5, else through Spark's own
# org.apache.spark.deploy.SparkSubmit class on the project's Spark jars (no install needed).
# --master defaults to local[*]; "cluster" means the one started by "./submit.sh cluster start".
# Environment: SPARK_HOME, JAVA_HOME, JAVACPP_CACHE (native libraries, default ~/.javacpp/cache),
# RNNLAB_DRIVER_MEMORY (local mode heap, default 3g), MAVEN_ARGS (extra flags for the build, e.g. -o).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/jobs/target/rnnlab.jar"
CLASSPATH_FILE="$ROOT/jobs/target/spark-classpath.txt"
CDS_ARCHIVE="$ROOT/jobs/target/rnnlab.jsa"
CLUSTER_DIR="$ROOT/.cluster"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MVN=(mvn -B -ntp -Dstyle.color=never ${MAVEN_ARGS:-})

die() { echo "submit.sh: $*" >&2; exit 2; }

# Spark's JVM flags for Java 17: the pom's java17.opens property, the one list kept for tests and here.
opens() {
  sed -n 's:.*<java17.opens>\(.*\)</java17.opens>.*:\1:p' "$ROOT/pom.xml"
}

# Builds the jar and the Spark classpath file in one reactor build when either is missing or older than a
# source. The reactor resolves rnnlab-model itself, so a local Maven repository without rnnlab works. The
# user sees one line; Maven's log only when the build fails.
build_if_stale() {
  local sources=("$ROOT/pom.xml" "$ROOT/model/pom.xml" "$ROOT/jobs/pom.xml" "$ROOT/model/src/main"
    "$ROOT/jobs/src/main")
  if [[ -f "$JAR" && -f "$CLASSPATH_FILE" ]] \
      && [[ -z "$(find "${sources[@]}" -newer "$JAR" -print -quit)" ]]; then
    return
  fi
  local commit log start=$SECONDS
  commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  log="$(mktemp "${TMPDIR:-/tmp}/rnnlab-build.XXXXXX")"
  [[ -d "$HOME/.m2/repository/org/apache/spark" ]] \
    || echo "submit.sh: first build: Maven downloads Spark, DL4J and the rest (~450 MB) once" >&2
  printf 'submit.sh: building %s ... ' "${JAR#"$ROOT"/}" >&2
  if (cd "$ROOT" && "${MVN[@]}" package -Dmaven.test.skip=true "-Dgit.commit=$commit") > "$log" 2>&1; then
    echo "done in $((SECONDS - start)) s" >&2
    rm -f "$log"
  else
    echo "FAILED after $((SECONDS - start)) s; Maven's log ($log):" >&2
    cat "$log" >&2
    exit 1
  fi
}

# The classpath of the commands that run without SparkSubmit: the fat jar first, then the jars Spark
# provides to every other command (Jackson, Hadoop's client, Parquet, ...). The fat jar holds only what
# Spark does not provide, so a command sees the same classes whichever way it starts.
plain_classpath() {
  echo "$JAR:$(cat "$CLASSPATH_FILE")"
}

# A class-data-sharing archive of the classes a training run loads (writing its JSON too), made once per
# jar: the Spark-free commands start from it in about half the time.
cds_archive() {
  if [[ ! -f "$CDS_ARCHIVE" || "$CDS_ARCHIVE" -ot "$JAR" ]]; then
    rm -f "$CDS_ARCHIVE"
    local json
    json="$(mktemp "${TMPDIR:-/tmp}/rnnlab-cds.XXXXXX")"
    "$JAVA" -XX:ArchiveClassesAtExit="$CDS_ARCHIVE" $java_opts -cp "$(plain_classpath)" rnnlab.cli.Main \
      train --epochs 1 --samples 16 --quiet --json "$json" > /dev/null 2>&1 || rm -f "$CDS_ARCHIVE"
    rm -f "$json"
  fi
  [[ -f "$CDS_ARCHIVE" ]] && echo "-XX:SharedArchiveFile=$CDS_ARCHIVE -Xlog:cds=off,cds+dynamic=off"
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

# Commands that need no Spark session run as plain Java: no SparkSubmit, no Spark context to start.
case "${args[0]:---help}" in
  demo|train|validate|-h|--help|-V|--version)
    # shellcheck disable=SC2046 # the options are separate words
    exec "$JAVA" $(cds_archive) $java_opts -cp "$(plain_classpath)" rnnlab.cli.Main "${args[@]}" ;;
esac

# query in local mode runs in this JVM without SparkSubmit (which would copy the fat jar to the local executor):
# the properties file and --conf become spark.* system properties, which SparkConf reads. It compiles with C1
# only and starts from a class-data archive that the first query after a build records: a third of the CPU.
if [[ "${args[0]}" == query && "$master" == local* ]]; then
  props=("-Dspark.master=$master")
  while read -r key value; do
    [[ -z "$key" || "$key" == \#* ]] || props+=("-D$key=$value")
  done < "$properties"
  for ((i = 1; i < ${#confs[@]}; i += 2)); do props+=("-D${confs[i]}"); done
  # shellcheck disable=SC2046,SC2206 # the opens and options are separate words
  query=("$JAVA" -Xmx"${RNNLAB_DRIVER_MEMORY:-3g}" -XX:TieredStopAtLevel=1 $(opens) $java_opts "${props[@]}"
    -cp "$(plain_classpath)" -Xlog:cds=off,cds+dynamic=off)
  archive="$ROOT/jobs/target/rnnlab-query.jsa"
  if [[ -f "$archive" && "$archive" -nt "$JAR" ]]; then
    exec "${query[@]}" -XX:SharedArchiveFile="$archive" rnnlab.cli.Main "${args[@]}"
  fi
  recording="$(mktemp "$archive.XXXXXX")"
  status=0
  "${query[@]}" -XX:ArchiveClassesAtExit="$recording" rnnlab.cli.Main "${args[@]}" || status=$?
  if [[ $status -le 2 && -s "$recording" ]]; then mv -f "$recording" "$archive"; else rm -f "$recording"; fi
  exit "$status"
fi

if real_spark_submit; then
  exec "$SPARK_HOME/bin/spark-submit" --master "$master" --properties-file "$properties" \
    --driver-java-options "$java_opts" "${confs[@]}" --class rnnlab.cli.Main "$JAR" "${args[@]}"
fi
# shellcheck disable=SC2046 # the opens are separate words
exec "$JAVA" -Xmx"${RNNLAB_DRIVER_MEMORY:-3g}" $(opens) $java_opts -cp "$(cat "$CLASSPATH_FILE")" \
  org.apache.spark.deploy.SparkSubmit --master "$master" --properties-file "$properties" "${confs[@]}" \
  --class rnnlab.cli.Main "$JAR" "${args[@]}"

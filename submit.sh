#!/usr/bin/env bash
# The one entry point of rnnlab: ./submit.sh COMMAND [ARGS] [--master M] [--conf k=v]...
#
#   ./submit.sh sweep sweeps/quickstart.yaml          run a sweep in local mode (all cores)
#   ./submit.sh validate sweeps/lab.yaml              check a sweep file, count its runs
#   ./submit.sh cluster start --workers 2             a standalone cluster on 127.0.0.1
#   ./submit.sh sweep sweeps/lab.yaml --master cluster   ... and a sweep on it
#   ./submit.sh cluster stop
#   ./submit.sh sweep sweeps/lab.yaml --master yarn --out hdfs://...   on the YARN of $HADOOP_CONF_DIR
#   ./submit.sh --help                                every command
#
# It builds jobs/target/rnnlab.jar when it is missing or older than a source file. Commands that need no
# Spark session (demo, train, validate, export, report, --help) run as plain Java on that jar and what they
# use of the jars Spark provides; so do sweep, dtrain and query in local mode, with an in-process Spark.
# The others go through $SPARK_HOME/bin/spark-submit when SPARK_HOME holds Spark 3.5, else through Spark's
# own org.apache.spark.deploy.SparkSubmit class on the project's Spark jars (no install needed).
# --master defaults to local[*]; "cluster" means the one started by "./submit.sh cluster start".
# Environment: SPARK_HOME, JAVA_HOME, JAVACPP_CACHE (native libraries, default ~/.javacpp/cache),
# RNNLAB_DRIVER_MEMORY (local mode heap, default 3g), MAVEN_ARGS (extra flags for the build, e.g. -o),
# HADOOP_CONF_DIR/YARN_CONF_DIR and RNNLAB_YARN_JARS (upload or local) for --master yarn (docs/clusters.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/jobs/target/rnnlab.jar"
CLASSPATH_FILE="$ROOT/jobs/target/spark-classpath.txt"
# The loopback cluster's folder, wherever submit.sh is run from: `cluster start` writes it, --master cluster
# reads it.
export RNNLAB_CLUSTER_DIR="${RNNLAB_CLUSTER_DIR:-$ROOT/.cluster}"
CLUSTER_DIR="$RNNLAB_CLUSTER_DIR"
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
  # "-dirty" when tracked files differ from the commit, so provenance never claims a commit it is not
  commit="$(git -C "$ROOT" describe --always --dirty --abbrev=7 2>/dev/null || echo unknown)"
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

# The classpaths of the commands that run without SparkSubmit: the fat jar first (it holds only what Spark
# does not provide), then what the command uses of the jars Spark provides to every other command. The
# training commands (demo, train, validate) use Jackson only (for --json); the commands that read a store
# (export, report, query) use Hadoop's client and Parquet too, so they get all of Spark's jars, and
# HADOOP_CONF_DIR, as spark-submit adds it, for an hdfs:// store's cluster settings. A classpath of every
# Spark jar would cost the training commands a third of their start-up.
plain_classpath() {
  if [[ " demo train validate -h --help -V --version " == *" ${args[0]} "* ]]; then
    echo "$JAR:$(tr ':' '\n' < "$CLASSPATH_FILE" | grep -E '/jackson-(core|databind|annotations)-[0-9.]+\.jar$' \
      | paste -sd:)"
  else
    echo "$JAR:$(cat "$CLASSPATH_FILE")${HADOOP_CONF_DIR:+:$HADOOP_CONF_DIR}"
  fi
}

# Runs a command as plain Java (JVM options: the arguments), from a class-data-sharing archive of the classes
# that command loads: each command's first run after a build writes its archive (aside, then renamed, so
# that two first runs never share a half-written one), and later runs start from it in about half the time.
run_plain() {
  local archive="$ROOT/jobs/target/cds/${args[0]}.jsa" rc=0 tmp
  local java_cmd=("$JAVA" -Xlog:cds=off,cds+dynamic=off "$@" "${java_opts[@]}" -cp "$(plain_classpath)")
  if [[ -f "$archive" && "$archive" -nt "$JAR" ]]; then
    exec "${java_cmd[@]}" -XX:SharedArchiveFile="$archive" rnnlab.cli.Main "${args[@]}"
  fi
  case " ${args[*]} " in
    *" -h "*|*" --help "*|*" -V "*|*" --version "*) exec "${java_cmd[@]}" rnnlab.cli.Main "${args[@]}" ;;
  esac
  mkdir -p "${archive%/*}"
  tmp="$(mktemp "$archive.XXXXXX")"
  rm -f "$tmp"
  "${java_cmd[@]}" -XX:ArchiveClassesAtExit="$tmp" rnnlab.cli.Main "${args[@]}" || rc=$?
  if [[ -s "$tmp" ]]; then mv -f "$tmp" "$archive"; else rm -f "$tmp"; fi
  exit "$rc"
}

# --master yarn (docs/clusters.md): the cluster HADOOP_CONF_DIR or YARN_CONF_DIR describes. conf/yarn.conf's
# settings go before the command line's --conf (which win); log4j2.properties travels to the containers; the
# jars of the classpath file become spark.yarn.jars unless a setting names jars or an archive: uploaded on each
# submission, or with RNNLAB_YARN_JARS=local read in place on every node (local: URIs; the nodes hold them at
# the same paths). Without SPARK_HOME the conf folders go on SparkSubmit's classpath, as spark-submit does.
yarn_settings() {
  local key value yarn=(--conf "spark.yarn.dist.files=$ROOT/conf/log4j2.properties")
  while read -r key value; do
    [[ -z "$key" || "$key" == \#* ]] || yarn+=(--conf "$key=$value")
  done < "$ROOT/conf/yarn.conf"
  confs=("${yarn[@]}" "${confs[@]}")
  if ! real_spark_submit && [[ " ${confs[*]} " != *" spark.yarn.jars="* \
      && " ${confs[*]} " != *" spark.yarn.archive="* ]]; then
    local prefix=""
    [[ "${RNNLAB_YARN_JARS:-upload}" == upload ]] || prefix="local:"
    confs+=(--conf "spark.yarn.jars=$(sed "s|:/|,$prefix/|g; s|^|$prefix|" "$CLASSPATH_FILE")")
  fi
  conf_dirs="${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}${YARN_CONF_DIR:+$YARN_CONF_DIR:}"
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
if [[ "$master" == yarn ]]; then
  [[ -n "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" ]] \
    || die "--master yarn: set HADOOP_CONF_DIR (or YARN_CONF_DIR) to the folder of the cluster's yarn-site.xml"
  [[ "${RNNLAB_YARN_JARS:-upload}" == upload || "$RNNLAB_YARN_JARS" == local ]] \
    || die "RNNLAB_YARN_JARS: expected upload or local, got '$RNNLAB_YARN_JARS'"
fi
if [[ "$master" == local* || "$master" == spark://127.0.0.1:* ]]; then
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  confs+=(--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1)
fi

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
JAVACPP_CACHE="${JAVACPP_CACHE:-$HOME/.javacpp/cache}"
java_opts=("-Dorg.bytedeco.javacpp.cachedir=$JAVACPP_CACHE" "-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties")
# the same options as one string for Spark, which splits it as a shell would (quotes keep spaces in paths)
spark_java_opts="$(printf "'%s' " "${java_opts[@]}")"
confs+=(--conf "spark.scheduler.allocation.file=$ROOT/conf/fairscheduler.xml")
# YARN's executors take theirs from conf/yarn.conf: the paths of this machine mean nothing on its nodes
[[ "$master" == yarn ]] || confs+=(--conf "spark.executor.extraJavaOptions=$spark_java_opts")

build_if_stale

# Spark's settings for the commands that run without SparkSubmit, as system properties, which SparkConf
# reads: the properties file, then --conf, which wins. export and report take only the spark.hadoop.* ones
# (Hadoop's settings for the store): the loopback cluster's properties hold its secret, never put in argv.
props=("-Dspark.master=$master")
while read -r key value; do
  [[ -z "$key" || "$key" == \#* ]] || props+=("-D$key=$value")
done < "$properties"
for ((i = 1; i < ${#confs[@]}; i += 2)); do props+=("-D${confs[i]}"); done
hadoop_props=()
for p in "${props[@]}"; do [[ "$p" != -Dspark.hadoop.* ]] || hadoop_props+=("$p"); done

# Commands that need no Spark session run as plain Java: no SparkSubmit, no Spark context to start
# (export and report read the store with Parquet's own reader, with Hadoop's settings of spark.hadoop.*).
[[ ${#args[@]} -gt 0 ]] || args=(--help)
case "${args[0]}" in
  demo|train|validate) run_plain ;;
  export|report) run_plain "${hadoop_props[@]}" ;;
  -h|--help|-V|--version) exec "$JAVA" "${java_opts[@]}" -cp "$(plain_classpath)" rnnlab.cli.Main "${args[@]}" ;;
esac

# In local mode, sweep, dtrain and query run in this JVM without SparkSubmit, which would only start another
# class loader and copy the fat jar to the in-process executor: the properties file and --conf become spark.*
# system properties. A sweep with nothing left to run then starts no Spark at all.
# query compiles with C1 only (a short-lived process) and, like the commands above, starts from its own
# class-data archive; sweep and dtrain replace this shell (a kill reaches the JVM) and compile fully.
if [[ "$master" == local* && " sweep dtrain query " == *" ${args[0]} "* ]]; then
  if [[ "${args[0]}" == query ]]; then
    # shellcheck disable=SC2046 # the opens are separate words
    run_plain -Xmx"${RNNLAB_DRIVER_MEMORY:-3g}" -XX:TieredStopAtLevel=1 $(opens) "${props[@]}"
  fi
  # shellcheck disable=SC2046 # the opens are separate words
  exec "$JAVA" -Xmx"${RNNLAB_DRIVER_MEMORY:-3g}" $(opens) "${java_opts[@]}" "${props[@]}" \
    -cp "$(plain_classpath)" rnnlab.cli.Main "${args[@]}"
fi

conf_dirs=""
[[ "$master" != yarn ]] || yarn_settings

if real_spark_submit; then
  exec "$SPARK_HOME/bin/spark-submit" --master "$master" --properties-file "$properties" \
    --driver-java-options "$spark_java_opts" "${confs[@]}" --class rnnlab.cli.Main "$JAR" "${args[@]}"
fi
# shellcheck disable=SC2046 # the opens are separate words
exec "$JAVA" -Xmx"${RNNLAB_DRIVER_MEMORY:-3g}" $(opens) "${java_opts[@]}" \
  -cp "$conf_dirs$(cat "$CLASSPATH_FILE")" \
  org.apache.spark.deploy.SparkSubmit --master "$master" --properties-file "$properties" "${confs[@]}" \
  --class rnnlab.cli.Main "$JAR" "${args[@]}"

# Sourced by deploy/local/start and deploy/dlq-replay (not run by itself): finds a Java 17+ and builds the
# jars the local stack runs when they are missing or older than their sources. The caller sets REPO (the
# repository root) and SCRIPT (its own name, for messages), then calls find_java and ensure_built; the
# launcher's classpath is then "$(newest "$DEPLOY_JAR"):$REPO/deploy/target/lib/*". A caller that runs only
# the deploy jar (deploy/dlq-replay) sets NEEDED_JARS and NEEDED_SOURCES to what it runs, so a change to a
# service does not rebuild everything before it; whenever something is out of date, the whole stack is built.
# Maven flags for the build step go in MAVEN_ARGS (e.g. MAVEN_ARGS=-o for an offline build).

# The modules the stack runs, and the jars they must have built (the query service also serves the
# web UI, whose module it depends on; see dev.tokenmeter.deploy.Services).
MODULES="ingest-service,query-service,deploy"
DEPLOY_JAR="deploy/target/tokenmeter-deploy-*.jar"
JARS=("ingest-service/target/ingest-service-*.jar" "query-service/target/query-service-*.jar" "$DEPLOY_JAR")
# What those jars are built from: the modules above and the ones they depend on.
SOURCES=(pom.xml core/pom.xml core/src/main rate-limit/pom.xml rate-limit/src/main schema/pom.xml schema/src/main ingest-service/pom.xml
         ingest-service/src/main query-service/pom.xml query-service/src/main deploy/pom.xml deploy/src/main
         web-ui/pom.xml web-ui/package.json web-ui/src web-ui/index.html)
# Touched after each build of this script's: Maven leaves a jar untouched when its content is unchanged.
STAMP="$REPO/deploy/target/local-build.stamp"

die() { echo "$SCRIPT: $*" >&2; exit 1; }

find_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    JAVA="$(command -v java)"
  else
    die "no Java found. Install a JDK 17 or newer (https://adoptium.net) and put it on PATH or set JAVA_HOME."
  fi
  local version
  version="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)[^"]*".*/\1/p' | head -n 1)"
  [[ -n "$version" && "$version" -ge 17 ]] ||
    die "$JAVA is Java ${version:-of unknown version}; Tokenmeter needs 17 or newer. Set JAVA_HOME to a JDK 17+."
}

# The newest file matching a glob (the jar names carry the version), skipping Spring Boot's *.original.
newest() {
  local newest_file="" f
  for f in "$REPO"/$1; do
    [[ -f "$f" && "$f" != *.original ]] || continue
    if [[ -z "$newest_file" || "$f" -nt "$newest_file" ]]; then newest_file="$f"; fi
  done
  echo "$newest_file"
}

# Why a build is needed, or nothing when every needed jar exists and is newer than every source file.
build_reason() {
  local pattern jar oldest=""
  local -a jars=("${JARS[@]}") sources=("${SOURCES[@]}")
  if [[ -n "${NEEDED_JARS+set}" ]]; then jars=("${NEEDED_JARS[@]}"); sources=("${NEEDED_SOURCES[@]}"); fi
  for pattern in "${jars[@]}"; do
    jar="$(newest "$pattern")"
    [[ -n "$jar" ]] || { echo "$pattern is missing"; return; }
    if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then oldest="$jar"; fi
  done
  [[ -d "$REPO/deploy/target/lib" ]] || { echo "deploy/target/lib is missing"; return; }
  if [[ -f "$STAMP" && "$STAMP" -nt "$oldest" ]]; then oldest="$STAMP"; fi
  local changed
  changed="$(cd "$REPO" && find "${sources[@]}" -type f -newer "$oldest" -print 2>/dev/null | head -n 1)"
  [[ -z "$changed" ]] || echo "$changed changed since the last build"
}

ensure_built() {
  local reason
  reason="$(build_reason)"
  if [[ -n "$reason" ]]; then
    echo "Building ($reason): ./mvnw -q -DskipTests -pl $MODULES -am package"
    (cd "$REPO" && ./mvnw -q -DskipTests -pl "$MODULES" -am package) ||
      die "the build failed (output above). Fix it, or run the command yourself to see more."
    touch "$STAMP"
  fi
}

# syntax=docker/dockerfile:1.7
# The ingest service: Kafka and HTTP in, validated, priced, deduplicated events and rollups out.
# Build from the repository root (the context must be the root: the build needs the parent pom):
#   docker build -f deploy/docker/ingest-service.Dockerfile -t tokenmeter/ingest-service:dev .
# Configuration: the TOKENMETER_* variables of the README (database, Kafka, ingest keys).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# ingest-service.Dockerfile.dockerignore keeps target/, node_modules/ and data/ out of the context.
COPY . .
# The Maven repository is a build cache, not a layer; -am builds core and schema first.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -pl ingest-service -am package \
 && java -Djarmode=tools -jar "$(ls ingest-service/target/ingest-service-*.jar)" extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK; a fixed non-root uid that Kubernetes' runAsNonRoot can verify.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 tokenmeter \
 && useradd --system --uid 10001 --gid tokenmeter --home-dir /app --shell /usr/sbin/nologin tokenmeter
WORKDIR /app
# Spring Boot's layers, least often changed first: third-party jars, the loader, snapshots, the app.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ENV TOKENMETER_INGEST_PORT=8081 \
    TOKENMETER_INGEST_MANAGEMENT_PORT=9081 \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# The API. The management port 9081 (actuator: health, Prometheus metrics) is left out on purpose, so that
# `docker run -P` never publishes it.
EXPOSE 8081
# Ready = the database (r2dbc) and Kafka answer; the first start also runs the Flyway migrations.
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS "http://localhost:${TOKENMETER_INGEST_MANAGEMENT_PORT}/actuator/health/readiness" >/dev/null || exit 1
# SIGTERM (docker stop, Kubernetes) lets the batch in flight finish and commit; allow it ~40 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

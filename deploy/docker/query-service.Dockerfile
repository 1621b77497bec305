# syntax=docker/dockerfile:1.7
# The query service: the query API (/api/v1) and, once web-ui's dist is packaged into it, the dashboard.
# Build from the repository root (the context must be the root: the build needs the parent pom):
#   docker build -f deploy/docker/query-service.Dockerfile -t tokenmeter/query-service:dev .
# Configuration: the TOKENMETER_* variables of the README (database, operator key, CORS origins).

FROM eclipse-temurin:17-jdk AS build
# Node for the web-ui Maven module (npm ci, npm run build), which query-service packages.
COPY --from=node:22-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:22-bookworm-slim /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
# query-service.Dockerfile.dockerignore keeps target/, node_modules/ and data/ out of the context.
COPY . .
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    ./mvnw -B -ntp -DskipTests -pl query-service -am package \
 && java -Djarmode=tools -jar "$(ls query-service/target/query-service-*.jar)" extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 tokenmeter \
 && useradd --system --uid 10001 --gid tokenmeter --home-dir /app --shell /usr/sbin/nologin tokenmeter
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ENV TOKENMETER_QUERY_PORT=8080 \
    TOKENMETER_QUERY_MANAGEMENT_PORT=9080 \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# The API. The management port 9080 (actuator: health, Prometheus metrics) is left out on purpose, so that
# `docker run -P` never publishes it.
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS "http://localhost:${TOKENMETER_QUERY_MANAGEMENT_PORT}/actuator/health/readiness" >/dev/null || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

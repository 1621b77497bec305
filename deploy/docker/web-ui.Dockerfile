# syntax=docker/dockerfile:1.7
# The dashboard on its own: web-ui/dist served by nginx (unprivileged, port 8080), /api proxied to the
# query service (TOKENMETER_QUERY_URL, default http://query:8080), /v1/traces (OTLP) to the ingest service
# (TOKENMETER_INGEST_URL, default http://ingest:8081). Build from the repository root:
#   docker build -f deploy/docker/web-ui.Dockerfile -t tokenmeter/web-ui:dev .
# (The query service will also serve the same dist itself; this image is for a separate web tier.)

FROM node:22-bookworm-slim AS build
WORKDIR /web-ui
COPY web-ui/package.json web-ui/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY web-ui/ ./
# Type-checks, builds dist/ and fails when the initial bundle is over budget.
RUN npm run build

FROM nginxinc/nginx-unprivileged:1.28-alpine
# The image's entrypoint renders /etc/nginx/templates/*.template into /etc/nginx/conf.d with envsubst,
# substituting only variables that are set (nginx's own $uri etc. stay).
COPY deploy/docker/web-ui/default.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /web-ui/dist /usr/share/nginx/html
ENV TOKENMETER_QUERY_URL=http://query:8080
ENV TOKENMETER_INGEST_URL=http://ingest:8081
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1

package dev.tokenmeter.deploy.files;

import static dev.tokenmeter.deploy.files.DeployFiles.list;
import static dev.tokenmeter.deploy.files.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml is consistent with the files it points at. (No Docker engine is needed:
 * this reads the file; it does not run it.)
 */
class ComposeFileTest {

    private static final Path COMPOSE_DIR = DeployFiles.module().resolve("compose");

    private final Map<String, Object> services = map(DeployFiles.yaml(COMPOSE_DIR.resolve("compose.yaml")).get("services"));

    @Test
    void composeRunsTheWholeProduct() {
        assertThat(services).containsOnlyKeys("kafka", "postgres", "ingest", "query", "web", "prometheus", "grafana");
        assertThat(service("kafka").get("image")).asString().startsWith("apache/kafka:");
        assertThat(env("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller").doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(service("postgres").get("image")).asString().startsWith("postgres:18");
        // PostgreSQL 18 images keep the cluster under /var/lib/postgresql/18/docker: the volume must be the parent.
        assertThat(list(service("postgres").get("volumes"))).contains("postgres-data:/var/lib/postgresql");
    }

    @Test
    void servicesReachKafkaAndPostgresByTheirComposeNames() {
        assertThat(env("kafka").get("KAFKA_ADVERTISED_LISTENERS")).asString().contains("PLAINTEXT://kafka:9092");
        assertThat(env("ingest")).containsEntry("TOKENMETER_KAFKA_BOOTSTRAP", "kafka:9092");
        for (String service : List.of("ingest", "query")) {
            assertThat(env(service))
                    .containsEntry("TOKENMETER_R2DBC_URL", "r2dbc:postgresql://postgres:5432/tokenmeter")
                    .containsEntry("TOKENMETER_JDBC_URL", "jdbc:postgresql://postgres:5432/tokenmeter")
                    .containsKeys("TOKENMETER_DB_USER", "TOKENMETER_DB_PASSWORD");
        }
        assertThat(env("query")).containsKey("TOKENMETER_OPERATOR_KEY");
        assertThat(env("web")).containsEntry("TOKENMETER_QUERY_URL", "http://query:8080")
                .containsEntry("TOKENMETER_INGEST_URL", "http://ingest:8081");
    }

    @Test
    void eachServiceReadsItsDataAsItsOwnLoginAndMigratesAsTheOwner() {
        assertThat(list(service("postgres").get("volumes")))
                .contains("../postgres/roles.sql:/docker-entrypoint-initdb.d/10-tokenmeter-roles.sql:ro");
        assertThat(env("postgres")).containsKeys("TOKENMETER_INGEST_DB_PASSWORD", "TOKENMETER_QUERY_DB_PASSWORD");
        for (String service : List.of("ingest", "query")) {
            assertThat(env(service)).as(service)
                    .containsEntry("TOKENMETER_DB_USER", "tokenmeter_" + service)
                    .containsEntry("TOKENMETER_DB_OWNER_USER", env("postgres").get("POSTGRES_USER"))
                    .containsEntry("TOKENMETER_DB_OWNER_PASSWORD", env("postgres").get("POSTGRES_PASSWORD"));
        }
    }

    @Test
    void everyBuildAndBindMountPointsAtAFileOfTheRepository() {
        List<String> checked = new ArrayList<>();
        for (String name : services.keySet()) {
            Map<String, Object> service = service(name);
            if (service.containsKey("build")) {
                Map<String, Object> build = map(service.get("build"));
                Path context = COMPOSE_DIR.resolve((String) build.get("context")).normalize();
                assertThat(context.resolve("pom.xml")).as(name + " builds from the repository root").isRegularFile();
                Path dockerfile = context.resolve((String) build.get("dockerfile"));
                assertThat(dockerfile).as(name + "'s Dockerfile").isRegularFile();
                assertThat(Path.of(dockerfile + ".dockerignore")).as(name + "'s .dockerignore").isRegularFile();
                checked.add(dockerfile.getFileName().toString());
            }
            if (service.containsKey("volumes")) {
                for (Object volume : list(service.get("volumes"))) {
                    String source = volume.toString().split(":")[0];
                    if (source.startsWith(".")) {
                        assertThat(Files.exists(COMPOSE_DIR.resolve(source))).as(name + " mounts " + source).isTrue();
                        checked.add(source);
                    }
                }
            }
        }
        assertThat(checked).contains("ingest-service.Dockerfile", "query-service.Dockerfile", "web-ui.Dockerfile",
                "../prometheus", "../grafana/dashboards");
    }

    @Test
    void prometheusScrapesTheComposeServices() {
        Map<String, Object> config = DeployFiles.yaml(DeployFiles.prometheus().resolve("prometheus.yml"));
        List<String> targets = new ArrayList<>();
        for (Object job : list(config.get("scrape_configs"))) {
            for (Object staticConfig : list(map(job).get("static_configs"))) {
                for (Object target : list(map(staticConfig).get("targets"))) {
                    targets.add(target.toString());
                }
            }
        }
        assertThat(targets).as("the management ports of the services").contains("ingest:9081", "query:9080")
                .doesNotContain("ingest:8081", "query:8080");
        assertThat(services).containsKeys("ingest", "query");
        assertThat(list(service("prometheus").get("volumes"))).contains("../prometheus:/etc/prometheus:ro");
        assertThat(list(service("prometheus").get("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
    }

    @Test
    void serviceImagesAreBuiltWithTheWrapperRunAsNonRootAndReportReadiness() {
        for (String module : List.of("ingest-service", "query-service")) {
            String dockerfile = DeployFiles.read(DeployFiles.module().resolve("docker").resolve(module + ".Dockerfile"));
            assertThat(dockerfile).as(module)
                    .contains("./mvnw -B -ntp -DskipTests -pl " + module + " -am package")
                    .containsPattern("(?m)^FROM eclipse-temurin:\\d+-jre$")
                    .containsPattern("(?m)^USER 10001:10001$")
                    .containsPattern(
                            "(?m)^HEALTHCHECK .*\\n.*localhost:\\$\\{TOKENMETER_(INGEST|QUERY)_MANAGEMENT_PORT}/actuator/health/readiness")
                    .containsPattern("(?m)^ +TOKENMETER_(INGEST|QUERY)_MANAGEMENT_PORT=90\\d\\d \\\\$")
                    .doesNotContainPattern("(?m)^EXPOSE .*90\\d\\d");
        }
        String webUi = DeployFiles.read(DeployFiles.module().resolve("docker/web-ui.Dockerfile"));
        assertThat(webUi).containsPattern("(?m)^FROM node:").contains("npm ci").contains("npm run build")
                .containsPattern("(?m)^FROM nginxinc/nginx-unprivileged:");
        assertThat(DeployFiles.repository().resolve("deploy/docker/web-ui/default.conf.template")).isRegularFile();
        assertThat(DeployFiles.read(DeployFiles.module().resolve("docker/web-ui/default.conf.template")))
                .contains("location /api/").contains("proxy_pass ${TOKENMETER_QUERY_URL};").contains("try_files $uri /index.html;")
                .as("OTLP/HTTP traces reach the ingest service")
                .containsPattern("location = /v1/traces \\{\\s+proxy_pass \\$\\{TOKENMETER_INGEST_URL};");
        assertThat(webUi).contains("ENV TOKENMETER_INGEST_URL=http://ingest:8081");
    }

    @Test
    void managementPortsAreNeverPublishedAndWhatIsPublishedListensOnLoopback() {
        Map<String, String> management = Map.of("ingest", "9081", "query", "9080");
        management.forEach((name, port) -> {
            assertThat(list(service(name).getOrDefault("ports", List.of()))).as(name + " does not publish its management port")
                    .noneSatisfy(published -> assertThat(published.toString()).endsWith(":" + port));
            assertThat(list(service(name).get("expose"))).as(name + " management port, on the compose network").contains(port);
        });
        for (String name : services.keySet()) {
            for (Object published : list(service(name).getOrDefault("ports", List.of()))) {
                assertThat(published.toString()).as(name + " publishes to the host's loopback only").startsWith("127.0.0.1:");
            }
        }
    }

    private Map<String, Object> service(String name) {
        return map(services.get(name));
    }

    private Map<String, Object> env(String name) {
        return map(service(name).get("environment"));
    }
}

package dev.tokenmeter.deploy.files;

import static dev.tokenmeter.deploy.files.DeployFiles.list;
import static dev.tokenmeter.deploy.files.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s: the kustomizations point at existing files and the manifests agree with each other
 * (labels, names, ports, probes, the Secret's keys). `kubectl kustomize` renders them; this test needs
 * no kubectl and no cluster.
 */
class KubernetesFilesTest {

    private static final Path K8S = DeployFiles.module().resolve("k8s");
    private static final Path BASE = K8S.resolve("base");

    private final List<Map<String, Object>> base = documents(BASE);

    @Test
    void everyKustomizationNamesExistingFiles() throws IOException {
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(K8S)) {
            kustomizations = files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        }
        assertThat(kustomizations).hasSize(3);
        for (Path kustomization : kustomizations) {
            Map<String, Object> k = DeployFiles.yaml(kustomization);
            for (Object resource : list(k.getOrDefault("resources", List.of()))) {
                assertThat(Files.exists(kustomization.resolveSibling(resource.toString()))).as(kustomization + " resource " + resource)
                        .isTrue();
            }
            for (String generator : List.of("configMapGenerator", "secretGenerator")) {
                for (Object g : list(k.getOrDefault(generator, List.of()))) {
                    for (Object env : list(map(g).getOrDefault("envs", List.of()))) {
                        assertThat(kustomization.resolveSibling(env.toString())).as(kustomization + " env file").isRegularFile();
                    }
                }
            }
        }
    }

    @Test
    void deploymentsProbeHealthLimitResourcesAndReadConfigAndSecret() {
        Map<String, Object> kustomization = DeployFiles.yaml(BASE.resolve("kustomization.yaml"));
        Set<String> imageNames = new HashSet<>();
        list(kustomization.get("images")).forEach(i -> imageNames.add((String) map(i).get("name")));
        Set<String> secretKeys = secretKeys(K8S.resolve("overlays/example/secrets.example.env"));

        List<Map<String, Object>> deployments = ofKind(base, "Deployment");
        assertThat(deployments).extracting(d -> name(d)).containsExactlyInAnyOrder("tokenmeter-ingest", "tokenmeter-query");
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
            assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
            Map<String, Object> container = map(list(pod.get("containers")).get(0));
            String what = name(deployment);
            assertThat(imageNames).as(what + " image is set by the kustomization").contains((String) container.get("image"));
            Map<String, Object> management = containerPort(container, "management");
            assertThat(probe(container, "startupProbe")).as(what).containsEntry("path", "/actuator/health/liveness").containsEntry("port",
                    "management");
            assertThat(probe(container, "readinessProbe")).as(what).containsEntry("path", "/actuator/health/readiness")
                    .containsEntry("port", "management");
            assertThat(probe(container, "livenessProbe")).as(what).containsEntry("path", "/actuator/health/liveness").containsEntry("port",
                    "management");
            assertThat(management.get("containerPort")).as(what + " management port differs from the API's")
                    .isNotEqualTo(containerPort(container, "http").get("containerPort"));
            assertThat(list(container.get("env"))).as(what + " puts actuator on the management port").anySatisfy(env -> {
                assertThat((String) map(env).get("name")).matches("TOKENMETER_(INGEST|QUERY)_MANAGEMENT_PORT");
                assertThat(map(env).get("value")).isEqualTo(String.valueOf(management.get("containerPort")));
            });
            Map<String, Object> resources = map(container.get("resources"));
            assertThat(map(resources.get("requests"))).as(what).containsKeys("cpu", "memory");
            assertThat(map(resources.get("limits"))).as(what).containsKeys("cpu", "memory");
            assertThat(list(container.get("envFrom"))).as(what).contains(Map.of("configMapRef", Map.of("name", "tokenmeter-config")));
            for (Object env : list(container.get("env"))) {
                Object from = map(env).get("valueFrom");
                if (from != null) {
                    Map<String, Object> ref = map(map(from).get("secretKeyRef"));
                    assertThat(ref.get("name")).isEqualTo("tokenmeter-secrets");
                    assertThat(secretKeys).as(what + " reads a key the example Secret has").contains((String) ref.get("key"));
                }
            }
            assertThat(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("annotations"))
                    .as(what + " is scraped").isEqualTo(Map.of("prometheus.io/scrape", "true", "prometheus.io/path", "/actuator/prometheus",
                            "prometheus.io/port", String.valueOf(management.get("containerPort"))));
        }
        assertThat(secretKeys).contains("TOKENMETER_DB_OWNER_USER", "TOKENMETER_DB_OWNER_PASSWORD", "TOKENMETER_INGEST_DB_USER",
                "TOKENMETER_INGEST_DB_PASSWORD", "TOKENMETER_QUERY_DB_USER", "TOKENMETER_QUERY_DB_PASSWORD", "TOKENMETER_OPERATOR_KEY");
        assertThat(list(map(list(kustomization.get("configMapGenerator")).get(0)).get("literals")))
                .anySatisfy(l -> assertThat(l.toString()).startsWith("TOKENMETER_KAFKA_BOOTSTRAP="))
                .anySatisfy(l -> assertThat(l.toString()).startsWith("TOKENMETER_R2DBC_URL="))
                .anySatisfy(l -> assertThat(l.toString()).startsWith("TOKENMETER_JDBC_URL="));
    }

    @Test
    void eachServiceReadsItsDataAsItsOwnLoginAndMigratesAsTheOwner() {
        for (Map<String, Object> deployment : ofKind(base, "Deployment")) {
            String service = name(deployment).substring("tokenmeter-".length()).toUpperCase(Locale.ROOT);
            Map<String, Object> container = map(
                    list(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers")).get(0));
            Map<String, Object> secretKeyOf = new HashMap<>();
            for (Object env : list(container.get("env"))) {
                Object from = map(env).get("valueFrom");
                if (from != null) {
                    secretKeyOf.put((String) map(env).get("name"), map(map(from).get("secretKeyRef")).get("key"));
                }
            }
            assertThat(secretKeyOf).as(name(deployment))
                    .containsEntry("TOKENMETER_DB_USER", "TOKENMETER_" + service + "_DB_USER")
                    .containsEntry("TOKENMETER_DB_PASSWORD", "TOKENMETER_" + service + "_DB_PASSWORD")
                    .containsEntry("TOKENMETER_DB_OWNER_USER", "TOKENMETER_DB_OWNER_USER")
                    .containsEntry("TOKENMETER_DB_OWNER_PASSWORD", "TOKENMETER_DB_OWNER_PASSWORD");
        }
    }

    @Test
    void onlyTheQueryServiceAutoscalesAndServicesSelectTheirPods() {
        List<Map<String, Object>> autoscalers = ofKind(base, "HorizontalPodAutoscaler");
        assertThat(autoscalers).hasSize(1);
        Map<String, Object> target = map(map(autoscalers.get(0).get("spec")).get("scaleTargetRef"));
        assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", "tokenmeter-query");
        Map<String, Object> query = ofKind(base, "Deployment").stream().filter(d -> name(d).equals("tokenmeter-query")).findFirst()
                .orElseThrow();
        assertThat(map(query.get("spec"))).as("the autoscaler owns the replica count").doesNotContainKey("replicas");

        for (Map<String, Object> service : ofKind(base, "Service")) {
            String app = (String) map(map(service.get("spec")).get("selector")).get("app.kubernetes.io/name");
            Map<String, Object> deployment = ofKind(base, "Deployment").stream().filter(d -> name(d).equals(app)).findFirst().orElseThrow();
            Map<String, Object> podLabels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
            assertThat(podLabels).containsAllEntriesOf(map(map(service.get("spec")).get("selector")));
        }
    }

    @Test
    void operatorRulesAreTheRulesFileAndMonitorsFindTheServices() {
        List<Map<String, Object>> monitoring = documents(K8S.resolve("monitoring"));
        Map<String, Object> rule = ofKind(monitoring, "PrometheusRule").get(0);
        Object groups = DeployFiles.yaml(DeployFiles.prometheus().resolve("rules/tokenmeter.yml")).get("groups");
        assertThat(map(rule.get("spec")).get("groups"))
                .as("k8s/monitoring/prometheus-rule.yaml spec.groups must equal prometheus/rules/tokenmeter.yml groups: copy them again")
                .isEqualTo(groups);

        List<Map<String, Object>> monitors = ofKind(monitoring, "ServiceMonitor");
        assertThat(monitors).hasSize(2);
        for (Map<String, Object> monitor : monitors) {
            Map<String, Object> spec = map(monitor.get("spec"));
            Map<String, Object> matchLabels = map(map(spec.get("selector")).get("matchLabels"));
            List<Map<String, Object>> selected = ofKind(base, "Service").stream()
                    .filter(service -> map(map(service.get("metadata")).get("labels")).entrySet().containsAll(matchLabels.entrySet()))
                    .toList();
            assertThat(selected).as(name(monitor) + " selects exactly its management Service").extracting(d -> name(d))
                    .containsExactly(matchLabels.get("app.kubernetes.io/name") + "-management");
            assertThat(servicePortNames(selected.get(0))).containsExactly("management");
            assertThat(map(list(spec.get("endpoints")).get(0))).containsEntry("port", "management").containsEntry("path",
                    "/actuator/prometheus");
        }
    }

    @Test
    void theIngressAndThePublicServicesNeverExposeTheManagementPort() {
        List<Map<String, Object>> services = ofKind(base, "Service");
        Set<String> routed = new HashSet<>();
        Map<String, String> routes = new java.util.HashMap<>();
        for (Map<String, Object> ingress : ofKind(documents(K8S.resolve("overlays/example")), "Ingress")) {
            for (Object rule : list(map(ingress.get("spec")).get("rules"))) {
                for (Object path : list(map(map(rule).get("http")).get("paths"))) {
                    Map<String, Object> backend = map(map(map(path).get("backend")).get("service"));
                    assertThat(map(backend.get("port"))).as("the Ingress routes to API ports only").isEqualTo(Map.of("name", "http"));
                    routed.add((String) backend.get("name"));
                    routes.put((String) map(path).get("path"), (String) backend.get("name"));
                }
            }
        }
        assertThat(routed).containsExactlyInAnyOrder("tokenmeter-ingest", "tokenmeter-query");
        assertThat(routes).as("HTTP ingest and OTLP/HTTP traces go to the ingest service")
                .containsEntry("/api/v1/events", "tokenmeter-ingest").containsEntry("/v1/traces", "tokenmeter-ingest");
        for (Map<String, Object> deployment : ofKind(base, "Deployment")) {
            Map<String, Object> container = map(
                    list(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers")).get(0));
            Object managementPort = containerPort(container, "management").get("containerPort");
            for (Map<String, Object> service : services) {
                if (!name(service).endsWith("-management")) {
                    for (Object port : list(map(service.get("spec")).get("ports"))) {
                        assertThat(map(port).get("targetPort")).as(name(service) + " is public: no actuator")
                                .isNotIn("management", managementPort);
                        assertThat(map(port).get("port")).as(name(service)).isNotEqualTo(managementPort);
                    }
                }
            }
        }
        assertThat(services).filteredOn(s -> name(s).endsWith("-management")).extracting(d -> name(d))
                .as("no Ingress routes to a management Service").doesNotContainAnyElementsOf(routed)
                .containsExactlyInAnyOrder("tokenmeter-ingest-management", "tokenmeter-query-management");
        for (Map<String, Object> service : services) {
            assertThat(map(service.get("spec")).get("type")).as(name(service) + " stays inside the cluster").isIn(null, "ClusterIP");
        }
    }

    private static Map<String, Object> containerPort(Map<String, Object> container, String name) {
        return list(container.get("ports")).stream().map(DeployFiles::map).filter(p -> name.equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name + " in " + container.get("name")));
    }

    private static List<String> servicePortNames(Map<String, Object> service) {
        return list(map(service.get("spec")).get("ports")).stream().map(p -> (String) map(p).get("name")).toList();
    }

    private static Map<String, Object> probe(Map<String, Object> container, String probe) {
        return map(map(container.get(probe)).get("httpGet"));
    }

    private static List<Map<String, Object>> documents(Path kustomizationDir) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object resource : list(DeployFiles.yaml(kustomizationDir.resolve("kustomization.yaml")).get("resources"))) {
            Path file = kustomizationDir.resolve(resource.toString());
            if (Files.isRegularFile(file)) {
                documents.addAll(DeployFiles.yamlDocuments(file));
            }
        }
        return documents;
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static String name(Map<String, Object> document) {
        return (String) map(document.get("metadata")).get("name");
    }

    private static Set<String> secretKeys(Path envFile) {
        Set<String> keys = new HashSet<>();
        for (String line : DeployFiles.read(envFile).split("\n")) {
            if (line.contains("=") && !line.startsWith("#")) {
                keys.add(line.substring(0, line.indexOf('=')).trim());
            }
        }
        return keys;
    }
}

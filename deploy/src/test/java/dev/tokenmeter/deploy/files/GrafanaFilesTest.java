package dev.tokenmeter.deploy.files;

import static dev.tokenmeter.deploy.files.DeployFiles.list;
import static dev.tokenmeter.deploy.files.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboard is valid JSON with a query in every panel, and compose provisions it where the provider looks. */
class GrafanaFilesTest {

    private static final Path GRAFANA = DeployFiles.module().resolve("grafana");

    @Test
    void everyPanelQueriesTheDashboardsPrometheusDatasource() {
        JsonNode dashboard = JsonMapper.builder().build().readTree(DeployFiles.read(GRAFANA.resolve("dashboards/tokenmeter.json")));
        assertThat(dashboard.get("uid").asString()).isEqualTo("tokenmeter-overview");
        assertThat(dashboard.get("templating").get("list").get(0).get("type").asString()).isEqualTo("datasource");

        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
            if (panel.get("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString()).isEqualTo("${datasource}");
            assertThat(panel.get("targets").size()).as(panel.get("title").asString()).isPositive();
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("expr").asString()).as(panel.get("title").asString()).isNotBlank();
                queries++;
            }
        }
        assertThat(queries).isGreaterThan(20);
    }

    @Test
    void composeMountsTheDashboardWhereTheProviderLooksAndTheDatasourceIsTheComposePrometheus() {
        Map<String, Object> provider = map(
                list(DeployFiles.yaml(GRAFANA.resolve("provisioning/dashboards/tokenmeter.yml")).get("providers")).get(0));
        String path = (String) map(provider.get("options")).get("path");
        Map<String, Object> grafana = map(
                map(DeployFiles.yaml(DeployFiles.module().resolve("compose/compose.yaml")).get("services")).get("grafana"));
        List<Object> volumes = list(grafana.get("volumes"));
        assertThat(volumes).contains("../grafana/dashboards:" + path + ":ro");

        Map<String, Object> datasource = map(
                list(DeployFiles.yaml(GRAFANA.resolve("provisioning/datasources/prometheus.yml")).get("datasources")).get(0));
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
    }
}

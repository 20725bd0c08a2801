package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Client mistakes get the right Kubernetes Status and change nothing stored; never a 500. */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class BadInputIT {
    private static final TestNamespace NS = TestNamespace.of(BadInputIT.class);
    private final String api = LocalCluster.get().masterUrl(1) + NS.apiPath("configmaps");

    private static final String VALID = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
            + "\"metadata\":{\"name\":\"bad-input\"},\"data\":{\"k\":\"v\"}}";

    @Test
    void malformedJsonIsBadRequest() {
        Http.Response response = Http.send("POST", api, "application/json", "{\"metadata\": {\"name\": ");
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body()).contains("\"kind\":\"Status\"").contains("\"reason\":\"BadRequest\"");
    }

    @Test
    void malformedYamlIsBadRequest() {
        Http.Response response = Http.send("POST", api, "application/yaml", "metadata: [unclosed\n  name: x");
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body()).contains("\"reason\":\"BadRequest\"");
    }

    @Test
    void invalidObjectIsUnprocessableWithFieldPaths() {
        String pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"Bad_Name\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\"}]}}";
        Http.Response response = Http.send("POST", LocalCluster.get().masterUrl(1) + NS.apiPath("pods"),
                "application/json", pod);
        assertThat(response.code()).isEqualTo(422);
        assertThat(response.body()).contains("\"reason\":\"Invalid\"")
                .contains("metadata.name: Invalid value: \\\"Bad_Name\\\"")
                .contains("spec.containers[0].image: Required value");
        assertThat(Http.get(LocalCluster.get().masterUrl(1) + NS.apiPath("pods/Bad_Name")).code())
                .isEqualTo(404);
    }

    @Test
    void staleResourceVersionIsConflictAndKeepsTheStoredObject() {
        Http.Response created = Http.send("POST", api, "application/json", VALID.replace("bad-input", "stale-rv"));
        assertThat(created.code()).isEqualTo(201);
        String stale = VALID.replace("bad-input\"", "stale-rv\",\"resourceVersion\":\"1\"").replace("\"v\"", "\"x\"");
        Http.Response conflict = Http.send("PUT", api + "/stale-rv", "application/json", stale);
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.body()).contains("\"reason\":\"Conflict\"").contains("the object has been modified");
        assertThat(Http.get(api + "/stale-rv").body()).contains("\"k\":\"v\"");
        Http.send("DELETE", api + "/stale-rv", null, null);
    }

    @Test
    void unknownResourceAndObjectAreNotFound() {
        Http.Response unknownResource = Http.get(LocalCluster.get().masterUrl(1) + NS.apiPath("widgets"));
        assertThat(unknownResource.code()).isEqualTo(404);
        assertThat(unknownResource.body()).contains("\"reason\":\"NotFound\"");
        Http.Response unknownObject = Http.get(api + "/does-not-exist");
        assertThat(unknownObject.code()).isEqualTo(404);
        assertThat(unknownObject.body()).contains("configmaps \\\"does-not-exist\\\" not found");
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        String huge = VALID.replace("\"v\"", "\"" + "x".repeat(4 * 1024 * 1024) + "\"");
        Http.Response response = Http.send("POST", api, "application/json", huge);
        assertThat(response.code()).isEqualTo(413);
        assertThat(Http.get(api + "/bad-input").code()).isEqualTo(404);
    }

    @Test
    void badSelectorsAndParametersAreBadRequest() {
        assertThat(Http.get(api + "?labelSelector=app%20in%20(a").code()).isEqualTo(400);
        assertThat(Http.get(api + "?fieldSelector=spec.nodeName%3Dx").code()).isEqualTo(400);
        assertThat(Http.get(api + "?limit=-3").code()).isEqualTo(400);
        assertThat(Http.send("PATCH", api + "/x", "application/merge-patch+json", "{bad").code()).isEqualTo(400);
        assertThat(Http.send("PATCH", api + "/x", "text/plain", "{}").code()).isEqualTo(415);
    }

    @Test
    void aMalformedPatchIsBadRequestAndOneThatDoesNotFitIsInvalid() {
        Http.Response created = Http.send("POST", api, "application/json", VALID.replace("bad-input", "patched"));
        assertThat(created.code()).isEqualTo(201);
        Http.Response notAList = Http.send("PATCH", api + "/patched", "application/json-patch+json",
                "{\"op\":\"add\",\"path\":\"/data/x\",\"value\":\"y\"}");
        assertThat(notAList.code()).isEqualTo(400);
        assertThat(notAList.body()).contains("\"reason\":\"BadRequest\"");
        Http.Response failedTest = Http.send("PATCH", api + "/patched", "application/json-patch+json",
                "[{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"other\"}]");
        assertThat(failedTest.code()).isEqualTo(422);
        assertThat(failedTest.body()).contains("\"reason\":\"Invalid\"");
        assertThat(Http.get(api + "/patched").body()).contains("\"k\":\"v\"");
        Http.send("DELETE", api + "/patched", null, null);
    }

    /** Prometheus metrics come later: until then /metrics is an API 404 (a Status), as any unknown path is. */
    @Test
    void metricsIsNotFoundAsAStatusOnEveryMaster() {
        for (int master = 1; master <= LocalCluster.MASTERS; master++) {
            Http.Response metrics = Http.get(LocalCluster.get().masterUrl(master) + "/metrics");
            assertThat(metrics.code()).as("master-%d", master).isEqualTo(404);
            assertThat(metrics.body()).as("master-%d", master).contains("\"kind\":\"Status\"")
                    .contains("\"status\":\"Failure\"").contains("\"reason\":\"NotFound\"")
                    .contains("\"code\":404")
                    .contains("\"message\":\"the server could not find the requested resource\"");
        }
    }
}

package io.coxswain.controlplane.controllers.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespacePlannerTest {
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

    private static ObjectNode namespace(boolean deleting, String finalizers, String conditions) {
        return Json.parseObject("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","uid":"ns-uid"%s},
                 "spec":{"finalizers":%s},"status":{"phase":"%s","conditions":%s}}""".formatted(
                deleting ? ",\"deletionTimestamp\":\"2026-12-05T07:59:00Z\"" : "", finalizers,
                deleting ? "Terminating" : "Active", conditions));
    }

    private static ObjectNode terminating() {
        return namespace(true, "[\"kubernetes\"]", "[]");
    }

    private static NamespaceContent configMap(String name) {
        return NamespaceContent.of(ResourceTypes.CONFIG_MAP, Json.parseObject(
                "{\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"uid-" + name + "\"}}"));
    }

    private static NamespaceContent heldPod(String name) {
        return NamespaceContent.of(ResourceTypes.POD, Json.parseObject("{\"metadata\":{\"name\":\"" + name
                + "\",\"uid\":\"uid-" + name + "\",\"deletionTimestamp\":\"2026-12-05T07:59:30Z\","
                + "\"finalizers\":[\"example.com/keep\"]}}"));
    }

    private static <T> List<T> of(List<ControllerAction> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static JsonNode condition(List<ControllerAction> actions, String type) {
        ControllerAction.MergePatch status = of(actions, ControllerAction.MergePatch.class).stream()
                .filter(p -> p.subresource().equals("status")).findFirst().orElseThrow();
        for (JsonNode condition : status.patch().path("status").path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        throw new AssertionError("no condition " + type + " in " + status.patch());
    }

    @Test
    void anActiveNamespaceNeedsNothing() {
        assertThat(NamespacePlanner.plan(namespace(false, "[\"kubernetes\"]", "[]"), List.of(configMap("a")), null,
                NOW)).isEmpty();
    }

    @Test
    void aTerminatingNamespaceHasItsContentDeletedWithUidPreconditionsAndSaysWhatRemains() {
        List<ControllerAction> actions = NamespacePlanner.plan(terminating(),
                List.of(configMap("a"), configMap("b"), heldPod("p")), null, NOW);

        assertThat(of(actions, ControllerAction.Delete.class)).containsExactly(
                new ControllerAction.Delete(ResourceTypes.CONFIG_MAP, "shop", "a", "uid-a"),
                new ControllerAction.Delete(ResourceTypes.CONFIG_MAP, "shop", "b", "uid-b"));
        assertThat(condition(actions, "NamespaceContentRemaining").path("message").asText())
                .isEqualTo("Some resources are remaining: configmaps. has 2 resource instances, "
                        + "pods. has 1 resource instances");
        assertThat(condition(actions, "NamespaceFinalizersRemaining").path("message").asText())
                .isEqualTo("Some content in the namespace has finalizers remaining: example.com/keep in 1 "
                        + "resource instances");
        assertThat(of(actions, ControllerAction.MergePatch.class)).noneMatch(p -> p.subresource().equals("finalize"));
        assertThat(of(actions, ControllerAction.RequeueAfter.class))
                .containsExactly(new ControllerAction.RequeueAfter(NamespacePlanner.RECHECK));
    }

    @Test
    void anEmptyTerminatingNamespaceLosesOnlyItsOwnFinalizer() {
        List<ControllerAction> actions = NamespacePlanner.plan(namespace(true, "[\"example.com/a\",\"kubernetes\"]",
                "[]"), List.of(), null, NOW);

        ControllerAction.MergePatch finalize = of(actions, ControllerAction.MergePatch.class).stream()
                .filter(p -> p.subresource().equals("finalize")).findFirst().orElseThrow();
        assertThat(finalize.name()).isEqualTo("shop");
        assertThat(Json.write(finalize.patch())).isEqualTo("{\"spec\":{\"finalizers\":[\"example.com/a\"]}}");
        assertThat(condition(actions, "NamespaceContentRemaining").path("reason").asText()).isEqualTo("ContentRemoved");
        assertThat(of(actions, ControllerAction.RequeueAfter.class)).isEmpty();
    }

    @Test
    void aFailedDeleteIsReportedAndRetriedSoon() {
        List<ControllerAction> actions = NamespacePlanner.plan(terminating(), List.of(configMap("a")),
                "configmaps \"a\": the server was unable to reach the object's master in time", NOW);

        JsonNode failure = condition(actions, "NamespaceDeletionContentFailure");
        assertThat(failure.path("status").asText()).isEqualTo("True");
        assertThat(failure.path("reason").asText()).isEqualTo("ContentDeletionFailed");
        assertThat(failure.path("message").asText()).contains("configmaps \"a\"");
        assertThat(of(actions, ControllerAction.RequeueAfter.class))
                .containsExactly(new ControllerAction.RequeueAfter(NamespacePlanner.RETRY_AFTER_FAILURE));
    }

    @Test
    void conditionsAlreadyTrueAreNotWrittenAgainSoTheControllerSettles() {
        List<ControllerAction> first = NamespacePlanner.plan(terminating(), List.of(heldPod("p")), null, NOW);
        ControllerAction.MergePatch status = of(first, ControllerAction.MergePatch.class).get(0);
        ObjectNode written = namespace(true, "[\"kubernetes\"]",
                Json.write(status.patch().path("status").path("conditions")));

        List<ControllerAction> again = NamespacePlanner.plan(written, List.of(heldPod("p")), null,
                NOW.plusSeconds(30));

        assertThat(again).containsExactly(new ControllerAction.RequeueAfter(NamespacePlanner.RECHECK));
    }

    @Test
    void aNamespaceThisControllerHasLetGoIsLeftToTheOtherFinalizers() {
        assertThat(NamespacePlanner.plan(namespace(true, "[\"example.com/a\"]", "[]"), List.of(), null, NOW))
                .isEmpty();
    }
}

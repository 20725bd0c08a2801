package io.coxswain.controlplane.entity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes' namespace lifecycle as the entity keeps it: a delete makes a namespace Terminating
 * (it stays while its {@code kubernetes} finalizer does), only the finalize subresource changes
 * {@code spec.finalizers}, and removing the last finalizer of a terminating namespace removes it.
 */
class NamespaceWritesTest {
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private final ObjectWrites writes = new ObjectWrites(ResourceTypes.NAMESPACE);

    private ObjectNode created() {
        WritePlan plan = writes.plan(null, "", "shop", WriteRequest.create(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}", false), NOW);
        ObjectNode object = ((WritePlan.Store) plan).object();
        Json.child(object, "metadata").put("resourceVersion", "5");
        return object;
    }

    private ObjectNode stored(WritePlan plan) {
        assertThat(plan).isInstanceOf(WritePlan.Store.class);
        ObjectNode object = ((WritePlan.Store) plan).object();
        Json.child(object, "metadata").put("resourceVersion", "6");
        return object;
    }

    private ObjectNode deleted(ObjectNode namespace) {
        return stored(writes.plan(namespace, "", "shop", WriteRequest.delete(
                "{\"propagationPolicy\":\"Background\"}", false), NOW));
    }

    private WritePlan finalize(ObjectNode namespace, String finalizers) {
        return writes.plan(namespace, "", "shop", WriteRequest.replace("finalize",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"},"
                        + "\"spec\":{\"finalizers\":" + finalizers + "}}", false), NOW);
    }

    @Test
    void aNewNamespaceIsActiveWithTheKubernetesFinalizer() {
        ObjectNode namespace = created();
        assertThat(Json.write(namespace.get("spec"))).isEqualTo("{\"finalizers\":[\"kubernetes\"]}");
        assertThat(Json.text(namespace, "status.phase")).isEqualTo("Active");
    }

    @Test
    void aDeletedNamespaceTurnsTerminatingAndStaysUntilItsFinalizerIsRemoved() {
        ObjectNode terminating = deleted(created());
        assertThat(Json.text(terminating, "status.phase")).isEqualTo("Terminating");
        assertThat(terminating.path("metadata").has("deletionTimestamp")).isTrue();

        WritePlan again = writes.plan(terminating, "", "shop", WriteRequest.delete("{}", false), NOW);
        assertThat(again).as("a second delete changes nothing").isInstanceOf(WritePlan.Unchanged.class);

        assertThat(finalize(terminating, "[]")).isInstanceOf(WritePlan.Remove.class);
    }

    @Test
    void onlyTheFinalizeSubresourceChangesSpecFinalizers() {
        ObjectNode namespace = created();
        WritePlan replaced = writes.plan(namespace, "", "shop", WriteRequest.replace("",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\",\"labels\":{\"a\":\"b\"}},"
                        + "\"spec\":{\"finalizers\":[]}}", false), NOW);
        assertThat(Json.write(stored(replaced).path("spec").path("finalizers"))).isEqualTo("[\"kubernetes\"]");

        ObjectNode finalized = stored(finalize(namespace, "[]"));
        assertThat(finalized.path("spec").path("finalizers")).isEmpty();
        assertThat(Json.text(finalized, "status.phase")).as("an active namespace stays").isEqualTo("Active");
    }

    @Test
    void aTerminatingNamespaceWithAnotherFinalizerLeftStays() {
        ObjectNode terminating = deleted(created());
        Json.child(terminating, "metadata").putArray("finalizers").add("example.com/audit");

        assertThat(finalize(terminating, "[]")).isInstanceOf(WritePlan.Store.class);
    }
}

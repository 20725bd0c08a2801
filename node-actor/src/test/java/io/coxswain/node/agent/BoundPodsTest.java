package io.coxswain.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundPodsTest {
    private static String pod(String name, String node, int version) {
        return "{\"metadata\":{\"namespace\":\"default\",\"name\":\"" + name + "\",\"resourceVersion\":\"" + version
                + "\"},\"spec\":{\"nodeName\":\"" + node + "\"}}";
    }

    private static Map<String, List<String>> keys(String... nodeThenKeys) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        String node = null;
        for (String item : nodeThenKeys) {
            if (!item.contains("/")) {
                node = item;
                keys.put(node, new java.util.ArrayList<>());
            } else {
                keys.get(node).add(item);
            }
        }
        return keys;
    }

    private static List<String> names(List<ObjectNode> pods) {
        return pods.stream().map(p -> Json.text(p, "metadata.name") + "@" + Json.text(p, "metadata.resourceVersion"))
                .toList();
    }

    @Test
    void keepsThePodsItWasSentAndAsksFromWhereTheAnswerEnded() {
        BoundPods pods = new BoundPods();
        assertThat(pods.since()).isZero();
        Map<String, List<ObjectNode>> first = pods.apply(new NodePods.Bound(keys("n1", "default/a", "default/b", "n2"),
                List.of(pod("a", "n1", 5), pod("b", "n1", 6)), 9, true));
        assertThat(names(first.get("n1"))).containsExactly("a@5", "b@6");
        assertThat(first.get("n2")).isEmpty();
        assertThat(pods.since()).isEqualTo(9);

        // Nothing changed: same pods, no objects sent.
        Map<String, List<ObjectNode>> idle = pods.apply(new NodePods.Bound(keys("n1", "default/a", "default/b", "n2"),
                List.of(), 9, true));
        assertThat(names(idle.get("n1"))).containsExactly("a@5", "b@6");

        // b changed, a deleted, c bound to n2.
        Map<String, List<ObjectNode>> next = pods.apply(new NodePods.Bound(keys("n1", "default/b", "n2", "default/c"),
                List.of(pod("b", "n1", 10), pod("c", "n2", 11)), 12, true));
        assertThat(names(next.get("n1"))).containsExactly("b@10");
        assertThat(names(next.get("n2"))).containsExactly("c@11");
        assertThat(pods.since()).isEqualTo(12);
    }

    @Test
    void aNodeWithAPodNotSentYetWaitsForTheRestOfTheAnswer() {
        BoundPods pods = new BoundPods();
        Map<String, List<ObjectNode>> partial = pods.apply(new NodePods.Bound(
                keys("n1", "default/a", "n2", "default/b"), List.of(pod("a", "n1", 3)), 3, false));
        assertThat(partial).containsOnlyKeys("n1");
        assertThat(pods.since()).isEqualTo(3);

        Map<String, List<ObjectNode>> rest = pods.apply(new NodePods.Bound(
                keys("n1", "default/a", "n2", "default/b"), List.of(pod("b", "n2", 4)), 8, true));
        assertThat(rest).containsOnlyKeys("n1", "n2");
        assertThat(names(rest.get("n2"))).containsExactly("b@4");
    }

    @Test
    void itsOwnStatusWritesComingBackAreNoNews() {
        BoundPods pods = new BoundPods();
        pods.apply(new NodePods.Bound(keys("n1", "default/a"), List.of(pod("a", "n1", 5)), 9, true));
        assertThat(pods.hadNews()).as("a pod bound").isTrue();

        pods.apply(new NodePods.Bound(keys("n1", "default/a"), List.of(pod("a", "n1", 10)), 10, true),
                Map.of("default/a", 10L));
        assertThat(pods.hadNews()).as("the agent's own write of a, version 10").isFalse();

        pods.apply(new NodePods.Bound(keys("n1", "default/a"), List.of(pod("a", "n1", 11)), 11, true),
                Map.of("default/a", 10L));
        assertThat(pods.hadNews()).as("someone else changed a after").isTrue();

        pods.apply(new NodePods.Bound(keys("n1"), List.of(), 12, true), Map.of());
        assertThat(pods.hadNews()).as("a gone").isTrue();
        assertThat(pods.isBound("default/a")).isFalse();
    }
}

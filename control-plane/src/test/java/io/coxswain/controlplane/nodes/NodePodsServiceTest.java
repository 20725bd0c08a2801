package io.coxswain.controlplane.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodePodsServiceTest {
    private static CachedObject pod(String name, String node, long version) {
        return CachedObject.of("Pod", "default/" + name, Json.parseObject("{\"metadata\":{\"namespace\":\"default\","
                + "\"name\":\"" + name + "\",\"resourceVersion\":\"" + version + "\"},\"spec\":{\"nodeName\":\""
                + node + "\"}}"));
    }

    private static final List<CachedObject> PODS = List.of(pod("a", "n1", 7), pod("b", "n2", 3), pod("c", "other", 9),
            pod("d", "n1", 5), pod("e", "", 8));

    @Test
    void namesEveryPodOfTheNodesAskedForAndSendsOnlyThoseChanged() {
        NodePods.Bound all = NodePodsService.answer(List.of("n1", "n2", "n3"), 0, PODS, 10, 1 << 20);
        assertThat(all.keysByNode()).containsOnlyKeys("n1", "n2", "n3");
        assertThat(all.keysByNode().get("n1")).containsExactly("default/a", "default/d");
        assertThat(all.keysByNode().get("n3")).isEmpty();
        assertThat(all.changedPods()).as("oldest change first").extracting(j -> Json.parseObject(j)
                .at("/metadata/name").asText()).containsExactly("b", "d", "a");
        assertThat(all.asOfVersion()).isEqualTo(10);
        assertThat(all.complete()).isTrue();

        NodePods.Bound since = NodePodsService.answer(List.of("n1", "n2"), 5, PODS, 10, 1 << 20);
        assertThat(since.changedPods()).hasSize(1);
        assertThat(since.keysByNode().get("n1")).containsExactly("default/a", "default/d");

        NodePods.Bound idle = NodePodsService.answer(List.of("n1", "n2"), 10, PODS, 10, 1 << 20);
        assertThat(idle.changedPods()).isEmpty();
        assertThat(idle.asOfVersion()).isEqualTo(10);
    }

    @Test
    void aLongAnswerIsCutAfterTheBudgetAndSaysWhereItStopped() {
        int onePod = Json.write(PODS.get(0).object()).length();
        NodePods.Bound cut = NodePodsService.answer(List.of("n1", "n2"), 0, PODS, 10, onePod + onePod / 2);
        assertThat(cut.complete()).isFalse();
        assertThat(cut.changedPods()).hasSize(1);
        assertThat(cut.asOfVersion()).as("version of the last pod sent").isEqualTo(3);

        NodePods.Bound tiny = NodePodsService.answer(List.of("n1", "n2"), 3, PODS, 10, 1);
        assertThat(tiny.changedPods()).as("at least one, so every answer moves on").hasSize(1);
        assertThat(tiny.asOfVersion()).isEqualTo(5);
    }
}

package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeAffinityTest {

    private static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    private final NodeAffinity filter = new NodeAffinity();
    private final NodeInfo ssdNode = NodeInfo.of(node("node-ssd").label("disktype", "ssd")
            .label("cpu-generation", "6").build(), List.of());
    private final NodeInfo hddNode = NodeInfo.of(node("node-hdd").label("disktype", "hdd")
            .label("cpu-generation", "3").build(), List.of());

    private List<String> reasons(PodInfo pod, NodeInfo node) {
        return filter.filter(pod, node, ClusterSnapshot.empty());
    }

    private static PodInfo requiring(String nodeSelectorTerms) {
        return pod("web").spec("affinity", """
                {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": %s}}}
                """.formatted(nodeSelectorTerms)).info();
    }

    @Test
    void nodeSelectorNeedsEveryLabel() {
        PodInfo pod = pod("web").nodeSelector("disktype", "ssd").nodeSelector("kubernetes.io/os", "linux").info();

        assertThat(reasons(pod, ssdNode)).isEmpty();
        assertThat(reasons(pod, hddNode)).containsExactly(REASON);
    }

    @Test
    void inAndNotIn() {
        PodInfo in = requiring("[{\"matchExpressions\": [{\"key\": \"disktype\", \"operator\": \"In\", \"values\": [\"ssd\", \"nvme\"]}]}]");
        PodInfo notIn = requiring("[{\"matchExpressions\": [{\"key\": \"disktype\", \"operator\": \"NotIn\", \"values\": [\"ssd\"]}]}]");

        assertThat(reasons(in, ssdNode)).isEmpty();
        assertThat(reasons(in, hddNode)).containsExactly(REASON);
        assertThat(reasons(notIn, ssdNode)).containsExactly(REASON);
        assertThat(reasons(notIn, hddNode)).isEmpty();
    }

    @Test
    void existsAndDoesNotExist() {
        PodInfo exists = requiring("[{\"matchExpressions\": [{\"key\": \"disktype\", \"operator\": \"Exists\"}]}]");
        PodInfo absent = requiring("[{\"matchExpressions\": [{\"key\": \"gpu\", \"operator\": \"DoesNotExist\"}]}]");

        assertThat(reasons(exists, ssdNode)).isEmpty();
        assertThat(reasons(absent, ssdNode)).isEmpty();
        NodeInfo gpuNode = NodeInfo.of(node("node-gpu").label("gpu", "a100").build(), List.of());
        assertThat(reasons(exists, gpuNode)).containsExactly(REASON);
        assertThat(reasons(absent, gpuNode)).containsExactly(REASON);
    }

    @Test
    void gtAndLtCompareIntegers() {
        PodInfo newer = requiring("[{\"matchExpressions\": [{\"key\": \"cpu-generation\", \"operator\": \"Gt\", \"values\": [\"4\"]}]}]");
        PodInfo older = requiring("[{\"matchExpressions\": [{\"key\": \"cpu-generation\", \"operator\": \"Lt\", \"values\": [\"4\"]}]}]");

        assertThat(reasons(newer, ssdNode)).isEmpty();
        assertThat(reasons(newer, hddNode)).containsExactly(REASON);
        assertThat(reasons(older, hddNode)).isEmpty();
        assertThat(reasons(older, ssdNode)).containsExactly(REASON);
    }

    @Test
    void termsAreOredAndExpressionsWithinATermAnded() {
        PodInfo pod = requiring("""
                [{"matchExpressions": [{"key": "disktype", "operator": "In", "values": ["ssd"]},
                                       {"key": "cpu-generation", "operator": "Gt", "values": ["10"]}]},
                 {"matchExpressions": [{"key": "disktype", "operator": "In", "values": ["hdd"]}]}]
                """);

        assertThat(reasons(pod, ssdNode)).containsExactly(REASON);
        assertThat(reasons(pod, hddNode)).isEmpty();
    }

    @Test
    void matchFieldsSelectsByNodeName() {
        PodInfo pod = requiring("[{\"matchFields\": [{\"key\": \"metadata.name\", \"operator\": \"In\", \"values\": [\"node-hdd\"]}]}]");

        assertThat(reasons(pod, hddNode)).isEmpty();
        assertThat(reasons(pod, ssdNode)).containsExactly(REASON);
    }

    @Test
    void anEmptyTermMatchesNoNode() {
        assertThat(reasons(requiring("[{}]"), ssdNode)).containsExactly(REASON);
    }

    @Test
    void nodeSelectorAndAffinityMustBothHold() {
        PodInfo pod = pod("web").nodeSelector("disktype", "ssd").spec("affinity", """
                {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                  {"matchExpressions": [{"key": "cpu-generation", "operator": "Lt", "values": ["5"]}]}]}}}
                """).info();

        assertThat(reasons(pod, ssdNode)).containsExactly(REASON);
        assertThat(reasons(pod, hddNode)).containsExactly(REASON);
    }
}

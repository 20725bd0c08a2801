package io.coxswain.node.runtime.docker;

import io.coxswain.node.runtime.PodRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels every container of the docker runtime carries. They are the runtime's only record: the engine keeps
 * them with the container, so a new runtime instance (an agent that restarted) lists the same pods, containers and
 * attempts from the engine alone — as the kubelet's dockershim did with its {@code io.kubernetes.*} labels.
 */
final class DockerLabels {
    static final String CLUSTER = "io.coxswain.cluster";
    static final String NODE = "io.coxswain.node";
    /** {@link #SANDBOX} or {@link #CONTAINER}. */
    static final String KIND = "io.coxswain.kind";
    static final String SANDBOX = "sandbox";
    static final String CONTAINER = "container";
    static final String POD_UID = "io.coxswain.pod.uid";
    static final String POD_NAMESPACE = "io.coxswain.pod.namespace";
    static final String POD_NAME = "io.coxswain.pod.name";
    static final String SHARE_PROCESS_NAMESPACE = "io.coxswain.pod.share-process-namespace";
    static final String CONTAINER_NAME = "io.coxswain.container.name";
    static final String ATTEMPT = "io.coxswain.container.attempt";
    /** On an attempt made never to start: why it could not (see {@link ImageExecutables}). */
    static final String START_ERROR = "io.coxswain.container.start-error";

    /** Whose containers: one node of one cluster. */
    record Owner(String cluster, String node) {}

    private DockerLabels() {}

    static Map<String, String> sandbox(Owner node, PodRef pod, boolean shareProcessNamespace) {
        Map<String, String> labels = pod(node, pod, SANDBOX);
        labels.put(SHARE_PROCESS_NAMESPACE, Boolean.toString(shareProcessNamespace));
        return labels;
    }

    static Map<String, String> container(Owner node, PodRef pod, String containerName, int attempt) {
        Map<String, String> labels = pod(node, pod, CONTAINER);
        labels.put(CONTAINER_NAME, containerName);
        labels.put(ATTEMPT, Integer.toString(attempt));
        return labels;
    }

    private static Map<String, String> pod(Owner node, PodRef pod, String kind) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(CLUSTER, node.cluster());
        labels.put(NODE, node.node());
        labels.put(KIND, kind);
        labels.put(POD_UID, pod.uid());
        labels.put(POD_NAMESPACE, pod.namespace());
        labels.put(POD_NAME, pod.name());
        return labels;
    }

    /** The labels that find everything of one kind on one node (and, given a uid, of one pod). */
    static Map<String, String> filter(Owner node, String kind, String podUid) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(CLUSTER, node.cluster());
        labels.put(NODE, node.node());
        if (kind != null) {
            labels.put(KIND, kind);
        }
        if (podUid != null) {
            labels.put(POD_UID, podUid);
        }
        return labels;
    }

    static PodRef podOf(Map<String, String> labels) {
        return new PodRef(labels.get(POD_UID), labels.getOrDefault(POD_NAMESPACE, ""), labels.getOrDefault(POD_NAME, ""));
    }

    static int attemptOf(Map<String, String> labels) {
        try {
            return Integer.parseInt(labels.getOrDefault(ATTEMPT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean isOurs(Map<String, String> labels, Owner node) {
        return labels != null && node.cluster().equals(labels.get(CLUSTER)) && node.node().equals(labels.get(NODE))
                && labels.containsKey(POD_UID);
    }

    /**
     * Engine-wide unique, readable names in the kubelet's style ({@code k8s_<container>_<pod>_<namespace>_<uid>_<attempt>});
     * the engine refuses a second container of the same name, which makes "one attempt starts once" hold even across
     * agents.
     */
    static String containerName(PodRef pod, String containerName, int attempt) {
        return "coxswain_" + containerName + "_" + pod.name() + "_" + pod.namespace() + "_" + pod.uid() + "_" + attempt;
    }

    static String sandboxName(PodRef pod) {
        return "coxswain_POD_" + pod.name() + "_" + pod.namespace() + "_" + pod.uid();
    }
}

package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * What a node says about itself, as a kubelet does: its labels and, in its status, capacity,
 * allocatable, addresses, node info and conditions (Ready with a fresh heartbeat).
 */
public record NodeDescription(String name, String cpu, String memory, int pods, String runtime, String osImage,
                              String kernelVersion, String architecture, Map<String, String> extraLabels,
                              List<NodeTaint> taints, String podCidr) {

    /** A taint the node carries from its registration on (as kubelet's {@code --register-with-taints}). */
    public record NodeTaint(String key, String value, String effect) {}

    public NodeDescription {
        extraLabels = Map.copyOf(extraLabels);
        taints = List.copyOf(taints);
    }

    public static final String KUBELET_VERSION = "v1.32.0-coxswain";
    /** The label naming the node's container runtime (docker, process, simulated): pods pin one with a nodeSelector. */
    public static final String RUNTIME_LABEL = "coxswain.io/runtime";

    public static NodeDescription ofThisMachine(NodeSettings settings) {
        String cpu = settings.cpu().isEmpty() ? Integer.toString(Runtime.getRuntime().availableProcessors())
                : settings.cpu();
        String memory = settings.memory().isEmpty() ? machineMemoryKi() + "Ki" : settings.memory();
        return new NodeDescription(settings.name(), cpu, memory, settings.pods(), settings.runtime(), machineOsImage(),
                System.getProperty("os.version"), machineArchitecture(), Map.of(), List.of(), "");
    }

    /** The Node as first created: name and the well-known labels. */
    public ObjectNode node() {
        ObjectNode node = Json.object();
        node.put("apiVersion", "v1");
        node.put("kind", "Node");
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("name", name);
        ObjectNode labels = metadata.putObject("labels");
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", architecture);
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("beta.kubernetes.io/arch", architecture);
        labels.put(RUNTIME_LABEL, runtime);
        extraLabels.forEach(labels::put);
        if (!podCidr.isEmpty() || !taints.isEmpty()) {
            ObjectNode spec = node.putObject("spec");
            if (!podCidr.isEmpty()) {
                spec.put("podCIDR", podCidr);
                spec.putArray("podCIDRs").add(podCidr);
            }
            if (!taints.isEmpty()) {
                ArrayNode list = spec.putArray("taints");
                taints.forEach(t -> list.addObject().put("key", t.key()).put("value", t.value())
                        .put("effect", t.effect()));
            }
        }
        return node;
    }

    /** A merge patch of the status a heartbeat writes: everything the node reports, with Ready now. */
    public ObjectNode statusPatch(Instant now) {
        String heartbeat = now.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode status = Json.object();
        ObjectNode capacity = status.putObject("capacity");
        capacity.put("cpu", cpu);
        capacity.put("memory", memory);
        capacity.put("pods", Integer.toString(pods));
        status.set("allocatable", capacity.deepCopy());
        ArrayNode addresses = status.putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", "127.0.0.1");
        addresses.addObject().put("type", "Hostname").put("address", name);
        ObjectNode info = status.putObject("nodeInfo");
        info.put("kubeletVersion", KUBELET_VERSION);
        info.put("kubeProxyVersion", KUBELET_VERSION);
        info.put("containerRuntimeVersion", runtime + "://coxswain");
        info.put("operatingSystem", "linux");
        info.put("architecture", architecture);
        info.put("osImage", osImage);
        info.put("kernelVersion", kernelVersion);
        info.put("machineID", "");
        info.put("systemUUID", "");
        info.put("bootID", "");
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available", heartbeat);
        condition(conditions, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure",
                heartbeat);
        condition(conditions, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
                heartbeat);
        condition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat);
        ObjectNode patch = Json.object();
        patch.set("status", status);
        return patch;
    }

    private static void condition(ArrayNode conditions, String type, String status, String reason, String message,
                                  String heartbeat) {
        ObjectNode condition = conditions.addObject();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("lastHeartbeatTime", heartbeat);
        condition.put("lastTransitionTime", heartbeat);
        condition.put("reason", reason);
        condition.put("message", message);
    }

    private static long machineMemoryKi() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() / 1024;
        }
        return Runtime.getRuntime().maxMemory() / 1024;
    }

    private static String machineOsImage() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // not Linux, or unreadable: fall through
        }
        return System.getProperty("os.name");
    }

    private static String machineArchitecture() {
        String arch = System.getProperty("os.arch");
        return arch.equals("x86_64") ? "amd64" : arch.equals("aarch64") ? "arm64" : arch;
    }
}

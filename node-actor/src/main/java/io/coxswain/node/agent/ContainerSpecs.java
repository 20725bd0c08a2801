package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.node.agent.env.VariableExpansion;
import io.coxswain.node.runtime.ContainerPort;
import io.coxswain.node.runtime.ContainerResources;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerStdio;
import io.coxswain.node.runtime.VolumeMount;
import io.coxswain.protocol.quantity.Quantities;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A container of a pod spec, as the runtime is asked to run it. */
final class ContainerSpecs {
    private ContainerSpecs() {}

    /**
     * @param env     the container's resolved environment (see {@code ContainerEnvironment})
     * @param volumes host directories of the pod's volumes by name
     * @throws ContainerConfigException when a mount names a volume the pod does not have
     */
    static ContainerSpec of(JsonNode container, Map<String, String> env, Map<String, Path> volumes) {
        List<String> command = expanded(container.path("command"), env);
        List<String> args = expanded(container.path("args"), env);
        return new ContainerSpec(container.path("name").asText(), container.path("image").asText(), command, args,
                env, container.path("workingDir").asText(""), ports(container), resources(container),
                mounts(container, volumes), new ContainerStdio(container.path("stdin").asBoolean(false),
                container.path("stdinOnce").asBoolean(false), container.path("tty").asBoolean(false)));
    }

    static List<ContainerPort> ports(JsonNode container) {
        List<ContainerPort> ports = new ArrayList<>();
        for (JsonNode port : container.path("ports")) {
            ports.add(new ContainerPort(port.path("name").asText(""), port.path("containerPort").asInt(),
                    port.path("hostPort").asInt(0), port.path("protocol").asText("TCP")));
        }
        return ports;
    }

    static ContainerResources resources(JsonNode container) {
        JsonNode requests = container.path("resources").path("requests");
        JsonNode limits = container.path("resources").path("limits");
        return new ContainerResources(milli(requests.path("cpu")), bytes(requests.path("memory")),
                milli(limits.path("cpu")), bytes(limits.path("memory")));
    }

    private static List<VolumeMount> mounts(JsonNode container, Map<String, Path> volumes) {
        List<VolumeMount> mounts = new ArrayList<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            String name = mount.path("name").asText();
            Path host = volumes.get(name);
            if (host == null) {
                throw new ContainerConfigException("cannot find volume \"" + name + "\" to mount into container \""
                        + container.path("name").asText() + "\"");
            }
            String subPath = mount.path("subPath").asText("");
            mounts.add(new VolumeMount(name, subPath.isEmpty() ? host : host.resolve(subPath),
                    mount.path("mountPath").asText(), mount.path("readOnly").asBoolean(false)));
        }
        return mounts;
    }

    private static List<String> expanded(JsonNode list, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(VariableExpansion.expand(item.asText(), env)));
        return out;
    }

    private static long milli(JsonNode quantity) {
        return quantity.isMissingNode() || quantity.isNull() ? 0 : Quantities.milliValue(quantity.asText());
    }

    private static long bytes(JsonNode quantity) {
        return quantity.isMissingNode() || quantity.isNull() ? 0 : Quantities.value(quantity.asText());
    }
}

package io.coxswain.node.agent.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One probe of a container spec with Kubernetes' defaults filled in (period 10 s, timeout 1 s,
 * failure threshold 3, success threshold 1, no initial delay).
 */
public record ProbeSpec(ProbeKind kind, Action action, Duration initialDelay, Duration period, Duration timeout,
                        int successThreshold, int failureThreshold) {

    /** What the probe does. */
    public sealed interface Action permits Exec, HttpGet, TcpSocket {}

    public record Exec(List<String> command) implements Action {}

    /** @param port a number or the name of one of the container's ports */
    public record HttpGet(String host, String port, String path, String scheme, Map<String, String> headers)
            implements Action {}

    public record TcpSocket(String host, String port) implements Action {}

    /** The container's probe of this kind, if it has one with an action this agent can run. */
    public static Optional<ProbeSpec> of(JsonNode container, ProbeKind kind) {
        JsonNode probe = container.path(kind.field());
        if (!probe.isObject()) {
            return Optional.empty();
        }
        Action action;
        if (probe.has("exec")) {
            List<String> command = new ArrayList<>();
            probe.get("exec").path("command").forEach(c -> command.add(c.asText()));
            action = new Exec(command);
        } else if (probe.has("httpGet")) {
            JsonNode get = probe.get("httpGet");
            Map<String, String> headers = new LinkedHashMap<>();
            get.path("httpHeaders").forEach(h -> headers.put(h.path("name").asText(), h.path("value").asText()));
            action = new HttpGet(get.path("host").asText(""), get.path("port").asText(), get.path("path").asText("/"),
                    get.path("scheme").asText("HTTP"), headers);
        } else if (probe.has("tcpSocket")) {
            JsonNode tcp = probe.get("tcpSocket");
            action = new TcpSocket(tcp.path("host").asText(""), tcp.path("port").asText());
        } else {
            // gRPC probes: not supported here; the pod gets a NotSupported event (UnsupportedPodFields).
            return Optional.empty();
        }
        int successThreshold = kind == ProbeKind.READINESS ? probe.path("successThreshold").asInt(1) : 1;
        return Optional.of(new ProbeSpec(kind, action,
                Duration.ofSeconds(probe.path("initialDelaySeconds").asLong(0)),
                Duration.ofSeconds(Math.max(1, probe.path("periodSeconds").asLong(10))),
                Duration.ofSeconds(Math.max(1, probe.path("timeoutSeconds").asLong(1))),
                Math.max(1, successThreshold), Math.max(1, probe.path("failureThreshold").asInt(3))));
    }
}

package io.coxswain.node.agent;

import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The virtual nodes one worker JVM hosts besides its own (kwok's idea): how they are named,
 * described and told apart. Each is an ordinary Node to the masters — it registers, renews its
 * lease, runs its pods on a {@link SimulatedRuntime} of its own — but carries a label and a
 * NoSchedule taint, so that only pods asking for simulated nodes are placed there.
 */
public final class SimulatedNodes {
    /** The label every virtual node has ({@code "true"}), for node selectors. */
    public static final String LABEL = "coxswain.io/simulated";
    /** The taint that keeps ordinary pods away: {@code coxswain.io/simulated=true:NoSchedule}. */
    public static final NodeDescription.NodeTaint TAINT =
            new NodeDescription.NodeTaint(LABEL, "true", "NoSchedule");
    /** Pod CIDRs are /24 blocks from 10.128.0.0, so at most this many virtual nodes per JVM. */
    public static final int MAX = 32_768;

    private SimulatedNodes() {}

    /** {@code worker-3-sim-000} …: zero-padded to at least three digits, so they sort in order. */
    public static List<String> names(String hostName, int count) {
        int width = Math.max(3, Integer.toString(Math.max(count - 1, 0)).length());
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(hostName + "-sim-" + String.format("%0" + width + "d", i));
        }
        return names;
    }

    /** The {@code spec.podCIDR} of virtual node {@code index}: its own /24, so pod IPs differ across nodes. */
    public static String podCidr(int index) {
        if (index < 0 || index >= MAX) {
            throw new IllegalArgumentException("virtual node index out of range: " + index);
        }
        return "10." + (128 + index / 256) + "." + (index % 256) + ".0/24";
    }

    /** Virtual node {@code index} of the JVM whose own node is {@code host}. */
    public static NodeDescription describe(NodeDescription host, String name, int index,
                                           NodeSettings.Simulated settings) {
        return new NodeDescription(name, settings.cpu(), settings.memory(), settings.pods(), SimulatedRuntime.NAME,
                host.osImage(), host.kernelVersion(), host.architecture(), Map.of(LABEL, "true"), List.of(TAINT),
                podCidr(index));
    }
}

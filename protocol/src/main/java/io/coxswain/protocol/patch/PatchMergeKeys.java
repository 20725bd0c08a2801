package io.coxswain.protocol.patch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which lists of the built-in kinds a strategic merge patch merges rather than replaces,
 * and by which key: the {@code patchStrategy:"merge"} / {@code patchMergeKey} tags of
 * Kubernetes' {@code types.go} as a table from path pattern to merge key.
 *
 * <p>A pattern is a dotted path in which {@code []} stands for "each element of this list"
 * ({@code containers[].env}). A pattern starting with {@code *.} matches at any depth
 * (including the top), so one entry covers the same type wherever it is embedded: a pod
 * spec at {@code spec} (Pod) or at {@code …template.spec} (Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job, CronJob, ReplicationController, PodTemplate). Any list not
 * in the table is replaced wholesale (e.g. {@code tolerations}, {@code args},
 * {@code volumeClaimTemplates}, which Kubernetes marks atomic).
 */
public final class PatchMergeKeys {

    /** How a list is merged; a null {@code mergeKey} means a list of primitives merged as a set. */
    public record MergeStrategy(String mergeKey) {

        public static final MergeStrategy PRIMITIVES = new MergeStrategy(null);

        public boolean mergesPrimitives() {
            return mergeKey == null;
        }
    }

    static final String ELEMENT = "[]";
    private static final String ANY_DEPTH = "*";

    private static final List<String> POD_SPEC_LOCATIONS = List.of("spec", "*.template.spec");
    private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");

    /** Merge keys of lists inside a core/v1 PodSpec. */
    private static final Map<String, String> POD_SPEC_LISTS = orderedMap(
            "containers", "name",
            "initContainers", "name",
            "ephemeralContainers", "name",
            "volumes", "name",
            "imagePullSecrets", "name",
            "hostAliases", "ip",
            "topologySpreadConstraints", "topologyKey",
            "schedulingGates", "name",
            "resourceClaims", "name");

    /** Merge keys of lists inside a core/v1 Container (and EphemeralContainer). */
    private static final Map<String, String> CONTAINER_LISTS_BY_KEY = orderedMap(
            "ports", "containerPort",
            "env", "name",
            "volumeMounts", "mountPath",
            "volumeDevices", "devicePath");

    /** Lists whose merge strategy belongs to their type wherever it appears. */
    private static final Map<String, String> EVERYWHERE = orderedMap(
            "*.metadata.ownerReferences", "uid",
            "*.status.conditions", "type",
            "*.status.podIPs", "ip",
            "*.status.hostIPs", "ip",
            "*.status.addresses", "type",
            "*.status.resourceClaimStatuses", "name",
            "spec.ports", "port",
            "secrets", "name");

    /** Lists of strings merged as sets. */
    private static final List<String> PRIMITIVE_MERGE_LISTS = List.of("*.metadata.finalizers", "spec.podCIDRs");

    private static final Map<List<String>, MergeStrategy> TABLE = buildTable();

    private PatchMergeKeys() {
    }

    /** The strategy for a dotted path such as {@code spec.template.spec.containers[].env}. */
    public static Optional<MergeStrategy> strategyFor(String path) {
        return strategyFor(segments(path));
    }

    /** The strategy for a path given as segments, list elements as {@code "[]"}. */
    static Optional<MergeStrategy> strategyFor(List<String> path) {
        for (Map.Entry<List<String>, MergeStrategy> rule : TABLE.entrySet()) {
            if (matches(rule.getKey(), path)) {
                return Optional.of(rule.getValue());
            }
        }
        return Optional.empty();
    }

    /** The table as pattern text, for documentation and tests. */
    public static Map<String, String> table() {
        Map<String, String> readable = new LinkedHashMap<>();
        TABLE.forEach((pattern, strategy) -> readable.put(
                String.join(".", pattern).replace(".[]", "[]"),
                strategy.mergesPrimitives() ? "(primitive set)" : strategy.mergeKey()));
        return readable;
    }

    private static Map<List<String>, MergeStrategy> buildTable() {
        Map<List<String>, MergeStrategy> table = new LinkedHashMap<>();
        for (String podSpec : POD_SPEC_LOCATIONS) {
            POD_SPEC_LISTS.forEach((list, key) -> table.put(segments(podSpec + "." + list), new MergeStrategy(key)));
            for (String containers : CONTAINER_LISTS) {
                CONTAINER_LISTS_BY_KEY.forEach((list, key) -> table.put(
                        segments(podSpec + "." + containers + ELEMENT + "." + list), new MergeStrategy(key)));
            }
        }
        EVERYWHERE.forEach((pattern, key) -> table.put(segments(pattern), new MergeStrategy(key)));
        PRIMITIVE_MERGE_LISTS.forEach(pattern -> table.put(segments(pattern), MergeStrategy.PRIMITIVES));
        return table;
    }

    private static boolean matches(List<String> pattern, List<String> path) {
        if (!pattern.isEmpty() && pattern.get(0).equals(ANY_DEPTH)) {
            List<String> tail = pattern.subList(1, pattern.size());
            return path.size() >= tail.size() && path.subList(path.size() - tail.size(), path.size()).equals(tail);
        }
        return pattern.equals(path);
    }

    /** {@code a.b[].c} becomes {@code [a, b, [], c]}. */
    static List<String> segments(String dottedPath) {
        List<String> segments = new ArrayList<>();
        for (String part : dottedPath.split("\\.")) {
            if (part.endsWith(ELEMENT)) {
                segments.add(part.substring(0, part.length() - ELEMENT.length()));
                segments.add(ELEMENT);
            } else {
                segments.add(part);
            }
        }
        return List.copyOf(segments);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

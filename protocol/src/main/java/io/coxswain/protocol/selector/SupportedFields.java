package io.coxswain.protocol.selector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which field selector labels each kind supports, and how each reads its value, after
 * Kubernetes' per-kind {@code ToSelectableFields}. Every kind supports
 * {@code metadata.name} and {@code metadata.namespace}; a selector naming any other field
 * must be refused with {@code field label not supported: <field>}.
 */
public final class SupportedFields {

    public static final String METADATA_NAME = "metadata.name";
    public static final String METADATA_NAMESPACE = "metadata.namespace";

    /**
     * Where a selectable field's value comes from: a dotted path, optionally a second path
     * tried when the first is empty, and the text Kubernetes shows when both are absent
     * (Go prints a missing number as 0 and a missing boolean as false).
     */
    private record FieldSource(String path, String fallbackPath, String whenAbsent) {

        static FieldSource at(String path) {
            return new FieldSource(path, null, "");
        }

        static FieldSource at(String path, String whenAbsent) {
            return new FieldSource(path, null, whenAbsent);
        }

        String read(JsonNode object) {
            String value = FieldSelector.valueAtPath(object, path);
            if (value.isEmpty() && fallbackPath != null) {
                value = FieldSelector.valueAtPath(object, fallbackPath);
            }
            return value.isEmpty() ? whenAbsent : value;
        }
    }

    private static final String ZERO = "0";
    private static final String FALSE = "false";

    private static final Map<String, FieldSource> COMMON = Map.of(
            METADATA_NAME, FieldSource.at(METADATA_NAME),
            METADATA_NAMESPACE, FieldSource.at(METADATA_NAMESPACE));

    private static final Map<String, Map<String, FieldSource>> BY_KIND = Map.of(
            "Pod", samePath("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                    "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "Event", eventFields(),
            "Secret", samePath("type"),
            "Node", Map.of("spec.unschedulable", FieldSource.at("spec.unschedulable", FALSE)),
            "Namespace", samePath("status.phase"),
            "ReplicaSet", Map.of("status.replicas", FieldSource.at("status.replicas", ZERO)),
            "ReplicationController", Map.of("status.replicas", FieldSource.at("status.replicas", ZERO)),
            "Job", Map.of("status.successful", FieldSource.at("status.succeeded", ZERO)));

    private SupportedFields() {
    }

    /** All field labels {@code kind} can be selected by. */
    public static Set<String> forKind(String kind) {
        Set<String> fields = new LinkedHashSet<>(COMMON.keySet());
        fields.addAll(BY_KIND.getOrDefault(kind, Map.of()).keySet());
        return fields;
    }

    public static boolean isSupported(String kind, String field) {
        return source(kind, field) != null;
    }

    /**
     * @throws SelectorParseException {@code field label not supported: <field>} for the first
     *     field {@code kind} cannot be selected by
     */
    public static void requireSupported(String kind, FieldSelector selector) {
        for (String field : selector.fieldNames()) {
            if (!isSupported(kind, field)) {
                throw new SelectorParseException("field label not supported: " + field);
            }
        }
    }

    /**
     * The value of a field label for an object of {@code kind}; fields that are not in the
     * table are read as a plain dotted path.
     */
    public static String valueOf(String kind, JsonNode object, String field) {
        FieldSource source = source(kind, field);
        return source != null ? source.read(object) : FieldSelector.valueAtPath(object, field);
    }

    private static FieldSource source(String kind, String field) {
        FieldSource common = COMMON.get(field);
        return common != null ? common : BY_KIND.getOrDefault(kind, Map.of()).get(field);
    }

    private static Map<String, FieldSource> samePath(String... paths) {
        Map<String, FieldSource> fields = new LinkedHashMap<>();
        for (String path : paths) {
            fields.put(path, FieldSource.at(path));
        }
        return fields;
    }

    /** An Event's {@code source} is its legacy source component, else the reporting controller. */
    private static Map<String, FieldSource> eventFields() {
        Map<String, FieldSource> fields = samePath("involvedObject.kind", "involvedObject.namespace",
                "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
                "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "type");
        fields.put("source", new FieldSource("source.component", "reportingComponent", ""));
        return fields;
    }
}

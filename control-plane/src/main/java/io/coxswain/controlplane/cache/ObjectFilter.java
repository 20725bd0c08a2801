package io.coxswain.controlplane.cache;

import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;

/**
 * Which objects a list or watch wants: one kind, optionally one namespace, and the label and
 * field selectors of the request.
 */
public record ObjectFilter(String entityType, String namespace, LabelSelector labels, FieldSelector fields) {

    private String kind() {
        int dot = entityType.indexOf('.');
        return dot < 0 ? entityType : entityType.substring(0, dot);
    }

    public boolean matches(CachedObject object) {
        if (!object.entityType().equals(entityType)) {
            return false;
        }
        if (namespace != null && !namespace.isEmpty() && !namespace.equals(object.namespace())) {
            return false;
        }
        return labels.matches(object.labels()) && (fields.isEmpty() || fields.matches(object.object(), kind()));
    }
}

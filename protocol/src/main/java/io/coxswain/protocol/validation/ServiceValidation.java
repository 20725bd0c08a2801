package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.JsonFields.isAbsent;
import static io.coxswain.protocol.validation.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** core/v1 Service: type, ports and their names. */
final class ServiceValidation {

    static final String CLUSTER_IP = "ClusterIP";
    static final String EXTERNAL_NAME = "ExternalName";
    /** Sorted, as Kubernetes lists supported values. */
    static final List<String> TYPES = List.of(CLUSTER_IP, EXTERNAL_NAME, "LoadBalancer", "NodePort");
    private static final String HEADLESS = "None";
    private static final FieldPath SPEC = FieldPath.root("spec");

    private ServiceValidation() {
    }

    static List<FieldError> validate(JsonNode service) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode spec = service.path("spec");
        String type = text(spec, "type");
        if (!type.isEmpty() && !TYPES.contains(type)) {
            errors.add(FieldError.unsupported(SPEC.child("type"), type, TYPES));
        }
        String effectiveType = type.isEmpty() ? CLUSTER_IP : type;
        if (effectiveType.equals(EXTERNAL_NAME) && text(spec, "externalName").isEmpty()) {
            errors.add(FieldError.required(SPEC.child("externalName"), ""));
        }
        JsonNode ports = spec.path("ports");
        boolean headless = HEADLESS.equals(text(spec, "clusterIP"));
        if (JsonFields.sizeOf(ports) == 0) {
            if (!headless && !effectiveType.equals(EXTERNAL_NAME)) {
                errors.add(FieldError.required(SPEC.child("ports"), ""));
            }
            return errors;
        }
        // With several ports each needs a name, so that endpoints can tell them apart.
        boolean namesRequired = ports.size() > 1;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            validatePort(ports.get(i), SPEC.child("ports").index(i), namesRequired, names, effectiveType, errors);
        }
        return errors;
    }

    private static void validatePort(JsonNode port, FieldPath path, boolean nameRequired, Set<String> names,
                                     String type, List<FieldError> errors) {
        String name = text(port, "name");
        if (name.isEmpty()) {
            if (nameRequired) {
                errors.add(FieldError.required(path.child("name"), ""));
            }
        } else {
            NameValidation.isDns1123Label(name).forEach(p -> errors.add(FieldError.invalid(path.child("name"), name, p)));
            if (!names.add(name)) {
                errors.add(FieldError.duplicate(path.child("name"), name));
            }
        }
        JsonNode number = port.path("port");
        if (isAbsent(number)) {
            errors.add(FieldError.invalid(path.child("port"), 0, ValidationMessages.inclusiveRangeError(Ports.MIN_PORT, Ports.MAX_PORT)));
        } else {
            errors.addAll(PodSpecValidation.validatePortNumber(number, path.child("port")));
        }
        errors.addAll(PodSpecValidation.validateProtocol(port, path.child("protocol")));
        validateTargetPort(port.path("targetPort"), path.child("targetPort"), errors);
        JsonNode nodePort = port.path("nodePort");
        if (!isAbsent(nodePort) && !(nodePort.isNumber() && nodePort.asLong() == 0)) {
            if (type.equals(CLUSTER_IP)) {
                errors.add(FieldError.forbidden(path.child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
            } else {
                errors.addAll(PodSpecValidation.validatePortNumber(nodePort, path.child("nodePort")));
            }
        }
    }

    /** A target port is a number or the name of a container port. */
    private static void validateTargetPort(JsonNode targetPort, FieldPath path, List<FieldError> errors) {
        if (isAbsent(targetPort)) {
            return;
        }
        if (targetPort.isTextual()) {
            Ports.isValidPortName(targetPort.textValue())
                    .forEach(p -> errors.add(FieldError.invalid(path, targetPort, p)));
        } else {
            errors.addAll(PodSpecValidation.validatePortNumber(targetPort, path));
        }
    }
}

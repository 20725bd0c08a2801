package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.JsonFields.isAbsent;
import static io.coxswain.protocol.validation.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A core/v1 PodSpec, wherever it sits (a Pod's {@code spec}, a template's {@code spec.template.spec}). */
final class PodSpecValidation {

    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");

    private PodSpecValidation() {
    }

    static List<FieldError> validate(JsonNode spec, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        // Container names are unique across regular and init containers: both share one namespace in the pod.
        Set<String> containerNames = new HashSet<>();
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            errors.add(FieldError.required(path.child("containers"), ""));
        } else {
            validateContainers(containers, path.child("containers"), containerNames, errors);
        }
        JsonNode initContainers = spec.path("initContainers");
        if (initContainers.isArray()) {
            validateContainers(initContainers, path.child("initContainers"), containerNames, errors);
        }
        String restartPolicy = text(spec, "restartPolicy");
        if (!restartPolicy.isEmpty() && !RESTART_POLICIES.contains(restartPolicy)) {
            errors.add(FieldError.unsupported(path.child("restartPolicy"), restartPolicy, RESTART_POLICIES));
        }
        return errors;
    }

    private static void validateContainers(JsonNode containers, FieldPath path, Set<String> names, List<FieldError> errors) {
        for (int i = 0; i < containers.size(); i++) {
            JsonNode container = containers.get(i);
            FieldPath containerPath = path.index(i);
            if (!container.isObject()) {
                errors.add(FieldError.invalid(containerPath, container, "must be an object"));
                continue;
            }
            validateContainerName(text(container, "name"), containerPath.child("name"), names, errors);
            if (text(container, "image").isEmpty()) {
                errors.add(FieldError.required(containerPath.child("image"), ""));
            }
            validateContainerPorts(container.path("ports"), containerPath.child("ports"), errors);
            validateEnv(container.path("env"), containerPath.child("env"), errors);
        }
    }

    private static void validateContainerName(String name, FieldPath path, Set<String> names, List<FieldError> errors) {
        if (name.isEmpty()) {
            errors.add(FieldError.required(path, ""));
            return;
        }
        NameValidation.isDns1123Label(name).forEach(p -> errors.add(FieldError.invalid(path, name, p)));
        if (!names.add(name)) {
            errors.add(FieldError.duplicate(path, name));
        }
    }

    private static void validateContainerPorts(JsonNode ports, FieldPath path, List<FieldError> errors) {
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < JsonFields.sizeOf(ports); i++) {
            JsonNode port = ports.get(i);
            FieldPath portPath = path.index(i);
            String name = text(port, "name");
            if (!name.isEmpty()) {
                List<String> problems = Ports.isValidPortName(name);
                problems.forEach(p -> errors.add(FieldError.invalid(portPath.child("name"), name, p)));
                if (problems.isEmpty() && !portNames.add(name)) {
                    errors.add(FieldError.duplicate(portPath.child("name"), name));
                }
            }
            JsonNode containerPort = port.path("containerPort");
            if (isAbsent(containerPort) || (containerPort.isNumber() && containerPort.asLong() == 0)) {
                errors.add(FieldError.required(portPath.child("containerPort"), ""));
            } else {
                errors.addAll(validatePortNumber(containerPort, portPath.child("containerPort")));
            }
            JsonNode hostPort = port.path("hostPort");
            if (!isAbsent(hostPort) && !(hostPort.isNumber() && hostPort.asLong() == 0)) {
                errors.addAll(validatePortNumber(hostPort, portPath.child("hostPort")));
            }
            errors.addAll(validateProtocol(port, portPath.child("protocol")));
        }
    }

    private static void validateEnv(JsonNode env, FieldPath path, List<FieldError> errors) {
        for (int i = 0; i < JsonFields.sizeOf(env); i++) {
            if (text(env.get(i), "name").isEmpty()) {
                errors.add(FieldError.required(path.index(i).child("name"), ""));
            }
        }
    }

    static List<FieldError> validatePortNumber(JsonNode port, FieldPath path) {
        if (!port.isIntegralNumber()) {
            return List.of(FieldError.invalid(path, port, "must be an integer"));
        }
        List<FieldError> errors = new ArrayList<>();
        Ports.isValidPortNumber(port.asLong()).forEach(p -> errors.add(FieldError.invalid(path, port, p)));
        return errors;
    }

    /** An absent protocol is defaulted to TCP, so only a present one is checked. */
    static List<FieldError> validateProtocol(JsonNode port, FieldPath path) {
        String protocol = text(port, "protocol");
        if (protocol.isEmpty() || Ports.PROTOCOLS.contains(protocol)) {
            return List.of();
        }
        return List.of(FieldError.unsupported(path, protocol, Ports.PROTOCOLS));
    }
}

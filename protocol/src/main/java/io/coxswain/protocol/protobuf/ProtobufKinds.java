package io.coxswain.protocol.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.coxswain.protocol.json.MalformedBodyException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds the protobuf message type of io.kubernetes:client-java-proto for an {@code apiVersion} and {@code kind}, and
 * parses bytes as that type.
 *
 * <p>One generated outer class per group version, named capitalized version + capitalized first label of the group:
 * core {@code v1} → {@code V1}, {@code apps/v1} → {@code V1Apps}, {@code rbac.authorization.k8s.io/v1} →
 * {@code V1Rbac}, {@code autoscaling/v2} → {@code V2Autoscaling}; the one exception is
 * {@code internal.apiserver.k8s.io} → {@code Apiserverinternal}. The kind is a message of that file
 * ({@code V1Apps.Deployment}). The option kinds apimachinery registers in every group version ({@code DeleteOptions},
 * {@code Status}, ...) come from {@code Meta}.
 *
 * <p>Only the descriptors of the generated classes are used: bytes are parsed as {@link DynamicMessage}s by the
 * current protobuf runtime, not by the generated parsers, which client-java-proto generated in the pre-22 style that
 * protobuf-java flags as vulnerable to a denial of service on untrusted input (GHSA-h4h5-3hr4-j3g2) and logs a warning
 * for, once per type.
 */
final class ProtobufKinds {
    private static final String PACKAGE = "io.kubernetes.client.proto.";
    private static final Map<String, String> GROUP_EXCEPTIONS = Map.of("internal.apiserver.k8s.io", "Apiserverinternal");
    private static final Set<String> META_KINDS = Set.of(
            "DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions", "GetOptions", "ListOptions",
            "Status", "WatchEvent");
    private static final Pattern API_VERSION =
            Pattern.compile("([a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*/)?v[0-9]+[a-z0-9]*");
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");

    /** Found types only: unknown names come from clients and are not worth remembering. */
    private static final Map<String, Descriptor> TYPES = new ConcurrentHashMap<>();

    private ProtobufKinds() {}

    /** Parses {@code raw} as the message of {@code apiVersion}/{@code kind}; MalformedBodyException when unknown or bad. */
    static DynamicMessage parse(String apiVersion, String kind, ByteString raw) {
        Descriptor type = type(apiVersion, kind).orElseThrow(() -> new MalformedBodyException(
                "no kind \"" + kind + "\" is registered for version \"" + apiVersion + "\""));
        return parse(type, raw, kind + " (" + apiVersion + ")");
    }

    /** Parses {@code bytes} as a message of {@code type}; {@code what} names it in the MalformedBodyException. */
    static DynamicMessage parse(Descriptor type, ByteString bytes, String what) {
        try {
            // buildPartial: proto2 "required" is not enforced, as Kubernetes' own decoding does not
            return DynamicMessage.newBuilder(type).mergeFrom(bytes).buildPartial();
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedBodyException("unable to decode protobuf " + what + ": " + e.getMessage());
        }
    }

    /** The message type for {@code apiVersion}/{@code kind}, if client-java-proto has it. */
    static Optional<Descriptor> type(String apiVersion, String kind) {
        String key = apiVersion + " " + kind;
        Descriptor cached = TYPES.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Descriptor> found = find(apiVersion, kind);
        found.ifPresent(type -> TYPES.put(key, type));
        return found;
    }

    /** The outer class simple name for a group version: {@code apps/v1} → {@code V1Apps}, {@code v1} → {@code V1}. */
    static String outerClassName(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        if (group.isEmpty()) {
            return capitalize(version);
        }
        String label = GROUP_EXCEPTIONS.getOrDefault(group, capitalize(group.split("\\.", 2)[0]));
        return capitalize(version) + label;
    }

    private static Optional<Descriptor> find(String apiVersion, String kind) {
        if (!KIND.matcher(kind).matches() || !API_VERSION.matcher(apiVersion).matches()) {
            return Optional.empty();
        }
        Optional<Descriptor> inGroup = findIn(outerClassName(apiVersion), kind);
        return inGroup.isPresent() || !META_KINDS.contains(kind) ? inGroup : findIn("Meta", kind);
    }

    private static Optional<Descriptor> findIn(String outerClass, String kind) {
        try {
            Class<?> outer = Class.forName(PACKAGE + outerClass);
            if (!(outer.getMethod("getDescriptor").invoke(null) instanceof FileDescriptor file)) {
                return Optional.empty();
            }
            return Optional.ofNullable(file.findMessageTypeByName(kind));
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}

package io.coxswain.protocol.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.json.MalformedBodyException;
import io.kubernetes.client.proto.Runtime;
import java.util.Locale;

/**
 * Reads request bodies in Kubernetes' protobuf wire format ({@value #MEDIA_TYPE}), which kubectl's generator commands
 * ({@code kubectl create configmap|secret|deployment|service|job ...}) send without falling back to JSON.
 *
 * <p>A body is the 4 magic bytes {@code k8s\0} and a {@code runtime.Unknown} message: {@code typeMeta} (apiVersion,
 * kind), {@code raw} (the object encoded per Kubernetes' generated.proto), {@code contentEncoding}, {@code contentType}.
 * {@link #toJson} gives the object exactly as Go's JSON encoding of the same object would be, i.e. what the same kubectl
 * sends when it speaks JSON: same field names, zero-valued {@code omitempty} fields left out, {@code creationTimestamp:
 * null}, Quantity/IntOrString/Time/... in their JSON forms, {@code bytes} in base64.
 *
 * <p>Fields that client-java-proto 27.0.0 does not know (a newer kubectl's new fields) are dropped silently.
 */
public final class KubernetesProtobuf {
    /** The media type of Kubernetes protobuf bodies. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    /** Objects inside RawExtensions may be protobuf again; this bounds the recursion a crafted body can cause. */
    private static final int MAX_NESTING = 8;
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    private KubernetesProtobuf() {}

    /** Whether the body starts with the Kubernetes protobuf magic bytes {@code k8s\0}. */
    public static boolean isProtobuf(byte[] body) {
        if (body == null || body.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The object of a protobuf body as Kubernetes JSON, with {@code kind} and {@code apiVersion} from its type meta.
     *
     * @throws MalformedBodyException for a body without the magic prefix, bytes that do not parse, a missing or
     *     unknown apiVersion/kind ({@code no kind "Foo" is registered for version "v1"}), or an unsupported encoding
     */
    public static ObjectNode toJson(byte[] body) {
        if (!isProtobuf(body)) {
            throw new MalformedBodyException("not a Kubernetes protobuf body: it does not start with the magic bytes k8s\\0");
        }
        int depth = DEPTH.get();
        if (depth >= MAX_NESTING) {
            throw new MalformedBodyException("protobuf objects nested in raw extensions more than " + MAX_NESTING + " deep");
        }
        DEPTH.set(depth + 1);
        try {
            return decode(body);
        } finally {
            if (depth == 0) {
                DEPTH.remove();
            } else {
                DEPTH.set(depth);
            }
        }
    }

    private static ObjectNode decode(byte[] body) {
        Message unknown = ProtobufKinds.parse(Runtime.Unknown.getDescriptor(),
                ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length), "body");
        Message typeMeta = (Message) field(unknown, "typeMeta");
        String apiVersion = (String) field(typeMeta, "apiVersion");
        String kind = (String) field(typeMeta, "kind");
        String contentEncoding = (String) field(unknown, "contentEncoding");
        String contentType = ((String) field(unknown, "contentType")).toLowerCase(Locale.ROOT);
        ByteString raw = (ByteString) field(unknown, "raw");
        if (kind.isEmpty()) {
            throw new MalformedBodyException("Object 'Kind' is missing in protobuf body");
        }
        if (apiVersion.isEmpty()) {
            throw new MalformedBodyException("Object 'apiVersion' is missing in protobuf body");
        }
        if (!contentEncoding.isEmpty()) {
            throw new MalformedBodyException("unsupported protobuf content encoding \"" + contentEncoding + "\"");
        }
        JsonNode object;
        if (contentType.isEmpty() || contentType.contains("protobuf")) {
            object = ProtobufJson.object(ProtobufKinds.parse(apiVersion, kind, raw));
        } else if (contentType.contains("json")) {
            object = Json.parse(raw.toByteArray());
        } else {
            throw new MalformedBodyException("unsupported protobuf content type \"" + contentType + "\"");
        }
        if (!(object instanceof ObjectNode fields)) {
            throw new MalformedBodyException("expected a JSON object, got " + object.getNodeType());
        }
        ObjectNode result = Json.object();
        result.put("kind", kind);
        result.put("apiVersion", apiVersion);
        fields.properties().forEach(entry -> {
            if (!entry.getKey().equals("kind") && !entry.getKey().equals("apiVersion")) {
                result.set(entry.getKey(), entry.getValue());
            }
        });
        return result;
    }

    private static Object field(Message message, String name) {
        return message.getField(message.getDescriptorForType().findFieldByName(name));
    }
}

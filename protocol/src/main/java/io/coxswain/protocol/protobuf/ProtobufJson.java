package io.coxswain.protocol.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.json.MalformedBodyException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a Kubernetes protobuf message into the JSON Go's {@code encoding/json} writes for the same object, by walking
 * the descriptors: no per-kind code. Field names are the proto field names (which Kubernetes chose to be the JSON
 * names), corrected and completed by {@link GoJsonFields}; apimachinery's wrapper messages (Quantity, IntOrString,
 * Time, MicroTime, Duration, RawExtension, FieldsV1, Verbs, apiextensions' JSON and JSONSchemaPropsOr*) are written as
 * their custom JSON forms.
 */
final class ProtobufJson {
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final String APIEXTENSIONS = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.";
    /** Go's zero time.Time, 0001-01-01T00:00:00Z, as Unix seconds: written as JSON null. */
    private static final long GO_ZERO_TIME_SECONDS = -62135596800L;
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ProtobufJson() {}

    /** The JSON of a message: usually an object, but the wrapper messages give strings, numbers, arrays or null. */
    static JsonNode message(Message message) {
        Descriptor type = message.getDescriptorForType();
        String name = type.getFullName();
        switch (name) {
            case "k8s.io.apimachinery.pkg.api.resource.Quantity",
                    "k8s.io.apimachinery.pkg.api.resource.QuantityValue":
                return quantity(message);
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
                return intOrString(message);
            case META + "Time":
                return time(message);
            case META + "MicroTime":
                return microTime(message);
            case META + "Duration":
                return NODES.textNode(goDuration(longField(message, "duration")));
            case META + "FieldsV1":
                return rawJson(message, "Raw");
            case META + "Verbs":
                return strings(message, "items");
            case "k8s.io.apimachinery.pkg.runtime.RawExtension":
                return rawJson(message, "raw");
            default:
                break;
        }
        if (name.startsWith(APIEXTENSIONS)) {
            switch (type.getName()) {
                case "JSON":
                    return rawJson(message, "raw");
                case "JSONSchemaPropsOrArray":
                    return schemaOrArray(message);
                case "JSONSchemaPropsOrBool":
                    return schemaOrBool(message);
                case "JSONSchemaPropsOrStringArray":
                    return schemaOrStringArray(message);
                default:
                    break;
            }
        }
        if (name.startsWith("k8s.io.api.") && (type.getName().equals("ExtraValue")
                || type.getName().equals("AttestationValue"))) {
            return strings(message, "items");
        }
        return object(message);
    }

    /** A plain message as a JSON object, field by field in declaration (= Go struct) order. */
    static ObjectNode object(Message message) {
        ObjectNode result = Json.object();
        Map<String, GoJsonFields.Field> exceptions = GoJsonFields.of(message.getDescriptorForType());
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            GoJsonFields.Field go = exceptions.get(field.getName());
            String jsonName = go == null ? field.getName() : go.jsonName();
            if (field.isMapField()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    result.set(jsonName, map(message, field));
                }
            } else if (field.isRepeated()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    ArrayNode array = result.putArray(jsonName);
                    for (Object element : (List<?>) message.getField(field)) {
                        array.add(value(field, element));
                    }
                }
            } else if (message.hasField(field)) {
                Object value = message.getField(field);
                if (go != null && go.omitZero() && isZero(value)) {
                    continue;
                }
                JsonNode json = value(field, value);
                if (go != null && go.inline() && json instanceof ObjectNode inlined) {
                    // Go: a field of the outer struct hides a same-named field of the embedded one
                    for (Map.Entry<String, JsonNode> entry : inlined.properties()) {
                        if (!result.has(entry.getKey())) {
                            result.set(entry.getKey(), entry.getValue());
                        }
                    }
                } else {
                    result.set(jsonName, json);
                }
            }
        }
        return result;
    }

    /** Proto maps are repeated key/value entries; Go writes map keys sorted. */
    private static ObjectNode map(Message message, FieldDescriptor field) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        for (Object element : (List<?>) message.getField(field)) {
            Message entry = (Message) element;
            sorted.put(String.valueOf(entry.getField(keyField)), value(valueField, entry.getField(valueField)));
        }
        ObjectNode result = Json.object();
        sorted.forEach(result::set);
        return result;
    }

    private static JsonNode value(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case MESSAGE -> message((Message) value);
            case STRING -> NODES.textNode((String) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT -> switch (field.getType()) {
                case UINT32, FIXED32 -> number(Integer.toUnsignedLong((Integer) value));
                default -> NODES.numberNode((Integer) value);
            };
            case LONG -> switch (field.getType()) {
                case UINT64, FIXED64 -> (Long) value >= 0 ? number((Long) value)
                        : NODES.numberNode(new BigInteger(Long.toUnsignedString((Long) value)));
                default -> number((Long) value);
            };
            case DOUBLE -> goFloat((Double) value);
            case FLOAT -> goFloat(((Float) value).doubleValue());
            case BYTE_STRING -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> NODES.textNode(((EnumValueDescriptor) value).getName());
        };
    }

    /** Go writes integral floats without a fraction ({@code 5}, not {@code 5.0}). */
    private static JsonNode goFloat(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return number((long) value);
        }
        return NODES.numberNode(value);
    }

    /** An int node when the value fits, as Jackson reads JSON text, so decoded trees equal parsed ones. */
    private static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static boolean isZero(Object value) {
        if (value instanceof String text) {
            return text.isEmpty();
        } else if (value instanceof Boolean bool) {
            return !bool;
        } else if (value instanceof ByteString bytes) {
            return bytes.isEmpty();
        } else if (value instanceof Number number) {
            return number.doubleValue() == 0;
        }
        return false;
    }

    // --- apimachinery wrappers -------------------------------------------------------------------------------------

    /** resource.Quantity {string=1}: its canonical string; an empty message is the zero quantity "0". */
    private static JsonNode quantity(Message message) {
        FieldDescriptor string = field(message, "string");
        return NODES.textNode(message.hasField(string) ? (String) message.getField(string) : "0");
    }

    /** intstr.IntOrString {type=1 (0 int, 1 string), intVal=2, strVal=3}. */
    private static JsonNode intOrString(Message message) {
        long type = longField(message, "type");
        if (type == 0) {
            return NODES.numberNode((Integer) message.getField(field(message, "intVal")));
        } else if (type == 1) {
            return NODES.textNode((String) message.getField(field(message, "strVal")));
        }
        throw new MalformedBodyException("impossible IntOrString.Type " + type);
    }

    /** meta/v1 Time {seconds=1, nanos=2}: RFC 3339 in seconds (Kubernetes drops the nanos); zero time is null. */
    private static JsonNode time(Message message) {
        if (message.getAllFields().isEmpty()) {
            return NODES.nullNode();
        }
        long seconds = longField(message, "seconds");
        if (seconds == GO_ZERO_TIME_SECONDS) {
            return NODES.nullNode();
        }
        return NODES.textNode(RFC3339.format(Instant.ofEpochSecond(seconds)));
    }

    /** meta/v1 MicroTime {seconds=1, nanos=2}: RFC 3339 with microseconds; zero time is null. */
    private static JsonNode microTime(Message message) {
        if (message.getAllFields().isEmpty()) {
            return NODES.nullNode();
        }
        long seconds = longField(message, "seconds");
        int nanos = (Integer) message.getField(field(message, "nanos"));
        Instant instant = Instant.ofEpochSecond(seconds, nanos).truncatedTo(ChronoUnit.MICROS);
        if (instant.getEpochSecond() == GO_ZERO_TIME_SECONDS && instant.getNano() == 0) {
            return NODES.nullNode();
        }
        return NODES.textNode(RFC3339_MICRO.format(instant));
    }

    /** RawExtension, FieldsV1, apiextensions JSON: bytes that are JSON already (or a nested k8s protobuf object). */
    private static JsonNode rawJson(Message message, String fieldName) {
        FieldDescriptor raw = field(message, fieldName);
        if (!message.hasField(raw)) {
            return NODES.nullNode();
        }
        byte[] bytes = ((ByteString) message.getField(raw)).toByteArray();
        if (bytes.length == 0) {
            return NODES.nullNode();
        }
        if (KubernetesProtobuf.isProtobuf(bytes)) {
            return KubernetesProtobuf.toJson(bytes);
        }
        return Json.parse(bytes);
    }

    private static JsonNode strings(Message message, String fieldName) {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (List<?>) message.getField(field(message, fieldName))) {
            array.add((String) item);
        }
        return array;
    }

    /** JSONSchemaPropsOrArray {schema=1, jSONSchemas=2}: the array when it has items, else the schema. */
    private static JsonNode schemaOrArray(Message message) {
        FieldDescriptor schemas = field(message, "jSONSchemas");
        if (message.getRepeatedFieldCount(schemas) > 0) {
            ArrayNode array = NODES.arrayNode();
            for (Object schema : (List<?>) message.getField(schemas)) {
                array.add(message((Message) schema));
            }
            return array;
        }
        FieldDescriptor schema = field(message, "schema");
        return message.hasField(schema) ? message((Message) message.getField(schema)) : NODES.nullNode();
    }

    /** JSONSchemaPropsOrBool {allows=1, schema=2}: the schema when set, else the boolean. */
    private static JsonNode schemaOrBool(Message message) {
        FieldDescriptor schema = field(message, "schema");
        if (message.hasField(schema)) {
            return message((Message) message.getField(schema));
        }
        return NODES.booleanNode((Boolean) message.getField(field(message, "allows")));
    }

    /** JSONSchemaPropsOrStringArray {schema=1, property=2}: the strings when there are any, else the schema. */
    private static JsonNode schemaOrStringArray(Message message) {
        FieldDescriptor property = field(message, "property");
        if (message.getRepeatedFieldCount(property) > 0) {
            return strings(message, "property");
        }
        FieldDescriptor schema = field(message, "schema");
        return message.hasField(schema) ? message((Message) message.getField(schema)) : NODES.nullNode();
    }

    /** Go's time.Duration.String(): "1h0m0s", "30s", "1.5s", "100ms", "0s". */
    static String goDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long u = negative ? -nanos : nanos; // as unsigned: also right for Long.MIN_VALUE
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            if (u < 1_000L) {
                out.append(u).append("ns");
            } else if (u < 1_000_000L) {
                out.append(u / 1_000L).append(fraction(u, 3)).append("µs");
            } else {
                out.append(u / 1_000_000L).append(fraction(u, 6)).append("ms");
            }
        } else {
            long totalSeconds = Long.divideUnsigned(u, 1_000_000_000L);
            long totalMinutes = totalSeconds / 60;
            long hours = totalMinutes / 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (totalMinutes > 0) {
                out.append(totalMinutes % 60).append('m');
            }
            out.append(totalSeconds % 60).append(fraction(u, 9)).append('s');
        }
        return negative ? "-" + out : out.toString();
    }

    /** The last {@code digits} decimal digits of {@code value} as ".123", trailing zeros dropped; "" when all zero. */
    private static String fraction(long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        long rest = Long.remainderUnsigned(value, scale);
        if (rest == 0) {
            return "";
        }
        String text = String.format("%0" + digits + "d", rest);
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        return "." + text.substring(0, end);
    }

    private static long longField(Message message, String name) {
        return ((Number) message.getField(field(message, name))).longValue();
    }

    private static FieldDescriptor field(Message message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        if (field == null) {
            throw new IllegalStateException(message.getDescriptorForType().getFullName() + " has no field " + name);
        }
        return field;
    }
}

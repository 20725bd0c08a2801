package io.coxswain.protocol.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedWithParams;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields of a submitted object that the Kubernetes schema of its kind does not declare: what
 * {@code fieldValidation=Strict} rejects, {@code Warn} warns about and {@code Ignore} silently drops.
 *
 * <p>The schema is that of fabric8's Kubernetes model (7.4.x), read from the model classes by Jackson's own bean
 * introspection, never by binding objects to them (their {@code @JsonAnySetter} would accept anything). Each class
 * becomes a table of JSON property name → shape, computed once, on first use, and cached; recursion
 * (JSONSchemaProps) is harmless because a table is computed only when an object of that class is walked.
 *
 * <p>Paths are written as Kubernetes writes them in its strict decoding errors: {@code spec.replicaz},
 * {@code spec.template.spec.containers[0].imagePullPolice}; a key of a map whose values are objects is a dotted
 * segment. A field whose value has the wrong JSON type (a string where an object is declared) is not unknown and is
 * not looked into: that is for validation. An object of an unknown kind has no unknown fields.
 */
public final class UnknownFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final String RESOURCE_INDEX = "META-INF/services/" + KubernetesResource.class.getName();

    /** Fields every top-level object may carry, whatever its class declares. */
    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind");

    /**
     * Introspection only, with Jackson's defaults: the schema is what fabric8's annotations say, whatever features
     * or modules the project's own mapper may get.
     */
    private static final ObjectMapper INTROSPECTION = JsonMapper.builder().build();
    private static final DeserializationConfig CONFIG = INTROSPECTION.getDeserializationConfig();
    private static final SerializationConfig SERIALIZATION = INTROSPECTION.getSerializationConfig();
    private static final AnnotationIntrospector ANNOTATIONS = CONFIG.getAnnotationIntrospector();

    /** One shape per class, so one field table per model class, shared by every property of that type. */
    private static final ConcurrentHashMap<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private UnknownFields() {
    }

    /** Whether the schema of this kind is known (for others, {@link #find} reports nothing). */
    public static boolean knows(String apiVersion, String kind) {
        return Kinds.bean(apiVersion, kind) != null;
    }

    /** The paths of the fields of {@code object} that the schema of its kind does not declare, in document order. */
    public static List<String> find(String apiVersion, String kind, JsonNode object) {
        Bean bean = Kinds.bean(apiVersion, kind);
        if (bean == null || object == null || !object.isObject()) {
            return List.of();
        }
        List<String> found = new ArrayList<>(0);
        new Walk(found, false).object(bean, object, true);
        return found.isEmpty() ? List.of() : Collections.unmodifiableList(found);
    }

    /** A deep copy of {@code object} without the fields that {@link #find} reports. */
    public static ObjectNode prune(String apiVersion, String kind, ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        Bean bean = Kinds.bean(apiVersion, kind);
        if (bean != null) {
            new Walk(null, true).object(bean, copy, true);
        }
        return copy;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Walking a tree against the shapes.

    /** One pass over one tree: collects paths, or removes the unknown fields in place. */
    private static final class Walk {
        private final List<String> found;
        private final boolean remove;
        private final StringBuilder path = new StringBuilder(64);

        Walk(List<String> found, boolean remove) {
            this.found = found;
            this.remove = remove;
        }

        void value(Shape shape, JsonNode node) {
            if (shape instanceof Bean bean) {
                object(bean, node, false);
            } else if (shape instanceof ListOf list) {
                if (node.isArray()) {
                    int mark = path.length();
                    for (int i = 0, n = node.size(); i < n; i++) {
                        path.append('[').append(i).append(']');
                        value(list.element, node.get(i));
                        path.setLength(mark);
                    }
                }
            } else if (shape instanceof MapOf map) {
                if (node.isObject()) {
                    int mark = path.length();
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> entry = it.next();
                        segment(entry.getKey());
                        value(map.value, entry.getValue());
                        path.setLength(mark);
                    }
                }
            }
        }

        void object(Bean bean, JsonNode node, boolean topLevel) {
            if (!node.isObject()) {
                return;
            }
            Map<String, Shape> fields = bean.fields();
            int mark = path.length();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                Shape shape = fields.get(name);
                if (shape == null) {
                    if (topLevel && TOP_LEVEL.contains(name)) {
                        continue;
                    }
                    if (remove) {
                        it.remove();
                    } else {
                        segment(name);
                        found.add(path.toString());
                        path.setLength(mark);
                    }
                } else if (shape != Leaf.INSTANCE) {
                    segment(name);
                    value(shape, entry.getValue());
                    path.setLength(mark);
                }
            }
        }

        private void segment(String name) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(name);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shapes, derived from the model classes.

    /** What a JSON value of a property may contain. */
    private sealed interface Shape permits Leaf, Bean, ListOf, MapOf {
    }

    /** Anything goes (scalars, free-form objects, types with their own JSON form): nothing is looked into. */
    private enum Leaf implements Shape {
        INSTANCE
    }

    private record ListOf(Shape element) implements Shape {
    }

    private record MapOf(Shape value) implements Shape {
    }

    /** An object with declared fields; the table is computed on first use (which is what makes recursion safe). */
    private static final class Bean implements Shape {
        private final Class<?> type;
        private volatile Map<String, Shape> fields;

        Bean(Class<?> type) {
            this.type = type;
        }

        Map<String, Shape> fields() {
            Map<String, Shape> table = fields;
            if (table == null) {
                table = fieldsOf(type); // a race computes the same table twice, harmlessly
                fields = table;
            }
            return table;
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    /** A model class's shape: a {@link Bean} for plain model objects, else a {@link Leaf}; decided once per class. */
    private static Shape shapeOf(Class<?> raw) {
        return SHAPES.computeIfAbsent(raw, type -> isModelObject(type) ? new Bean(type) : Leaf.INSTANCE);
    }

    private static Shape shapeOf(JavaType type) {
        if (type.isContainerType()) {
            Shape content = shapeOf(type.getContentType());
            if (content == Leaf.INSTANCE) {
                return Leaf.INSTANCE;
            }
            return type.isMapLikeType() ? new MapOf(content) : new ListOf(content);
        }
        return shapeOf(type.getRawClass());
    }

    /** A fabric8 model class that Jackson binds as a plain bean: an object with declared fields. */
    private static boolean isModelObject(Class<?> raw) {
        if (raw == Object.class || raw.isPrimitive() || raw.isArray() || raw.isEnum() || raw.isInterface()
                || Modifier.isAbstract(raw.getModifiers())) {
            return false;
        }
        Package pkg = raw.getPackage();
        if (pkg == null || !(pkg.getName().equals(MODEL_PACKAGE) || pkg.getName().startsWith(MODEL_PACKAGE + "."))) {
            return false;
        }
        // Quantity, MicroTime: their own JSON form, read by their own deserializer.
        if (customDeserializer(CONFIG.introspectClassAnnotations(raw).getClassInfo()) != null) {
            return false;
        }
        // IntOrString, Duration: a scalar written by @JsonValue and read by a delegating @JsonCreator.
        return SERIALIZATION.introspect(SERIALIZATION.constructType(raw)).findJsonValueAccessor() == null
                && !hasDelegatingCreator(CONFIG.introspect(CONFIG.constructType(raw)));
    }

    private static boolean hasDelegatingCreator(BeanDescription description) {
        List<AnnotatedWithParams> creators = new ArrayList<>(description.getConstructors());
        creators.addAll(description.getFactoryMethods());
        for (AnnotatedWithParams creator : creators) {
            JsonCreator.Mode mode = ANNOTATIONS.findCreatorAnnotation(CONFIG, creator);
            if (mode == null || mode == JsonCreator.Mode.DISABLED || mode == JsonCreator.Mode.PROPERTIES) {
                continue;
            }
            if (mode == JsonCreator.Mode.DELEGATING) {
                return true;
            }
            // DEFAULT: one parameter without an explicit name is a delegating creator.
            if (creator.getParameterCount() == 1 && ANNOTATIONS.findNameForDeserialization(creator.getParameter(0)) == null) {
                return true;
            }
        }
        return false;
    }

    private static Object customDeserializer(Annotated annotated) {
        Object deserializer = ANNOTATIONS.findDeserializer(annotated);
        // JacksonAnnotationIntrospector already maps JsonDeserializer.None to null; be explicit anyway.
        return deserializer == JsonDeserializer.None.class ? null : deserializer;
    }

    /**
     * The JSON properties Jackson would bind for {@code type}, each with its shape. A class with no declared
     * property at all (FieldsV1, and other free-form holders that only have {@code additionalProperties}) is
     * treated as free-form: its table says nothing is unknown.
     */
    private static Map<String, Shape> fieldsOf(Class<?> type) {
        BeanDescription description = CONFIG.introspect(CONFIG.constructType(type));
        Map<String, Shape> table = new HashMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (!property.couldDeserialize() || property.getName().equals("additionalProperties")) {
                continue;
            }
            AnnotatedMember member = property.getPrimaryMember();
            Shape shape;
            if (member != null && ANNOTATIONS.findUnwrappingNameTransformer(member) != null) {
                // @JsonUnwrapped: the inner object's fields sit beside this object's own.
                Shape inner = shapeOf(property.getPrimaryType());
                if (inner instanceof Bean bean) {
                    bean.fields().forEach(table::putIfAbsent);
                }
                continue;
            }
            if (member != null && customDeserializer(member) != null) {
                shape = Leaf.INSTANCE;
            } else if (member != null && ANNOTATIONS.findContentDeserializer(member) != null) {
                shape = Leaf.INSTANCE;
            } else {
                shape = shapeOf(property.getPrimaryType());
            }
            table.put(property.getName(), shape);
        }
        if (table.isEmpty()) {
            return FreeForm.TABLE;
        }
        return Map.copyOf(table);
    }

    /** A table that knows every name, as a leaf. */
    private static final class FreeForm {
        static final Map<String, Shape> TABLE = new AbstractMap<>() {
            @Override
            public Shape get(Object key) {
                return Leaf.INSTANCE;
            }

            @Override
            public Set<Entry<String, Shape>> entrySet() {
                return Set.of();
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // Kinds: apiVersion + kind → the model class.

    /**
     * The resource classes the fabric8 model jars list in their service index (the list fabric8's own deserializer
     * uses), grouped by kind; each kind's classes are loaded on first lookup and matched on their
     * {@code @Group}/{@code @Version}.
     */
    private static final class Kinds {
        private static final Map<String, List<String>> CLASSES_BY_KIND = readIndex();
        private static final ConcurrentHashMap<String, Map<String, Bean>> BY_KIND = new ConcurrentHashMap<>();

        static Bean bean(String apiVersion, String kind) {
            if (apiVersion == null || kind == null) {
                return null;
            }
            List<String> classes = CLASSES_BY_KIND.get(kind);
            if (classes == null) {
                return null;
            }
            return BY_KIND.computeIfAbsent(kind, k -> byApiVersion(classes)).get(apiVersion);
        }

        private static Map<String, Bean> byApiVersion(List<String> classNames) {
            Map<String, Bean> versions = new HashMap<>();
            ClassLoader loader = UnknownFields.class.getClassLoader();
            for (String name : classNames) {
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (shapeOf(type) instanceof Bean bean) {
                    versions.putIfAbsent(HasMetadata.getApiVersion(type), bean);
                }
            }
            return Map.copyOf(versions);
        }

        private static Map<String, List<String>> readIndex() {
            Map<String, Set<String>> byKind = new HashMap<>();
            try {
                Enumeration<URL> indexes = UnknownFields.class.getClassLoader().getResources(RESOURCE_INDEX);
                while (indexes.hasMoreElements()) {
                    URL index = indexes.nextElement();
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            String name = line.strip();
                            int hash = name.indexOf('#');
                            if (hash >= 0) {
                                name = name.substring(0, hash).strip();
                            }
                            if (name.startsWith(MODEL_PACKAGE + ".")) {
                                String kind = name.substring(name.lastIndexOf('.') + 1);
                                byKind.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(name);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + RESOURCE_INDEX, e);
            }
            Map<String, List<String>> index = new HashMap<>();
            byKind.forEach((kind, names) -> index.put(kind, List.copyOf(names)));
            return Map.copyOf(index);
        }
    }
}

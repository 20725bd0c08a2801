package io.coxswain.protocol.validation;

/**
 * A field's location in an object, printed the way Kubernetes prints it in validation
 * errors: {@code spec.containers[0].image}, {@code metadata.labels}, {@code data[key.name]}.
 */
public record FieldPath(String value) {

    public static FieldPath root(String name) {
        return new FieldPath(name);
    }

    public FieldPath child(String name) {
        return new FieldPath(value.isEmpty() ? name : value + "." + name);
    }

    public FieldPath index(int position) {
        return new FieldPath(value + "[" + position + "]");
    }

    /** A map entry, e.g. {@code data[config.yaml]}. */
    public FieldPath key(String mapKey) {
        return new FieldPath(value + "[" + mapKey + "]");
    }

    @Override
    public String toString() {
        return value;
    }
}

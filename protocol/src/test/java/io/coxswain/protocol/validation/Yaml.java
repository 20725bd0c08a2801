package io.coxswain.protocol.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Test objects written as YAML, the way people write manifests. */
final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    static ObjectNode object(String yaml) {
        try {
            return (ObjectNode) MAPPER.readTree(yaml);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

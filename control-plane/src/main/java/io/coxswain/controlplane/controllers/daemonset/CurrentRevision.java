package io.coxswain.controlplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which pods belong to the DaemonSet's current pod template. Kubernetes stores each template in a
 * ControllerRevision and labels pods with the revision's hash; Coxswain keeps no revisions yet, so
 * the hash is computed from the template itself, with the same label and the same encoding, and the
 * deprecated {@code pod-template-generation} label is honoured where the DaemonSet carries its annotation.
 */
record CurrentRevision(String hash, Optional<String> templateGeneration) {

    /** Kubernetes' {@code apps.DefaultDaemonSetUniqueLabelKey}. */
    static final String HASH_LABEL = "controller-revision-hash";
    /** Kubernetes' {@code extensions.DaemonSetTemplateGenerationKey}, still read for old pods. */
    static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";
    static final String TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

    // Kubernetes' rand.SafeEncodeString alphabet: no vowels (no words) and no look-alikes (0/o, 1/l, 3/e).
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    static CurrentRevision of(DaemonSet daemonSet) {
        JsonNode template = Json.MAPPER.valueToTree(daemonSet.getSpec().getTemplate());
        Map<String, String> annotations = daemonSet.getMetadata().getAnnotations();
        Optional<String> generation = Optional.ofNullable(
                annotations == null ? null : annotations.get(TEMPLATE_GENERATION_ANNOTATION));
        return new CurrentRevision(hashOf(template), generation);
    }

    /** Kubernetes' {@code util.IsPodUpdated}: the hash label matches, or the old template generation label does. */
    boolean isCurrent(Map<String, String> podLabels) {
        boolean hashMatches = !hash.isEmpty() && hash.equals(podLabels.get(HASH_LABEL));
        boolean generationMatches = templateGeneration.isPresent()
                && templateGeneration.get().equals(podLabels.get(TEMPLATE_GENERATION_LABEL));
        return hashMatches || generationMatches;
    }

    /**
     * FNV-1a (32 bits) of the template's canonical JSON, written as Kubernetes writes revision hashes
     * (the decimal number, safe-encoded). Keys are sorted so that re-applying the same manifest with
     * labels in another order does not start a rollout.
     */
    static String hashOf(JsonNode template) {
        byte[] bytes = Json.write(canonical(template)).getBytes(StandardCharsets.UTF_8);
        int hash = FNV_OFFSET_BASIS;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return safeEncode(Long.toString(Integer.toUnsignedLong(hash)));
    }

    private static String safeEncode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            encoded.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
        }
        return encoded.toString();
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            ObjectNode result = Json.object();
            sorted.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            var result = Json.MAPPER.createArrayNode();
            node.forEach(element -> result.add(canonical(element)));
            return result;
        }
        return node;
    }
}

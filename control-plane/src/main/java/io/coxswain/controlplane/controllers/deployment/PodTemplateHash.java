package io.coxswain.controlplane.controllers.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code pod-template-hash} that names a Deployment's ReplicaSet and keeps the selectors of its
 * ReplicaSets apart.
 *
 * <p>Kubernetes hashes its Go struct dump with FNV-1a (32 bit), then the collision count; we cannot
 * reproduce the Go dump, so we hash the template's canonical JSON ({@link CanonicalJson}: sorted
 * keys, empty members dropped) with the same FNV-1a, then the collision count as 8 little-endian
 * bytes exactly as Kubernetes does, and render the unsigned decimal value with Kubernetes'
 * {@code SafeEncodeString} alphabet (no vowels, no 0/1/3, so hashes never spell words or look
 * alike). The hash is stable across processes and versions as long as the template's JSON is.
 */
final class PodTemplateHash {

    static final String LABEL = "pod-template-hash";

    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int COLLISION_COUNT_BYTES = 8;

    private PodTemplateHash() {}

    static String of(PodTemplateSpec template, Integer collisionCount) {
        int hash = FNV_OFFSET_BASIS;
        hash = fnv1a(hash, CanonicalJson.text(template).getBytes(StandardCharsets.UTF_8));
        if (collisionCount != null) {
            byte[] littleEndian = new byte[COLLISION_COUNT_BYTES];
            for (int i = 0; i < Integer.BYTES; i++) {
                littleEndian[i] = (byte) (collisionCount >>> (8 * i));
            }
            hash = fnv1a(hash, littleEndian);
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    /** Kubernetes' {@code EqualIgnoreHash}: templates equal once both lose their pod-template-hash label. */
    static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
        return CanonicalJson.of(withoutHashLabel(a)).equals(CanonicalJson.of(withoutHashLabel(b)));
    }

    private static PodTemplateSpec withoutHashLabel(PodTemplateSpec template) {
        if (template == null) {
            return new PodTemplateSpec();
        }
        if (template.getMetadata() == null || template.getMetadata().getLabels() == null
                || !template.getMetadata().getLabels().containsKey(LABEL)) {
            return template;
        }
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.remove(LABEL);
        return new PodTemplateSpecBuilder(template).editMetadata().withLabels(labels).endMetadata().build();
    }

    private static int fnv1a(int hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= (b & 0xff);
            hash *= FNV_PRIME;
        }
        return hash;
    }

    private static String safeEncode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            encoded.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
        }
        return encoded.toString();
    }
}

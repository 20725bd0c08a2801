package io.coxswain.controlplane.entity;

import java.security.SecureRandom;

/** The suffix {@code metadata.generateName} gets, as Kubernetes makes it: five characters, no vowels, no look-alikes. */
public final class GeneratedNames {
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedNames() {}

    public static String suffix() {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return suffix.toString();
    }
}

package io.coxswain.controlplane.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * Resolves {@code maxSurge}/{@code maxUnavailable} against a replica count as Kubernetes'
 * {@code intstr.GetScaledValueFromIntOrPercent} does: an int is taken as is, "N%" is scaled, rounding
 * up for surge (so a small deployment can still surge) and down for unavailability (so it never
 * drops more pods than asked).
 */
final class IntOrPercent {

    private IntOrPercent() {}

    /** @throws IllegalArgumentException for a string that is not a percentage (validation rejects it) */
    static int resolve(IntOrString value, int total, boolean roundUp) {
        if (value == null) {
            return 0;
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal();
        if (text == null || !text.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: " + text + " is not a percentage");
        }
        int percent;
        try {
            percent = Integer.parseInt(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for IntOrString: " + text, e);
        }
        double scaled = (double) percent * total / 100;
        return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
    }
}

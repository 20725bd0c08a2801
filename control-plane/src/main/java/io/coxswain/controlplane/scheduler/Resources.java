package io.coxswain.controlplane.scheduler;

import io.coxswain.protocol.quantity.MalformedQuantityException;
import io.coxswain.protocol.quantity.Quantities;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/** CPU in millicores and memory in bytes: the two resources the scheduler weighs. */
public record Resources(long milliCpu, long memory) {

    public static final Resources NONE = new Resources(0, 0);

    public Resources plus(Resources other) {
        return new Resources(saturatedSum(milliCpu, other.milliCpu), saturatedSum(memory, other.memory));
    }

    /** Each resource's larger value, as init containers (which run one at a time) are counted. */
    public Resources max(Resources other) {
        return new Resources(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory));
    }

    /** A {@code ResourceList} ({@code {"cpu": "500m", "memory": "1Gi"}}); absent entries count as zero. */
    public static Resources of(JsonNode resourceList) {
        return new Resources(milliCpu(resourceList).orElse(0), memory(resourceList).orElse(0));
    }

    static OptionalLong milliCpu(JsonNode resourceList) {
        return amount(resourceList, "cpu", Quantities::milliValue);
    }

    static OptionalLong memory(JsonNode resourceList) {
        return amount(resourceList, "memory", Quantities::value);
    }

    /**
     * One entry of a {@code ResourceList}; empty when absent. A malformed or negative quantity also
     * reads as absent: rejecting it is the API server's job, and one bad object must neither stop
     * scheduling nor, being negative, make room on a node.
     */
    static OptionalLong amount(JsonNode resourceList, String resource, ToLongFunction<String> reader) {
        JsonNode value = resourceList == null ? null : resourceList.get(resource);
        if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
            return OptionalLong.empty();
        }
        String text = value.isNumber() ? value.decimalValue().toPlainString() : value.textValue();
        try {
            long amount = reader.applyAsLong(text);
            return amount < 0 ? OptionalLong.empty() : OptionalLong.of(amount);
        } catch (MalformedQuantityException malformed) {
            return OptionalLong.empty();
        }
    }

    /** Amounts are never negative, so a sum below zero has overflowed: it stays at the maximum. */
    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}

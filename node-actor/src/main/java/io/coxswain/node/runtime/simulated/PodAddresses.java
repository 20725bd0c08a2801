package io.coxswain.node.runtime.simulated;

import java.util.concurrent.atomic.AtomicLong;

/** Hands out IPv4 addresses of a CIDR in order, wrapping around; simulated pods need addresses, not routes. */
final class PodAddresses {
    private final long network;
    private final long usable;
    private final AtomicLong handedOut = new AtomicLong();

    private PodAddresses(long network, long usable) {
        this.network = network;
        this.usable = usable;
    }

    /** Parses {@code a.b.c.d/n} with n at most 30, so there are addresses besides network and broadcast. */
    static PodAddresses parse(String cidr) {
        String[] parts = cidr == null ? new String[0] : cidr.split("/");
        try {
            String[] octets = parts[0].split("\\.");
            int prefix = Integer.parseInt(parts[1]);
            if (parts.length != 2 || octets.length != 4 || prefix < 1 || prefix > 30) {
                throw new IllegalArgumentException();
            }
            long address = 0;
            for (String octet : octets) {
                int value = Integer.parseInt(octet);
                if (value < 0 || value > 255) {
                    throw new IllegalArgumentException();
                }
                address = address << 8 | value;
            }
            long size = 1L << (32 - prefix);
            return new PodAddresses(address & ~(size - 1), size - 2);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an IPv4 CIDR with room for pods: " + cidr);
        }
    }

    String next() {
        long address = network + 1 + handedOut.getAndIncrement() % usable;
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
    }
}

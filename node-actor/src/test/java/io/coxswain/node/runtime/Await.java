package io.coxswain.node.runtime;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds, failing with the last value seen when the deadline passes. Tests never sleep blindly. */
public final class Await {
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private Await() {}

    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<? super T> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; last seen: " + last);
            }
            LockSupport.parkNanos(POLL_NANOS);
            last = probe.get();
        }
        return last;
    }
}

package io.coxswain.it;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for what a user would see, by looking again until it shows or a deadline passes (no fixed sleeps). */
final class Await {
    private static final long POLL_MILLIS = 200;

    private Await() {}

    /** The value once it equals {@code expected}, or the last value seen when {@code seconds} ran out. */
    static String until(Supplier<String> value, String expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = value.get();
        while (!last.equals(expected) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            last = value.get();
        }
        return last;
    }

    /** Whether {@code condition} held within {@code seconds}. */
    static boolean until(BooleanSupplier condition, int seconds) throws InterruptedException {
        return until(() -> condition.getAsBoolean() ? "yes" : "no", "yes", seconds).equals("yes");
    }
}

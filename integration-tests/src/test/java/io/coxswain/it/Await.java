package io.coxswain.it;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for what a user would see, by looking again until it shows or a deadline passes (no fixed sleeps).
 * Anything short of the awaited value is "not yet": another value (a 404, a pod still Pending) and equally an
 * exception thrown by the look itself (connection refused because the server is not listening yet, a kubectl
 * that failed), so a wait never ends early on a state that is only on its way. When time runs out the last
 * value and the last exception are both kept, so the failure says what was seen.
 */
public final class Await {
    private static final long POLL_MILLIS = 200;

    private Await() {}

    /**
     * What polling saw: whether the value was accepted, the last value seen (null if no look returned one) and
     * the exception of the last look that threw (null if none did).
     */
    public record Outcome<T>(boolean met, T lastValue, Throwable lastFailure, int seconds) {
        /** For failure messages: what was awaited, what was seen last, and what the last failing look threw. */
        public String describe(String awaited) {
            String seen = lastValue instanceof Boolean ? "" // a condition: "false" would say nothing
                    : "; last value seen: " + (lastValue instanceof String text ? "\"" + text + "\"" : lastValue);
            return "waited " + seconds + " s for " + awaited + seen
                    + (lastFailure == null ? "" : "; last look failed with: " + lastFailure);
        }
    }

    /** Looks at {@code value} every {@value #POLL_MILLIS} ms until {@code accepted} holds or {@code seconds} pass. */
    public static <T> Outcome<T> poll(Supplier<T> value, Predicate<? super T> accepted, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        T last = null;
        Throwable lastFailure = null;
        while (true) {
            try {
                last = value.get();
                if (accepted.test(last)) {
                    return new Outcome<>(true, last, lastFailure, seconds);
                }
            } catch (RuntimeException | AssertionError e) {
                // AssertionError too: a look may assert (Result.assertOk), and its failure is a "not yet" as well
                lastFailure = e;
            }
            if (System.nanoTime() >= deadline) {
                return new Outcome<>(false, last, lastFailure, seconds);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    /** The value once it equals {@code expected}; fails with the last value and exception when time runs out. */
    public static <T> T until(Supplier<T> value, T expected, int seconds) throws InterruptedException {
        return until(describe(expected), value, v -> Objects.equals(v, expected), seconds);
    }

    /** The first value {@code accepted} holds for; fails, saying {@code what} was awaited, when time runs out. */
    public static <T> T until(String what, Supplier<T> value, Predicate<? super T> accepted, int seconds)
            throws InterruptedException {
        Outcome<T> outcome = poll(value, accepted, seconds);
        if (!outcome.met()) {
            throw new AssertionError(outcome.describe(what), outcome.lastFailure());
        }
        return outcome.lastValue();
    }

    /** Returns once {@code condition} holds; fails, saying {@code what} was awaited, when time runs out. */
    public static void until(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        until(what, condition::getAsBoolean, Boolean.TRUE::equals, seconds);
    }

    private static String describe(Object expected) {
        return expected instanceof String text ? "\"" + text + "\"" : String.valueOf(expected);
    }
}

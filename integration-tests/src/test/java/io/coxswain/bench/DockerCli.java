package io.coxswain.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI, for what a benchmark asks of the engine itself (Swarm; the container of a pod). Every call is
 * bounded: one that overruns is killed (by its handle) and reported.
 */
final class DockerCli {
    private static final long TIMEOUT_SECONDS = 120;

    private DockerCli() {}

    record Result(int exitCode, String stdout, String stderr) {
        /** The non-blank lines of stdout, stripped. */
        List<String> lines() {
            return stdout.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
    }

    /** Runs {@code docker ARGS}, whatever it exits with. */
    static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null"))).start();
            // Both streams read at once, so that a chatty command never blocks on a full pipe.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code docker ARGS}, which must succeed; returns its stdout. */
    static String ok(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed (" + result.exitCode() + "): "
                    + result.stderr().strip());
        }
        return result.stdout();
    }

    /** The non-blank lines {@code docker ARGS} printed; it must succeed. */
    static List<String> lines(String... args) {
        return new Result(0, ok(args), "").lines();
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.coxswain.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The figures of {@link ControllersBenchmark} as one Markdown table (Coxswain, Swarm, their ratio), followed by
 * where the time went and how it was measured; printed, and written to docs/benchmarks/controllers.md with the
 * date, the machine and the commit, so that a figure can be traced to what produced it.
 */
final class ControllersReport {
    private record Row(String figure, String coxswain, String swarm, String ratio) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final List<String> method = new ArrayList<>();
    private final ZonedDateTime started = ZonedDateTime.now();
    private boolean failed;

    /** A figure measured on both: seconds each, and Coxswain / Swarm. */
    void compared(String figure, double coxswain, double swarm) {
        rows.add(new Row(figure, seconds(coxswain), seconds(swarm),
                Double.isNaN(coxswain) || Double.isNaN(swarm) ? "—" : String.format(Locale.ROOT, "%.2f", coxswain / swarm)));
    }

    /** A figure of Coxswain alone. */
    void coxswain(String figure, String value) {
        rows.add(new Row(figure, value, "—", "—"));
    }

    /** A figure of Coxswain that could not be measured: the table says so, the findings why, and the run fails. */
    void failed(String figure, Throwable cause) {
        rows.add(new Row(figure, "failed", "—", "—"));
        problem(figure, cause);
    }

    /** Something that went wrong, among the findings; the run ends failed. */
    void problem(String what, Throwable cause) {
        failed = true;
        String why = String.valueOf(cause.getMessage()).replace('\n', ' ');
        findings.add("**failed**: " + what + ": " + (why.length() > 500 ? why.substring(0, 500) + "…" : why));
    }

    /** A line of "where the time went". */
    void finding(String line) {
        findings.add(line);
    }

    /** A line of "how it was measured". */
    void method(String line) {
        method.add(line);
    }

    boolean anyFailed() {
        return failed;
    }

    static String seconds(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f s", value);
    }

    String markdown(Path root) {
        StringBuilder md = new StringBuilder();
        md.append("# Controllers benchmark\n\n");
        md.append("`").append(command()).append("` — ")
                .append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append("\n\n");
        md.append("- machine: ").append(shell(root, "nproc").strip()).append(" cores (nproc), ")
                .append(memory()).append(" memory, Docker ").append(dockerVersion()).append('\n');
        md.append("- commit: ").append(commit(root)).append("\n\n");
        md.append("| figure | Coxswain | Docker Swarm | Coxswain / Swarm |\n");
        md.append("|---|---:|---:|---:|\n");
        for (Row row : rows) {
            md.append("| ").append(row.figure()).append(" | ").append(row.coxswain()).append(" | ").append(row.swarm())
                    .append(" | ").append(row.ratio()).append(" |\n");
        }
        if (!findings.isEmpty()) {
            md.append("\n## Where the time went\n\n");
            findings.forEach(line -> md.append("- ").append(line).append('\n'));
        }
        if (!method.isEmpty()) {
            md.append("\n## How it was measured\n\n");
            method.forEach(line -> md.append("- ").append(line).append('\n'));
        }
        return md.toString();
    }

    /** Prints the report and writes it to docs/benchmarks/controllers.md under {@code root}. */
    void publish(Path root) throws IOException {
        String md = markdown(root);
        System.out.printf("%n%s", md);
        Path file = root.resolve("docs/benchmarks/controllers.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, md, StandardCharsets.UTF_8);
        System.out.println("\nwritten to " + root.relativize(file));
    }

    /** How to run it again: the command with the -Dbench.… properties this run was given. */
    private static String command() {
        StringBuilder command = new StringBuilder("bin/coxswain bench controllers");
        new TreeMap<>(System.getProperties()).forEach((key, value) -> {
            if (key.toString().startsWith("bench.")) {
                command.append(" -D").append(key).append('=').append(value);
            }
        });
        return command.toString();
    }

    /** The short commit, and whether tracked files differed from it (then the figures are of that working tree). */
    private static String commit(Path root) {
        String head = shell(root, "git", "rev-parse", "--short", "HEAD").strip();
        String dirty = shell(root, "git", "status", "--porcelain", "--untracked-files=no").strip();
        return "`" + head + "`" + (dirty.isEmpty() ? "" : " (working tree with uncommitted changes to tracked files)");
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // below
        }
        return "? GiB";
    }

    private static String dockerVersion() {
        DockerCli.Result version = DockerCli.run("version", "--format", "{{.Server.Version}}");
        return version.exitCode() == 0 ? version.stdout().strip() : "?";
    }

    private static String shell(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "?";
            }
            return process.exitValue() == 0 ? out : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}

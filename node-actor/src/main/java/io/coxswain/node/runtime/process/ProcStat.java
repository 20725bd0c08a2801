package io.coxswain.node.runtime.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the runtime uses (proc(5)). Java's ProcessHandle has no process group,
 * session, resident memory or kernel start time, so the runtime reads the kernel's table itself.
 *
 * @param utime      user CPU time, clock ticks; {@code stime} system time; {@code cutime}/{@code cstime} those of
 *                   children it has waited for
 * @param startTicks start time in clock ticks after boot: with the pid, it names one process for good
 * @param rssPages   resident set size in pages
 */
record ProcStat(long pid, char state, long ppid, long processGroup, long session,
                long utime, long stime, long cutime, long cstime, long startTicks, long rssPages) {

    private static final Path PROC = Path.of("/proc");

    static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or going: either way not a process we can act on
        }
    }

    /** Every process the kernel lists now; those that vanish while being read are left out. */
    static List<ProcStat> all() {
        List<ProcStat> processes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    read(Long.parseLong(name)).ifPresent(processes::add);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return processes;
    }

    static ProcStat parse(String line) {
        // The command name (field 2) is in parentheses and may itself hold spaces and ')'.
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        long pid = Long.parseLong(line.substring(0, open).trim());
        String[] f = line.substring(close + 2).trim().split(" ");
        // f[0] is field 3 of proc(5).
        return new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]),
                Long.parseLong(f[19]), Long.parseLong(f[21]));
    }

    /** Ended but not yet reaped by its parent: it holds a pid but runs nothing. */
    boolean isZombie() {
        return state == 'Z' || state == 'X';
    }

    long cpuTicks() {
        return utime + stime + cutime + cstime;
    }
}

package io.coxswain.node.runtime.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a container's command so that it outlives the agent: in a session and process group of its own
 * ({@code setsid}), with stdin from /dev/null and stdout+stderr appended to a file it holds itself (a pipe to the
 * agent would break, and kill it with SIGPIPE, when the agent restarts).
 *
 * <p>Between setsid and the command sits a small shell, the launcher, which stays the group's leader while the
 * command runs. It
 * <ul>
 *   <li>writes the command's exit status to a file, which is how a restarted agent learns the exit code of a
 *       process that is not its child;</li>
 *   <li>catches SIGTERM (so it lives to write that file) with a handler rather than ignoring it, because an ignored
 *       signal would stay ignored in the command, while handlers reset on exec;</li>
 *   <li>runs the command in a subshell that execs it, so the launcher's own messages ("Terminated") go to /dev/null
 *       while the command writes to the log;</li>
 *   <li>marks the moment the subshell has dropped the launcher's handlers: a SIGTERM that arrived before would be
 *       swallowed (the shell notes it, then forgets it when it resets its traps), so the runtime reports a container
 *       running, and signals it, only once the mark is there;</li>
 *   <li>gives the command the environment it was given: the shell's own PWD is dropped, or set to the value the
 *       container's env asked for;</li>
 *   <li>kills what is left of the group when the command ends, as a container's PID namespace dies with its init.</li>
 * </ul>
 */
final class Launcher {
    static final String SCRIPT = String.join("\n",
            "exit_code_file=$1; started_file=$2; given_pwd=$3; shift 3",
            "exec 3>&2 2>/dev/null",
            "trap : TERM INT HUP QUIT",
            "( : > \"$started_file\"",
            "  if [ -n \"$given_pwd\" ]; then export PWD=\"$given_pwd\"; else unset PWD; fi",
            "  exec \"$@\" 2>&3 3>&- )",
            "echo $? > \"$exit_code_file\"",
            "kill -KILL 0");
    private static final String LAUNCHER_NAME = "coxswain-container";
    private static final File DEV_NULL = new File("/dev/null");

    private Launcher() {}

    static Process launch(List<String> command, Map<String, String> env, Path workingDirectory,
                          Path exitCodeFile, Path startedFile, Path output) throws IOException {
        List<String> argv = new ArrayList<>(List.of("setsid", "/bin/sh", "-c", SCRIPT, LAUNCHER_NAME,
                exitCodeFile.toString(), startedFile.toString(), env.getOrDefault("PWD", "")));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(workingDirectory.toFile())
                .redirectInput(DEV_NULL)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }
}

package io.coxswain.node.runtime;

/**
 * What a command run in a container did.
 *
 * @param timedOut the command overran its timeout and was killed; its exit code is then that of the kill (137)
 */
public record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut) {
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}

package io.coxswain.node;

/** Worker process entry point; the node agent arrives with the worker issue. */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) {
        System.err.println("coxswain worker: the node agent is not built yet");
        System.exit(2);
    }
}

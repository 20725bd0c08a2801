package io.coxswain.node.runtime;

/** The lifecycle of a container as runtimes report it (the CRI's ContainerState). */
public enum ContainerState {
    /** Made but not (yet) running. */
    CREATED,
    RUNNING,
    EXITED,
    /** The runtime cannot tell, e.g. its record of the container is unreadable. */
    UNKNOWN
}

package io.coxswain.node.runtime;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where an exec or attach session reads its input and writes its output; a null stream was not asked for. The
 * runtime reads {@code stdin} until its end (then the command reads end of file) and never closes the output
 * streams: the caller does, once {@link StreamSession#exitCode()} completed.
 *
 * @param tty the command gets a terminal: its stderr goes to {@code stdout}, as on a terminal
 */
public record SessionStreams(InputStream stdin, OutputStream stdout, OutputStream stderr, boolean tty) {}

package io.coxswain.node.runtime.docker;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies what the engine sends on a hijacked connection to a session's streams. Without a terminal the engine
 * multiplexes: each frame is a header of 8 bytes — the stream (1 stdout, 2 stderr), three zero bytes, the payload's
 * length (big endian) — then the payload. With a terminal it sends the terminal's bytes as they are.
 */
final class EngineOutput {
    private static final int BUFFER = 32 * 1024;
    private static final int STDERR = 2;

    private EngineOutput() {}

    /** Copies until the engine ends the stream; a null target drops its stream. */
    static void copy(InputStream engine, boolean tty, OutputStream stdout, OutputStream stderr) throws IOException {
        if (tty) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = engine.read(buffer)) >= 0) {
                write(stdout, buffer, read);
            }
            return;
        }
        DataInputStream frames = new DataInputStream(engine);
        byte[] header = new byte[8];
        byte[] buffer = new byte[BUFFER];
        while (true) {
            try {
                frames.readFully(header);
            } catch (EOFException e) {
                return;
            }
            int length = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            OutputStream target = header[0] == STDERR ? stderr : stdout;
            while (length > 0) {
                int read = frames.read(buffer, 0, Math.min(buffer.length, length));
                if (read < 0) {
                    return;
                }
                write(target, buffer, read);
                length -= read;
            }
        }
    }

    private static void write(OutputStream target, byte[] bytes, int length) throws IOException {
        if (target != null && length > 0) {
            target.write(bytes, 0, length);
            target.flush();
        }
    }
}

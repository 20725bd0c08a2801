package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.coxswain.node.runtime.LogLine;
import io.coxswain.node.runtime.LogOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A container's output as the engine streams it ({@code docker logs --follow}), rendered as {@code kubectl logs}
 * prints it. The engine ends the stream once the container has exited and its output was sent; closing this stream
 * closes the engine's.
 */
final class FollowedDockerLogs extends InputStream {
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final DockerLogLines parser = new DockerLogLines();
    private final LogOptions options;
    private final Instant cutoff;
    private final ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
        @Override
        public void onNext(Frame frame) {
            StringBuilder text = new StringBuilder();
            for (LogLine line : parser.parse(frame.getPayload())) {
                if (options.admits(line, cutoff)) {
                    text.append(line.render(options.timestamps()));
                }
            }
            if (!text.isEmpty()) {
                chunks.add(text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void onError(Throwable throwable) {
            chunks.add(END);
            super.onError(throwable);
        }

        @Override
        public void onComplete() {
            chunks.add(END);
            super.onComplete();
        }
    };
    private byte[] current = new byte[0];
    private int position;
    private volatile boolean ended;

    FollowedDockerLogs(LogOptions options, Instant cutoff) {
        this.options = options;
        this.cutoff = cutoff;
    }

    ResultCallback.Adapter<Frame> callback() {
        return callback;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position >= current.length) {
            if (ended) {
                return -1;
            }
            try {
                byte[] next = chunks.take();
                if (next == END) {
                    ended = true;
                    return -1;
                }
                current = next;
                position = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while following a container's log");
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - position;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        chunks.add(END);
        callback.close();
    }
}

package io.coxswain.controlplane.streams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.stream.javadsl.StreamRefs;

/**
 * What a client sends into a session, made ready for the node agent before the session starts: a bounded queue the
 * master offers into, read by the agent through a {@link SourceRef}. An offer completes once the element was taken,
 * so a client that sends faster than the container reads is slowed down rather than buffered without end.
 */
public final class ClientInput<T> {
    private final SourceQueueWithComplete<T> queue;
    private final SourceRef<T> ref;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private ClientInput(SourceQueueWithComplete<T> queue, SourceRef<T> ref) {
        this.queue = queue;
        this.ref = ref;
    }

    public static <T> ClientInput<T> open(int buffer, Materializer materializer) {
        Pair<SourceQueueWithComplete<T>, SourceRef<T>> materialized = Source.<T>queue(buffer,
                        OverflowStrategy.backpressure())
                .toMat(StreamRefs.sourceRef(), Keep.both())
                .run(materializer);
        return new ClientInput<>(materialized.first(), materialized.second());
    }

    public SourceRef<T> ref() {
        return ref;
    }

    /** Completes once the element is queued; an element offered after {@link #complete()} is dropped. */
    public CompletionStage<Done> offer(T element) {
        if (!open.get()) {
            return CompletableFuture.completedFuture(Done.done());
        }
        return queue.offer(element).handle((result, failure) -> Done.done());
    }

    /** The client sends no more. Idempotent. */
    public void complete() {
        if (open.compareAndSet(true, false)) {
            queue.complete();
        }
    }
}

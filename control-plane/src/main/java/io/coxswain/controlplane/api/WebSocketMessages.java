package io.coxswain.controlplane.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;

/** A WebSocket message's bytes, whether it came whole or streamed in parts (text messages as their UTF-8). */
final class WebSocketMessages {
    private WebSocketMessages() {}

    static CompletionStage<ByteString> bytes(Message message, Duration timeout, Materializer materializer) {
        if (message.isText()) {
            return message.asTextMessage().toStrict(timeout.toMillis(), materializer)
                    .thenApply(text -> ByteString.fromString(text.getStrictText()));
        }
        return message.asBinaryMessage().toStrict(timeout.toMillis(), materializer)
                .thenApply(binary -> binary.getStrictData());
    }
}

package io.coxswain.controlplane.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Graph;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;

/** WebSocket helpers: the subprotocols a client offers, and a message's bytes. */
final class WebSocketMessages {
    private static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    private WebSocketMessages() {}

    /**
     * The subprotocols the client offers, in its order, read from the header's text: Pekko's parser takes only
     * RFC 7230 tokens, and {@code SPDY/3.1+portforward.k8s.io} (kubectl's port-forward tunnel) is none.
     */
    static List<String> offeredProtocols(HttpRequest request) {
        List<String> offered = new ArrayList<>();
        for (HttpHeader header : request.getHeaders()) {
            if (header.is(PROTOCOL_HEADER.toLowerCase(java.util.Locale.ROOT))) {
                for (String protocol : header.value().split(",")) {
                    if (!protocol.isBlank()) {
                        offered.add(protocol.trim());
                    }
                }
            }
        }
        return offered;
    }

    /**
     * Accepts the upgrade with {@code protocol}, which may be one Pekko could not parse from the request (so it
     * cannot pick it itself): the answer names it in its own header.
     */
    static HttpResponse accept(WebSocketUpgrade upgrade, Graph<FlowShape<Message, Message>, ?> handler,
                               String protocol) {
        return upgrade.handleMessagesWith(handler).addHeader(RawHeader.create(PROTOCOL_HEADER, protocol));
    }

    /** A message's bytes, whether it came whole or streamed in parts (text messages as their UTF-8). */
    static CompletionStage<ByteString> bytes(Message message, Duration timeout, Materializer materializer) {
        if (message.isText()) {
            return message.asTextMessage().toStrict(timeout.toMillis(), materializer)
                    .thenApply(text -> ByteString.fromString(text.getStrictText()));
        }
        return message.asBinaryMessage().toStrict(timeout.toMillis(), materializer)
                .thenApply(binary -> binary.getStrictData());
    }
}

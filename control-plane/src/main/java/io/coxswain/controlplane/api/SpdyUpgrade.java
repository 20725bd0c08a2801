package io.coxswain.controlplane.api;

import java.util.List;
import java.util.Locale;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.impl.engine.server.UpgradeToOtherProtocolResponseHeader;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;

/**
 * The plain SPDY/3.1 upgrade ({@code Upgrade: SPDY/3.1}, {@code X-Stream-Protocol-Version}) that clients without
 * WebSocket streaming use. Pekko HTTP's public API upgrades only to WebSocket; its server switches a connection to
 * any byte flow given in its {@code UpgradeToOtherProtocolResponseHeader} on a 101 answer — the way it upgrades to
 * h2c — which is what this uses. That header is Pekko's internal API: if an upgrade of Pekko HTTP drops it, only
 * this fallback breaks (kubectl 1.31+ speaks WebSocket first).
 */
final class SpdyUpgrade {
    private static final String SPDY = "SPDY/3.1";
    private static final String PROTOCOL_VERSION = "X-Stream-Protocol-Version";

    private SpdyUpgrade() {}

    /** The request asks to upgrade to SPDY/3.1 offering {@code protocol}. */
    static boolean requested(HttpRequest request, String protocol) {
        boolean spdy = false;
        boolean offered = false;
        for (HttpHeader header : request.getHeaders()) {
            if (header.is("upgrade") && header.value().toUpperCase(Locale.ROOT).contains(SPDY)) {
                spdy = true;
            }
            if (header.is(PROTOCOL_VERSION.toLowerCase(Locale.ROOT))
                    && List.of(header.value().split(",")).stream().map(String::trim).anyMatch(protocol::equals)) {
                offered = true;
            }
        }
        return spdy && offered;
    }

    static HttpResponse accept(String protocol, Flow<ByteString, ByteString, NotUsed> connection) {
        return HttpResponse.create().withStatus(StatusCodes.SWITCHING_PROTOCOLS).addHeaders(List.<HttpHeader>of(
                Connection.create("Upgrade"),
                RawHeader.create("Upgrade", SPDY),
                RawHeader.create(PROTOCOL_VERSION, protocol),
                new UpgradeToOtherProtocolResponseHeader(connection.mapMaterializedValue(notUsed -> (Object) notUsed)
                        .asScala())));
    }
}

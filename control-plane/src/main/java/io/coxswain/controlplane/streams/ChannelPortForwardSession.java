package io.coxswain.controlplane.streams;

import io.coxswain.protocol.entity.PodStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The older WebSocket protocol for port-forward ({@code v4.channel.k8s.io} with {@code ?ports=…}, what fabric8 and
 * client-java speak): one connection per requested port for the life of the WebSocket; port i has data channel 2i
 * and error channel 2i + 1, and each channel first carries the port number (two bytes, little endian) from us.
 */
public final class ChannelPortForwardSession {
    private ChannelPortForwardSession() {}

    public static Flow<ByteString, ByteString, NotUsed> flow(List<Integer> ports, PortOpener opener,
                                                             StreamLimits limits, Materializer materializer) {
        List<ClientInput<PodStreams.Chunk>> inputs = new ArrayList<>();
        List<ByteString> announcements = new ArrayList<>();
        Source<ByteString, NotUsed> output = Source.empty();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            int dataChannel = 2 * i;
            int errorChannel = 2 * i + 1;
            ClientInput<PodStreams.Chunk> input = ClientInput.open(limits.inputBuffer(), materializer);
            inputs.add(input);
            announcements.add(RemoteCommandChannels.framed(dataChannel, littleEndian(port)));
            announcements.add(RemoteCommandChannels.framed(errorChannel, littleEndian(port)));
            CompletionStage<Source<ByteString, NotUsed>> connected = opener.open(port, input.ref())
                    .handle((forwarding, failure) -> {
                        if (failure != null || !forwarding.connected()) {
                            input.complete();
                            String message = failure != null ? Failures.message(failure) : forwarding.error();
                            return Source.single(RemoteCommandChannels.framed(errorChannel,
                                    ByteString.fromString(message)));
                        }
                        return forwarding.output().getSource()
                                .map(chunk -> RemoteCommandChannels.framed(dataChannel,
                                        ByteString.fromArray(chunk.data())))
                                .recover(Throwable.class, () -> RemoteCommandChannels.framed(errorChannel,
                                        ByteString.fromString("the connection to the pod broke off")));
                    });
            output = output.merge(Source.completionStageSource(connected)
                    .mapMaterializedValue(m -> NotUsed.getInstance()));
        }
        Sink<ByteString, NotUsed> fromClient = Flow.<ByteString>create()
                .mapAsync(1, message -> offer(message, inputs, limits))
                .to(Sink.onComplete(done -> inputs.forEach(ClientInput::complete)));
        return Flow.fromSinkAndSource(fromClient, Source.from(announcements).concat(output));
    }

    private static CompletionStage<Done> offer(ByteString message, List<ClientInput<PodStreams.Chunk>> inputs,
                                               StreamLimits limits) {
        if (message.isEmpty()) {
            return CompletableFuture.completedFuture(Done.done());
        }
        int channel = message.apply(0) & 0xff;
        if (channel % 2 != 0 || channel / 2 >= inputs.size()) {
            return CompletableFuture.completedFuture(Done.done()); // nothing is read from error channels
        }
        ClientInput<PodStreams.Chunk> input = inputs.get(channel / 2);
        CompletionStage<Done> offered = CompletableFuture.completedFuture(Done.done());
        for (PodStreams.Chunk chunk : limits.chunks(message.drop(1).toArray())) {
            offered = offered.thenCompose(done -> input.offer(chunk));
        }
        return offered;
    }

    private static ByteString littleEndian(int port) {
        return ByteString.fromArray(new byte[] {(byte) (port & 0xff), (byte) ((port >> 8) & 0xff)});
    }
}

package io.coxswain.controlplane.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.entity.PodStreams;
import io.coxswain.protocol.json.Json;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class RemoteCommandChannelsTest {

    @Test
    void prefersTheClientsFirstSupportedProtocol() {
        assertThat(RemoteCommandChannels.negotiate(List.of("v5.channel.k8s.io", "v4.channel.k8s.io")))
                .contains("v5.channel.k8s.io");
        assertThat(RemoteCommandChannels.negotiate(List.of("v3.channel.k8s.io", "v4.channel.k8s.io")))
                .contains("v4.channel.k8s.io");
        assertThat(RemoteCommandChannels.negotiate(List.of("channel.k8s.io"))).isEmpty();
    }

    @Test
    void readsStdinResizeAndTheV5CloseSignal() {
        PodStreams.Input stdin = RemoteCommandChannels.input(ByteString.fromArray(new byte[] {0, 'h', 'i'})).orElseThrow();
        assertThat(stdin.kind()).isEqualTo(PodStreams.InputKind.STDIN);
        assertThat(new String(stdin.data())).isEqualTo("hi");

        PodStreams.Input resize = RemoteCommandChannels.input(
                RemoteCommandChannels.framed(4, ByteString.fromString("{\"Width\":120,\"Height\":40}"))).orElseThrow();
        assertThat(resize.kind()).isEqualTo(PodStreams.InputKind.RESIZE);
        assertThat(resize.width()).isEqualTo(120);
        assertThat(resize.height()).isEqualTo(40);

        PodStreams.Input close = RemoteCommandChannels.input(ByteString.fromArray(new byte[] {(byte) 255, 0}))
                .orElseThrow();
        assertThat(close.kind()).isEqualTo(PodStreams.InputKind.END_OF_STDIN);
    }

    @Test
    void dropsWhatCarriesNothingForTheSession() {
        assertThat(RemoteCommandChannels.input(ByteString.emptyByteString())).isEmpty();
        assertThat(RemoteCommandChannels.input(ByteString.fromArray(new byte[] {0}))).isEmpty();
        assertThat(RemoteCommandChannels.input(RemoteCommandChannels.framed(4, ByteString.fromString("{bad"))))
                .isEmpty();
        assertThat(RemoteCommandChannels.input(ByteString.fromArray(new byte[] {(byte) 255, 1}))).isEmpty();
    }

    @Test
    void framesOutputOnItsChannel() {
        ByteString out = RemoteCommandChannels.message(PodStreams.Output.stdout("x".getBytes()), List.of("ls"));
        assertThat(out.toArray()).containsExactly(1, 'x');
        ByteString err = RemoteCommandChannels.message(PodStreams.Output.stderr("y".getBytes()), List.of("ls"));
        assertThat(err.toArray()).containsExactly(2, 'y');
    }

    @Test
    void aZeroExitIsSuccessOnTheErrorChannel() {
        ByteString end = RemoteCommandChannels.message(PodStreams.Output.exited(0), List.of("true"));
        assertThat(end.apply(0)).isEqualTo((byte) 3);
        assertThat(Json.parse(end.drop(1).utf8String()).path("status").asText()).isEqualTo("Success");
    }

    /** kubectl reads the ExitCode cause and exits with it. */
    @Test
    void aNonZeroExitCarriesTheCodeAsKubectlReadsIt() {
        ByteString end = RemoteCommandChannels.message(PodStreams.Output.exited(3), List.of("sh", "-c", "exit 3"));
        JsonNode status = Json.parse(end.drop(1).utf8String());
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("reason").asText()).isEqualTo("NonZeroExitCode");
        assertThat(status.path("message").asText())
                .isEqualTo("command terminated with non-zero exit code: error executing command [sh -c exit 3], "
                        + "exit code 3");
        assertThat(status.path("details").path("causes").get(0).path("reason").asText()).isEqualTo("ExitCode");
        assertThat(status.path("details").path("causes").get(0).path("message").asText()).isEqualTo("3");
    }

    @Test
    void aBrokenSessionIsAFailureWithItsMessage() {
        ByteString end = RemoteCommandChannels.message(PodStreams.Output.failed("agent gone"), List.of("ls"));
        JsonNode status = Json.parse(end.drop(1).utf8String());
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("message").asText()).isEqualTo("agent gone");
        assertThat(status.path("reason").asText()).isNotEqualTo("NonZeroExitCode");
    }
}

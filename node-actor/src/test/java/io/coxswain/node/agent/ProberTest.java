package io.coxswain.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.coxswain.node.agent.probe.ProbeKind;
import io.coxswain.node.agent.probe.ProbeOutcome;
import io.coxswain.node.agent.probe.ProbeSpec;
import io.coxswain.node.agent.probe.Prober;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerPort;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.node.runtime.simulated.SimulatedRuntimeSettings;
import io.coxswain.protocol.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** httpGet and tcpSocket probes against a real local server, with the kubelet's failure messages. */
class ProberTest {
    private HttpServer server;
    private int port;
    private final SimulatedRuntime runtime = new SimulatedRuntime(SimulatedRuntimeSettings.defaults());
    private final Prober prober = new Prober(runtime);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/healthz", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        runtime.close();
    }

    private ProbeSpec probe(String json) {
        return ProbeSpec.of(Json.parseObject("{\"livenessProbe\":" + json + "}"), ProbeKind.LIVENESS).orElseThrow();
    }

    private ProbeOutcome run(ProbeSpec probe) {
        return prober.run(probe, new ContainerId("c"), "127.0.0.1",
                List.of(new ContainerPort("http", port, 0, "TCP")));
    }

    @Test
    void httpGetPassesOnSuccessAndReportsTheStatusCodeOtherwise() {
        assertThat(run(probe("{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\"}}")).success()).isTrue();
        ProbeOutcome broken = run(probe("{\"httpGet\":{\"path\":\"/broken\",\"port\":" + port + "}}"));
        assertThat(broken.success()).isFalse();
        assertThat(broken.message()).isEqualTo("HTTP probe failed with statuscode: 500");
    }

    @Test
    void tcpSocketPassesWhenAConnectionOpens() throws IOException {
        assertThat(run(probe("{\"tcpSocket\":{\"port\":" + port + "}}")).success()).isTrue();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ProbeOutcome refused = run(probe("{\"tcpSocket\":{\"port\":" + closed + "}}"));
        assertThat(refused.success()).isFalse();
        assertThat(refused.message()).isEqualTo("dial tcp 127.0.0.1:" + closed + ": connect: connection refused");
        ProbeOutcome httpRefused = run(probe("{\"httpGet\":{\"path\":\"/\",\"port\":" + closed + "}}"));
        assertThat(httpRefused.message()).isEqualTo("Get \"http://127.0.0.1:" + closed + "/\": dial tcp 127.0.0.1:"
                + closed + ": connect: connection refused");
    }

    @Test
    void kubernetesDefaultsAreFilledIn() {
        ProbeSpec spec = probe("{\"exec\":{\"command\":[\"true\"]}}");
        assertThat(spec.period().toSeconds()).isEqualTo(10);
        assertThat(spec.timeout().toSeconds()).isEqualTo(1);
        assertThat(spec.failureThreshold()).isEqualTo(3);
        assertThat(spec.successThreshold()).isEqualTo(1);
    }
}

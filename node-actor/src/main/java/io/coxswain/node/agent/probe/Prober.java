package io.coxswain.node.agent.probe;

import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerPort;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerRuntimeException;
import io.coxswain.node.runtime.ExecResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;

/**
 * Runs one probe action against one container, as the kubelet's probers do: exec passes on exit
 * code 0, httpGet on a status from 200 to 399, tcpSocket when a connection opens — each within the
 * probe's timeout. Failure messages are the kubelet's, since they end up in events users read.
 */
public final class Prober {
    private final ContainerRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public Prober(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    public ProbeOutcome run(ProbeSpec probe, ContainerId container, String podIp, List<ContainerPort> ports) {
        try {
            if (probe.action() instanceof ProbeSpec.Exec exec) {
                return exec(exec, probe, container);
            }
            if (probe.action() instanceof ProbeSpec.HttpGet get) {
                return httpGet(get, probe, podIp, ports);
            }
            return tcp((ProbeSpec.TcpSocket) probe.action(), probe, podIp, ports);
        } catch (UnknownPortException e) {
            return ProbeOutcome.failed(e.getMessage());
        }
    }

    private ProbeOutcome exec(ProbeSpec.Exec exec, ProbeSpec probe, ContainerId container) {
        ExecResult result;
        try {
            result = runtime.exec(container, exec.command(), probe.timeout());
        } catch (ContainerRuntimeException e) {
            return ProbeOutcome.failed(e.getMessage());
        }
        if (result.timedOut()) {
            return ProbeOutcome.failed("command " + quoted(exec.command()) + " timed out");
        }
        if (result.exitCode() == 0) {
            return ProbeOutcome.passed();
        }
        String output = (result.stdout() + result.stderr()).strip();
        return ProbeOutcome.failed(output.isEmpty()
                ? "command " + quoted(exec.command()) + " exited with " + result.exitCode() : output);
    }

    private ProbeOutcome httpGet(ProbeSpec.HttpGet get, ProbeSpec probe, String podIp, List<ContainerPort> ports) {
        String host = get.host().isEmpty() ? podIp : get.host();
        int port = port(get.port(), ports);
        String path = get.path().startsWith("/") ? get.path() : "/" + get.path();
        String url = get.scheme().toLowerCase(java.util.Locale.ROOT) + "://" + host + ":" + port + path;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(probe.timeout()).GET()
                    .header("User-Agent", "kube-probe/1.32");
            get.headers().forEach(request::setHeader);
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.failed("invalid probe URL " + url + ": " + e.getMessage());
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 200 && response.statusCode() < 400) {
                return ProbeOutcome.passed();
            }
            return ProbeOutcome.failed("HTTP probe failed with statuscode: " + response.statusCode());
        } catch (HttpTimeoutException e) {
            return ProbeOutcome.failed("Get \"" + url + "\": context deadline exceeded (Client.Timeout exceeded "
                    + "while awaiting headers)");
        } catch (ConnectException e) {
            return ProbeOutcome.failed("Get \"" + url + "\": dial tcp " + host + ":" + port
                    + ": connect: connection refused");
        } catch (IOException e) {
            return ProbeOutcome.failed("Get \"" + url + "\": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeOutcome.failed("probe interrupted");
        }
    }

    private static ProbeOutcome tcp(ProbeSpec.TcpSocket tcp, ProbeSpec probe, String podIp, List<ContainerPort> ports) {
        String host = tcp.host().isEmpty() ? podIp : tcp.host();
        int port = port(tcp.port(), ports);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) probe.timeout().toMillis());
            return ProbeOutcome.passed();
        } catch (SocketTimeoutException e) {
            return ProbeOutcome.failed("dial tcp " + host + ":" + port + ": i/o timeout");
        } catch (ConnectException e) {
            return ProbeOutcome.failed("dial tcp " + host + ":" + port + ": connect: connection refused");
        } catch (IOException e) {
            return ProbeOutcome.failed("dial tcp " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** A port number, or the name of one of the container's ports. */
    static int port(String port, List<ContainerPort> ports) {
        if (port.chars().allMatch(Character::isDigit) && !port.isEmpty()) {
            return Integer.parseInt(port);
        }
        return ports.stream().filter(p -> port.equals(p.name())).mapToInt(ContainerPort::containerPort).findFirst()
                .orElseThrow(() -> new UnknownPortException(port));
    }

    private static String quoted(List<String> command) {
        return "\"" + String.join(" ", command) + "\"";
    }

    private static final class UnknownPortException extends RuntimeException {
        UnknownPortException(String port) {
            super("couldn't find port: " + port + " in the container's ports");
        }
    }
}

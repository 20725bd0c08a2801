package io.coxswain.bench;

import io.coxswain.it.Await;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Docker Swarm on the same engine, the yardstick of {@link ControllersBenchmark}: one service of N replicas, then a
 * rolling update of it, each timed until {@code docker service ls/ps} show it done. Swarm mode is switched on only
 * if it was off (advertised on loopback when the engine takes it, and listening there only: the service publishes
 * no port, nothing leaves the machine), and off again when closed, after the service's containers are gone; an
 * engine already in swarm mode stays so.
 * <p>
 * Images are given by ID, not by tag: for a tag, every task first tries a registry pull (Swarm always does,
 * whatever the engine has), which would reach out of the machine and time a failing pull. {@code --init} and a one
 * second stop grace match Coxswain's docker runtime (docker-init in every container) and the pods'
 * {@code terminationGracePeriodSeconds: 1}.
 */
final class Swarm implements AutoCloseable {
    static final String SERVICE = "coxswain-bench-swarm";
    private static final int WAIT_SECONDS = 600;
    private static final int GONE_SECONDS = 300;

    private final boolean initialized;
    private final boolean hadGatewayBridge;
    private final String address;
    private final Thread leaveOnExit = new Thread(this::leaveQuietly, "bench-swarm-leave");

    private Swarm(boolean initialized, boolean hadGatewayBridge, String address) {
        this.initialized = initialized;
        this.hadGatewayBridge = hadGatewayBridge;
        this.address = address;
    }

    /** Swarm mode on: the engine's as it is, or switched on here (and then off again by {@link #close}). */
    static Swarm start() {
        String state = localNodeState();
        if (state.equals("active")) {
            return new Swarm(false, true, "(already in swarm mode)");
        }
        if (!state.equals("inactive")) {
            throw new IllegalStateException("the engine's swarm state is '" + state + "': left alone");
        }
        boolean gatewayBridge = DockerCli.lines("network", "ls", "--format", "{{.Name}}").contains("docker_gwbridge");
        List<String> refused = new ArrayList<>();
        for (String candidate : addresses()) {
            DockerCli.Result init = DockerCli.run("swarm", "init", "--advertise-addr", candidate,
                    "--listen-addr", candidate + ":2377");
            if (init.exitCode() == 0) {
                Swarm swarm = new Swarm(true, gatewayBridge, candidate);
                Runtime.getRuntime().addShutdownHook(swarm.leaveOnExit);
                return swarm;
            }
            refused.add(candidate + ": " + init.stderr().strip());
            if (!localNodeState().equals("inactive")) {
                DockerCli.run("swarm", "leave", "--force"); // half-initialized: back to where it was
            }
        }
        throw new IllegalStateException("docker swarm init refused every address: " + String.join("; ", refused));
    }

    /** The address Swarm advertises (or a note that it was already on). */
    String address() {
        return address;
    }

    /** Creates the service; the seconds until {@code replicas} tasks are running. */
    double create(int replicas, String imageId) throws InterruptedException {
        long t0 = System.nanoTime();
        DockerCli.ok("service", "create", "--detach", "--no-resolve-image", "--name", SERVICE,
                "--replicas", Integer.toString(replicas), "--init", "--stop-grace-period", "1s",
                imageId, "sleep", "3600");
        String expected = replicas + "/" + replicas;
        Await.Outcome<String> running = Await.poll(() -> DockerCli.ok("service", "ls", "--filter", "name=" + SERVICE,
                "--format", "{{.Replicas}}").strip(), expected::equals, WAIT_SECONDS);
        if (!running.met()) {
            throw new IllegalStateException("Swarm: " + running.describe(expected + " tasks running"));
        }
        return SchedulingBenchmark.seconds(t0, System.nanoTime());
    }

    /**
     * Seconds of a rolling update to {@code imageId}, {@code parallelism} tasks at a time and no delay: until every
     * task meant to run is the new image and Running ({@code converged}), and until Swarm marks the update
     * completed ({@code completed}: after its {@code --update-monitor}, 5 s by default, past the last task).
     */
    Update update(int replicas, String imageId, int parallelism) throws InterruptedException {
        long t0 = System.nanoTime();
        DockerCli.ok("service", "update", "--detach", "--no-resolve-image", "--image", imageId,
                "--update-parallelism", Integer.toString(parallelism), "--update-delay", "0s", SERVICE);
        String hex = imageId.substring(imageId.indexOf(':') + 1);
        Await.Outcome<List<String>> converged = Await.poll(() -> DockerCli.lines("service", "ps", SERVICE,
                "--filter", "desired-state=running", "--no-trunc", "--format", "{{.Image}} {{.CurrentState}}"),
                tasks -> tasks.size() == replicas && tasks.stream()
                        .allMatch(task -> task.contains(hex) && task.contains(" Running")), WAIT_SECONDS);
        if (!converged.met()) {
            throw new IllegalStateException("Swarm: " + converged.describe(replicas + " tasks of the new image running"));
        }
        double convergedSeconds = SchedulingBenchmark.seconds(t0, System.nanoTime());
        Await.Outcome<String> completed = Await.poll(() -> DockerCli.ok("service", "inspect", SERVICE, "--format",
                "{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}").strip(), "completed"::equals, 120);
        return new Update(convergedSeconds,
                completed.met() ? SchedulingBenchmark.seconds(t0, System.nanoTime()) : Double.NaN);
    }

    record Update(double converged, double completed) {}

    /** Removes the service and waits until its containers are gone. */
    void remove() throws InterruptedException {
        if (!DockerCli.lines("service", "ls", "--filter", "name=" + SERVICE, "--format", "{{.Name}}").isEmpty()) {
            DockerCli.ok("service", "rm", SERVICE);
        }
        Await.Outcome<List<String>> gone = Await.poll(() -> DockerCli.lines("ps", "-a", "-q", "--filter",
                "label=com.docker.swarm.service.name=" + SERVICE), List::isEmpty, GONE_SECONDS);
        if (!gone.met()) {
            throw new IllegalStateException("Swarm: " + gone.describe("the service's containers to be gone"));
        }
    }

    /** The service removed (its containers gone); then swarm mode off again if it was switched on here. */
    @Override
    public void close() throws InterruptedException {
        try {
            remove();
        } finally {
            if (initialized) {
                Runtime.getRuntime().removeShutdownHook(leaveOnExit);
                leave();
            }
        }
    }

    private void leave() throws InterruptedException {
        DockerCli.ok("swarm", "leave", "--force");
        Await.until("swarm mode off", () -> localNodeState().equals("inactive"), 60);
        // Swarm makes this bridge for its containers and leaves it behind; it was not there before.
        if (!hadGatewayBridge && DockerCli.lines("network", "ls", "--format", "{{.Name}}").contains("docker_gwbridge")) {
            DockerCli.ok("network", "rm", "docker_gwbridge");
        }
    }

    /** Interrupted (Ctrl-C, kill): the service and swarm mode go all the same, without waiting. */
    private void leaveQuietly() {
        try {
            DockerCli.run("service", "rm", SERVICE);
            DockerCli.run("swarm", "leave", "--force");
        } catch (RuntimeException e) {
            System.err.println("leaving swarm mode failed: " + e);
        }
    }

    private static String localNodeState() {
        return DockerCli.ok("info", "--format", "{{.Swarm.LocalNodeState}}").strip();
    }

    /** Loopback first; then this host's own IPv4 addresses (not Docker's bridges), should the engine refuse it. */
    private static Set<String> addresses() {
        Set<String> addresses = new LinkedHashSet<>(List.of("127.0.0.1"));
        try {
            NetworkInterface.networkInterfaces()
                    .filter(nic -> {
                        try {
                            return nic.isUp() && !nic.isLoopback() && !nic.isVirtual();
                        } catch (SocketException e) {
                            return false;
                        }
                    })
                    .filter(nic -> !nic.getName().startsWith("docker") && !nic.getName().startsWith("br-")
                            && !nic.getName().startsWith("veth"))
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address)
                    .forEach(a -> addresses.add(a.getHostAddress()));
        } catch (SocketException e) {
            // loopback alone, then
        }
        return addresses;
    }
}

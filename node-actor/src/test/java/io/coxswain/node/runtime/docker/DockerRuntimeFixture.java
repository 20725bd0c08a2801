package io.coxswain.node.runtime.docker;

import static org.assertj.core.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.coxswain.node.runtime.Await;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.SandboxHandle;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A docker runtime against the real engine ({@code COXSWAIN_DOCKER_HOST}, default the local socket), as a node of its
 * own: a fresh node name per test, so its containers are found — and removed afterwards — by that label alone,
 * whatever else the engine runs. {@code bin/coxswain test} starts an engine and builds the busybox image first; these
 * tests fail (they do not skip) when either is missing.
 */
abstract class DockerRuntimeFixture {
    static final Duration AWAIT = Duration.ofSeconds(20);
    static final String IMAGE = System.getenv().getOrDefault("COXSWAIN_BUSYBOX_IMAGE",
            DockerRuntimeSettings.DEFAULT_SANDBOX_IMAGE);
    static final String HOST = System.getenv().getOrDefault("COXSWAIN_DOCKER_HOST", DockerRuntimeSettings.DEFAULT_HOST);

    static DockerClient engine;

    @TempDir
    Path root;
    final String node = "it-" + UUID.randomUUID().toString().substring(0, 8);
    final PodRef pod = new PodRef(UUID.randomUUID().toString(), "default", "web");
    DockerRuntime runtime;
    SandboxHandle sandbox;
    private final List<DockerRuntime> runtimes = new ArrayList<>();

    @BeforeAll
    static void requireEngine() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(HOST).build();
        engine = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(HOST)).connectionTimeout(Duration.ofSeconds(5)).build());
        try {
            engine.pingCmd().exec();
        } catch (RuntimeException e) {
            fail("no Docker engine answers at " + HOST + " (" + e.getMessage() + "): the docker runtime's tests need "
                    + "one; bin/coxswain test starts it (or run dockerd yourself)");
        }
        try {
            engine.inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            fail("the engine has no image " + IMAGE + ": build it with bin/coxswain images");
        }
    }

    @AfterAll
    static void closeEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void startRuntime() {
        runtime = newRuntime();
        sandbox = runtime.createSandbox(PodSandboxSpec.of(pod, "data"));
    }

    /** Every container of this test's node goes, found by its node label (never by a broad pattern). */
    @AfterEach
    void removeEverything() {
        runtimes.forEach(DockerRuntime::close);
        for (Container container : containersOfThisNode()) {
            try {
                engine.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // gone already
            }
        }
    }

    List<Container> containersOfThisNode() {
        return engine.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerLabels.NODE, node)).exec();
    }

    /** Another runtime instance for the same node, as an agent restarted on the same node would make. */
    DockerRuntime newRuntime() {
        DockerRuntime created = new DockerRuntime(DockerRuntimeSettings.defaults(node, root).withHost(HOST));
        runtimes.add(created);
        return created;
    }

    ContainerSpec spec(String name, String... command) {
        return ContainerSpec.of(name, IMAGE, command);
    }

    ContainerId start(String name, String... command) {
        return runtime.startContainer(sandbox, spec(name, command), 0).id();
    }

    /** Starts {@code sh -c script} as container "app", attempt 0. */
    ContainerId startShell(String script) {
        return start("app", "sh", "-c", script);
    }

    ContainerStatus awaitState(DockerRuntime on, ContainerId id, ContainerState state) {
        return Await.until(AWAIT, () -> on.inspect(id), status -> status.state() == state);
    }

    ContainerStatus awaitState(ContainerId id, ContainerState state) {
        return awaitState(runtime, id, state);
    }

    String awaitLogContaining(ContainerId id, String text) {
        return Await.until(AWAIT, () -> runtime.logs(id, LogOptions.all()).text(), log -> log.contains(text));
    }

    InspectContainerResponse engineView(ContainerId id) {
        return engine.inspectContainerCmd(id.value()).exec();
    }
}

package io.coxswain.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.runtime.Await;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ExecResult;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.SandboxHandle;
import io.coxswain.node.runtime.VolumeMount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the containers of one pod share: the pod IP and localhost, emptyDirs, and (when asked) their processes. */
class DockerRuntimePodIT extends DockerRuntimeFixture {
    private static final String SERVE = "mkdir -p /www && echo pong > /www/index.html && exec httpd -f -p 8080 -h /www";
    private static final List<String> GET_LOCALHOST =
            List.of("sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc 127.0.0.1 8080");

    @Test
    void containersOfAPodReachEachOtherOnLocalhostAndThePodAnswersAtItsIp() throws Exception {
        start("web", "sh", "-c", SERVE);
        ContainerId client = start("client", "sleep", "60");

        ExecResult answer = Await.until(AWAIT, () -> runtime.exec(client, GET_LOCALHOST, Duration.ofSeconds(5)),
                result -> result.stdout().contains("pong"));
        assertThat(answer.stdout()).startsWith("HTTP/1.");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://" + sandbox.podIp() + ":8080/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong\n");
    }

    @Test
    void anEmptyDirIsSharedBetweenTheContainersOfAPodAndReadOnlyMountsAreHonoured() {
        VolumeMount data = new VolumeMount("data", sandbox.emptyDirs().get("data"), "/data", false);
        VolumeMount readOnly = new VolumeMount("data", sandbox.emptyDirs().get("data"), "/data", true);
        ContainerId writer = runtime.startContainer(sandbox,
                spec("writer", "sh", "-c", "echo shared > /data/file; sleep 60").withVolumeMounts(data), 0).id();
        ContainerId reader = runtime.startContainer(sandbox,
                spec("reader", "sleep", "60").withVolumeMounts(readOnly), 0).id();

        ExecResult read = Await.until(AWAIT, () -> runtime.exec(reader, List.of("cat", "/data/file"),
                Duration.ofSeconds(5)), ExecResult::succeeded);
        assertThat(read.stdout()).isEqualTo("shared\n");
        assertThat(sandbox.emptyDirs().get("data").resolve("file")).hasContent("shared");

        ExecResult write = runtime.exec(reader, List.of("sh", "-c", "echo no > /data/other"), Duration.ofSeconds(5));
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.stderr()).containsIgnoringCase("read-only");
        assertThat(runtime.exec(writer, List.of("ls", "/data"), Duration.ofSeconds(5)).stdout()).isEqualTo("file\n");
    }

    @Test
    void withShareProcessNamespaceTheContainersSeeEachOthersProcesses() {
        PodRef shared = new PodRef(UUID.randomUUID().toString(), "default", "shared");
        SandboxHandle sharing = runtime.createSandbox(PodSandboxSpec.of(shared).sharingProcessNamespace());
        runtime.startContainer(sharing, spec("sleeper", "sleep", "1001"), 0);
        ContainerId looker = runtime.startContainer(sharing, spec("looker", "sleep", "60"), 0).id();

        String processes = Await.until(AWAIT, () -> runtime.exec(looker, List.of("ps"), Duration.ofSeconds(5)).stdout(),
                ps -> ps.contains("sleep 1001"));
        assertThat(processes).contains("sleep 60");
    }

    @Test
    void withoutShareProcessNamespaceEachContainerSeesOnlyItsOwnProcesses() {
        ContainerId sleeper = start("sleeper", "sleep", "1001");
        ContainerId looker = start("looker", "sleep", "60");
        awaitState(sleeper, ContainerState.RUNNING);

        String processes = runtime.exec(looker, List.of("ps"), Duration.ofSeconds(5)).stdout();

        assertThat(processes).contains("sleep 60").doesNotContain("sleep 1001");
    }

    @Test
    void aPodHasItsOwnHostnameAndTheSandboxesOfTwoPodsHaveTheirOwnAddresses() {
        PodRef other = new PodRef(UUID.randomUUID().toString(), "default", "other");
        SandboxHandle otherSandbox = runtime.createSandbox(PodSandboxSpec.of(other));
        ContainerId id = start("app", "sleep", "60");

        assertThat(runtime.exec(id, List.of("hostname"), Duration.ofSeconds(5)).stdout()).isEqualTo("web\n");
        assertThat(otherSandbox.podIp()).isNotEqualTo(sandbox.podIp());
        assertThat(runtime.listSandboxes()).extracting(SandboxHandle::pod).containsExactlyInAnyOrder(pod, other);
    }
}

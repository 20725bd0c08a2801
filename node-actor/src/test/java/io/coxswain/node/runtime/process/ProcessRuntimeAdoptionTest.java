package io.coxswain.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.runtime.Await;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.protocol.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An agent restarts: a new runtime instance on the same root finds what the old one started. */
class ProcessRuntimeAdoptionTest extends ProcessRuntimeFixture {

    @Test
    void aNewInstanceListsARunningContainerAndCanStopIt() {
        ContainerId id = startShell("echo hi; sleep 30");
        awaitState(id, ContainerState.RUNNING);
        runtime.close();

        ProcessRuntime restarted = newRuntime();
        List<ContainerStatus> found = restarted.list();

        assertThat(found).singleElement().satisfies(status -> {
            assertThat(status.id()).isEqualTo(id);
            assertThat(status.state()).isEqualTo(ContainerState.RUNNING);
            assertThat(status.pod()).isEqualTo(POD);
            assertThat(status.containerName()).isEqualTo("app");
            assertThat(status.attempt()).isZero();
        });
        assertThat(restarted.listSandboxes()).singleElement().satisfies(s -> assertThat(s.pod()).isEqualTo(POD));
        assertThat(logOnceItHas(restarted, id, "hi")).contains("hi");

        ProcessGroup group = ProcessReaper.groupOf(root, id);
        restarted.stop(id, Duration.ofSeconds(5));

        assertThat(group.members()).isEmpty();
        ContainerStatus stopped = restarted.inspect(id);
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.exitCode()).isEqualTo(143);
    }

    @Test
    void aNewInstanceLearnsTheExitCodeOfAContainerThatEndedMeanwhile() {
        ContainerId id = startShell("sleep 0.3; exit 4");
        runtime.close();

        ProcessRuntime restarted = newRuntime();
        ContainerStatus status = awaitState(restarted, id, ContainerState.EXITED);

        assertThat(status.exitCode()).isEqualTo(4);
        assertThat(status.reason()).isEqualTo("Error");
        assertThat(status.finishedAt()).isAfter(status.startedAt());
    }

    @Test
    void aProcessThatMerelyHasTheSamePidIsNotMistakenForTheContainer() throws Exception {
        ContainerId id = start("app", "sleep", "30");
        awaitState(id, ContainerState.RUNNING);
        ProcessGroup real = ProcessReaper.groupOf(root, id);
        runtime.close();
        try {
            // as if the container died and the kernel gave its pid to an unrelated process
            Path record = root.resolve("pods").resolve(POD.uid()).resolve("runtime/app-0/container.json");
            ObjectNode json = (ObjectNode) Json.parse(Files.readAllBytes(record));
            json.put("startTicks", json.get("startTicks").asLong() - 1);
            Files.write(record, Json.writeBytes(json));

            ContainerStatus status = newRuntime().inspect(id);

            assertThat(status.state()).isEqualTo(ContainerState.EXITED);
            assertThat(status.exitCode()).isEqualTo(137);
            assertThat(status.reason()).isEqualTo("ContainerStatusUnknown");
            assertThat(real.members()).as("the unrelated process is left alone").isNotEmpty();
        } finally {
            real.signal("KILL");
        }
    }

    private static String logOnceItHas(ProcessRuntime on, ContainerId id, String text) {
        return Await.until(AWAIT, () -> on.logs(id, LogOptions.all()).text(), log -> log.contains(text));
    }
}

package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who stops a dockerd that bin/coxswain started (bin/lib/docker.sh): the last of its users — `up`
 * homes and `test` runs — and nobody stops an engine it did not start. The functions run in bash
 * as bin/coxswain runs them, with a state directory of the test's own, a stand-in {@code dockerd}
 * (a {@code sleep} on the PATH) and the host clean-up replaced by a note: the machine's real
 * engine, iptables and docker0 are never touched.
 */
class DockerEngineSharingTest {
    @TempDir
    Path dir;
    private Path state;
    private Process otherTestRun;

    @BeforeEach
    void fakes() throws IOException {
        state = dir.resolve("state");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("iptables", "ip")) {
            script(bin.resolve(tool), "#!/bin/sh\nexit 0\n");
        }
        // Answers (its PID is alive) until stopped: what dockerd is to these functions.
        script(bin.resolve("dockerd"), "#!/bin/sh\nexec sleep 600\n");
        otherTestRun = new ProcessBuilder("sleep", "600").start();
    }

    @AfterEach
    void stopFakes() {
        otherTestRun.destroy();
        // A stand-in dockerd a failed test left running: ours, found by its recorded PID.
        run("docker_engine_stop >/dev/null 2>&1 || true");
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        file.toFile().setExecutable(true);
    }

    /** Runs bash lines after sourcing the helpers as bin/coxswain does, with the fakes in place. */
    private LocalCluster.Result run(String lines) {
        Path root = Path.of(System.getProperty("coxswain.root", "..")).toAbsolutePath().normalize();
        String prelude = """
                set -euo pipefail
                REPO_ROOT=%1$s
                COXSWAIN_HOME=%2$s/none
                source "$REPO_ROOT/bin/lib/common.sh"
                source "$REPO_ROOT/bin/lib/docker.sh"
                # The engine answers while a dockerd runs: the stand-in's PID, or one "already there".
                docker_engine_answers() {
                  [[ -f %2$s/foreign-engine ]] && return 0
                  [[ -f $DOCKERD_PID_FILE ]] && kill -0 "$(cat "$DOCKERD_PID_FILE")" 2>/dev/null
                }
                docker_install() { :; }
                docker_host_cleanup() { echo "host cleaned" >>%2$s/notes; }
                home() { COXSWAIN_HOME=%2$s/$1; mkdir -p "$COXSWAIN_HOME"; }
                engine_alive() { [[ -f $DOCKERD_PID_FILE ]] && kill -0 "$(cat "$DOCKERD_PID_FILE")" 2>/dev/null; }
                """.formatted(root, dir);
        return LocalCluster.Processes.run(List.of("bash", "-c", prelude + lines),
                Map.of("COXSWAIN_DOCKER_STATE", state.toString(),
                        "PATH", dir.resolve("bin") + ":" + System.getenv("PATH")), 60);
    }

    @Test
    void anEngineUpStartedRunsUntilItsLastUserLeaves() {
        LocalCluster.Result result = run("""
                home a; docker_engine_start "$(docker_home_user)"; echo "started=$DOCKERD_STARTED"
                DOCKERD_STARTED=0  # each bin/coxswain is a process of its own
                home b; docker_engine_start "$(docker_home_user)"; echo "b started=$DOCKERD_STARTED"
                docker_engine_start "test-%d"
                home a; docker_engine_release "$(docker_home_user)"; engine_alive && echo "alive after a"
                home b; docker_engine_release "$(docker_home_user)"; engine_alive && echo "alive after b"
                containers_gone() { echo "containers removed" >>%s/notes; }
                docker_engine_release "test-%d" containers_gone; engine_alive || echo "stopped after the test run"
                [[ -d $DOCKER_USERS_DIR ]] || echo "no users left"
                cat %s/notes
                """.formatted(otherTestRun.pid(), dir, otherTestRun.pid(), dir));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("started=1", "b started=0", "alive after a", "alive after b")
                .containsPattern("keeps running for the cluster in .*/b, a test run \\(pid \\d+\\)")
                .contains("stopped after the test run", "no users left")
                .contains("containers removed\nhost cleaned\n");
    }

    @Test
    void anEngineThatWasAlreadyRunningIsNeverStopped() {
        // As on this machine: a dockerd answers whose PID an earlier coxswain recorded, with no users kept.
        LocalCluster.Result result = run("""
                touch %1$s/foreign-engine
                mkdir -p "$DOCKER_STATE_DIR"; echo %2$d >"$DOCKERD_PID_FILE"
                home a; docker_engine_start "$(docker_home_user)"; echo "started=$DOCKERD_STARTED"
                docker_engine_release "$(docker_home_user)"
                docker_engine_release "test-1"
                kill -0 %2$d && echo "still running"
                [[ -e %1$s/notes ]] || echo "host untouched"
                """.formatted(dir, otherTestRun.pid()));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("an engine answers", "started=0", "still running", "host untouched");
        assertThat(otherTestRun.isAlive()).isTrue();
    }

    @Test
    void usersThatWentAwayWithoutLeavingDoNotKeepItForever() {
        LocalCluster.Result result = run("""
                home a; docker_engine_start "$(docker_home_user)"
                echo 999999999 >"$DOCKER_USERS_DIR/test-999999999"
                home gone; docker_engine_start "$(docker_home_user)"; rm -rf "$COXSWAIN_HOME"
                home a; docker_engine_release "$(docker_home_user)"; engine_alive || echo "stopped"
                """);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("stopped");
    }

    @Test
    void aHomeWhoseMembersAllDiedWithoutDownNoLongerKeepsIt() {
        // A cluster killed with its machine session: its home and pid files stay, its processes do not.
        LocalCluster.Result result = run("""
                home a; docker_engine_start "$(docker_home_user)"
                home crashed; docker_engine_start "$(docker_home_user)"
                mkdir -p "$COXSWAIN_HOME/pids"; echo 999999999 >"$COXSWAIN_HOME/pids/master-1.pid"
                touch -d '-11 minutes' "$DOCKER_USERS_DIR/$(docker_home_user)"
                home running; docker_engine_start "$(docker_home_user)"
                mkdir -p "$COXSWAIN_HOME/pids"; echo %d >"$COXSWAIN_HOME/pids/master-1.pid"
                touch -d '-11 minutes' "$DOCKER_USERS_DIR/$(docker_home_user)"
                home a; docker_engine_release "$(docker_home_user)"; engine_alive && echo "alive for running"
                home running; docker_engine_release "$(docker_home_user)"; engine_alive || echo "stopped"
                """.formatted(otherTestRun.pid()));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).containsPattern("keeps running for the cluster in .*/running\\n")
                .doesNotContain("/crashed").contains("alive for running", "stopped");
    }
}

package io.coxswain.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import io.coxswain.node.runtime.PodRef;
import org.junit.jupiter.api.Test;

class DockerRuntimeNamesTest {

    @Test
    void theEnginesMessageIsTakenOutOfDockerJavasText() {
        var e = new InternalServerErrorException("Status 500: {\"message\":\"OCI runtime create failed: exec: "
                + "\\\"nope\\\": executable file not found in $PATH: unknown\"}\n");

        assertThat(DockerRuntime.engineMessage(e))
                .isEqualTo("OCI runtime create failed: exec: \"nope\": executable file not found in $PATH: unknown");
    }

    @Test
    void aPodsHostnameIsItsNameCutToADnsLabel() {
        assertThat(DockerRuntime.hostname("web")).isEqualTo("web");
        assertThat(DockerRuntime.hostname("a".repeat(62) + "-b")).isEqualTo("a".repeat(62));
    }

    @Test
    void containerNamesAreUniquePerPodContainerAndAttempt() {
        PodRef pod = new PodRef("0b1c2d3e-0000-4000-8000-000000000001", "shop", "web");

        assertThat(DockerLabels.containerName(pod, "app", 2))
                .isEqualTo("coxswain_app_web_shop_0b1c2d3e-0000-4000-8000-000000000001_2");
        assertThat(DockerLabels.sandboxName(pod)).isEqualTo("coxswain_POD_web_shop_0b1c2d3e-0000-4000-8000-000000000001");
    }
}

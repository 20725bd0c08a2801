package io.coxswain.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.json.Json;
import org.junit.jupiter.api.Test;

/** What {@code kubectl logs} prints for a container with no log yet: the kubelet's own sentences. */
class ContainerNotStartedTest {

    private static String message(String pod, String container) {
        return ContainerNotStarted.message(Json.parseObject(pod), container, false);
    }

    @Test
    void aPodTheAgentHasNotReportedOnYetIsContainerCreating() {
        assertThat(message("""
                {"metadata":{"name":"hello"},"spec":{"nodeName":"worker-1","containers":[{"name":"hello"}]}}""",
                "hello"))
                .isEqualTo("container \"hello\" in pod \"hello\" is waiting to start: ContainerCreating");
    }

    @Test
    void anAppContainerBehindInitContainersIsPodInitializing() {
        String pod = """
                {"metadata":{"name":"web"},"spec":{"initContainers":[{"name":"setup"}],
                 "containers":[{"name":"app"}]}}""";
        assertThat(message(pod, "app"))
                .isEqualTo("container \"app\" in pod \"web\" is waiting to start: PodInitializing");
        assertThat(message(pod, "setup"))
                .isEqualTo("container \"setup\" in pod \"web\" is waiting to start: ContainerCreating");
    }

    @Test
    void theWaitingReasonOfTheStatusIsGiven() {
        assertThat(message("""
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]},
                 "status":{"containerStatuses":[{"name":"c","state":{"waiting":{"reason":"CreateContainerConfigError",
                   "message":"configmap \\"x\\" not found"}}}]}}""", "c"))
                .isEqualTo("container \"c\" in pod \"p\" is waiting to start: CreateContainerConfigError");
    }

    @Test
    void imagePullFailuresAreSpelledOutAsTheKubeletDoes() {
        String pod = """
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]},
                 "status":{"containerStatuses":[{"name":"c","state":{"waiting":{"reason":"%s"}}}]}}""";
        assertThat(message(pod.formatted("ErrImagePull"), "c"))
                .isEqualTo("container \"c\" in pod \"p\" is waiting to start: image can't be pulled");
        assertThat(message(pod.formatted("ImagePullBackOff"), "c"))
                .isEqualTo("container \"c\" in pod \"p\" is waiting to start: trying and failing to pull image");
    }

    @Test
    void initContainerStatusesCountToo() {
        assertThat(message("""
                {"metadata":{"name":"p"},"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"c"}]},
                 "status":{"initContainerStatuses":[{"name":"i","state":{"waiting":{"reason":"ErrImagePull"}}}]}}""",
                "i")).isEqualTo("container \"i\" in pod \"p\" is waiting to start: image can't be pulled");
    }

    @Test
    void aPreviousAttemptThatNeverWasIsNotFound() {
        assertThat(ContainerNotStarted.message(Json.parseObject("""
                {"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]}}"""), "c", true))
                .isEqualTo("previous terminated container \"c\" in pod \"p\" not found");
    }
}

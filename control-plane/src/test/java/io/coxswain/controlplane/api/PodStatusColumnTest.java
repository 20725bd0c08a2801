package io.coxswain.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.json.Json;
import org.junit.jupiter.api.Test;

/** The STATUS column of {@code kubectl get pods}, computed as kubectl's own printer does. */
class PodStatusColumnTest {

    private static String status(String pod) {
        return TableView.podStatus(Json.parseObject(pod));
    }

    @Test
    void initContainersStillRunningShowHowManyAreDone() {
        assertThat(status("""
                {"spec":{"initContainers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Pending",
                   "initContainerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                                            {"name":"b","state":{"running":{}}}],
                   "containerStatuses":[{"name":"app","state":{"waiting":{"reason":"PodInitializing"}}}]}}"""))
                .isEqualTo("Init:1/2");
    }

    @Test
    void aFailedInitContainerShowsItsReason() {
        assertThat(status("""
                {"spec":{"initContainers":[{"name":"a"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Pending",
                   "initContainerStatuses":[{"name":"a","state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}"""))
                .isEqualTo("Init:CrashLoopBackOff");
        assertThat(status("""
                {"spec":{"initContainers":[{"name":"a"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Failed",
                   "initContainerStatuses":[{"name":"a","state":{"terminated":{"exitCode":3,"reason":"Error"}}}]}}"""))
                .isEqualTo("Init:Error");
    }

    @Test
    void onceInitializedTheAppContainersDecide() {
        assertThat(status("""
                {"spec":{"initContainers":[{"name":"a"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Running",
                   "initContainerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
                   "containerStatuses":[{"name":"app","state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}"""))
                .isEqualTo("CrashLoopBackOff");
    }
}

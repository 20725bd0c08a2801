package io.coxswain.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.agent.events.PodEvents;
import io.coxswain.node.agent.probe.ProbeManager;
import io.coxswain.node.agent.probe.Prober;
import io.coxswain.node.agent.volume.PodVolumes;
import io.coxswain.node.runtime.Await;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.process.ProcessRuntime;
import io.coxswain.node.runtime.process.ProcessRuntimeSettings;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync loop against the real process runtime: what a pod's spec asks for (env from ConfigMaps
 * and Secrets, volumes, init containers, probes) is what its containers get, and what goes wrong is
 * reported with the kubelet's reasons and events.
 */
class PodSyncTest {
    private static final Duration AWAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;
    private ProcessRuntime runtime;
    private ScheduledExecutorService probeThreads;
    private PodSync sync;
    private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() {
        ProcessRuntimeSettings defaults = ProcessRuntimeSettings.defaults(root.resolve("process"));
        runtime = new ProcessRuntime(defaults);
        probeThreads = Executors.newScheduledThreadPool(2);
        PodEvents recorder = (pod, type, reason, message) -> events.add(type + " " + reason + " " + message);
        ApiObjects lookup = (ResourceType type, String namespace, String name) ->
                Optional.ofNullable(objects.get(type.kind() + "/" + namespace + "/" + name)).map(ObjectNode::deepCopy);
        sync = new PodSync(runtime, Clock.systemUTC(), new NodeFacts("127.0.0.1", 2000, 4L << 30), lookup,
                new PodVolumes(root.resolve("volumes"), lookup),
                new ProbeManager(new Prober(runtime), probeThreads, Clock.systemUTC(), recorder), recorder, probeThreads);
    }

    @AfterEach
    void tearDown() {
        sync.sync(List.of()); // no pod wanted: everything stopped and removed
        probeThreads.shutdownNow();
        runtime.close();
    }

    @Test
    void environmentComesFromConfigMapsSecretsAndThePodItself() {
        put("ConfigMap", "{\"data\":{\"greeting\":\"hello\",\"color\":\"blue\"}}", "app-config");
        put("Secret", "{\"data\":{\"password\":\"" + base64("s3cret") + "\"}}", "app-secret");
        ObjectNode pod = pod("env", """
                {"containers":[{"name":"app","image":"coxswain/busybox:1",
                  "command":["sh","-c","echo $GREETING $PASSWORD $CFG_color $POD_NAME $NODE $MESSAGE; sleep 60"],
                  "envFrom":[{"configMapRef":{"name":"app-config"},"prefix":"CFG_"}],
                  "env":[{"name":"GREETING","valueFrom":{"configMapKeyRef":{"name":"app-config","key":"greeting"}}},
                         {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"app-secret","key":"password"}}},
                         {"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
                         {"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},
                         {"name":"MESSAGE","value":"$(GREETING)-world"}]}]}""");

        JsonNode status = syncUntil(pod, s -> s.path("phase").asText().equals("Running"));

        assertThat(awaitLog(pod, "app", "hello")).contains("hello s3cret blue env node-1 hello-world");
        assertThat(status.path("containerStatuses").get(0).path("ready").asBoolean()).isTrue();
        assertThat(events).anyMatch(e -> e.startsWith("Normal Started Started container app"));
    }

    @Test
    void theProcessRuntimeSaysItRanTheHostsCommandAndNoImage() {
        ObjectNode pod = pod("no-image", """
                {"containers":[{"name":"app","image":"coxswain/busybox:1","command":["sleep","60"]}]}""");

        syncUntil(pod, s -> s.path("phase").asText().equals("Running"));

        assertThat(events).anyMatch(e -> e.matches("Normal Resolved Image \"coxswain/busybox:1\" is not used by the "
                + "process runtime: command \"sleep\" resolved on the host as /.*/sleep"));
        assertThat(events).noneMatch(e -> e.contains("Pulled") || e.contains("already present"));
    }

    @Test
    void whatThisAgentCannotDoIsAWarningEventOnceAndTheRestRuns() {
        ObjectNode pod = pod("unsupported", """
                {"containers":[{"name":"app","image":"coxswain/busybox:1","command":["sleep","60"],
                  "readinessProbe":{"grpc":{"port":9090}},"startupProbe":{"grpc":{"port":9090}}}],
                 "volumes":[{"name":"token","projected":{"sources":[{"serviceAccountToken":{"path":"token"}}]}}]}""");

        // The gRPC probes count as none: started and ready once it runs.
        syncUntil(pod, s -> condition(s, "Ready").equals("True"));
        statusOf(pod);

        assertThat(events.stream().filter(e -> e.startsWith("Warning NotSupported "))).containsExactlyInAnyOrder(
                "Warning NotSupported spec.containers[0].readinessProbe.grpc: gRPC probes are not supported by this "
                        + "cluster's node agents; the probe is ignored",
                "Warning NotSupported spec.containers[0].startupProbe.grpc: gRPC probes are not supported by this "
                        + "cluster's node agents; the probe is ignored",
                "Warning NotSupported spec.volumes[0].projected.sources[0].serviceAccountToken: service account "
                        + "tokens are not supported by this cluster; no token file is written");
    }

    @Test
    void aMissingConfigMapHoldsTheContainerUntilItExists() {
        ObjectNode pod = pod("waits", """
                {"containers":[{"name":"app","image":"coxswain/busybox:1","command":["sh","-c","echo $V; sleep 60"],
                  "env":[{"name":"V","valueFrom":{"configMapKeyRef":{"name":"late","key":"v"}}}]}]}""");

        JsonNode waiting = statusOf(pod).path("containerStatuses").get(0).path("state").path("waiting");
        assertThat(waiting.path("reason").asText()).isEqualTo("CreateContainerConfigError");
        assertThat(waiting.path("message").asText()).isEqualTo("configmap \"late\" not found");
        assertThat(events).contains("Warning Failed Error: configmap \"late\" not found");

        put("ConfigMap", "{\"data\":{\"v\":\"arrived\"}}", "late");
        syncUntil(pod, s -> s.path("phase").asText().equals("Running"));
        assertThat(awaitLog(pod, "app", "arrived")).contains("arrived");
    }

    @Test
    void aPodGoneWithoutItsDeletionSeenLeavesNoSandboxEvenWhenItNeverHadAContainer() {
        ObjectNode pod = pod("vanished", """
                {"containers":[{"name":"app","image":"coxswain/busybox:1","command":["sleep","60"],
                  "env":[{"name":"V","valueFrom":{"configMapKeyRef":{"name":"never","key":"v"}}}]}]}""");
        assertThat(statusOf(pod).path("containerStatuses").get(0).path("state").path("waiting").path("reason")
                .asText()).isEqualTo("CreateContainerConfigError");
        assertThat(runtime.sandboxPodUids()).containsExactly(Json.text(pod, "metadata.uid"));

        sync.sync(List.of()); // deleted at once by the API server: the agent never saw a deletionTimestamp

        assertThat(runtime.sandboxPodUids()).isEmpty();
        assertThat(runtime.listSandboxes()).isEmpty();
    }

    @Test
    void configMapAndSecretVolumesAreFilesTheContainerReads() {
        put("ConfigMap", "{\"data\":{\"app.properties\":\"mode=fast\"}}", "files");
        put("Secret", "{\"data\":{\"token\":\"" + base64("t0ken") + "\"}}", "creds");
        ObjectNode pod = pod("vols", """
                {"volumes":[{"name":"config","configMap":{"name":"files"}},
                            {"name":"creds","secret":{"secretName":"creds","items":[{"key":"token","path":"auth/token"}]}}],
                 "containers":[{"name":"app","image":"coxswain/busybox:1",
                  "command":["sh","-c","cat $COXSWAIN_VOLUME_CONFIG/app.properties; echo; cat $COXSWAIN_VOLUME_CREDS/auth/token; echo; sleep 60"],
                  "volumeMounts":[{"name":"config","mountPath":"/etc/app"},{"name":"creds","mountPath":"/var/creds"}]}]}""");

        syncUntil(pod, s -> s.path("phase").asText().equals("Running"));

        assertThat(awaitLog(pod, "app", "t0ken")).contains("mode=fast").contains("t0ken");
    }

    @Test
    void aVolumeNamingAMissingSecretIsReportedAsFailedMount() {
        ObjectNode pod = pod("nomount", """
                {"volumes":[{"name":"creds","secret":{"secretName":"absent"}}],
                 "containers":[{"name":"app","image":"coxswain/busybox:1","command":["sleep","60"]}]}""");

        JsonNode status = statusOf(pod);

        assertThat(status.path("phase").asText()).isEqualTo("Pending");
        assertThat(status.path("containerStatuses").get(0).path("state").path("waiting").path("reason").asText())
                .isEqualTo("ContainerCreating");
        assertThat(events).contains(
                "Warning FailedMount MountVolume.SetUp failed for volume \"creds\" : secret \"absent\" not found");
    }

    @Test
    void initContainersRunInOrderBeforeTheAppContainers() {
        ObjectNode pod = pod("init", """
                {"volumes":[{"name":"work","emptyDir":{}}],
                 "initContainers":[
                   {"name":"first","image":"coxswain/busybox:1","command":["sh","-c","sleep 1; echo one > $COXSWAIN_VOLUME_WORK/order"],
                    "volumeMounts":[{"name":"work","mountPath":"/work"}]},
                   {"name":"second","image":"coxswain/busybox:1","command":["sh","-c","echo two >> $COXSWAIN_VOLUME_WORK/order"],
                    "volumeMounts":[{"name":"work","mountPath":"/work"}]}],
                 "containers":[{"name":"app","image":"coxswain/busybox:1","command":["sh","-c","cat $COXSWAIN_VOLUME_WORK/order; sleep 60"],
                    "volumeMounts":[{"name":"work","mountPath":"/work"}]}]}""");

        JsonNode initializing = statusOf(pod);
        assertThat(initializing.path("phase").asText()).isEqualTo("Pending");
        assertThat(condition(initializing, "Initialized")).isEqualTo("False");
        assertThat(initializing.path("initContainerStatuses").get(1).path("state").path("waiting").path("reason")
                .asText()).isEqualTo("PodInitializing");
        assertThat(initializing.path("containerStatuses").get(0).path("state").path("waiting").path("reason").asText())
                .isEqualTo("PodInitializing");

        JsonNode running = syncUntil(pod, s -> s.path("phase").asText().equals("Running"));
        assertThat(condition(running, "Initialized")).isEqualTo("True");
        assertThat(running.path("initContainerStatuses").get(0).path("state").path("terminated").path("reason")
                .asText()).isEqualTo("Completed");
        assertThat(awaitLog(pod, "app", "two")).contains("one\ntwo");
    }

    @Test
    void aFailingInitContainerFailsAPodThatNeverRestarts() {
        ObjectNode pod = pod("initfail", """
                {"restartPolicy":"Never",
                 "initContainers":[{"name":"setup","image":"coxswain/busybox:1","command":["sh","-c","exit 3"]}],
                 "containers":[{"name":"app","image":"coxswain/busybox:1","command":["sleep","60"]}]}""");

        JsonNode status = syncUntil(pod, s -> s.path("phase").asText().equals("Failed"));

        assertThat(status.path("initContainerStatuses").get(0).path("state").path("terminated").path("exitCode")
                .asInt()).isEqualTo(3);
        assertThat(runtime.list()).noneMatch(c -> c.containerName().equals("app"));
    }

    @Test
    void readinessFollowsTheReadinessProbe() {
        ObjectNode pod = pod("ready", """
                {"volumes":[{"name":"flag","emptyDir":{}}],
                 "containers":[{"name":"app","image":"coxswain/busybox:1",
                  "command":["sh","-c","sleep 2; touch $COXSWAIN_VOLUME_FLAG/ready; sleep 60"],
                  "volumeMounts":[{"name":"flag","mountPath":"/flag"}],
                  "readinessProbe":{"exec":{"command":["sh","-c","test -f $COXSWAIN_VOLUME_FLAG/ready"]},
                                    "periodSeconds":1,"failureThreshold":1}}]}""");

        JsonNode notReady = syncUntil(pod, s -> s.path("phase").asText().equals("Running"));
        assertThat(notReady.path("containerStatuses").get(0).path("ready").asBoolean()).isFalse();
        assertThat(condition(notReady, "Ready")).isEqualTo("False");

        JsonNode ready = syncUntil(pod, s -> condition(s, "Ready").equals("True"));
        assertThat(ready.path("containerStatuses").get(0).path("ready").asBoolean()).isTrue();
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainer() {
        ObjectNode pod = pod("alive", """
                {"terminationGracePeriodSeconds":1,
                 "volumes":[{"name":"flag","emptyDir":{}}],
                 "containers":[{"name":"app","image":"coxswain/busybox:1",
                  "command":["sh","-c","touch $COXSWAIN_VOLUME_FLAG/alive; sleep 2; rm $COXSWAIN_VOLUME_FLAG/alive; sleep 60"],
                  "volumeMounts":[{"name":"flag","mountPath":"/flag"}],
                  "livenessProbe":{"exec":{"command":["sh","-c","test -f $COXSWAIN_VOLUME_FLAG/alive"]},
                                   "periodSeconds":1,"failureThreshold":2}}]}""");

        syncUntil(pod, s -> s.path("phase").asText().equals("Running"));
        Await.until(AWAIT, () -> {
            statusOf(pod);
            return List.copyOf(events);
        }, e -> e.contains("Normal Killing Container app failed liveness probe, will be restarted"));

        assertThat(events).anyMatch(e -> e.startsWith("Warning Unhealthy Liveness probe failed:"));
        JsonNode restarted = syncUntil(pod, s -> s.path("containerStatuses").get(0).path("restartCount").asInt() == 1
                && s.path("containerStatuses").get(0).path("state").has("running"));
        assertThat(restarted.path("containerStatuses").get(0).path("lastState").path("terminated").has("exitCode"))
                .isTrue();
    }

    @Test
    void anImageThatIsNotThereIsErrImagePullThenBackOff() {
        ObjectNode pod = pod("noimage", """
                {"containers":[{"name":"app","image":"missing/nothing:1","command":["sleep","60"]}]}""");

        JsonNode first = statusOf(pod);
        assertThat(first.path("containerStatuses").get(0).path("state").path("waiting").path("reason").asText())
                .isEqualTo("ErrImagePull");
        JsonNode second = statusOf(pod);
        JsonNode waiting = second.path("containerStatuses").get(0).path("state").path("waiting");
        assertThat(waiting.path("reason").asText()).isEqualTo("ImagePullBackOff");
        assertThat(waiting.path("message").asText()).isEqualTo("Back-off pulling image \"missing/nothing:1\"");
        assertThat(second.path("phase").asText()).isEqualTo("Pending");
        assertThat(events).anyMatch(e -> e.startsWith("Warning Failed Failed to pull image \"missing/nothing:1\""));
    }

    @Test
    void aCommandThatDoesNotExistIsARunContainerError() {
        ObjectNode pod = pod("nocmd", """
                {"containers":[{"name":"app","image":"coxswain/busybox:1","command":["no-such-command-here"]}]}""");

        JsonNode waiting = statusOf(pod).path("containerStatuses").get(0).path("state").path("waiting");

        assertThat(waiting.path("reason").asText()).isEqualTo("RunContainerError");
        assertThat(waiting.path("message").asText()).contains("no-such-command-here");
        assertThat(events).anyMatch(e -> e.startsWith("Warning Failed Error:") && e.contains("no-such-command-here"));
        // The next round is within the back-off: the agent reports the same and does not hammer the runtime.
        JsonNode again = statusOf(pod).path("containerStatuses").get(0).path("state").path("waiting");
        assertThat(again.path("reason").asText()).isEqualTo("RunContainerError");
    }

    private ObjectNode pod(String name, String spec) {
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.putObject("metadata").put("name", name).put("namespace", "default")
                .put("uid", UUID.randomUUID().toString());
        ObjectNode parsed = Json.parseObject(spec);
        parsed.put("nodeName", "node-1");
        pod.set("spec", parsed);
        return pod;
    }

    private void put(String kind, String body, String name) {
        ObjectNode object = Json.parseObject(body);
        object.putObject("metadata").put("name", name).put("namespace", "default");
        objects.put(kind + "/default/" + name, object);
    }

    /** One sync round; the status it would write is applied to {@code pod}, as the masters would. */
    private JsonNode statusOf(ObjectNode pod) {
        PodSync.Outcome outcome = sync.sync(List.of(pod));
        ObjectNode patch = outcome.statusPatches().get("default/" + Json.text(pod, "metadata.name"));
        if (patch != null) {
            pod.set("status", patch.get("status"));
        }
        return pod.path("status");
    }

    private JsonNode syncUntil(ObjectNode pod, java.util.function.Predicate<JsonNode> condition) {
        return Await.until(AWAIT, () -> statusOf(pod), condition);
    }

    private String awaitLog(ObjectNode pod, String container, String text) {
        return Await.until(AWAIT, () -> runtime.list().stream()
                .filter(c -> c.pod().uid().equals(Json.text(pod, "metadata.uid")) && c.containerName().equals(container))
                .map(c -> runtime.logs(c.id(), LogOptions.all()).text()).findFirst().orElse(""),
                log -> log.contains(text));
    }

    private static String condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition.path("status").asText();
            }
        }
        return "";
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

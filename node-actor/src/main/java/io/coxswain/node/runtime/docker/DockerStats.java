package io.coxswain.node.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import io.coxswain.node.runtime.ResourceUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples a container's CPU and memory from the engine's stats endpoint. It asks for one sample at once
 * ({@code one-shot}, API 1.41), which docker-java's stats command cannot: without it the engine waits for a second
 * sample (a second or more per call).
 */
final class DockerStats {
    private record Sample(Instant at, long cpuNanos) {}

    private final DockerHttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Sample> previous = new ConcurrentHashMap<>();

    DockerStats(DockerHttpClient http) {
        this.http = http;
    }

    ResourceUsage sample(String containerId, Instant startedAt, Instant now) {
        JsonNode stats = fetch(containerId);
        long cpuNanos = stats.path("cpu_stats").path("cpu_usage").path("total_usage").asLong(0);
        JsonNode memory = stats.path("memory_stats");
        long usage = memory.path("usage").asLong(0);
        // The working set, as the kubelet computes it: usage less the page cache the kernel may drop at once
        // (cgroup v1 reports total_inactive_file, v2 inactive_file).
        JsonNode details = memory.path("stats");
        long inactive = details.has("total_inactive_file") ? details.path("total_inactive_file").asLong(0)
                : details.path("inactive_file").asLong(0);
        long workingSet = Math.max(0, usage - inactive);
        Sample last = previous.put(containerId, new Sample(now, cpuNanos));
        Instant since = last != null ? last.at() : startedAt;
        long sinceNanos = last != null ? last.cpuNanos() : 0;
        long elapsedNanos = since == null ? 0 : Duration.between(since, now).toNanos();
        long millicores = elapsedNanos <= 0 ? 0 : Math.max(0, (cpuNanos - sinceNanos) * 1000 / elapsedNanos);
        return new ResourceUsage(now, millicores, cpuNanos, workingSet);
    }

    void forget(String containerId) {
        previous.remove(containerId);
    }

    private JsonNode fetch(String containerId) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + containerId + "/stats?stream=false&one-shot=true")
                .build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() != 200) {
                throw new IOException("the engine answered " + response.getStatusCode() + " for the stats of "
                        + containerId);
            }
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stats of container " + containerId, e);
        }
    }
}

package io.coxswain.node.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.protocol.json.Json;
import java.util.ArrayList;
import java.util.List;

/** A pod's sandbox on disk ({@code sandbox.json}): who the pod is and which emptyDirs it has. */
record SandboxRecord(PodRef pod, List<String> emptyDirVolumes) {
    SandboxRecord {
        emptyDirVolumes = List.copyOf(emptyDirVolumes);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("uid", pod.uid());
        json.put("namespace", pod.namespace());
        json.put("name", pod.name());
        emptyDirVolumes.forEach(json.putArray("emptyDirVolumes")::add);
        return json;
    }

    static SandboxRecord fromJson(JsonNode json) {
        List<String> volumes = new ArrayList<>();
        json.path("emptyDirVolumes").forEach(volume -> volumes.add(volume.asText()));
        return new SandboxRecord(
                new PodRef(json.path("uid").asText(), json.path("namespace").asText(), json.path("name").asText()),
                volumes);
    }
}

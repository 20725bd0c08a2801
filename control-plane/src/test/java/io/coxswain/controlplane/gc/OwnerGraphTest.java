package io.coxswain.controlplane.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.protocol.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerGraphTest {

    private static CachedObject object(String name, String uid, String ownerUid, String extraMetadata) {
        String owners = ownerUid == null ? "" : ",\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":"
                + "\"ReplicaSet\",\"name\":\"owner\",\"uid\":\"" + ownerUid + "\"}]";
        String json = "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"" + uid
                + "\",\"resourceVersion\":\"7\"" + owners + extraMetadata + "}}";
        return CachedObject.of("Pod", "default/" + name, Json.parseObject(json));
    }

    @Test
    void dependantOfAMissingOwnerIsDeleted() {
        CachedObject orphan = object("pod-a", "u-a", "gone", "");
        assertThat(OwnerGraph.plan(List.of(orphan))).containsExactly(new OwnerGraph.Delete(orphan));
    }

    @Test
    void dependantOfALiveOwnerIsKept() {
        CachedObject owner = object("owner", "u-owner", null, "");
        CachedObject dependant = object("pod-a", "u-a", "u-owner", "");
        assertThat(OwnerGraph.plan(List.of(owner, dependant))).isEmpty();
    }

    @Test
    void foregroundOwnerLosesItsDependantsFirstThenItsFinalizer() {
        CachedObject owner = object("owner", "u-owner", null,
                ",\"deletionTimestamp\":\"2026-11-27T10:00:00Z\",\"finalizers\":[\"foregroundDeletion\"]");
        CachedObject dependant = object("pod-a", "u-a", "u-owner", "");
        assertThat(OwnerGraph.plan(List.of(owner, dependant))).containsExactly(new OwnerGraph.Delete(dependant));
        assertThat(OwnerGraph.plan(List.of(owner))).singleElement()
                .isInstanceOfSatisfying(OwnerGraph.Patch.class, patch ->
                        assertThat(patch.patch()).contains("\"finalizers\":[]"));
    }

    @Test
    void orphanOwnerReleasesItsDependantsThenItsFinalizer() {
        CachedObject owner = object("owner", "u-owner", null,
                ",\"deletionTimestamp\":\"2026-11-27T10:00:00Z\",\"finalizers\":[\"orphan\"]");
        CachedObject dependant = object("pod-a", "u-a", "u-owner", "");
        assertThat(OwnerGraph.plan(List.of(owner, dependant))).singleElement()
                .isInstanceOfSatisfying(OwnerGraph.Patch.class, patch -> {
                    assertThat(patch.target()).isEqualTo(dependant);
                    assertThat(patch.patch()).contains("\"ownerReferences\":null");
                });
        assertThat(OwnerGraph.plan(List.of(owner))).singleElement()
                .isInstanceOfSatisfying(OwnerGraph.Patch.class, patch -> assertThat(patch.target()).isEqualTo(owner));
    }
}

package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dependants follow their owners: background, foreground and orphan deletion, as kubectl asks for them. The order
 * of the deletions is what a watch on the objects sees: background deletes the owner at once and its dependants
 * after it; foreground marks the owner, deletes its dependants, and only then the owner.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class GarbageCollectionIT {
    private static final TestNamespace NS = TestNamespace.of(GarbageCollectionIT.class);
    private final LocalCluster cluster = LocalCluster.get();

    /** Creates a ConfigMap labelled {@code case=CASE}; returns its uid. */
    private String createOwner(String name, String testCase) {
        NS.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s, labels: {case: %s}}\n"
                .formatted(name, testCase));
        return NS.kubectl("get", "cm", name, "-o", "jsonpath={.metadata.uid}").assertOk().stdout();
    }

    private void createDependant(String name, String testCase, String owner, String ownerUid) {
        NS.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  labels: {case: %s}
                  ownerReferences:
                    - apiVersion: v1
                      kind: ConfigMap
                      name: %s
                      uid: %s
                """.formatted(name, testCase, owner, ownerUid));
    }

    private boolean exists(String name) {
        return NS.kubectl("get", "cm", name).exitCode() == 0;
    }

    /** A watch on this test case's ConfigMaps, through master-2 (the deletes go through master-1). */
    private WatchRecording watch(String testCase) {
        return WatchRecording.of(cluster.masterUrl(2) + NS.apiPath("configmaps"), "case=" + testCase);
    }

    private static List<String> awaitDeletions(WatchRecording watch, int count) throws InterruptedException {
        return Await.until(count + " deletions seen by the watch", watch::deleted, d -> d.size() >= count, 30);
    }

    @Test
    void backgroundDeletionRemovesDependantsAfterTheOwner() throws InterruptedException {
        String uid = createOwner("owner-bg", "bg");
        createDependant("dependant-bg-1", "bg", "owner-bg", uid);
        createDependant("dependant-bg-2", "bg", "owner-bg", uid);
        try (WatchRecording watch = watch("bg")) {
            NS.kubectl("delete", "cm", "owner-bg", "--cascade=background").assertOk();

            List<String> deleted = awaitDeletions(watch, 3);
            assertThat(deleted).as("events: %s", watch.events()).hasSize(3);
            assertThat(deleted.get(0)).as("the owner goes first").isEqualTo("owner-bg");
            assertThat(deleted.subList(1, 3)).containsExactlyInAnyOrder("dependant-bg-1", "dependant-bg-2");
        }
    }

    @Test
    void foregroundDeletionRemovesTheOwnerOnlyAfterItsDependants() throws InterruptedException {
        String uid = createOwner("owner-fg", "fg");
        createDependant("dependant-fg-1", "fg", "owner-fg", uid);
        createDependant("dependant-fg-2", "fg", "owner-fg", uid);
        try (WatchRecording watch = watch("fg")) {
            NS.kubectl("delete", "cm", "owner-fg", "--cascade=foreground", "--wait=false").assertOk();

            List<String> deleted = awaitDeletions(watch, 3);
            assertThat(deleted).as("events: %s", watch.events()).hasSize(3);
            assertThat(deleted.subList(0, 2)).containsExactlyInAnyOrder("dependant-fg-1", "dependant-fg-2");
            assertThat(deleted.get(2)).as("the owner goes last").isEqualTo("owner-fg");
            // While its dependants were deleted, the owner was there for all to see, marked for deletion.
            WatchRecording.Event first = watch.events().get(0);
            assertThat(List.of(first.type(), first.name(), first.deletionMarked())).as("events: %s", watch.events())
                    .isEqualTo(List.of("MODIFIED", "owner-fg", true));
        }
    }

    @Test
    void orphanDeletionKeepsDependantsWithoutTheReference() throws InterruptedException {
        String uid = createOwner("owner-orphan", "orphan");
        createDependant("dependant-orphan", "orphan", "owner-orphan", uid);
        NS.kubectl("delete", "cm", "owner-orphan", "--cascade=orphan").assertOk();
        Await.until("the owner deleted", () -> !exists("owner-orphan"), 30);
        assertThat(NS.kubectl("get", "cm", "dependant-orphan", "-o", "jsonpath={.metadata.ownerReferences}")
                .assertOk().stdout()).isEmpty();
        NS.kubectl("delete", "cm", "dependant-orphan").assertOk();
    }
}

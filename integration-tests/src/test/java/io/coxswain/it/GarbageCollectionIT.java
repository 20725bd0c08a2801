package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Dependants follow their owners: background, foreground and orphan deletion, as kubectl asks for them. */
@ExtendWith(LocalCluster.class)
class GarbageCollectionIT {
    private final LocalCluster cluster = LocalCluster.get();

    private String createOwner(String name) {
        cluster.kubectlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n", "apply", "-f", "-")
                .assertOk();
        return cluster.kubectl("get", "cm", name, "-o", "jsonpath={.metadata.uid}").assertOk().stdout();
    }

    private void createDependant(String name, String owner, String ownerUid) {
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  ownerReferences:
                    - apiVersion: v1
                      kind: ConfigMap
                      name: %s
                      uid: %s
                """.formatted(name, owner, ownerUid);
        cluster.kubectlWithInput(manifest, "apply", "-f", "-").assertOk();
    }

    private boolean exists(String name) {
        return cluster.kubectl("get", "cm", name).exitCode() == 0;
    }


    @Test
    void backgroundDeletionRemovesDependantsAfterTheOwner() throws InterruptedException {
        String uid = createOwner("gc-owner-bg");
        createDependant("gc-dependant-bg", "gc-owner-bg", uid);
        cluster.kubectl("delete", "cm", "gc-owner-bg").assertOk();
        assertThat(Await.until(() -> !exists("gc-dependant-bg"), 30)).isTrue();
    }

    @Test
    void foregroundDeletionRemovesTheOwnerOnlyAfterItsDependants() throws InterruptedException {
        String uid = createOwner("gc-owner-fg");
        createDependant("gc-dependant-fg", "gc-owner-fg", uid);
        cluster.kubectl("delete", "cm", "gc-owner-fg", "--cascade=foreground", "--wait=false").assertOk();
        assertThat(Await.until(() -> !exists("gc-dependant-fg") && !exists("gc-owner-fg"), 30)).isTrue();
    }

    @Test
    void orphanDeletionKeepsDependantsWithoutTheReference() throws InterruptedException {
        String uid = createOwner("gc-owner-orphan");
        createDependant("gc-dependant-orphan", "gc-owner-orphan", uid);
        cluster.kubectl("delete", "cm", "gc-owner-orphan", "--cascade=orphan").assertOk();
        assertThat(Await.until(() -> !exists("gc-owner-orphan"), 30)).isTrue();
        assertThat(cluster.kubectl("get", "cm", "gc-dependant-orphan", "-o", "jsonpath={.metadata.ownerReferences}")
                .assertOk().stdout()).isEmpty();
        cluster.kubectl("delete", "cm", "gc-dependant-orphan").assertOk();
    }
}

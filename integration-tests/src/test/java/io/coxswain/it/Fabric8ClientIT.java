package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** fabric8's KubernetesClient, unchanged, against master-2. */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class Fabric8ClientIT {
    private static final TestNamespace NS = TestNamespace.of(Fabric8ClientIT.class);
    private KubernetesClient client;

    @BeforeEach
    void connect() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(LocalCluster.get().masterUrl(2))
                .withNamespace(NS.name()).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static ConfigMap configMap(String name, String app, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels("app", app).endMetadata()
                .addToData("key", value).build();
    }

    @Test
    void createGetListUpdateAndDelete() {
        ConfigMap created = client.configMaps().resource(configMap("f8-one", "f8", "1")).create();
        assertThat(created.getMetadata().getResourceVersion()).isNotEmpty();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        client.configMaps().resource(configMap("f8-two", "f8", "2")).create();
        client.configMaps().resource(configMap("f8-other", "other", "3")).create();

        assertThat(client.configMaps().withName("f8-one").get().getData()).containsEntry("key", "1");
        assertThat(client.configMaps().withLabel("app", "f8").list().getItems())
                .extracting(cm -> cm.getMetadata().getName()).containsExactly("f8-one", "f8-two");

        ConfigMap fresh = client.configMaps().withName("f8-one").get();
        fresh.getData().put("key", "changed");
        ConfigMap updated = client.configMaps().resource(fresh).update();
        assertThat(updated.getData()).containsEntry("key", "changed");

        ConfigMap stale = configMap("f8-one", "f8", "stale");
        stale.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
        assertThatThrownBy(() -> client.configMaps().resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(client.configMaps().withName("f8-one").get().getData()).containsEntry("key", "changed");

        assertThat(client.configMaps().withName("f8-one").delete()).isNotEmpty();
        assertThat(client.configMaps().withName("f8-one").get()).isNull();
        client.configMaps().withName("f8-two").delete();
        client.configMaps().withName("f8-other").delete();
    }

    @Test
    void informerSeesAddedModifiedAndDeleted() throws InterruptedException {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().withLabel("app", "f8-informed")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap cm) {
                        events.add("ADDED " + cm.getMetadata().getName() + " " + cm.getData().get("key"));
                    }

                    @Override
                    public void onUpdate(ConfigMap before, ConfigMap after) {
                        if (!before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion())) {
                            events.add("MODIFIED " + after.getMetadata().getName() + " " + after.getData().get("key"));
                        }
                    }

                    @Override
                    public void onDelete(ConfigMap cm, boolean unknownFinalState) {
                        events.add("DELETED " + cm.getMetadata().getName());
                    }
                });
        try {
            client.configMaps().resource(configMap("f8-watched", "f8-informed", "1")).create();
            assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED f8-watched 1");
            client.configMaps().withName("f8-watched").edit(cm -> {
                cm.getData().put("key", "2");
                return cm;
            });
            assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("MODIFIED f8-watched 2");
            client.configMaps().withName("f8-watched").delete();
            assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("DELETED f8-watched");
        } finally {
            informer.close();
        }
    }
}

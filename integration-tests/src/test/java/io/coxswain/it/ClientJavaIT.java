package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.Config;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The official Kubernetes Java client, unchanged, against master-3. */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class ClientJavaIT {
    private static final String NAMESPACE = TestNamespace.of(ClientJavaIT.class).name();
    private ApiClient client;
    private CoreV1Api core;

    @BeforeEach
    void connect() throws Exception {
        client = Config.fromUrl(LocalCluster.get().masterUrl(3), false);
        // Watches stay open; the informer's requests must not time out while they wait.
        client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
        core = new CoreV1Api(client);
    }

    private static V1ConfigMap configMap(String name, String app, String value) {
        return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).labels(Map.of("app", app)))
                .data(Map.of("key", value));
    }

    @Test
    void createGetListUpdateAndDelete() throws ApiException {
        V1ConfigMap created = core.createNamespacedConfigMap(NAMESPACE, configMap("cj-one", "cj", "1")).execute();
        assertThat(created.getMetadata().getResourceVersion()).isNotEmpty();
        core.createNamespacedConfigMap(NAMESPACE, configMap("cj-two", "cj", "2")).execute();
        core.createNamespacedConfigMap(NAMESPACE, configMap("cj-other", "other", "3")).execute();

        assertThat(core.readNamespacedConfigMap("cj-one", NAMESPACE).execute().getData()).containsEntry("key", "1");
        assertThat(core.listNamespacedConfigMap(NAMESPACE).labelSelector("app=cj").execute().getItems())
                .extracting(cm -> cm.getMetadata().getName()).containsExactly("cj-one", "cj-two");

        V1ConfigMap fresh = core.readNamespacedConfigMap("cj-one", NAMESPACE).execute();
        fresh.setData(Map.of("key", "changed"));
        assertThat(core.replaceNamespacedConfigMap("cj-one", NAMESPACE, fresh).execute().getData())
                .containsEntry("key", "changed");

        V1ConfigMap stale = configMap("cj-one", "cj", "stale");
        stale.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
        assertThatThrownBy(() -> core.replaceNamespacedConfigMap("cj-one", NAMESPACE, stale).execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        core.deleteNamespacedConfigMap("cj-one", NAMESPACE).execute();
        assertThatThrownBy(() -> core.readNamespacedConfigMap("cj-one", NAMESPACE).execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        core.deleteNamespacedConfigMap("cj-two", NAMESPACE).execute();
        core.deleteNamespacedConfigMap("cj-other", NAMESPACE).execute();
    }

    @Test
    void informerSeesAddedModifiedAndDeleted() throws Exception {
        SharedInformerFactory factory = new SharedInformerFactory(client);
        SharedIndexInformer<V1ConfigMap> informer = factory.sharedIndexInformerFor(
                params -> core.listNamespacedConfigMap(NAMESPACE).labelSelector("app=cj-informed")
                        .resourceVersion(params.resourceVersion).watch(params.watch)
                        .timeoutSeconds(params.timeoutSeconds).buildCall(null),
                V1ConfigMap.class, V1ConfigMapList.class);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1ConfigMap cm) {
                events.add("ADDED " + cm.getMetadata().getName() + " " + cm.getData().get("key"));
            }

            @Override
            public void onUpdate(V1ConfigMap before, V1ConfigMap after) {
                if (!before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion())) {
                    events.add("MODIFIED " + after.getMetadata().getName() + " " + after.getData().get("key"));
                }
            }

            @Override
            public void onDelete(V1ConfigMap cm, boolean unknownFinalState) {
                events.add("DELETED " + cm.getMetadata().getName());
            }
        });
        factory.startAllRegisteredInformers();
        try {
            Await.until("the informer synced", informer::hasSynced, 30);
            core.createNamespacedConfigMap(NAMESPACE, configMap("cj-watched", "cj-informed", "1")).execute();
            assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED cj-watched 1");
            V1ConfigMap current = core.readNamespacedConfigMap("cj-watched", NAMESPACE).execute();
            current.setData(Map.of("key", "2"));
            core.replaceNamespacedConfigMap("cj-watched", NAMESPACE, current).execute();
            assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("MODIFIED cj-watched 2");
            core.deleteNamespacedConfigMap("cj-watched", NAMESPACE).execute();
            assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("DELETED cj-watched");
        } finally {
            factory.stopAllRegisteredInformers();
        }
    }
}

package io.coxswain.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The namespace of one integration-test class, {@code it-<class name in lower case>}: created before the class's
 * first test and deleted after its last (without waiting for it to be gone). Every class of the run shares one
 * cluster ({@link LocalCluster}), so each keeps to its own namespace: what a class leaves behind — a pod still
 * terminating, an object a failed test never deleted — cannot collide with another class's objects. Objects
 * without a namespace (nodes, namespaces) are named with {@link #prefixed}, and deleted by the class itself.
 * <pre>
 * &#64;ExtendWith({LocalCluster.class, TestNamespace.class})   // in this order: the cluster first
 * class SomethingIT {
 *     private static final TestNamespace NS = TestNamespace.of(SomethingIT.class);
 *     … NS.kubectl("get", "pods") …  NS.apply(manifest) …  cluster.masterUrl(1) + NS.apiPath("configmaps") …
 * </pre>
 */
public final class TestNamespace implements BeforeAllCallback, AfterAllCallback {
    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Used by {@code @ExtendWith(TestNamespace.class)}: creates and deletes the namespace of the test class. */
    public TestNamespace() {
        this(null);
    }

    /** The namespace of {@code testClass} (the same one its extension creates). */
    public static TestNamespace of(Class<?> testClass) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return new TestNamespace("it-" + simple);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String namespace = of(context.getRequiredTestClass()).name();
        LocalCluster.get().kubectl("create", "namespace", namespace).assertOk();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Its objects are deleted with it; nothing later needs them gone, so this does not wait.
        String namespace = of(context.getRequiredTestClass()).name();
        LocalCluster.get().kubectl("delete", "namespace", namespace, "--wait=false").assertOk();
    }

    public String name() {
        return name;
    }

    /** A name for an object without a namespace (a Node, a Namespace) that no other class uses. */
    public String prefixed(String objectName) {
        return name + "-" + objectName;
    }

    /** kubectl with {@code -n} this namespace (harmless for kinds without one, such as nodes). */
    public LocalCluster.Result kubectl(String... args) {
        return LocalCluster.get().kubectl(withNamespace(args));
    }

    public LocalCluster.Result kubectlWithInput(String stdin, String... args) {
        return LocalCluster.get().kubectlWithInput(stdin, withNamespace(args));
    }

    /** kubectl with {@code -n} this namespace, started without waiting for it; see {@link LocalCluster.Background}. */
    public LocalCluster.Background kubectlInBackground(Map<String, String> env, String... args) {
        return LocalCluster.get().kubectlInBackground(env, withNamespace(args));
    }

    /** {@code kubectl apply -n NAMESPACE -f -} of the given manifests, which must succeed. */
    public void apply(String manifest) {
        kubectlWithInput(manifest, "apply", "-f", "-").assertOk();
    }

    /** The API path of a collection of the core group in this namespace, e.g. {@code /api/v1/namespaces/N/pods}. */
    public String apiPath(String resource) {
        return "/api/v1/namespaces/" + name + "/" + resource;
    }

    /** The API path of a collection of {@code groupVersion} (e.g. {@code apps/v1}) in this namespace. */
    public String apiPath(String groupVersion, String resource) {
        return "/apis/" + groupVersion + "/namespaces/" + name + "/" + resource;
    }

    private String[] withNamespace(String[] args) {
        List<String> all = new ArrayList<>(List.of("-n", name));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return name;
    }
}

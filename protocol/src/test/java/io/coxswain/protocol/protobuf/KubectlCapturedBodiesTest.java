package io.coxswain.protocol.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real kubectl 1.32 protobuf bodies decode to exactly the JSON the same kubectl writes for the same object. */
class KubectlCapturedBodiesTest {

    static List<KubectlCaptures.Capture> captures() {
        return KubectlCaptures.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void kubectlProtobufBodyDecodesToTheJsonKubectlPrintsForTheSameObject(KubectlCaptures.Capture capture) {
        assertThat(KubernetesProtobuf.isProtobuf(capture.body())).isTrue();

        assertThat(KubernetesProtobuf.toJson(capture.body())).isEqualTo(Json.parse(capture.expectedJson()));
    }

    @Test
    void kubectlCreateTokenBodyIsATokenRequestWithItsExpiration() {
        ObjectNode json = KubernetesProtobuf.toJson(Base64.getDecoder().decode(KubectlCaptures.CREATE_TOKEN_BODY));

        // Go writes the non-omitempty nil "audiences" as null; an empty repeated field is simply absent here
        assertThat(json).isEqualTo(Json.parse("""
                {
                  "kind": "TokenRequest",
                  "apiVersion": "authentication.k8s.io/v1",
                  "metadata": {"creationTimestamp": null},
                  "spec": {"expirationSeconds": 3600},
                  "status": {"token": "", "expirationTimestamp": null}
                }"""));
    }
}

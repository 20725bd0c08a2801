package io.coxswain.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parts of a pod spec the node agents do not carry out, named by their field paths. */
class UnsupportedPodFieldsTest {

    private static final String POD_SPEC = """
            spec:
              initContainers:
                - {name: setup, image: busybox, startupProbe: {grpc: {port: 1}}}
              containers:
                - {name: plain, image: busybox, livenessProbe: {exec: {command: [true]}}}
                - name: app
                  image: busybox
                  livenessProbe: {grpc: {port: 9090}}
                  readinessProbe: {grpc: {port: 9090, service: health}}
              volumes:
                - {name: config, configMap: {name: c}}
                - name: mixed
                  projected:
                    sources:
                      - {configMap: {name: c}}
                      - {serviceAccountToken: {path: token}}
            """;

    @Test
    void grpcProbesAndServiceAccountTokensOfAPodAreNamed() {
        assertThat(UnsupportedPodFields.inObject("Pod", Yaml.object(POD_SPEC)))
                .extracting(UnsupportedPodFields.Unsupported::field)
                .containsExactly("spec.initContainers[0].startupProbe.grpc",
                        "spec.containers[1].livenessProbe.grpc",
                        "spec.containers[1].readinessProbe.grpc",
                        "spec.volumes[1].projected.sources[1].serviceAccountToken");
    }

    @Test
    void theWarningReadsAsKubeApiserversDo() {
        assertThat(UnsupportedPodFields.inObject("Pod", Yaml.object(POD_SPEC)).get(3).warning())
                .isEqualTo("spec.volumes[1].projected.sources[1].serviceAccountToken: service account tokens are "
                        + "not supported by this cluster; no token file is written");
        assertThat(UnsupportedPodFields.inObject("Pod", Yaml.object(POD_SPEC)).get(0).warning())
                .isEqualTo("spec.initContainers[0].startupProbe.grpc: gRPC probes are not supported by this "
                        + "cluster's node agents; the probe is ignored");
    }

    @Test
    void podTemplatesOfWorkloadsAreLookedAtToo() {
        String template = POD_SPEC.replace("\n", "\n    ").replace("spec:", "spec:\n  template:\n    spec:");
        assertThat(UnsupportedPodFields.inObject("Deployment", Yaml.object(template))).first()
                .extracting(UnsupportedPodFields.Unsupported::field)
                .isEqualTo("spec.template.spec.initContainers[0].startupProbe.grpc");
        assertThat(UnsupportedPodFields.inObject("CronJob", Yaml.object("""
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{name: c, image: busybox, readinessProbe: {grpc: {port: 1}}}]
                """))).extracting(UnsupportedPodFields.Unsupported::field)
                .containsExactly("spec.jobTemplate.spec.template.spec.containers[0].readinessProbe.grpc");
    }

    @Test
    void aPodWithNothingUnsupportedHasNoWarning() {
        assertThat(UnsupportedPodFields.inObject("Pod", Yaml.object("""
                spec:
                  containers: [{name: c, image: busybox, readinessProbe: {httpGet: {port: 80}}}]
                  volumes: [{name: p, projected: {sources: [{downwardAPI: {items: []}}]}}]
                """))).isEmpty();
        assertThat(UnsupportedPodFields.inObject("ConfigMap", Yaml.object("data: {a: b}"))).isEmpty();
    }
}

package io.coxswain.protocol.patch;

import static io.coxswain.protocol.patch.Documents.json;
import static io.coxswain.protocol.patch.Documents.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static JsonNode patch(String originalYaml, String patchYaml) {
        return StrategicMergePatch.apply(yaml(originalYaml), yaml(patchYaml));
    }

    /** The {@code name} of each element of a list, in order. */
    private static List<String> namesIn(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(element -> names.add(element.path("name").asText()));
        return names;
    }

    private static PatchException.Problem problemOf(Throwable thrown) {
        return ((PatchException) thrown).problem();
    }

    @Nested
    class Maps {

        @Test
        void mapsMergeRecursivelyAndScalarsAreReplaced() {
            assertThat(patch("""
                    metadata: {name: web, labels: {app: web}}
                    spec: {replicas: 2, paused: false}
                    """, """
                    metadata: {labels: {tier: fe}}
                    spec: {replicas: 3}
                    """)).isEqualTo(yaml("""
                    metadata: {name: web, labels: {app: web, tier: fe}}
                    spec: {replicas: 3, paused: false}
                    """));
        }

        @Test
        void nullDeletesAField() {
            assertThat(patch("""
                    metadata: {name: web, labels: {app: web, tier: fe}}
                    spec: {paused: true, replicas: 2}
                    """, """
                    metadata: {labels: {tier: null}}
                    spec: {paused: null}
                    """)).isEqualTo(yaml("""
                    metadata: {name: web, labels: {app: web}}
                    spec: {replicas: 2}
                    """));
        }

        @Test
        void nullForAFieldThatIsNotThereIsIgnored() {
            assertThat(patch("spec: {replicas: 1}", "spec: {paused: null, strategy: {rollingUpdate: null, type: Recreate}}"))
                    .isEqualTo(yaml("spec: {replicas: 1, strategy: {type: Recreate}}"));
        }

        @Test
        void patchReplaceDirectiveReplacesTheMap() {
            assertThat(patch("""
                    spec: {selector: {matchLabels: {app: web, tier: fe}}}
                    """, """
                    spec: {selector: {$patch: replace, matchLabels: {app: api}}}
                    """)).isEqualTo(yaml("spec: {selector: {matchLabels: {app: api}}}"));
        }

        @Test
        void patchDeleteDirectiveEmptiesTheMap() {
            assertThat(patch("""
                    metadata: {name: web, annotations: {a: '1', b: '2'}}
                    """, """
                    metadata: {annotations: {$patch: delete}}
                    """)).isEqualTo(yaml("metadata: {name: web, annotations: {}}"));
        }

        @Test
        void patchMergeDirectiveMerges() {
            assertThat(patch("metadata: {labels: {a: '1'}}", "metadata: {labels: {$patch: merge, b: '2'}}"))
                    .isEqualTo(yaml("metadata: {labels: {a: '1', b: '2'}}"));
        }

        @Test
        void replaceDirectiveAtTheTopReplacesTheWholeObject() {
            assertThat(patch("{name: 1, value: 1}", "{$patch: replace, other: a}")).isEqualTo(yaml("{other: a}"));
        }

        @Test
        void retainKeysDropsFieldsNotListed() {
            assertThat(patch("""
                    spec:
                      strategy:
                        type: RollingUpdate
                        rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
                    """, """
                    spec:
                      strategy:
                        $retainKeys: [type]
                        type: Recreate
                    """)).isEqualTo(yaml("spec: {strategy: {type: Recreate}}"));
        }

        @Test
        void retainKeysSwitchesAVolumeSourceInsideAMergedList() {
            assertThat(patch("""
                    spec:
                      volumes:
                      - {name: config, emptyDir: {}}
                      - {name: cache, emptyDir: {medium: Memory}}
                    """, """
                    spec:
                      volumes:
                      - {$retainKeys: [configMap, name], name: config, configMap: {name: app-config}}
                    """)).isEqualTo(yaml("""
                    spec:
                      volumes:
                      - {name: config, configMap: {name: app-config}}
                      - {name: cache, emptyDir: {medium: Memory}}
                    """));
        }

        @Test
        void retainKeysMustNameEveryPatchedField() {
            assertThatThrownBy(() -> patch("spec: {strategy: {type: RollingUpdate}}",
                    "spec: {strategy: {$retainKeys: [type], type: Recreate, rollingUpdate: {maxSurge: 1}}}"))
                    .isInstanceOf(PatchException.class)
                    .hasMessageStartingWith("invalid patch format of retainKeys")
                    .satisfies(e -> assertThat(problemOf(e)).isEqualTo(PatchException.Problem.MALFORMED_PATCH));
        }

        @Test
        void unknownPatchTypeIsMalformed() {
            assertThatThrownBy(() -> patch("spec: {a: 1}", "spec: {$patch: explode}"))
                    .isInstanceOf(PatchException.class)
                    .hasMessageStartingWith("unknown patch type: explode in map:")
                    .satisfies(e -> assertThat(((PatchException) e).statusCode()).isEqualTo(400));
        }

        @Test
        void unknownDirectiveIsMalformed() {
            assertThatThrownBy(() -> patch("spec: {a: 1}", "spec: {$frobnicate: [a]}"))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("unknown strategic merge patch directive: $frobnicate");
        }

        @Test
        void patchMustBeAnObject() {
            assertThatThrownBy(() -> StrategicMergePatch.apply(yaml("a: 1"), json("[1]")))
                    .isInstanceOf(PatchException.class)
                    .satisfies(e -> assertThat(problemOf(e)).isEqualTo(PatchException.Problem.MALFORMED_PATCH));
        }

        @Test
        void typeChangesReplaceTheValue() {
            assertThat(patch("spec: {selector: {app: web}}", "spec: {selector: app=web}"))
                    .isEqualTo(yaml("spec: {selector: app=web}"));
        }

        @Test
        void leavesItsInputsUnchanged() {
            JsonNode original = yaml("spec: {containers: [{name: a, image: x}], strategy: {type: A, b: 1}}");
            JsonNode patch = yaml("spec: {containers: [{name: a, image: y}], strategy: {$retainKeys: [type], type: B}}");
            JsonNode originalCopy = original.deepCopy();
            JsonNode patchCopy = patch.deepCopy();

            StrategicMergePatch.apply(original, patch);

            assertThat(original).isEqualTo(originalCopy);
            assertThat(patch).isEqualTo(patchCopy);
        }
    }

    @Nested
    class ListsMergedByKey {

        private static final String POD = """
                kind: Pod
                spec:
                  containers:
                  - name: web
                    image: nginx:1.26
                    ports: [{containerPort: 80, name: http}]
                    env: [{name: A, value: '1'}, {name: B, value: '2'}]
                    volumeMounts:
                    - {name: data, mountPath: /data}
                    - {name: data, mountPath: /backup, subPath: backup}
                  - name: sidecar
                    image: envoy:1
                """;

        @Test
        void containersMergeByNameKeepingTheOthers() {
            JsonNode result = patch(POD, "spec: {containers: [{name: web, image: nginx:1.27}]}");

            assertThat(result.at("/spec/containers/0")).isEqualTo(yaml("""
                    name: web
                    image: nginx:1.27
                    ports: [{containerPort: 80, name: http}]
                    env: [{name: A, value: '1'}, {name: B, value: '2'}]
                    volumeMounts:
                    - {name: data, mountPath: /data}
                    - {name: data, mountPath: /backup, subPath: backup}
                    """));
            assertThat(result.at("/spec/containers/1")).isEqualTo(yaml("{name: sidecar, image: envoy:1}"));
        }

        @Test
        void newElementsComeBeforeTheUnmentionedOnesAsInKubernetes() {
            JsonNode result = patch(POD, "spec: {containers: [{name: debug, image: busybox}]}");

            assertThat(namesIn(result.at("/spec/containers"))).containsExactly("debug", "web", "sidecar");
        }

        @Test
        void envMergesByName() {
            JsonNode result = patch(POD, "spec: {containers: [{name: web, env: [{name: B, value: changed}, {name: C, value: '3'}]}]}");

            assertThat(result.at("/spec/containers/0/env")).isEqualTo(yaml(
                    "[{name: A, value: '1'}, {name: B, value: changed}, {name: C, value: '3'}]"));
        }

        @Test
        void containerPortsMergeByContainerPort() {
            JsonNode result = patch(POD, "spec: {containers: [{name: web, ports: [{containerPort: 80, protocol: TCP}, {containerPort: 9090}]}]}");

            assertThat(result.at("/spec/containers/0/ports")).isEqualTo(yaml(
                    "[{containerPort: 80, name: http, protocol: TCP}, {containerPort: 9090}]"));
        }

        @Test
        void volumeMountsMergeByMountPathNotByName() {
            JsonNode result = patch(POD, "spec: {containers: [{name: web, volumeMounts: [{mountPath: /backup, readOnly: true}]}]}");

            assertThat(result.at("/spec/containers/0/volumeMounts")).isEqualTo(yaml("""
                    - {name: data, mountPath: /data}
                    - {name: data, mountPath: /backup, subPath: backup, readOnly: true}
                    """));
        }

        @Test
        void nullInsideAMergedElementDeletesThatField() {
            JsonNode result = patch(POD, "spec: {containers: [{name: web, ports: null, env: [{name: A, value: null, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]}]}");

            assertThat(result.at("/spec/containers/0/ports").isMissingNode()).isTrue();
            assertThat(result.at("/spec/containers/0/env/0")).isEqualTo(yaml("{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}"));
        }

        @Test
        void sameRulesApplyToPodTemplatesAtAnyDepth() {
            JsonNode cronJob = yaml("""
                    kind: CronJob
                    spec:
                      jobTemplate:
                        spec:
                          template:
                            spec:
                              containers:
                              - {name: job, image: a, env: [{name: X, value: '1'}]}
                              - {name: other, image: b}
                    """);

            JsonNode result = StrategicMergePatch.apply(cronJob, yaml("""
                    spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: job, env: [{name: Y, value: '2'}]}]}}}}}
                    """));

            JsonNode containers = result.at("/spec/jobTemplate/spec/template/spec/containers");
            assertThat(namesIn(containers)).containsExactly("job", "other");
            assertThat(namesIn(containers.get(0).path("env"))).containsExactly("Y", "X");
            assertThat(containers.get(1)).isEqualTo(yaml("{name: other, image: b}"));
        }

        @Test
        void patchDeleteDirectiveRemovesTheElementWithThatKey() {
            JsonNode result = patch(POD, "spec: {containers: [{name: sidecar, $patch: delete}]}");

            assertThat(namesIn(result.at("/spec/containers"))).containsExactly("web");
        }

        @Test
        void patchDeleteDirectiveRemovesEveryDuplicate() {
            assertThat(patch("""
                    spec:
                      containers: [{name: a}, {name: a}, {name: b, image: x}, {name: c}, {name: c}]
                    """, """
                    spec:
                      containers: [{name: a, $patch: delete}, {name: c, $patch: delete}]
                    """)).isEqualTo(yaml("spec: {containers: [{name: b, image: x}]}"));
        }

        @Test
        void patchReplaceElementReplacesTheWholeList() {
            assertThat(patch(POD, "spec: {containers: [{$patch: replace}, {name: only, image: i}]}").at("/spec/containers"))
                    .isEqualTo(yaml("[{name: only, image: i}]"));
            assertThat(patch(POD, "spec: {containers: [{$patch: replace}]}").at("/spec/containers"))
                    .isEqualTo(json("[]"));
        }

        @Test
        void elementWithoutTheMergeKeyIsMalformed() {
            assertThatThrownBy(() -> patch(POD, "spec: {containers: [{image: nginx}]}"))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("map: {\"image\":\"nginx\"} does not contain declared merge key: name");
        }

        @Test
        void patchOrderIsKeptAndServerOnlyElementsAreSlottedIn() {
            assertThat(patch("""
                    spec: {containers: [{name: '1'}, {name: '2', value: b}, {name: '3'}]}
                    """, """
                    spec: {containers: [{name: '3', value: c}, {name: '1', value: a}]}
                    """)).isEqualTo(yaml("""
                    spec: {containers: [{name: '2', value: b}, {name: '3', value: c}, {name: '1', value: a}]}
                    """));
        }

        @Test
        void servicePortsMergeByPort() {
            assertThat(patch("""
                    kind: Service
                    spec:
                      ports:
                      - {name: http, port: 80, targetPort: 8080}
                      - {name: https, port: 443, targetPort: 8443}
                    """, """
                    spec:
                      ports: [{port: 443, targetPort: 9443}]
                    """).at("/spec/ports")).isEqualTo(yaml("""
                    - {name: http, port: 80, targetPort: 8080}
                    - {name: https, port: 443, targetPort: 9443}
                    """));
        }

        @Test
        void aListTheOriginalLacksIsTakenAsGivenEvenWithRepeatedKeys() {
            assertThat(patch("kind: Service\nspec: {selector: {app: dns}}", """
                    spec:
                      $setElementOrder/ports: [{port: 53}, {port: 53}]
                      ports: [{port: 53, protocol: UDP, name: dns}, {port: 53, protocol: TCP, name: dns-tcp}]
                    """).at("/spec/ports")).isEqualTo(yaml("""
                    - {port: 53, protocol: UDP, name: dns}
                    - {port: 53, protocol: TCP, name: dns-tcp}
                    """));
        }

        @Test
        void ownerReferencesMergeByUid() {
            assertThat(patch("""
                    metadata:
                      ownerReferences: [{uid: u1, kind: ReplicaSet, name: rs-1}]
                    """, """
                    metadata:
                      ownerReferences: [{uid: u1, controller: true}, {uid: u2, kind: Node, name: n}]
                    """).at("/metadata/ownerReferences")).isEqualTo(yaml("""
                    - {uid: u1, kind: ReplicaSet, name: rs-1, controller: true}
                    - {uid: u2, kind: Node, name: n}
                    """));
        }

        @Test
        void statusConditionsMergeByType() {
            assertThat(patch("""
                    status:
                      conditions:
                      - {type: Ready, status: 'False'}
                      - {type: PodScheduled, status: 'True'}
                    """, """
                    status:
                      conditions: [{type: Ready, status: 'True'}]
                    """).at("/status/conditions")).isEqualTo(yaml("""
                    - {type: Ready, status: 'True'}
                    - {type: PodScheduled, status: 'True'}
                    """));
        }

        @Test
        void numericMergeKeysMatchWhateverTheirNumberType() {
            JsonNode original = yaml("spec: {containers: [{name: web, ports: [{containerPort: 80}]}]}");
            JsonNode patch = json("{\"spec\":{\"containers\":[{\"name\":\"web\",\"ports\":[{\"containerPort\":80.0,\"name\":\"http\"}]}]}}");

            assertThat(StrategicMergePatch.apply(original, patch).at("/spec/containers/0/ports")).hasSize(1);
        }
    }

    @Nested
    class ListsWithoutMergeKey {

        @Test
        void areReplacedWholesale() {
            assertThat(patch("""
                    spec:
                      tolerations: [{key: a, operator: Exists}, {key: b, operator: Exists}]
                      containers: [{name: web, args: [--a, --b], command: [run]}]
                    """, """
                    spec:
                      tolerations: [{key: c, operator: Exists}]
                      containers: [{name: web, args: [--c]}]
                    """)).isEqualTo(yaml("""
                    spec:
                      tolerations: [{key: c, operator: Exists}]
                      containers: [{name: web, args: [--c], command: [run]}]
                    """));
        }

        @Test
        void statefulSetVolumeClaimTemplatesAreAtomic() {
            assertThat(patch("""
                    kind: StatefulSet
                    spec:
                      volumeClaimTemplates:
                      - {metadata: {name: data}, spec: {accessModes: [ReadWriteOnce]}}
                      - {metadata: {name: logs}}
                    """, """
                    spec:
                      volumeClaimTemplates: [{metadata: {name: data}, spec: {resources: {requests: {storage: 2Gi}}}}]
                    """).at("/spec/volumeClaimTemplates")).isEqualTo(yaml(
                    "[{metadata: {name: data}, spec: {resources: {requests: {storage: 2Gi}}}}]"));
        }

        @Test
        void finalizersMergeAsASetOfStrings() {
            assertThat(patch("metadata: {finalizers: [a, b]}", "metadata: {finalizers: [b, c]}"))
                    .isEqualTo(yaml("metadata: {finalizers: [a, b, c]}"));
        }

        @Test
        void primitiveSetKeepsThePatchOrder() {
            assertThat(patch("metadata: {finalizers: ['1', '2', '3']}", "metadata: {finalizers: ['3', '1']}"))
                    .isEqualTo(yaml("metadata: {finalizers: ['2', '3', '1']}"));
        }

        @Test
        void deleteFromPrimitiveListRemovesEveryOccurrence() {
            assertThat(patch("metadata: {finalizers: [a, b, b, c]}", "metadata: {$deleteFromPrimitiveList/finalizers: [b, missing]}"))
                    .isEqualTo(yaml("metadata: {finalizers: [a, c]}"));
        }

        @Test
        void deleteFromPrimitiveListOfAnAbsentListDoesNothing() {
            assertThat(patch("metadata: {name: x}", "metadata: {$deleteFromPrimitiveList/finalizers: [b]}"))
                    .isEqualTo(yaml("metadata: {name: x}"));
        }

        @Test
        void deleteFromPrimitiveListMustBeAList() {
            assertThatThrownBy(() -> patch("metadata: {finalizers: [a]}", "metadata: {$deleteFromPrimitiveList/finalizers: a}"))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("invalid patch format of primitive list");
        }
    }

    @Nested
    class SetElementOrder {

        @Test
        void ordersTheMergedListAndKeepsServerOnlyElements() {
            assertThat(patch("""
                    spec:
                      containers:
                      - {name: '1', other: a}
                      - {name: '2', value: '2', other: b}
                    """, """
                    spec:
                      $setElementOrder/containers: [{name: '4'}, {name: '1'}, {name: '2'}, {name: '3'}]
                      containers: [{name: '4', value: '4'}, {name: '3', value: '3'}]
                    """)).isEqualTo(yaml("""
                    spec:
                      containers:
                      - {name: '4', value: '4'}
                      - {name: '1', other: a}
                      - {name: '2', value: '2', other: b}
                      - {name: '3', value: '3'}
                    """));
        }

        @Test
        void reordersWithoutAPatchList() {
            assertThat(patch("spec: {containers: [{name: a}, {name: b}, {name: server-only}]}",
                    "spec: {$setElementOrder/containers: [{name: b}, {name: a}]}"))
                    .isEqualTo(yaml("spec: {containers: [{name: b}, {name: a}, {name: server-only}]}"));
        }

        @Test
        void toleratesNamesAbsentFromTheList() {
            assertThat(patch("spec: {containers: [{name: '1'}, {name: '3'}]}", """
                    spec:
                      $setElementOrder/containers: [{name: '3'}, {name: '2'}, {name: '1'}]
                      containers: [{name: '3', value: '3'}, {name: '1', value: '1'}]
                    """)).isEqualTo(yaml("spec: {containers: [{name: '3', value: '3'}, {name: '1', value: '1'}]}"));
        }

        @Test
        void rejectsAPatchListInAnotherOrder() {
            assertThatThrownBy(() -> patch("spec: {containers: [{name: '1'}, {name: '3'}, {name: '2'}]}", """
                    spec:
                      $setElementOrder/containers: [{name: '1'}, {name: '2'}, {name: '3'}]
                      containers: [{name: '3', value: '3'}, {name: '1', value: '1'}]
                    """))
                    .isInstanceOf(PatchException.class)
                    .hasMessageContaining("doesn't match $setElementOrder/ list");
        }

        @Test
        void ordersPrimitiveListsTogetherWithDeletions() {
            assertThat(patch("metadata: {finalizers: ['1', '2', '3', '4']}", """
                    metadata:
                      $setElementOrder/finalizers: ['1', '2']
                      $deleteFromPrimitiveList/finalizers: ['3']
                    """)).isEqualTo(yaml("metadata: {finalizers: ['1', '2', '4']}"));
        }

        @Test
        void addsAndDeletesPrimitivesInTheRequestedOrder() {
            assertThat(patch("metadata: {finalizers: ['1', '2', '3']}", """
                    metadata:
                      $setElementOrder/finalizers: ['1', '2', '4']
                      $deleteFromPrimitiveList/finalizers: ['3']
                      finalizers: ['4']
                    """)).isEqualTo(yaml("metadata: {finalizers: ['1', '2', '4']}"));
        }

        @Test
        void createsTheListWhenTheOriginalHasNone() {
            assertThat(patch("spec: {}", """
                    spec:
                      $setElementOrder/containers: [{name: b}, {name: a}]
                      containers: [{name: b, image: y}, {name: a, image: x}]
                    """)).isEqualTo(yaml("spec: {containers: [{name: b, image: y}, {name: a, image: x}]}"));
        }

        @Test
        void mustBeAList() {
            assertThatThrownBy(() -> patch("spec: {containers: []}", "spec: {$setElementOrder/containers: web}"))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("invalid patch format of setElementOrder list");
        }
    }

    @Nested
    class KubectlPatches {

        private static final String LIVE_DEPLOYMENT = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: default
                  generation: 3
                  annotations:
                    deployment.kubernetes.io/revision: '3'
                    kubectl.kubernetes.io/last-applied-configuration: '{"old":true}'
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      restartPolicy: Always
                      dnsPolicy: ClusterFirst
                      containers:
                      - name: web
                        image: nginx:1.25
                        imagePullPolicy: IfNotPresent
                        terminationMessagePath: /dev/termination-log
                        ports: [{containerPort: 80, protocol: TCP}]
                        env:
                        - {name: MODE, value: prod}
                        - {name: INJECTED_BY_WEBHOOK, value: '1'}
                      - name: log-shipper
                        image: fluent-bit:2
                status:
                  replicas: 2
                  observedGeneration: 3
                """;

        /** What {@code kubectl apply} sends after the image was bumped and LOG_LEVEL added to the manifest. */
        private static final String APPLY_PATCH = """
                {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"new\\":true}"}},
                 "spec":{"template":{"spec":{
                   "$setElementOrder/containers":[{"name":"web"},{"name":"log-shipper"}],
                   "containers":[{
                     "$setElementOrder/env":[{"name":"MODE"},{"name":"LOG_LEVEL"}],
                     "env":[{"name":"LOG_LEVEL","value":"debug"}],
                     "image":"nginx:1.26",
                     "name":"web"}]}}}}
                """;

        @Test
        void applyChangesOneImageAndAddsAnEnvVarLeavingServerFieldsAlone() {
            JsonNode result = StrategicMergePatch.apply(yaml(LIVE_DEPLOYMENT), json(APPLY_PATCH));

            assertThat(result).isEqualTo(yaml("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                      namespace: default
                      generation: 3
                      annotations:
                        deployment.kubernetes.io/revision: '3'
                        kubectl.kubernetes.io/last-applied-configuration: '{"new":true}'
                    spec:
                      replicas: 2
                      selector: {matchLabels: {app: web}}
                      strategy:
                        type: RollingUpdate
                        rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
                      template:
                        metadata:
                          labels: {app: web}
                        spec:
                          restartPolicy: Always
                          dnsPolicy: ClusterFirst
                          containers:
                          - name: web
                            image: nginx:1.26
                            imagePullPolicy: IfNotPresent
                            terminationMessagePath: /dev/termination-log
                            ports: [{containerPort: 80, protocol: TCP}]
                            env:
                            - {name: MODE, value: prod}
                            - {name: LOG_LEVEL, value: debug}
                            - {name: INJECTED_BY_WEBHOOK, value: '1'}
                          - name: log-shipper
                            image: fluent-bit:2
                    status:
                      replicas: 2
                      observedGeneration: 3
                    """));
        }

        @Test
        void applyDirectivesDoNotLeakIntoTheObject() {
            String result = StrategicMergePatch.apply(yaml(LIVE_DEPLOYMENT), json(APPLY_PATCH)).toString();

            assertThat(result).doesNotContain("$setElementOrder", "$patch", "$retainKeys");
        }

        @Test
        void applyRemovingAContainerDeletesItByName() {
            JsonNode result = StrategicMergePatch.apply(yaml(LIVE_DEPLOYMENT), json("""
                    {"spec":{"template":{"spec":{
                      "$setElementOrder/containers":[{"name":"web"}],
                      "containers":[{"$patch":"delete","name":"log-shipper"}]}}}}
                    """));

            assertThat(namesIn(result.at("/spec/template/spec/containers"))).containsExactly("web");
        }

        @Test
        void rolloutRestartAddsTheRestartedAtAnnotation() {
            JsonNode result = StrategicMergePatch.apply(yaml(LIVE_DEPLOYMENT), json("""
                    {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}}}}
                    """));

            assertThat(result.at("/spec/template/metadata")).isEqualTo(yaml("""
                    labels: {app: web}
                    annotations: {kubectl.kubernetes.io/restartedAt: '2025-01-01T00:00:00Z'}
                    """));
        }

        @Test
        void setImageChangesOnlyThatContainersImage() {
            JsonNode result = StrategicMergePatch.apply(yaml(LIVE_DEPLOYMENT), json("""
                    {"spec":{"template":{"spec":{"containers":[{"image":"fluent-bit:3","name":"log-shipper"}]}}}}
                    """));

            assertThat(result.at("/spec/template/spec/containers/1")).isEqualTo(yaml("{name: log-shipper, image: 'fluent-bit:3'}"));
            assertThat(result.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.25");
        }

        @Test
        void rolloutPauseSetsPausedOnTheSpec() {
            JsonNode result = StrategicMergePatch.apply(yaml(LIVE_DEPLOYMENT), json("{\"spec\":{\"paused\":true}}"));

            assertThat(result.at("/spec/paused").asBoolean()).isTrue();
            assertThat(result.at("/spec/replicas").asInt()).isEqualTo(2);
        }
    }
}

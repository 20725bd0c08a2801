package io.coxswain.protocol.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.HashMap;
import java.util.Map;

/**
 * What the Kubernetes protobuf descriptors do not say but Go's {@code encoding/json} does, per message field.
 *
 * <p>Kubernetes' protobuf encoder (gogo-generated) writes every non-pointer Go field, so a protobuf body carries
 * {@code namespace: ""}, {@code generation: 0}, {@code protocol: ""}, {@code creationTimestamp: <empty>} and so on
 * where the JSON of the same object omits them ({@code omitempty}). Pointer fields are written only when set, and then
 * even a zero value is meaningful ({@code replicas: 0}, {@code runAsUser: 0}). The descriptors cannot tell the two apart,
 * so this table lists, per message, only the fields that are not plain "same name, emit when present":
 *
 * <ul>
 *   <li>{@code field~}: a non-pointer scalar with {@code omitempty}: left out when zero ({@code ""}, 0, false, no bytes);
 *   <li>{@code field^}: an embedded Go struct whose JSON fields are inlined into the parent ({@code Volume.volumeSource},
 *       {@code Probe.handler}, {@code IngressRule.ingressRuleValue}, {@code *KeySelector.localObjectReference}, ...);
 *   <li>{@code field=json}: the JSON name differs from the proto name ({@code IngressClassParametersReference.aPIGroup},
 *       {@code JSONSchemaProps.ref = $ref}, {@code x-kubernetes-*}, ...).
 * </ul>
 *
 * <p>Derived mechanically from the Go struct tags ({@code json:"..."} / {@code protobuf:"...,name=..."}, pointer or not)
 * of k8s.io/api, k8s.io/apimachinery and k8s.io/apiextensions-apiserver (master, July 2026: commits 10b39a39,
 * eed236ce, 1aa2717a), restricted to the messages of io.kubernetes:client-java-proto 27.0.0. Messages not listed
 * (e.g. the removed autoscaling/v2beta1 and v2beta2) emit every field that is present, under its proto name.
 */
final class GoJsonFields {

    /** How one proto field shows in Kubernetes JSON. */
    record Field(String jsonName, boolean inline, boolean omitZero) {}

    private static final Map<String, Map<String, Field>> BY_MESSAGE = parse();

    private GoJsonFields() {}

    /** The exceptional fields of a message, keyed by proto field name; empty when all fields are plain. */
    static Map<String, Field> of(Descriptor message) {
        return BY_MESSAGE.getOrDefault(message.getFullName(), Map.of());
    }

    static Map<String, Map<String, Field>> all() {
        return BY_MESSAGE;
    }

    private static Map<String, Map<String, Field>> parse() {
        Map<String, Map<String, Field>> result = new HashMap<>();
        String pkg = "";
        for (String line : TABLE.split("\n")) {
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                pkg = line.substring(1);
                continue;
            }
            String[] words = line.split(" ");
            Map<String, Field> fields = new HashMap<>();
            for (int i = 1; i < words.length; i++) {
                String word = words[i];
                boolean omitZero = word.endsWith("~");
                if (omitZero) {
                    word = word.substring(0, word.length() - 1);
                }
                boolean inline = word.endsWith("^");
                if (inline) {
                    word = word.substring(0, word.length() - 1);
                }
                int eq = word.indexOf('=');
                String protoName = eq < 0 ? word : word.substring(0, eq);
                String jsonName = eq < 0 ? word : word.substring(eq + 1);
                fields.put(protoName, new Field(jsonName, inline, omitZero));
            }
            result.put(pkg + "." + words[0], Map.copyOf(fields));
        }
        return Map.copyOf(result);
    }

    private static final String TABLE = """
            #k8s.io.apimachinery.pkg.apis.meta.v1
            APIResource group~ version~ storageVersionHash~
            Condition observedGeneration~
            CreateOptions fieldManager~ fieldValidation~
            GetOptions resourceVersion~
            ListMeta selfLink~ resourceVersion~ continue~
            ListOptions labelSelector~ fieldSelector~ watch~ allowWatchBookmarks~ resourceVersion~ resourceVersionMatch~ limit~ continue~ shardSelector~
            ManagedFieldsEntry manager~ operation~ apiVersion~ fieldsType~ subresource~
            ObjectMeta name~ generateName~ namespace~ selfLink~ uid~ resourceVersion~ generation~
            PatchOptions fieldManager~ fieldValidation~
            Status status~ message~ reason~ code~
            StatusCause reason~ message~ field~
            StatusDetails name~ group~ kind~ uid~ retryAfterSeconds~
            TableOptions includeObject~
            TypeMeta kind~ apiVersion~
            UpdateOptions fieldManager~ fieldValidation~
            #k8s.io.apimachinery.pkg.runtime
            TypeMeta apiVersion~ kind~
            #k8s.io.api.core.v1
            AWSElasticBlockStoreVolumeSource fsType~ partition~ readOnly~
            AzureFilePersistentVolumeSource readOnly~
            AzureFileVolumeSource readOnly~
            CSIPersistentVolumeSource readOnly~ fsType~
            CephFSPersistentVolumeSource path~ user~ secretFile~ readOnly~
            CephFSVolumeSource path~ user~ secretFile~ readOnly~
            CinderPersistentVolumeSource fsType~ readOnly~
            CinderVolumeSource fsType~ readOnly~
            ComponentCondition message~ error~
            ConfigMapEnvSource localObjectReference^
            ConfigMapKeySelector localObjectReference^
            ConfigMapNodeConfigSource uid~ resourceVersion~
            ConfigMapProjection localObjectReference^
            ConfigMapVolumeSource localObjectReference^
            Container image~ workingDir~ terminationMessagePath~ terminationMessagePolicy~ imagePullPolicy~ stdin~ stdinOnce~ tty~
            ContainerImage sizeBytes~
            ContainerPort name~ hostPort~ protocol~ hostIP~
            ContainerRestartRule action~
            ContainerRestartRuleOnExitCodes operator~
            ContainerStateTerminated signal~ reason~ message~ containerID~
            ContainerStateWaiting reason~ message~
            ContainerStatus containerID~
            EmptyDirVolumeSource medium~
            EndpointAddress hostname~
            EndpointPort name~ protocol~
            EnvFromSource prefix~
            EnvVar value~
            EphemeralContainer ephemeralContainerCommon^ targetContainerName~
            EphemeralContainerCommon image~ workingDir~ terminationMessagePath~ terminationMessagePolicy~ imagePullPolicy~ stdin~ stdinOnce~ tty~
            Event reason~ message~ count~ type~ action~
            EventSeries count~
            EventSource component~ host~
            FCVolumeSource fsType~ readOnly~
            FlexPersistentVolumeSource fsType~ readOnly~
            FlexVolumeSource fsType~ readOnly~
            FlockerVolumeSource datasetName~ datasetUUID~
            GCEPersistentDiskVolumeSource fsType~ partition~ readOnly~
            GitRepoVolumeSource revision~ directory~
            GlusterfsPersistentVolumeSource readOnly~
            GlusterfsVolumeSource readOnly~
            HTTPGetAction path~ host~ scheme~
            ISCSIPersistentVolumeSource iscsiInterface~ fsType~ readOnly~ chapAuthDiscovery~ chapAuthSession~
            ISCSIVolumeSource iscsiInterface~ fsType~ readOnly~ chapAuthDiscovery~ chapAuthSession~
            ImageVolumeSource reference~ pullPolicy~
            ImageVolumeStatus imageRef~
            LoadBalancerIngress ip~ hostname~
            LocalObjectReference name~
            ModifyVolumeStatus targetVolumeAttributesClassName~
            NFSVolumeSource readOnly~
            NamespaceCondition reason~ message~
            NamespaceStatus phase~
            NodeCondition reason~ message~
            NodeConfigStatus error~
            NodeProxyOptions path~
            NodeSpec podCIDR~ providerID~ unschedulable~ externalID~
            NodeStatus phase~
            ObjectFieldSelector apiVersion~
            ObjectReference kind~ namespace~ name~ uid~ apiVersion~ resourceVersion~ fieldPath~
            PersistentVolumeClaimCondition reason~ message~
            PersistentVolumeClaimSpec volumeName~
            PersistentVolumeClaimStatus phase~
            PersistentVolumeClaimVolumeSource readOnly~
            PersistentVolumeSpec persistentVolumeSource^ persistentVolumeReclaimPolicy~ storageClassName~
            PersistentVolumeStatus phase~ message~ reason~
            PhotonPersistentDiskVolumeSource fsType~
            PodAttachOptions stdin~ stdout~ stderr~ tty~ container~
            PodCertificateProjection signerName~ keyType~ credentialBundlePath~ keyPath~ certificateChainPath~
            PodCondition observedGeneration~ reason~ message~
            PodDNSConfigOption name~
            PodExecOptions stdin~ stdout~ stderr~ tty~ container~
            PodLogOptions container~ follow~ previous~ timestamps~ insecureSkipTLSVerifyBackend~
            PodProxyOptions path~
            PodSpec restartPolicy~ dnsPolicy~ serviceAccountName~ serviceAccount~ nodeName~ hostNetwork~ hostPID~ hostIPC~ hostname~ subdomain~ schedulerName~ priorityClassName~
            PodStatus observedGeneration~ phase~ message~ reason~ nominatedNodeName~ hostIP~ podIP~ qosClass~ resize~
            PortworxVolumeSource fsType~ readOnly~
            PreferAvoidPodsEntry reason~ message~
            Probe handler^ initialDelaySeconds~ timeoutSeconds~ periodSeconds~ successThreshold~ failureThreshold~
            QuobyteVolumeSource readOnly~ user~ group~ tenant~
            RBDPersistentVolumeSource fsType~ pool~ user~ keyring~ readOnly~
            RBDVolumeSource fsType~ pool~ user~ keyring~ readOnly~
            ReplicationControllerCondition reason~ message~
            ReplicationControllerSpec minReadySeconds~
            ReplicationControllerStatus fullyLabeledReplicas~ readyReplicas~ availableReplicas~ observedGeneration~
            ResourceClaim request~
            ResourceFieldSelector containerName~
            ResourceHealth health~
            SELinuxOptions user~ role~ type~ level~
            ScaleIOPersistentVolumeSource sslEnabled~ protectionDomain~ storagePool~ storageMode~ volumeName~ fsType~ readOnly~
            ScaleIOVolumeSource sslEnabled~ protectionDomain~ storagePool~ storageMode~ volumeName~ fsType~ readOnly~
            Secret type~
            SecretEnvSource localObjectReference^
            SecretKeySelector localObjectReference^
            SecretProjection localObjectReference^
            SecretReference name~ namespace~
            SecretVolumeSource secretName~
            ServiceAccountTokenProjection audience~
            ServicePort name~ protocol~ nodePort~
            ServiceProxyOptions path~
            ServiceSpec clusterIP~ type~ sessionAffinity~ loadBalancerIP~ externalName~ externalTrafficPolicy~ healthCheckNodePort~ publishNotReadyAddresses~
            StorageOSPersistentVolumeSource volumeName~ volumeNamespace~ fsType~ readOnly~
            StorageOSVolumeSource volumeName~ volumeNamespace~ fsType~ readOnly~
            TCPSocketAction host~
            Taint value~
            Toleration key~ operator~ value~ effect~
            Volume volumeSource^
            VolumeMount readOnly~ subPath~ subPathExpr~
            VolumeMountStatus readOnly~
            VsphereVirtualDiskVolumeSource fsType~ storagePolicyName~ storagePolicyID~
            #k8s.io.api.admission.v1
            AdmissionRequest subResource~ requestSubResource~ name~ namespace~
            AdmissionResponse patch~
            #k8s.io.api.admissionregistration.v1
            ApplyConfiguration expression~
            JSONPatch expression~
            MutatingAdmissionPolicyBindingSpec policyName~
            MutatingAdmissionPolicySpec reinvocationPolicy~
            MutatingWebhookConfiguration Webhooks=webhooks
            NamedRuleWithOperations ruleWithOperations^
            ParamKind apiVersion~ kind~
            ParamRef name~ namespace~
            RuleWithOperations rule^
            ValidatingAdmissionPolicyBindingSpec policyName~
            ValidatingAdmissionPolicyStatus observedGeneration~
            ValidatingWebhookConfiguration Webhooks=webhooks
            Validation Expression=expression message~ messageExpression~
            Variable Name=name Expression=expression
            WebhookClientConfig caBundle~
            #k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1
            CustomResourceColumnDefinition format~ description~ priority~
            CustomResourceDefinitionCondition reason~ message~ observedGeneration~
            CustomResourceDefinitionNames singular~ listKind~
            CustomResourceDefinitionSpec preserveUnknownFields~
            CustomResourceDefinitionStatus observedGeneration~
            CustomResourceDefinitionVersion deprecated~
            ExternalDocumentation description~ url~
            JSONSchemaProps id~ schema=$schema~ ref=$ref description~ type~ format~ title~ exclusiveMaximum~ exclusiveMinimum~ pattern~ uniqueItems~ nullable~ xKubernetesPreserveUnknownFields=x-kubernetes-preserve-unknown-fields xKubernetesEmbeddedResource=x-kubernetes-embedded-resource~ xKubernetesIntOrString=x-kubernetes-int-or-string~ xKubernetesListMapKeys=x-kubernetes-list-map-keys xKubernetesListType=x-kubernetes-list-type xKubernetesMapType=x-kubernetes-map-type xKubernetesValidations=x-kubernetes-validations
            ValidationRule message~ messageExpression~ fieldPath~
            WebhookClientConfig caBundle~
            #k8s.io.api.apps.v1
            DaemonSetCondition reason~ message~
            DaemonSetSpec minReadySeconds~
            DaemonSetStatus observedGeneration~ updatedNumberScheduled~ numberAvailable~ numberUnavailable~
            DaemonSetUpdateStrategy type~
            DeploymentCondition reason~ message~
            DeploymentSpec minReadySeconds~ paused~
            DeploymentStatus observedGeneration~ replicas~ updatedReplicas~ readyReplicas~ availableReplicas~ unavailableReplicas~
            DeploymentStrategy type~
            ReplicaSetCondition reason~ message~
            ReplicaSetSpec minReadySeconds~
            ReplicaSetStatus fullyLabeledReplicas~ readyReplicas~ availableReplicas~ observedGeneration~
            StatefulSetCondition reason~ message~
            StatefulSetPersistentVolumeClaimRetentionPolicy whenDeleted~ whenScaled~
            StatefulSetSpec podManagementPolicy~ minReadySeconds~
            StatefulSetStatus observedGeneration~ readyReplicas~ currentReplicas~ updatedReplicas~ currentRevision~ updateRevision~
            StatefulSetUpdateStrategy type~
            #k8s.io.api.authentication.v1
            BoundObjectReference kind~ apiVersion~ name~ uID=uid~
            TokenReviewSpec token~
            TokenReviewStatus authenticated~ error~
            UserInfo username~ uid~
            #k8s.io.api.authorization.v1
            FieldSelectorAttributes rawSelector~
            LabelSelectorAttributes rawSelector~
            NonResourceAttributes path~ verb~
            ResourceAttributes namespace~ verb~ group~ version~ resource~ subresource~ name~
            SelfSubjectRulesReviewSpec namespace~
            SubjectAccessReviewSpec user~ uid~
            SubjectAccessReviewStatus denied~ reason~ evaluationError~
            SubjectRulesReviewStatus evaluationError~
            #k8s.io.api.autoscaling.v1
            CrossVersionObjectReference apiVersion~
            HorizontalPodAutoscalerCondition reason~ message~
            ScaleSpec replicas~
            ScaleStatus selector~
            #k8s.io.api.batch.v1
            CronJobSpec concurrencyPolicy~
            JobCondition reason~ message~
            JobStatus active~ succeeded~ failed~ completedIndexes~
            #k8s.io.api.certificates.v1
            CertificateSigningRequestCondition reason~ message~
            CertificateSigningRequestSpec username~ uid~
            CertificateSigningRequestStatus certificate~
            #k8s.io.api.events.v1
            Event reportingController~ reportingInstance~ action~ reason~ note~ type~ deprecatedCount~
            #k8s.io.api.flowcontrol.v1
            FlowSchemaCondition type~ status~ reason~ message~
            PriorityLevelConfigurationCondition type~ status~ reason~ message~
            ResourcePolicyRule clusterScope~
            #k8s.io.api.networking.v1
            HTTPIngressPath path~
            IngressClassParametersReference aPIGroup=apiGroup
            IngressClassSpec controller~
            IngressLoadBalancerIngress ip~ hostname~
            IngressRule host~ ingressRuleValue^
            IngressTLS secretName~
            ParentReference group~ resource~ namespace~ name~
            ServiceBackendPort name~ number~
            #k8s.io.api.policy.v1
            PodDisruptionBudgetStatus observedGeneration~
            #k8s.io.api.rbac.v1
            Subject apiGroup~ namespace~
            #k8s.io.api.resource.v1
            DeviceAllocationConfiguration deviceConfiguration^
            DeviceClaimConfiguration deviceConfiguration^
            DeviceClassConfiguration deviceConfiguration^
            DeviceSubRequest allocationMode~ count~
            DeviceTaint value~
            DeviceToleration key~ operator~ value~ effect~
            ExactDeviceRequest allocationMode~ count~
            NetworkDeviceData interfaceName~ hardwareAddress~
            ResourceClaimConsumerReference apiGroup~
            #k8s.io.api.scheduling.v1
            PriorityClass globalDefault~ description~
            #k8s.io.api.storage.v1
            VolumeError message~
            #k8s.io.api.apiserverinternal.v1alpha1
            ServerStorageVersion apiServerID~ encodingVersion~
            StorageVersionCondition observedGeneration~ message~
            #k8s.io.api.imagepolicy.v1alpha1
            ImageReviewContainerSpec image~
            ImageReviewSpec namespace~
            ImageReviewStatus reason~
            #k8s.io.api.rbac.v1alpha1
            Subject apiVersion~ namespace~
            #k8s.io.api.admission.v1beta1
            AdmissionRequest subResource~ requestSubResource~ name~ namespace~
            AdmissionResponse patch~
            #k8s.io.api.admissionregistration.v1beta1
            ApplyConfiguration expression~
            JSONPatch expression~
            MutatingAdmissionPolicyBindingSpec policyName~
            MutatingAdmissionPolicySpec reinvocationPolicy~
            MutatingWebhookConfiguration Webhooks=webhooks
            NamedRuleWithOperations ruleWithOperations^
            ParamKind apiVersion~ kind~
            ParamRef name~ namespace~
            ValidatingAdmissionPolicyBindingSpec policyName~
            ValidatingAdmissionPolicyStatus observedGeneration~
            ValidatingWebhookConfiguration Webhooks=webhooks
            Validation Expression=expression message~ messageExpression~
            Variable Name=name Expression=expression
            WebhookClientConfig caBundle~
            #k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1
            CustomResourceColumnDefinition format~ description~ priority~
            CustomResourceDefinitionCondition reason~ message~ observedGeneration~
            CustomResourceDefinitionNames singular~ listKind~
            CustomResourceDefinitionSpec version~
            CustomResourceDefinitionStatus observedGeneration~
            CustomResourceDefinitionVersion deprecated~
            ExternalDocumentation description~ url~
            JSONSchemaProps id~ schema=$schema~ ref=$ref description~ type~ format~ title~ exclusiveMaximum~ exclusiveMinimum~ pattern~ uniqueItems~ nullable~ xKubernetesPreserveUnknownFields=x-kubernetes-preserve-unknown-fields xKubernetesEmbeddedResource=x-kubernetes-embedded-resource~ xKubernetesIntOrString=x-kubernetes-int-or-string~ xKubernetesListMapKeys=x-kubernetes-list-map-keys xKubernetesListType=x-kubernetes-list-type xKubernetesMapType=x-kubernetes-map-type xKubernetesValidations=x-kubernetes-validations
            ValidationRule message~ messageExpression~ fieldPath~
            WebhookClientConfig caBundle~
            #k8s.io.api.apps.v1beta1
            DeploymentCondition reason~ message~
            DeploymentSpec minReadySeconds~ paused~
            DeploymentStatus observedGeneration~ replicas~ updatedReplicas~ readyReplicas~ availableReplicas~ unavailableReplicas~
            DeploymentStrategy type~
            RollbackConfig revision~
            ScaleSpec replicas~
            ScaleStatus targetSelector~
            StatefulSetCondition reason~ message~
            StatefulSetPersistentVolumeClaimRetentionPolicy whenDeleted~ whenScaled~
            StatefulSetSpec podManagementPolicy~ minReadySeconds~
            StatefulSetStatus readyReplicas~ currentReplicas~ updatedReplicas~ currentRevision~ updateRevision~
            StatefulSetUpdateStrategy type~
            #k8s.io.api.authentication.v1beta1
            TokenReviewSpec token~
            TokenReviewStatus authenticated~ error~
            UserInfo username~ uid~
            #k8s.io.api.authorization.v1beta1
            NonResourceAttributes path~ verb~
            ResourceAttributes namespace~ verb~ group~ version~ resource~ subresource~ name~
            SelfSubjectRulesReviewSpec namespace~
            SubjectAccessReviewSpec user~ uid~
            SubjectAccessReviewStatus denied~ reason~ evaluationError~
            SubjectRulesReviewStatus evaluationError~
            #k8s.io.api.batch.v1beta1
            CronJobSpec concurrencyPolicy~
            #k8s.io.api.certificates.v1beta1
            CertificateSigningRequestCondition reason~ message~
            CertificateSigningRequestSpec username~ uid~
            CertificateSigningRequestStatus certificate~
            ClusterTrustBundleSpec signerName~
            PodCertificateRequestStatus certificateChain~
            #k8s.io.api.extensions.v1beta1
            DaemonSetCondition reason~ message~
            DaemonSetSpec minReadySeconds~ templateGeneration~
            DaemonSetStatus observedGeneration~ updatedNumberScheduled~ numberAvailable~ numberUnavailable~
            DaemonSetUpdateStrategy type~
            DeploymentCondition reason~ message~
            DeploymentSpec minReadySeconds~ paused~
            DeploymentStatus observedGeneration~ replicas~ updatedReplicas~ readyReplicas~ availableReplicas~ unavailableReplicas~
            DeploymentStrategy type~
            HTTPIngressPath path~
            IngressBackend serviceName~
            IngressLoadBalancerIngress ip~ hostname~
            IngressRule host~ ingressRuleValue^
            IngressTLS secretName~
            ReplicaSetCondition reason~ message~
            ReplicaSetSpec minReadySeconds~
            ReplicaSetStatus fullyLabeledReplicas~ readyReplicas~ availableReplicas~ observedGeneration~
            RollbackConfig revision~
            ScaleSpec replicas~
            ScaleStatus targetSelector~
            #k8s.io.api.policy.v1beta1
            PodDisruptionBudgetStatus observedGeneration~
            #k8s.io.api.rbac.v1beta1
            Subject apiGroup~ namespace~
            #k8s.io.api.storage.v1beta1
            VolumeError message~
            #k8s.io.api.storagemigration.v1beta1
            StorageVersionMigrationStatus resourceVersion~
            #k8s.io.api.apps.v1beta2
            DaemonSetCondition reason~ message~
            DaemonSetSpec minReadySeconds~
            DaemonSetStatus observedGeneration~ updatedNumberScheduled~ numberAvailable~ numberUnavailable~
            DaemonSetUpdateStrategy type~
            DeploymentCondition reason~ message~
            DeploymentSpec minReadySeconds~ paused~
            DeploymentStatus observedGeneration~ replicas~ updatedReplicas~ readyReplicas~ availableReplicas~ unavailableReplicas~
            DeploymentStrategy type~
            ReplicaSetCondition reason~ message~
            ReplicaSetSpec minReadySeconds~
            ReplicaSetStatus fullyLabeledReplicas~ readyReplicas~ availableReplicas~ observedGeneration~
            ScaleSpec replicas~
            ScaleStatus targetSelector~
            StatefulSetCondition reason~ message~
            StatefulSetPersistentVolumeClaimRetentionPolicy whenDeleted~ whenScaled~
            StatefulSetSpec podManagementPolicy~ minReadySeconds~
            StatefulSetStatus observedGeneration~ readyReplicas~ currentReplicas~ updatedReplicas~ currentRevision~ updateRevision~
            StatefulSetUpdateStrategy type~
            #k8s.io.api.apidiscovery.v2
            APIVersionDiscovery freshness~
            #k8s.io.api.autoscaling.v2
            CrossVersionObjectReference apiVersion~
            HorizontalPodAutoscalerCondition reason~ message~
            HorizontalPodAutoscalerStatus currentReplicas~
            #k8s.io.api.apidiscovery.v2beta1
            APIVersionDiscovery freshness~
            """;
}

package io.coxswain.protocol.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.nio.charset.StandardCharsets;

/** Realistic objects as a cluster stores them (spec, status, managed fields), written as YAML. */
final class Manifests {

    private Manifests() {
    }

    static ObjectNode yaml(String text) {
        return (ObjectNode) Json.parseYaml(text.getBytes(StandardCharsets.UTF_8));
    }

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              uid: 7c1d0c1e-5b4a-4f0e-9a43-1f2e3d4c5b6a
              resourceVersion: "12345"
              generation: 4
              creationTimestamp: "2024-05-01T10:00:00Z"
              labels: {app: web, tier: frontend}
              annotations:
                deployment.kubernetes.io/revision: "3"
                kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"apps/v1","kind":"Deployment"}'
              finalizers: [example.com/protect]
              ownerReferences:
              - apiVersion: example.com/v1
                kind: WebApp
                name: web
                uid: 11111111-2222-3333-4444-555555555555
                controller: true
                blockOwnerDeletion: true
              managedFields:
              - manager: kubectl-client-side-apply
                operation: Update
                apiVersion: apps/v1
                time: "2024-05-01T10:00:00Z"
                fieldsType: FieldsV1
                fieldsV1:
                  f:metadata:
                    f:labels:
                      .: {}
                      f:app: {}
                  f:spec:
                    f:replicas: {}
              - manager: kube-controller-manager
                operation: Update
                apiVersion: apps/v1
                subresource: status
                time: "2024-05-01T10:01:00Z"
                fieldsType: FieldsV1
                fieldsV1: {"f:status": {"f:replicas": {}}}
            spec:
              replicas: 3
              revisionHistoryLimit: 10
              progressDeadlineSeconds: 600
              minReadySeconds: 5
              paused: false
              selector:
                matchLabels: {app: web}
                matchExpressions:
                - {key: tier, operator: In, values: [frontend]}
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
              template:
                metadata:
                  labels: {app: web, tier: frontend}
                  annotations: {prometheus.io/scrape: "true"}
                spec:
                  serviceAccountName: web
                  automountServiceAccountToken: false
                  terminationGracePeriodSeconds: 30
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  schedulerName: default-scheduler
                  priorityClassName: high
                  enableServiceLinks: false
                  imagePullSecrets: [{name: registry}]
                  nodeSelector: {kubernetes.io/os: linux}
                  securityContext:
                    runAsUser: 1000
                    runAsGroup: 3000
                    runAsNonRoot: true
                    fsGroup: 2000
                    fsGroupChangePolicy: OnRootMismatch
                    supplementalGroups: [4000]
                    seccompProfile: {type: RuntimeDefault}
                    sysctls: [{name: net.ipv4.ip_local_port_range, value: "1024 65535"}]
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                        - matchExpressions:
                          - {key: topology.kubernetes.io/zone, operator: In, values: [eu-1a, eu-1b]}
                      preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 1
                        preference:
                          matchExpressions:
                          - {key: node-type, operator: In, values: [fast]}
                    podAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                      - labelSelector:
                          matchExpressions: [{key: app, operator: In, values: [cache]}]
                        topologyKey: topology.kubernetes.io/zone
                        namespaces: [shop]
                    podAntiAffinity:
                      preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        podAffinityTerm:
                          labelSelector:
                            matchLabels: {app: web}
                          topologyKey: kubernetes.io/hostname
                  tolerations:
                  - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
                  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
                  topologySpreadConstraints:
                  - maxSkew: 1
                    topologyKey: topology.kubernetes.io/zone
                    whenUnsatisfiable: ScheduleAnyway
                    labelSelector: {matchLabels: {app: web}}
                  initContainers:
                  - name: migrate
                    image: registry.example.com/web-migrate:1.4
                    command: [/bin/migrate]
                    args: [--up]
                    envFrom:
                    - configMapRef: {name: web-config}
                    - secretRef: {name: web-secrets, optional: true}
                      prefix: DB_
                  containers:
                  - name: web
                    image: registry.example.com/web:1.4
                    imagePullPolicy: IfNotPresent
                    workingDir: /app
                    ports:
                    - {name: http, containerPort: 8080, protocol: TCP}
                    - {name: metrics, containerPort: 9090}
                    env:
                    - {name: MODE, value: production}
                    - name: POD_NAME
                      valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.name}}
                    - name: CPU_LIMIT
                      valueFrom: {resourceFieldRef: {containerName: web, resource: limits.cpu, divisor: 1m}}
                    - name: DB_PASSWORD
                      valueFrom: {secretKeyRef: {name: db, key: password}}
                    - name: FEATURE
                      valueFrom: {configMapKeyRef: {name: web-config, key: feature, optional: true}}
                    resources:
                      requests: {cpu: 250m, memory: 256Mi}
                      limits: {cpu: "1", memory: 512Mi, ephemeral-storage: 1Gi}
                    livenessProbe:
                      httpGet:
                        path: /healthz
                        port: http
                        scheme: HTTP
                        httpHeaders: [{name: X-Probe, value: liveness}]
                      initialDelaySeconds: 10
                      periodSeconds: 10
                      timeoutSeconds: 2
                      failureThreshold: 3
                      successThreshold: 1
                    readinessProbe:
                      tcpSocket: {port: 8080}
                      periodSeconds: 5
                    startupProbe:
                      exec: {command: [cat, /tmp/ready]}
                      failureThreshold: 30
                      periodSeconds: 2
                    lifecycle:
                      preStop:
                        exec: {command: [/bin/sh, -c, sleep 5]}
                      postStart:
                        httpGet: {path: /started, port: 8080}
                    securityContext:
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      privileged: false
                      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
                    volumeMounts:
                    - {name: config, mountPath: /etc/web, readOnly: true}
                    - {name: cache, mountPath: /var/cache/web, subPath: web}
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                  - name: sidecar
                    image: envoyproxy/envoy:v1.30
                    args: [--config-path, /etc/envoy/envoy.yaml]
                    ports: [{containerPort: 15000, hostPort: 15000}]
                    readinessProbe:
                      grpc: {port: 15000, service: ready}
                    resources: {limits: {memory: 128Mi}}
                    stdin: false
                    tty: false
                  volumes:
                  - name: config
                    configMap:
                      name: web-config
                      defaultMode: 420
                      items: [{key: app.yaml, path: app.yaml}]
                  - name: cache
                    emptyDir: {medium: Memory, sizeLimit: 64Mi}
                  - name: secrets
                    secret: {secretName: web-secrets, optional: false}
                  - name: token
                    projected:
                      sources:
                      - serviceAccountToken: {audience: api, expirationSeconds: 3600, path: token}
                      - downwardAPI:
                          items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]
                  - name: data
                    persistentVolumeClaim: {claimName: web-data}
                  - name: host
                    hostPath: {path: /var/log, type: Directory}
            status:
              observedGeneration: 4
              replicas: 3
              updatedReplicas: 3
              readyReplicas: 3
              availableReplicas: 3
              conditions:
              - type: Available
                status: "True"
                lastUpdateTime: "2024-05-01T10:02:00Z"
                lastTransitionTime: "2024-05-01T10:02:00Z"
                reason: MinimumReplicasAvailable
                message: Deployment has minimum availability.
              - type: Progressing
                status: "True"
                lastUpdateTime: "2024-05-01T10:02:00Z"
                lastTransitionTime: "2024-05-01T10:00:00Z"
                reason: NewReplicaSetAvailable
                message: ReplicaSet "web-5d8f" has successfully progressed.
            """;

    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d8f-abcde
              generateName: web-5d8f-
              namespace: shop
              uid: 0a1b2c3d-0000-4000-8000-000000000001
              resourceVersion: "777"
              creationTimestamp: "2024-05-01T10:00:05Z"
              labels: {app: web, pod-template-hash: 5d8f}
              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: 0a1b2c3d-0000-4000-8000-000000000002,
                 controller: true, blockOwnerDeletion: true}
            spec:
              nodeName: node-1
              hostname: web
              subdomain: web-headless
              hostAliases: [{ip: 10.0.0.1, hostnames: [db.local]}]
              dnsConfig:
                nameservers: [1.1.1.1]
                searches: [svc.cluster.local]
                options: [{name: ndots, value: "2"}]
              shareProcessNamespace: true
              hostNetwork: false
              priority: 1000
              preemptionPolicy: PreemptLowerPriority
              readinessGates: [{conditionType: example.com/ready}]
              os: {name: linux}
              serviceAccountName: default
              serviceAccount: default
              restartPolicy: Always
              terminationGracePeriodSeconds: 30
              initContainers:
              - name: proxy
                image: envoyproxy/envoy:v1.30
                restartPolicy: Always
                resources: {requests: {cpu: 50m, memory: 64Mi}}
              containers:
              - name: app
                image: busybox:1.36
                command: [sh, -c, sleep 3600]
                resources: {requests: {cpu: 100m}, limits: {memory: 64Mi}}
                resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]
                volumeMounts:
                - {name: kube-api-access, mountPath: /var/run/secrets/kubernetes.io/serviceaccount, readOnly: true}
              volumes:
              - name: kube-api-access
                projected:
                  defaultMode: 420
                  sources:
                  - serviceAccountToken: {expirationSeconds: 3607, path: token}
                  - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}
                  - downwardAPI:
                      items: [{path: namespace, fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}]
              tolerations:
              - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
            status:
              phase: Running
              qosClass: Burstable
              hostIP: 10.0.0.5
              hostIPs: [{ip: 10.0.0.5}]
              podIP: 10.244.1.7
              podIPs: [{ip: 10.244.1.7}]
              startTime: "2024-05-01T10:00:06Z"
              conditions:
              - {type: Ready, status: "True", lastProbeTime: null, lastTransitionTime: "2024-05-01T10:00:09Z"}
              - {type: PodScheduled, status: "True", lastProbeTime: null, lastTransitionTime: "2024-05-01T10:00:05Z"}
              initContainerStatuses:
              - name: proxy
                ready: true
                started: true
                restartCount: 0
                image: docker.io/envoyproxy/envoy:v1.30
                imageID: docker.io/envoyproxy/envoy@sha256:0123
                containerID: containerd://abc
                state: {running: {startedAt: "2024-05-01T10:00:07Z"}}
              containerStatuses:
              - name: app
                ready: true
                started: true
                restartCount: 1
                image: docker.io/library/busybox:1.36
                imageID: docker.io/library/busybox@sha256:4567
                containerID: containerd://def
                allocatedResources: {cpu: 100m}
                resources: {requests: {cpu: 100m}, limits: {memory: 64Mi}}
                state: {running: {startedAt: "2024-05-01T10:00:08Z"}}
                lastState:
                  terminated:
                    exitCode: 137
                    signal: 9
                    reason: OOMKilled
                    message: out of memory
                    startedAt: "2024-05-01T10:00:06Z"
                    finishedAt: "2024-05-01T10:00:07Z"
                    containerID: containerd://old
              - name: waiting
                ready: false
                restartCount: 4
                image: busybox
                imageID: ""
                state: {waiting: {reason: CrashLoopBackOff, message: back-off 40s restarting failed container}}
                lastState: {}
            """;

    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
              labels: {app: web}
              annotations: {service.beta.kubernetes.io/aws-load-balancer-type: nlb}
            spec:
              type: LoadBalancer
              selector: {app: web}
              clusterIP: 10.96.12.34
              clusterIPs: [10.96.12.34]
              ipFamilies: [IPv4]
              ipFamilyPolicy: SingleStack
              sessionAffinity: ClientIP
              sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}
              externalTrafficPolicy: Local
              internalTrafficPolicy: Cluster
              healthCheckNodePort: 32000
              loadBalancerSourceRanges: [10.0.0.0/8]
              allocateLoadBalancerNodePorts: true
              publishNotReadyAddresses: false
              ports:
              - {name: http, port: 80, targetPort: http, protocol: TCP, nodePort: 30080}
              - {name: https, port: 443, targetPort: 8443, protocol: TCP, nodePort: 30443, appProtocol: https}
            status:
              loadBalancer:
                ingress:
                - ip: 203.0.113.10
                  ipMode: VIP
                  ports: [{port: 80, protocol: TCP}]
            """;

    static final String HPA = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 10
              metrics:
              - type: Resource
                resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
              - type: Pods
                pods:
                  metric: {name: packets-per-second}
                  target: {type: AverageValue, averageValue: 1k}
              - type: Object
                object:
                  metric: {name: requests-per-second, selector: {matchLabels: {verb: GET}}}
                  describedObject: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: main-route}
                  target: {type: Value, value: 10k}
              - type: External
                external:
                  metric: {name: queue_messages_ready, selector: {matchLabels: {queue: worker_tasks}}}
                  target: {type: AverageValue, averageValue: "30"}
              - type: ContainerResource
                containerResource: {name: memory, container: web, target: {type: Utilization, averageUtilization: 80}}
              behavior:
                scaleDown:
                  stabilizationWindowSeconds: 300
                  selectPolicy: Min
                  policies: [{type: Percent, value: 10, periodSeconds: 60}]
                scaleUp:
                  stabilizationWindowSeconds: 0
                  selectPolicy: Max
                  policies:
                  - {type: Pods, value: 4, periodSeconds: 15}
                  - {type: Percent, value: 100, periodSeconds: 15}
            status:
              observedGeneration: 1
              lastScaleTime: "2024-05-01T10:05:00Z"
              currentReplicas: 3
              desiredReplicas: 3
              currentMetrics:
              - type: Resource
                resource: {name: cpu, current: {averageUtilization: 55, averageValue: 275m}}
              - type: External
                external:
                  metric: {name: queue_messages_ready}
                  current: {averageValue: "12"}
              conditions:
              - type: AbleToScale
                status: "True"
                lastTransitionTime: "2024-05-01T10:05:00Z"
                reason: ReadyForNewScale
                message: recommended size matches current size
            """;

    static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
              namespace: shop
              labels: {app: db}
              annotations: {kubernetes.io/description: database credentials}
            type: Opaque
            immutable: false
            data: {password: cGFzcw==, user: YWRtaW4=}
            stringData: {host: db.shop.svc}
            """;

    static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop, labels: {app: db}}
            spec:
              serviceName: db
              replicas: 3
              podManagementPolicy: Parallel
              updateStrategy:
                type: RollingUpdate
                rollingUpdate: {partition: 0, maxUnavailable: 1}
              persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Delete}
              ordinals: {start: 0}
              minReadySeconds: 0
              revisionHistoryLimit: 10
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  securityContext: {fsGroup: 999}
                  containers:
                  - name: postgres
                    image: postgres:16
                    ports: [{containerPort: 5432, name: pg}]
                    env:
                    - {name: PGDATA, value: /var/lib/postgresql/data/pgdata}
                    - name: POSTGRES_PASSWORD
                      valueFrom: {secretKeyRef: {name: db, key: password}}
                    volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
                    readinessProbe: {exec: {command: [pg_isready]}, periodSeconds: 5}
                    resources: {requests: {cpu: 500m, memory: 1Gi}}
              volumeClaimTemplates:
              - apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, labels: {app: db}}
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: fast
                  volumeMode: Filesystem
                  resources: {requests: {storage: 10Gi}}
                  selector: {matchLabels: {tier: db}}
                status: {phase: Pending}
            status:
              observedGeneration: 2
              replicas: 3
              readyReplicas: 3
              currentReplicas: 3
              updatedReplicas: 3
              availableReplicas: 3
              currentRevision: db-7c9d
              updateRevision: db-7c9d
              collisionCount: 0
            """;

    static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata:
              name: node-1
              labels: {kubernetes.io/hostname: node-1, kubernetes.io/os: linux}
            spec:
              podCIDR: 10.244.1.0/24
              podCIDRs: [10.244.1.0/24]
              providerID: kind://docker/kind/node-1
              unschedulable: false
              taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]
            status:
              capacity: {cpu: "4", memory: 16Gi, pods: "110"}
              allocatable: {cpu: 3800m, memory: 15Gi, pods: "110"}
              conditions:
              - {type: Ready, status: "True", lastHeartbeatTime: "2024-05-01T10:00:00Z",
                 lastTransitionTime: "2024-05-01T09:00:00Z", reason: KubeletReady, message: kubelet is posting ready status}
              addresses: [{type: InternalIP, address: 10.0.0.5}, {type: Hostname, address: node-1}]
              daemonEndpoints: {kubeletEndpoint: {Port: 10250}}
              nodeInfo:
                machineID: abc
                systemUUID: def
                bootID: ghi
                kernelVersion: 6.1.0
                osImage: Debian GNU/Linux 12
                containerRuntimeVersion: containerd://1.7.13
                kubeletVersion: v1.30.0
                kubeProxyVersion: v1.30.0
                operatingSystem: linux
                architecture: amd64
              images: [{names: [docker.io/library/busybox:1.36], sizeBytes: 2155000}]
              volumesInUse: [kubernetes.io/csi/ebs^vol-1]
              volumesAttached: [{name: kubernetes.io/csi/ebs^vol-1, devicePath: /dev/xvdba}]
            """;

    static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {kubernetes.io/metadata.name: shop}}
            spec: {finalizers: [kubernetes]}
            status:
              phase: Terminating
              conditions: [{type: NamespaceDeletionContentFailure, status: "False", reason: ContentDeleted,
                            message: All content successfully deleted, lastTransitionTime: "2024-05-01T10:00:00Z"}]
            """;

    static final String ENDPOINTS = """
            apiVersion: v1
            kind: Endpoints
            metadata: {name: web, namespace: shop}
            subsets:
            - addresses:
              - ip: 10.244.1.7
                nodeName: node-1
                hostname: web-0
                targetRef: {kind: Pod, name: web-0, namespace: shop, uid: 0a1b2c3d-0000-4000-8000-000000000001}
              notReadyAddresses: [{ip: 10.244.2.9}]
              ports: [{name: http, port: 8080, protocol: TCP, appProtocol: http}]
            """;

    static final String REPLICATION_CONTROLLER = """
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: legacy, namespace: shop}
            spec:
              replicas: 2
              minReadySeconds: 0
              selector: {app: legacy}
              template:
                metadata: {labels: {app: legacy}}
                spec:
                  containers: [{name: app, image: nginx:1.27, ports: [{containerPort: 80}]}]
            status:
              replicas: 2
              fullyLabeledReplicas: 2
              readyReplicas: 2
              availableReplicas: 2
              observedGeneration: 1
            """;

    static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config, namespace: shop}
            immutable: true
            data: {app.yaml: "port: 8080", feature: "on"}
            binaryData: {logo.png: iVBORw0KGgo=}
            """;

    static final String EVENT = """
            apiVersion: v1
            kind: Event
            metadata: {name: web-5d8f-abcde.17c1, namespace: shop}
            involvedObject: {apiVersion: v1, kind: Pod, name: web-5d8f-abcde, namespace: shop,
                             uid: 0a1b2c3d-0000-4000-8000-000000000001, resourceVersion: "777", fieldPath: "spec.containers{app}"}
            reason: BackOff
            message: Back-off restarting failed container
            type: Warning
            count: 5
            firstTimestamp: "2024-05-01T10:00:00Z"
            lastTimestamp: "2024-05-01T10:05:00Z"
            eventTime: "2024-05-01T10:05:00.123456Z"
            source: {component: kubelet, host: node-1}
            reportingComponent: kubelet
            reportingInstance: node-1
            action: Restarting
            series: {count: 5, lastObservedTime: "2024-05-01T10:05:00.123456Z"}
            related: {kind: Node, name: node-1}
            """;

    static final String REPLICA_SET = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-5d8f
              namespace: shop
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: 7c1d0c1e-5b4a-4f0e-9a43-1f2e3d4c5b6a}]
            spec:
              replicas: 3
              minReadySeconds: 5
              selector: {matchLabels: {app: web, pod-template-hash: 5d8f}}
              template:
                metadata: {labels: {app: web, pod-template-hash: 5d8f}}
                spec:
                  containers: [{name: web, image: nginx:1.27}]
            status:
              replicas: 3
              fullyLabeledReplicas: 3
              readyReplicas: 3
              availableReplicas: 3
              observedGeneration: 1
            """;

    static final String DAEMON_SET = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: log-agent, namespace: kube-system}
            spec:
              selector: {matchLabels: {app: log-agent}}
              minReadySeconds: 0
              revisionHistoryLimit: 10
              updateStrategy:
                type: RollingUpdate
                rollingUpdate: {maxUnavailable: 1, maxSurge: 0}
              template:
                metadata: {labels: {app: log-agent}}
                spec:
                  hostPID: true
                  tolerations: [{operator: Exists}]
                  containers:
                  - name: agent
                    image: fluent/fluent-bit:3.0
                    volumeMounts: [{name: varlog, mountPath: /var/log, mountPropagation: HostToContainer}]
                  volumes: [{name: varlog, hostPath: {path: /var/log}}]
            status:
              currentNumberScheduled: 3
              desiredNumberScheduled: 3
              numberAvailable: 3
              numberMisscheduled: 0
              numberReady: 3
              numberUnavailable: 0
              updatedNumberScheduled: 3
              observedGeneration: 1
            """;

    static final String SCALE = """
            apiVersion: autoscaling/v1
            kind: Scale
            metadata: {name: web, namespace: shop, resourceVersion: "12345"}
            spec: {replicas: 5}
            status: {replicas: 3, selector: app=web}
            """;
}

package io.coxswain.protocol.protobuf;

import java.util.Base64;
import java.util.List;

/**
 * Request bodies captured from a real kubectl v1.32.4 (kubectl/v1.32.4 kubernetes/4cb5f07) pointed at a recording
 * HTTP server, with, as the expected JSON, what the same command prints with {@code --dry-run=client -o json} (Go's
 * {@code encoding/json} of the very object kubectl encoded as protobuf).
 */
final class KubectlCaptures {

    /** One kubectl generator command: its POST body (base64) and the JSON of the same object. */
    record Capture(String command, String bodyBase64, String expectedJson) {
        byte[] body() {
            return Base64.getDecoder().decode(bodyBase64);
        }

        @Override
        public String toString() {
            return command;
        }
    }

    private KubectlCaptures() {}

    /** {@code kubectl create token sa1 --duration=1h}: POST .../serviceaccounts/sa1/token (no dry-run to compare). */
    static final String CREATE_TOKEN_BODY = "azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBIdChAKABIAGgAiACoAMgA4AEIAEgMgkBwaBAoAEgAaACIA";

    static final List<Capture> ALL = List.of(
            new Capture(
                    "kubectl create configmap cm1 --from-literal=a=b --from-literal=c=d",
                    "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEiwKGgoDY20xEgAaB2RlZmF1bHQiACoAMgA4AEIAEgYKAWESAWISBgoBYxIBZBoAIgA=",
                    """
                    {
                      "kind": "ConfigMap",
                      "apiVersion": "v1",
                      "metadata": {
                        "name": "cm1",
                        "namespace": "default",
                        "creationTimestamp": null
                      },
                      "data": {
                        "a": "b",
                        "c": "d"
                      }
                    }"""),
            new Capture(
                    "kubectl create secret generic sec1 --from-literal=password=s3cr3t --from-literal=user=admin",
                    "azhzAAoMCgJ2MRIGU2VjcmV0EkIKGwoEc2VjMRIAGgdkZWZhdWx0IgAqADIAOABCABISCghwYXNzd29yZBIGczNjcjN0Eg0KBHVzZXISBWFkbWluGgAaACIA",
                    """
                    {
                      "kind": "Secret",
                      "apiVersion": "v1",
                      "metadata": {
                        "name": "sec1",
                        "namespace": "default",
                        "creationTimestamp": null
                      },
                      "data": {
                        "password": "czNjcjN0",
                        "user": "YWRtaW4="
                      }
                    }"""),
            new Capture(
                    "kubectl create namespace ns1",
                    "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEhsKEwoDbnMxEgAaACIAKgAyADgAQgASABoCCgAaACIA",
                    """
                    {
                      "kind": "Namespace",
                      "apiVersion": "v1",
                      "metadata": {
                        "name": "ns1",
                        "creationTimestamp": null
                      },
                      "spec": {},
                      "status": {}
                    }"""),
            new Capture(
                    "kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80",
                    "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EsQBCiYKA3dlYhIAGgdkZWZhdWx0IgAqADIAOABCAFoKCgNhcHASA3dlYhKLAQgDEgwKCgoDYXBwEgN3ZWIacQocCgASABoAIgAqADIAOABCAFoKCgNhcHASA3dlYhJREjMKBW5naW54EgpuZ2lueDoxLjI3KgAyCgoAEAAYUCIAKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA=",
                    """
                    {
                      "kind": "Deployment",
                      "apiVersion": "apps/v1",
                      "metadata": {
                        "name": "web",
                        "namespace": "default",
                        "creationTimestamp": null,
                        "labels": {
                          "app": "web"
                        }
                      },
                      "spec": {
                        "replicas": 3,
                        "selector": {
                          "matchLabels": {
                            "app": "web"
                          }
                        },
                        "template": {
                          "metadata": {
                            "creationTimestamp": null,
                            "labels": {
                              "app": "web"
                            }
                          },
                          "spec": {
                            "containers": [
                              {
                                "name": "nginx",
                                "image": "nginx:1.27",
                                "ports": [
                                  {
                                    "containerPort": 80
                                  }
                                ],
                                "resources": {}
                              }
                            ]
                          }
                        },
                        "strategy": {}
                      },
                      "status": {}
                    }"""),
            new Capture(
                    "kubectl create service clusterip svc1 --tcp=80:8080 --tcp=443:https",
                    "azhzAAoNCgJ2MRIHU2VydmljZRKXAQooCgRzdmMxEgAaB2RlZmF1bHQiACoAMgA4AEIAWgsKA2FwcBIEc3ZjMRJnChsKBzgwLTgwODASA1RDUBhQIgcIABCQPxoAKAAKIgoJNDQzLWh0dHBzEgNUQ1AYuwMiCwgBEAAaBWh0dHBzKAASCwoDYXBwEgRzdmMxGgAiCUNsdXN0ZXJJUDoAQgBSAFoAYABoABoCCgAaACIA",
                    """
                    {
                      "kind": "Service",
                      "apiVersion": "v1",
                      "metadata": {
                        "name": "svc1",
                        "namespace": "default",
                        "creationTimestamp": null,
                        "labels": {
                          "app": "svc1"
                        }
                      },
                      "spec": {
                        "ports": [
                          {
                            "name": "80-8080",
                            "protocol": "TCP",
                            "port": 80,
                            "targetPort": 8080
                          },
                          {
                            "name": "443-https",
                            "protocol": "TCP",
                            "port": 443,
                            "targetPort": "https"
                          }
                        ],
                        "selector": {
                          "app": "svc1"
                        },
                        "type": "ClusterIP"
                      },
                      "status": {
                        "loadBalancer": {}
                      }
                    }"""),
            new Capture(
                    "kubectl create service nodeport np1 --tcp=8080:80 --node-port=30080",
                    "azhzAAoNCgJ2MRIHU2VydmljZRJxCiYKA25wMRIAGgdkZWZhdWx0IgAqADIAOABCAFoKCgNhcHASA25wMRJDCh0KBzgwODAtODASA1RDUBiQPyIGCAAQUBoAKIDrARIKCgNhcHASA25wMRoAIghOb2RlUG9ydDoAQgBSAFoAYABoABoCCgAaACIA",
                    """
                    {
                      "kind": "Service",
                      "apiVersion": "v1",
                      "metadata": {
                        "name": "np1",
                        "namespace": "default",
                        "creationTimestamp": null,
                        "labels": {
                          "app": "np1"
                        }
                      },
                      "spec": {
                        "ports": [
                          {
                            "name": "8080-80",
                            "protocol": "TCP",
                            "port": 8080,
                            "targetPort": 80,
                            "nodePort": 30080
                          }
                        ],
                        "selector": {
                          "app": "np1"
                        },
                        "type": "NodePort"
                      },
                      "status": {
                        "loadBalancer": {}
                      }
                    }"""),
            new Capture(
                    "kubectl create job job1 --image=busybox -- echo hi",
                    "azhzAAoPCghiYXRjaC92MRIDSm9iEo8BChsKBGpvYjESABoHZGVmYXVsdCIAKgAyADgAQgASZjJkChAKABIAGgAiACoAMgA4AEIAElASLQoEam9iMRIHYnVzeWJveBoEZWNobxoCaGkqAEIAagByAIABAIgBAJABAKIBABoFTmV2ZXIyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBABoIIAAoADAAOgAaACIA",
                    """
                    {
                      "kind": "Job",
                      "apiVersion": "batch/v1",
                      "metadata": {
                        "name": "job1",
                        "namespace": "default",
                        "creationTimestamp": null
                      },
                      "spec": {
                        "template": {
                          "metadata": {
                            "creationTimestamp": null
                          },
                          "spec": {
                            "containers": [
                              {
                                "name": "job1",
                                "image": "busybox",
                                "command": [
                                  "echo",
                                  "hi"
                                ],
                                "resources": {}
                              }
                            ],
                            "restartPolicy": "Never"
                          }
                        }
                      },
                      "status": {}
                    }"""),
            new Capture(
                    "kubectl create cronjob cj1 --image=busybox --schedule='*/5 * * * *' -- date",
                    "azhzAAoTCghiYXRjaC92MRIHQ3JvbkpvYhKuAQoaCgNjajESABoHZGVmYXVsdCIAKgAyADgAQgASjQEKCyovNSAqICogKiAqGgAqfAoTCgNjajESABoAIgAqADIAOABCABJlMmMKEAoAEgAaACIAKgAyADgAQgASTxIoCgNjajESB2J1c3lib3gaBGRhdGUqAEIAagByAIABAIgBAJABAKIBABoJT25GYWlsdXJlMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAaABoAIgA=",
                    """
                    {
                      "kind": "CronJob",
                      "apiVersion": "batch/v1",
                      "metadata": {
                        "name": "cj1",
                        "namespace": "default",
                        "creationTimestamp": null
                      },
                      "spec": {
                        "schedule": "*/5 * * * *",
                        "jobTemplate": {
                          "metadata": {
                            "name": "cj1",
                            "creationTimestamp": null
                          },
                          "spec": {
                            "template": {
                              "metadata": {
                                "creationTimestamp": null
                              },
                              "spec": {
                                "containers": [
                                  {
                                    "name": "cj1",
                                    "image": "busybox",
                                    "command": [
                                      "date"
                                    ],
                                    "resources": {}
                                  }
                                ],
                                "restartPolicy": "OnFailure"
                              }
                            }
                          }
                        }
                      },
                      "status": {}
                    }"""),
            new Capture(
                    "kubectl create ingress ing1 --rule='foo.com/bar*=svc1:80,tls=mysecret' --class=nginx",
                    "azhzAAofChRuZXR3b3JraW5nLms4cy5pby92MRIHSW5ncmVzcxJuChsKBGluZzESABoHZGVmYXVsdCIAKgAyADgAQgASSxITCgdmb28uY29tEghteXNlY3JldBotCgdmb28uY29tEiIKIAoeCgQvYmFyEg4iDAoEc3ZjMRIECgAQUBoGUHJlZml4IgVuZ2lueBoCCgAaACIA",
                    """
                    {
                      "kind": "Ingress",
                      "apiVersion": "networking.k8s.io/v1",
                      "metadata": {
                        "name": "ing1",
                        "namespace": "default",
                        "creationTimestamp": null
                      },
                      "spec": {
                        "ingressClassName": "nginx",
                        "tls": [
                          {
                            "hosts": [
                              "foo.com"
                            ],
                            "secretName": "mysecret"
                          }
                        ],
                        "rules": [
                          {
                            "host": "foo.com",
                            "http": {
                              "paths": [
                                {
                                  "path": "/bar",
                                  "pathType": "Prefix",
                                  "backend": {
                                    "service": {
                                      "name": "svc1",
                                      "port": {
                                        "number": 80
                                      }
                                    }
                                  }
                                }
                              ]
                            }
                          }
                        ]
                      },
                      "status": {
                        "loadBalancer": {}
                      }
                    }"""),
            new Capture(
                    "kubectl create rolebinding rb1 --role=r1 --serviceaccount=default:sa1",
                    "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxJlChoKA3JiMRIAGgdkZWZhdWx0IgAqADIAOABCABIgCg5TZXJ2aWNlQWNjb3VudBIAGgNzYTEiB2RlZmF1bHQaJQoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxIEUm9sZRoCcjEaACIA",
                    """
                    {
                      "kind": "RoleBinding",
                      "apiVersion": "rbac.authorization.k8s.io/v1",
                      "metadata": {
                        "name": "rb1",
                        "namespace": "default",
                        "creationTimestamp": null
                      },
                      "subjects": [
                        {
                          "kind": "ServiceAccount",
                          "name": "sa1",
                          "namespace": "default"
                        }
                      ],
                      "roleRef": {
                        "apiGroup": "rbac.authorization.k8s.io",
                        "kind": "Role",
                        "name": "r1"
                      }
                    }"""),
            new Capture(
                    "kubectl create serviceaccount sa1",
                    "azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSHAoaCgNzYTESABoHZGVmYXVsdCIAKgAyADgAQgAaACIA",
                    """
                    {
                      "kind": "ServiceAccount",
                      "apiVersion": "v1",
                      "metadata": {
                        "name": "sa1",
                        "namespace": "default",
                        "creationTimestamp": null
                      }
                    }"""),
            new Capture(
                    "kubectl create quota q1 --hard=cpu=1,memory=1Gi,pods=10",
                    "azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRJKChkKAnExEgAaB2RlZmF1bHQiACoAMgA4AEIAEisKCgoDY3B1EgMKATEKDwoGbWVtb3J5EgUKAzFHaQoMCgRwb2RzEgQKAjEwGgAaACIA",
                    """
                    {
                      "kind": "ResourceQuota",
                      "apiVersion": "v1",
                      "metadata": {
                        "name": "q1",
                        "namespace": "default",
                        "creationTimestamp": null
                      },
                      "spec": {
                        "hard": {
                          "cpu": "1",
                          "memory": "1Gi",
                          "pods": "10"
                        }
                      },
                      "status": {}
                    }"""),
            new Capture(
                    "kubectl create priorityclass pc1 --value=1000 --description=high",
                    "azhzAAolChRzY2hlZHVsaW5nLms4cy5pby92MRINUHJpb3JpdHlDbGFzcxI2ChMKA3BjMRIAGgAiACoAMgA4AEIAEOgHGAAiBGhpZ2gqFFByZWVtcHRMb3dlclByaW9yaXR5GgAiAA==",
                    """
                    {
                      "kind": "PriorityClass",
                      "apiVersion": "scheduling.k8s.io/v1",
                      "metadata": {
                        "name": "pc1",
                        "creationTimestamp": null
                      },
                      "value": 1000,
                      "description": "high",
                      "preemptionPolicy": "PreemptLowerPriority"
                    }"""),
            new Capture(
                    "kubectl create poddisruptionbudget pdb1 --selector=app=web --min-available=50%",
                    "azhzAAogCglwb2xpY3kvdjESE1BvZERpc3J1cHRpb25CdWRnZXQSRAobCgRwZGIxEgAaB2RlZmF1bHQiACoAMgA4AEIAEhkKCQgBEAAaAzUwJRIMCgoKA2FwcBIDd2ViGgoIABgAIAAoADAAGgAiAA==",
                    """
                    {
                      "kind": "PodDisruptionBudget",
                      "apiVersion": "policy/v1",
                      "metadata": {
                        "name": "pdb1",
                        "namespace": "default",
                        "creationTimestamp": null
                      },
                      "spec": {
                        "minAvailable": "50%",
                        "selector": {
                          "matchLabels": {
                            "app": "web"
                          }
                        }
                      },
                      "status": {
                        "disruptionsAllowed": 0,
                        "currentHealthy": 0,
                        "desiredHealthy": 0,
                        "expectedPods": 0
                      }
                    }"""),
            new Capture(
                    "kubectl create deployment web0 --image=nginx --replicas=0",
                    "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErYBCigKBHdlYjASABoHZGVmYXVsdCIAKgAyADgAQgBaCwoDYXBwEgR3ZWIwEnwIABINCgsKA2FwcBIEd2ViMBphCh0KABIAGgAiACoAMgA4AEIAWgsKA2FwcBIEd2ViMBJAEiIKBW5naW54EgVuZ2lueCoAQgBqAHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA",
                    """
                    {
                      "kind": "Deployment",
                      "apiVersion": "apps/v1",
                      "metadata": {
                        "name": "web0",
                        "namespace": "default",
                        "creationTimestamp": null,
                        "labels": {
                          "app": "web0"
                        }
                      },
                      "spec": {
                        "replicas": 0,
                        "selector": {
                          "matchLabels": {
                            "app": "web0"
                          }
                        },
                        "template": {
                          "metadata": {
                            "creationTimestamp": null,
                            "labels": {
                              "app": "web0"
                            }
                          },
                          "spec": {
                            "containers": [
                              {
                                "name": "nginx",
                                "image": "nginx",
                                "resources": {}
                              }
                            ]
                          }
                        },
                        "strategy": {}
                      },
                      "status": {}
                    }"""),
            new Capture(
                    "kubectl create secret docker-registry reg1 --docker-server=r.io --docker-username=u --docker-password=p",
                    "azhzAAoMCgJ2MRIGU2VjcmV0EpQBChsKBHJlZzESABoHZGVmYXVsdCIAKgAyADgAQgASVQoRLmRvY2tlcmNvbmZpZ2pzb24SQHsiYXV0aHMiOnsici5pbyI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJhdXRoIjoiZFRwdyJ9fX0aHmt1YmVybmV0ZXMuaW8vZG9ja2VyY29uZmlnanNvbhoAIgA=",
                    """
                    {
                      "kind": "Secret",
                      "apiVersion": "v1",
                      "metadata": {
                        "name": "reg1",
                        "namespace": "default",
                        "creationTimestamp": null
                      },
                      "data": {
                        ".dockerconfigjson": "eyJhdXRocyI6eyJyLmlvIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCIsImF1dGgiOiJkVHB3In19fQ=="
                      },
                      "type": "kubernetes.io/dockerconfigjson"
                    }"""),
            new Capture(
                    "kubectl create clusterrolebinding crb1 --clusterrole=view --user=alice",
                    "azhzAAoyChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEhJDbHVzdGVyUm9sZUJpbmRpbmcScgoUCgRjcmIxEgAaACIAKgAyADgAQgASKgoEVXNlchIZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxoFYWxpY2UiABouChlyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvEgtDbHVzdGVyUm9sZRoEdmlldxoAIgA=",
                    """
                    {
                      "kind": "ClusterRoleBinding",
                      "apiVersion": "rbac.authorization.k8s.io/v1",
                      "metadata": {
                        "name": "crb1",
                        "creationTimestamp": null
                      },
                      "subjects": [
                        {
                          "kind": "User",
                          "apiGroup": "rbac.authorization.k8s.io",
                          "name": "alice"
                        }
                      ],
                      "roleRef": {
                        "apiGroup": "rbac.authorization.k8s.io",
                        "kind": "ClusterRole",
                        "name": "view"
                      }
                    }""")
    );
}

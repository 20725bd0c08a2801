/**
 * The scheduler's core: a pure function from a {@link io.coxswain.controlplane.scheduler.ClusterSnapshot}
 * and a pending pod to a {@link io.coxswain.controlplane.scheduler.ScheduleResult}, shaped like
 * kube-scheduler's framework.
 *
 * <p>{@link io.coxswain.controlplane.scheduler.Scheduler} runs the filters of a
 * {@link io.coxswain.controlplane.scheduler.SchedulerProfile} on every node (stopping at a node's
 * first failure, whose reasons it keeps), scores the nodes left with each score plug-in, normalises
 * and weights the scores, and binds to the highest total (ties: the first node by name). When no
 * node is left it answers with Kubernetes' own message, {@code 0/3 nodes are available: 3
 * Insufficient cpu.}
 *
 * <p>Plug-ins are small classes named as in Kubernetes, each with a {@code NAME}; the
 * {@link io.coxswain.controlplane.scheduler.PluginRegistry} maps names to factories and builds
 * profiles. {@link io.coxswain.controlplane.scheduler.PodInfo} and
 * {@link io.coxswain.controlplane.scheduler.NodeInfo} parse the Kubernetes JSON once per snapshot;
 * {@link io.coxswain.controlplane.scheduler.ClusterSnapshot#assume} counts a pod on its node before
 * the binding is observed, so a caller can place several pods from one snapshot.
 */
package io.coxswain.controlplane.scheduler;

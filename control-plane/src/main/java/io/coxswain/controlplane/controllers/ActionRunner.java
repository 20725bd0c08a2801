package io.coxswain.controlplane.controllers;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.controlplane.entity.GeneratedNames;
import io.coxswain.controlplane.events.EventRecorder;
import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a controller's plan through the entities, as any client's writes go: creates in
 * slow-start batches (1, 2, 4, …; a batch with a failure ends this round's creates, so a quota or
 * an invalid template costs one failed create, not hundreds), deletes in parallel, everything else
 * in order. Reports the newest version written — the next round waits for its cache to hold it —
 * and the first create failure, for the kind's failure condition.
 */
public final class ActionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

    /**
     * The newest resource version the plan wrote (0 if none), the first create and the first delete
     * that failed (or null), and the shortest {@link ControllerAction.RequeueAfter} (or null).
     */
    public record Outcome(long lastWrittenVersion, String createFailure, String deleteFailure,
                          java.time.Duration requeueAfter) {}

    private final ClusterGateway cluster;
    private final EventRecorder events;

    public ActionRunner(ClusterGateway cluster, EventRecorder events) {
        this.cluster = cluster;
        this.events = events;
    }

    public CompletionStage<Outcome> run(ResourceType ownerType, CachedObject owner, List<ControllerAction> actions) {
        Progress progress = new Progress();
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        int i = 0;
        while (i < actions.size()) {
            ControllerAction action = actions.get(i);
            if (action instanceof ControllerAction.Create) {
                List<ControllerAction.Create> creates = new ArrayList<>();
                while (i < actions.size() && actions.get(i) instanceof ControllerAction.Create create) {
                    creates.add(create);
                    i++;
                }
                chain = chain.thenCompose(v -> slowStart(owner, creates, 0, 1, progress));
            } else if (action instanceof ControllerAction.Delete) {
                List<ControllerAction.Delete> deletes = new ArrayList<>();
                while (i < actions.size() && actions.get(i) instanceof ControllerAction.Delete delete) {
                    deletes.add(delete);
                    i++;
                }
                chain = chain.thenCompose(v -> allOf(deletes.stream().map(d -> delete(owner, d, progress)).toList()));
            } else {
                i++;
                chain = chain.thenCompose(v -> runOne(owner, action, progress));
            }
        }
        java.time.Duration requeue = actions.stream()
                .filter(a -> a instanceof ControllerAction.RequeueAfter)
                .map(a -> ((ControllerAction.RequeueAfter) a).delay())
                .min(java.time.Duration::compareTo).orElse(null);
        return chain.thenApply(v -> new Outcome(progress.lastVersion, progress.createFailure, progress.deleteFailure,
                requeue));
    }

    /** Kubernetes' slowStartBatch: batches of 1, 2, 4, … until one has a failure. */
    private CompletionStage<Void> slowStart(CachedObject owner, List<ControllerAction.Create> creates, int from,
                                            int batchSize, Progress progress) {
        if (from >= creates.size()) {
            return CompletableFuture.completedFuture(null);
        }
        List<ControllerAction.Create> batch = creates.subList(from, Math.min(creates.size(), from + batchSize));
        int failuresBefore = progress.createFailures;
        return allOf(batch.stream().map(create -> create(owner, create, progress)).toList())
                .thenCompose(v -> progress.createFailures > failuresBefore
                        ? CompletableFuture.completedFuture(null)
                        : slowStart(owner, creates, from + batch.size(), batchSize * 2, progress));
    }

    private CompletionStage<Void> create(CachedObject owner, ControllerAction.Create create, Progress progress) {
        var object = create.object().deepCopy();
        var metadata = Json.child(object, "metadata");
        String name = Json.text(object, "metadata.name");
        if (name.isEmpty()) {
            name = Json.text(object, "metadata.generateName") + GeneratedNames.suffix();
            metadata.put("name", name);
        }
        String finalName = name;
        String namespace = Json.text(object, "metadata.namespace");
        String id = ApiObjectEntity.entityId(create.type(), namespace, name);
        return cluster.creationRefusal(namespace)
                .thenCompose(refused -> refused.isPresent()
                        ? CompletableFuture.<ObjectReply>failedFuture(new IllegalStateException(refused.get()))
                        : cluster.writeEntity(create.type(), id, replyTo -> new ObjectCommand.Write(
                                WriteRequest.create(Json.write(object), false), replyTo)))
                .handle((reply, failure) -> {
                    if (failure == null && reply.code() < 300) {
                        progress.wrote(reply);
                        if (create.type().kind().equals("Pod")) {
                            record(owner, "Normal", "SuccessfulCreate", "Created pod: " + finalName);
                        }
                        return null;
                    }
                    String why = failure != null ? messageOf(failure) : message(reply);
                    progress.createFailed(why);
                    record(owner, "Warning", "FailedCreate", "Error creating: " + why);
                    return null;
                });
    }

    private CompletionStage<Void> delete(CachedObject owner, ControllerAction.Delete delete, Progress progress) {
        String options = "{\"propagationPolicy\":\"Background\",\"preconditions\":{\"uid\":\"" + delete.uid() + "\"}}";
        String id = ApiObjectEntity.entityId(delete.type(), delete.namespace(), delete.name());
        return cluster.writeEntity(delete.type(), id, replyTo -> new ObjectCommand.Write(
                        WriteRequest.delete(options, false), replyTo))
                .handle((reply, failure) -> {
                    if (failure == null && (reply.code() < 300 || reply.code() == 404)) {
                        progress.wrote(reply);
                        if (reply.code() < 300 && delete.type().kind().equals("Pod")) {
                            record(owner, "Normal", "SuccessfulDelete", "Deleted pod: " + delete.name());
                        }
                    } else {
                        String why = delete.type().qualifiedName() + " \"" + delete.name() + "\": "
                                + (failure != null ? messageOf(failure) : message(reply));
                        progress.deleteFailed(why);
                        record(owner, "Warning", "FailedDelete", "Error deleting " + why);
                    }
                    return null;
                });
    }

    private CompletionStage<Void> runOne(CachedObject owner, ControllerAction action, Progress progress) {
        if (action instanceof ControllerAction.RecordEvent event) {
            record(owner, event.type(), event.reason(), event.message());
            return CompletableFuture.completedFuture(null);
        }
        if (action instanceof ControllerAction.RequeueAfter) {
            return CompletableFuture.completedFuture(null); // reported in the outcome
        }
        ControllerAction.MergePatch patch = (ControllerAction.MergePatch) action;
        String id = ApiObjectEntity.entityId(patch.type(), patch.namespace(), patch.name());
        return cluster.writeEntity(patch.type(), id, replyTo -> new ObjectCommand.Write(
                        WriteRequest.patch(patch.subresource(), "merge", Json.write(patch.patch()),
                                "coxswain-controller", false, false), replyTo))
                .handle((reply, failure) -> {
                    if (failure == null && reply.code() < 300) {
                        progress.wrote(reply);
                    } else if (failure != null || reply.code() != 404) {
                        LOG.warn("Controller of {} {}: patch of {} {} failed: {}", owner.entityType(), owner.key(),
                                patch.type().kind(), patch.name(), failure != null ? failure : message(reply));
                    }
                    return null;
                });
    }

    private void record(CachedObject owner, String type, String reason, String message) {
        events.record(owner.object(), type, reason, message).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.debug("Event {} about {} not recorded: {}", reason, owner.key(), failure.toString());
            }
        });
    }

    private static String messageOf(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return String.valueOf(cause.getMessage());
    }

    private static String message(ObjectReply reply) {
        String text = Json.text(Json.parseObject(reply.body()), "message");
        return text.isEmpty() ? "HTTP " + reply.code() : text;
    }

    private static CompletionStage<Void> allOf(List<CompletionStage<Void>> stages) {
        return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    /** Written from the entities' reply threads: synchronized. */
    private static final class Progress {
        private long lastVersion;
        private int createFailures;
        private String createFailure;
        private String deleteFailure;

        synchronized void wrote(ObjectReply reply) {
            lastVersion = Math.max(lastVersion, reply.resourceVersion());
        }

        synchronized void deleteFailed(String why) {
            if (deleteFailure == null) {
                deleteFailure = why;
            }
        }

        synchronized void createFailed(String why) {
            createFailures++;
            if (createFailure == null) {
                createFailure = why;
            }
        }
    }
}

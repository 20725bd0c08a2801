package io.coxswain.node.agent;

import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerRuntimeException;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.LogChunk;
import io.coxswain.node.runtime.LogLine;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.protocol.entity.PodLogs;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** Serves the logs of this node's containers to the masters (reading them blocks: off the actor's thread). */
public final class PodLogsService {
    private PodLogsService() {}

    public static Behavior<PodLogs.Request> create(String nodeName, ContainerRuntime runtime) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(PodLogs.serviceKey(nodeName),
                    context.getSelf()));
            ExecutorService readers = Executors.newFixedThreadPool(2, r -> {
                Thread thread = new Thread(r, "pod-logs-" + nodeName);
                thread.setDaemon(true);
                return thread;
            });
            return Behaviors.receiveMessage(request -> {
                CompletableFuture.supplyAsync(() -> read(runtime, request), readers)
                        .thenAccept(text -> request.replyTo().tell(text));
                return Behaviors.same();
            });
        });
    }

    static PodLogs.Text read(ContainerRuntime runtime, PodLogs.Request request) {
        Optional<ContainerStatus> latest = runtime.list().stream()
                .filter(c -> c.pod().uid().equals(request.podUid()) && c.containerName().equals(request.container()))
                .max(Comparator.comparingInt(ContainerStatus::attempt));
        if (latest.isEmpty()) {
            return PodLogs.Text.noContainer();
        }
        try {
            LogChunk chunk = runtime.logs(latest.get().id(), new LogOptions(false, request.tailLines(),
                    request.sinceSeconds(), request.timestamps(), request.previous()));
            List<LogLine> lines = chunk.lines();
            int from = (int) Math.min(request.afterLine(), lines.size());
            StringBuilder text = new StringBuilder();
            lines.subList(from, lines.size()).forEach(line -> text.append(line.render(chunk.timestamps())));
            boolean running = !request.previous() && latest.get().state() == ContainerState.RUNNING;
            return new PodLogs.Text(200, text.toString(), lines.size(), running);
        } catch (ContainerRuntimeException e) {
            return new PodLogs.Text(400, e.getMessage(), 0, false);
        }
    }
}

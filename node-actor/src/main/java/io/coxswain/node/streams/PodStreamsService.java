package io.coxswain.node.streams;

import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.protocol.entity.PodStreams;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.stream.Materializer;

/**
 * Serves {@code exec}, {@code attach} and {@code port-forward} of this node's pods to the masters (see
 * {@link PodStreams}). Starting a session talks to the runtime, which blocks: it happens off the actor's thread, and
 * the session then runs on its own streams.
 */
public final class PodStreamsService {
    private PodStreamsService() {}

    public static Behavior<PodStreams.Request> create(String nodeName, ContainerRuntime runtime,
                                                      StreamSettings settings) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(PodStreams.serviceKey(nodeName),
                    context.getSelf()));
            Materializer materializer = Materializer.matFromSystem(context.getSystem());
            ExecutorService starters = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "pod-streams-" + nodeName);
                thread.setDaemon(true);
                return thread;
            });
            ExecSessions sessions = new ExecSessions(runtime, settings, materializer, starters);
            PortForwarder forwarder = new PortForwarder(runtime, settings, context.getSystem(), materializer);
            return Behaviors.receiveMessage(request -> {
                if (request instanceof PodStreams.Exec exec) {
                    starters.execute(() -> exec.replyTo().tell(sessions.exec(exec)));
                } else if (request instanceof PodStreams.Attach attach) {
                    starters.execute(() -> attach.replyTo().tell(sessions.attach(attach)));
                } else if (request instanceof PodStreams.PortForward forward) {
                    starters.execute(() -> forwarder.open(forward));
                }
                return Behaviors.same();
            });
        });
    }
}

package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * How node agents learn which pods are bound to their nodes: every master registers a service
 * under {@link #SERVICE_KEY} that answers from its watch cache, so any master can be asked.
 *
 * <p>One request names every node a worker JVM hosts (its own, or all of its simulated ones), so a
 * JVM with a hundred virtual nodes costs the masters one request per sync, not a hundred. Answers
 * are incremental: the agent says up to which version it has seen the pods, and gets the names of
 * every pod bound to its nodes but the whole objects only of those changed since — an idle node
 * costs no serialisation, and no answer outgrows a remoting frame.
 *
 * <p>Requests are long polls, so pods reach their agents as soon as the cache holds them: a master
 * holds a request with nothing new for up to its {@code waitMillis}, and answers as soon as a pod
 * bound to one of its nodes changes (or when the wait is over, so the agent still looks at its
 * containers every interval).
 */
public final class NodePods {
    public static final ServiceKey<Request> SERVICE_KEY = ServiceKey.create(Request.class, "coxswain-node-pods");

    private NodePods() {}

    public sealed interface Request extends CborSerializable {}

    /**
     * The pods bound to {@code nodeNames}, with the objects of those changed after {@code sinceVersion}
     * (0: all). The master answers once its cache has reached {@code sinceVersion}, so reads never go back;
     * when no such pod changed, it waits up to {@code waitMillis} for one to change before it answers.
     */
    public record ListBound(List<String> nodeNames, long sinceVersion, long waitMillis, ActorRef<Bound> replyTo)
            implements Request {}

    /**
     * @param keysByNode  for every node asked, the {@code namespace/name} of each pod bound to it now
     * @param changedPods the pods (JSON) bound to those nodes and changed after the version asked for, oldest
     *                    change first
     * @param asOfVersion every change up to this version is in {@code changedPods}: the next request's
     *                    {@code sinceVersion}
     * @param complete    false when {@code changedPods} was cut short to keep the message small: ask again at once
     */
    public record Bound(Map<String, List<String>> keysByNode, List<String> changedPods, long asOfVersion,
                        boolean complete) implements CborSerializable {}
}

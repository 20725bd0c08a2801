package io.coxswain.controlplane.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The sequencer's own journal: reservations survive a restart, so no version is handed out twice. */
class SequencerRecoveryTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(com.typesafe.config.ConfigFactory.load()));

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void restartContinuesAfterTheLastReservedBlock() {
        var kit = EventSourcedBehaviorTestKit.<SequencerProtocol.Command, ResourceVersionSequencer.Reserved,
                ResourceVersionSequencer.State>create(TEST_KIT.system(),
                ResourceVersionSequencer.create(
                        new ResourceVersionSequencer.Settings(100, Duration.ofSeconds(5), Duration.ofSeconds(10), 128 * 1024),
                        context -> (write, version) -> { }));
        var probe = TEST_KIT.<SequencerProtocol.Allocated>createTestProbe();
        var first = kit.runCommand(new SequencerProtocol.Allocate("Pod", "default/a", probe.ref()));
        assertThat(first.events()).containsExactly(new ResourceVersionSequencer.Reserved(100));
        assertThat(probe.receiveMessage().resourceVersion()).isEqualTo(1);

        kit.restart();
        assertThat(kit.getState().reservedUpTo()).isEqualTo(100);
        var afterRestart = kit.runCommand(new SequencerProtocol.Allocate("Pod", "default/b", probe.ref()));
        SequencerProtocol.Allocated allocated = probe.receiveMessage();
        assertThat(allocated.resourceVersion()).isEqualTo(101);
        assertThat(allocated.epoch()).isEqualTo(101);
        assertThat(afterRestart.events()).containsExactly(new ResourceVersionSequencer.Reserved(200));
    }
}

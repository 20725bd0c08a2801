package io.coxswain.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void parsesACommandNameWithSpacesAndParentheses() {
        String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 7 3 2 1 20 0 1 0 987654 1234567 321"
                + " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";

        ProcStat stat = ProcStat.parse(line);

        assertThat(stat).isEqualTo(new ProcStat(4242, 'S', 1, 4242, 4242, 7, 3, 2, 1, 987654, 321));
        assertThat(stat.cpuTicks()).isEqualTo(13);
    }

    @Test
    void readsThisProcess() {
        long self = ProcessHandle.current().pid();

        assertThat(ProcStat.read(self)).hasValueSatisfying(stat -> {
            assertThat(stat.pid()).isEqualTo(self);
            assertThat(stat.rssPages()).isPositive();
            assertThat(stat.isZombie()).isFalse();
        });
        assertThat(ProcStat.all()).extracting(ProcStat::pid).contains(self);
    }
}

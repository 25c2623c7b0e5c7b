package dev.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.arm.errors.ArmException;
import org.junit.jupiter.api.Test;

class VersionsTest {

    @Test
    void keysOrderVersionsNumerically() {
        assertThat(Versions.key("v1.28.3+k3s1")).isEqualTo(1_028_003);
        assertThat(Versions.key("1.9.0")).isLessThan(Versions.key("1.10.0"));
        assertThat(Versions.key("1.28")).isEqualTo(1_028_000);
        assertThat(Versions.key("latest")).isEqualTo(-1);
        assertThat(Versions.key(null)).isEqualTo(-1);
    }

    @Test
    void rangesFollowTheComparisons() {
        assertThat(Versions.parse("p", "<1.28")).isEqualTo(new Versions.Range(0, 1_028_000));
        assertThat(Versions.parse("p", "<=1.28")).isEqualTo(new Versions.Range(0, 1_029_000));
        assertThat(Versions.parse("p", ">1.28")).isEqualTo(new Versions.Range(1_029_000, Long.MAX_VALUE));
        assertThat(Versions.parse("p", ">= 1.26, < 1.28")).isEqualTo(new Versions.Range(1_026_000, 1_028_000));
        assertThat(Versions.parse("p", "1.28.3")).isEqualTo(new Versions.Range(1_028_003, 1_028_004));
        assertThat(Versions.parse("p", "=v1")).isEqualTo(new Versions.Range(1_000_000, 2_000_000));
        assertThat(Versions.parse("p", ">1.29 <1.28").isEmpty()).isTrue();
        for (String bad : new String[] {"", "~1.28", "1.28.x", "<", "1.2345"}) {
            assertThatThrownBy(() -> Versions.parse("p", bad)).as(bad).isInstanceOf(ArmException.class);
        }
    }

    @Test
    void outdatedMeansOlderThanTheNewestThreeMinors() {
        assertThat(Versions.outdated("1.14.2")).isEqualTo(new Versions.Range(0, 1_012_000));
        assertThat(Versions.outdated("1.1.0")).isEqualTo(new Versions.Range(0, 1_000_000));
        assertThat(Versions.outdated("nonsense").isEmpty()).isTrue();
    }
}

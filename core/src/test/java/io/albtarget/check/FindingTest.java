package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

final class FindingTest {

    @Test
    void passAndSkipCarryNoSymptom() {
        Finding pass = Finding.pass("settings", "fine");
        Finding skip = Finding.skip("keep-alive.configured", "not known");

        assertThat(pass.severity()).isEqualTo(Severity.PASS);
        assertThat(pass.symptom()).isEmpty();
        assertThat(pass.evidence()).isEmpty();
        assertThat(pass.fix()).isEmpty();
        assertThat(skip.severity()).isEqualTo(Severity.SKIP);
        assertThat(skip.symptom()).isEmpty();
        assertThat(skip.message()).isEqualTo("not known");
    }

    @Test
    void warnAndFailCarryTheirSymptom() {
        Finding warn = Finding.warn("framing.obs-fold", "request desync", "accepted");
        Finding fail = Finding.fail("health-path", "Target.Timeout", "slow");

        assertThat(warn.severity()).isEqualTo(Severity.WARN);
        assertThat(warn.symptom()).isEqualTo("request desync");
        assertThat(fail.severity()).isEqualTo(Severity.FAIL);
        assertThat(fail.symptom()).isEqualTo("Target.Timeout");
        assertThat(fail.id()).isEqualTo("health-path");
        assertThat(fail.message()).isEqualTo("slow");
    }

    @Test
    void evidenceAndFixMakeNewFindingsAndKeepEverythingElse() {
        Finding plain = Finding.fail("health-path", "Target.Timeout", "slow");

        Finding full = plain.evidence("sent: a").evidence("got: b", "then: c").fix("faster");

        assertThat(full.evidence()).containsExactly("sent: a", "got: b", "then: c");
        assertThat(full.fix()).isEqualTo("faster");
        assertThat(full.id()).isEqualTo("health-path");
        assertThat(full.severity()).isEqualTo(Severity.FAIL);
        assertThat(full.symptom()).isEqualTo("Target.Timeout");
        assertThat(full.message()).isEqualTo("slow");
        assertThat(full.fix("other").evidence()).containsExactly("sent: a", "got: b", "then: c");
        assertThat(plain.evidence()).isEmpty();
        assertThat(plain.fix()).isEmpty();
    }

    @Test
    void toStringIsOneLineWithTheSymptomWhenThereIsOne() {
        assertThat(Finding.fail("health-path", "Target.Timeout", "slow"))
                .hasToString("FAIL health-path: slow -> Target.Timeout");
        assertThat(Finding.pass("settings", "fine")).hasToString("PASS settings: fine");
    }

    @Test
    void idAndMessageAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> Finding.pass(null, "m")).withMessageContaining("'id'");
        assertThatNullPointerException().isThrownBy(() -> Finding.skip("id", null))
                .withMessageContaining("'message'");
    }
}

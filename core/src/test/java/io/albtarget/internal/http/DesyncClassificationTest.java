package io.albtarget.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings.DesyncMitigationMode;
import io.albtarget.Verdict;
import io.albtarget.http.DesyncCases;
import io.albtarget.http.DesyncReason;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The ALB's desync classification")
class DesyncClassificationTest {

    static Stream<DesyncCases.Case> cases() {
        return DesyncCases.all().stream();
    }

    static Stream<DesyncCases.Coding> codings() {
        return DesyncCases.unsupportedCodings().stream();
    }

    @Test
    @DisplayName("has at least three cases for every reason")
    void everyReasonHasThreeCases() {
        Set<DesyncReason> covered = DesyncCases.all().stream()
                .collect(Collectors.groupingBy(DesyncCases.Case::reason, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() >= 3).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DesyncReason.class)));
        assertThat(covered).containsExactlyInAnyOrder(DesyncReason.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("gives each request its reason")
    void classifiesTheWholeHead(DesyncCases.Case c) {
        assertThat(RequestHeadGuard.classify(c.bytes())).isEqualTo(c.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("in defensive mode, refuses what the policy refuses and passes the rest")
    void defensiveGuard(DesyncCases.Case c) {
        RequestHeadGuard guard = new RequestHeadGuard(DesyncPolicy.of(DesyncMitigationMode.DEFENSIVE));
        byte[] bytes = c.bytes();
        int refused = guard.scan(bytes, 0, bytes.length);
        boolean refuses = c.reason().defensive() == DesyncReason.Defensive.REFUSE;
        if (c.complete()) {
            assertThat(refused >= 0).as("refused at %d: %s", refused, guard.refusal()).isEqualTo(refuses);
        } else {
            assertThat(refused).as("an incomplete head waits for more bytes").isEqualTo(-1);
        }
        if (refused >= 0) {
            assertThat(guard.refusal().status()).isEqualTo(400);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codings")
    @DisplayName("answers the codings the ALB answers with 501 with 501, in every mode")
    void unsupportedCodings(DesyncCases.Coding c) {
        for (DesyncMitigationMode mode : DesyncMitigationMode.values()) {
            RequestHeadGuard guard = new RequestHeadGuard(DesyncPolicy.of(mode));
            byte[] bytes = c.request().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(guard.scan(bytes, 0, bytes.length)).as("%s", mode).isNotNegative();
            assertThat(guard.refusal()).as("%s", mode).extracting(Verdict::status).isEqualTo(501);
        }
    }
}

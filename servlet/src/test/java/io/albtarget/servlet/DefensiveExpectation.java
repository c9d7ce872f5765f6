package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.http.DesyncCases;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request and what a target behind an ALB in the default ({@code defensive}) desync mode must do with it, for
 * every server albtarget guards: every case of {@link DesyncCases}, and the codings the ALB answers with 501.
 *
 * @param name the case, as test reports name it
 * @param request its bytes
 * @param incomplete whether the head never ends, so that no outcome but a refusal or a close is right
 * @param outcome served, served then closed, or refused; null for an incomplete head
 */
public record DefensiveExpectation(String name, byte[] request, boolean incomplete, @Nullable WireOutcome outcome) {

    /** Every expectation. */
    public static List<DefensiveExpectation> all() {
        List<DefensiveExpectation> expected = new ArrayList<>();
        for (DesyncCases.Case c : DesyncCases.all()) {
            WireOutcome outcome = switch (c.reason().defensive()) {
                case SERVE -> WireOutcome.SERVED;
                case CLOSE -> WireOutcome.SERVED_THEN_CLOSED;
                case REFUSE -> WireOutcome.refused(400);
            };
            expected.add(new DefensiveExpectation(c.toString(), c.bytes(), !c.complete(),
                    c.complete() ? outcome : null));
        }
        for (DesyncCases.Coding c : DesyncCases.unsupportedCodings()) {
            expected.add(new DefensiveExpectation("501: " + c.name(),
                    c.request().getBytes(StandardCharsets.ISO_8859_1), false, WireOutcome.refused(501)));
        }
        return expected;
    }

    /** Asserts that a server did with the request what the rules say. */
    public void assertMetBy(WireOutcome observed) {
        if (outcome == null) {
            assertThat(observed.status() < 200 || observed.status() >= 400)
                    .as("an incomplete head is never served: %s", observed).isTrue();
            assertThat(observed.keptAlive()).isFalse();
        } else {
            assertThat(observed).isEqualTo(outcome);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

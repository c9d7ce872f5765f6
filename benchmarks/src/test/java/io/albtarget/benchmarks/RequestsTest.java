package io.albtarget.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.internal.http.GuardedPorts;
import io.albtarget.internal.http.RequestCompliance;
import io.albtarget.internal.http.RequestHeadGuard;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmarks measure what they say: clean requests pass every rule, each defect is refused. */
class RequestsTest {

    private final RequestCompliance compliance =
            RequestCompliance.of(AlbSettings.builder().allowedHosts(List.of(Requests.SERVED_NAME)).build());

    @BeforeEach
    void guardThePort() {
        GuardedPorts.register(Requests.GUARDED_PORT);
    }

    @AfterEach
    void unguardThePort() {
        GuardedPorts.unregister(Requests.GUARDED_PORT);
    }

    @ParameterizedTest
    @EnumSource(Requests.Variant.class)
    void withoutAGuardCleanVariantsAreAcceptedAndDefectsRefused(Requests.Variant variant) {
        for (int headers : new int[] {10, 25}) {
            assertThat(compliance.judge(Requests.view(headers, variant, Requests.UNGUARDED_PORT)).isAccepted())
                    .as("%s, %d lines", variant, headers).isEqualTo(isClean(variant));
        }
    }

    /** Behind a guard the filter leaves the bytes of ordinary values to the guard, which refuses them first. */
    @ParameterizedTest
    @EnumSource(Requests.Variant.class)
    void behindAGuardTheFilterRefusesWhatOnlyTheParsedRequestShows(Requests.Variant variant) {
        boolean guardsJob = variant == Requests.Variant.CONTROL_IN_VALUE;
        for (int headers : new int[] {10, 25}) {
            assertThat(compliance.judge(Requests.view(headers, variant, Requests.GUARDED_PORT)).isAccepted())
                    .as("%s, %d lines", variant, headers).isEqualTo(isClean(variant) || guardsJob);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 25})
    void theGuardLetsTheWholeHeadThroughOnANewConnectionAndAKeptAliveOne(int headers) {
        byte[] head = Requests.head(headers);
        RequestHeadGuard guard = new RequestHeadGuard();
        assertThat(guard.scan(ByteBuffer.wrap(head))).isEqualTo(-1);
        assertThat(guard.scan(ByteBuffer.wrap(head))).as("the same head again, kept alive").isEqualTo(-1);
        assertThat(guard.isPassThrough()).as("still watching: the head's framing was followed").isFalse();
        assertThat(new String(head, StandardCharsets.ISO_8859_1)).endsWith("\r\n\r\n")
                .contains(Requests.SERVED_NAME);
    }

    /** A kept-alive guard reads every byte of the next head: a control byte in its last value is refused. */
    @ParameterizedTest
    @ValueSource(ints = {10, 25})
    void theKeptAliveGuardJudgesTheNextHeadToItsLastValue(int headers) {
        byte[] head = Requests.head(headers);
        byte[] defective = head.clone();
        int lastValueByte = defective.length - 5;
        defective[lastValueByte] = 0x01;
        RequestHeadGuard guard = new RequestHeadGuard();
        assertThat(guard.scan(ByteBuffer.wrap(head))).isEqualTo(-1);
        assertThat(guard.scan(ByteBuffer.wrap(defective))).isEqualTo(lastValueByte);
    }

    private static boolean isClean(Requests.Variant variant) {
        return variant == Requests.Variant.CLEAN || variant == Requests.Variant.ALB_HEALTH_CHECK_HOST;
    }
}

package io.albtarget.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.http.RequestCompliance;
import io.albtarget.http.RequestHeadGuard;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmarks measure what they say: clean requests pass every rule, each defect is refused. */
class RequestsTest {

    private final RequestCompliance compliance =
            RequestCompliance.of(AlbSettings.builder().allowedHosts(List.of(Requests.SERVED_NAME)).build());

    @ParameterizedTest
    @EnumSource(Requests.Variant.class)
    void cleanVariantsAreAcceptedAndDefectsRefused(Requests.Variant variant) {
        boolean clean = variant == Requests.Variant.CLEAN || variant == Requests.Variant.ALB_HEALTH_CHECK_HOST;
        for (int headers : new int[] {10, 25}) {
            assertThat(compliance.judge(Requests.view(headers, variant)).isAccepted()).as("%s, %d lines", variant,
                    headers).isEqualTo(clean);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 25})
    void theGuardLetsTheWholeHeadThrough(int headers) {
        byte[] head = Requests.head(headers);
        RequestHeadGuard guard = new RequestHeadGuard();
        assertThat(guard.scan(ByteBuffer.wrap(head))).isEqualTo(-1);
        assertThat(guard.isPassThrough()).as("still watching: the head's framing was followed").isFalse();
        assertThat(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)).endsWith("\r\n\r\n")
                .contains(Requests.SERVED_NAME);
    }
}

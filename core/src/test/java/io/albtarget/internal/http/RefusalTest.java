package io.albtarget.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.Answer;
import io.albtarget.Verdict;
import io.albtarget.http.DesyncReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RefusalTest {

    @Test
    void aRefusalClosesTheConnectionAndReadsTheSameOnTheWire() {
        Answer refusal = Refusal.answer(DesyncReason.MULTILINE_HEADER.refusal());

        assertThat(new String(refusal.wire(), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 400 Bad Request\r\n"
                + "Content-Type: text/plain;charset=US-ASCII\r\nContent-Length: 34\r\nConnection: close\r\n\r\n"
                + "obs-fold (multi-line) header line\n");
    }

    @Test
    void anAcceptedRequestHasNoRefusal() {
        assertThatThrownBy(() -> Refusal.answer(Verdict.accept())).isInstanceOf(IllegalArgumentException.class);
    }
}

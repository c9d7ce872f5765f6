package io.albtarget.internal.http;

import io.albtarget.Answer;
import io.albtarget.Verdict;
import java.nio.charset.StandardCharsets;

/**
 * How every refusal albtarget causes looks, whichever layer answers it (the byte guard through its server, or the
 * filter): the verdict's status, {@code Content-Type: text/plain;charset=US-ASCII}, {@code Content-Length},
 * {@code Connection: close}, and the verdict's reason on one line. It never quotes the refused request.
 */
public final class Refusal {

    private Refusal() {
    }

    /**
     * The answer that refuses a request.
     *
     * @throws IllegalArgumentException if the verdict accepts the request
     */
    public static Answer answer(Verdict verdict) {
        if (verdict.isAccepted()) {
            throw new IllegalArgumentException("an accepted request gets no refusal: " + verdict);
        }
        return Answer.of(verdict.status(), "text/plain;charset=US-ASCII",
                (verdict.reason() + "\n").getBytes(StandardCharsets.US_ASCII), "Connection", "close");
    }
}

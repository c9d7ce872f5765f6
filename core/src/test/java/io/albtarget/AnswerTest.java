package io.albtarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerTest {

    @Test
    void headersComeInOrderWithTheBodysLength() {
        Answer answer = Answer.of(503, "application/json", "{}".getBytes(StandardCharsets.UTF_8), "Cache-Control",
                "no-store");

        assertThat(answer.headers()).containsExactly(entry("Content-Type", "application/json"),
                entry("Content-Length", "2"), entry("Cache-Control", "no-store"));
    }

    @Test
    void anEmptyBodyHasNoContentType() {
        assertThat(Answer.of(204, "application/json", new byte[0]).headers()).containsExactly(
                entry("Content-Length", "0"));
    }

    @Test
    void headersMustComeInPairs() {
        assertThatThrownBy(() -> Answer.of(200, "text/plain", new byte[0], "Connection"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("headers come as name, value pairs");
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return Map.entry(name, value);
    }
}

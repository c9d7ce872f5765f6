package io.albtarget.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.ReadmeTable;
import io.albtarget.internal.http.Refusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** README's table of desync reasons is the one the code applies. */
class DesyncReadmeTest {

    private static final String HEADER = "| reason | tier | defensive | what it is |";

    @Test
    void readmeTableListsEveryReasonWithItsTierActionAndSentence() throws IOException {
        List<String> documented = ReadmeTable.rows(HEADER);
        List<String> applied = Arrays.stream(DesyncReason.values())
                .map(reason -> "| `" + reason.albName() + "` | " + capitalized(reason.tier().name()) + " | "
                        + reason.defensive().name().toLowerCase(Locale.ROOT) + " | " + reason.sentence() + " |")
                .toList();
        assertThat(documented).isEqualTo(applied);
    }

    @Test
    void readmeQuotesARefusalAsTheGuardAndTheFilterWriteIt() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("```\nHTTP/1.1 400 Bad Request\n") + 4;
        assertThat(start).as("README.md quotes a refusal").isGreaterThan(4);
        String quoted = readme.substring(start, readme.indexOf("```", start));
        String written = new String(Refusal.answer(DesyncReason.MULTILINE_HEADER.refusal()).wire(),
                StandardCharsets.US_ASCII).replace("\r\n", "\n");
        assertThat(quoted).isEqualTo(written);
    }

    private static String capitalized(String tier) {
        return tier.charAt(0) + tier.substring(1).toLowerCase(Locale.ROOT);
    }
}

package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.albtarget.AlbSettings;
import io.albtarget.ScriptedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The self-check report quoted in the servlet example's README is what the self-check prints for a server that
 * answers as the example does: line by line, with numbers (times, addresses, ports, durations) left out, since the
 * quote shows the defaults and the test runs at alb.idle-timeout 1s + alb.keep-alive.margin 1s.
 */
final class SelfCheckReadmeTest {

    private static final Path README = Path.of("..", "examples", "servlet", "README.md");
    private static final Pattern LOG_PREFIX = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d INFO io\\.albtarget\\.check"
            + "\\.SelfCheck: ");
    private static final Pattern QUOTED = Pattern.compile("^(" + LOG_PREFIX.pattern().substring(1)
            + ")?albtarget self-check of |^(PASS|WARN|FAIL|SKIP) |^\\d+ PASS, \\d+ WARN, ");
    private static final AlbSettings SETTINGS = AlbSettings.builder().idleTimeout(Duration.ofSeconds(1))
            .keepAliveMargin(Duration.ofSeconds(1)).build();
    private static final String UP = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
            + "{\"status\":\"UP\"}";
    private static final String REFUSED = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    /** Answers as the example's Tomcat does: 400 for folded and empty-name lines, else 200 kept alive. */
    private static ScriptedServer exampleLike() {
        return ScriptedServer.everywhere(c -> {
            if (c.request().contains("\r\n second\r\n") || c.request().contains("\r\n: ")) {
                c.write(REFUSED);
            } else if (c.request().contains("\r\nConnection: close\r\n")) {
                c.write(UP);
            } else {
                c.write(UP).holdOpen();
            }
        });
    }

    private static List<String> withoutNumbers(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("\\d+", "#")).collect(Collectors.toList());
    }

    @Test
    void theQuotedReportIsWhatTheSelfCheckPrints() throws IOException {
        List<String> quoted = Files.readAllLines(README, StandardCharsets.UTF_8).stream()
                .filter(QUOTED.asPredicate()).collect(Collectors.toList());
        try (ScriptedServer server = exampleLike()) {
            CheckTarget target = CheckTarget.local(server.port())
                    .serverIdleTimeout("Tomcat connector keepAliveTimeout", Duration.ofSeconds(2));
            assumeFalse(InetAddress.getByName(target.hostAddress().replace("[", "").replace("]", ""))
                    .isLoopbackAddress(), "this machine has no address besides the loopback for listen-address");
            SelfCheck selfCheck = SelfCheck.of(SETTINGS, target);
            Report fast = selfCheck.run();
            Report whole = fast.with(selfCheck.measureKeepAlive().findings());

            List<String> printed = new ArrayList<>(List.of(fast.summary()));
            printed.addAll(whole.toText().lines().collect(Collectors.toList()));
            assertThat(quoted).as("the quote's log line carries the example's log format").first().asString()
                    .containsPattern(LOG_PREFIX);
            quoted.set(0, LOG_PREFIX.matcher(quoted.get(0)).replaceFirst(""));
            assertThat(withoutNumbers(quoted)).isEqualTo(withoutNumbers(printed));
        }
    }
}

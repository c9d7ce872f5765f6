package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.albtarget.AlbSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wire case on Tomcat, Jetty and Undertow, each as it comes and with albtarget: with albtarget all three
 * answer alike. The native column documents what each server does by itself.
 */
class AlbFilterIT {

    private static final ServerTable TABLE = new ServerTable();
    private static final TestServers.Shared NATIVE = new TestServers.Shared(TestServers::native_);
    private static final TestServers.Shared GUARDED = new TestServers.Shared(
            server -> server.withAlbtarget(AlbSettings.defaults()));

    static Stream<Arguments> serversAndCases() {
        return TestServers.each(WireCase.ALL);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("serversAndCases")
    @DisplayName("with albtarget, every server answers the status an ALB target must")
    void withAlbtarget(TestServers server, WireCase wireCase) throws Exception {
        TestServers.Running plain = NATIVE.get(server);
        int nativeStatus = RawHttp.exchange(plain.port(), wireCase.bytes(plain.port())).status();
        TestServers.Running running = GUARDED.get(server);
        try (RawHttp http = RawHttp.connect(running.port())) {
            RawHttp.Response response = http.send(wireCase.bytes(running.port())).read();
            record(server, wireCase, nativeStatus, response.status());
            assertThat(response.status()).as("%s %s", server, wireCase).isEqualTo(wireCase.expected());
            if (wireCase.expected() >= 400) {
                assertThat(http.closedByServer()).as("connection closed after a rejection").isTrue();
            }
        }
    }

    @ServerTest
    void filterRejectionSaysWhyInOneLine(TestServers server) {
        TestServers.Running running = GUARDED.get(server);
        RawHttp.Response response = RawHttp.exchange(running.port(), "GET / HTTP/1.1\r\nHost: 203.0.113.9\r\n\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        assertThat(response.body()).isEqualTo("Host is not an address of this target\n");
    }

    @ServerTest
    void switchedOffPassesEverythingThrough(TestServers server) throws Exception {
        AlbSettings off = AlbSettings.builder().enabled(false).build();
        try (TestServers.Running running = server.withAlbtarget(off)) {
            assertThat(RawHttp.exchange(running.port(), "GET / HTTP/1.1\r\nHost: 203.0.113.9\r\n"
                    + "Connection: close\r\n\r\n").status()).isEqualTo(200);
        }
    }

    @ServerTest
    @DisplayName("Tomcat and Undertow unfold obs-fold by themselves: the guard, not the filter, must refuse it")
    void obsFoldIsUnfoldedNatively(TestServers server) {
        assumeTrue(server != TestServers.JETTY, "Jetty refuses obs-fold by itself");
        TestServers.Running plain = NATIVE.get(server);
        RawHttp.Response response = RawHttp.exchange(plain.port(),
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test: a\r\n b\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("x-test=a b\n");
    }

    private static void record(TestServers server, WireCase wireCase, int nativeStatus, int status) {
        TABLE.put(server, wireCase.name(), nativeStatus + " → " + status);
    }

    @AfterAll
    static void stopServersAndPrintTable() {
        NATIVE.close();
        GUARDED.close();
        List<String> names = WireCase.ALL.stream().map(WireCase::name).toList();
        System.out.println(TABLE.render("native → with albtarget", "case", names));
        if (TestServers.selected().count() == TestServers.values().length) {
            assertThat(documentedRows()).as("SERVERS.md, 'What each server does'").isEqualTo(TABLE.rows(names));
        }
    }

    /** The rows of the table in SERVERS.md that shows each wire case on each server, in the doc's order. */
    private static List<String> documentedRows() {
        try {
            return Files.readAllLines(Path.of("..", "SERVERS.md"), StandardCharsets.UTF_8).stream()
                    .filter(line -> WireCase.ALL.stream().anyMatch(c -> line.startsWith("| " + c.name() + " |")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

package io.albtarget.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.ScriptedServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpProbe#idleClose}: how long a server keeps the connection open after its answer, with the server's
 * idle timeout scaled to 300 ms.
 */
final class IdleCloseTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private static final AlbRequest FORWARDED = AlbRequest.forwarded("/", "10.0.1.5:8080");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static IdleClose idleClose(ScriptedServer.Script script, Duration limit) {
        try (ScriptedServer server = ScriptedServer.start(script)) {
            return HttpProbe.to(server.address()).idleClose(FORWARDED, TIMEOUT, limit, () -> false);
        }
    }

    @Test
    void measuresAServerThatClosesTheIdleConnection() {
        IdleClose idle = idleClose(c -> c.write(OK).pause(300), Duration.ofSeconds(3));

        assertThat(idle.exchange().outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
        assertThat(idle.closedAfter()).hasValueSatisfying(after -> assertThat(after)
                .as("the server's 300 ms, counted from the end of the answer")
                .isBetween(Duration.ofMillis(150), Duration.ofSeconds(2)));
        assertThat(idle.closeAnnounced()).isFalse();
        assertThat(idle.limit()).isEqualTo(Duration.ofSeconds(3));
        assertThat(idle.toString()).startsWith("closed after ").endsWith(" ms");
    }

    @Test
    void reportsStillOpenForAServerThatKeepsTheConnection() {
        IdleClose idle = idleClose(c -> c.write(OK).holdOpen(), Duration.ofMillis(300));

        assertThat(idle.exchange().outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
        assertThat(idle.closedAfter()).isEmpty();
        assertThat(idle).hasToString("still open after 300ms");
    }

    @Test
    void closeAnnouncedWhenTheAnswerSaysConnectionClose() {
        IdleClose idle = idleClose(c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection:  Close \r\n"
                + "\r\nok"), Duration.ofSeconds(3));

        assertThat(idle.closeAnnounced()).isTrue();
        assertThat(idle.closedAfter()).isPresent();
    }

    @Test
    void otherConnectionValuesAnnounceNoClose() {
        IdleClose idle = idleClose(c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n"
                + "\r\nok").holdOpen(), Duration.ofMillis(100));

        assertThat(idle.closeAnnounced()).isFalse();
    }

    @Test
    void nothingIsWatchedAfterAnIncompleteAnswer() {
        IdleClose idle = idleClose(c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"),
                Duration.ofSeconds(3));

        assertThat(idle.exchange().outcome()).isEqualTo(Exchange.Outcome.CLOSED_EARLY);
        assertThat(idle.closedAfter()).isEmpty();
        assertThat(idle).hasToString("no idle connection to watch");
    }

    @Test
    void stopEndsTheWatchWithTheConnectionStillOpen() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        try (ScriptedServer server = ScriptedServer.start(c -> {
            c.write(OK);
            answered.countDown();
            c.holdOpen();
        })) {
            CompletableFuture<IdleClose> watched = CompletableFuture.supplyAsync(() -> HttpProbe.to(server.address())
                    .idleClose(FORWARDED, TIMEOUT, Duration.ofMinutes(10), stop::get));
            assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
            stop.set(true);

            IdleClose idle = watched.get(10, TimeUnit.SECONDS);

            assertThat(idle.stoppedAfter()).isPresent();
            assertThat(idle.closedAfter()).isEmpty();
            assertThat(idle.toString()).startsWith("watch stopped after ").endsWith(" ms, the connection still open");
        }
    }

    @Test
    void refusedPortGivesAFailedConnectAndNothingToWatch() {
        IdleClose idle = HttpProbe.to(ScriptedServer.refusedAddress()).idleClose(FORWARDED, TIMEOUT,
                Duration.ofSeconds(3), () -> false);

        assertThat(idle.exchange().outcome()).isEqualTo(Exchange.Outcome.CONNECT_FAILED);
        assertThat(idle.closedAfter()).isEmpty();
    }
}

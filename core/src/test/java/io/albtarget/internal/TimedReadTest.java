package io.albtarget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.albtarget.ScriptedServer;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Socket timeouts rounded up to whole milliseconds, and reads that give up only once their end has passed. */
final class TimedReadTest {

    @Test
    void timeoutsRoundUpToWholeMillisecondsAndAreNeverZero() {
        assertThat(TimedRead.millis(1)).isEqualTo(1);
        assertThat(TimedRead.millis(1_000_000)).isEqualTo(1);
        assertThat(TimedRead.millis(1_000_001)).isEqualTo(2);
        assertThat(TimedRead.millis(399_999_999)).isEqualTo(400);
        assertThat(TimedRead.millis(0)).as("0 would mean no timeout at all").isEqualTo(1);
        assertThat(TimedRead.millis(-5)).isEqualTo(1);
        assertThat(TimedRead.millis(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aReadGivesUpOnlyOnceItsEndHasPassed() throws IOException {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.Connection::holdOpen);
                Socket socket = new Socket()) {
            socket.connect(server.address());
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (long nanos : new long[] {1, 999_999, 1_000_001, 25_400_000}) {
                long end = System.nanoTime() + nanos;

                assertThatExceptionOfType(SocketTimeoutException.class)
                        .isThrownBy(() -> TimedRead.read(socket, socket.getInputStream(), new byte[8], end));
                assertThat(System.nanoTime() - end).as("%d ns", nanos).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void bytesThatArriveAreReadAndACloseIsMinusOne() throws IOException {
        try (ScriptedServer server = ScriptedServer.answering("ok"); Socket socket = new Socket()) {
            socket.connect(server.address());
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] into = new byte[8];
            long end = System.nanoTime() + 5_000_000_000L;

            assertThat(TimedRead.read(socket, socket.getInputStream(), into, end)).isEqualTo(2);
            assertThat(TimedRead.read(socket, socket.getInputStream(), into, end)).isEqualTo(-1);
        }
    }
}

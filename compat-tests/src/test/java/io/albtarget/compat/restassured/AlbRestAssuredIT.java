package io.albtarget.compat.restassured;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.albtarget.AlbSettings;
import io.albtarget.SuccessCodes;
import io.albtarget.compat.contract.ContractTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bytes rest-assured sends with the kit's specifications, as a raw server receives them. */
class AlbRestAssuredIT {

    @Test
    void theHealthCheckIsTheAlbsRequestByteForByte() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> answer(server, 200));
            ContractTarget target = ContractTarget.local(server.getLocalPort(), AlbSettings.builder()
                    .healthCheckPath("/health?deep=1").matcher(SuccessCodes.parse("200-299")).build());

            given(AlbRestAssured.healthCheck(target)).get()
                    .then().statusCode(AlbRestAssured.acceptedBy(target.settings().matcher()));

            String[] lines = received.get(10, TimeUnit.SECONDS).split("\r\n", -1);
            assertThat(lines[0]).isEqualTo("GET /health?deep=1 HTTP/1.1");
            assertThat(Arrays.copyOfRange(lines, 1, lines.length - 2)).containsExactlyInAnyOrder(
                    "Host: 127.0.0.1:" + server.getLocalPort(), "Connection: close",
                    "User-Agent: ELB-HealthChecker/2.0", "Accept-Encoding: gzip, compressed");
            assertThat(Arrays.copyOfRange(lines, lines.length - 2, lines.length)).containsExactly("", "");
        }
    }

    @Test
    void theMatcherNamesTheReasonCodeOfAMismatch() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.supplyAsync(() -> answer(server, 404));
            ContractTarget target = ContractTarget.local(server.getLocalPort(), AlbSettings.defaults());
            AssertionError mismatch = assertThrows(AssertionError.class,
                    () -> given(AlbRestAssured.healthCheck(target)).get()
                            .then().statusCode(AlbRestAssured.acceptedBy(target.settings().matcher())));
            assertThat(mismatch).hasMessageContaining("was 404").hasMessageContaining("Target.ResponseCodeMismatch");
        }
    }

    @Test
    void aForwardedRequestCarriesTheAlbsHeaders() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> answer(server, 200));
            ContractTarget target = ContractTarget.local(server.getLocalPort(), AlbSettings.defaults());

            given(AlbRestAssured.forwarded(target)).get().then().statusCode(200);

            assertThat(received.get(10, TimeUnit.SECONDS)).startsWith("GET / HTTP/1.1\r\n")
                    .contains("\r\nX-Forwarded-For: 192.0.2.10\r\n", "\r\nX-Forwarded-Proto: http\r\n",
                            "\r\nX-Forwarded-Port: 80\r\n", "\r\nX-Amzn-Trace-Id: Root=1-");
        }
    }

    /** Accepts one connection, reads its request head, answers it with this status and no body. */
    private static String answer(ServerSocket server, int status) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            socket.getOutputStream().write(("HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return head.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

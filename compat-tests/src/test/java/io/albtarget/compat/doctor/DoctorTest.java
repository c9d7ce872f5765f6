package io.albtarget.compat.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

final class DoctorTest {

    @Test
    void helpDocumentsEveryOptionWithItsDefaultAndTheExitCodes() {
        DoctorRun run = DoctorRun.of("--help");

        assertThat(run.exitCode).as(run.toString()).isZero();
        // picocli wraps the help at 80 columns
        assertThat(run.out.replaceAll("\\s+", " ")).contains("--path=P", "--matcher=M", "(default: 200)", "--timeout=D", "(default: 5s)",
                "--interval=D", "(default: 30s)", "--idle-timeout=D", "(default: 60s)", "--keep-alive-margin=D",
                "--host-header=H", "--skip-keep-alive", "--json", "Exit codes:", "2 bad usage");
    }

    @Test
    void aUrlThatIsNotHttpIsBadUsage() {
        DoctorRun run = DoctorRun.of("ftp://127.0.0.1:21");

        assertThat(run.exitCode).isEqualTo(Doctor.UNUSABLE);
        assertThat(run.err).contains("URL must be http://HOST:PORT or https://HOST:PORT, but was 'ftp://127.0.0.1:21'");
    }

    @Test
    void aMissingUrlIsBadUsage() {
        DoctorRun run = DoctorRun.of("--json");

        assertThat(run.exitCode).isEqualTo(Doctor.UNUSABLE);
        assertThat(run.err).contains("Missing required parameter: 'URL'");
    }

    @Test
    void aTimeoutOutsideTheAlbRangeNamesTheOptionTheRangeAndTheValue() {
        DoctorRun run = DoctorRun.of("http://127.0.0.1:1", "--timeout", "1s");

        assertThat(run.exitCode).isEqualTo(Doctor.UNUSABLE);
        assertThat(run.err).contains("--timeout", "2s", "120s", "1s").doesNotContain("alb.health-check.timeout");
    }

    @Test
    void aDurationThatDoesNotParseNamesTheOption() {
        DoctorRun run = DoctorRun.of("http://127.0.0.1:1", "--idle-timeout", "soon");

        assertThat(run.exitCode).isEqualTo(Doctor.UNUSABLE);
        assertThat(run.err).contains("--idle-timeout", "'soon'");
    }

    @Test
    void aBadMatcherNamesTheOption() {
        DoctorRun run = DoctorRun.of("http://127.0.0.1:1", "--matcher", "200-600");

        assertThat(run.exitCode).isEqualTo(Doctor.UNUSABLE);
        assertThat(run.err).contains("--matcher", "200-600");
    }

    @Test
    void aRefusedConnectionIsUnreachableWithOneLineSayingSo() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        DoctorRun run = DoctorRun.of("http://127.0.0.1:" + port, "--skip-keep-alive");

        assertThat(run.exitCode).isEqualTo(Doctor.UNUSABLE);
        assertThat(run.err.strip()).isEqualTo("albtarget-doctor: cannot reach 127.0.0.1:" + port
                + ": connection refused");
        assertThat(run.out).isEmpty();
    }

    @Test
    void aHostWithoutAddressIsUnreachableNamingDns() {
        DoctorRun run = DoctorRun.of("http://no-such-host.invalid:8080", "--skip-keep-alive");

        assertThat(run.exitCode).isEqualTo(Doctor.UNUSABLE);
        assertThat(run.err).contains("cannot reach no-such-host.invalid:8080: DNS has no address for"
                + " no-such-host.invalid");
    }
}

package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;

/** What a refusal by albtarget looks like on the wire, on every server and whichever layer answers it. */
public final class GuardAssertions {

    private GuardAssertions() {
    }

    /** Reads the next response: albtarget's 400, then the server's close. */
    public static void assertRefusedAndClosed(RawHttp http) {
        assertRefusedAndClosed(http, 400);
    }

    /**
     * Reads the next response: the status, albtarget's one line of plain text that echoes nothing of the refused
     * request, {@code Connection: close}, then the server's close.
     */
    public static void assertRefusedAndClosed(RawHttp http, int status) {
        RawHttp.Response response = http.read();
        assertRefusal(response, status);
        assertThat(http.closedByServer()).as("connection closed after the %d", status).isTrue();
    }

    /** The status, {@code Connection: close}, and albtarget's one line of plain text: this reason. */
    public static void assertRefusal(RawHttp.Response response, int status, String reason) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain;charset=US-ASCII");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.body()).isEqualTo(reason + "\n");
    }

    /** The status, {@code Connection: close}, and albtarget's one line of plain text, quoting nothing. */
    public static void assertRefusal(RawHttp.Response response, int status) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("%s", response).isEqualToIgnoringCase("text/plain;charset=US-ASCII");
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(response.body()).matches("[ -~]+\n").doesNotContain("x-test=").doesNotContain("Host");
    }
}

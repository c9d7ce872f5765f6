package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;

/** What a refusal by a request-head guard looks like on the wire, shared by the servers' guard tests. */
public final class GuardAssertions {

    private GuardAssertions() {
    }

    /** Reads the next response: a 400 that echoes nothing of the refused request, then the server's close. */
    public static void assertRefusedAndClosed(RawHttp http) {
        RawHttp.Response response = http.read();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("x-test=");
        assertThat(http.closedByServer()).as("connection closed after the 400").isTrue();
    }
}

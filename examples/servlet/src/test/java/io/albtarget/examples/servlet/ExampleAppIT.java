package io.albtarget.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.servlet.RawHttp;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExampleAppIT {

    private static Tomcat tomcat;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        AlbTarget target = AlbTarget.create(AlbSettings.defaults());
        tomcat = ExampleApp.start(0, AlbSettings.defaults(), target);
        target.start();
        port = tomcat.getConnector().getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void helloAnswersTheAlbHostForm() {
        RawHttp.Response response = RawHttp.exchange(port,
                "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello\n");
    }

    @Test
    void hostWithTwoPortsIsRefused() {
        assertThat(RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + ":" + port
                + "\r\nConnection: close\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void obsFoldIsRefused() {
        assertThat(RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nX-Test: a\r\n b\r\nConnection: close\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void slowAnswersAfterItsDelay() {
        RawHttp.Response response = RawHttp.exchange(port, "GET /slow?ms=50 HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("slept 50 ms\n");
        assertThat(RawHttp.exchange(port, "GET /slow?ms=-1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n").body()).isEqualTo("ms must be between 0 and 600000, but was '-1'\n");
    }
}

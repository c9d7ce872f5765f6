package io.albtarget.compat.doctor;

import io.albtarget.internal.probe.HttpProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Whether a TCP connection to the target opens within the ALB's connect timeout. */
final class Reach {

    private Reach() {
    }

    /** Why the address cannot be reached, or an empty string when a connection opened. */
    static String problem(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) HttpProbe.ALB_CONNECT_TIMEOUT.toMillis());
            return "";
        } catch (SocketTimeoutException e) {
            return "connect timed out after " + HttpProbe.ALB_CONNECT_TIMEOUT.toSeconds() + " s (the ALB's connect"
                    + " timeout)";
        } catch (IOException e) {
            return HttpProbe.describe(e);
        }
    }
}

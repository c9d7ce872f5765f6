package io.albtarget;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A raw-socket HTTP server on the loopback and an ephemeral port that plays a script per connection: it reads the
 * request head (up to the empty line), records its bytes, then lets the script write bytes, pause or hold the
 * connection. The server closes the connection when the script returns.
 *
 * <pre>{@code
 * try (ScriptedServer server = ScriptedServer.start(c -> c.write("HTTP/1.1 204 No Content\r\n\r\n").holdOpen())) {
 *     ...
 * }
 * }</pre>
 */
public final class ScriptedServer implements AutoCloseable {

    /** What the server does on one connection once it has read the request head. */
    @FunctionalInterface
    public interface Script {
        void play(Connection connection) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private ScriptedServer(Script script, InetAddress bindTo) throws IOException {
        listener = new ServerSocket(0, 50, bindTo);
        threads.execute(() -> accept(script));
    }

    /** A server on the loopback playing this script on every connection. */
    public static ScriptedServer start(Script script) {
        return start(script, InetAddress.getLoopbackAddress());
    }

    /** A server on every interface (0.0.0.0) playing this script on every connection. */
    public static ScriptedServer everywhere(Script script) {
        try {
            return start(script, InetAddress.getByName("0.0.0.0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ScriptedServer start(Script script, InetAddress bindTo) {
        try {
            return new ScriptedServer(script, bindTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that writes these characters (ISO-8859-1) on every connection and closes it. */
    public static ScriptedServer answering(String response) {
        return start(connection -> connection.write(response));
    }

    /** A loopback address nothing listens on: its port was bound once, then closed again. */
    public static InetSocketAddress refusedAddress() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a request head from the stream, up to and including its empty line (or the end of the stream), as
     * ISO-8859-1 text.
     */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The loopback address and port the server listens on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** The request heads received so far, in order, as ISO-8859-1 text including the final empty line. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void accept(Script script) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                threads.execute(() -> serve(socket, script));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            Connection connection = new Connection(socket);
            requests.add(connection.readHead());
            script.play(connection);
        } catch (IOException e) {
            // the client went away, or the server is closing: the script has nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
            for (Socket socket : open) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    /** One accepted connection, as the script sees it. */
    public static final class Connection {
        private static final int TLS_RECORD_HEADER = 5;
        private static final byte TLS_HANDSHAKE = 0x16;
        private final InputStream in;
        private final OutputStream out;
        private final InetAddress arrivedOn;
        private String head = "";

        Connection(Socket socket) throws IOException {
            this.arrivedOn = socket.getLocalAddress();
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /**
         * Reads the request head up to its empty line; or, when the client opens with a TLS record (a ClientHello),
         * that one record, which real servers answer at once since it can never become a request line.
         */
        String readHead() throws IOException {
            in.mark(TLS_RECORD_HEADER);
            byte[] start = in.readNBytes(TLS_RECORD_HEADER);
            if (start.length == TLS_RECORD_HEADER && start[0] == TLS_HANDSHAKE && start[1] == 3) {
                ByteArrayOutputStream record = new ByteArrayOutputStream();
                record.writeBytes(start);
                record.writeBytes(in.readNBytes(((start[3] & 0xff) << 8) | (start[4] & 0xff)));
                head = record.toString(StandardCharsets.ISO_8859_1);
                return head;
            }
            in.reset();
            head = ScriptedServer.readHead(in);
            return head;
        }

        /** The server's address the connection arrived on. */
        public InetAddress arrivedOn() {
            return arrivedOn;
        }

        /** The request head this connection carried. */
        public String request() {
            return head;
        }

        /** Writes these characters as ISO-8859-1 bytes and flushes them. */
        public Connection write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        }

        /** Waits this long, holding the connection. */
        public Connection pause(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return this;
        }

        /** Keeps the connection open, reading and dropping what comes, until the client closes it. */
        public void holdOpen() throws IOException {
            byte[] ignored = new byte[512];
            while (in.read(ignored) >= 0) {
                // a client that sends more gets no answer
            }
        }
    }
}

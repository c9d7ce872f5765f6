package io.albtarget.tls;

import io.albtarget.internal.TimedRead;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * Makes handshakes the way the ALB does, with BouncyCastle's low-level TLS API.
 *
 * <p>The low-level API rather than a JSSE provider, because every JSSE client (SunJSSE, and BCJSSE too) reads the
 * JVM-global {@code jdk.tls.disabledAlgorithms}, which disables TLS 1.0 and 1.1 on current JDKs and would make an
 * honest ALB offer impossible without weakening the JVM the server under test runs in. BcTlsCrypto uses
 * BouncyCastle's own primitives, so no JCA provider is registered either.
 *
 * <p>This is the only class of the package that touches the TLS side of BouncyCastle; it is loaded only after
 * {@link BouncyCastle#available()} said yes.
 */
final class Handshaker {

    private static final Map<String, ProtocolVersion> VERSIONS = Map.of(
            BackendPolicy.Suite.TLSV1, ProtocolVersion.TLSv10,
            BackendPolicy.Suite.TLSV1_1, ProtocolVersion.TLSv11,
            BackendPolicy.Suite.TLSV1_2, ProtocolVersion.TLSv12,
            BackendPolicy.Suite.TLSV1_3, ProtocolVersion.TLSv13);

    /** Beyond BouncyCastle's defaults: the AES-256 and DSS variants of DHE that servers restricted to DHE pick. */
    private static final int[] BEYOND_DEFAULTS = {
        CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA256,
        CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA, CipherSuite.TLS_DHE_DSS_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_DHE_DSS_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_DHE_DSS_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_DHE_DSS_WITH_AES_128_CBC_SHA};

    private static final Map<Integer, String> SUITE_NAMES = suiteNames();

    private final String host;
    private final int port;
    private final int connectMillis;
    private final long handshakeNanos;
    private final TlsCrypto crypto = new BcTlsCrypto(new SecureRandom());

    Handshaker(String host, int port, long connectMillis, long handshakeMillis) {
        this.host = host;
        this.port = port;
        this.connectMillis = Math.toIntExact(connectMillis);
        this.handshakeNanos = TimeUnit.MILLISECONDS.toNanos(handshakeMillis);
    }

    /**
     * An offer wider than any ALB policy, without SNI: every protocol version, the suites of the widest policy, and
     * BouncyCastle's defaults (ChaCha20, DHE), with every signature algorithm. What a server picks from it tells
     * why it refused the policy's offer.
     */
    Offer beyondPolicy(BackendPolicy widest) {
        Set<Integer> codes = new LinkedHashSet<>();
        widest.suites().forEach(s -> codes.add(s.code()));
        Arrays.stream(new AlbClient(crypto, Offer.of(widest.protocols(), widest.suites())).defaultSuites())
                .forEach(codes::add);
        Arrays.stream(TlsUtils.getSupportedCipherSuites(crypto, BEYOND_DEFAULTS)).forEach(codes::add);
        List<Integer> offered = new ArrayList<>(codes);
        return new Offer(widest.protocols(), offered, offered.stream().map(Handshaker::suiteName)
                .collect(Collectors.toList()), null, true);
    }

    /** One handshake on a new connection; never throws for what the server does. */
    Handshake attempt(Offer offer) {
        long start = System.nanoTime();
        AlbClient client = new AlbClient(crypto, offer);
        try (Socket socket = new Socket()) {
            // without NODELAY, Nagle and delayed ACKs add about 40 ms to every loopback handshake
            socket.setTcpNoDelay(true);
            try {
                socket.connect(new InetSocketAddress(host, port), connectMillis);
            } catch (ConnectException e) {
                return failed(offer, Handshake.Outcome.REFUSED, null, "connection refused by " + endpoint(), start,
                        client);
            } catch (SocketTimeoutException e) {
                return failed(offer, Handshake.Outcome.TIMEOUT, null, "no TCP connection to " + endpoint()
                        + " within " + connectMillis + " ms", start, client);
            }
            return handshake(socket, offer, client, start, System.nanoTime() + handshakeNanos);
        } catch (UnknownHostException e) {
            return failed(offer, Handshake.Outcome.ERROR, null, "unknown host " + host, start, client);
        } catch (IOException e) {
            return failed(offer, Handshake.Outcome.ERROR, null, endpoint() + ": " + e, start, client);
        }
    }

    private Handshake handshake(Socket socket, Offer offer, AlbClient client, long start, long deadline)
            throws IOException {
        TlsClientProtocol protocol = new TlsClientProtocol(new DeadlineInputStream(socket, deadline),
                socket.getOutputStream());
        try {
            protocol.connect(client);
        } catch (TlsFatalAlertReceived e) {
            String alert = AlertDescription.getName(e.getAlertDescription());
            return failed(offer, Handshake.Outcome.ALERT, alert, "the server sent alert " + alert, start, client);
        } catch (TlsFatalAlert e) {
            return failed(offer, Handshake.Outcome.ABORTED, null, "the client gave up with alert "
                    + AlertDescription.getName(e.getAlertDescription()) + ": " + e.getMessage(), start, client);
        } catch (SocketTimeoutException e) {
            return failed(offer, Handshake.Outcome.TIMEOUT, null, "no complete handshake within "
                    + TimeUnit.NANOSECONDS.toMillis(handshakeNanos) + " ms", start, client);
        } catch (EOFException | SocketException e) {
            return failed(offer, Handshake.Outcome.CLOSED, null, "the server closed the connection without an alert"
                    + " (" + e.getMessage() + ")", start, client);
        }
        Handshake done = Handshake.negotiated(offer, client.negotiatedProtocol(), client.negotiatedSuite(),
                millisSince(start), client.chain);
        try {
            protocol.close();
        } catch (IOException e) {
            // the handshake is what counts; a server may well drop the connection before our close_notify
        }
        return done;
    }

    private static Handshake failed(Offer offer, Handshake.Outcome outcome, @Nullable String alert, String detail,
            long start, AlbClient client) {
        return Handshake.failed(offer, outcome, alert, detail, millisSince(start), client.chain);
    }

    private String endpoint() {
        return host + ":" + port;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String suiteName(int code) {
        String name = SUITE_NAMES.get(code);
        return name != null ? name : String.format("0x%04X", code);
    }

    private static Map<Integer, String> suiteNames() {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (Field field : CipherSuite.class.getFields()) {
                if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())
                        && field.getName().startsWith("TLS_")) {
                    names.putIfAbsent(field.getInt(null), field.getName());
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("BouncyCastle's CipherSuite constants are public", e);
        }
        return Map.copyOf(names);
    }

    /** The ALB's side of the handshake: exactly the offer, no certificate validation, the chain kept. */
    private static final class AlbClient extends DefaultTlsClient {

        private final Offer offer;
        private final List<X509Certificate> chain = new ArrayList<>();

        AlbClient(TlsCrypto crypto, Offer offer) {
            super(crypto);
            this.offer = offer;
        }

        int[] defaultSuites() {
            return super.getSupportedCipherSuites();
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return offer.protocols().stream().map(VERSIONS::get).toArray(ProtocolVersion[]::new);
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(),
                    offer.suiteCodes().stream().mapToInt(Integer::intValue).toArray());
        }

        @Override
        protected @Nullable Vector<ServerName> getSNIServerNames() {
            String sni = offer.sni();
            if (sni == null) {
                return null;
            }
            Vector<ServerName> names = new Vector<>();
            names.add(new ServerName(NameType.host_name, sni.getBytes(StandardCharsets.US_ASCII)));
            return names;
        }

        /**
         * RSA and ECDSA only: the ALB does not support Ed25519 keys, and neither policy has a DSS suite, so a
         * server whose only certificate has such a key must fail here as it fails behind the ALB.
         */
        @Override
        @SuppressWarnings("unchecked")
        protected Vector<SignatureAndHashAlgorithm> getSupportedSignatureAlgorithms() {
            Vector<SignatureAndHashAlgorithm> all = super.getSupportedSignatureAlgorithms();
            if (offer.beyondPolicy()) {
                return all;
            }
            return all.stream().filter(a -> rsaOrEcdsa(a.getSignature()))
                    .collect(Collectors.toCollection(Vector::new));
        }

        private static boolean rsaOrEcdsa(short signature) {
            return signature == SignatureAlgorithm.rsa || signature == SignatureAlgorithm.ecdsa
                    || (signature >= SignatureAlgorithm.rsa_pss_rsae_sha256
                            && signature <= SignatureAlgorithm.rsa_pss_rsae_sha512)
                    || (signature >= SignatureAlgorithm.rsa_pss_pss_sha256
                            && signature <= SignatureAlgorithm.rsa_pss_pss_sha512);
        }

        /** The ALB validates no target certificate; checking the chain's signature algorithms would be stricter. */
        @Override
        public boolean shouldCheckSigAlgOfPeerCerts() {
            return false;
        }

        /** Servers without RFC 5746 renegotiation info are left to the ALB to judge; they are not refused here. */
        @Override
        public void notifySecureRenegotiation(boolean secureRenegotiation) {
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    org.bouncycastle.tls.Certificate certificates = serverCertificate.getCertificate();
                    try {
                        CertificateFactory factory = CertificateFactory.getInstance("X.509");
                        for (int i = 0; i < certificates.getLength(); i++) {
                            chain.add((X509Certificate) factory.generateCertificate(
                                    new ByteArrayInputStream(certificates.getCertificateAt(i).getEncoded())));
                        }
                    } catch (CertificateException e) {
                        // a certificate the JDK cannot parse is still one the ALB would accept: keep what parsed
                    }
                }

                @Override
                public @Nullable TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                    return null;
                }
            };
        }

        String negotiatedProtocol() {
            ProtocolVersion version = context.getSecurityParametersConnection().getNegotiatedVersion();
            return VERSIONS.entrySet().stream().filter(e -> e.getValue().equals(version)).map(Map.Entry::getKey)
                    .findFirst().orElse(version.getName());
        }

        String negotiatedSuite() {
            return suiteName(context.getSecurityParametersConnection().getCipherSuite());
        }
    }

    /** Bounds the whole handshake, not each read, so a server that trickles bytes cannot stretch it. */
    private static final class DeadlineInputStream extends FilterInputStream {

        private final Socket socket;
        private final long deadline;

        DeadlineInputStream(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        // a read gives up only once the handshake's deadline has passed on the clock, not when the socket's
        // timer, in whole milliseconds, runs out just before it
        @Override
        public int read() throws IOException {
            return TimedRead.read(socket, deadline, super::read);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return TimedRead.read(socket, deadline, () -> super.read(b, off, len));
        }
    }
}

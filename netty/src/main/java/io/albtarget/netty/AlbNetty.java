package io.albtarget.netty;

import io.albtarget.AlbSettings;
import io.albtarget.internal.http.DesyncPolicy;
import io.albtarget.internal.http.RequestCompliance;
import io.albtarget.internal.http.RequestHeadGuard;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.Objects;

/**
 * albtarget in a Netty HTTP/1.1 server pipeline: the ALB's desync rules on the raw bytes of every connection, ahead of
 * Netty's {@link HttpServerCodec}, which unfolds a multi-line header and reads a bare LF as a line end before any
 * handler could tell; and the rules the parsed request shows (the Host, a GET or HEAD with a body) after it.
 *
 * <pre>{@code
 * AlbNetty alb = AlbNetty.of(settings);                     // once per server
 * // in the ChannelInitializer, after an SslHandler if there is one:
 * pipeline.addLast("http", new HttpServerCodec(AlbNetty.decoderConfig()));
 * alb.guard(pipeline, "http");
 * pipeline.addLast(new HttpObjectAggregator(1 << 20), application);
 * }</pre>
 *
 * <p>A refused request gets albtarget's refusal (the rule's status, one line of plain text, {@code Connection:
 * close}) after the responses to the requests pipelined before it, and the connection closes; a GET or HEAD with a
 * body is served with {@code Connection: close} and the connection closes after its response. The guard steps aside
 * for HTTP/2 by prior knowledge and after a {@code 101 Switching Protocols} answer.
 *
 * <p>Immutable and thread-safe: one instance serves every connection of a server.
 */
public final class AlbNetty {

    /** The name of the guard on the raw bytes, just ahead of the codec. */
    public static final String GUARD = "albtarget-guard";
    /** The name of the handler of parsed requests, just after the codec. */
    public static final String RULES = "albtarget-rules";

    /** The ALB's own limits: it forwards a request line of up to 16 KiB and header lines of up to 64 KiB. */
    private static final int ALB_REQUEST_LINE_BYTES = 16 * 1024;
    private static final int ALB_HEADER_BYTES = 64 * 1024;

    private final DesyncPolicy policy;
    private final RequestCompliance compliance;

    private AlbNetty(AlbSettings settings) {
        this.policy = DesyncPolicy.of(settings);
        this.compliance = RequestCompliance.of(settings, policy);
    }

    /**
     * albtarget for a server with these settings.
     *
     * @throws IllegalArgumentException if {@code alb.hosts.allowed} or {@code alb.hosts.allowed-cidrs} holds an
     *     invalid entry
     */
    public static AlbNetty of(AlbSettings settings) {
        return new AlbNetty(Objects.requireNonNull(settings, "'settings' must not be null"));
    }

    /**
     * Puts albtarget around a connection's HTTP/1.1 server codec: {@link #GUARD} just before it, {@link #RULES} just
     * after it. Call it from the channel's initializer, once the codec is in the pipeline.
     *
     * @param codecName the name of the pipeline's {@link HttpServerCodec}
     * @throws IllegalArgumentException if no {@link HttpServerCodec} has that name in the pipeline
     */
    public void guard(ChannelPipeline pipeline, String codecName) {
        ChannelHandler codec = pipeline.get(codecName);
        if (!(codec instanceof HttpServerCodec)) {
            throw new IllegalArgumentException("'codecName' must name the pipeline's HttpServerCodec, but '"
                    + codecName + "' names " + (codec == null ? "no handler" : codec.getClass().getName()));
        }
        ParsedRequests rules = new ParsedRequests(compliance);
        pipeline.addBefore(codecName, GUARD, new RequestBytes(new RequestHeadGuard(policy), rules));
        pipeline.addAfter(codecName, RULES, rules);
    }

    /**
     * Puts albtarget around the pipeline's HTTP/1.1 server codec whatever its name: a framework's own, or the one
     * Netty's h2c upgrade handler adds under a generated name. Call it from a pipeline hook that may run before the
     * codec is there or more than once: it does nothing then, or once the codec is guarded.
     *
     * @return whether albtarget's handlers are around the codec now
     */
    public boolean guardCodecOf(ChannelPipeline pipeline) {
        if (judgesRequestsOf(pipeline.channel())) {
            return true;
        }
        ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
        if (codec == null) {
            return false;
        }
        guard(pipeline, codec.name());
        return true;
    }

    /**
     * Whether albtarget's handlers judge the requests of this channel, an HTTP/1.1 connection {@link #guard} put
     * them around; a framework's own filter judges the others (HTTP/2 streams, connections without the codec).
     */
    public static boolean judgesRequestsOf(Channel channel) {
        return channel.pipeline().get(RULES) != null;
    }

    /**
     * Netty's decoder settings for a target behind an ALB: header validation on, a repeated Content-Length refused,
     * line ends read strictly, and room for the longest request line (16 KiB) and header section (64 KiB) the ALB
     * forwards, where Netty's defaults (4 KiB and 8 KiB) would refuse requests the ALB passes on. albtarget's guard
     * refuses the rest ahead of the decoder, a Transfer-Encoding other than {@code chunked} included, so an option
     * that only later Netty releases have (RFC 9112 Transfer-Encoding) is left to the application: these settings
     * hold on every Netty 4.2 from 4.2.9, the one Micronaut 4.10 brings.
     */
    public static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(ALB_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(ALB_HEADER_BYTES)
                .setValidateHeaders(true)
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true);
    }
}

package io.albtarget.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.AlbSettings;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;

class AlbNettyTest {

    private static final AlbNetty ALB = AlbNetty.of(AlbSettings.defaults());

    @Test
    void theGuardGoesJustBeforeTheCodecAndTheRulesJustAfterIt() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("http", new HttpServerCodec()).addLast("app", new HttpObjectAggregator(1024));
        ALB.guard(channel.pipeline(), "http");
        assertThat(channel.pipeline().names()).startsWith(AlbNetty.GUARD, "http", AlbNetty.RULES, "app");
        channel.finishAndReleaseAll();
    }

    @Test
    void theCodecIsFoundByItsTypeOnceItIsThereAndGuardedOnce() {
        EmbeddedChannel channel = new EmbeddedChannel();
        assertThat(ALB.guardCodecOf(channel.pipeline())).as("no codec yet").isFalse();
        assertThat(AlbNetty.judgesRequestsOf(channel)).isFalse();

        channel.pipeline().addLast(new HttpServerCodec());
        String codec = channel.pipeline().context(HttpServerCodec.class).name();
        assertThat(ALB.guardCodecOf(channel.pipeline())).isTrue();
        assertThat(ALB.guardCodecOf(channel.pipeline())).as("again").isTrue();

        assertThat(channel.pipeline().names()).startsWith(AlbNetty.GUARD, codec, AlbNetty.RULES)
                .containsOnlyOnce(AlbNetty.GUARD, AlbNetty.RULES);
        assertThat(AlbNetty.judgesRequestsOf(channel)).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void aNameThatIsNotAnHttpServerCodecIsRefusedWithWhatItNames() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("app", new HttpObjectAggregator(1024));
        assertThatThrownBy(() -> ALB.guard(channel.pipeline(), "app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'codecName' must name the pipeline's HttpServerCodec, but 'app' names "
                        + HttpObjectAggregator.class.getName());
        assertThatThrownBy(() -> ALB.guard(channel.pipeline(), "http"))
                .hasMessageEndingWith("but 'http' names no handler");
        channel.finishAndReleaseAll();
    }

    @Test
    void theDecoderTakesWhatTheAlbForwardsAndNoRepeatedContentLength() {
        HttpDecoderConfig config = AlbNetty.decoderConfig();
        assertThat(config.getMaxInitialLineLength()).isEqualTo(16 * 1024);
        assertThat(config.getMaxHeaderSize()).isEqualTo(64 * 1024);
        assertThat(config.isAllowDuplicateContentLengths()).isFalse();
        assertThat(config.isStrictLineParsing()).isTrue();
    }
}

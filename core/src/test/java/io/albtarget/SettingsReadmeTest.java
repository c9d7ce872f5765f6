package io.albtarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's settings table is the catalogue's, rendered: every setting, its default, range and meaning. */
class SettingsReadmeTest {

    private static final String HEADER = "| setting | environment variable | default | range | description |";

    @Test
    void readmeTableIsTheCatalogue() throws IOException {
        assertThat(ReadmeTable.rows(HEADER)).isEqualTo(table());
    }

    private static List<String> table() {
        return Arrays.stream(Setting.values()).map(setting -> "| `" + setting.property() + "` | `"
                + setting.environmentVariable() + "` | " + shown(setting.value(AlbSettings.defaults())) + " | "
                + setting.range() + " | " + setting.description() + " |").toList();
    }

    private static String shown(String value) {
        return value.isEmpty() ? "empty" : "`" + value + "`";
    }
}

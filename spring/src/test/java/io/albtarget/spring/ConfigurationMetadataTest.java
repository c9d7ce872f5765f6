package io.albtarget.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.configurationmetadata.ValueHint;

/** The metadata the build wrote into the jar, read the way IDEs and Spring's tools read it. */
class ConfigurationMetadataTest {

    private static Map<String, ConfigurationMetadataProperty> properties() throws IOException {
        try (InputStream json = ConfigurationMetadataTest.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            ConfigurationMetadataRepository repository = ConfigurationMetadataRepositoryJsonBuilder
                    .create(Objects.requireNonNull(json, "the build wrote no configuration metadata")).build();
            return repository.getAllProperties();
        }
    }

    @Test
    void theJarsMetadataIsTheCatalogueAsTheBuildWroteIt() throws IOException {
        assertThat(properties()).containsOnlyKeys(Arrays.stream(Setting.values()).map(Setting::property).toList());
        try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(new String(Objects.requireNonNull(json).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(ConfigurationMetadata.json());
        }
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void eachSettingHasItsDescriptionRangeDefaultAndChoices(Setting setting) throws IOException {
        ConfigurationMetadataProperty property = properties().get(setting.property());

        assertThat(property.getDescription()).startsWith(setting.description())
                .contains("Allowed: " + setting.range(), setting.environmentVariable());
        String defaultValue = setting.value(AlbSettings.defaults());
        assertThat(property.getDefaultValue()).isEqualTo(defaultValue.isEmpty() ? null : defaultValue);
        assertThat(property.getHints().getValueHints()).extracting(ValueHint::getValue)
                .containsExactlyElementsOf(setting.choices());
    }
}

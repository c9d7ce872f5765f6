package io.albtarget.spring;

import io.albtarget.AlbSettings;
import io.albtarget.Setting;
import io.albtarget.internal.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * Spring Boot's configuration metadata for the {@code alb.*} settings (IDE completion, descriptions, defaults,
 * allowed values), written from albtarget's catalogue of settings ({@link Setting}) when the module is built, so it
 * can never disagree with what the settings accept.
 */
final class ConfigurationMetadata {

    private ConfigurationMetadata() {
    }

    /** Writes the metadata to the file named by the one argument, e.g. {@code META-INF/spring-configuration-metadata.json}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("give the file to write the metadata to");
        }
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json(), StandardCharsets.UTF_8);
    }

    /** The metadata as JSON, in the format of {@code spring-configuration-metadata.json}. */
    static String json() {
        StringJoiner properties = new StringJoiner(",\n", "[\n", "\n  ]");
        StringJoiner hints = new StringJoiner(",\n", "[\n", "\n  ]");
        for (Setting setting : Setting.values()) {
            properties.add("    {" + field("name", setting.property()) + ", " + field("type", type(setting))
                    + ", " + field("description", description(setting)) + ", "
                    + field("sourceType", AlbSettings.class.getName())
                    + (setting.value(AlbSettings.defaults()).isEmpty() ? ""
                            : ", " + field("defaultValue", setting.value(AlbSettings.defaults()))) + "}");
            if (!setting.choices().isEmpty()) {
                StringJoiner values = new StringJoiner(", ", "[", "]");
                setting.choices().forEach(choice -> values.add("{" + field("value", choice) + "}"));
                hints.add("    {" + field("name", setting.property()) + ", \"values\": " + values + "}");
            }
        }
        return "{\n  \"groups\": [\n    {" + field("name", "alb") + ", " + field("type", AlbSettings.class.getName())
                + ", " + field("description", "albtarget: the target group and load balancer the application"
                        + " sits behind.") + "}\n  ],\n  \"properties\": " + properties + ",\n  \"hints\": " + hints
                + "\n}\n";
    }

    /**
     * Durations are typed as text: albtarget reads a plain number as seconds, as the ALB's own attributes do, where
     * Spring's Duration binding would read milliseconds.
     */
    private static String type(Setting setting) {
        return setting.valueType() == Duration.class ? String.class.getName() : setting.valueType().getName();
    }

    private static String description(Setting setting) {
        String allowed = setting.valueType() == Duration.class
                ? setting.range() + " (a duration: 500ms, 30s, 2m, 1h; a plain number is seconds)"
                : setting.range();
        return setting.description() + " Allowed: " + allowed + ". Environment variable: "
                + setting.environmentVariable() + ".";
    }

    private static String field(String name, String value) {
        return "\"" + name + "\": \"" + JsonText.escape(value) + "\"";
    }
}

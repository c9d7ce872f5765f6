package io.albtarget;

import io.albtarget.internal.Log;
import io.albtarget.internal.Printable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Binds {@link AlbSettings} from flat properties and environment variables, reporting every problem at once. */
final class SettingsBinder {

    private static final Log LOG = Log.named("io.albtarget.settings");

    private SettingsBinder() {
    }

    static AlbSettings bind(Map<String, String> properties, Map<String, String> environment) {
        Map<Key, String> values = new EnumMap<>(Key.class);
        List<String> problems = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (!name.startsWith("ALB_")) {
                return;
            }
            Key key = byEnvironment(name);
            if (key == null) {
                LOG.warn("ignoring environment variable " + Printable.of(name) + ": no alb.* setting has"
                        + " that name (did you mean " + closest(name, true).environment + "?)");
            } else if (!value.isBlank()) {
                values.put(key, value);
            }
        });
        properties.forEach((name, value) -> {
            if (!name.regionMatches(true, 0, "alb.", 0, 4)) {
                return;
            }
            Key key = byProperty(name);
            if (key == null) {
                problems.add(String.format(Locale.ROOT, "unknown setting %s (did you mean %s?)",
                        Printable.of(name), closest(name, false).property));
            } else if (!value.isBlank()) {
                values.put(key, value);
            }
        });
        AlbSettings.Builder builder = AlbSettings.builder();
        String enabled = values.remove(Key.ENABLED);
        if (enabled != null) {
            bind(builder, Key.ENABLED, enabled, problems);
            if (problems.isEmpty() && enabled.strip().equalsIgnoreCase("false")) {
                return builder.build();
            }
        }
        values.forEach((key, value) -> bind(builder, key, value, problems));
        if (problems.isEmpty()) {
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throw new IllegalArgumentException(problems.size() == 1 ? problems.get(0)
                : problems.size() + " invalid alb.* settings: " + String.join("; ", problems));
    }

    private static void bind(AlbSettings.Builder builder, Key key, String value, List<String> problems) {
        try {
            key.bind(builder, value);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            problems.add(message.startsWith(key.property) ? message : key.property + ": " + message);
        }
    }

    private static @Nullable Key byProperty(String name) {
        for (Key key : Key.values()) {
            if (key.property.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    private static @Nullable Key byEnvironment(String name) {
        for (Key key : Key.values()) {
            if (key.environment.equals(name)) {
                return key;
            }
        }
        return null;
    }

    private static Key closest(String name, boolean environment) {
        String wanted = name.toLowerCase(Locale.ROOT);
        Key best = Key.values()[0];
        int bestDistance = Integer.MAX_VALUE;
        for (Key key : Key.values()) {
            int distance = distance(wanted, (environment ? key.environment : key.property).toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance: a typo is a few edits away from the setting that was meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

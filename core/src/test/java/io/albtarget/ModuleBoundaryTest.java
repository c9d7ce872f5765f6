package io.albtarget;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boundary of the module {@code io.albtarget.core}: what it exports and to whom, read from the compiled
 * descriptor, and what a module outside albtarget meets on the module path, compiled and run against it.
 */
class ModuleBoundaryTest {

    private static final String MODULE = "io.albtarget.core";
    private static final Set<String> ALBTARGET_MODULES = Set.of("io.albtarget.servlet", "io.albtarget.compat",
            "io.albtarget.spring", "io.albtarget.netty", "io.albtarget.micronaut");
    private static final Path CLASSES = location(AlbTarget.class);
    private static final Path JSPECIFY = location(NullMarked.class);

    @Test
    void exportsItsApiToEveryModuleAndItsInternalsOnlyToAlbtargetModules() {
        ModuleDescriptor module = descriptor();
        Map<String, Exports> exports = module.exports().stream()
                .collect(Collectors.toMap(Exports::source, e -> e));

        assertThat(exports.keySet()).as("every package is exported, to every module or to albtarget's")
                .isEqualTo(module.packages());
        for (Exports export : exports.values()) {
            if (isInternal(export.source())) {
                assertThat(export.targets()).as(export.source()).isEqualTo(ALBTARGET_MODULES);
            } else {
                assertThat(export.isQualified()).as(export.source()).isFalse();
            }
        }
    }

    @Test
    void readmeNamesEveryPublicTypeOfTheApi() throws IOException {
        Map<String, Set<String>> api = new TreeMap<>();
        for (Exports export : descriptor().exports()) {
            if (!export.isQualified()) {
                api.put(export.source(), publicTypes(export.source()));
            }
        }

        assertThat(readmeApi()).isEqualTo(api);
    }

    @Test
    void aModuleOutsideAlbtargetCompilesAgainstTheApiButCannotSeeTheInternals(@TempDir Path dir) {
        Compilation api = compile(dir.resolve("api"), "consumer", Map.of("consumer/Uses.java", """
                package consumer;

                import io.albtarget.AlbSettings;
                import io.albtarget.AlbTarget;
                import io.albtarget.http.DesyncReason;

                class Uses {
                    int status() {
                        return AlbTarget.create(AlbSettings.defaults()).health().answer().status()
                                + DesyncReason.BAD_URI.refusal().status();
                    }
                }
                """));
        String internal = """
                package consumer;

                import io.albtarget.internal.http.RequestHeadGuard;

                class Guards {
                    RequestHeadGuard guard = new RequestHeadGuard();
                }
                """;
        Compilation outside = compile(dir.resolve("outside"), "consumer", Map.of("consumer/Guards.java", internal));
        Compilation servlet = compile(dir.resolve("servlet"), "io.albtarget.servlet",
                Map.of("consumer/Guards.java", internal));

        assertThat(api.succeeded()).as(api.diagnostics()).isTrue();
        assertThat(outside.succeeded()).isFalse();
        assertThat(outside.diagnostics()).contains("package io.albtarget.internal.http is not visible")
                .contains("does not export it to module consumer");
        assertThat(servlet.succeeded()).as(servlet.diagnostics()).isTrue();
    }

    /**
     * On the module path with nothing but core beside it: the service loader finds an indicator another module
     * provides, and the TLS self-test reports BouncyCastle missing rather than failing to link.
     */
    @Test
    void aModuleOutsideAlbtargetRunsWithCoreAloneOnTheModulePath(@TempDir Path dir) throws Exception {
        Compilation app = compile(dir, "consumer", Map.of(
                "consumer/Down.java", """
                        package consumer;

                        public final class Down implements io.albtarget.spi.HealthIndicator {
                            public String name() {
                                return "down";
                            }

                            public Status check() {
                                return Status.DOWN;
                            }
                        }
                        """,
                "consumer/Main.java", """
                        package consumer;

                        import io.albtarget.AlbSettings;
                        import io.albtarget.AlbTarget;
                        import io.albtarget.tls.TlsSelfTest;

                        public final class Main {
                            public static void main(String[] args) {
                                AlbTarget target = AlbTarget.create(AlbSettings.defaults());
                                target.start();
                                System.out.println("health " + target.health().answer().status()
                                        + ", TLS self-test available: " + TlsSelfTest.available());
                                System.exit(0);
                            }
                        }
                        """),
                "provides io.albtarget.spi.HealthIndicator with consumer.Down;");
        assertThat(app.succeeded()).as(app.diagnostics()).isTrue();

        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", CLASSES + File.pathSeparator + app.output(), "--module", "consumer/consumer.Main")
                .redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), UTF_8);

        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("health 503, TLS self-test available: false");
        assertThat(java.exitValue()).as(output).isZero();
    }

    private static ModuleDescriptor descriptor() {
        return ModuleFinder.of(CLASSES).find(MODULE).orElseThrow().descriptor();
    }

    private static boolean isInternal(String pkg) {
        return pkg.equals("io.albtarget.internal") || pkg.startsWith("io.albtarget.internal.");
    }

    /** The simple names of a package's public top-level types, from the compiled classes. */
    private static Set<String> publicTypes(String pkg) {
        try (Stream<Path> files = Files.list(CLASSES.resolve(pkg.replace('.', '/')))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .filter(name -> !name.equals("package-info"))
                    .filter(name -> Modifier.isPublic(load(pkg + "." + name).getModifiers()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The list of README's "Java modules and stable API": each exported package with its public types. */
    private static Map<String, Set<String>> readmeApi() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), UTF_8);
        int start = readme.indexOf("## Java modules and stable API");
        assertThat(start).as("README.md has the section").isNotNegative();
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Map<String, Set<String>> api = new TreeMap<>();
        for (String item : section.replace("\n  ", " ").split("\n")) {
            if (item.startsWith("- `io.albtarget")) {
                String[] parts = item.substring(2).split(": ", 2);
                api.put(parts[0].replace("`", ""), Stream.of(parts[1].split(", ")).map(t -> t.replace("`", ""))
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        return api;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ModuleBoundaryTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles one module that requires core, from sources by path under its root, against core and JSpecify on
     * the module path, as a build that depends on albtarget-core would.
     */
    private static Compilation compile(Path dir, String name, Map<String, String> sources, String... directives) {
        try {
            Path src = Files.createDirectories(dir.resolve("src"));
            Path out = Files.createDirectories(dir.resolve("out"));
            List<Path> files = new ArrayList<>();
            files.add(Files.writeString(src.resolve("module-info.java"),
                    "module " + name + " {\n    requires " + MODULE + ";\n    " + String.join("\n    ", directives)
                            + "\n}\n"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                files.add(Files.writeString(file, source.getValue()));
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
                // not this test's class path, which holds core's classes too, in the unnamed module
                fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
                boolean succeeded = javac.getTask(null, fileManager, diagnostics,
                        List.of("-d", out.toString(), "--module-path", CLASSES + File.pathSeparator + JSPECIFY),
                        null, fileManager.getJavaFileObjectsFromPaths(files)).call();
                return new Compilation(succeeded, out, diagnostics.getDiagnostics().stream()
                        .map(d -> d.getMessage(null)).collect(Collectors.joining("\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Compilation(boolean succeeded, Path output, String diagnostics) {
    }
}

package dev.candor.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path tmp;

    private URLClassLoader jarWith(Map<String, String> entries) throws IOException {
        Path jar = tmp.resolve("scripts.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out)) {
            // Directory entries, as the jar tool, maven-jar-plugin and maven-shade-plugin write them.
            for (String dir : new String[] {"db/", "db/migration/", "db/migration/nested/"}) {
                jos.putNextEntry(new JarEntry(dir));
                jos.closeEntry();
            }
            for (var e : entries.entrySet()) {
                jos.putNextEntry(new JarEntry(e.getKey()));
                jos.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

    @Test
    void scriptsInsideAJarAreFoundInVersionOrder() throws IOException {
        try (URLClassLoader loader = jarWith(Map.of(
                "db/migration/V10__later.sql", "SELECT 10;",
                "db/migration/V2__second.sql", "SELECT 2;",
                "db/migration/nested/V3__ignored.sql", "SELECT 3;",
                "db/migration/README.txt", "not a script"))) {

            Migrations migrations = Migrations.fromClasspath(loader, "db/migration");

            assertThat(migrations.scripts()).extracting(Migration::fileName)
                    .containsExactly("V2__second.sql", "V10__later.sql");
            assertThat(migrations.latestVersion()).isEqualTo(10);
        }
    }

    @Test
    void badlyNamedScriptInFolderIsAStartupError() throws IOException {
        try (URLClassLoader loader = jarWith(Map.of("db/migration/V1_typo.sql", "SELECT 1;"))) {
            assertThatThrownBy(() -> Migrations.fromClasspath(loader, "db/migration"))
                    .isInstanceOf(StorageException.class)
                    .hasMessage("invalid migration script name: db/migration/V1_typo.sql "
                            + "(expected V<version>__<description>.sql)");
        }
    }

    @Test
    void duplicateVersionsAreRejected() throws IOException {
        try (URLClassLoader loader = jarWith(Map.of(
                "db/migration/V1__a.sql", "SELECT 1;", "db/migration/V1__b.sql", "SELECT 1;"))) {
            assertThatThrownBy(() -> Migrations.fromClasspath(loader, "db/migration"))
                    .hasMessageContaining("two migration scripts have version 1");
        }
    }

    @Test
    void folderWithoutScriptsIsAStartupError() throws IOException {
        try (URLClassLoader loader = jarWith(Map.of("db/migration/README.txt", "none here"))) {
            assertThatThrownBy(() -> Migrations.fromClasspath(loader, "db/elsewhere"))
                    .isInstanceOf(StorageException.class)
                    .hasMessage("no migration scripts found in classpath folder db/elsewhere");
        }
    }

    @Test
    void candorShipsV1First() {
        assertThat(Migrations.fromClasspath().scripts()).first()
                .extracting(Migration::version).isEqualTo(1);
    }
}

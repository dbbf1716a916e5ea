package dev.spotifylake.localmysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlScriptRunnerTest {

    @TempDir
    Path dir;

    @Test
    void appliesTheSqlFilesOfADirectoryInNameOrderAndNothingElse() throws IOException {
        Files.writeString(dir.resolve("010_later.sql"), "");
        Files.writeString(dir.resolve("002_second.sql"), "");
        Files.writeString(dir.resolve("001_first.sql"), "");
        Files.writeString(dir.resolve("README.md"), "");
        Files.createDirectory(dir.resolve("003_a_directory.sql"));

        assertThat(SqlScriptRunner.sqlFilesOf(dir))
                .extracting(file -> file.getFileName().toString())
                .containsExactly("001_first.sql", "002_second.sql", "010_later.sql");
    }

    @Test
    void aMissingSchemaDirectoryIsAnError() {
        assertThatThrownBy(() -> SqlScriptRunner.sqlFilesOf(dir.resolve("missing")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("no such directory: ");
    }
}

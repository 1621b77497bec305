package dev.tokenmeter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {

    @TempDir
    Path temp;

    @Test
    void freshDeletesTheOldDataButKeepsTheDirectory() throws Exception {
        Path root = temp.resolve("local");
        DataDir first = DataDir.open(root, false);
        Files.createDirectories(first.postgres());
        Files.writeString(first.keys(), "operator=x\n");
        first.close();

        try (DataDir fresh = DataDir.open(root, true)) {
            assertThat(fresh.root()).isDirectory();
            assertThat(fresh.postgres()).doesNotExist();
            assertThat(fresh.keys()).doesNotExist();
        }
    }

    @Test
    void aDirectoryWithOtherFilesIsNeverUsedNorWiped() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "precious");

        assertThatThrownBy(() -> DataDir.open(home, true))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("is not a Tokenmeter data directory");
        assertThat(home.resolve("thesis.tex")).hasContent("precious");
    }

    @Test
    void aSecondLauncherCannotOpenADataDirectoryInUse() throws Exception {
        Path root = temp.resolve("busy");
        try (DataDir running = DataDir.open(root, false)) {
            assertThatThrownBy(() -> DataDir.open(root, false))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("already running");
        }
    }
}

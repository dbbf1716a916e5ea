package dev.spotifylake.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.spotifylake.common.ExitCode;
import dev.spotifylake.common.TaskException;
import dev.spotifylake.testing.FreshLake;
import dev.spotifylake.testing.Options;

/** The local S3 server is real: the tasks' own client puts, lists, reads, copies and deletes objects in it. */
class S3ObjectStoreIT {
    @RegisterExtension
    final FreshLake freshLake = new FreshLake("s3");
    private final Map<String, String> stack = freshLake.environment();

    @Test
    void objectsPutIntoTheLocalS3AreListedInKeyOrderAndReadBackByteForByte(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("part.json"), "{\"id\":\"a\"}\n");
        try (LakeConnection lake = Options.parse(new LakeOptions(), stack).connect()) {
            ObjectStore store = lake.store();
            store.put("raw/artists/dt=2026-11-20/part-00001.json.gz", file);
            store.put("raw/artists/dt=2026-11-20/part-00000.json.gz", "second".getBytes(StandardCharsets.UTF_8));
            store.put("raw/artists/dt=2026-11-21/part-00000.json.gz", new byte[] {0});

            assertThat(store.list("raw/artists/dt=2026-11-20/")).containsExactly(
                    new StoredObject("raw/artists/dt=2026-11-20/part-00000.json.gz", 6),
                    new StoredObject("raw/artists/dt=2026-11-20/part-00001.json.gz", 11));
            assertThat(read(store, "raw/artists/dt=2026-11-20/part-00001.json.gz")).isEqualTo("{\"id\":\"a\"}\n");
            assertThat(store.open("raw/artists/dt=2026-11-20/missing.json")).isEmpty();
        }
    }

    @Test
    void objectsAreCopiedAndDeletedUnderTheLakesPrefixOnly() throws IOException {
        try (LakeConnection lake = Options.parse(new LakeOptions(), stack).connect()) {
            ObjectStore store = lake.store();
            store.put("staging/top_tracks/dt=2026-11-20/a1/part-00000.snappy.parquet", "rows".getBytes(StandardCharsets.UTF_8));

            store.copy("staging/top_tracks/dt=2026-11-20/a1/part-00000.snappy.parquet", "curated/top_tracks/dt=2026-11-20/part-00000.snappy.parquet");
            store.delete(List.of("staging/top_tracks/dt=2026-11-20/a1/part-00000.snappy.parquet", "staging/never-written"));

            assertThat(store.list("")).extracting(StoredObject::key)
                    .containsExactly("curated/top_tracks/dt=2026-11-20/part-00000.snappy.parquet");
            assertThat(read(store, "curated/top_tracks/dt=2026-11-20/part-00000.snappy.parquet")).isEqualTo("rows");
            assertThat(store.root().uriOf("curated/")).isEqualTo(stack.get("LAKE_URI") + "/curated/");
        }
    }

    @Test
    void aWrongSecretIsRefusedAndCannotBeFixedByARetry() {
        Map<String, String> wrongSecret = new HashMap<>(stack);
        wrongSecret.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");

        try (LakeConnection lake = Options.parse(new LakeOptions(), wrongSecret).connect()) {
            assertThatThrownBy(() -> lake.store().list("raw/"))
                    .isInstanceOfSatisfying(TaskException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_RETRYABLE))
                    .hasMessageContaining("HTTP 403")
                    .hasMessageNotContaining("not-the-secret");
        }
    }

    private static String read(ObjectStore store, String key) throws IOException {
        try (InputStream in = store.open(key).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

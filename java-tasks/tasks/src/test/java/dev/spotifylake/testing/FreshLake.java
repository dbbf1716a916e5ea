package dev.spotifylake.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.spotifylake.lake.LakeConnection;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.lake.ObjectStore;
import dev.spotifylake.lake.StoredObject;

/**
 * A lake of one test's own: the local stack's settings with LAKE_URI at {@code it/<name>-<random>} of its bucket,
 * so tests never see each other's objects. Everything under it is deleted on {@link #close}, which an integration
 * test gets after each test by registering it ({@code @RegisterExtension}): a run leaves no {@code it/} prefix.
 */
public final class FreshLake implements AfterEachCallback, AutoCloseable {
    private final Map<String, String> environment;

    public FreshLake(String testName) {
        Map<String, String> variables = new HashMap<>(LocalStack.environment());
        String base = variables.get("LAKE_URI").replaceAll("/+$", "");
        variables.put("LAKE_URI", base + "/it/" + testName + "-" + UUID.randomUUID().toString().substring(0, 8));
        this.environment = Map.copyOf(variables);
    }

    /** The stack's environment with LAKE_URI pointing at this lake. */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Deletes every object of this lake; the lake may be used again, and closed again. */
    @Override
    public void close() {
        try (LakeConnection lake = Options.parse(new LakeOptions(), environment).connect()) {
            ObjectStore store = lake.store();
            store.delete(store.list("").stream().map(StoredObject::key).toList());
        }
    }
}

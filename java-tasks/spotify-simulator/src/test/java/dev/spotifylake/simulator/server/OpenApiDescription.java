package dev.spotifylake.simulator.server;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * shared/spotify-openapi.yml, the published description of the Web API (beside the repository: /work/main and
 * /work/shared), and the schema its operations declare for each answer, validated with networknt's
 * json-schema-validator in its OpenAPI 3.0 dialect (nullable and all).
 */
final class OpenApiDescription {
    private static final String FILE = "shared/spotify-openapi.yml";

    private final Path file;
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiDescription(Path file) throws IOException {
        this.file = file;
        String text = Files.readString(file);
        this.document = new ObjectMapper(new YAMLFactory()).readTree(text);
        // handed over as text: the validator fetches no resource by itself, local files included
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi30(),
                builder -> builder.schemas(Map.of(file.toUri().toString(), text)));
    }

    /** Found from SPOTIFY_LAKE_HOME (set by the build) or the working directory, looking in their parents. */
    static OpenApiDescription load() throws IOException {
        String home = System.getenv("SPOTIFY_LAKE_HOME");
        Path start = (home != null ? Path.of(home) : Path.of("")).toAbsolutePath().normalize();
        List<Path> tried = new ArrayList<>();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return new OpenApiDescription(candidate);
            }
            tried.add(candidate);
        }
        return fail("the Spotify OpenAPI description is missing: clone the repository with shared/ beside it "
                + "(e.g. /work/main and /work/shared); looked at " + tried);
    }

    /**
     * The errors of {@code body} against the schema the description gives for the answer {@code status} of
     * GET {@code path} (e.g. /artists/{id}/top-tracks), or, for a status the operation does not list (Spotify
     * answers 400 and 404 that the description leaves out), the shared response of that name.
     */
    List<Error> validate(String path, int status, String body) {
        return schemaFor(path, status).validate(body, InputFormat.JSON);
    }

    private Schema schemaFor(String path, int status) {
        return schemas.computeIfAbsent(path + " " + status, key -> {
            JsonNode responses = document.path("paths").path(path).path("get").path("responses");
            if (responses.isMissingNode()) {
                throw new IllegalArgumentException("no GET " + path + " in " + file);
            }
            JsonNode response = responses.path(Integer.toString(status));
            String pointer;
            if (response.has("$ref")) {
                pointer = response.get("$ref").asText().substring(1);
            } else if (!response.isMissingNode()) {
                pointer = "/paths/" + escape(path) + "/get/responses/" + status;
            } else {
                pointer = "/components/responses/" + switch (status) {
                    case 400 -> "BadRequest";
                    case 404 -> "NotFound";
                    default -> throw new IllegalArgumentException(path + " declares no answer " + status);
                };
            }
            return registry.getSchema(SchemaLocation.of(file.toUri() + "#" + pointer
                    + "/content/application~1json/schema"));
        });
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}

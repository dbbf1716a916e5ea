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
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published description of the Web API (src/test/resources/spotify-openapi/, with its source and licence), and
 * the schema its operations declare for each answer, validated with networknt's json-schema-validator in its
 * OpenAPI 3.0 dialect (nullable and all).
 */
final class OpenApiDescription {
    private static final String RESOURCE = "/spotify-openapi/spotify-openapi.yml";

    private final String location;
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiDescription(String location, String text) throws IOException {
        this.location = location;
        this.document = new ObjectMapper(new YAMLFactory()).readTree(text);
        // handed over as text: the validator fetches no resource by itself
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi30(),
                builder -> builder.schemas(Map.of(location, text)));
    }

    /** Read from the test class path. */
    static OpenApiDescription load() throws IOException {
        URL resource = OpenApiDescription.class.getResource(RESOURCE);
        if (resource == null) {
            return fail("the Spotify OpenAPI description " + RESOURCE + " is not on the test class path");
        }
        try (InputStream in = resource.openStream()) {
            return new OpenApiDescription(resource.toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
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
                throw new IllegalArgumentException("no GET " + path + " in " + location);
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
            return registry.getSchema(SchemaLocation.of(location + "#" + pointer
                    + "/content/application~1json/schema"));
        });
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}

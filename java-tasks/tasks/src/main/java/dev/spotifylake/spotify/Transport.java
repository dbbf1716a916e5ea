package dev.spotifylake.spotify;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one HTTP request and answers the response, nothing more: retries, tokens and limits live in
 * {@link SpotifyClient}. The task uses {@link JdkTransport}; unit tests script answers with a fake.
 */
public interface Transport {

    Response send(Request request) throws IOException, InterruptedException;

    /** A GET when {@code formBody} is null, else a POST of that form. Header values may hold secrets: never log them. */
    record Request(URI uri, Map<String, String> headers, String formBody) {
        public static Request get(URI uri, Map<String, String> headers) {
            return new Request(uri, Map.copyOf(headers), null);
        }

        public static Request postForm(URI uri, Map<String, String> headers, String formBody) {
            return new Request(uri, Map.copyOf(headers), formBody);
        }

        public String method() {
            return formBody == null ? "GET" : "POST";
        }

        @Override
        public String toString() {
            return method() + " " + uri;
        }
    }

    /** Header names are lower case. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        public Optional<String> header(String lowerCaseName) {
            return Optional.ofNullable(headers.get(lowerCaseName));
        }
    }
}

package vn.egovpulse.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A headless Chromium kept running, with one page driven over the DevTools protocol (a WebSocket,
 * JSON messages). Unlike {@code --dump-dom} of a fresh load, the page stays open: a test can change
 * the data and watch the same page (its event streams open) show the change.
 */
final class Chromium implements AutoCloseable {
    static final String BINARY = "/usr/bin/chromium";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket socket;

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** Starts chromium on about:blank with a throw-away profile; the caller closes it (kills the process). */
    static Chromium start() throws Exception {
        Path profile = Files.createTempDirectory("egov-chromium");
        Process p = new ProcessBuilder(BINARY, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Chromium c = new Chromium(p, profile);
        try {
            c.connect();
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void connect() throws Exception {
        // With port 0 chromium picks a free port and writes it (first line) to the profile's DevToolsActivePort.
        Path portFile = profile.resolve("DevToolsActivePort");
        await("chromium's DevTools port").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !process.isAlive() || Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
        if (!process.isAlive()) {
            throw new IllegalStateException("chromium exited with " + process.exitValue());
        }
        String port = Files.readAllLines(portFile).get(0).trim();
        HttpClient http = HttpClient.newHttpClient();
        String pageUrl = null;
        for (JsonNode target : JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body())) {
            if ("page".equals(target.path("type").asText()) && "about:blank".equals(target.path("url").asText())) {
                pageUrl = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageUrl == null) {
            throw new IllegalStateException("no page target in chromium's /json/list");
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** Replies are matched to calls by id; events (no id) are not needed here. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> call = m.has("id") ? calls.remove(m.get("id").asInt()) : null;
                    if (call != null) {
                        call.complete(m);
                    }
                } catch (IOException e) {
                    calls.values().forEach(f -> f.completeExceptionally(e));
                } finally {
                    partial.setLength(0);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            calls.values().forEach(f -> f.completeExceptionally(error));
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        calls.put(id, reply);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode m = reply.get(20, TimeUnit.SECONDS);
        if (m.has("error")) {
            throw new IllegalStateException(method + ": " + m.get("error"));
        }
        return m.path("result");
    }

    /** Loads {@code url} in the page (once: later checks read the same page). */
    void navigate(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression in the page (JSON-able; a promise is awaited). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** The text of the elements matched by a CSS selector, one string each. */
    List<String> texts(String selector) throws Exception {
        JsonNode v = evaluate("Array.from(document.querySelectorAll(" + JSON.writeValueAsString(selector)
                + ")).map(function (e) { return e.textContent; })");
        return v.isArray() ? Stream.of(JSON.treeToValue(v, String[].class)).toList() : List.of();
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: left for the system to clean
        }
    }
}

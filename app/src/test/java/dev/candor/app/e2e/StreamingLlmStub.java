package dev.candor.app.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted OpenAI-compatible chat-completions server on loopback that streams (server-sent events),
 * for tests of streamed replies in calls and in {@code candor chat}: each request takes the next
 * {@link #enqueue scripted reply}, streams its first pieces at once and the rest when its gate opens.
 */
final class StreamingLlmStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private record Script(List<String> before, CountDownLatch gate, List<String> after) {
    }

    StreamingLlmStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL to configure as {@code dialog.llm.base-url}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The next reply streams {@code pieces} at once. */
    StreamingLlmStub enqueue(String... pieces) {
        scripts.add(new Script(List.of(pieces), new CountDownLatch(0), List.of()));
        return this;
    }

    /** The next reply streams {@code before} at once and {@code after} once {@code gate} opens. */
    StreamingLlmStub enqueue(List<String> before, CountDownLatch gate, List<String> after) {
        scripts.add(new Script(before, gate, after));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean streamed = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("stream").asBoolean();
            Script script = scripts.poll();
            if (!streamed || script == null) {
                byte[] error = ("{\"error\":{\"message\":\"" + (streamed ? "nothing scripted" : "expected a streamed request")
                        + "\"}}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String piece : script.before()) {
                event(out, chunk(piece, null));
            }
            script.gate().await(60, TimeUnit.SECONDS);
            if (closed.getCount() == 0) {
                return;
            }
            for (String piece : script.after()) {
                event(out, chunk(piece, null));
            }
            event(out, chunk(null, "stop"));
            event(out, "[DONE]");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String chunk(String content, String finishReason) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "stub");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root.toString();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

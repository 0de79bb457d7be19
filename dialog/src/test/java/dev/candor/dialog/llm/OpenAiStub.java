package dev.candor.dialog.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * A scripted OpenAI-compatible chat-completions server on loopback, in the manner of OkHttp's
 * MockWebServer: {@link #enqueue} a reply, let the code under test call {@code POST /v1/chat/completions},
 * then {@link #takeRequest} what it sent. With nothing enqueued it answers 500, so a forgotten script
 * shows up as a failure. {@link #hold()} keeps the next request waiting until {@link #close()}.
 */
final class OpenAiStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);

    /** What the stub answers to one request. */
    private sealed interface Reply {
    }

    private record Body(int status, String json) implements Reply {
    }

    private record Hold() implements Reply {
    }

    /**
     * A streamed reply (server-sent events): {@code before} chunks at once, then, once {@code gate}
     * opens, the {@code after} chunks; {@code finishReason} and {@code [DONE]} end it. A null gate never
     * opens before {@link #close()}: the stream stalls.
     */
    private record Stream(List<String> before, CountDownLatch gate, List<String> after, String finishReason)
            implements Reply {
    }

    /** One request as received: its Authorization header and JSON body. */
    record Request(String authorization, JsonNode body) {
        /** The roles of the messages sent, in order. */
        List<String> roles() {
            return body.get("messages").findValues("role").stream().map(JsonNode::asText).toList();
        }

        /** The last message sent. */
        JsonNode lastMessage() {
            JsonNode messages = body.get("messages");
            return messages.get(messages.size() - 1);
        }
    }

    OpenAiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL to configure, e.g. {@code http://127.0.0.1:40123/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The assistant says {@code text}. */
    OpenAiStub enqueueText(String text) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
        replies.add(new Body(200, completion(message, "stop")));
        return this;
    }

    /** The assistant calls one tool with {@code argumentsJson}, optionally saying {@code text} too. */
    OpenAiStub enqueueToolCall(String tool, String argumentsJson) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode calls = message.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("id", "call_" + (requests.size() + replies.size() + 1))
                .put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", argumentsJson);
        replies.add(new Body(200, completion(message, "tool_calls")));
        return this;
    }

    /** The assistant streams {@code pieces} of text, one chunk each, then stops. */
    OpenAiStub enqueueStream(String... pieces) {
        replies.add(new Stream(List.of(pieces).stream().map(OpenAiStub::textChunk).toList(), new CountDownLatch(0),
                List.of(), "stop"));
        return this;
    }

    /**
     * The assistant streams {@code before} at once and {@code after} only when {@code gate} opens (never,
     * if it is null: the stream stalls until the stub closes).
     */
    OpenAiStub enqueueStream(List<String> before, CountDownLatch gate, List<String> after) {
        replies.add(new Stream(before.stream().map(OpenAiStub::textChunk).toList(), gate,
                after.stream().map(OpenAiStub::textChunk).toList(), "stop"));
        return this;
    }

    /** The assistant streams a call of {@code tool} with {@code argumentsJson}. */
    OpenAiStub enqueueStreamedToolCall(String tool, String argumentsJson) {
        ObjectNode delta = JSON.createObjectNode();
        ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0)
                .put("id", "call_" + (requests.size() + replies.size() + 1)).put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", argumentsJson);
        replies.add(new Stream(List.of(chunk(delta, null)), new CountDownLatch(0), List.of(), "tool_calls"));
        return this;
    }

    private static String textChunk(String text) {
        return chunk(JSON.createObjectNode().put("content", text), null);
    }

    private static String chunk(ObjectNode delta, String finishReason) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "stub-model");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root.toString();
    }

    /** The server fails with {@code status}. */
    OpenAiStub enqueueError(int status) {
        replies.add(new Body(status, "{\"error\":{\"message\":\"stub failure\",\"type\":\"server_error\"}}"));
        return this;
    }

    /** The next request gets no answer until the stub is closed: a model that is far too slow. */
    OpenAiStub hold() {
        replies.add(new Hold());
        return this;
    }

    /** The next request received, waiting up to five seconds for it. */
    Request takeRequest() throws InterruptedException {
        Request r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached the stub within 5 s");
        }
        return r;
    }

    /** How many requests have arrived and not been taken. */
    int pendingRequests() {
        return requests.size();
    }

    private static String completion(ObjectNode message, String finishReason) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", "stub-model");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return root.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] in = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), JSON.readTree(in)));
            Reply reply = replies.poll();
            if (reply instanceof Stream stream) {
                stream(exchange, stream);
                return;
            }
            if (reply instanceof Hold) {
                released.await(30, TimeUnit.SECONDS);
                reply = new Body(503, "{\"error\":{\"message\":\"released\"}}");
            }
            Body body = reply instanceof Body b ? b
                    : new Body(500, "{\"error\":{\"message\":\"nothing enqueued in the stub\"}}");
            byte[] out = body.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stream(HttpExchange exchange, Stream stream) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream os = exchange.getResponseBody();
        for (String c : stream.before()) {
            event(os, c);
        }
        if (stream.gate() == null) {
            released.await(30, TimeUnit.SECONDS);
            return;
        }
        stream.gate().await(30, TimeUnit.SECONDS);
        for (String c : stream.after()) {
            event(os, c);
        }
        event(os, chunk(JSON.createObjectNode(), stream.finishReason()));
        event(os, "[DONE]");
        os.close();
    }

    private static void event(OutputStream os, String data) throws IOException {
        os.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

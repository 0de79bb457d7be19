package dev.candor.dialog.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.candor.dialog.Conversations;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.ScriptedCall;
import dev.candor.dialog.guardrail.Disclosure;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.candor.dialog.ScriptedCall.spoken;
import static org.assertj.core.api.Assertions.assertThat;

/** The Ollama provider against a loopback stub of {@code POST /api/chat}, behind the same guardrails. */
class OllamaProviderTest {

    @Test
    void ollamaRepliesAreSpokenBehindTheGuardrails() throws Exception {
        ObjectMapper json = new ObjectMapper();
        BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/chat", exchange -> {
            requests.add(json.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] body = ("{\"model\":\"llama3.1\",\"created_at\":\"2026-11-23T10:00:00Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"Wow!!! What a great question! Hi, what do you need?\"},"
                    + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":10,\"eval_count\":5}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            LlmSettings settings = new LlmSettings("ollama", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "llama3.1", "", Duration.ofMillis(2500));
            ScriptedCall call = new ScriptedCall(Conversations.withModel(ScriptedCall.NORTHWIND, ScriptedCall.options(),
                    Scenario.inbound(), ChatModels.create(settings), settings.timeout(), executor));

            String said = spoken(call.start());

            assertThat(said).isEqualTo(Disclosure.sentence("Northwind") + " Hi, what do you need?");
            JsonNode request = requests.poll(5, TimeUnit.SECONDS);
            assertThat(request).isNotNull();
            assertThat(request.get("model").asText()).isEqualTo("llama3.1");
            assertThat(request.get("tools").findValuesAsText("name")).contains("handoff", "mark_do_not_call");
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Test
    void ollamaStreamsSentencesAsTheyAreWritten() throws Exception {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/chat", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            var out = exchange.getResponseBody();
            try {
                for (String piece : new String[] {"Thanks for calling Northwind. ", "What"}) {
                    out.write(line(piece, false));
                    out.flush();
                }
                gate.await(10, TimeUnit.SECONDS);
                out.write(line(" do you need?", false));
                out.write(line("", true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            LlmSettings settings = new LlmSettings("ollama", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "llama3.1", "", Duration.ofMillis(2500));
            var conversation = Conversations.withModel(ScriptedCall.NORTHWIND, ScriptedCall.options(),
                    Scenario.inbound(), ChatModels.create(settings), ChatModels.createStreaming(settings),
                    settings.timeout(), executor);
            BlockingQueue<dev.candor.dialog.AgentAction> early = new LinkedBlockingQueue<>();

            var turn = java.util.concurrent.CompletableFuture.supplyAsync(() -> conversation.start(early::add), executor);

            assertThat(early.poll(5, TimeUnit.SECONDS)).isEqualTo(new dev.candor.dialog.AgentAction.Say(
                    Disclosure.sentence("Northwind") + " Thanks for calling Northwind."));
            assertThat(turn).isNotDone();
            gate.countDown();
            assertThat(turn.get(5, TimeUnit.SECONDS)).isEmpty();
            assertThat(early.poll(5, TimeUnit.SECONDS)).isEqualTo(new dev.candor.dialog.AgentAction.Say("What do you need?"));
        } finally {
            gate.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static byte[] line(String content, boolean done) {
        String json = "{\"model\":\"llama3.1\",\"created_at\":\"2026-11-23T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + content + "\"},\"done\":" + done
                + (done ? ",\"done_reason\":\"stop\",\"prompt_eval_count\":10,\"eval_count\":5" : "") + "}\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}

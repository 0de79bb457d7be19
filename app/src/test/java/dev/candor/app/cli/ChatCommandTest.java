package dev.candor.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code candor chat} in-process: the same policy and guardrails as a call, as text. */
class ChatCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ObjectMapper mapper = new ObjectMapper();

    private int chat(String input, String... args) {
        CommandLine cli = CandorCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ChatCommand chat = cli.getSubcommands().get("chat").getCommand();
        chat.input = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        String[] all = new String[args.length + 1];
        all[0] = "chat";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private List<JsonNode> json() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().split("\\R")) {
            if (!line.isBlank()) {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void jsonInboundDisclosesFirstAndHandsOffOnDtmfZero() throws Exception {
        int code = chat("how much does the starter plan cost?\ndtmf:0\n", "--json", "--set", "company.name=Northwind");

        assertThat(code).isZero();
        List<JsonNode> actions = json();
        assertThat(actions.get(0).get("type").asText()).isEqualTo("say");
        assertThat(actions.get(0).get("text").asText()).startsWith("Hello, you're talking to Northwind's AI assistant");
        assertThat(out.toString()).contains("$29");
        JsonNode handoff = actions.stream().filter(a -> a.get("type").asText().equals("handoff")).findFirst().orElseThrow();
        assertThat(handoff.get("reason").asText()).isEqualTo("caller_request");
        assertThat(handoff.get("summary").asText()).contains("pressed 0");
    }

    @Test
    void outboundStopCallingPrintsDncAndEnd() throws Exception {
        chat("stop calling me\n", "--json", "--outbound");

        assertThat(json()).extracting(a -> a.get("type").asText()).contains("say", "dnc", "score", "end");
    }

    @Test
    void outboundReadsTheLeadFile(@TempDir Path dir) throws Exception {
        Path lead = Files.writeString(dir.resolve("lead.yaml"),
                "name: Priya Shah\ncompany: Shah Dental\ninterest: downloaded our pricing guide\n");

        chat("", "--outbound", "--lead", lead.toString());

        assertThat(out.toString()).contains("I'm calling Priya because you downloaded our pricing guide");
    }

    @Test
    void plainOutputIsReadableAndEndOfInputHangsUp() {
        chat("we need to answer calls faster\n");

        assertThat(out.toString()).startsWith("candor> Hello, you're talking to").contains("candor> How many people")
                .contains("[qualification] {need=we need to answer calls faster}").contains("[score ");
    }

    @Test
    void aCatalogFileIsUsed(@TempDir Path dir) throws Exception {
        Path catalog = Files.writeString(dir.resolve("catalog.yaml"), """
                company: Tiny Co
                products:
                  - name: Widget
                    summary: A small widget.
                    plans:
                      - name: Basic
                        price: 7
                        unit: per month
                faqs:
                  - question: Do you ship to Canada?
                    answer: Yes, we ship to Canada in five days.
                """);

        chat("do you ship to canada?\n", "--catalog", catalog.toString());

        assertThat(out.toString()).contains("we ship to Canada in five days");
    }

    @Test
    void aBrokenCatalogStopsWithOneLine(@TempDir Path dir) throws Exception {
        Path catalog = Files.writeString(dir.resolve("catalog.yaml"), "products:\n  - name: X\n    plans:\n      - name: A\n        price: cheap\n");

        assertThat(chat("", "--catalog", catalog.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("candor: invalid dialog.catalog").contains("price").doesNotContain("\n");
    }

    @Test
    void llmModeSpeaksTheModelsReplyBehindTheGuardrailsWithTheKeyFromTheNamedVariable() throws Exception {
        BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            boolean streamed = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .matches("(?s).*\"stream\"\\s*:\\s*true.*");
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            // Streamed (dialog.llm.stream defaults to true): server-sent events, one chunk per piece.
            StringBuilder events = new StringBuilder();
            for (String piece : new String[] {"Welcome to Northwind!! ", "What can I do ", "for you?"}) {
                events.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(piece)
                        .append("\"},\"finish_reason\":null}]}\n\n");
            }
            events.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            byte[] body = (streamed ? events.toString() : "{\"error\":{\"message\":\"expected a streamed request\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", streamed ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(streamed ? 200 : 500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try {
            int code = chat("dtmf:0\n", List.of("--json", "--llm", "openai", "--set", "company.name=Northwind",
                    "--set", "dialog.retrieval=keyword",
                    "--set", "dialog.llm.base-url=http://127.0.0.1:" + stub.getAddress().getPort() + "/v1",
                    "--set", "dialog.llm.model=stub", "--set", "dialog.llm.api-key-env=CHAT_TEST_LLM_KEY"),
                    Map.of("CHAT_TEST_LLM_KEY", "sk-chat-secret"));

            assertThat(code).isZero();
            List<JsonNode> actions = json();
            // Each streamed sentence is printed as it is written, behind the guardrails (disclosure, tone).
            assertThat(actions.get(0).get("text").asText()).isEqualTo("Hello, you're talking to Northwind's AI assistant, "
                    + "not a person, and you can ask for a person at any time. Welcome to Northwind.");
            assertThat(actions.get(1).get("type").asText()).isEqualTo("decision");
            assertThat(actions.get(2).get("text").asText()).isEqualTo("What can I do for you?");
            assertThat(actions).extracting(a -> a.get("type").asText()).containsSubsequence("say", "decision", "say", "say", "handoff");
            assertThat(authorizations.poll(5, TimeUnit.SECONDS)).isEqualTo("Bearer sk-chat-secret");
            assertThat(out.toString() + err).doesNotContain("sk-chat-secret");
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void llmModeWithTheModelDownFallsBackToTheBuiltInPolicy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        chat("how much does the starter plan cost?\n", List.of("--json", "--llm", "openai",
                "--set", "dialog.retrieval=keyword",
                "--set", "dialog.llm.base-url=http://127.0.0.1:" + closedPort + "/v1", "--set", "dialog.llm.model=stub"),
                Map.of());

        List<JsonNode> actions = json();
        assertThat(actions.get(0).get("text").asText()).contains("How can I help you today?");
        assertThat(actions).filteredOn(a -> a.get("type").asText().equals("decision")
                && a.get("kind").asText().equals("llm_fallback")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(out.toString()).contains("$29");
    }

    private int chat(String input, List<String> args, Map<String, String> environment) {
        CommandLine cli = CandorCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ChatCommand chat = cli.getSubcommands().get("chat").getCommand();
        chat.input = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        chat.environment = environment;
        List<String> all = new ArrayList<>(List.of("chat"));
        all.addAll(args);
        return cli.execute(all.toArray(String[]::new));
    }
}

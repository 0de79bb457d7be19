package dev.candor.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code candor chat --json} as a separate process, as outside checks run it: lines on standard input,
 * one JSON object per line on standard output.
 */
class ChatProcessTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private List<JsonNode> run(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                CandorCommand.class.getName(), "chat", "--json",
                "--set", "company.name=Northwind", "--set", "company.time-zone=Europe/London"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(stdout).isZero();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : stdout.split("\\R")) {
            if (!line.isBlank()) {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }

    private static List<String> types(List<JsonNode> nodes) {
        return nodes.stream().map(n -> n.get("type").asText()).toList();
    }

    @Test
    void inboundQualificationToABookedCallback() throws Exception {
        List<JsonNode> actions = run(String.join("\n", "we need to handle more sales calls", "about 10 people",
                "i decide", "around 1000 dollars a month", "this month", "yes", "tomorrow at 11 am", "no thanks") + "\n");

        assertThat(actions.get(0).get("text").asText()).startsWith("Hello, you're talking to Northwind's AI assistant");
        JsonNode callback = actions.stream().filter(a -> a.get("type").asText().equals("callback")).findFirst().orElseThrow();
        assertThat(callback.get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(callback.get("when").asText()).endsWith("T11:00Z");
        assertThat(types(actions)).contains("qualification", "score").last().isEqualTo("end");
    }

    @Test
    void outboundNotNowNotInterestedAndStopCalling() throws Exception {
        assertThat(types(run("not now\ntomorrow at 2 pm\n", "--outbound"))).contains("callback").last().isEqualTo("end");

        List<JsonNode> declined = run("not interested\n", "--outbound");
        assertThat(declined.get(declined.size() - 1).get("reason").asText()).isEqualTo("not_interested");

        assertThat(types(run("stop calling me\n", "--outbound"))).contains("dnc").last().isEqualTo("end");
    }

    @Test
    void areYouARobotIsAnsweredTruthfully() throws Exception {
        List<JsonNode> actions = run("are you a robot?\n");

        assertThat(actions.get(1).get("text").asText()).startsWith("No, I'm an AI assistant, not a person.");
    }

    @Test
    void askingForAPersonHandsOff() throws Exception {
        List<JsonNode> actions = run("can i talk to a reprezentative\n");

        JsonNode last = actions.get(actions.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("handoff");
        assertThat(last.get("reason").asText()).isEqualTo("caller_request");
    }
}

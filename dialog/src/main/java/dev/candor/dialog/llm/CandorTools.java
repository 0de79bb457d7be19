package dev.candor.dialog.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.dialog.AgentAction;
import dev.candor.dialog.HandoffReason;
import dev.candor.dialog.DialogOptions;
import dev.candor.dialog.catalog.CatalogSearch;
import dev.candor.dialog.policy.CallbackTimeParser;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.io.IOException;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tools the model may call, and what each becomes: {@code lookup_product} answers from the catalog
 * (the model sees the result); the others become agent actions, checked like any other.
 */
final class CandorTools {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The handoff reasons the model may give; the others (asr_unavailable, supervisor_takeover) are not its call. */
    static final List<HandoffReason> MODEL_REASONS = List.of(HandoffReason.CALLER_REQUEST, HandoffReason.HIGH_VALUE,
            HandoffReason.CALLER_UPSET, HandoffReason.NOT_UNDERSTOOD, HandoffReason.VIP, HandoffReason.SENSITIVE_TOPIC);
    private final CatalogSearch catalog;
    private final ZoneId zone;
    private final InstantSource clock;

    CandorTools(DialogOptions options) {
        this.catalog = options.catalogSearch();
        this.zone = options.timeZone();
        this.clock = options.clock();
    }

    static List<ToolSpecification> specifications() {
        String reasons = String.join(", ", MODEL_REASONS.stream().map(HandoffReason::code).toList());
        return List.of(
                tool("lookup_product", "Look up products, plans, prices, discounts and FAQs in the catalog. "
                        + "Use it before stating any fact about the product.", Map.of("query", "what to look up")),
                tool("record_qualification", "Record what the caller said about budget, authority, need and timeline.",
                        Map.of("budget", "budget in the caller's words", "authority", "who decides",
                                "need", "what they need", "timeline", "when they want it")),
                tool("handoff", "Hand the caller to a person. reason is one of: " + reasons + ".",
                        Map.of("reason", "one of " + reasons, "summary", "three sentences for the person")),
                tool("schedule_callback", "Book a callback at a time the caller named.",
                        Map.of("when", "ISO-8601 local date-time in the caller's time zone, e.g. 2026-11-24T15:00, "
                                + "or the caller's words, e.g. tomorrow at 3 pm", "note", "what the call is about")),
                tool("mark_do_not_call", "The caller asked never to be called again.", Map.of("reason", "their words")),
                tool("end_call", "End the call politely.", Map.of("reason", "why, e.g. completed or not_interested")));
    }

    private static ToolSpecification tool(String name, String description, Map<String, String> params) {
        JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
        params.forEach(schema::addStringProperty);
        return ToolSpecification.builder().name(name).description(description).parameters(schema.build()).build();
    }

    /** A tool's outcome: an action to take and/or text for the model to read. */
    record Outcome(Optional<AgentAction> action, String resultForModel) {
    }

    Outcome execute(ToolExecutionRequest request) {
        Map<String, String> args = arguments(request.arguments());
        return switch (request.name()) {
            case "lookup_product" -> new Outcome(Optional.empty(), catalog.answer(args.getOrDefault("query", ""))
                    .map(m -> m.entry().answer()).orElse("Not in the catalog. Say you don't know and offer a person."));
            case "record_qualification" -> {
                Map<String, String> slots = new LinkedHashMap<>();
                for (String k : List.of("budget", "authority", "need", "timeline")) {
                    if (!args.getOrDefault(k, "").isBlank()) {
                        slots.put(k, args.get(k));
                    }
                }
                yield new Outcome(Optional.of(new AgentAction.RecordQualification(slots)), "recorded");
            }
            case "handoff" -> new Outcome(Optional.of(new AgentAction.Handoff(reason(args.get("reason")),
                    args.getOrDefault("summary", "Handed over by the language model."))), "handing off");
            case "schedule_callback" -> when(args.get("when"))
                    .map(w -> new Outcome(Optional.of(new AgentAction.ScheduleCallback(w, args.getOrDefault("note", ""))), "booked"))
                    .orElse(new Outcome(Optional.empty(), "invalid time; ask the caller for a day and time"));
            case "mark_do_not_call" -> new Outcome(Optional.of(new AgentAction.MarkDoNotCall(
                    args.getOrDefault("reason", "the caller asked not to be called"))), "marked");
            case "end_call" -> new Outcome(Optional.of(new AgentAction.EndCall(args.getOrDefault("reason", "completed"))), "ending");
            default -> new Outcome(Optional.empty(), "unknown tool " + request.name());
        };
    }

    private static HandoffReason reason(String code) {
        for (HandoffReason r : MODEL_REASONS) {
            if (r.code().equalsIgnoreCase(String.valueOf(code).strip())) {
                return r;
            }
        }
        return HandoffReason.CALLER_REQUEST;
    }

    private Optional<ZonedDateTime> when(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.strip().replaceAll("(Z|[+-]\\d\\d:\\d\\d)$", ""))
                    .atZone(zone));
        } catch (DateTimeParseException e) {
            return CallbackTimeParser.parse(text, clock.instant().atZone(zone));
        }
    }

    private static Map<String, String> arguments(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
            node.fields().forEachRemaining(e -> out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        } catch (IOException e) {
            // Bad arguments from the model: treated as none; the tool then does its default.
        }
        return out;
    }
}

package dev.candor.speech.asr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Vosk's JSON results into events. Partial: {@code {"partial": "hello wor"}}, with {@code
 * "partial_result"} words in the final's form when partial words are enabled. Final: {@code
 * {"result": [{"conf": 0.98, "start": 1.23, "end": 1.5, "word": "hello"}, ...], "text": "hello
 * world"}}, with word times in seconds since the stream's first sample. Empty texts give no event.
 *
 * <p>Thread-safe.
 */
final class VoskJson {

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * A partial, with its words when Vosk gives them ({@code "partial_result"}, with
     * {@code setPartialWords(true)}).
     */
    Optional<RecognitionEvent.Partial> partial(String json) {
        JsonNode root = read(json);
        String text = root.path("partial").asText("").trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<Word> words = new ArrayList<>();
        for (JsonNode node : root.path("partial_result")) {
            words.add(word(node, json));
        }
        return Optional.of(new RecognitionEvent.Partial(text, words));
    }

    /**
     * @param segmentStartMillis media time where this utterance's audio began, used when Vosk gives
     *     no word times
     * @param segmentEndMillis media time of the last sample fed, likewise
     */
    Optional<RecognitionEvent.Final> finalResult(
            String json, long segmentStartMillis, long segmentEndMillis) {
        JsonNode root = read(json);
        String text = root.path("text").asText("").trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<Word> words = new ArrayList<>();
        for (JsonNode node : root.path("result")) {
            words.add(word(node, json));
        }
        double confidence = words.stream().mapToDouble(Word::confidence).average().orElse(0);
        long start = words.isEmpty() ? segmentStartMillis : words.get(0).startMillis();
        long end = words.isEmpty() ? segmentEndMillis : words.get(words.size() - 1).endMillis();
        return Optional.of(
                new RecognitionEvent.Final(text, confidence, start, Math.max(start, end), words));
    }

    private static Word word(JsonNode node, String json) {
        if (!node.path("word").isTextual() || !node.path("start").isNumber()
                || !node.path("end").isNumber()) {
            throw new IllegalStateException(
                    "unreadable Vosk word " + node + " in " + json
                            + " (expected word, start and end; enable setWords(true))");
        }
        double confidence = Math.min(1, Math.max(0, node.path("conf").asDouble(0)));
        long start = Math.max(0, Math.round(node.get("start").asDouble() * 1000));
        long end = Math.max(start, Math.round(node.get("end").asDouble() * 1000));
        return new Word(node.get("word").asText(), confidence, start, end);
    }

    private JsonNode read(String json) {
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalStateException(
                        "unreadable Vosk result: " + json + " (expected an object)");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable Vosk result: " + json, e);
        }
    }
}
